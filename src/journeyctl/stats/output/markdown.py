"""``--format markdown``: the scorecard as tables for a pull-request comment, a GitHub job
summary or a wiki page.

User text is escaped (`stats.output.escape`); ids are code spans. A comment holds 65,536
characters at most, so each table shows `MAX_ROWS` rows and says how many it left out (the
json and csv formats have them all).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from journeyctl.stats.health import DocumentHealth
from journeyctl.stats.output import cells
from journeyctl.stats.output.escape import code, markdown
from journeyctl.stats.report import ProjectHealth, StatsReport
from journeyctl.stats.teams import TeamHealth

MAX_ROWS = 100


def render(report: StatsReport) -> str:
    """The whole report as Markdown."""
    parts = [
        "### Journey health",
        *_documents(report.documents),
        "### Teams",
        *_teams(report.teams, report.project.has_registry),
        "### Project",
        _project(report.project),
        *_skipped(report),
    ]
    return "\n\n".join(parts) + "\n"


def _documents(documents: Sequence[DocumentHealth]) -> Iterator[str]:
    if not documents:
        yield "No journeys or workflows found."
        return
    header = (
        "| Document | Kind | State | Steps | Unowned | Pains addressed | Overdue "
        "| Missed targets | Findings E/W/I | Emotion | By stage | Path time (sla) |\n"
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"
    )
    rows = [
        f"| {code(d.id)} {markdown(d.title)} | {d.kind} | {d.state} | {d.steps} "
        f"| {d.unowned_steps} | {cells.pains(d)} | {d.opportunities_overdue} "
        f"| {d.metrics_missed}/{d.metrics} | {cells.findings(d.findings)} "
        f"| {cells.emotion(d.emotion.average)} | {cells.sparkline(d.emotion.by_stage.values())} "
        f"| {cells.path_time(d.time)} |"
        for d in documents[:MAX_ROWS]
    ]
    yield "\n".join([header, *rows])
    yield from _left_out(len(documents), "document", "`--format csv` or `--format json`")
    bound = any(not d.time.longest_path_exact for d in documents)
    yield (
        "_By stage_: average emotion of each stage, ▁ -2 … █ +2 (· none). "
        "_Path time_: the sum of step `sla` along the shortest and the longest path"
        + (" (≤: an upper bound)." if bound else ".")
    )


def _teams(teams: Sequence[TeamHealth], registry: bool) -> Iterator[str]:
    if not teams:
        yield "No teams: no owners registry and no owner named."
        return
    header = (
        "| Team | Name | Steps | Stages | Pains | Opportunities | Overdue | Findings E/W/I |\n"
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    )
    rows = [
        f"| {code(t.id)} | {_team_name(t, registry)} | {t.steps} | {t.stages} | {t.pain_points} "
        f"| {t.opportunities} | {t.opportunities_overdue} | {cells.findings(t.findings)} |"
        for t in teams[:MAX_ROWS]
    ]
    yield "\n".join([header, *rows])
    yield from _left_out(len(teams), "team")
    yield (
        "_Steps_: those the team owns (the step's owner, else its stage's); "
        "pains and findings on them."
    )


def _team_name(team: TeamHealth, registry: bool) -> str:
    name = markdown(team.name or "")
    if team.in_registry or not registry:
        return name
    return f"{name} ⚠️ not in the owners registry".strip()


def _left_out(count: int, noun: str, formats: str = "`--format json`") -> Iterator[str]:
    """A note on the rows past `MAX_ROWS`, and where to find them all."""
    if count > MAX_ROWS:
        yield f"_… and {cells.plural(count - MAX_ROWS, f'more {noun}')}: see {formats}._"


def _project(project: ProjectHealth) -> str:
    counts = project.findings
    teams = cells.plural(project.teams, "team")
    if project.teams_not_in_registry and project.has_registry:
        teams += f" ({project.teams_not_in_registry} not in the owners registry)"
    lines = [
        f"{cells.plural(project.documents, 'document')} "
        f"({cells.plural(project.journeys, 'journey')}, "
        f"{cells.plural(project.workflows, 'workflow')}), "
        f"{cells.plural(project.personas, 'persona')}, {teams}",
        f"{cells.plural(project.steps, 'step')}, {project.unowned_steps} unowned",
        f"{cells.plural(project.pain_points, 'pain point')}, "
        f"{project.pain_points_addressed} addressed",
        f"{cells.plural(project.opportunities, 'opportunity', 'opportunities')}, "
        f"{project.opportunities_overdue} overdue",
        f"{cells.plural(project.metrics, 'metric')}, {project.metrics_missed} missing the "
        f"target, {project.metrics_without_target} without one",
        f"average emotion {cells.emotion(project.emotion_average)}",
        f"lint findings: {cells.plural(counts.errors, 'error')}, "
        f"{cells.plural(counts.warnings, 'warning')}, {cells.plural(counts.infos, 'info')}",
    ]
    return "\n".join(f"- {line}" for line in lines)


def _skipped(report: StatsReport) -> Iterator[str]:
    if not report.skipped:
        return
    yield "### Not counted\n\nThese files do not load (see `journeyctl lint`):"
    lines = [
        f"- {markdown(s.path, 200)}: {markdown(s.reason, 200)}" for s in report.skipped[:MAX_ROWS]
    ]
    yield "\n".join(lines)
    yield from _left_out(len(report.skipped), "file")

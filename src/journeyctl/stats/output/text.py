"""``--format text``: a compact scorecard: one row per document, then teams, then the project.

Every name a file gives (ids, titles, team names, paths) goes through the one sanitizer, so a
file cannot drive the terminal or start a CI workflow command.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rich.cells import cell_len
from rich.text import Text

from journeyctl.lint.report.text import to_string
from journeyctl.stats.health import FindingCounts
from journeyctl.stats.output import cells
from journeyctl.stats.report import ProjectHealth, StatsReport
from journeyctl.workspace.messages import printable_path, printable_text

DOCUMENT_HEADER = [
    "Documents",
    "kind",
    "state",
    "steps",
    "unowned",
    "pains addressed",
    "overdue",
    "missed targets",
    "findings E/W/I",
    "emotion",
    "by stage",
    "path time (sla)",
]
TEAM_HEADER = [
    "Teams",
    "steps",
    "stages",
    "pains",
    "opportunities",
    "overdue",
    "findings E/W/I",
    "name",
]


def render(report: StatsReport, color: bool = False) -> str:
    """The scorecard, coloured when asked."""
    lines = [*_documents(report), *_teams(report), *_project(report.project), *_skipped(report)]
    return to_string(lines, color)


def _documents(report: StatsReport) -> Iterator[Text]:
    if not report.documents:
        yield Text("No journeys or workflows found.")
        return
    rows: list[list[str | Text]] = [list(DOCUMENT_HEADER)]
    for doc in report.documents:
        rows.append(
            [
                f"  {doc.id}",
                doc.kind,
                doc.state,
                str(doc.steps),
                _alarm(doc.unowned_steps, str(doc.unowned_steps)),
                _alarm(doc.pain_points - doc.pain_points_addressed, cells.pains(doc), "yellow"),
                _alarm(doc.opportunities_overdue, str(doc.opportunities_overdue), "yellow"),
                _alarm(doc.metrics_missed, f"{doc.metrics_missed}/{doc.metrics}", "yellow"),
                _findings(doc.findings),
                cells.emotion(doc.emotion.average),
                cells.sparkline(doc.emotion.by_stage.values()),
                cells.path_time(doc.time),
            ]
        )
    yield from table(rows, "---rrrrrrr--")
    bound = any(not doc.time.longest_path_exact for doc in report.documents)
    yield Text(
        "  by stage: average emotion of each stage, ▁ -2 … █ +2 (· none); "
        f"path time: sum of step sla, shortest {cells.DASH} longest path"
        + (" (≤: an upper bound)" if bound else "")
    )


def _teams(report: StatsReport) -> Iterator[Text]:
    if not report.teams:
        return
    yield Text()
    rows: list[list[str | Text]] = [list(TEAM_HEADER)]
    for team in report.teams:
        name = printable_text(team.name or "")
        if not team.in_registry and report.project.has_registry:
            name = f"{name} (not in the owners registry)".strip()
        rows.append(
            [
                f"  {team.id}",
                str(team.steps),
                str(team.stages),
                str(team.pain_points),
                str(team.opportunities),
                _alarm(team.opportunities_overdue, str(team.opportunities_overdue), "yellow"),
                _findings(team.findings),
                name,
            ]
        )
    yield from table(rows, "-rrrrrr-")
    yield Text(
        "  steps the team owns (the step's owner, else its stage's); pains and findings on them"
    )


def _project(project: ProjectHealth) -> Iterator[Text]:
    yield Text()
    yield Text("Project", style="bold")
    kinds = ", ".join(
        (cells.plural(project.journeys, "journey"), cells.plural(project.workflows, "workflow"))
    )
    teams = cells.plural(project.teams, "team")
    if project.teams_not_in_registry and project.has_registry:
        teams += f" ({project.teams_not_in_registry} not in the owners registry)"
    yield Text(
        f"  {cells.plural(project.documents, 'document')} ({kinds}), "
        f"{cells.plural(project.personas, 'persona')}, {teams}"
    )
    yield Text(
        f"  {cells.plural(project.steps, 'step')}, {project.unowned_steps} unowned; "
        f"{cells.plural(project.pain_points, 'pain point')}, "
        f"{project.pain_points_addressed} addressed; "
        f"{cells.plural(project.opportunities, 'opportunity', 'opportunities')}, "
        f"{project.opportunities_overdue} overdue"
    )
    yield Text(
        f"  {cells.plural(project.metrics, 'metric')}, {project.metrics_missed} missing "
        f"the target, {project.metrics_without_target} without one; "
        f"average emotion {cells.emotion(project.emotion_average)}"
    )
    counts = project.findings
    yield Text(
        f"  lint findings: {cells.plural(counts.errors, 'error')}, "
        f"{cells.plural(counts.warnings, 'warning')}, {cells.plural(counts.infos, 'info')}"
    )


def _skipped(report: StatsReport) -> Iterator[Text]:
    if not report.skipped:
        return
    yield Text()
    yield Text("Not counted (the file does not load; see journeyctl lint)", style="bold")
    for skipped in report.skipped:
        yield Text(f"  {printable_path(skipped.path)}:{printable_text(skipped.reason)}")


def table(rows: Sequence[Sequence[str | Text]], align: str) -> Iterator[Text]:
    """Rows padded to columns, the first bold; ``r`` in `align` right-aligns a column. The
    last column is not padded. A cell may be styled Text."""
    widths = [max(cell_len(_plain(row[i])) for row in rows) for i in range(len(align))]
    for index, row in enumerate(rows):
        line = Text()
        for column, cell in enumerate(row):
            if column:
                line.append("  ")
            pad = "" if column == len(row) - 1 else " " * (widths[column] - cell_len(_plain(cell)))
            right = column < len(align) and align[column] == "r"
            line.append(pad if right else "")
            line.append(cell)
            line.append("" if right else pad)
        line.rstrip()
        if index == 0:
            line.stylize("bold")
        yield line


def _plain(cell: str | Text) -> str:
    return cell.plain if isinstance(cell, Text) else cell


def _alarm(value: int, shown: str, style: str = "red") -> str | Text:
    """A count that needs attention, coloured when it is not zero."""
    return Text(shown, style=style) if value else shown


def _findings(counts: FindingCounts) -> str | Text:
    style = "red" if counts.errors else "yellow" if counts.warnings else ""
    return Text(cells.findings(counts), style=style) if style else cells.findings(counts)

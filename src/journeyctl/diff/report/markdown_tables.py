"""The tables of the markdown report: summary, stages, teams, targets and lint findings."""

from __future__ import annotations

from collections.abc import Sequence

from journeyctl.core.finding import Finding
from journeyctl.diff import DocumentDiff, MetricSummary, TeamSummary
from journeyctl.diff.report.markdown_escape import STYLE, code, text
from journeyctl.diff.report.table_rows import stage_row, summary_rows
from journeyctl.diff.report.wording import arrow, element_text, metric_status, number_change

MAX_TABLE_ROWS = 50
MAX_NAMES = 4


def table(header: Sequence[str], rows: Sequence[Sequence[str]], align: str = "") -> list[str]:
    """A Markdown table of already-escaped cells, and a blank line; `align` has ``r`` for
    right-aligned columns."""
    marks = align or "-" * len(header)
    rule = ["---:" if mark == "r" else "---" for mark in marks]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return [*lines, ""]


def summary_table(diff: DocumentDiff) -> list[str]:
    """The summary table: each measure before and after, and the change."""
    return table([" ", "before", "after", "change"], summary_rows(diff, STYLE), "-rr-")


def stage_table(diff: DocumentDiff) -> list[str]:
    """One row per stage: steps, emotion, lowest moment, duration and what changed."""
    assert diff.summary is not None
    stages = diff.summary.stage_summaries
    rows = [stage_row(stage, diff.changes, STYLE) for stage in stages[:MAX_TABLE_ROWS]]
    if not rows:
        return []
    header = ["stage", "steps", "avg emotion", "lowest emotion", "duration", "what changed"]
    return _cut(["#### Stages", "", *table(header, rows, "-rrrr-")], len(stages))


def team_table(teams: Sequence[TeamSummary]) -> list[str]:
    """The teams for which anything changed (`TeamSummary.affected`, as in every report),
    and a line naming the others."""
    changed = [team for team in teams if team.affected]
    if not changed:
        return []
    rows = [
        [
            code(team.team),
            arrow(team.steps.before, team.steps.after),
            _names(team.gained),
            _names(team.lost),
            _names(team.changed),
            arrow(team.opportunities.before, team.opportunities.after),
        ]
        for team in changed[:MAX_TABLE_ROWS]
    ]
    header = ["team", "steps owned", "gained", "lost", "changed", "opportunities owned"]
    lines = _cut(["#### Teams", "", *table(header, rows, "-r---r")], len(changed))[:-1]
    same = [t.team for t in teams if t not in changed]
    if same:
        lines += ["", f"No change for {_names(same, MAX_TABLE_ROWS)}."]
    return [*lines, ""]


def _names(names: Sequence[str], most: int = MAX_NAMES) -> str:
    shown = [code(name) for name in names[:most]]
    if len(names) > most:
        shown.append(f"and {len(names) - most} more")
    return ", ".join(shown)


def target_table(diff: DocumentDiff, metrics: Sequence[MetricSummary]) -> list[str]:
    """The metrics added, removed, or whose target or actual moved (at most 50 rows)."""
    changed = [m for m in metrics if m.changed]
    if not changed:
        return []
    rows = []
    for metric in changed[:MAX_TABLE_ROWS]:
        unit = text(metric.unit) if metric.unit else ""
        better = "lower is better" if metric.better == "lower" else ""
        rows.append(
            [
                text(diff.name_of("stage", metric.stage)),
                text(metric.name) + metric_status(metric),
                number_change(metric.target.before, metric.target.after),
                number_change(metric.actual.before, metric.actual.after),
                ", ".join(x for x in (unit, better) if x),
            ]
        )
    lines = ["#### Targets", ""]
    lines += table(["stage", "metric", "target", "actual", "unit"], rows, "--rr-")
    return _cut(lines, len(changed))


def findings_table(findings: Sequence[Finding], line_of: str) -> list[str]:
    """Lint findings: severity, rule, where, message and line (at most 50 rows)."""
    rows = [
        [
            finding.severity.label,
            code(finding.rule),
            text(element_text(finding)),
            text(finding.message),
            str(finding.line),
        ]
        for finding in findings[:MAX_TABLE_ROWS]
    ]
    lines = table(["severity", "rule", "where", "message", line_of], rows, "----r")
    return _cut(lines, len(findings))


def _cut(lines: list[str], count: int) -> list[str]:
    """A table of `count` rows, with a line saying how many more there were than it shows
    (after a blank line: a line right after a table would be one more row of it)."""
    if count > MAX_TABLE_ROWS:
        lines[-1:] = ["", f"…and {count - MAX_TABLE_ROWS} more.", ""]
    return lines

"""The tables of the text report: summary, stages, teams and targets, padded to columns."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rich.cells import cell_len
from rich.text import Text

from journeyctl.diff import DocumentDiff, MetricSummary, TeamSummary
from journeyctl.diff.report.table_rows import stage_row, summary_rows
from journeyctl.diff.report.text_escape import STYLE, printable
from journeyctl.diff.report.wording import arrow, metric_status, number_change

MAX_NAMES = 4


def summary_table(diff: DocumentDiff) -> Iterator[Text]:
    """The summary table; the lowest moments, too wide for a column, on lines of their own."""
    rows = summary_rows(diff, STYLE)
    table = [["Summary", "before", "after", "change"]]
    table += [[f"  {label}", *rest] for label, *rest in rows if label != "Lowest moment"]
    yield from table_lines(table, "-rr-")
    for label, before, after, _ in rows:
        if label == "Lowest moment":
            yield Text(
                f"  {label}: {before} → {after}" if before != after else f"  {label}: {after}"
            )


def stage_table(diff: DocumentDiff) -> Iterator[Text]:
    """One row per stage: steps, emotion, lowest moment, duration and what changed."""
    assert diff.summary is not None
    rows = [stage_row(stage, diff.changes, STYLE) for stage in diff.summary.stage_summaries]
    if not rows:
        return
    yield Text()
    header = ["Stages", "steps", "avg emotion", "lowest emotion", "duration", "what changed"]
    yield from table_lines([header, *([f"  {r[0]}", *r[1:]] for r in rows)], "-rrrr-")


def team_table(teams: Sequence[TeamSummary]) -> Iterator[Text]:
    """The teams whose steps or opportunities changed: counts, and steps gained, lost, changed."""
    changed = [team for team in teams if team.affected]
    if not changed:
        return
    yield Text()
    rows = [["Teams", "steps", "opportunities", "gained, lost and changed steps"]]
    for team in changed:
        moves = [
            f"{mark} {_names(steps)}"
            for mark, steps in (("+", team.gained), ("-", team.lost), ("~", team.changed))
            if steps
        ]
        rows.append(
            [
                f"  {team.team}",
                arrow(team.steps.before, team.steps.after),
                arrow(team.opportunities.before, team.opportunities.after),
                "; ".join(moves),
            ]
        )
    yield from table_lines(rows, "-rr-")


def _names(step_ids: Sequence[str]) -> str:
    shown = list(step_ids[:MAX_NAMES])
    if len(step_ids) > MAX_NAMES:
        shown.append(f"and {len(step_ids) - MAX_NAMES} more")
    return ", ".join(shown)


def target_table(metrics: Sequence[MetricSummary]) -> Iterator[Text]:
    """The metrics added, removed, or whose target or actual moved."""
    changed = [m for m in metrics if m.changed]
    if not changed:
        return
    yield Text()
    rows = [["Targets", "target", "actual", "unit"]]
    for metric in changed:
        unit = printable(metric.unit or "")
        if metric.better == "lower":
            unit = f"{unit}, lower is better" if unit else "lower is better"
        rows.append(
            [
                f"  {metric.stage} / {metric.name}{metric_status(metric)}",
                number_change(metric.target.before, metric.target.after),
                number_change(metric.actual.before, metric.actual.after),
                unit,
            ]
        )
    yield from table_lines(rows, "-rr-")


def table_lines(rows: Sequence[Sequence[str]], align: str) -> Iterator[Text]:
    """Rows padded to columns (the first row bold, as a header); `align` has ``r`` for
    right-aligned columns. The last column is not padded."""
    widths = [max(cell_len(row[i]) for row in rows) for i in range(len(align))]
    for index, row in enumerate(rows):
        cells = []
        for column, cell in enumerate(row):
            if column == len(row) - 1:
                cells.append(cell)
                continue
            pad = " " * (widths[column] - cell_len(cell))
            cells.append(pad + cell if align[column] == "r" else cell + pad)
        line = Text("  ".join(cells).rstrip())
        if index == 0:
            line.stylize("bold")
        yield line

"""``--format text`` (the default): the diff for a terminal, in the order a reviewer reads it.

The verdict and a summary table, then tables per stage, per team and of moved targets, the
lint findings introduced and fixed (``path:line:col: severity[rule] message``), and the changes
stage by stage: ``+`` added, ``-`` removed, ``~`` changed, ``>`` moved. Colour only on request
(a terminal); user text is never read as markup, and control characters in it are shown
escaped so that a file cannot drive the terminal.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from rich.cells import cell_len
from rich.text import Text

from journeyctl.core.finding import Finding, Severity
from journeyctl.diff import DiffReport, DocumentDiff, MetricSummary, TeamSummary
from journeyctl.diff.report import describe as d
from journeyctl.lint.report.text import to_string

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_LEVEL_STYLES = {"fail": "bold red", "warn": "bold yellow", "ok": "bold green"}
_LEVEL_MARKS = {"fail": "✗", "warn": "!", "ok": "✓"}
_SEVERITY_STYLES = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "bold yellow",
    Severity.INFO: "bold blue",
}
_OP_STYLES = {"+": "green", "-": "red", "~": "yellow", ">": "cyan"}
MAX_NAMES = 4


def printable(value: str) -> str:
    """User text on one terminal line: control characters (newlines too) shown as escapes."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", value)


STYLE = d.Style(
    text=printable,
    code=lambda s: s,
    strong=lambda s: s,
    emphasis=lambda s: s,
    strike=lambda s: s,
)


def render(report: DiffReport, color: bool = False) -> str:
    """The whole diff as text."""
    lines: list[Text] = []
    if not report.diffs:
        if report.base is not None:
            lines.append(Text(f"No journeyctl file changed since {printable(report.base.rev)}."))
        return to_string(lines, color)
    if report.base is not None or len(report.diffs) > 1:
        lines.extend(_overview(report))
    for index, diff in enumerate(report.diffs):
        if index or lines:
            lines.append(Text())
        lines.extend(_document(diff))
    return to_string(lines, color)


def _overview(report: DiffReport) -> Iterator[Text]:
    base = report.base
    if base is not None:
        since = printable(base.rev)
        if base.compared != base.commit:
            since += f" (where this branch left it, {base.compared[:12]})"
        count = d.plural(len(report.diffs), "journeyctl file")
        yield Text(f"{count} changed since {since}:", style="bold")
    rows = []
    for diff in report.diffs:
        path, status = d.overview_entry(diff, base.rev if base else None)
        level = d.verdict(diff, STYLE).level
        rows.append(
            [
                f"  {_LEVEL_MARKS[level]}",
                printable(path),
                printable(status),
                f"{len(diff.findings.introduced)} introduced, {len(diff.findings.fixed)} fixed",
            ]
        )
    yield from _table(rows, "----")


def _document(diff: DocumentDiff) -> Iterator[Text]:
    side = diff.subject
    yield Text(f"{side.kind} {side.id}: {printable(side.title)}", style="bold")
    if diff.old is None:
        yield Text(f"  new file: {printable(side.label)}")
    elif diff.new is None:
        yield Text(f"  deleted: {printable(side.label)}")
    else:
        yield Text(f"  old: {printable(diff.old.label)}" + _state(diff.old.state))
        yield Text(f"  new: {printable(diff.new.label)}" + _state(diff.new.state))
    if diff.status == "unchanged":
        yield Text("  No change in meaning: only layout, comments or x- keys differ.")
    yield Text()
    verdict = d.verdict(diff, STYLE)
    yield Text.assemble(
        (f"{_LEVEL_MARKS[verdict.level]} Map quality: ", _LEVEL_STYLES[verdict.level]),
        verdict.quality,
    )
    if verdict.customer:
        yield Text.assemble(("  For the customer: ", "bold"), "; ".join(verdict.customer))
    if verdict.worse:
        yield Text.assemble(("  Worse: ", "bold yellow"), "; ".join(verdict.worse))
    if diff.summary is not None and diff.status != "unchanged":
        yield Text()
        yield from _summary(diff)
        yield from _stages(diff)
        yield from _teams(diff.summary.teams)
        yield from _targets(diff.summary.metric_summaries)
    yield from _findings(diff)
    yield from _changes(diff)


def _state(state: str | None) -> str:
    return f" ({state})" if state else ""


def _summary(diff: DocumentDiff) -> Iterator[Text]:
    """The summary table; the lowest moments, too wide for a column, on lines of their own."""
    rows = d.summary_rows(diff, STYLE)
    table = [["Summary", "before", "after", "change"]]
    table += [[f"  {label}", *rest] for label, *rest in rows if label != "Lowest moment"]
    yield from _table(table, "-rr-")
    for label, before, after, _ in rows:
        if label == "Lowest moment":
            yield Text(
                f"  {label}: {before} → {after}" if before != after else f"  {label}: {after}"
            )


def _stages(diff: DocumentDiff) -> Iterator[Text]:
    assert diff.summary is not None
    rows = [d.stage_row(stage, diff.changes, STYLE) for stage in diff.summary.stage_summaries]
    if not rows:
        return
    yield Text()
    header = ["Stages", "steps", "avg emotion", "lowest emotion", "duration", "what changed"]
    yield from _table([header, *([f"  {r[0]}", *r[1:]] for r in rows)], "-rrrr-")


def _teams(teams: Sequence[TeamSummary]) -> Iterator[Text]:
    changed = [
        t
        for t in teams
        if t.gained or t.lost or t.changed or t.steps.changed or t.opportunities.changed
    ]
    if not changed:
        return
    yield Text()
    rows = [["Teams", "steps", "opportunities", "gained, lost and changed steps"]]
    for team in changed:
        moves = []
        if team.gained:
            moves.append("+ " + _names(team.gained))
        if team.lost:
            moves.append("- " + _names(team.lost))
        if team.changed:
            moves.append("~ " + _names(team.changed))
        rows.append(
            [
                f"  {team.team}",
                _arrow(team.steps.before, team.steps.after),
                _arrow(team.opportunities.before, team.opportunities.after),
                "; ".join(moves),
            ]
        )
    yield from _table(rows, "-rr-")


def _names(step_ids: Sequence[str]) -> str:
    shown = list(step_ids[:MAX_NAMES])
    if len(step_ids) > MAX_NAMES:
        shown.append(f"and {len(step_ids) - MAX_NAMES} more")
    return ", ".join(shown)


def _arrow(before: object, after: object) -> str:
    return str(after) if before == after else f"{before} → {after}"


def _targets(metrics: Sequence[MetricSummary]) -> Iterator[Text]:
    changed = [m for m in metrics if m.changed]
    if not changed:
        return
    yield Text()
    rows = [["Targets", "target", "actual", "unit"]]
    for metric in changed:
        status = (
            " (added)"
            if not metric.exists.before
            else " (removed)"
            if not metric.exists.after
            else ""
        )
        unit = printable(metric.unit or "")
        if metric.better == "lower":
            unit = f"{unit}, lower is better" if unit else "lower is better"
        rows.append(
            [
                f"  {metric.stage} / {metric.name}{status}",
                _values(metric.target.before, metric.target.after),
                _values(metric.actual.before, metric.actual.after),
                unit,
            ]
        )
    yield from _table(rows, "-rr-")


def _values(before: float | None, after: float | None) -> str:
    if before == after:
        return d.number(after)
    return f"{d.number(before)} → {d.number(after)}"


def _findings(diff: DocumentDiff) -> Iterator[Text]:
    delta = diff.findings
    if not delta.introduced and not delta.fixed:
        return
    yield Text()
    yield Text("Lint findings", style="bold")
    if delta.introduced:
        yield Text(f"  introduced ({d.severities(delta.introduced)}):")
        for finding in delta.introduced:
            yield _finding(finding)
    else:
        yield Text("  introduced: none")
    if delta.fixed:
        yield Text(f"  fixed ({d.severities(delta.fixed)}):")
        for finding in delta.fixed:
            yield _finding(finding)


def _finding(finding: Finding) -> Text:
    return Text.assemble(
        "    ",
        (f"{printable(finding.path)}:{finding.line}:{finding.column}:", "bold"),
        " ",
        (finding.severity.label, _SEVERITY_STYLES[finding.severity]),
        ("[", "dim"),
        (finding.rule, "bold"),
        ("]", "dim"),
        " ",
        printable(finding.message),
    )


def _changes(diff: DocumentDiff) -> Iterator[Text]:
    document_changes, groups = d.group_changes(diff.changes)
    shown = [c for c in document_changes if c.op in ("changed", "renamed")]
    if not shown and not groups:
        return
    yield Text()
    yield Text("Changes", style="bold")
    for change in shown:
        yield _line("~", f"  {diff.subject.kind} {d.change_line(change, STYLE)}")
    stages = {s.id: s for s in diff.summary.stage_summaries} if diff.summary else {}
    for group in groups:
        yield Text()
        name = printable(diff.name_of("stage", group.stage_id))
        heading = f"  {name} ({group.stage_id})"
        stage = stages.get(group.stage_id)
        if stage is not None:
            what = d.stage_changes_text(stage, diff.changes)
            if stage.status in ("added", "removed"):
                what = f"stage {stage.status}" + (f"; {what}" if what else "")
            heading += f": {what}" if what else ""
        yield Text(heading, style="bold")
        for change in group.own:
            if change.kind == "metric":
                continue  # in the Targets table
            if change.kind == "stage" and change.op in ("added", "removed"):
                continue  # said in the heading
            mark = ">" if change.op == "moved" else "~"
            label = "stage " if change.kind == "stage" else ""
            yield _line(mark, f"    {mark} {label}{d.change_line(change, STYLE)}")
        for step in group.steps:
            yield from _step(diff, step)


def _step(diff: DocumentDiff, group: d.StepGroup) -> Iterator[Text]:
    name, old_name = d.step_name(diff, group)
    ops = {change.op for change in group.own}
    title = f"{printable(name)} ({group.step_id})"
    if "added" in ops:
        data = next(c.new for c in group.own if c.op == "added")
        facts = (
            d.step_facts(data, diff.owners.get(group.step_id), STYLE)
            if isinstance(data, dict)
            else ""
        )
        yield _line("+", f"    + {title}" + (f": {facts}" if facts else ""))
    elif "removed" in ops:
        data = next(c.old for c in group.own if c.op == "removed")
        facts = (
            d.step_facts(data, diff.owners.get(group.step_id), STYLE)
            if isinstance(data, dict)
            else ""
        )
        yield _line("-", f"    - {title}" + (f": was {facts}" if facts else ""))
    else:
        mark = ">" if ops == {"moved"} else "~"
        renamed = f", renamed from {printable(old_name)}" if old_name is not None else ""
        yield _line(mark, f"    {mark} {title}{renamed}")
        for change in group.own:
            if change.op != "renamed":
                yield Text(f"        {d.step_change_line(diff, change, STYLE)}")
    for change in group.items:
        mark = {"added": "+", "removed": "-"}.get(change.op, "~")
        yield _line(mark, f"        {mark} {d.change_line(change, STYLE)}")


def _line(mark: str, value: str) -> Text:
    return Text(value, style=_OP_STYLES.get(mark, ""))


def _table(rows: Sequence[Sequence[str]], align: str) -> Iterator[Text]:
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

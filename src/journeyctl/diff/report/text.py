"""``--format text`` (the default): the diff for a terminal, in the order a reviewer reads it.

The verdict and a summary table, then tables per stage, per team and of moved targets, the
lint findings introduced and fixed (``path:line:col: severity[rule] message``), and the changes
stage by stage: ``+`` added, ``-`` removed, ``~`` changed, ``>`` moved. Colour only on request
(a terminal); user text is never read as markup, and control characters in it are shown
escaped so that a file cannot drive the terminal.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.text import Text

from journeyctl.core.finding import Finding, Severity
from journeyctl.diff import DiffReport, DocumentDiff
from journeyctl.diff.report.change_lines import (
    StageGroup,
    StepGroup,
    added_or_removed_facts,
    change_line,
    group_changes,
    step_change_line,
    step_name,
)
from journeyctl.diff.report.table_rows import stage_heading_text
from journeyctl.diff.report.text_escape import STYLE, printable
from journeyctl.diff.report.text_tables import (
    stage_table,
    summary_table,
    table_lines,
    target_table,
    team_table,
)
from journeyctl.diff.report.verdict import verdict
from journeyctl.diff.report.wording import overview_entry, plural, severities, since
from journeyctl.lint.report.text import to_string

_LEVEL_STYLES = {"fail": "bold red", "warn": "bold yellow", "ok": "bold green"}
_LEVEL_MARKS = {"fail": "✗", "warn": "!", "ok": "✓"}
_SEVERITY_STYLES = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "bold yellow",
    Severity.INFO: "bold blue",
}
_OP_STYLES = {"+": "green", "-": "red", "~": "yellow", ">": "cyan"}


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
        count = plural(len(report.diffs), "journeyctl file")
        yield Text(f"{count} changed since {since(base, STYLE)}:", style="bold")
    rows = []
    for diff in report.diffs:
        path, status = overview_entry(diff, base.rev if base else None)
        level = verdict(diff, STYLE).level
        rows.append(
            [
                f"  {_LEVEL_MARKS[level]}",
                printable(path),
                printable(status),
                f"{len(diff.findings.introduced)} introduced, {len(diff.findings.fixed)} fixed",
            ]
        )
    yield from table_lines(rows, "----")


def _document(diff: DocumentDiff) -> Iterator[Text]:
    """One document: which files, the verdict, the tables, the findings and the changes."""
    yield from _sides(diff)
    yield Text()
    yield from _verdict(diff)
    if diff.summary is not None and diff.status != "unchanged":
        yield Text()
        yield from summary_table(diff)
        yield from stage_table(diff)
        yield from team_table(diff.summary.teams)
        yield from target_table(diff.summary.metric_summaries)
    yield from _findings(diff)
    yield from _changes(diff)


def _sides(diff: DocumentDiff) -> Iterator[Text]:
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


def _verdict(diff: DocumentDiff) -> Iterator[Text]:
    answer = verdict(diff, STYLE)
    yield Text.assemble(
        (f"{_LEVEL_MARKS[answer.level]} Map quality: ", _LEVEL_STYLES[answer.level]),
        answer.quality,
    )
    if answer.customer:
        yield Text.assemble(("  For the customer: ", "bold"), "; ".join(answer.customer))
    if answer.worse:
        yield Text.assemble(("  Worse: ", "bold yellow"), "; ".join(answer.worse))


def _state(state: str | None) -> str:
    return f" ({state})" if state else ""


def _findings(diff: DocumentDiff) -> Iterator[Text]:
    delta = diff.findings
    if not delta.introduced and not delta.fixed:
        return
    yield Text()
    yield Text("Lint findings", style="bold")
    if delta.introduced:
        yield Text(f"  introduced ({severities(delta.introduced)}):")
        for finding in delta.introduced:
            yield _finding(finding)
    else:
        yield Text("  introduced: none")
    if delta.fixed:
        yield Text(f"  fixed ({severities(delta.fixed)}):")
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
    """The changes: the document's own, then stage by stage, step by step."""
    document_changes, groups = group_changes(diff.changes)
    shown = [c for c in document_changes if c.op in ("changed", "renamed")]
    if not shown and not groups:
        return
    yield Text()
    yield Text("Changes", style="bold")
    for change in shown:
        yield _line("~", f"  {diff.subject.kind} {change_line(change, STYLE)}")
    for group in groups:
        yield Text()
        yield from _stage(diff, group)
        for step in group.steps:
            yield from _step(diff, step)


def _stage(diff: DocumentDiff, group: StageGroup) -> Iterator[Text]:
    """A stage's heading (what changed in it) and its own changes."""
    name = printable(diff.name_of("stage", group.stage_id))
    what = stage_heading_text(diff, group.stage_id)
    yield Text(f"  {name} ({group.stage_id})" + (f": {what}" if what else ""), style="bold")
    for change in group.own:
        if change.kind == "metric":
            continue  # in the Targets table
        if change.kind == "stage" and change.op in ("added", "removed"):
            continue  # said in the heading
        mark = ">" if change.op == "moved" else "~"
        label = "stage " if change.kind == "stage" else ""
        yield _line(mark, f"    {mark} {label}{change_line(change, STYLE)}")


def _step(diff: DocumentDiff, group: StepGroup) -> Iterator[Text]:
    """A step's line (added, removed, or what changed), then its items' changes."""
    name, old_name = step_name(diff, group)
    ops = {change.op for change in group.own}
    title = f"{printable(name)} ({group.step_id})"
    if "added" in ops:
        facts = added_or_removed_facts(diff, group, "added", STYLE)
        yield _line("+", f"    + {title}" + (f": {facts}" if facts else ""))
    elif "removed" in ops:
        facts = added_or_removed_facts(diff, group, "removed", STYLE)
        yield _line("-", f"    - {title}" + (f": was {facts}" if facts else ""))
    else:
        mark = ">" if ops == {"moved"} else "~"
        renamed = f", renamed from {printable(old_name)}" if old_name is not None else ""
        yield _line(mark, f"    {mark} {title}{renamed}")
        for change in group.own:
            if change.op != "renamed":
                yield Text(f"        {step_change_line(diff, change, STYLE)}")
    for change in group.items:
        mark = {"added": "+", "removed": "-"}.get(change.op, "~")
        yield _line(mark, f"        {mark} {change_line(change, STYLE)}")


def _line(mark: str, value: str) -> Text:
    return Text(value, style=_OP_STYLES.get(mark, ""))

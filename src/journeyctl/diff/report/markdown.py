"""``--format markdown``: a pull-request comment that renders well on GitHub.

A verdict and a summary table come first, then tables per stage and per team, the targets that
moved, the lint findings the change introduces (open) and fixes (collapsed), and one
collapsible ``<details>`` block per changed stage.

Everything a user wrote is escaped for where it lands (see `markdown_escape`).

GitHub refuses comments over 65,536 characters: the comment never goes over `LIMIT`. Every
user text is cut to a sane length (`markdown_escape`); when the comment would still be too
long, the collapsed sections are left out from the end, then the comment is cut at a section
(or line) boundary, and a closing note says what was left out (`markdown_fit`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from journeyctl.core.finding import Finding
from journeyctl.diff import DiffReport, DocumentDiff
from journeyctl.diff.report.change_lines import (
    StageGroup,
    StepGroup,
    added_or_removed_facts,
    change_line,
    group_changes,
    item_changes,
    step_change_line,
    step_name,
)
from journeyctl.diff.report.markdown_escape import STYLE, code, html_text, text
from journeyctl.diff.report.markdown_fit import Block, fit
from journeyctl.diff.report.markdown_tables import (
    findings_table,
    stage_table,
    summary_table,
    target_table,
    team_table,
)
from journeyctl.diff.report.table_rows import stage_heading_text
from journeyctl.diff.report.verdict import verdict
from journeyctl.diff.report.wording import arrow, overview_entry, plural, severities, since

MARKER = "<!-- journeyctl-diff -->"
"""First line of every comment, so a bot can find and update its own comment."""
LIMIT = 60_000
"""Characters the comment may use, safely under GitHub's 65,536."""

_ICONS = {"fail": "❌", "warn": "⚠️", "ok": "✅"}
_ADDED = "\N{HEAVY PLUS SIGN}"
_REMOVED = "\N{HEAVY MINUS SIGN}"


def render(report: DiffReport, color: bool = False) -> str:
    """The comment, or an empty string when no journeyctl file changed (`--base`)."""
    if not report.diffs:
        return ""
    blocks: list[Block] = [(f"{MARKER}\n## journeyctl diff\n", False)]
    if report.base is not None or len(report.diffs) > 1:
        blocks.append(("\n".join(_overview(report)), False))
    for diff in report.diffs:
        blocks.extend(_document(diff))
    return fit(blocks, LIMIT)


def _overview(report: DiffReport) -> Iterator[str]:
    base = report.base
    if base is not None:
        changed = plural(len(report.diffs), "journeyctl file")
        yield f"{changed} changed since {since(base, STYLE)}."
        yield ""
    yield "| file | document | status | steps | lint: introduced / fixed |"
    yield "| --- | --- | --- | --- | --- |"
    for diff in report.diffs:
        side = diff.subject
        path, status = overview_entry(diff, base.rev if base else None)
        steps = ""
        if diff.summary is not None:
            steps = arrow(diff.summary.steps.before, diff.summary.steps.after)
        introduced, fixed = diff.findings.introduced, diff.findings.fixed
        icon = _ICONS[verdict(diff, STYLE).level]
        yield (
            f"| {text(path)} | {side.kind} {code(side.id)} | {text(status)} | {steps} | "
            f"{icon} {len(introduced)} / {len(fixed)} |"
        )
    yield ""


def _document(diff: DocumentDiff) -> Iterator[Block]:
    """The blocks of one document, each with whether it may be left out for size."""
    summary = diff.summary if diff.status != "unchanged" else None
    yield "\n".join(_head(diff)), False
    if summary is not None:
        for lines in (
            stage_table(diff),
            team_table(summary.teams),
            target_table(diff, summary.metric_summaries),
        ):
            if lines:
                yield "\n".join(lines), False
    yield from _findings(diff)
    yield from _changes(diff)


def _head(diff: DocumentDiff) -> list[str]:
    """The document's title, its files, the verdict and the summary table."""
    side = diff.subject
    head = [f"### {side.kind.capitalize()}: {text(side.title)}", "", _sides(diff), ""]
    if diff.status == "unchanged":
        head += ["No change in meaning: only layout, comments or `x-` keys differ.", ""]
    answer = verdict(diff, STYLE)
    head.append(f"> {_ICONS[answer.level]} **Map quality:** {answer.quality}.")
    if answer.customer:
        head += [">", f"> **For the customer:** {'; '.join(answer.customer)}."]
    if answer.worse:
        head += [">", f"> **Worse:** {'; '.join(answer.worse)}."]
    head.append("")
    if diff.summary is not None and diff.status != "unchanged":
        head += summary_table(diff)
    return head


def _sides(diff: DocumentDiff) -> str:
    side = diff.subject
    what = f"{side.kind} {code(side.id)}"
    if diff.old is None:
        return f"{what} · new file {text(side.label)}"
    if diff.new is None:
        return f"{what} · deleted file {text(side.label)}"

    def one(info_label: str, state: str | None) -> str:
        return f"**{state}** {text(info_label)}" if state else text(info_label)

    return f"{what} · {one(diff.old.label, diff.old.state)} → {one(diff.new.label, diff.new.state)}"


def _findings(diff: DocumentDiff) -> Iterator[Block]:
    """The lint findings introduced (open), and those fixed (collapsed, expendable)."""
    delta = diff.findings
    if not delta.introduced and not delta.fixed:
        return
    lines = ["#### Lint findings", ""]
    if delta.introduced:
        heading = f"**Introduced: {severities(delta.introduced)}**"
        lines += [heading, "", *findings_table(delta.introduced, "line (new)")]
    else:
        lines += ["None introduced.", ""]
    yield "\n".join(lines), False
    if delta.fixed:
        yield _fixed(delta.fixed), True


def _fixed(findings: Sequence[Finding]) -> str:
    summary = f"Fixed: {html_text(severities(findings))}"
    lines = ["<details>", f"<summary>{summary}</summary>", ""]
    lines += findings_table(findings, "line (old)")
    lines += ["</details>", ""]
    return "\n".join(lines)


def _changes(diff: DocumentDiff) -> Iterator[Block]:
    """The document's own changes, then one collapsible (expendable) block per stage."""
    document_changes, groups = group_changes(diff.changes)
    shown = [c for c in document_changes if c.op in ("changed", "renamed")]
    if shown or groups:
        lines = ["#### Changes", ""]
        lines += [f"- {diff.subject.kind}: {change_line(change, STYLE)}" for change in shown]
        yield "\n".join(lines) + ("\n" if shown else ""), False
    for group in groups:
        yield _stage_details(diff, group), True


def _stage_details(diff: DocumentDiff, group: StageGroup) -> str:
    name = diff.name_of("stage", group.stage_id)
    what = stage_heading_text(diff, group.stage_id)
    summary = f"<b>{html_text(name)}</b>" + (f" · {html_text(what)}" if what else "")
    lines = ["<details>", f"<summary>{summary}</summary>", ""]
    for change in group.own:
        if change.kind == "metric":
            continue  # in the Targets table
        if change.kind == "stage" and change.op in ("added", "removed"):
            lines.append(f"- {_ADDED if change.op == 'added' else _REMOVED} stage {change.op}")
        else:
            label = "stage " if change.kind == "stage" else ""
            lines.append(f"- {label}{change_line(change, STYLE)}")
    for step in group.steps:
        lines.extend(_step_lines(diff, step))
    lines += ["", "</details>", ""]
    return "\n".join(lines)


def _step_lines(diff: DocumentDiff, group: StepGroup) -> Iterator[str]:
    name, old_name = step_name(diff, group)
    ops = {change.op for change in group.own}
    ident = code(group.step_id)
    if "added" in ops:
        facts = added_or_removed_facts(diff, group, "added", STYLE)
        yield f"- {_ADDED} **{text(name)}** {ident} added" + (f": {facts}" if facts else "")
    elif "removed" in ops:
        facts = added_or_removed_facts(diff, group, "removed", STYLE)
        yield f"- {_REMOVED} ~~{text(name)}~~ {ident} removed" + (
            f" (was {facts})" if facts else ""
        )
    else:
        icon = "🔀" if ops == {"moved"} else "✏️"
        renamed = f" (renamed from *{text(old_name)}*)" if old_name is not None else ""
        yield f"- {icon} **{text(name)}** {ident}{renamed}"
        for change in group.own:
            if change.op != "renamed":
                yield f"  - {step_change_line(diff, change, STYLE)}"
    for line in item_changes(group.items, STYLE):
        yield f"  - {line}"

"""``--format markdown``: a pull-request comment that renders well on GitHub.

A verdict and a summary table come first, then tables per stage and per team, the targets that
moved, the lint findings the change introduces (open) and fixes (collapsed), and one
collapsible ``<details>`` block per changed stage.

Everything a user wrote is escaped for where it lands: in Markdown text, HTML is neutralised
(``<`` ``>`` ``&`` become entities), Markdown punctuation that could start a link, image,
emphasis, code span or table cell is backslash-escaped, line breaks become spaces, and
``@name`` gets a zero-width joiner so a journey cannot ping people. Inside ``<summary>``
(raw HTML, where Markdown is not processed) the text is HTML-escaped only. Ids, enum values
and rule names are slugs and go in code spans as they are.

GitHub refuses comments over 65,536 characters: when the comment would be longer, the
per-stage details are cut from the end and a line says so.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence

from journeyctl.core.finding import Finding
from journeyctl.diff import DiffReport, DocumentDiff, MetricSummary, TeamSummary
from journeyctl.diff.report import describe as d

MARKER = "<!-- journeyctl-diff -->"
"""First line of every comment, so a bot can find and update its own comment."""
LIMIT = 60_000
"""Characters the comment may use, safely under GitHub's 65,536."""
MAX_TABLE_ROWS = 50
MAX_NAMES = 4

_SPACE = re.compile(r"\s+")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_MARKDOWN = re.compile(r"([\\`*_\[\]|~!#])")
_MENTION = re.compile(r"@(?=\w)")
_ZWJ = "\u2060"  # word joiner: invisible, and breaks @mentions
_ICONS = {"fail": "❌", "warn": "⚠️", "ok": "✅"}
_ADDED = "\N{HEAVY PLUS SIGN}"
_REMOVED = "\N{HEAVY MINUS SIGN}"


def text(value: str) -> str:
    """User text for Markdown (in a paragraph, a list item or a table cell)."""
    value = _SPACE.sub(" ", _CONTROL.sub("", value)).strip()
    value = html.escape(value, quote=False)
    value = _MARKDOWN.sub(r"\\\1", value)
    return _MENTION.sub("@" + _ZWJ, value)


def html_text(value: str) -> str:
    """User text inside raw HTML such as ``<summary>``: HTML-escaped, on one line."""
    value = _SPACE.sub(" ", _CONTROL.sub("", value)).strip()
    return _MENTION.sub("@" + _ZWJ, html.escape(value, quote=True))


def code(value: str) -> str:
    """A slug, enum value or rule name as a code span (backticks cannot occur in them)."""
    return f"`{value.replace('`', '')}`"


STYLE = d.Style(
    text=text,
    code=code,
    strong=lambda s: f"**{s}**",
    emphasis=lambda s: f"*{s}*",
    strike=lambda s: f"~~{s}~~",
)


def render(report: DiffReport, color: bool = False) -> str:
    """The comment, or an empty string when no journeyctl file changed (`--base`)."""
    if not report.diffs:
        return ""
    blocks: list[tuple[str, bool]] = [(f"{MARKER}\n## journeyctl diff\n", False)]
    if report.base is not None or len(report.diffs) > 1:
        blocks.append(("\n".join(_overview(report)), False))
    for diff in report.diffs:
        blocks.extend(_document(diff))
    return _fit(blocks)


def _fit(blocks: list[tuple[str, bool]]) -> str:
    """Join the blocks; leave out expendable ones from the end while the whole is too long."""
    kept = [True] * len(blocks)
    size = sum(len(block) + 1 for block, _ in blocks)
    cut = 0
    for index in range(len(blocks) - 1, -1, -1):
        if size <= LIMIT:
            break
        block, expendable = blocks[index]
        if expendable:
            kept[index] = False
            size -= len(block) + 1
            cut += 1
    out = [block for (block, _), keep in zip(blocks, kept, strict=True) if keep]
    if cut:
        out.append(
            f"*{d.plural(cut, 'collapsed section')} left out to stay within GitHub's comment "
            "size; run `journeyctl diff` locally to see everything.*\n"
        )
    return "\n".join(out).rstrip("\n") + "\n"


def _overview(report: DiffReport) -> Iterator[str]:
    base = report.base
    if base is not None:
        since = text(base.rev)
        if base.compared != base.commit:
            since += f" (where this branch left it, {code(base.compared[:12])})"
        yield f"{d.plural(len(report.diffs), 'journeyctl file')} changed since {since}."
        yield ""
    yield "| file | document | status | steps | lint: introduced / fixed |"
    yield "| --- | --- | --- | --- | --- |"
    for diff in report.diffs:
        side = diff.subject
        path, status = d.overview_entry(diff, base.rev if base else None)
        steps = ""
        if diff.summary is not None:
            steps = _arrow_text(diff.summary.steps.before, diff.summary.steps.after)
        introduced, fixed = diff.findings.introduced, diff.findings.fixed
        icon = _ICONS[d.verdict(diff, STYLE).level]
        yield (
            f"| {text(path)} | {side.kind} {code(side.id)} | {text(status)} | {steps} | "
            f"{icon} {len(introduced)} / {len(fixed)} |"
        )
    yield ""


def _arrow_text(before: int, after: int) -> str:
    return str(after) if before == after else f"{before} → {after}"


def _document(diff: DocumentDiff) -> Iterator[tuple[str, bool]]:
    """The blocks of one document, each with whether it may be left out for size."""
    side = diff.subject
    head = [f"### {side.kind.capitalize()}: {text(side.title)}", "", _sides(diff), ""]
    if diff.status == "unchanged":
        head += ["No change in meaning: only layout, comments or `x-` keys differ.", ""]
    verdict = d.verdict(diff, STYLE)
    head.append(f"> {_ICONS[verdict.level]} **Map quality:** {verdict.quality}.")
    if verdict.customer:
        head += [">", f"> **For the customer:** {'; '.join(verdict.customer)}."]
    if verdict.worse:
        head += [">", f"> **Worse:** {'; '.join(verdict.worse)}."]
    head.append("")
    summary = diff.summary if diff.status != "unchanged" else None
    if summary is not None:
        head += _summary_table(diff)
    yield "\n".join(head), False
    if summary is not None:
        for lines in (
            _stage_table(diff),
            _team_table(summary.teams),
            _targets(diff, summary.metric_summaries),
        ):
            if lines:
                yield "\n".join(lines), False
    if diff.findings.introduced or diff.findings.fixed:
        lines = ["#### Lint findings", ""]
        if diff.findings.introduced:
            lines += _introduced(diff.findings.introduced)
        else:
            lines += ["None introduced.", ""]
        yield "\n".join(lines), False
        if diff.findings.fixed:
            yield _fixed(diff.findings.fixed), True
    document_changes, groups = d.group_changes(diff.changes)
    shown = [c for c in document_changes if c.op in ("changed", "renamed")]
    if shown or groups:
        lines = ["#### Changes", ""]
        lines += [f"- {side.kind}: {d.change_line(change, STYLE)}" for change in shown]
        yield "\n".join(lines) + ("\n" if shown else ""), False
    for group in groups:
        yield _stage_details(diff, group), True


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


def _cell(value: str) -> str:
    """A table cell: already-escaped text, never empty."""
    return value if value else " "


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], align: str = "") -> list[str]:
    marks = align or "-" * len(header)
    rule = ["---:" if mark == "r" else "---" for mark in marks]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows]
    return [*lines, ""]


def _summary_table(diff: DocumentDiff) -> list[str]:
    rows = d.summary_rows(diff, STYLE)
    return _table([" ", "before", "after", "change"], rows, "-rr-")


def _stage_table(diff: DocumentDiff) -> list[str]:
    assert diff.summary is not None
    rows = [d.stage_row(stage, diff.changes, STYLE) for stage in diff.summary.stage_summaries]
    if not rows:
        return []
    header = ["stage", "steps", "avg emotion", "lowest emotion", "duration", "what changed"]
    return ["#### Stages", "", *_table(header, rows, "-rrrr-")]


def _team_table(teams: Sequence[TeamSummary]) -> list[str]:
    changed = [t for t in teams if t.gained or t.lost or t.steps.changed or t.opportunities.changed]
    if not changed:
        return []
    rows = [
        [
            code(team.team),
            _arrow_text(team.steps.before, team.steps.after),
            _names(team.gained),
            _names(team.lost),
            _names(team.changed),
            _arrow_text(team.opportunities.before, team.opportunities.after),
        ]
        for team in changed
    ]
    header = ["team", "steps owned", "gained", "lost", "changed", "opportunities owned"]
    lines = ["#### Teams", "", *_table(header, rows, "-r---r")[:-1]]
    same = [t.team for t in teams if t not in changed]
    if same:
        lines += ["", f"No change for {', '.join(code(t) for t in same)}."]
    return [*lines, ""]


def _names(step_ids: Sequence[str]) -> str:
    shown = [code(s) for s in step_ids[:MAX_NAMES]]
    if len(step_ids) > MAX_NAMES:
        shown.append(f"and {len(step_ids) - MAX_NAMES} more")
    return ", ".join(shown)


def _targets(diff: DocumentDiff, metrics: Sequence[MetricSummary]) -> list[str]:
    changed = [m for m in metrics if m.changed]
    if not changed:
        return []
    rows = []
    for metric in changed[:MAX_TABLE_ROWS]:
        status = (
            " (added)"
            if not metric.exists.before
            else " (removed)"
            if not metric.exists.after
            else ""
        )
        unit = text(metric.unit) if metric.unit else ""
        better = "lower is better" if metric.better == "lower" else ""
        rows.append(
            [
                text(diff.name_of("stage", metric.stage)),
                text(metric.name) + status,
                _value_pair(metric.target.before, metric.target.after, metric.exists),
                _value_pair(metric.actual.before, metric.actual.after, metric.exists),
                ", ".join(x for x in (unit, better) if x),
            ]
        )
    lines = ["#### Targets", ""]
    lines += _table(["stage", "metric", "target", "actual", "unit"], rows, "--rr-")
    if len(changed) > MAX_TABLE_ROWS:
        lines[-1:] = [f"…and {len(changed) - MAX_TABLE_ROWS} more.", ""]
    return lines


def _value_pair(before: float | None, after: float | None, exists: object) -> str:
    if before == after:
        return d.number(after)
    return f"{d.number(before)} → {d.number(after)}"


def _findings_table(findings: Sequence[Finding], line_of: str) -> list[str]:
    rows = [
        [
            finding.severity.label,
            code(finding.rule),
            text(d.element_text(finding)),
            text(finding.message),
            str(finding.line),
        ]
        for finding in findings[:MAX_TABLE_ROWS]
    ]
    lines = _table(["severity", "rule", "where", "message", line_of], rows, "----r")
    if len(findings) > MAX_TABLE_ROWS:
        lines[-1:] = [f"…and {len(findings) - MAX_TABLE_ROWS} more.", ""]
    return lines


def _introduced(findings: Sequence[Finding]) -> list[str]:
    heading = f"**Introduced: {d.severities(findings)}**"
    return [heading, "", *_findings_table(findings, "line (new)")]


def _fixed(findings: Sequence[Finding]) -> str:
    summary = f"Fixed: {html_text(d.severities(findings))}"
    lines = ["<details>", f"<summary>{summary}</summary>", ""]
    lines += _findings_table(findings, "line (old)")
    lines += ["</details>", ""]
    return "\n".join(lines)


def _stage_details(diff: DocumentDiff, group: d.StageGroup) -> str:
    name = diff.name_of("stage", group.stage_id)
    what = ""
    if diff.summary is not None:
        for stage in diff.summary.stage_summaries:
            if stage.id == group.stage_id:
                what = d.stage_changes_text(stage, diff.changes)
                if stage.status in ("added", "removed"):
                    what = f"stage {stage.status}" + (f"; {what}" if what else "")
    summary = f"<b>{html_text(name)}</b>" + (f" · {html_text(what)}" if what else "")
    lines = ["<details>", f"<summary>{summary}</summary>", ""]
    for change in group.own:
        if change.kind == "metric":
            continue  # in the Targets table
        if change.kind == "stage" and change.op in ("added", "removed"):
            lines.append(f"- {_ADDED if change.op == 'added' else _REMOVED} stage {change.op}")
        else:
            label = "stage " if change.kind == "stage" else ""
            lines.append(f"- {label}{d.change_line(change, STYLE)}")
    for step in group.steps:
        lines.extend(_step_lines(diff, step))
    lines += ["", "</details>", ""]
    return "\n".join(lines)


def _step_lines(diff: DocumentDiff, group: d.StepGroup) -> Iterator[str]:
    name, old_name = d.step_name(diff, group)
    ops = {change.op for change in group.own}
    ident = code(group.step_id)
    if "added" in ops:
        data = next(c.new for c in group.own if c.op == "added")
        facts = (
            d.step_facts(data, diff.owners.get(group.step_id), STYLE)
            if isinstance(data, dict)
            else ""
        )
        yield f"- {_ADDED} **{text(name)}** {ident} added" + (f": {facts}" if facts else "")
    elif "removed" in ops:
        data = next(c.old for c in group.own if c.op == "removed")
        facts = (
            d.step_facts(data, diff.owners.get(group.step_id), STYLE)
            if isinstance(data, dict)
            else ""
        )
        yield f"- {_REMOVED} ~~{text(name)}~~ {ident} removed" + (
            f" (was {facts})" if facts else ""
        )
    else:
        icon = "🔀" if ops == {"moved"} else "✏️"
        renamed = f" (renamed from *{text(old_name)}*)" if old_name is not None else ""
        yield f"- {icon} **{text(name)}** {ident}{renamed}"
        for change in group.own:
            if change.op != "renamed":
                yield f"  - {d.step_change_line(diff, change, STYLE)}"
    for line in d.item_changes(group.items, STYLE):
        yield f"  - {line}"

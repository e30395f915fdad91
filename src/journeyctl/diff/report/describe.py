"""What a diff says, phrased once for every human format (text and markdown).

Functions here take a `Style` that says how the format escapes user text and marks up ids
and emphasis, so the same sentence is safe on a terminal and in a pull-request comment.
Everything a user wrote (names, texts, file paths) goes through `Style.text`; ids, enum
values and rule names are slugs and go through `Style.code`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from journeyctl.core.finding import Finding, Severity
from journeyctl.diff import Change, DocumentDiff, Moment, Pair, StageSummary, Summary


@dataclass(frozen=True)
class Style:
    """How a format writes user text, ids and emphasis."""

    text: Callable[[str], str]
    code: Callable[[str], str]
    strong: Callable[[str], str]
    emphasis: Callable[[str], str]
    strike: Callable[[str], str]


# --------------------------------------------------------------------------------------------
# Numbers and values
# --------------------------------------------------------------------------------------------


def plural(count: int, word: str, words: str | None = None) -> str:
    """``1 step``, ``2 steps``."""
    return f"{count} {word if count == 1 else (words or word + 's')}"


def listing(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def hours(value: int) -> str:
    """A duration in hours as days and hours: ``468d``, ``2d 4h``, ``4h``, ``0h``."""
    days, rest = divmod(abs(value), 24)
    sign = "-" if value < 0 else ""
    if days and rest:
        return f"{sign}{days}d {rest}h"
    return f"{sign}{days}d" if days else f"{sign}{rest}h"


def emotion(value: float | None) -> str:
    """An emotion or an average of emotions, signed: ``+2``, ``-0.25``; ``n/a`` when none."""
    if value is None:
        return "n/a"
    if value == 0:
        return "0" if isinstance(value, int) else "0.00"
    if isinstance(value, int):
        return f"{value:+d}"
    return f"{value:+.2f}"


def number(value: Any) -> str:
    """A metric value: ``0.05``, ``450``; a dash when absent."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def signed(value: float, unit: str = "") -> str:
    """A difference with its sign: ``+3``, ``-25d``, ``+1.05``."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:+.2f}"
    return f"{int(value):+d}{unit}"


def value_text(field_name: str | None, value: Any) -> str:
    """A field's value as plain (unescaped) text for `old → new`."""
    if value is None:
        if field_name == "next":
            return "(the next step in order)"
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if field_name == "emotion" and isinstance(value, int):
        return emotion(value)
    if isinstance(value, list):
        if field_name == "next" and not value:
            return "(nothing: no successor)"
        return ", ".join(str(item) for item in value) if value else "(none)"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items()) if value else "(none)"
    if isinstance(value, float):
        return number(value)
    return str(value)


def moment(value: Moment | None, style: Style) -> str:
    """``-2 Trial lapses without contact (consideration)``."""
    if value is None:
        return "n/a"
    return f"{emotion(value.emotion)} {style.text(value.name)} ({style.code(value.stage)})"


def findings_count(counts: dict[str, int]) -> str:
    """``1 / 9 / 6`` for errors, warnings and infos."""
    return f"{counts['errors']} / {counts['warnings']} / {counts['infos']}"


def severities(findings: Sequence[Finding]) -> str:
    """``1 error, 2 warnings and 3 infos``; ``none`` when empty."""
    tally = Counter(finding.severity for finding in findings)
    parts = [
        plural(tally[severity], severity.label)
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if tally[severity]
    ]
    return listing(parts) if parts else "none"


_ITEM_WORDS = {"pain": "pain point", "opportunity": "opportunity", "evidence": "evidence"}


def element_text(finding: Finding) -> str:
    """Where a finding is, without the document and without item texts the message repeats:
    ``onboarding > sets-up-sso > opportunity``, ``decision > security-review-days > actual``."""
    _, _, element = finding.element.partition("/")
    if not element:
        return "(document)"
    parts = []
    for part in element.split("/"):
        label, colon, name = part.partition(":")
        if not colon:
            parts.append(part)
        elif label in _ITEM_WORDS:
            parts.append(_ITEM_WORDS[label])
            break  # the rest is inside the item's text
        else:
            parts.append(name)
    return " > ".join(parts)


def overview_entry(diff: DocumentDiff, rev: str | None) -> tuple[str, str]:
    """(file, status) for the list of changed files: a deleted file by its path, and a file
    that moved with where it was."""

    def path(label: str) -> str:
        return label.removeprefix(f"{rev}:") if rev else label

    if diff.new is None:
        assert diff.old is not None
        return path(diff.old.label), diff.status
    status = diff.status
    if diff.old is not None and path(diff.old.label) != diff.new.label:
        status += f", moved from {path(diff.old.label)}"
    return diff.new.label, status


# --------------------------------------------------------------------------------------------
# The verdict
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """Whether the change made the map worse: ``fail`` (new errors), ``warn`` (new warnings or
    a worse experience for the customer) or ``ok``, and the sentences that say why."""

    level: str
    quality: str
    customer: list[str] = field(default_factory=list)
    worse: list[str] = field(default_factory=list)


def verdict(diff: DocumentDiff, style: Style) -> Verdict:
    """The two-line answer a reviewer wants first."""
    delta = diff.findings
    new_errors = [f for f in delta.introduced if f.severity is Severity.ERROR]
    new_warnings = [f for f in delta.introduced if f.severity is Severity.WARNING]
    if delta.introduced:
        rules = sorted({f.rule for f in delta.introduced})
        quality = (
            f"introduces {severities(delta.introduced)} "
            f"({', '.join(style.code(rule) for rule in rules)})"
        )
        if delta.fixed:
            quality += f"; fixes {plural(len(delta.fixed), 'finding')}"
    elif delta.fixed:
        fixed = plural(len(delta.fixed), "lint finding")
        quality = f"fixes {fixed} ({severities(delta.fixed)}), introduces none"
    else:
        quality = "no lint finding introduced or fixed"
    customer: list[str] = []
    worse: list[str] = []
    summary = diff.summary
    if summary is not None and diff.old is not None and diff.new is not None:
        customer, worse = _customer(summary)
        customer = [sentence for sentence in customer if sentence not in worse]
    level = "fail" if new_errors else "warn" if new_warnings or worse else "ok"
    return Verdict(level, quality, customer, worse)


def _customer(summary: Summary) -> tuple[list[str], list[str]]:
    """Sentences about the customer's experience, and which of them are worse."""
    said: list[str] = []
    worse: list[str] = []
    mood = summary.emotion
    if mood.before is not None and mood.after is not None and mood.changed:
        word = "rises" if mood.after > mood.before else "falls"
        sentence = f"average emotion {word} from {emotion(mood.before)} to {emotion(mood.after)}"
        said.append(sentence)
        if mood.after < mood.before:
            worse.append(sentence)
    low = summary.lowest
    if low.before is not None and low.after is not None and low.before.emotion != low.after.emotion:
        word = "rises" if low.after.emotion > low.before.emotion else "falls"
        sentence = (
            f"the lowest moment {word} from {emotion(low.before.emotion)} "
            f"to {emotion(low.after.emotion)}"
        )
        said.append(sentence)
        if low.after.emotion < low.before.emotion:
            worse.append(sentence)
    if summary.pain_resolved or summary.pain_introduced:
        said.append(
            f"{plural(summary.pain_resolved, 'pain point')} resolved, "
            f"{summary.pain_introduced} introduced"
        )
        if summary.pain_introduced > summary.pain_resolved:
            worse.append(said.pop())
    time = summary.stage_hours
    if time.changed and time.before and time.after:
        word = "shorter" if time.after < time.before else "longer"
        said.append(
            f"expected time in stages {hours(time.before)} → {hours(time.after)} "
            f"({hours(abs(time.after - time.before))} {word})"
        )
    deviations = _deviation_text(summary.touchpoint_deviations)
    if deviations:
        said.append(f"customer touchpoints: {deviations}")
    if summary.dead_ends.after > summary.dead_ends.before:
        worse.append(f"dead ends {summary.dead_ends.before} → {summary.dead_ends.after}")
    if summary.unowned_steps.after > summary.unowned_steps.before:
        worse.append(
            f"unowned steps {summary.unowned_steps.before} → {summary.unowned_steps.after}"
        )
    return said, worse


# --------------------------------------------------------------------------------------------
# Summary rows
# --------------------------------------------------------------------------------------------


def summary_rows(diff: DocumentDiff, style: Style) -> list[tuple[str, str, str, str]]:
    """(measure, before, after, change) rows of the summary table."""
    summary = diff.summary
    assert summary is not None
    ops = summary.step_ops
    step_parts = [f"{ops[op]} {op}" for op in ("added", "removed", "changed") if ops[op]]
    detail = [f"{ops[op]} {op}" for op in ("moved", "renamed") if ops[op]]
    if detail and ops["changed"]:
        step_parts[-1] += f" ({', '.join(detail)})"
    rows = [
        _row("Stages", summary.stages),
        _row("Steps", summary.steps, ", ".join(step_parts)),
        _row(
            "Customer touchpoints (frontstage steps)",
            summary.frontstage_steps,
            _deviation_text(summary.touchpoint_deviations),
        ),
        (
            f"Time in stages (sum of {style.code('duration')})",
            hours(summary.stage_hours.before),
            hours(summary.stage_hours.after),
            _hours_delta(summary.stage_hours),
        ),
        (
            f"Sum of step SLAs ({style.code('sla')})",
            hours(summary.sla_hours.before),
            hours(summary.sla_hours.after),
            _hours_delta(summary.sla_hours),
        ),
        (
            "Average emotion (-2 … +2)",
            emotion(summary.emotion.before),
            emotion(summary.emotion.after),
            _float_delta(summary.emotion),
        ),
        (
            "Lowest moment",
            moment(summary.lowest.before, style),
            moment(summary.lowest.after, style),
            "",
        ),
        _row(
            "Pain points",
            summary.pain_points,
            f"{summary.pain_resolved} resolved, {summary.pain_introduced} introduced",
        ),
        _row(
            "Opportunities",
            summary.opportunities,
            f"{summary.opportunities_added} added, {summary.opportunities_removed} removed",
        ),
        _row("Metrics", summary.metrics),
        _row("Unowned steps", summary.unowned_steps),
        _row("Dead ends", summary.dead_ends),
        (
            "Lint findings (errors / warnings / infos)",
            findings_count(diff.findings.counts("before")),
            findings_count(diff.findings.counts("after")),
            (
                f"{len(diff.findings.fixed)} fixed, {len(diff.findings.introduced)} introduced"
                if diff.findings.fixed or diff.findings.introduced
                else ""
            ),
        ),
    ]
    if summary.owners_added or summary.owners_removed:
        change = []
        if summary.owners_added:
            change.append("added " + ", ".join(style.code(o) for o in summary.owners_added))
        if summary.owners_removed:
            change.append("removed " + ", ".join(style.code(o) for o in summary.owners_removed))
        teams = [t for t in summary.teams if t.steps.before or t.steps.after]
        before = sum(1 for t in teams if t.steps.before)
        after = sum(1 for t in teams if t.steps.after)
        rows.append(("Teams owning steps", str(before), str(after), "; ".join(change)))
    return rows


def _deviation_text(deviations: dict[str, int]) -> str:
    """``2 new, 1 gone, 1 re-sequenced`` (CJML: ad hoc, missing, irregular order)."""
    words = (("ad_hoc", "new"), ("missing", "gone"), ("resequenced", "re-sequenced"))
    return ", ".join(f"{deviations[key]} {word}" for key, word in words if deviations[key])


def _row(label: str, pair: Pair[int], extra: str = "") -> tuple[str, str, str, str]:
    change = signed(pair.after - pair.before) if pair.changed else ""
    if extra.startswith("0 ") and ", 0 " in extra:
        extra = ""  # "0 resolved, 0 introduced" says nothing
    if extra:
        change = f"{change}: {extra}" if change else extra
    return label, str(pair.before), str(pair.after), change


def _hours_delta(pair: Pair[int]) -> str:
    return (
        ""
        if not pair.changed
        else ("+" if pair.after > pair.before else "-") + hours(abs(pair.after - pair.before))
    )


def _float_delta(pair: Pair[float | None]) -> str:
    if pair.before is None or pair.after is None or not pair.changed:
        return ""
    return signed(round(pair.after - pair.before, 2))


def stage_row(stage: StageSummary, changes: Sequence[Change], style: Style) -> list[str]:
    """[stage, steps, avg emotion, lowest moment, duration, what changed] for the stage table."""
    name = stage.name.after or stage.name.before or stage.id
    label = style.text(name)
    if stage.status in ("added", "removed"):
        label += f" ({stage.status})"
    elif stage.name.changed:
        label += f" (was {style.text(stage.name.before or '')})"
    return [
        label,
        _arrow(stage.steps, str),
        _arrow(stage.emotion, emotion),
        _arrow(
            stage.lowest,
            lambda m: emotion(m.emotion) if m else "n/a",
        ),
        _arrow(stage.duration, lambda d: d or "—"),
        stage_changes_text(stage, changes),
    ]


def _arrow(pair: Pair[Any], show: Callable[[Any], str]) -> str:
    if pair.before is None and pair.after is None:
        return "—"
    if pair.before is None:
        return show(pair.after)
    if pair.after is None:
        return show(pair.before)
    before, after = show(pair.before), show(pair.after)
    return before if before == after else f"{before} → {after}"


def stage_changes_text(stage: StageSummary, changes: Sequence[Change]) -> str:
    """``steps: 2 added, 1 removed, 3 changed; pain points: 2 resolved; stage: owner``."""
    mine = [c for c in changes if c.stage == stage.id]
    steps: dict[str, set[str]] = defaultdict(set)
    for change in mine:
        if change.kind == "step":
            op = change.op if change.op in ("added", "removed", "moved") else "changed"
            steps[op].add(change.id)
        elif change.step is not None:
            steps["changed"].add(change.step)
    steps["changed"] -= steps["added"] | steps["removed"] | steps["moved"]
    parts = [
        f"{len(steps[op])} {op}" for op in ("added", "removed", "moved", "changed") if steps[op]
    ]
    text = f"steps: {', '.join(parts)}" if parts else ""
    resolved = sum(1 for c in mine if c.kind == "pain_point" and c.op == "removed")
    introduced = sum(1 for c in mine if c.kind == "pain_point" and c.op == "added")
    pains = []
    if resolved:
        pains.append(f"{resolved} resolved")
    if introduced:
        pains.append(f"{introduced} introduced")
    if pains:
        text += ("; " if text else "") + "pain points: " + ", ".join(pains)
    stage_bits = sorted(
        {c.field or "" for c in mine if c.kind == "stage" and c.op in ("changed", "moved")}
    )
    if any(c.kind == "stage" and c.op == "renamed" for c in mine):
        stage_bits.insert(0, "name")
    if any(c.kind == "metric" for c in mine):
        stage_bits.append("metrics")
    if any(c.kind == "opportunity" and c.step is None for c in mine):
        stage_bits.append("opportunities")
    if stage_bits:
        text += ("; " if text else "") + "stage: " + ", ".join(stage_bits)
    return text or ("no change" if stage.status == "unchanged" else "")


# --------------------------------------------------------------------------------------------
# Changes, grouped for reading
# --------------------------------------------------------------------------------------------


@dataclass
class StepGroup:
    """The changes of one step: the step's own, then its pain points, opportunities, evidence."""

    step_id: str
    own: list[Change] = field(default_factory=list)
    items: list[Change] = field(default_factory=list)


@dataclass
class StageGroup:
    """The changes of one stage: its own and its metrics', then its steps' in order."""

    stage_id: str
    own: list[Change] = field(default_factory=list)
    steps: list[StepGroup] = field(default_factory=list)


def group_changes(changes: Sequence[Change]) -> tuple[list[Change], list[StageGroup]]:
    """Document-level changes, and the rest by stage and step, in the diff's order."""
    document: list[Change] = []
    stages: dict[str, StageGroup] = {}
    step_groups: dict[tuple[str, str], StepGroup] = {}
    for change in changes:
        if change.stage is None:
            document.append(change)
            continue
        group = stages.setdefault(change.stage, StageGroup(change.stage))
        step_id = change.id if change.kind == "step" else change.step
        if step_id is None:
            group.own.append(change)
            continue
        key = (change.stage, step_id)
        if key not in step_groups:
            step_groups[key] = StepGroup(step_id)
            group.steps.append(step_groups[key])
        target = step_groups[key]
        (target.own if change.kind == "step" else target.items).append(change)
    return document, list(stages.values())


def step_name(diff: DocumentDiff, group: StepGroup) -> tuple[str, str | None]:
    """The step's name (the new one, or the last one if removed), and its old name if renamed."""
    for change in group.own:
        if change.op == "renamed":
            return str(change.new), str(change.old)
    return diff.name_of("step", group.step_id), None


def step_facts(data: dict[str, Any], owner: str | None, style: Style) -> str:
    """``customer · in-app · frontstage · owner product · emotion +2`` for an added or removed
    step, with the team accountable for it (its own owner or its stage's). Only slugs, enum
    values and numbers: nothing to escape."""
    parts = [style.code(str(data[key])) for key in ("actor", "channel", "layer") if key in data]
    parts.append(f"owner {style.code(owner)}" if owner else "no owner")
    if "emotion" in data:
        parts.append(f"emotion {emotion(int(data['emotion']))}")
    if data.get("terminal"):
        parts.append("terminal")
    return " · ".join(parts)


def change_line(change: Change, style: Style) -> str:
    """One sentence for a field change, item change or move (not for added/removed steps)."""
    kind = change.kind
    if change.op == "moved":
        return _moved(change, style)
    if kind in ("pain_point", "opportunity", "evidence", "metric"):
        return _item_line(change, style)
    if change.op == "renamed":
        return (
            f"renamed: {style.strike(style.text(str(change.old)))} → {style.text(str(change.new))}"
        )
    return field_line(change.field or "", change.old, change.new, style)


def step_change_line(diff: DocumentDiff, change: Change, style: Style) -> str:
    """`change_line` for a step's own change, saying where an owner now comes from."""
    line = change_line(change, style)
    if change.kind == "step" and change.field == "owner" and change.new is None:
        inherited = diff.owners.get(change.id)
        if inherited:
            line += f" (the stage's owner, {style.code(inherited)}, is accountable now)"
        else:
            line += " (and the stage has none: nobody is accountable)"
    return line


def field_line(name: str, old: Any, new: Any, style: Style) -> str:
    """``emotion: -1 → +1`` (values escaped)."""
    old_text = style.text(value_text(name, old))
    new_text = style.text(value_text(name, new))
    trend = ""
    if name == "emotion" and isinstance(old, int) and isinstance(new, int):
        trend = " (better)" if new > old else " (worse)"
    return f"{style.code(name)}: {old_text} → {new_text}{trend}"


def _moved(change: Change, style: Style) -> str:
    old, new = change.old or {}, change.new or {}
    if change.kind == "stage":
        return (
            f"moved: now stage {new.get('index')} ({_after(new, style)}), "
            f"was stage {old.get('index')}"
        )
    if change.field == "stage":
        return (
            f"moved here from stage {style.code(str(old.get('stage')))} "
            f"({_after(old, style)} there); now {_after(new, style)}"
        )
    return f"re-sequenced: now {_after(new, style)}, was {_after(old, style)}"


def _after(place: dict[str, Any], style: Style) -> str:
    after = place.get("after")
    return f"after {style.code(str(after))}" if after else "first"


def _item_line(change: Change, style: Style) -> str:
    kind = change.kind
    text = style.text(change.id)
    if kind == "pain_point":
        if change.op == "removed":
            return f"pain point resolved: {text}"
        return f"pain point introduced: {text}"
    label = {"opportunity": "opportunity", "evidence": "evidence", "metric": "metric"}[kind]
    if change.op == "added":
        return f"{label} added: {text}{_item_details(kind, change.new, style)}"
    if change.op == "removed":
        return f"{label} removed: {style.strike(text)}{_item_details(kind, change.old, style)}"
    field_text = field_line(change.field or "", change.old, change.new, style)
    return f"{label} {text}: {field_text}"


def _item_details(kind: str, data: Any, style: Style) -> str:
    if not isinstance(data, dict):
        return ""
    if kind == "opportunity":
        bits = [
            f"{key} {style.code(str(data[key]))}" for key in ("priority", "owner") if key in data
        ]
        if "due" in data:
            bits.append(f"due {style.text(str(data['due']))}")
    elif kind == "metric":
        bits = [
            f"{key} {style.text(number(data[key]))}" for key in ("target", "actual") if key in data
        ]
        if "unit" in data:
            bits.append(style.text(str(data["unit"])))
    else:
        bits = [style.code(str(data["kind"]))] if "kind" in data else []
        if data.get("note"):
            bits.append(style.text(str(data["note"])))
    return f" ({', '.join(bits)})" if bits else ""


def item_changes(items: Sequence[Change], style: Style) -> Iterator[str]:
    """Sentences for a step's pain points, opportunities and evidence."""
    for change in items:
        yield change_line(change, style)

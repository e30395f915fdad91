"""The changes of a document grouped by stage and step, and one sentence for each."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from journeyctl.diff import Change, DocumentDiff
from journeyctl.diff.report.wording import Style, emotion, number, value_text


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


def added_or_removed_facts(diff: DocumentDiff, group: StepGroup, op: str, style: Style) -> str:
    """`step_facts` of a step that was added or removed (`op`), from the side it is on."""
    change = next(c for c in group.own if c.op == op)
    data = change.new if op == "added" else change.old
    if not isinstance(data, dict):
        return ""
    return step_facts(data, diff.owners.get(group.step_id), style)


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

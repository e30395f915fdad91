"""What happened to each step of a diff picture, in words: the notes on its node and the
sentences of its tooltip.

A kept step's notes say, in this order: where it moved from (``moved from Consideration``,
or ``re-sequenced in Decision``), its old name (``was “Trial ends”``), its emotion
and its accountable owner before and after (the step's own owner, else its stage's: a step
moved to another stage can change hands without its `owner` changing), and which other
fields or items changed, in one line (``channel and outcome changed``). The tooltip repeats
every change in full, as the text report words it. Notes are plain text; the picture escapes them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from journeyctl.core.model import Flow, Stage, Step, step_owner
from journeyctl.diff import Change
from journeyctl.diff.report.change_lines import change_line
from journeyctl.diff.report.wording import Style, listing
from journeyctl.render.style import emotion_label

_PLAIN = Style(text=str, code=str, strike=str)
_ITEMS = {"pain_point": "pain points", "opportunity": "opportunities", "evidence": "evidence"}
"""How a step's lists are named in the `... changed` note."""


@dataclass
class StepNotes:
    """What changed on one kept step: `moved` says it changed place (stage or order)."""

    moved: bool = False
    notes: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    """Every change in full, for the tooltip."""


def step_notes(old: Flow, new: Flow, changes: Sequence[Change]) -> dict[str, StepNotes]:
    """Notes for every step that is on both sides and changed (by step id)."""
    old_steps, new_steps = step_places(old), step_places(new)
    stage_names = (
        {stage.id: stage.name for stage in old.stages},
        {stage.id: stage.name for stage in new.stages},
    )
    grouped: dict[str, list[Change]] = defaultdict(list)
    for change in changes:
        step_id = change.id if change.kind == "step" else change.step
        if step_id is not None and step_id in old_steps and step_id in new_steps:
            grouped[step_id].append(change)
    notes: dict[str, StepNotes] = {}
    for step_id, own in grouped.items():
        owners = (step_owner(*old_steps[step_id]), step_owner(*new_steps[step_id]))
        notes[step_id] = _notes(own, owners, stage_names)
    for step_id, (step, stage) in new_steps.items():
        if step_id in old_steps and step_id not in notes:
            owners = (step_owner(*old_steps[step_id]), step_owner(step, stage))
            if owners[0] != owners[1]:  # only its stage's owner changed
                notes[step_id] = _notes([], owners, stage_names)
    return notes


def _notes(
    changes: Sequence[Change],
    owners: tuple[str | None, str | None],
    stage_names: tuple[dict[str, str], dict[str, str]],
) -> StepNotes:
    result = StepNotes()
    renamed: list[str] = []
    emotion: list[str] = []
    others: list[str] = []
    for change in changes:
        result.details.append(change_line(change, _PLAIN))
        if change.kind == "step" and change.op == "moved":
            result.moved = True
            result.notes.append(_moved(change, stage_names))
        elif change.kind == "step" and change.op == "renamed":
            renamed.append(f"was \u201c{change.old}\u201d")
        elif change.kind == "step" and change.field == "emotion":
            emotion.append(f"emotion {_emotion(change.old)} \u2192 {_emotion(change.new)}")
        elif change.kind == "step" and change.field == "owner":
            continue  # said below, as the accountable owner
        else:
            name = _ITEMS.get(change.kind) or (change.field or change.kind).replace("_", " ")
            if name not in others:
                others.append(name)
    result.notes += renamed + emotion
    if owners[0] != owners[1]:
        line = f"owner {owners[0] or 'none'} \u2192 {owners[1] or 'none'}"
        result.notes.append(line)
        if line not in result.details:
            result.details.append(line)
    if others:
        result.notes.append(f"{listing(others)} changed")
    return result


def _moved(change: Change, stage_names: tuple[dict[str, str], dict[str, str]]) -> str:
    """``moved from Consideration`` (another stage, by its old name), or ``re-sequenced in
    Decision``."""
    old, new = change.old or {}, change.new or {}
    if change.field == "stage":
        stage = str(old.get("stage"))
        return f"moved from {stage_names[0].get(stage, stage)}"
    stage = str(new.get("stage"))
    return f"re-sequenced in {stage_names[1].get(stage, stage)}"


def _emotion(value: object) -> str:
    """``+2``, ``0``, or minus one with a real minus sign (as the nodes write it); ``none``."""
    return emotion_label(value) if isinstance(value, int) else "none"


def step_places(doc: Flow) -> dict[str, tuple[Step, Stage]]:
    """Every step by id, with its stage (the first, for a duplicate id)."""
    places: dict[str, tuple[Step, Stage]] = {}
    for stage in doc.stages:
        for step in stage.steps:
            places.setdefault(step.id, (step, stage))
    return places

"""The change list: every difference between two versions of a document, in reading order.

Items are matched by `id`, never by position (design §5):

- stages and steps are matched by id, steps across the whole document, so a step that goes to
  another stage is `moved`, not removed and added; within a stage, the steps that keep their
  relative order are the longest increasing subsequence of their positions and only the others
  are `moved` (re-sequenced);
- the same id with a new `name` is `renamed`; other fields that differ are `changed`, each with
  its old and new value;
- list members without an id are matched by their text: pain points by text, opportunities by
  `text`, metrics by `name`, evidence by `source` (duplicates pair up in order).

In CJML's terms, added steps are ad hoc touchpoints, removed steps missing ones, and moved
steps an irregular order.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from journeyctl.core.model import Flow, Journey, Persona, Stage, Step
from journeyctl.diff.change_model import Change, Document
from journeyctl.diff.item_changes import (
    added_step,
    compared,
    dump,
    field_changes,
    item_changes,
    metric_changes,
    opportunity_changes,
    removed_step,
)
from journeyctl.diff.matching import index_by, longest_increasing, missing_after

DOC_FIELDS = compared(Journey, "journeyctl", "id", "state", "stages")
"""Top-level fields compared; `state` is not a change but what tells the two sides apart."""
PERSONA_FIELDS = compared(Persona, "journeyctl", "kind", "id")
STAGE_FIELDS = compared(Stage, "id", "name", "metrics", "opportunities", "steps")
STEP_FIELDS = compared(Step, "id", "name", "pain_points", "opportunities", "evidence")


def diff_documents(old: Document | None, new: Document | None) -> list[Change]:
    """Every change from `old` to `new` in reading order: the document, then stage by stage.

    A side that is None is a document that does not exist there (a file added or deleted):
    the document and all its stages and steps are added (or removed).
    """
    if old is None and new is None:
        return []
    if old is None or new is None:
        return list(_whole_document(old, new))
    if isinstance(old, Persona) or isinstance(new, Persona):
        return _persona_changes(old, new)
    assert isinstance(old, Flow) and isinstance(new, Flow)
    return [
        *field_changes(old, new, DOC_FIELDS, new.kind, new.id, None, None),
        *_FlowDiff(old, new).stage_changes(),
    ]


def _whole_document(old: Document | None, new: Document | None) -> Iterator[Change]:
    """A document on one side only: it is added (or removed), with all its stages and steps."""
    present = new if old is None else old
    assert present is not None
    value = dump(present, exclude={"stages"})
    if old is None:
        yield Change("added", present.kind, present.id, new=value)
    else:
        yield Change("removed", present.kind, present.id, old=value)
    if isinstance(present, Flow):
        empty = present.model_copy(update={"stages": []})
        pair = (empty, present) if old is None else (present, empty)
        yield from _FlowDiff(*pair).stage_changes()


def _persona_changes(old: Document, new: Document) -> list[Change]:
    """A persona's fields; a persona that became a journey (or back) is removed and added."""
    if type(old) is not type(new):
        return [
            Change("removed", old.kind, old.id, old=dump(old)),
            Change("added", new.kind, new.id, new=dump(new)),
        ]
    return list(field_changes(old, new, PERSONA_FIELDS, new.kind, new.id, None, None))


class _FlowDiff:
    """The stage-by-stage part of a diff between two journeys or workflows.

    Stages and steps are keyed by (id, occurrence): ids are unique in a valid document, and a
    duplicate (a lint error) is matched in order instead of breaking the diff.
    """

    def __init__(self, old: Flow, new: Flow) -> None:
        self.old = old
        self.new = new
        self.old_stages = index_by(old.stages, _by_id)
        self.new_stages = index_by(new.stages, _by_id)
        self.old_steps = _step_index(old)
        self.new_steps = _step_index(new)
        self.old_step_key = {id(place.step): key for key, place in self.old_steps.items()}
        self.new_step_key = {id(place.step): key for key, place in self.new_steps.items()}

    def stage_changes(self) -> Iterator[Change]:
        """Changes of every stage and its steps, in the new order; removed stages where
        they were."""
        moved = self._moved_stages()
        removed_after = missing_after(self.old_stages, self.new_stages)
        for _, stage in removed_after.pop(None, []):
            yield from self._removed_stage(stage)
        for key, (index, stage) in self.new_stages.items():
            old_entry = self.old_stages.get(key)
            if old_entry is None:
                yield Change("added", "stage", stage.id, stage.id, new=_dump_stage(stage))
                yield from self._step_changes(key, None, stage)
            else:
                old_index, old_stage = old_entry
                if key in moved:
                    yield Change(
                        "moved",
                        "stage",
                        stage.id,
                        stage.id,
                        field="position",
                        old=_stage_place(self.old.stages, old_index),
                        new=_stage_place(self.new.stages, index),
                    )
                if old_stage.name != stage.name:
                    yield Change(
                        "renamed", "stage", stage.id, stage.id, None, "name", old_stage.name,
                        stage.name,
                    )  # fmt: skip
                yield from field_changes(
                    old_stage, stage, STAGE_FIELDS, "stage", stage.id, stage.id, None
                )
                yield from metric_changes(old_stage.metrics, stage.metrics, stage.id)
                yield from opportunity_changes(
                    old_stage.opportunities, stage.opportunities, stage.id, None
                )
                yield from self._step_changes(key, old_stage, stage)
            for _, removed in removed_after.pop(key, []):
                yield from self._removed_stage(removed)

    def _removed_stage(self, stage: Stage) -> Iterator[Change]:
        yield Change("removed", "stage", stage.id, stage.id, old=_dump_stage(stage))
        for step in stage.steps:
            if self.old_step_key[id(step)] not in self.new_steps:
                yield from removed_step(step, stage.id)

    def _moved_stages(self) -> set[tuple[str, int]]:
        common = [key for key in self.old_stages if key in self.new_stages]
        kept = longest_increasing([self.new_stages[key][0] for key in common])
        return {key for i, key in enumerate(common) if i not in kept}

    def _step_changes(
        self, stage_key: tuple[str, int], old_stage: Stage | None, stage: Stage
    ) -> Iterator[Change]:
        """Changes of the steps now in this stage, and of the steps removed from it, each
        removed step right after the step it followed."""
        stayed: list[tuple[str, int]] = []
        removed_after: dict[str | None, list[Step]] = defaultdict(list)
        previous: str | None = None
        for old_step in old_stage.steps if old_stage else []:
            key = self.old_step_key[id(old_step)]
            place = self.new_steps.get(key)
            if place is None:
                removed_after[previous].append(old_step)
            elif place.stage_key == stage_key:
                stayed.append(key)
                previous = old_step.id
        kept = longest_increasing([self.new_steps[key].step_index for key in stayed])
        resequenced = {key for i, key in enumerate(stayed) if i not in kept}
        for old_step in removed_after.pop(None, []):
            yield from removed_step(old_step, stage.id)
        for step in stage.steps:
            key = self.new_step_key[id(step)]
            old_place = self.old_steps.get(key)
            if old_place is None:
                yield from added_step(step, stage.id)
            else:
                yield from self._changed_step(old_place, self.new_steps[key], key in resequenced)
            for old_step in removed_after.pop(step.id, []):
                yield from removed_step(old_step, stage.id)

    def _changed_step(
        self, old_place: _Place, place: _Place, resequenced: bool
    ) -> Iterator[Change]:
        old_step, step = old_place.step, place.step
        stage_id = self.new.stages[place.stage_index].id
        if old_place.stage_key != place.stage_key or resequenced:
            yield Change(
                "moved",
                "step",
                step.id,
                stage_id,
                field="stage" if old_place.stage_key != place.stage_key else "position",
                old=_step_place(self.old.stages[old_place.stage_index], old_place.step_index),
                new=_step_place(self.new.stages[place.stage_index], place.step_index),
            )
        if old_step == step:
            return  # the common case: nothing else to compare
        if old_step.name != step.name:
            yield Change(
                "renamed", "step", step.id, stage_id, None, "name", old_step.name, step.name
            )
        yield from field_changes(old_step, step, STEP_FIELDS, "step", step.id, stage_id, None)
        yield from item_changes(old_step, step, step.id, stage_id)


class _Place(NamedTuple):
    """Where a step is: its stage (key and index) and its index within the stage (a named
    tuple: one is made per step of both sides)."""

    step: Step
    stage_key: tuple[str, int]
    stage_index: int
    step_index: int


def _stage_place(stages: Sequence[Stage], index: int) -> dict[str, Any]:
    """Where a stage is, for a `moved` change: its 1-based index and the stage before it."""
    return {"index": index + 1, "after": stages[index - 1].id if index else None}


def _step_place(stage: Stage, index: int) -> dict[str, Any]:
    """Where a step is, for a `moved` change: stage, 1-based index, the step before it."""
    after = stage.steps[index - 1].id if index else None
    return {"stage": stage.id, "index": index + 1, "after": after}


def _by_id(item: Stage | Step) -> str:
    return item.id


def _step_index(doc: Flow) -> dict[tuple[str, int], _Place]:
    """Every step by (id, occurrence) across the document, with where it is."""
    stage_seen: Counter[str] = Counter()
    out: dict[tuple[str, int], _Place] = {}
    for si, stage in enumerate(doc.stages):
        stage_key = (stage.id, stage_seen[stage.id])
        stage_seen[stage.id] += 1
        for ti, step in enumerate(stage.steps):
            key = (step.id, 0)
            while key in out:  # a duplicate id (a lint error): the next occurrence
                key = (step.id, key[1] + 1)
            out[key] = _Place(step, stage_key, si, ti)
    return out


def _dump_stage(stage: Stage) -> dict[str, Any]:
    """A stage without its steps (they are changes of their own), plus how many it has."""
    data = stage.model_dump(mode="json", exclude_defaults=True, exclude={"steps"})
    data["step_count"] = len(stage.steps)
    return data

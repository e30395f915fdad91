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

import bisect
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel

from journeyctl.core.model import (
    Evidence,
    Flow,
    Journey,
    Metric,
    Opportunity,
    Persona,
    Stage,
    Step,
)
from journeyctl.diff.change_model import Change, Document, Op, T, jsonable


def _compared(model: type[BaseModel], *apart: str) -> tuple[str, ...]:
    """The fields of a model compared one by one, in the model's order: all but `apart`
    (identity, and lists of items that are matched and compared on their own)."""
    return tuple(name for name in model.model_fields if name not in apart)


DOC_FIELDS = _compared(Journey, "journeyctl", "id", "state", "stages")
"""Top-level fields compared; `state` is not a change but what tells the two sides apart."""
PERSONA_FIELDS = _compared(Persona, "journeyctl", "kind", "id")
STAGE_FIELDS = _compared(Stage, "id", "name", "metrics", "opportunities", "steps")
STEP_FIELDS = _compared(Step, "id", "name", "pain_points", "opportunities", "evidence")
OPPORTUNITY_FIELDS = _compared(Opportunity, "text")
METRIC_FIELDS = _compared(Metric, "name")
EVIDENCE_FIELDS = _compared(Evidence, "source")


def diff_documents(old: Document | None, new: Document | None) -> list[Change]:
    """Every change from `old` to `new` in reading order: the document, then stage by stage.

    A side that is None is a document that does not exist there (a file added or deleted):
    the document and all its stages and steps are added (or removed).
    """
    if old is None and new is None:
        return []
    changes: list[Change] = []
    if old is None or new is None:
        present = new if old is None else old
        assert present is not None
        op: Op = "added" if old is None else "removed"
        value = _dump(present, exclude={"stages"})
        changes.append(Change(op, present.kind, present.id, **_side_value(op, value)))
        if isinstance(present, Flow):
            empty = present.model_copy(update={"stages": []})
            pair = (empty, present) if old is None else (present, empty)
            changes.extend(_FlowDiff(*pair).stage_changes())
        return changes
    if isinstance(old, Persona) or isinstance(new, Persona):
        if type(old) is not type(new):
            return [
                Change("removed", old.kind, old.id, old=_dump(old)),
                Change("added", new.kind, new.id, new=_dump(new)),
            ]
        changes.extend(_field_changes(old, new, PERSONA_FIELDS, new.kind, new.id, None, None))
        return changes
    assert isinstance(old, Flow) and isinstance(new, Flow)
    changes.extend(_field_changes(old, new, DOC_FIELDS, new.kind, new.id, None, None))
    changes.extend(_FlowDiff(old, new).stage_changes())
    return changes


class _FlowDiff:
    """The stage-by-stage part of a diff between two journeys or workflows.

    Stages and steps are keyed by (id, occurrence): ids are unique in a valid document, and a
    duplicate (a lint error) is matched in order instead of breaking the diff.
    """

    def __init__(self, old: Flow, new: Flow) -> None:
        self.old = old
        self.new = new
        self.old_stages = _index(old.stages, _by_id)
        self.new_stages = _index(new.stages, _by_id)
        self.old_steps = _step_index(old)
        self.new_steps = _step_index(new)
        self.old_step_key = {id(place.step): key for key, place in self.old_steps.items()}
        self.new_step_key = {id(place.step): key for key, place in self.new_steps.items()}

    def stage_changes(self) -> Iterator[Change]:
        """Changes of every stage and its steps, in the new order; removed stages where
        they were."""
        moved = self._moved_stages()
        removed_after = _removed_after(self.old_stages, self.new_stages)
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
                yield from _field_changes(
                    old_stage, stage, STAGE_FIELDS, "stage", stage.id, stage.id, None
                )
                yield from _metric_changes(old_stage.metrics, stage.metrics, stage.id)
                yield from _opportunity_changes(
                    old_stage.opportunities, stage.opportunities, stage.id, None
                )
                yield from self._step_changes(key, old_stage, stage)
            for _, removed in removed_after.pop(key, []):
                yield from self._removed_stage(removed)

    def _removed_stage(self, stage: Stage) -> Iterator[Change]:
        yield Change("removed", "stage", stage.id, stage.id, old=_dump_stage(stage))
        for step in stage.steps:
            if self.old_step_key[id(step)] not in self.new_steps:
                yield from _removed_step(step, stage.id)

    def _moved_stages(self) -> set[tuple[str, int]]:
        common = [key for key in self.old_stages if key in self.new_stages]
        kept = _longest_increasing([self.new_stages[key][0] for key in common])
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
        kept = _longest_increasing([self.new_steps[key].index for key in stayed])
        resequenced = {key for i, key in enumerate(stayed) if i not in kept}
        for old_step in removed_after.pop(None, []):
            yield from _removed_step(old_step, stage.id)
        for step in stage.steps:
            key = self.new_step_key[id(step)]
            old_place = self.old_steps.get(key)
            if old_place is None:
                yield from _added_step(step, stage.id)
            else:
                yield from self._changed_step(old_place, self.new_steps[key], key in resequenced)
            for old_step in removed_after.pop(step.id, []):
                yield from _removed_step(old_step, stage.id)

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
                old=_step_place(self.old.stages[old_place.stage_index], old_place.index),
                new=_step_place(self.new.stages[place.stage_index], place.index),
            )
        if old_step == step:
            return  # the common case: nothing else to compare
        if old_step.name != step.name:
            yield Change(
                "renamed", "step", step.id, stage_id, None, "name", old_step.name, step.name
            )
        yield from _field_changes(old_step, step, STEP_FIELDS, "step", step.id, stage_id, None)
        yield from _item_changes(old_step, step, step.id, stage_id)


@dataclass(frozen=True)
class _Place:
    """Where a step is: its stage (key and index) and its index within the stage."""

    step: Step
    stage_key: tuple[str, int]
    stage_index: int
    index: int


def _stage_place(stages: Sequence[Stage], index: int) -> dict[str, Any]:
    """Where a stage is, for a `moved` change: its 1-based index and the stage before it."""
    return {"index": index + 1, "after": stages[index - 1].id if index else None}


def _step_place(stage: Stage, index: int) -> dict[str, Any]:
    """Where a step is, for a `moved` change: stage, 1-based index, the step before it."""
    after = stage.steps[index - 1].id if index else None
    return {"stage": stage.id, "index": index + 1, "after": after}


def _by_id(item: Stage | Step) -> str:
    return item.id


def _removed_after(
    old: dict[tuple[str, int], tuple[int, T]], new: dict[tuple[str, int], tuple[int, T]]
) -> dict[tuple[str, int] | None, list[tuple[int, T]]]:
    """Old items missing from `new`, by the key of the kept item they followed (None: first)."""
    out: dict[tuple[str, int] | None, list[tuple[int, T]]] = defaultdict(list)
    previous: tuple[str, int] | None = None
    for key, entry in old.items():
        if key in new:
            previous = key
        else:
            out[previous].append(entry)
    return out


def _index(items: Sequence[T], key: Callable[[T], str]) -> dict[tuple[str, int], tuple[int, T]]:
    """Items by (key, occurrence), in order: a duplicate key is matched in order."""
    seen: Counter[str] = Counter()
    out: dict[tuple[str, int], tuple[int, T]] = {}
    for index, item in enumerate(items):
        name = key(item)
        out[(name, seen[name])] = (index, item)
        seen[name] += 1
    return out


def _step_index(doc: Flow) -> dict[tuple[str, int], _Place]:
    """Every step by (id, occurrence) across the document, with where it is."""
    seen: Counter[str] = Counter()
    stage_seen: Counter[str] = Counter()
    out: dict[tuple[str, int], _Place] = {}
    for si, stage in enumerate(doc.stages):
        stage_key = (stage.id, stage_seen[stage.id])
        stage_seen[stage.id] += 1
        for ti, step in enumerate(stage.steps):
            out[(step.id, seen[step.id])] = _Place(step, stage_key, si, ti)
            seen[step.id] += 1
    return out


def _longest_increasing(values: Sequence[int]) -> set[int]:
    """Indexes of one longest strictly increasing subsequence of `values`, in O(n log n)."""
    tails: list[int] = []  # tails[k]: the smallest last value of an increasing run of k+1
    tail_index: list[int] = []
    parent: list[int] = [-1] * len(values)
    for i, value in enumerate(values):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_index.append(i)
        else:
            tails[k] = value
            tail_index[k] = i
        parent[i] = tail_index[k - 1] if k else -1
    kept: set[int] = set()
    i = tail_index[-1] if tail_index else -1
    while i >= 0:
        kept.add(i)
        i = parent[i]
    return kept


def _added_step(step: Step, stage_id: str) -> Iterator[Change]:
    yield Change("added", "step", step.id, stage_id, new=_dump(step))
    yield from _item_changes(None, step, step.id, stage_id)


def _removed_step(step: Step, stage_id: str) -> Iterator[Change]:
    yield Change("removed", "step", step.id, stage_id, old=_dump(step))
    yield from _item_changes(step, None, step.id, stage_id)


def _item_changes(
    old: Step | None, new: Step | None, step_id: str, stage_id: str
) -> Iterator[Change]:
    """Pain points, opportunities and evidence of one step (either side may be absent)."""
    if (
        old is not None
        and new is not None
        and (
            old.pain_points == new.pain_points
            and old.opportunities == new.opportunities
            and old.evidence == new.evidence
        )
    ):
        return
    old_pains = old.pain_points if old else []
    new_pains = new.pain_points if new else []
    for text, op in _multiset_changes(old_pains, new_pains):
        yield Change(op, "pain_point", text, stage_id, step_id)
    yield from _opportunity_changes(
        old.opportunities if old else [], new.opportunities if new else [], stage_id, step_id
    )
    yield from _keyed_changes(
        old.evidence if old else [],
        new.evidence if new else [],
        lambda e: e.source,
        EVIDENCE_FIELDS,
        "evidence",
        stage_id,
        step_id,
    )


def _multiset_changes(old: Sequence[str], new: Sequence[str]) -> Iterator[tuple[str, Op]]:
    """Texts removed, then texts added, in their own order; equal texts pair up."""
    remaining = Counter(new)
    for text in old:
        if remaining[text] > 0:
            remaining[text] -= 1
        else:
            yield text, "removed"
    still = Counter(old)
    for text in new:
        if still[text] > 0:
            still[text] -= 1
        else:
            yield text, "added"


def _opportunity_changes(
    old: Sequence[Opportunity], new: Sequence[Opportunity], stage_id: str, step_id: str | None
) -> Iterator[Change]:
    yield from _keyed_changes(
        old, new, lambda o: o.text, OPPORTUNITY_FIELDS, "opportunity", stage_id, step_id
    )


def _metric_changes(
    old: Sequence[Metric], new: Sequence[Metric], stage_id: str
) -> Iterator[Change]:
    yield from _keyed_changes(old, new, lambda m: m.name, METRIC_FIELDS, "metric", stage_id, None)


M = TypeVar("M", Opportunity, Metric, Evidence)


def _keyed_changes(
    old: Sequence[M],
    new: Sequence[M],
    key: Callable[[M], str],
    fields: Sequence[str],
    kind: str,
    stage_id: str,
    step_id: str | None,
) -> Iterator[Change]:
    """Items without an id, matched by a text key: removed, then added or changed, in order."""
    old_index = _index(old, key)
    new_index = _index(new, key)
    for item_key, (_, item) in old_index.items():
        if item_key not in new_index:
            yield Change("removed", kind, item_key[0], stage_id, step_id, old=_dump(item))
    for item_key, (_, item) in new_index.items():
        old_entry = old_index.get(item_key)
        if old_entry is None:
            yield Change("added", kind, item_key[0], stage_id, step_id, new=_dump(item))
        else:
            yield from _field_changes(
                old_entry[1], item, fields, kind, item_key[0], stage_id, step_id
            )


def _field_changes(
    old: BaseModel,
    new: BaseModel,
    fields: Sequence[str],
    kind: str,
    item_id: str,
    stage_id: str | None,
    step_id: str | None,
) -> Iterator[Change]:
    for name in fields:
        before, after = getattr(old, name, None), getattr(new, name, None)
        if before != after:
            yield Change(
                "changed", kind, item_id, stage_id, step_id, name, jsonable(before),
                jsonable(after),
            )  # fmt: skip


def _side_value(op: Op, value: Any) -> dict[str, Any]:
    return {"new": value} if op == "added" else {"old": value}


def _dump(item: BaseModel, exclude: set[str] | None = None) -> dict[str, Any]:
    """An item as JSON data, without the keys left at their defaults."""
    return item.model_dump(mode="json", exclude_defaults=True, exclude=exclude)


def _dump_stage(stage: Stage) -> dict[str, Any]:
    """A stage without its steps (they are changes of their own), plus how many it has."""
    data = stage.model_dump(mode="json", exclude_defaults=True, exclude={"steps"})
    data["step_count"] = len(stage.steps)
    return data

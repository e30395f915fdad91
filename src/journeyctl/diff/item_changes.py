"""Field by field and item by item: the changes of one stage, step or item, and of the lists
of items without an id (pain points, opportunities, metrics, evidence)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel

from journeyctl.core.model import Evidence, Metric, Opportunity, Step
from journeyctl.diff.change_model import Change, jsonable, same
from journeyctl.diff.matching import index_by, multiset_changes


def compared(model: type[BaseModel], *apart: str) -> tuple[str, ...]:
    """The fields of a model compared one by one, in the model's order: all but `apart`
    (identity, and lists of items that are matched and compared on their own)."""
    return tuple(name for name in model.model_fields if name not in apart)


OPPORTUNITY_FIELDS = compared(Opportunity, "text")
METRIC_FIELDS = compared(Metric, "name")
EVIDENCE_FIELDS = compared(Evidence, "source")


def added_step(step: Step, stage_id: str) -> Iterator[Change]:
    yield Change("added", "step", step.id, stage_id, new=dump(step))
    yield from item_changes(None, step, step.id, stage_id)


def removed_step(step: Step, stage_id: str) -> Iterator[Change]:
    yield Change("removed", "step", step.id, stage_id, old=dump(step))
    yield from item_changes(step, None, step.id, stage_id)


def item_changes(
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
    for text, op in multiset_changes(old_pains, new_pains):
        yield Change(op, "pain_point", text, stage_id, step_id)
    yield from opportunity_changes(
        old.opportunities if old else [], new.opportunities if new else [], stage_id, step_id
    )
    yield from keyed_changes(
        old.evidence if old else [],
        new.evidence if new else [],
        lambda e: e.source,
        EVIDENCE_FIELDS,
        "evidence",
        stage_id,
        step_id,
    )


def opportunity_changes(
    old: Sequence[Opportunity], new: Sequence[Opportunity], stage_id: str, step_id: str | None
) -> Iterator[Change]:
    yield from keyed_changes(
        old, new, lambda o: o.text, OPPORTUNITY_FIELDS, "opportunity", stage_id, step_id
    )


def metric_changes(old: Sequence[Metric], new: Sequence[Metric], stage_id: str) -> Iterator[Change]:
    yield from keyed_changes(old, new, lambda m: m.name, METRIC_FIELDS, "metric", stage_id, None)


M = TypeVar("M", Opportunity, Metric, Evidence)


def keyed_changes(
    old: Sequence[M],
    new: Sequence[M],
    key: Callable[[M], str],
    fields: Sequence[str],
    kind: str,
    stage_id: str,
    step_id: str | None,
) -> Iterator[Change]:
    """Items without an id, matched by a text key: removed, then added or changed, in order."""
    old_index = index_by(old, key)
    new_index = index_by(new, key)
    for item_key, (_, item) in old_index.items():
        if item_key not in new_index:
            yield Change("removed", kind, item_key[0], stage_id, step_id, old=dump(item))
    for item_key, (_, item) in new_index.items():
        old_entry = old_index.get(item_key)
        if old_entry is None:
            yield Change("added", kind, item_key[0], stage_id, step_id, new=dump(item))
        else:
            yield from field_changes(
                old_entry[1], item, fields, kind, item_key[0], stage_id, step_id
            )


def field_changes(
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
        if not same(before, after):
            yield Change(
                "changed", kind, item_id, stage_id, step_id, name, jsonable(before),
                jsonable(after),
            )  # fmt: skip


def dump(item: BaseModel, exclude: set[str] | None = None) -> dict[str, Any]:
    """An item as JSON data, without the keys left at their defaults."""
    return item.model_dump(mode="json", exclude_defaults=True, exclude=exclude)

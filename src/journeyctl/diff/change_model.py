"""One difference between two versions of a document, and model values as JSON data."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any, Literal, TypeVar

from journeyctl.core.model import Journey, Persona, Workflow

Document = Journey | Workflow | Persona
Op = Literal["added", "removed", "moved", "renamed", "changed"]
T = TypeVar("T")


@dataclass(frozen=True)
class Change:
    """One difference. `id` names the item: a stage or step id, or the text (pain point,
    opportunity), name (metric) or source (evidence) of an item without an id. `stage` and
    `step` say where it is (the new side's stage for items that exist there)."""

    op: Op
    kind: str
    id: str
    stage: str | None = None
    step: str | None = None
    field: str | None = None
    old: Any = None
    new: Any = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form; values are JSON types (dates as ISO strings)."""
        return {
            "op": self.op,
            "kind": self.kind,
            "id": self.id,
            "stage": self.stage,
            "step": self.step,
            "field": self.field,
            "old": self.old,
            "new": self.new,
        }


def jsonable(value: Any) -> Any:
    """A value as JSON data: enums by value, dates as ISO strings, `to_dict` for ours."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return value


def same(before: Any, after: Any) -> bool:
    """Whether two model values are equal, NaN counting as equal to NaN: a file that says
    `actual: .nan` on both sides has not changed there."""
    return bool(before == after) or _comparable(before) == _comparable(after)


_NAN = object()


def _comparable(value: Any) -> Any:
    """`value` with every NaN (in lists, tuples and dicts too) replaced by one marker."""
    if isinstance(value, float) and math.isnan(value):
        return _NAN
    if isinstance(value, list | tuple):
        return [_comparable(item) for item in value]
    if isinstance(value, dict):
        return {key: _comparable(item) for key, item in value.items()}
    return value

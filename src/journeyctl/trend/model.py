"""What `journeyctl trend` finds: per document, its points through history."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from journeyctl.trend.points import NUMBERS
from journeyctl.workspace.messages import unicode_safe


@dataclass
class Point:
    """One document at one commit: its numbers (see `points`), and why they are null when
    the document did not load."""

    commit: str
    date: str
    numbers: dict[str, Any]
    error: str | None = None

    def value(self, name: str) -> Any:
        """One of the numbers (`steps`, `emotion_average`, ...), or None."""
        return self.numbers.get(name)

    def metric(self, name: str) -> float | None:
        """A metric's actual at this commit, or None (also for NaN and infinity)."""
        metrics = self.numbers.get("metrics") or {}
        value = metrics.get(name)
        if not isinstance(value, int | float) or not math.isfinite(value):
            return None  # not set, or a YAML .nan or .inf: nothing to draw
        return float(value)

    def as_json(self) -> dict[str, Any]:
        """The point as `--format json` writes it."""
        numbers = {name: self.numbers.get(name) for name in NUMBERS}
        error = unicode_safe(self.error) if self.error is not None else None
        return {"commit": self.commit, "date": self.date, **numbers, "error": error}


@dataclass
class DocumentTrend:
    """A journey or workflow, followed by kind, id and state through renames.

    A file that never loaded has no kind, id or state: it is followed by its path. `path` is
    where the document was last seen; `ended` the commit after which no file under the path
    holds it any more (deleted, moved away, or given another id), None while one does.
    """

    kind: str | None
    id: str | None
    state: str | None
    path: str
    points: list[Point] = field(default_factory=list)
    ended: str | None = None

    def metric_names(self) -> list[str]:
        """Every metric any point has, in the order they first appear."""
        names: dict[str, None] = {}
        for point in self.points:
            names.update(dict.fromkeys(point.numbers.get("metrics") or {}))
        return list(names)

    def as_json(self) -> dict[str, Any]:
        """The document as `--format json` writes it."""
        return {
            "kind": self.kind,
            "id": self.id,
            "state": self.state,
            "path": unicode_safe(self.path),
            "ended": self.ended,
            "points": [point.as_json() for point in self.points],
        }


@dataclass
class Trend:
    """Every document's points, and where a shallow clone's history starts (None when it is
    complete)."""

    documents: list[DocumentTrend]
    shallow_start: str | None = None

    def as_json(self) -> dict[str, Any]:
        """`{"documents": [...]}`, as `--format json` writes it."""
        return {"documents": [document.as_json() for document in self.documents]}

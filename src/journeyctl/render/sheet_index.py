"""Which of a poster's statements a sheet needs, found without reading them all: a poster of
1,000 steps has tens of thousands of statements and hundreds of sheets."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from journeyctl.render.canvas import Canvas, PinnedDot

WIDE = 2_000.0
"""A statement reaching over more points than this (a line across the grid) is always read."""


@dataclass(frozen=True)
class StatementIndex:
    """The statements by the x they reach: those always needed, and the others by left edge."""

    always: list[int]
    lefts: list[float]
    narrow: list[tuple[float, float, int]]
    widest: float

    def around(self, left: float, right: float) -> list[int]:
        """The statements (by position, in order) that reach into `left`..`right`."""
        start = bisect.bisect_left(self.lefts, left - self.widest)
        end = bisect.bisect_right(self.lefts, right)
        found = [i for lo, hi, i in self.narrow[start:end] if hi >= left and lo <= right]
        return sorted(found + self.always)


def index_statements(canvas: Canvas, heading: float) -> StatementIndex:
    """Index a poster's statements by the x they reach."""
    dot = canvas.dot
    assert isinstance(dot, PinnedDot)
    always: list[int] = []
    narrow: list[tuple[float, float, int]] = []
    for position, statement in enumerate(dot.statements):
        reach = _reach(canvas, statement, heading)
        if reach is None or reach[1] - reach[0] > WIDE:
            always.append(position)
        else:
            narrow.append((reach[0], reach[1], position))
    narrow.sort()
    widest = max((hi - lo for lo, hi, _ in narrow), default=0.0)
    return StatementIndex(always, [lo for lo, _, _ in narrow], narrow, widest)


def _reach(
    canvas: Canvas, statement: tuple[object, ...], heading: float
) -> tuple[float, float] | None:
    """The x a statement reaches, or None when every sheet needs it."""
    kind = statement[0]
    if kind == "node":
        shape = canvas.shapes.get(str(statement[1]))
        if shape is None or shape.repeat:
            return None
        left, _, right, _ = shape.box
        return None if left < heading else (left, right)
    if kind == "edge":
        ends = [canvas.shapes.get(str(name)) for name in statement[1:3]]
        xs = [x for shape in ends if shape is not None for x in shape.box[0:3:2]]
        return (min(xs), max(xs)) if len(xs) == 4 else None
    return None

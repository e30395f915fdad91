"""What every report shows of a document: one row per measure over its points.

A row has the values at each point (None where the document did not load or a metric is
not set), a sparkline of them, the first and last known value and the change between them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from journeyctl.trend.model import DocumentTrend

BARS = "▁▂▃▄▅▆▇█"
GAP = "·"
"""Shown in a sparkline where a point has no value."""
SPARK_WIDTH = 40
"""A sparkline has at most this many marks: longer histories are sampled evenly."""
MEASURES = (
    ("steps", "steps"),
    ("unowned_steps", "unowned steps"),
    ("pain_points", "pain points"),
    ("emotion_average", "emotion"),
    ("findings", "findings"),
)
"""The numbers every document shows, and their labels."""


@dataclass(frozen=True)
class Row:
    """One measure of one document through its points."""

    label: str
    values: list[float | None]
    metric: bool = False

    @property
    def first(self) -> float | None:
        """The earliest known value."""
        return next((v for v in self.values if v is not None), None)

    @property
    def last(self) -> float | None:
        """The latest known value."""
        return next((v for v in reversed(self.values) if v is not None), None)

    @property
    def change(self) -> str:
        """The change from first to last (``+3``, ``-0.25``, ``0``), or empty."""
        first, last = self.first, self.last
        if first is None or last is None:
            return ""
        delta = round(last - first, 6)
        return "0" if delta == 0 else f"{delta:+g}"

    @property
    def spark(self) -> str:
        """The values as a sparkline."""
        return sparkline(self.values)


def rows(document: DocumentTrend) -> list[Row]:
    """The five measures, then each metric's actual (when any point has one), over the
    document's points."""
    found = [
        Row(label, [_number(point.value(name)) for point in document.points])
        for name, label in MEASURES
    ]
    for name in document.metric_names():
        values = [point.metric(name) for point in document.points]
        if any(value is not None for value in values):  # a metric with a target only: no row
            found.append(Row(name, values, metric=True))
    return found


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def sparkline(values: Sequence[float | None], width: int = SPARK_WIDTH) -> str:
    """``▁▃▅█``: each value as a bar between the lowest and highest; GAP for None; a flat
    line is mid-height."""
    if len(values) > width:  # sampled evenly, the last value always kept
        values = [values[(len(values) - 1) * i // (width - 1)] for i in range(width)]
    known = [v for v in values if v is not None]
    low, high = (min(known), max(known)) if known else (0.0, 0.0)
    marks = []
    for value in values:
        if value is None:
            marks.append(GAP)
        elif high == low:
            marks.append(BARS[3])
        else:
            marks.append(BARS[round((value - low) / (high - low) * (len(BARS) - 1))])
    return "".join(marks)


def shown(value: float | None) -> str:
    """A value as reports print it: ``12``, ``-0.25``, ``0.031``; a dash for none."""
    if value is None:
        return "-"
    return f"{value:g}"


def finite(value: Any) -> Any:
    """Data with every NaN or infinity (in lists and dicts too) written as a string."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, list | tuple):
        return [finite(item) for item in value]
    if isinstance(value, dict):
        return {key: finite(item) for key, item in value.items()}
    return value

"""Where the columns of the `map` grid are: one per step, grouped by stage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from journeyctl.core.model import Flow, Stage, Step
from journeyctl.render.headings import HEAD_W, STAGE_GAP

COL_W = 150.0
"""Width of one step column of the map."""


@dataclass(frozen=True)
class Column:
    """One step of the map, or the placeholder of a stage without steps."""

    stage: Stage
    step: Step | None
    x: float


def columns_of(doc: Flow) -> list[Column]:
    """The columns of the map, left to right, after the row headings."""
    columns: list[Column] = []
    x = HEAD_W
    for stage in doc.stages:
        x += STAGE_GAP
        steps: list[Step | None] = [*stage.steps] or [None]
        for step in steps:
            columns.append(Column(stage, step, x))
            x += COL_W
    return columns


def stage_spans(doc: Flow, columns: Sequence[Column]) -> list[tuple[Stage, float, float]]:
    """Each stage with the left and right x of its columns."""
    spans = []
    for stage in doc.stages:
        xs = [column.x for column in columns if column.stage is stage]
        spans.append((stage, xs[0], xs[-1] + COL_W))
    return spans

"""The `map` view: the journey-map grid, one column per step under its stage, as DOT."""

from __future__ import annotations

from collections.abc import Sequence

from journeyctl.core.model import Flow
from journeyctl.render import style
from journeyctl.render.canvas import Canvas, pinned_graph
from journeyctl.render.emotion_curve import emotion_row
from journeyctl.render.graphviz import LegendItem, has_emotion, legend
from journeyctl.render.headings import (
    HEAD_W,
    STAGE_GAP,
    row_heading,
    spanning,
    stage_block,
    stage_headers,
)
from journeyctl.render.map_cells import (
    StageRow,
    StepRow,
    ideas_cell,
    lint_cell,
    metrics_cell,
    owner_cell,
    pains_cell,
    stage_ideas_cell,
    steps_cell,
    thoughts_cell,
    touchpoint_cell,
)
from journeyctl.render.map_layout import COL_W, Column, columns_of, stage_spans
from journeyctl.render.marks import Marks
from journeyctl.render.text_block import PAD, Block, inner


def journey_map(doc: Flow, marks: Marks) -> str:
    """The map view (the classic journey-map grid) as DOT text."""
    columns = columns_of(doc)
    right = columns[-1].x + COL_W if columns else HEAD_W + STAGE_GAP + COL_W
    emotions = has_emotion(doc)
    legend_items: list[LegendItem] = [
        (style.PAIN, style.PAIN_INK, "pain point"),
        (style.IDEA, style.IDEA_INK, "opportunity"),
        ("\u2713 \u2717", None, "metric target met / missed"),
    ]
    if marks:
        legend_items.append((style.LINT, None, "lint finding"))
    legend_table = legend(legend_items, emotions)
    dot = pinned_graph(doc, "map", marks, legend_table, right, "line")
    canvas = Canvas(dot)

    y = 0.0
    y = _stage_band(canvas, doc, columns, marks, y, "Stage")
    step_rows: list[tuple[str, StepRow]] = [("Steps", steps_cell)]
    if marks.steps:
        step_rows.append(("Lint findings", lint_cell(marks)))
    step_rows += [
        ("Touchpoints", touchpoint_cell),
        ("Owner", owner_cell),
    ]
    if any(step.thoughts for stage in doc.stages for step in stage.steps):
        step_rows.append(("Thoughts", thoughts_cell))
    for title, builder in step_rows:
        y = _step_row(canvas, columns, title, builder, y)
    if emotions:
        y = emotion_row(canvas, columns, right, y)
    y = _step_row(canvas, columns, "Pain points", pains_cell, y)
    y = _step_row(canvas, columns, "Opportunities", ideas_cell, y)
    if any(stage.opportunities for stage in doc.stages):
        y = _stage_row(canvas, doc, columns, "Stage-wide opportunities", stage_ideas_cell, y)
    if any(stage.metrics for stage in doc.stages):
        y = _stage_row(canvas, doc, columns, "Metrics", metrics_cell, y)
    return dot.source()


def _stage_band(
    canvas: Canvas,
    doc: Flow,
    columns: Sequence[Column],
    marks: Marks,
    y: float,
    title: str,
) -> float:
    blocks = []
    for stage, left, right in stage_spans(doc, columns):
        blocks.append((stage, left, right, stage_block(stage, right - left, marks, goal=True)))
    return y + stage_headers(canvas, blocks, title, y, marks) + 4


def _step_row(
    canvas: Canvas, columns: Sequence[Column], title: str, builder: StepRow, y: float
) -> float:
    cells = []
    for column in columns:
        block = Block(inner(COL_W))
        if column.step is not None:
            fill = builder(column.step, column.stage, block)
        else:
            fill = None
            if builder is steps_cell:
                block.text("no steps", 9, italic=True, color=style.MUTED)
        cells.append((column, block, fill))
    height = max(max((block.height for _, block, _ in cells), default=0) + 2 * PAD + 4, 26)
    row_heading(canvas, title, y, height)
    css = "cell row-" + title.lower().replace(" ", "-")
    for column, block, fill in cells:
        step = column.step
        canvas.cell(
            column.x,
            y,
            COL_W,
            height,
            block.markup(),
            fill=fill or "white",
            css=css,
            node_id=f"{css.split()[1]}-{step.id}" if step else None,
        )
    return y + height


def _stage_row(
    canvas: Canvas,
    doc: Flow,
    columns: Sequence[Column],
    title: str,
    builder: StageRow,
    y: float,
) -> float:
    cells = []
    for stage, left, right in stage_spans(doc, columns):
        block = Block(inner(right - left))
        fill = builder(stage, block)
        cells.append((left, right, block, fill))
    height = max(max((block.height for *_, block, _ in cells), default=0) + 2 * PAD + 4, 26)
    row_heading(canvas, title, y, height)
    css = "cell row-" + title.lower().replace(" ", "-")
    for left, right, block, fill in cells:
        canvas.cell(
            left,
            y,
            right - left,
            height,
            block.markup(),
            fill=fill or "white",
            css=css,
            span=spanning(block),
        )
    return y + height

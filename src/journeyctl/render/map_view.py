"""The `map` view: the journey-map grid as DOT. Its columns follow the main path, stage by
stage; alternatives and unreached steps are bands of cards under the main rows
(`map_layout` places them, `map_bands` draws them)."""

from __future__ import annotations

from collections.abc import Sequence

from journeyctl.core.model import Flow, Stage, Step
from journeyctl.render import style
from journeyctl.render.canvas import Canvas, pinned_graph
from journeyctl.render.emotion_curve import emotion_row
from journeyctl.render.graphviz import LegendItem, has_emotion, legend
from journeyctl.render.headings import row_heading, spanning, stage_block, stage_headers
from journeyctl.render.map_bands import band_rows, leads_to
from journeyctl.render.map_cells import (
    EVIDENCE_MARKS,
    StageRow,
    StepRow,
    evidence_cell,
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
from journeyctl.render.map_layout import COL_W, Column, MapLayout, layout_of
from journeyctl.render.marks import Marks
from journeyctl.render.persona import PersonaRef
from journeyctl.render.text_block import PAD, Block, inner


def journey_map(doc: Flow, marks: Marks, persona: PersonaRef | None = None) -> str:
    """The map view (the classic journey-map grid) as DOT text."""
    layout = layout_of(doc)
    emotions = has_emotion(doc)
    steps = [step for stage in doc.stages for step in stage.steps]
    evidence = any(step.evidence for step in steps)
    dot = pinned_graph(
        doc, "map", marks, legend(_legend(marks, evidence), emotions), layout.right, "line", persona
    )
    canvas = Canvas(dot)

    y = _stage_band(canvas, layout, marks, 0.0, "Stage")
    step_rows: list[tuple[str, StepRow]] = [("Steps", _steps_cell(layout))]
    if marks.steps:
        step_rows.append(("Lint findings", lint_cell(marks)))
    step_rows += [
        ("Touchpoints", touchpoint_cell),
        ("Owner", owner_cell),
    ]
    if any(step.thoughts for step in steps):
        step_rows.append(("Thoughts", thoughts_cell))
    for title, builder in step_rows:
        y = _step_row(canvas, layout.columns, title, builder, y)
    if emotions:
        y = emotion_row(canvas, layout, y)
    y = _step_row(canvas, layout.columns, "Pain points", pains_cell, y)
    y = _step_row(canvas, layout.columns, "Opportunities", ideas_cell, y)
    if evidence:
        y = _step_row(canvas, layout.columns, "Evidence", evidence_cell, y)
    y = band_rows(canvas, layout, marks, y)
    if any(stage.opportunities for stage in doc.stages):
        y = _stage_row(canvas, layout, "Stage-wide opportunities", stage_ideas_cell, y)
    if any(stage.metrics for stage in doc.stages):
        y = _stage_row(canvas, layout, "Metrics", metrics_cell, y)
    return dot.source()


def _legend(marks: Marks, evidence: bool) -> list[LegendItem]:
    items: list[LegendItem] = [
        (style.PAIN, style.PAIN_INK, "pain point"),
        (style.IDEA, style.IDEA_INK, "opportunity"),
        ("\u2713 \u2717", None, "metric target met / missed"),
    ]
    if evidence:
        for kind in ("analytical", "anecdotal"):
            symbol, ink = next(mark for k, mark in EVIDENCE_MARKS.items() if k.value == kind)
            items.append((symbol, ink, f"{kind} evidence"))
    if marks:
        items.append((style.LINT, None, "lint finding"))
    return items


_DEAD_END = "ends here: no next step"


def _steps_cell(layout: MapLayout) -> StepRow:
    """The Steps row: name and action, and where the main path goes other than right."""
    main = layout.paths.main
    notes: dict[int, list[str]] = {}
    for index, key in enumerate(main):
        lines = notes.setdefault(id(layout.graph.by_id[key].step), [])
        last = index + 1 == len(main)
        if last and layout.paths.loops_to is not None:
            lines.append(f"\u21a9 back to: {layout.graph.by_id[layout.paths.loops_to].step.name}")
        elif last and not layout.graph.by_id[key].step.terminal:
            lines.append(_DEAD_END)  # as an alternative's card says it: leads drop out here
        shown = {main[index + 1] if index + 1 < len(main) else layout.paths.loops_to or ""}
        lines += [f"also \u2192 {node.step.name}" for node in leads_to(layout, key, shown)]

    def build(step: Step, stage: Stage, block: Block) -> str | None:
        fill = steps_cell(step, stage, block)
        for line in notes.get(id(step), []):
            dead_end = line == _DEAD_END
            block.text(line, 8.5, bold=dead_end, color=style.PAIN_INK if dead_end else style.MUTED)
        return fill

    return build


def _stage_band(canvas: Canvas, layout: MapLayout, marks: Marks, y: float, title: str) -> float:
    blocks = []
    ids = []
    for span in layout.spans:
        width = span.right - span.left
        block = stage_block(
            span.stage, width, marks, goal=not span.continued, continued=span.continued
        )
        blocks.append((span.stage, span.left, span.right, block))
        ids.append(f"stage-{span.stage.id}" + ("-continued" * span.continued))
    return y + stage_headers(canvas, blocks, title, y, marks, ids) + 4


def _step_row(
    canvas: Canvas, columns: Sequence[Column], title: str, builder: StepRow, y: float
) -> float:
    cells = []
    for column in columns:
        block = Block(inner(COL_W))
        fill = None
        if column.step is not None:
            fill = builder(column.step, column.stage, block)
        elif title == "Steps" and column.placeholder:
            empty = "no steps" if not column.stage.steps else "not on the main path: see below"
            block.text(empty, 9, italic=True, color=style.MUTED)
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


def _stage_row(canvas: Canvas, layout: MapLayout, title: str, builder: StageRow, y: float) -> float:
    cells = []
    for span in layout.spans:
        block = Block(inner(span.right - span.left))
        fill = None if span.continued else builder(span.stage, block)
        cells.append((span.left, span.right, block, fill))
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

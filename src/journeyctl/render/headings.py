"""The row headings and the stage header row that the `map` and `blueprint` grids share."""

from __future__ import annotations

from collections.abc import Sequence

from journeyctl.core.model import Stage
from journeyctl.render import style
from journeyctl.render.canvas import Canvas
from journeyctl.render.dot import Lines
from journeyctl.render.marks import Mark, Marks, rules_of
from journeyctl.render.shapes import Span
from journeyctl.render.text_block import PAD, Block, inner

HEAD_W = 112.0
"""Width of the row headings."""
STAGE_GAP = 8.0
"""Space between two stages."""


def row_heading(canvas: Canvas, title: str, y: float, height: float) -> None:
    """The heading cell of a row (or lane) at `y`, in the column at the left."""
    block = Block(inner(HEAD_W))
    block.text(title, 10, bold=True)
    canvas.cell(0, y, HEAD_W, height, block.markup(), fill=style.ROW_HEAD_FILL, css="heading")
    canvas.band(y, y + height, HEAD_W)


def spanning(block: Block) -> Span:
    """How a cell across a stage's columns shows on a sheet that has only some of them: its
    text wrapped to that width on the first, "continued" on the later ones."""

    def part(width: float, continued: bool) -> Block:
        if not continued:
            return block.rewrapped(inner(width))
        note = Block(inner(width))
        note.text("continued", 9, italic=True, color=style.MUTED)
        return note

    return part


def stage_block(
    stage: Stage, width: float, marks: Marks, *, goal: bool, continued: bool = False
) -> Block:
    """A stage's header text: name, owner and duration, the goal if `goal`, lint findings;
    a `continued` header (the stage again, further right) says so after the name."""
    block = Block(inner(width))
    name = f"{stage.name}, continued" if continued else stage.name
    block.text(name, 13, bold=True, color=style.HEADER_TEXT)
    details = [part for part in (stage.owner and f"owner {stage.owner}", stage.duration) if part]
    if details:
        block.text(" · ".join(details), 9, color="#d5dde5")
    if goal and stage.goal:
        block.text(f"Goal: {stage.goal}", 9, color=style.HEADER_TEXT)
    found = marks.stage(stage.id)
    if found:
        block.text(
            f"{style.LINT} " + ", ".join(rules_of(found)), 9, bold=True, color=style.LINT_FILL
        )
    return block


def stage_headers(
    canvas: Canvas,
    blocks: Sequence[tuple[Stage, float, float, Block]],
    title: str,
    y: float,
    marks: Marks,
    ids: Sequence[str] | None = None,
) -> float:
    """Draw the row of stage headers at `y` under a row heading; return the row's height.
    `ids` names each header's element (default `stage-ID`)."""
    height = max((block.height for *_, block in blocks), default=0) + 2 * PAD + 2
    row_heading(canvas, title, y, height)
    canvas.bands[-1].repeat = True  # every sheet of a paged grid shows the stage header
    names = ids or [f"stage-{stage.id}" for stage, *_ in blocks]
    for (stage, left, right, block), name in zip(blocks, names, strict=True):
        canvas.cell(
            left,
            y,
            right - left,
            height,
            block.markup(),
            fill=style.HEADER_FILL,
            border=style.HEADER_FILL,
            css="stage",
            node_id=name,
            tooltip=_stage_tooltip(stage, marks.stage(stage.id)),
            span=_continued(block),
        )
    return height


def _continued(block: Block) -> Span:
    """A stage's header on a sheet with only some of its columns: "<Stage>, continued" on
    the later ones."""

    def part(width: float, continued: bool) -> Block:
        return block.rewrapped(inner(width), ", continued" if continued else "")

    return part


def _stage_tooltip(stage: Stage, marks: Sequence[Mark]) -> Lines:
    lines = [stage.name]
    for label, value in (
        ("goal", stage.goal),
        ("trigger", stage.trigger),
        ("outcome", stage.outcome),
    ):
        if value:
            lines.append(f"{label}: {value}")
    lines += [f"{style.LINT} {mark.text}" for mark in marks]
    return Lines(lines)

"""The bands of the `map` grid: each alternative, and the unreached steps, as compact cards.

A band is a tinted strip from the column after its branch to its last step, titled
`Alternative: <first step name>` and `from <branch step>`; its cards say what the main rows
say of a step (owner, touchpoint, emotion, pain points, opportunities, evidence, lint
findings) and where it goes next: where it rejoins, that it ends, or other steps it leads to.
"""

from __future__ import annotations

from collections.abc import Sequence

from journeyctl.core.graph import Node
from journeyctl.core.model import step_owner
from journeyctl.render import style
from journeyctl.render.canvas import Canvas
from journeyctl.render.graphviz import step_tooltip
from journeyctl.render.headings import row_heading
from journeyctl.render.map_cells import evidence_lines
from journeyctl.render.map_layout import COL_W, Band, MapLayout
from journeyctl.render.marks import Marks, rules_of
from journeyctl.render.text_block import PAD, Block, inner

BAND_FILL = "#f3f0fa"
BAND_BORDER = "#9c8fc4"
INSET = 5.0
"""Space between a band's edge and its cards."""
CARD_W = COL_W - 2 * INSET
LANE_GAP = 6.0
"""Space below each lane, so that bands in lanes one above the other do not touch."""


def band_rows(canvas: Canvas, layout: MapLayout, marks: Marks, y: float) -> float:
    """Draw the lanes of alternatives, then the unreached steps; return the y below them."""
    if layout.bands:
        top = y
        for lane in range(layout.lanes):
            y = _lane(canvas, layout, [b for b in layout.bands if b.lane == lane], marks, y)
        row_heading(canvas, "Alternative paths", top, y - top)
    if layout.unreached is not None:
        top = y
        y = _lane(canvas, layout, [layout.unreached], marks, y)
        row_heading(canvas, "Not reached from the first step", top, y - top)
    return y


def _lane(
    canvas: Canvas, layout: MapLayout, bands: Sequence[Band], marks: Marks, y: float
) -> float:
    titles = [_title(layout, band) for band in bands]
    cards = [
        [_card(layout, band, index, marks) for index in range(len(band.cards))] for band in bands
    ]
    lane_h = 0.0
    for band, title, blocks in zip(bands, titles, cards, strict=True):
        title_h = title.height + PAD + 2
        height = title_h + max(_card_height(block) for block in blocks) + INSET
        lane_h = max(lane_h, height)
        kind = "alternative" if band.branch is not None else "unreached"
        for index, x in enumerate(sorted({card.x for card in band.cards})):
            canvas.cell(  # one cell per column, so that pages can be cut between columns
                x,
                y,
                COL_W,
                height,
                "" if index else title.markup(),
                fill=BAND_FILL if band.branch is not None else style.STAGE_FILL,
                border=BAND_BORDER if band.branch is not None else style.BORDER,
                css=f"band-cell {kind}" if index else f"band {kind}",
                node_id=None if index else f"{kind}-{band.cards[0].node.step.id}",
            )
        for card, block in zip(band.cards, blocks, strict=True):
            step = card.node.step
            found = marks.step(layout.graph.doc.stages[card.node.stage_index].id, step.id)
            stage = layout.graph.doc.stages[card.node.stage_index]
            canvas.card(
                card.x + INSET,
                y + title_h,
                CARD_W,
                _card_height(block),
                block.markup(),
                fill=style.emotion_fill(step.emotion),
                css="alt-step" if band.branch is not None else "unreached-step",
                node_id=f"alt-{step.id}",
                tooltip=step_tooltip(step, f"owner: {step_owner(step, stage) or 'none'}", found),
                marked=bool(found),
                terminal=step.terminal,
            )
    return y + lane_h + LANE_GAP


def _card_height(block: Block) -> float:
    return block.height + 2 * PAD + 4


def _title(layout: MapLayout, band: Band) -> Block:
    block = Block(inner(COL_W))
    if band.branch is None:
        block.text("No path from the first step leads to these steps", 9, bold=True)
        return block
    block.text(f"Alternative: {band.cards[0].node.step.name}", 9.5, bold=True, color="#3f3270")
    block.text(f"branches from: {band.branch.step.name}", 8, color=style.MUTED)
    return block


def _card(layout: MapLayout, band: Band, index: int, marks: Marks) -> Block:
    """A step's compact card: what the map's rows say about it, and where it goes."""
    node = band.cards[index].node
    step = node.step
    stage = layout.graph.doc.stages[node.stage_index]
    block = Block(inner(CARD_W))
    block.text(step.name, 9.5, bold=True)
    owner = step_owner(step, stage)
    if owner:
        block.text(f"owner {owner}", 8, color=style.MUTED)
    else:
        block.text("no owner", 8, italic=True, color=style.PAIN_INK)
    where = " · ".join(
        part for part in (step.channel and step.channel.value, step.touchpoint) if part
    )
    if where:
        block.text(where, 8)
    if step.emotion is not None:
        words = style.EMOTION_WORDS[step.emotion]
        block.text(f"emotion {style.emotion_label(step.emotion)} {words}", 8, bold=True)
    found = marks.step(stage.id, step.id)
    for rule in rules_of(found):
        block.text(rule, 8, bold=True, prefix=style.LINT)
    for pain in step.pain_points:
        block.text(pain, 8, prefix=style.PAIN, prefix_color=style.PAIN_INK)
    for idea in step.opportunities:
        block.text(idea.text, 8, prefix=style.IDEA, prefix_color=style.IDEA_INK)
    for item in step.evidence:
        evidence_lines(block, item, 8)
    if band.branch is None:  # unreached: the next card is not where it leads
        for other in leads_to(layout, node.key, set()):
            block.text(f"\u2192 {other.step.name}", 8, color=style.MUTED)
        return block
    following = band.cards[index + 1].node if index + 1 < len(band.cards) else None
    if following is None:
        _band_end(block, layout, band, node)
    shown = {following.key if following else band.rejoins.key if band.rejoins else ""}
    for other in leads_to(layout, node.key, shown):
        block.text(f"also \u2192 {other.step.name}", 8, color=style.MUTED)
    return block


def _band_end(block: Block, layout: MapLayout, band: Band, node: Node) -> None:
    """How an alternative ends: where it rejoins, at a terminal step, or at a dead end."""
    block.gap(3)
    if band.rejoins is not None:
        forward = layout.x_of[band.rejoins.key] > layout.x_of[node.key]
        arrow = "\u2192" if forward else "\u21a9"
        block.text(f"{arrow} rejoins: {band.rejoins.step.name}", 8, bold=True)
    elif node.step.terminal:
        block.text(f"{style.END} can end here", 8, bold=True)
    else:
        block.text("ends here: no next step", 8, bold=True, color=style.PAIN_INK)


def leads_to(layout: MapLayout, key: str, shown: set[str]) -> list[Node]:
    """The steps `key` leads to that the picture does not already show as its next (`shown`)
    or as the start of an alternative branching from it."""
    starts = layout.starts.get(key, set())
    return [
        layout.graph.by_id[target]
        for target in dict.fromkeys(layout.graph.successors[key])
        if target not in shown and target not in starts
    ]

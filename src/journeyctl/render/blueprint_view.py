"""The `blueprint` view: service-blueprint lanes with the lines between them, as DOT."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from journeyctl.core.graph import StepGraph
from journeyctl.core.model import Flow, Layer, Stage, Step, step_owner
from journeyctl.render import style
from journeyctl.render.canvas import Canvas, pinned_graph
from journeyctl.render.graphviz import LegendItem, has_emotion, legend, step_tooltip
from journeyctl.render.headings import HEAD_W, STAGE_GAP, row_heading, stage_block, stage_headers
from journeyctl.render.marks import Mark, Marks, rules_of
from journeyctl.render.text import html, text_width
from journeyctl.render.text_block import PAD, Block, inner

LANES = ("Customer actions", "Frontstage", "Backstage", "Support processes")
LINES = ("line of interaction", "line of visibility", "line of internal interaction")
LANE_FILLS = ("#fbf6ec", "#eef4fa", "#f2f2f2", "#f7f7f7")
CARD_W = 150.0
COL_GAP = 34.0
LANE_PAD = 12.0
"""Space above and below the cards of a lane."""
LINE_ROOM = 14.0
"""Extra space at the bottom of a lane for the name of the line below it."""
SPLINE_LIMIT = 60
"""Up to this many steps, blueprint arrows are routed around the cards."""
GAP = 4.0
"""Distance kept between any two shapes, so that Graphviz can route edges between them."""


def lane_of(step: Step, kind: str) -> int:
    """The blueprint lane of a step: 0 customer, 1 frontstage, 2 backstage, 3 support."""
    if step.actor == "customer":
        return 0
    if step.layer is not None:
        return {Layer.FRONTSTAGE: 1, Layer.BACKSTAGE: 2, Layer.SUPPORT: 3}[step.layer]
    if step.actor is None:
        return 0 if kind == "journey" else 2
    return 2 if step.actor == "system" else 1


@dataclass
class Placed:
    """A step of the blueprint: its lane, column and card."""

    stage_index: int
    step_index: int
    step: Step
    stage: Stage
    lane: int
    column: int
    block: Block


def blueprint(doc: Flow, marks: Marks) -> str:
    """The blueprint view (service-blueprint lanes) as DOT text."""
    placed, stage_columns = _place(doc, marks)
    columns = sum(len(cols) for cols in stage_columns)
    column_x = _column_xs(stage_columns, columns)
    right = (column_x[-1] if column_x else HEAD_W + STAGE_GAP) + CARD_W + COL_GAP / 2
    emotions = has_emotion(doc)
    items: list[LegendItem] = [
        (style.PAIN, style.PAIN_INK, "pain points"),
        (style.IDEA, style.IDEA_INK, "opportunities"),
        (style.END, None, "can end here"),
    ]
    if marks:
        items.append((style.LINT, None, "lint finding"))
    legend_table = legend(items, emotions, none_label="no emotion / not the customer")
    # Routing edges around the cards costs Graphviz time that grows with the square of
    # their number; a big blueprint gets straight arrows instead.
    splines = "true" if len(placed) <= SPLINE_LIMIT else "line"
    dot = pinned_graph(doc, "blueprint", marks, legend_table, right, splines)
    canvas = Canvas(dot)

    y = _blueprint_stages(canvas, doc, stage_columns, column_x, marks)
    lane_tops: list[float] = []
    cards: dict[tuple[int, int], str] = {}
    for lane, title in enumerate(LANES):
        members = [p for p in placed if p.lane == lane]
        tallest = max((p.block.height for p in members), default=18.0)
        below = LANE_PAD + (LINE_ROOM if lane < len(LINES) else 0)
        height = LANE_PAD + tallest + 2 * PAD + 4 + below
        lane_tops.append(y)
        # A lane is a cluster with its box given (`bb`, lower left and upper right, y up):
        # in no-layout mode Graphviz draws clusters only where they say they are.
        dot.open(
            f"cluster_lane{lane}",
            {
                "style": "filled",
                "fillcolor": LANE_FILLS[lane],
                "color": LANE_FILLS[lane],
                "bb": f"{HEAD_W + GAP:.1f},{-(y + height):.1f},{right:.1f},{-y:.1f}",
                "label": "",
                "class": f"lane lane-{title.split()[0].lower()}",
            },
        )
        for item in members:
            marked = marks.step(item.stage.id, item.step.id)
            cards[(item.stage_index, item.step_index)] = canvas.card(
                column_x[item.column],
                y + LANE_PAD,
                CARD_W,
                item.block.height + 2 * PAD + 4,
                item.block.markup(),
                fill=style.emotion_fill(item.step.emotion) if lane == 0 else "white",
                css=f"step lane-{lane}" + (" lint" if marked else ""),
                node_id=f"step-{item.step.id}",
                tooltip=step_tooltip(item.step, f"lane: {LANES[item.lane]}", marked),
                marked=bool(marked),
                terminal=item.step.terminal,
            )
        dot.close()
        row_heading(canvas, title, y + 1.5, height - 3)
        y += height
    for index, name in enumerate(LINES):
        line_y = lane_tops[index + 1]
        canvas.line(
            (HEAD_W + GAP, line_y),
            (right + GAP, line_y),
            color="#404040",
            width=1.6 if index == 1 else 1.0,
            dashes=("solid", "dashed", "dotted")[index],
            css="boundary " + name.replace(" ", "-"),
        )
        canvas.text(
            HEAD_W + 4 * GAP + text_width(name, 8) / 2,
            line_y - LINE_ROOM / 2 - 2,
            f'<FONT POINT-SIZE="8" COLOR="#404040"><I>{html(name)}</I></FONT>',
            css="boundary-label",
            repeat=True,
        )
    _blueprint_edges(canvas, doc, cards)
    return dot.source()


def _place(doc: Flow, marks: Marks) -> tuple[list[Placed], list[list[int]]]:
    """Give every step a lane and a column: a step joins the previous step's column when it
    is further down the lanes (customer → frontstage → backstage → support), as a blueprint
    reads a customer action and the work it triggers; anything else starts a new column.

    Also returns the columns of each stage (a stage without steps gets an empty column)."""
    placed: list[Placed] = []
    stage_columns: list[list[int]] = []
    column = -1
    for stage_index, stage in enumerate(doc.stages):
        previous_lane = 4  # every stage starts a new column
        first = column + 1
        for step_index, step in enumerate(stage.steps):
            lane = lane_of(step, doc.kind)
            if lane <= previous_lane:
                column += 1
            previous_lane = lane
            block = Block(inner(CARD_W))
            _card_content(block, step, stage, lane, marks.step(stage.id, step.id))
            placed.append(Placed(stage_index, step_index, step, stage, lane, column, block))
        if not stage.steps:
            column += 1
        stage_columns.append(list(range(first, column + 1)))
    return placed, stage_columns


def _column_xs(stage_columns: Sequence[Sequence[int]], columns: int) -> list[float]:
    stage_of_column = {c: index for index, cols in enumerate(stage_columns) for c in cols}
    xs = []
    x = HEAD_W + STAGE_GAP + COL_GAP / 2
    previous = None
    for column in range(columns):
        stage = stage_of_column.get(column, previous)
        if previous is not None and stage != previous:
            x += STAGE_GAP
        xs.append(x)
        x += CARD_W + COL_GAP
        previous = stage
    return xs


def _blueprint_stages(
    canvas: Canvas,
    doc: Flow,
    stage_columns: Sequence[Sequence[int]],
    column_x: Sequence[float],
    marks: Marks,
) -> float:
    blocks = []
    for stage, cols in zip(doc.stages, stage_columns, strict=True):
        left = column_x[min(cols)] - COL_GAP / 2
        right = column_x[max(cols)] + CARD_W + COL_GAP / 2
        blocks.append((stage, left, right, stage_block(stage, right - left, marks, goal=False)))
    return stage_headers(canvas, blocks, "Stage", 0, marks) + 4


def _card_content(block: Block, step: Step, stage: Stage, lane: int, marks: Sequence[Mark]) -> None:
    block.text(step.name, 9.5, bold=True, max_lines=3)
    owner = step_owner(step, stage)
    who = owner or "no owner"
    if step.actor and step.actor != owner and step.actor != "customer":
        who += f" · by {step.actor}"
    block.text(who, 8, color=style.MUTED if owner else style.PAIN_INK, italic=owner is None)
    where = " · ".join(part for part in (step.channel, step.touchpoint) if part)
    if where and lane <= 1:
        block.text(where, 8, max_lines=2)
    if step.systems and lane >= 2:
        block.text(", ".join(step.systems), 8, color=style.MUTED, max_lines=2)
    flags = []
    if step.sla:
        flags.append(f"within {step.sla}")
    if step.pain_points:
        flags.append(f"{style.PAIN} {len(step.pain_points)}")
    if step.opportunities:
        flags.append(f"{style.IDEA} {len(step.opportunities)}")
    if step.terminal:
        flags.append(f"{style.END} end")
    if flags:
        block.text(" · ".join(flags), 8)
        block.parts[-1] = (
            block.parts[-1]
            .replace(style.PAIN, f'<FONT COLOR="{style.PAIN_INK}">{style.PAIN}</FONT>')
            .replace(style.IDEA, f'<FONT COLOR="{style.IDEA_INK}">{style.IDEA}</FONT>')
        )
    if marks:
        block.text(f"{style.LINT} " + ", ".join(rules_of(marks)), 8, bold=True)


def _blueprint_edges(canvas: Canvas, doc: Flow, cards: dict[tuple[int, int], str]) -> None:
    graph = StepGraph(doc)
    for tail, head in graph.edges():
        tail_name = cards[(tail.stage_index, tail.step_index)]
        head_name = cards[(head.stage_index, head.step_index)]
        canvas.dot.edge(
            tail_name,
            head_name,
            {"color": style.EDGE, "arrowsize": 0.7, "penwidth": 1.1, "class": "flow"},
        )

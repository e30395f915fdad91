"""The `map` and `blueprint` views: grids laid out here, pinned, and only drawn by Graphviz.

A journey map and a service blueprint are tables with a shape: stages as column groups,
rows (or lanes) with fixed meanings, an emotion curve across the columns. A graph layout
engine would move things around; so this module computes every cell's place and size in
points, sizes text with the metrics in `journeyctl.render.text` (wrapping instead of
clipping), and writes nodes with pinned positions (`pos="x,y!"`) for Graphviz's neato
engine in its no-layout mode (`layout=nop`, i.e. `neato -n`), which keeps them where they
are and only routes the edges. The DOT says so, so `dot -Tsvg` on a saved `.dot` file draws
the same picture.

Coordinates here are points with y growing downward; DOT gets y negated.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from journeyctl.graph import StepGraph
from journeyctl.model import Flow, Layer, Metric, Opportunity, Stage, Step
from journeyctl.render import style
from journeyctl.render.dot import Dot, Html, Lines, Value
from journeyctl.render.graphviz import LegendItem, has_emotion, header, legend, step_owner
from journeyctl.render.marks import Mark, Marks, rules_of
from journeyctl.render.text import FONT, escape, html, text_width, wrap

LINE = 1.2
"""Line height as a multiple of the font size (Graphviz uses about 1.1 with DejaVu Sans)."""
PAD = 6.0
"""Padding inside a cell, in points."""


def inner(width: float) -> float:
    """The width left for text in a cell of this width (padding, border, rounding)."""
    return width - 2 * PAD - 4


# --------------------------------------------------------------------------------------
# Text blocks and the canvas
# --------------------------------------------------------------------------------------


@dataclass
class Block:
    """Lines of markup for one cell, and the height they need."""

    width: float
    parts: list[str] = field(default_factory=list)
    height: float = 0.0

    def text(
        self,
        text: str,
        size: float = 9,
        *,
        bold: bool = False,
        italic: bool = False,
        color: str | None = None,
        max_lines: int = 0,
        prefix: str = "",
        prefix_color: str | None = None,
    ) -> None:
        """Add wrapped text; `prefix` (a symbol) is shown before the first line."""
        shown = f"{prefix} {text}" if prefix else text
        lines = wrap(shown, self.width, size, bold, max_lines)
        if not lines:
            return
        escaped = [html(line) for line in lines]
        if prefix and prefix_color and lines[0].startswith(prefix):
            rest = escape(lines[0][len(prefix) :])
            escaped[0] = f'<FONT COLOR="{prefix_color}">{html(prefix)}</FONT>{rest}'
        markup = "<BR/>".join(escaped)
        if bold:
            markup = f"<B>{markup}</B>"
        if italic:
            markup = f"<I>{markup}</I>"
        color_attr = f' COLOR="{color}"' if color else ""
        self.parts.append(f'<FONT POINT-SIZE="{size:g}"{color_attr}>{markup}</FONT>')
        self.height += len(lines) * size * LINE

    def gap(self, size: float = 4) -> None:
        """A little vertical space between paragraphs."""
        if self.parts:
            self.parts.append(f'<FONT POINT-SIZE="{size:g}"> </FONT>')
            self.height += size * LINE

    def markup(self) -> str:
        """The lines joined by line breaks."""
        return "<BR/>".join(self.parts)

    def __bool__(self) -> bool:
        return bool(self.parts)


class Canvas:
    """Writes pinned nodes and lines into a Dot graph."""

    def __init__(self, dot: Dot) -> None:
        self.dot = dot
        self.count = 0

    def _name(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}{self.count}"

    @staticmethod
    def pos(x: float, y: float) -> str:
        """A pinned position in points (the graph sets inputscale=72)."""
        return f"{x:.1f},{-y:.1f}!"

    def cell(
        self,
        x: float,
        y: float,
        width: float,
        height: float,
        content: str,
        *,
        fill: str = "white",
        border: str = style.GRID,
        css: str = "cell",
        node_id: str | None = None,
        tooltip: Lines | None = None,
        valign: str = "TOP",
    ) -> str:
        """A rectangle of the grid with left-aligned content at its top."""
        name = self._name("c")
        label = (
            f'<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="{PAD:g}" '
            f'COLOR="{border}" BGCOLOR="{fill}" FIXEDSIZE="TRUE" '
            f'WIDTH="{round(width)}" HEIGHT="{round(height)}">'
            f'<TR><TD ALIGN="LEFT" VALIGN="{valign}" BALIGN="LEFT">{content or " "}</TD></TR>'
            "</TABLE>"
        )
        values: dict[str, Value] = {
            "shape": "plain",
            "pos": self.pos(x + round(width) / 2, y + round(height) / 2),
            "label": Html(label),
            "class": css,
        }
        if node_id:
            values["id"] = node_id
        if tooltip:
            values["tooltip"] = tooltip
        self.dot.node(name, values)
        return name

    def card(
        self,
        x: float,
        y: float,
        width: float,
        height: float,
        content: str,
        *,
        fill: str,
        css: str,
        node_id: str,
        tooltip: Lines,
        marked: bool,
        terminal: bool,
    ) -> str:
        """A rounded box with left-aligned content, for a step of the blueprint."""
        name = self._name("k")
        label = (
            f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="{PAD:g}" '
            f'FIXEDSIZE="TRUE" WIDTH="{round(width) - 2}" HEIGHT="{round(height) - 2}">'
            f'<TR><TD ALIGN="LEFT" VALIGN="TOP" BALIGN="LEFT">{content}</TD></TR></TABLE>'
        )
        values: dict[str, Value] = {
            "shape": "box",
            "style": "rounded,filled,dashed" if marked else "rounded,filled",
            "fixedsize": True,
            "width": round(width) / 72,
            "height": round(height) / 72,
            "margin": 0,
            "pos": self.pos(x + round(width) / 2, y + round(height) / 2),
            "label": Html(label),
            "fillcolor": fill,
            "color": style.LINT_INK if marked else style.BORDER,
            "penwidth": 2.5 if marked else (2.0 if terminal else 1.0),
            "class": css,
            "id": node_id,
            "tooltip": tooltip,
        }
        self.dot.node(name, values)
        return name

    def point(
        self,
        x: float,
        y: float,
        *,
        color: str = "black",
        size: float = 0.0,
        css: str = "anchor",
        tooltip: str | None = None,
    ) -> str:
        """A dot on the canvas; size 0 makes an invisible anchor for lines."""
        name = self._name("p")
        values: dict[str, Value] = {
            "shape": "circle" if size else "point",
            "pos": self.pos(x, y),
            "label": "",
            "width": size / 72 if size else 0.01,
            "fixedsize": True,
            "class": css,
        }
        if size:
            values |= {"style": "filled", "fillcolor": color, "color": "white", "penwidth": 1.2}
        else:
            values["style"] = "invis"
        if tooltip:
            values["tooltip"] = tooltip
        self.dot.node(name, values)
        return name

    def line(
        self,
        start: tuple[float, float],
        end: tuple[float, float],
        *,
        color: str = style.GRID,
        width: float = 1.0,
        dashes: str = "solid",
        css: str = "rule",
    ) -> None:
        """A straight line between two points, drawn beneath the cells."""
        tail = self.point(*start)
        head = self.point(*end)
        self.dot.edge(
            tail,
            head,
            {
                "dir": "none",
                "color": color,
                "penwidth": width,
                "style": dashes,
                "class": css,
            },
        )

    def text(self, x: float, y: float, markup: str, *, css: str = "text") -> str:
        """Free text centred on a point."""
        name = self._name("t")
        self.dot.node(
            name,
            {"shape": "plain", "pos": self.pos(x, y), "label": Html(markup), "class": css},
        )
        return name


def _graph(doc: Flow, view: str, marks: Marks, legend: str, width: float, splines: str) -> Dot:
    dot = Dot(doc.id)
    dot.defaults(
        "graph",
        {
            "layout": "nop",
            "inputscale": 72,
            "splines": splines,
            "outputorder": "edgesfirst",
            "fontname": FONT,
            "bgcolor": "white",
            "pad": 0.3,
            "labelloc": "t",
            "labeljust": "l",
            "label": header(doc, marks, legend, width),
            "class": f"journeyctl {view} {doc.kind}",
            "sep": "+2",
            "esep": "+1",
        },
    )
    dot.defaults("node", {"fontname": FONT, "fontsize": 9, "fontcolor": style.TEXT})
    dot.defaults("edge", {"fontname": FONT, "fontsize": 9})
    return dot


# --------------------------------------------------------------------------------------
# The map view
# --------------------------------------------------------------------------------------

HEAD_W = 112.0
"""Width of the row headings."""
COL_W = 150.0
"""Width of one step column of the map."""
STAGE_GAP = 8.0
"""Space between two stages."""
LEVEL = 18.0
"""Vertical distance between two emotion levels on the curve."""


@dataclass(frozen=True)
class Column:
    """One step of the map, or the placeholder of a stage without steps."""

    stage: Stage
    step: Step | None
    x: float


StepRow = Callable[[Step, Stage, Block], str | None]
"""Fills a block for one step; returns a background colour (or None for white)."""
StageRow = Callable[[Stage, Block], str | None]


def journey_map(doc: Flow, marks: Marks) -> str:
    """The map view (the classic journey-map grid) as DOT text."""
    columns = _columns(doc)
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
    dot = _graph(doc, "map", marks, legend_table, right, "line")
    canvas = Canvas(dot)

    y = 0.0
    y = _stage_band(canvas, doc, columns, marks, y, "Stage")
    step_rows: list[tuple[str, StepRow]] = [("Steps", _steps_cell)]
    if marks.steps:
        step_rows.append(("Lint findings", _lint_cell(marks)))
    step_rows += [
        ("Touchpoints", _touchpoint_cell),
        ("Owner", _owner_cell),
    ]
    if any(step.thoughts for stage in doc.stages for step in stage.steps):
        step_rows.append(("Thoughts", _thoughts_cell))
    for title, builder in step_rows:
        y = _step_row(canvas, columns, title, builder, y)
    if emotions:
        y = _emotion_row(canvas, columns, right, y)
    y = _step_row(canvas, columns, "Pain points", _pains_cell, y)
    y = _step_row(canvas, columns, "Opportunities", _ideas_cell, y)
    if any(stage.opportunities for stage in doc.stages):
        y = _stage_row(canvas, doc, columns, "Stage-wide opportunities", _stage_ideas_cell, y)
    if any(stage.metrics for stage in doc.stages):
        y = _stage_row(canvas, doc, columns, "Metrics", _metrics_cell, y)
    return dot.source()


def _columns(doc: Flow) -> list[Column]:
    columns: list[Column] = []
    x = HEAD_W
    for stage in doc.stages:
        x += STAGE_GAP
        steps: list[Step | None] = [*stage.steps] or [None]
        for step in steps:
            columns.append(Column(stage, step, x))
            x += COL_W
    return columns


def _spans(doc: Flow, columns: Sequence[Column]) -> list[tuple[Stage, float, float]]:
    """Each stage with the left and right x of its columns."""
    spans = []
    for stage in doc.stages:
        xs = [column.x for column in columns if column.stage is stage]
        spans.append((stage, xs[0], xs[-1] + COL_W))
    return spans


def _heading(canvas: Canvas, title: str, y: float, height: float) -> None:
    block = Block(inner(HEAD_W))
    block.text(title, 10, bold=True)
    canvas.cell(0, y, HEAD_W, height, block.markup(), fill=style.ROW_HEAD_FILL, css="heading")


def _stage_band(
    canvas: Canvas,
    doc: Flow,
    columns: Sequence[Column],
    marks: Marks,
    y: float,
    title: str,
) -> float:
    blocks = []
    for stage, left, right in _spans(doc, columns):
        block = Block(inner(right - left))
        block.text(stage.name, 13, bold=True, color=style.HEADER_TEXT)
        details = [
            part for part in (stage.owner and f"owner {stage.owner}", stage.duration) if part
        ]
        if details:
            block.text(" · ".join(details), 9, color="#d5dde5")
        if stage.goal:
            block.text(f"Goal: {stage.goal}", 9, color=style.HEADER_TEXT)
        found = marks.stage(stage.id)
        if found:
            block.text(
                f"{style.LINT} " + ", ".join(rules_of(found)), 9, bold=True, color=style.LINT_FILL
            )
        blocks.append((stage, left, right, block))
    return y + _draw_stage_headers(canvas, blocks, title, y, marks) + 4


def _draw_stage_headers(
    canvas: Canvas,
    blocks: Sequence[tuple[Stage, float, float, Block]],
    title: str,
    y: float,
    marks: Marks,
) -> float:
    """Draw the row of stage headers at `y` under a row heading; return the row's height."""
    height = max((block.height for *_, block in blocks), default=0) + 2 * PAD + 2
    _heading(canvas, title, y, height)
    for stage, left, right, block in blocks:
        canvas.cell(
            left,
            y,
            right - left,
            height,
            block.markup(),
            fill=style.HEADER_FILL,
            border=style.HEADER_FILL,
            css="stage",
            node_id=f"stage-{stage.id}",
            tooltip=_stage_tooltip(stage, marks.stage(stage.id)),
        )
    return height


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
            if builder is _steps_cell:
                block.text("no steps", 9, italic=True, color=style.MUTED)
        cells.append((column, block, fill))
    height = max(max((block.height for _, block, _ in cells), default=0) + 2 * PAD + 4, 26)
    _heading(canvas, title, y, height)
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
    for stage, left, right in _spans(doc, columns):
        block = Block(inner(right - left))
        fill = builder(stage, block)
        cells.append((left, right, block, fill))
    height = max(max((block.height for *_, block, _ in cells), default=0) + 2 * PAD + 4, 26)
    _heading(canvas, title, y, height)
    css = "cell row-" + title.lower().replace(" ", "-")
    for left, right, block, fill in cells:
        canvas.cell(left, y, right - left, height, block.markup(), fill=fill or "white", css=css)
    return y + height


def _steps_cell(step: Step, stage: Stage, block: Block) -> str | None:
    block.text(step.name, 10, bold=True)
    if step.action:
        block.gap(2)
        block.text(step.action, 8.5, color=style.MUTED)
    if step.terminal:
        block.text(f"{style.END} can end here", 8.5)
    return style.emotion_fill(step.emotion)


def _lint_cell(marks: Marks) -> StepRow:
    def build(step: Step, stage: Stage, block: Block) -> str | None:
        found = marks.step(stage.id, step.id)
        for rule in rules_of(found):
            block.text(rule, 9, bold=True, prefix=style.LINT)
        return style.LINT_FILL if found else None

    return build


def _touchpoint_cell(step: Step, stage: Stage, block: Block) -> str | None:
    if step.channel:
        block.text(step.channel.value.upper(), 7.5, bold=True, color=style.MUTED)
    if step.touchpoint:
        block.text(step.touchpoint, 9)
    return None


def _owner_cell(step: Step, stage: Stage, block: Block) -> str | None:
    owner = step_owner(step, stage)
    if owner:
        block.text(owner, 9, bold=True)
    else:
        block.text("no owner", 9, italic=True, color=style.PAIN_INK)
    if step.actor and step.actor != owner:
        block.text(f"done by {step.actor}", 8.5, color=style.MUTED)
    return None


def _thoughts_cell(step: Step, stage: Stage, block: Block) -> str | None:
    if step.thoughts:
        block.text(f"“{step.thoughts}”", 9, italic=True)
    return None


def _pains_cell(step: Step, stage: Stage, block: Block) -> str | None:
    for index, pain in enumerate(step.pain_points):
        if index:
            block.gap()
        block.text(pain, 8.5, prefix=style.PAIN, prefix_color=style.PAIN_INK)
    return style.PAIN_FILL if step.pain_points else None


def _opportunity(block: Block, idea: Opportunity) -> None:
    block.text(idea.text, 8.5, prefix=style.IDEA, prefix_color=style.IDEA_INK)
    details = [part for part in (idea.priority, idea.owner) if part]
    if idea.due:
        details.append(f"due {idea.due.isoformat()}")
    if details:
        block.text(" · ".join(details), 7.5, color=style.MUTED)


def _ideas_cell(step: Step, stage: Stage, block: Block) -> str | None:
    for index, idea in enumerate(step.opportunities):
        if index:
            block.gap()
        _opportunity(block, idea)
    return style.IDEA_FILL if step.opportunities else None


def _stage_ideas_cell(stage: Stage, block: Block) -> str | None:
    for index, idea in enumerate(stage.opportunities):
        if index:
            block.gap()
        _opportunity(block, idea)
    return style.IDEA_FILL if stage.opportunities else None


def _number(value: float) -> str:
    return f"{value:g}"


def metric_text(metric: Metric) -> tuple[str, bool | None]:
    """`actual 0.031 · target 0.05 ratio` and whether the target is met (None: unknown)."""
    unit = f" {metric.unit}" if metric.unit else ""
    if metric.actual is None and metric.target is None:
        return "not measured yet", None
    if metric.actual is None:
        return f"target {_number(metric.target or 0)}{unit}, not measured yet", None
    if metric.target is None:
        return f"actual {_number(metric.actual)}{unit}, no target", None
    met = (
        metric.actual >= metric.target
        if metric.better == "higher"
        else metric.actual <= metric.target
    )
    text = f"actual {_number(metric.actual)} · target {_number(metric.target)}{unit}"
    return text, met


def _metrics_cell(stage: Stage, block: Block) -> str | None:
    for index, metric in enumerate(stage.metrics):
        if index:
            block.gap(3)
        text, met = metric_text(metric)
        mark = "" if met is None else ("✓ " if met else "✗ ")
        color = style.MUTED if met is None else (style.IDEA_INK if met else style.PAIN_INK)
        block.text(metric.name, 9, bold=True)
        block.text(f"{mark}{text}", 8.5, color=color)
    return None


def _emotion_row(canvas: Canvas, columns: Sequence[Column], right: float, y: float) -> float:
    top = y + 14
    height = 4 * LEVEL + 28

    def level_y(emotion: int) -> float:
        return top + (2 - emotion) * LEVEL

    block = Block(inner(HEAD_W))
    block.text("Emotion", 10, bold=True)
    canvas.cell(0, y, HEAD_W, height, block.markup(), fill=style.ROW_HEAD_FILL, css="heading")
    for emotion in range(2, -3, -1):
        label = f'<FONT POINT-SIZE="8" COLOR="{style.EMOTION_INK[emotion]}">'
        label += f"<B>{style.emotion_label(emotion)}</B></FONT>"
        canvas.text(HEAD_W - 12, level_y(emotion), label, css="axis")
        canvas.line(
            (HEAD_W + 2, level_y(emotion)),
            (right - 2, level_y(emotion)),
            color="#9a9a9a" if emotion == 0 else "#e2e2e2",
            width=1.0,
            dashes="dashed" if emotion == 0 else "solid",
            css="level",
        )
    points: list[str] = []
    for column in columns:
        canvas.cell(column.x, y, COL_W, height, "", fill="transparent", css="cell row-emotion")
        step = column.step
        if step is None or step.emotion is None:
            continue
        words = style.EMOTION_WORDS[step.emotion]
        points.append(
            canvas.point(
                column.x + COL_W / 2,
                level_y(step.emotion),
                color=style.EMOTION_INK[step.emotion],
                size=11,
                css=f"emotion-point emotion-{str(step.emotion).replace('-', 'n')}",
                tooltip=f"{step.name}: {style.emotion_label(step.emotion)} ({words})",
            )
        )
    for tail, head in itertools.pairwise(points):
        canvas.dot.edge(
            tail,
            head,
            {"dir": "none", "color": "#404040", "penwidth": 2.0, "class": "emotion-curve"},
        )
    return y + height


# --------------------------------------------------------------------------------------
# The blueprint view
# --------------------------------------------------------------------------------------

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
    dot = _graph(doc, "blueprint", marks, legend_table, right, splines)
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
                tooltip=_card_tooltip(item, marked),
                marked=bool(marked),
                terminal=item.step.terminal,
            )
        dot.close()
        block = Block(inner(HEAD_W))
        block.text(title, 10, bold=True)
        canvas.cell(
            0, y + 1.5, HEAD_W, height - 3, block.markup(), fill=style.ROW_HEAD_FILL, css="heading"
        )
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
        )
    _blueprint_edges(canvas, doc, placed, cards)
    return dot.source()


def _place(doc: Flow, marks: Marks) -> tuple[list[Placed], list[list[int]]]:
    """Give every step a lane and a column: a step joins the previous step's column when it
    is further down the lanes (customer → frontstage → backstage → support), as a blueprint
    reads a customer action and the work it triggers; anything else starts a new column.

    Also returns the columns of each stage (a stage without steps gets an empty column)."""
    placed: list[Placed] = []
    stage_columns: list[list[int]] = []
    column = -1
    previous_lane = 4
    for stage_index, stage in enumerate(doc.stages):
        previous_lane = 4
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
        block = Block(inner(right - left))
        block.text(stage.name, 13, bold=True, color=style.HEADER_TEXT)
        details = [
            part for part in (stage.owner and f"owner {stage.owner}", stage.duration) if part
        ]
        if details:
            block.text(" · ".join(details), 9, color="#d5dde5")
        found = marks.stage(stage.id)
        if found:
            block.text(
                f"{style.LINT} " + ", ".join(rules_of(found)), 9, bold=True, color=style.LINT_FILL
            )
        blocks.append((stage, left, right, block))
    return _draw_stage_headers(canvas, blocks, "Stage", 0, marks) + 4


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


def _card_tooltip(item: Placed, marks: Sequence[Mark]) -> Lines:
    step = item.step
    lines = [step.name, f"lane: {LANES[item.lane]}"]
    if step.action:
        lines.append(f"action: {step.action}")
    if step.outcome:
        lines.append(f"outcome: {step.outcome}")
    lines += [f"{style.PAIN} {pain}" for pain in step.pain_points]
    lines += [f"{style.IDEA} {idea.text}" for idea in step.opportunities]
    lines += [f"{style.LINT} {mark.text}" for mark in marks]
    return Lines(lines)


def _blueprint_edges(
    canvas: Canvas, doc: Flow, placed: Sequence[Placed], cards: dict[tuple[int, int], str]
) -> None:
    graph = StepGraph(doc)
    for tail, head in graph.edges():
        tail_name = cards[(tail.stage_index, tail.step_index)]
        head_name = cards[(head.stage_index, head.step_index)]
        canvas.dot.edge(
            tail_name,
            head_name,
            {"color": style.EDGE, "arrowsize": 0.7, "penwidth": 1.1, "class": "flow"},
        )

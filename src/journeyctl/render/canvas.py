"""Pinned nodes and lines for the `map` and `blueprint` grids, drawn by Graphviz as placed.

The grid views compute every cell's place and size themselves and write nodes with pinned
positions (`pos="x,y!"`) for Graphviz's neato engine in its no-layout mode (`layout=nop`,
i.e. `neato -n`), which keeps them where they are and only routes the edges. The DOT says
so, so `dot -Tsvg` on a saved `.dot` file draws the same picture.

Coordinates here are points with y growing downward; DOT gets y negated.

Besides writing DOT, a canvas keeps what it drew as `Shape`s (each with its box) and the
graph keeps its statements (`PinnedDot`), with what the views declare for paging: the row
bands (`band`, from the row headings), the cells that span columns and can be re-made for a
part of their width (`span`), and free text drawn on every sheet (`repeat`). `render.sheets`
cuts that poster into pages; `capture` collects the canvases a view makes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

from journeyctl.core.model import Flow
from journeyctl.render import style
from journeyctl.render.dot import Dot, Html, Lines, Value
from journeyctl.render.graphviz import header
from journeyctl.render.marks import Marks
from journeyctl.render.shapes import Shape, Span, Statement, node_values, pos
from journeyctl.render.text import FONT
from journeyctl.render.text_block import text_size

if TYPE_CHECKING:
    from journeyctl.render.persona import PersonaRef


@dataclass
class Band:
    """A row (or lane) of the grid, from its heading: top, bottom, and whether every sheet
    repeats it (the stage header)."""

    top: float
    bottom: float
    heading: float
    """The right edge of the row's heading: the width of the heading column."""
    repeat: bool = False


class PinnedDot(Dot):
    """A Dot graph that also keeps its statements, so that it can be re-cut into sheets."""

    def __init__(self, name: str, doc: Flow, marks: Marks, legend: str) -> None:
        super().__init__(name)
        self.doc, self.marks, self.legend = doc, marks, legend
        self.statements: list[Statement] = []

    def defaults(self, kind: str, values: Mapping[str, Value]) -> None:
        self.statements.append(("defaults", kind, dict(values)))
        super().defaults(kind, values)

    def node(self, name: str, values: Mapping[str, Value]) -> None:
        self.statements.append(("node", name, values))
        super().node(name, values)

    def edge(self, tail: str, head: str, values: Mapping[str, Value] | None = None) -> None:
        self.statements.append(("edge", tail, head, dict(values or {})))
        super().edge(tail, head, values)

    def open(self, name: str, values: Mapping[str, Value] | None = None) -> None:
        self.statements.append(("open", name, dict(values or {})))
        super().open(name, values)

    def close(self) -> None:
        self.statements.append(("close",))
        super().close()


_SIZE = re.compile(r'POINT-SIZE="([\d.]+)"')
_CAPTURE: ContextVar[list[Canvas] | None] = ContextVar("canvas_capture", default=None)


@contextmanager
def capture() -> Iterator[list[Canvas]]:
    """Collect every canvas made in the block (a grid view makes one)."""
    found: list[Canvas] = []
    token = _CAPTURE.set(found)
    try:
        yield found
    finally:
        _CAPTURE.reset(token)


class Canvas:
    """Writes pinned nodes and lines into a Dot graph, and keeps them as shapes."""

    def __init__(self, dot: Dot) -> None:
        self.dot = dot
        self.count = 0
        self.shapes: dict[str, Shape] = {}
        self.bands: list[Band] = []
        self.spans: list[Shape] = []
        """The cells that span columns (see `cell`'s `span`)."""
        collecting = _CAPTURE.get()
        if collecting is not None:
            collecting.append(self)

    def _name(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}{self.count}"

    def _add(self, name: str, shape: Shape) -> str:
        self.shapes[name] = shape
        if shape.span is not None:
            self.spans.append(shape)
        self.dot.node(name, node_values(shape))
        return name

    @staticmethod
    def pos(x: float, y: float) -> str:
        """A pinned position in points (the graph sets inputscale=72)."""
        return pos(x, y)

    def band(self, top: float, bottom: float, heading: float) -> None:
        """Declare a row of the grid (its heading's extent, `heading` its right edge): sheets
        cut only between rows, and repeat the heading column on each."""
        self.bands.append(Band(top, bottom, heading))

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
        span: Span | None = None,
    ) -> str:
        """A rectangle of the grid with left-aligned content at its top; `span` re-makes the
        content of a cell that a sheet shows only part of."""
        options: dict[str, object] = {"content": content, "fill": fill, "border": border}
        options |= {"css": css, "node_id": node_id, "tooltip": tooltip, "valign": valign}
        return self._add(self._name("c"), Shape("cell", x, y, width, height, options, span))

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
        options: dict[str, object] = {"content": content, "fill": fill, "css": css}
        options["node_id"] = node_id
        options |= {"tooltip": tooltip, "marked": marked, "terminal": terminal}
        return self._add(self._name("k"), Shape("card", x, y, width, height, options))

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
        options: dict[str, object] = {"color": color, "css": css, "tooltip": tooltip}
        return self._add(self._name("p"), Shape("point", x, y, size, size, options))

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

    def text(
        self, x: float, y: float, markup: str, *, css: str = "text", repeat: bool = False
    ) -> str:
        """Free text centred on a point; `repeat` draws it on every sheet (a lane's legend)."""
        markup = _SIZE.sub(lambda found: f'POINT-SIZE="{text_size(float(found[1])):g}"', markup)
        shape = Shape("text", x, y, 0.0, 0.0, {"markup": markup, "css": css}, repeat=repeat)
        return self._add(self._name("t"), shape)


def pinned_graph(
    doc: Flow,
    view: str,
    marks: Marks,
    legend: str,
    width: float,
    splines: str,
    persona: PersonaRef | None = None,
) -> PinnedDot:
    """A Dot graph for a grid view laid out here: no layout by Graphviz, and the header (with
    the persona card when `persona` is given)."""
    dot = PinnedDot(doc.id, doc, marks, legend)
    label = header(doc, marks, legend, width, persona)
    dot.defaults("graph", graph_values(doc, view, splines, label))
    dot.defaults("node", {"fontname": FONT, "fontsize": 9, "fontcolor": style.TEXT})
    dot.defaults("edge", {"fontname": FONT, "fontsize": 9})
    return dot


def graph_values(doc: Flow, view: str, splines: str, label: Html | None) -> dict[str, Value]:
    """The graph attributes of a pinned grid, with the header `label` unless it is None."""
    values: dict[str, Value] = {
        "layout": "nop",
        "inputscale": 72,
        "splines": splines,
        "outputorder": "edgesfirst",
        "fontname": FONT,
        "bgcolor": "white",
        "pad": 0.3,
        "labelloc": "t",
        "labeljust": "l",
    }
    if label is not None:
        values["label"] = label
    return values | {"class": f"journeyctl {view} {doc.kind}", "sep": "+2", "esep": "+1"}

"""Pinned nodes and lines for the `map` and `blueprint` grids, drawn by Graphviz as placed.

The grid views compute every cell's place and size themselves and write nodes with pinned
positions (`pos="x,y!"`) for Graphviz's neato engine in its no-layout mode (`layout=nop`,
i.e. `neato -n`), which keeps them where they are and only routes the edges. The DOT says
so, so `dot -Tsvg` on a saved `.dot` file draws the same picture.

Coordinates here are points with y growing downward; DOT gets y negated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeyctl.core.model import Flow
from journeyctl.render import style
from journeyctl.render.dot import Dot, Html, Lines, Value
from journeyctl.render.graphviz import header
from journeyctl.render.marks import Marks
from journeyctl.render.text import FONT
from journeyctl.render.text_block import PAD

if TYPE_CHECKING:
    from journeyctl.render.persona import PersonaRef


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


def pinned_graph(
    doc: Flow,
    view: str,
    marks: Marks,
    legend: str,
    width: float,
    splines: str,
    persona: PersonaRef | None = None,
) -> Dot:
    """A Dot graph for a grid view laid out here: no layout by Graphviz, and the header (with
    the persona card when `persona` is given)."""
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
            "label": header(doc, marks, legend, width, persona),
            "class": f"journeyctl {view} {doc.kind}",
            "sep": "+2",
            "esep": "+1",
        },
    )
    dot.defaults("node", {"fontname": FONT, "fontsize": 9, "fontcolor": style.TEXT})
    dot.defaults("edge", {"fontname": FONT, "fontsize": 9})
    return dot

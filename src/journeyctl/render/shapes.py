"""What a grid canvas drew, as data: `Shape`s with their boxes, and their DOT attributes.

`render.canvas` makes shapes and writes them; `render.sheets` moves, stretches and re-makes
them for a page and writes them again with `node_values`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from journeyctl.render import style
from journeyctl.render.dot import Html, Value
from journeyctl.render.text_block import PAD, Block


def pos(x: float, y: float) -> str:
    """A pinned position in points (the graph sets inputscale=72); DOT's y grows upward."""
    return f"{x:.1f},{-y:.1f}!"


Span = Callable[[float, bool], Block]
"""Re-makes a spanning cell's content for a part of it: (width, continued) -> its block."""
Statement = tuple[Any, ...]
"""A recorded DOT statement: ("node", name, values), ("edge", tail, head, values),
("open", name, values), ("close",) or ("defaults", kind, values)."""


@dataclass(frozen=True)
class Shape:
    """A pinned node: its kind (cell, card, point, text), place, size and what it shows.

    Cells and cards have their top-left corner at (x, y); points and text their centre.
    """

    kind: str
    x: float
    y: float
    width: float
    height: float
    options: Mapping[str, Any]
    span: Span | None = None
    repeat: bool = False

    @property
    def box(self) -> tuple[float, float, float, float]:
        """Left, top, right and bottom, in points."""
        if self.kind in ("cell", "card"):
            return self.x, self.y, self.x + round(self.width), self.y + round(self.height)
        half = self.width / 2
        return self.x - half, self.y - half, self.x + half, self.y + half

    def moved(self, **changes: Any) -> Shape:
        """The same shape elsewhere (x, y, width, height or options changed)."""
        return replace(self, **changes)


def node_values(shape: Shape) -> dict[str, Value]:
    """The DOT attributes of a shape's node."""
    return _VALUES[shape.kind](shape, shape.options)


def _cell(shape: Shape, o: Mapping[str, Any]) -> dict[str, Value]:
    width, height = round(shape.width), round(shape.height)
    label = (
        f'<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="{PAD:g}" '
        f'COLOR="{o["border"]}" BGCOLOR="{o["fill"]}" FIXEDSIZE="TRUE" '
        f'WIDTH="{width}" HEIGHT="{height}">'
        f'<TR><TD ALIGN="LEFT" VALIGN="{o["valign"]}" BALIGN="LEFT">{o["content"] or " "}</TD>'
        "</TR></TABLE>"
    )
    values: dict[str, Value] = {
        "shape": "plain",
        "pos": pos(shape.x + width / 2, shape.y + height / 2),
        "label": Html(label),
        "class": o["css"],
    }
    if o["node_id"]:
        values["id"] = o["node_id"]
    if o["tooltip"]:
        values["tooltip"] = o["tooltip"]
    return values


def _card(shape: Shape, o: Mapping[str, Any]) -> dict[str, Value]:
    width, height = round(shape.width), round(shape.height)
    marked = o["marked"]
    label = (
        f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="{PAD:g}" '
        f'FIXEDSIZE="TRUE" WIDTH="{width - 2}" HEIGHT="{height - 2}">'
        f'<TR><TD ALIGN="LEFT" VALIGN="TOP" BALIGN="LEFT">{o["content"]}</TD></TR></TABLE>'
    )
    return {
        "shape": "box",
        "style": "rounded,filled,dashed" if marked else "rounded,filled",
        "fixedsize": True,
        "width": width / 72,
        "height": height / 72,
        "margin": 0,
        "pos": pos(shape.x + width / 2, shape.y + height / 2),
        "label": Html(label),
        "fillcolor": o["fill"],
        "color": style.LINT_INK if marked else style.BORDER,
        "penwidth": 2.5 if marked else (2.0 if o["terminal"] else 1.0),
        "class": o["css"],
        "id": o["node_id"],
        "tooltip": o["tooltip"],
    }


def _point(shape: Shape, o: Mapping[str, Any]) -> dict[str, Value]:
    size = shape.width
    values: dict[str, Value] = {
        "shape": "circle" if size else "point",
        "pos": pos(shape.x, shape.y),
        "label": "",
        "width": size / 72 if size else 0.01,
        "fixedsize": True,
        "class": o["css"],
    }
    if size:
        values |= {"style": "filled", "fillcolor": o["color"], "color": "white", "penwidth": 1.2}
    else:
        values["style"] = "invis"
    if o["tooltip"]:
        values["tooltip"] = o["tooltip"]
    return values


def _text(shape: Shape, o: Mapping[str, Any]) -> dict[str, Value]:
    return {
        "shape": "plain",
        "pos": pos(shape.x, shape.y),
        "label": Html(o["markup"]),
        "class": o["css"],
    }


_VALUES: dict[str, Callable[[Shape, Mapping[str, Any]], dict[str, Value]]] = {
    "cell": _cell,
    "card": _card,
    "point": _point,
    "text": _text,
}

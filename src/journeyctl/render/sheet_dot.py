"""One sheet of a paged grid as DOT, at exactly the page's size (see `render.sheets`).

The poster's statements are written again: shapes of the sheet's columns and bands moved into
place (headings at the left; bands stacked under the header, stretched where a spanning cell,
re-made for its part, grew, shortened where their shapes there are short; see
`render.sheet_frame`), lines and edges clipped at the sheet's edge (an arrow to another
sheet ends there), lane boxes moved; a repeated label keeps its distance from its band's
foot. Invisible points at two corners make the drawing exactly the sheet; `size` scales it
to the page, `pad` and `margin` add nothing.
"""

from __future__ import annotations

from collections.abc import Mapping

from journeyctl.render.canvas import PinnedDot
from journeyctl.render.dot import Dot, Html, Value
from journeyctl.render.pages import Page
from journeyctl.render.shapes import Shape, node_values, pos
from journeyctl.render.sheet_frame import ANCHOR, Frame, clipped_edge, make_frame, middle
from journeyctl.render.sheet_header import first_header, header_height, later_header
from journeyctl.render.sheets import EPS, MARGIN, Poster, Sheet, band_of, page_area, span_part


def sheet_layout(poster: Poster, sheet: Sheet, page: Page) -> tuple[Html, Frame, float]:
    """A sheet's header, where its bands and columns go, and how much larger than the page
    (poster points) its content is: more than 1 only where one row or column is larger than
    a page, and then the sheet's drawing shrinks rather than the page grow."""
    dot = poster.canvas.dot
    assert isinstance(dot, PinnedDot)
    width, height = page_area(poster, page)
    if sheet.number == 1:
        label = first_header(dot.doc, dot.marks, dot.legend, width - 2 * MARGIN, sheet.total)
    else:
        label = later_header(dot.doc, sheet.number, sheet.total, width - 2 * MARGIN)
    frame = make_frame(poster, sheet, MARGIN + header_height(label) + 6, width)
    bottom = max(low for _, low in frame.tops.values())
    return label, frame, max(1.0, (frame.clip[2] + MARGIN) / width, (bottom + MARGIN) / height)


def sheet_source(poster: Poster, sheet: Sheet, page: Page) -> str:
    """The DOT text of one sheet."""
    dot = poster.canvas.dot
    assert isinstance(dot, PinnedDot)
    width, height = page_area(poster, page)
    label, frame, grow = sheet_layout(poster, sheet, page)
    out = Dot(dot.name)
    _defaults(out, dot, page)
    _corners(out, width * grow, height * grow)
    header_h = header_height(label)
    out.node(
        "sheet_header",
        {
            "shape": "plain",
            "pos": pos(MARGIN + round(width - 2 * MARGIN) / 2, MARGIN + header_h / 2),
            "label": label,
            "class": "sheet-header",
        },
    )
    _statements(out, dot, frame)
    return out.source()


def _defaults(out: Dot, dot: PinnedDot, page: Page) -> None:
    width, height = page.size
    for statement in dot.statements:
        if statement[0] != "defaults":
            continue
        values = dict(statement[2])
        if statement[1] == "graph":
            values.pop("label", None)
            values |= {"pad": 0, "margin": 0, "size": f"{width / 72:.4f},{height / 72:.4f}!"}
        out.defaults(statement[1], values)


def _corners(out: Dot, width: float, height: float) -> None:
    """Two invisible points whose boxes touch the sheet's corners: the drawing's extent."""
    half = 0.36  # a point's box is 0.01 inch wide
    for name, x, y in (("corner1", half, half), ("corner2", width - half, height - half)):
        out.node(name, ANCHOR | {"pos": pos(x, y)})


def _statements(out: Dot, dot: PinnedDot, frame: Frame) -> None:
    """The poster's nodes, edges and clusters that this sheet shows, moved into place."""
    canvas = frame.poster.canvas
    shown: dict[str, tuple[float, float]] = {}
    opened: list[bool] = []
    sheet = frame.sheet
    for position in frame.poster.index.around(sheet.left - 200, sheet.right + 200):
        statement = dot.statements[position]
        kind = statement[0]
        if kind == "node":
            name = statement[1]
            shape = canvas.shapes.get(name)
            placed = _place(frame, name, shape) if shape is not None else None
            if placed is not None:
                out.node(name, node_values(placed))
                shown[name] = middle(placed)
        elif kind == "edge":
            clipped_edge(out, frame, statement[1], statement[2], statement[3], shown)
        elif kind == "open":
            values = _cluster(frame, statement[2])
            opened.append(values is not None)
            if values is not None:
                out.open(statement[1], values)
        elif kind == "close" and opened.pop():
            out.close()


def _place(frame: Frame, name: str, shape: Shape) -> Shape | None:
    """The shape as this sheet shows it, or None when it is on another sheet."""
    canvas, sheet = frame.poster.canvas, frame.sheet
    band = frame.poster.bands[name]
    if band not in frame.tops:
        return None
    x0, y0, x1, y1 = shape.box
    new_y = frame.y(band, shape.y)
    top, bottom = canvas.bands[band].top, canvas.bands[band].bottom
    stretch = abs(y0 - top) <= 4 and abs(y1 - bottom) <= 4
    height = shape.height + (sheet.grown.get(band, 0.0) if stretch else 0.0)
    if shape.repeat:
        return shape.moved(x=shape.x + MARGIN, y=frame.y_foot(band, shape.y))
    if x1 <= frame.poster.heading + EPS:  # the heading: from the band's top, as tall as it
        lift = sheet.lifts.get(band, 0.0)
        return shape.moved(x=frame.x(shape.x), y=new_y + lift, height=height)
    if shape.span is not None:
        part = span_part(shape, sheet.left, sheet.right, frame.poster.reach)
        if part is None:
            return None
        block = shape.span(part[1] - part[0], part[2])
        options = dict(shape.options) | {"content": block.markup()}
        return shape.moved(
            x=frame.x(part[0]), y=new_y, width=part[1] - part[0], height=height, options=options
        )
    middle = (x0 + x1) / 2
    if not shape.width and shape.kind == "point":
        left, _, right, _ = frame.clip
        inside = left - EPS <= frame.x(middle) <= right + EPS
    else:
        inside = sheet.left - EPS <= middle <= sheet.right + EPS
    return shape.moved(x=frame.x(shape.x), y=new_y, height=height) if inside else None


def _cluster(frame: Frame, values: Mapping[str, Value]) -> dict[str, Value] | None:
    """A lane's box moved to the sheet, or None when its band is not on it."""
    box = str(values.get("bb", ""))
    if not box:
        return dict(values)
    left, low, right, high = (float(part) for part in box.split(","))
    top, bottom = -high, -low
    canvas = frame.poster.canvas
    probe = Shape("cell", left, top, right - left, bottom - top, {})
    band = band_of(canvas, probe)
    if band not in frame.tops:
        return None
    new_top, new_bottom = frame.tops[band]
    new_top += top - canvas.bands[band].top
    new_bottom += bottom - canvas.bands[band].bottom
    x_left = max(frame.x(left), MARGIN + left)  # a lane starts right of its heading
    x_right = frame.clip[2]
    return dict(values) | {"bb": f"{x_left:.1f},{-new_bottom:.1f},{x_right:.1f},{-new_top:.1f}"}

"""Where the things of a poster go on one sheet of a paged grid (see `render.sheet_dot`).

- `Frame` and `make_frame`: the sheet's bands stacked under its header (each as tall as
  `Sheet.grown` makes it), its columns moved after the heading column, and the box that lines
  and edges may reach;
- `clipped_edge`: an edge between two shown shapes as it is, one leaving the sheet clipped at
  its edge on an invisible anchor.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from journeyctl.render.dot import Dot, Value
from journeyctl.render.shapes import Shape, pos
from journeyctl.render.sheets import EPS, GAP, MARGIN, Poster, Sheet


@dataclass(frozen=True)
class Frame:
    """Where a sheet's bands and columns go: poster -> sheet coordinates."""

    poster: Poster
    sheet: Sheet
    shift: float
    """Added to a column's x."""
    tops: dict[int, tuple[float, float]]
    """Each band shown: its new top and bottom."""
    clip: tuple[float, float, float, float]
    """The part of the sheet that lines and edges may reach (left, top, right, bottom)."""

    def x(self, x: float) -> float:
        return x + MARGIN if x < self.poster.heading - EPS else x + self.shift

    def y(self, band: int, y: float) -> float:
        """A y of a shape in a band (moved up where the sheet leaves out the band's top)."""
        lift = self.sheet.lifts.get(band, 0.0)
        return y - self.poster.canvas.bands[band].top - lift + self.tops[band][0]

    def y_foot(self, band: int, y: float) -> float:
        """A y kept as far above its band's foot as on the poster (a repeated label)."""
        return y - self.poster.canvas.bands[band].bottom + self.tops[band][1]


def make_frame(poster: Poster, sheet: Sheet, top: float, width: float) -> Frame:
    """Where a sheet's bands go, stacked from `top`, and how far its columns move."""
    bands = poster.canvas.bands
    tops: dict[int, tuple[float, float]] = {}
    cursor = top
    previous = None
    after_repeated = 4.0
    for index in sheet.bands:
        if previous is not None and index == previous + 1:
            cursor += max(bands[index].top - bands[previous].bottom, 0.0)
        elif previous is not None:
            cursor += after_repeated
        bottom = cursor + bands[index].bottom - bands[index].top + sheet.grown.get(index, 0.0)
        tops[index] = (cursor, bottom)
        cursor, previous = bottom, index
    body = poster.units[0][0] if poster.units else poster.heading
    shift = MARGIN + body - sheet.left
    right = sheet.right + shift + poster.tail
    left = MARGIN + poster.heading + GAP  # lines stop short of the headings, as on the poster
    # a line on the edge between two lanes belongs to both: the box reaches past the bands
    return Frame(poster, sheet, shift, tops, (left, top - EPS * 4, right, cursor + EPS * 4))


def middle(shape: Shape) -> tuple[float, float]:
    x0, y0, x1, y1 = shape.box
    return (x0 + x1) / 2, (y0 + y1) / 2


Centre = tuple[float, float, int, bool]
"""Where a node's centre falls on the sheet (x, y), above (-1), on (0) or below (1) the
sheet's bands, and whether it is a real shape (not an anchor of a line)."""


def centre(frame: Frame, name: str) -> Centre | None:
    """Where a shape's centre falls in this sheet's coordinates, shown or not: in its own band
    when the sheet shows it; a point on the edge between two bands goes with whichever is
    shown; a band above or below the sheet's maps to the top or bottom of its bands."""
    canvas = frame.poster.canvas
    shape = canvas.shapes.get(name)
    if shape is None:
        return None
    x, y = middle(shape)
    real = bool(shape.width) or shape.kind != "point"
    own = frame.poster.bands[name]
    for index, band in sorted(enumerate(canvas.bands), key=lambda found: found[0] != own):
        if index in frame.tops and band.top - 2 <= y <= band.bottom + 2:
            return frame.x(x), min(frame.y(index, y), frame.tops[index][1] + 2), 0, real
    body = [index for index in frame.tops if not canvas.bands[index].repeat] or list(frame.tops)
    if frame.poster.bands[name] < min(body):
        return frame.x(x), frame.tops[min(body)][0], -1, real
    return frame.x(x), frame.tops[max(body)][1], 1, real


def clipped_edge(
    out: Dot,
    frame: Frame,
    tail: str,
    head: str,
    values: Mapping[str, Value],
    shown: dict[str, tuple[float, float]],
) -> None:
    """An edge between two shown nodes as it is; one leaving the sheet clipped at its edge;
    none between two nodes both on other sheets (unless it is a line across the sheet)."""
    if tail in shown and head in shown:
        out.edge(tail, head, values)
        return
    start, end = centre(frame, tail), centre(frame, head)
    if start is None or end is None:
        return
    if start[2] and start[2] == end[2]:
        return  # both above, or both below, this sheet's bands
    if tail not in shown and head not in shown and (start[3] or end[3]):
        return
    clipped = _clip(start[:2], end[:2], frame.clip)
    if clipped is None:
        return
    names = []
    for name, point in ((tail, clipped[0]), (head, clipped[1])):
        if name in shown:
            names.append(name)
            continue
        names.append(_anchor(out, point, shown))
    out.edge(names[0], names[1], values)


def _anchor(out: Dot, point: tuple[float, float], shown: dict[str, tuple[float, float]]) -> str:
    """The invisible anchor at `point`: one already there within 4 pt (anchors closer than
    that would touch), else a new one."""
    column, row = round(point[0] / 4), round(point[1] / 4)
    for dx in (0, -1, 1):
        for dy in (0, -1, 1):
            name = f"edge_{column + dx}_{row + dy}"
            if (
                name in shown
                and max(abs(a - b) for a, b in zip(shown[name], point, strict=True)) < 4
            ):
                return name
    name = f"edge_{column}_{row}"
    out.node(name, ANCHOR | {"pos": pos(*point)})
    shown[name] = point
    return name


ANCHOR: dict[str, Value] = {
    "shape": "point",
    "style": "invis",
    "width": 0.01,
    "fixedsize": True,
    "label": "",
}


def _clip(
    start: tuple[float, float], end: tuple[float, float], box: tuple[float, float, float, float]
) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """The segment inside the box (Liang-Barsky), or None when it misses it."""
    (x0, y0), (x1, y1) = start, end
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    left, top, right, bottom = box
    for p, q in ((-dx, x0 - left), (dx, right - x0), (-dy, y0 - top), (dy, bottom - y0)):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
    if low > high:
        return None
    return (x0 + low * dx, y0 + low * dy), (x0 + high * dx, y0 + high * dy)

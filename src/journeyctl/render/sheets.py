"""A grid view (`map`, `blueprint`) cut into pages: `render --page` (design §6).

The view draws its poster on a `Canvas` as usual; the canvas keeps the shapes, the row bands
the headings declared, and the cells that span columns. Here the poster is cut

- between columns: a column is a stretch of x that no cell or card crosses (spanning cells,
  lines and edges do not count: they are re-made or clipped); a sheet takes as many columns
  as fit, ending at a stage instead only where that leaves little blank; each sheet repeats
  the heading column;
- between rows, when the rows a range of columns shows do not fit the page's height
  (`sheet_rows`: rows empty there are left out, the others balanced over the sheets): each
  sheet repeats the stage header (the band that `stage_headers` marks).

The scale makes the smallest text on the poster `pages.MIN_TEXT_PT` at the page size
(Graphviz 2.43 reads POINT-SIZE as a whole number, so 7.5 counts as 7). `sheet_dot` writes
each sheet as DOT at exactly the page's size.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from journeyctl.core.model import Flow
from journeyctl.render.canvas import Canvas, PinnedDot, capture
from journeyctl.render.marks import Marks
from journeyctl.render.pages import MIN_TEXT_PT, Page
from journeyctl.render.shapes import Shape, node_values
from journeyctl.render.sheet_columns import column_ranges
from journeyctl.render.sheet_header import LINE, ROW_PAD, first_header, header_height
from journeyctl.render.sheet_index import StatementIndex, index_statements
from journeyctl.render.sheet_rows import (
    BandContent,
    band_contents,
    group_rows,
    lead_row,
    shown_rows,
    trim,
)
from journeyctl.render.text_block import PAD, smallest_text

MARGIN = 18.0
"""Space around the drawing of a sheet, in the poster's points."""
LATER_HEADER = 12 * LINE + ROW_PAD + 6
"""Room taken by the one-line header of the second and later sheets."""
EPS = 0.5
GAP = 4.0
"""Room kept between shapes that Graphviz must route edges between."""


@dataclass(frozen=True)
class Poster:
    """What the sheets are cut from: the canvas and the measures read off it."""

    canvas: Canvas
    heading: float
    """The width of the heading column."""
    units: list[tuple[float, float]]
    """The columns: stretches of x that nothing but spanning cells and lines crosses."""
    stage_ends: set[int]
    """The columns after which a stage ends."""
    tail: float
    """How far lines and spanning cells reach right of the last column."""
    scale: float
    """Page points per poster point."""
    bands: dict[str, int]
    """The band of every shape, by node name."""
    index: StatementIndex
    reach: float
    """How far a spanning cell may reach past a sheet's columns (see `reach`)."""
    contents: list[BandContent]
    """What each band holds, by x (see `sheet_rows`)."""


@dataclass(frozen=True)
class Sheet:
    """One page: the columns from `left` to `right` (poster x) and the bands it shows."""

    left: float
    right: float
    bands: tuple[int, ...]
    grown: dict[int, float]
    """How much each band grows here (a spanning cell wrapped to a narrower width) or,
    negative, shrinks (its shapes here are shorter than on the poster)."""
    number: int
    total: int
    lifts: dict[int, float] = field(default_factory=dict)
    """How far each band's shapes move up here (the part of the band above them left out)."""


Plan = tuple[dict[int, float], dict[int, float], list[tuple[int, ...]]]
"""A range of columns planned: its bands' changes and lifts (see `Sheet`), its row groups."""


def poster_of(doc: Flow, view: str, marks: Marks) -> Canvas:
    """Draw a grid view for pages (no text below 9 pt, so that the scale can be 1) and
    return its canvas."""
    with capture() as canvases, smallest_text(MIN_TEXT_PT):
        if view == "map":
            from journeyctl.render.map_view import journey_map

            journey_map(doc, marks)
        else:
            from journeyctl.render.blueprint_view import blueprint

            blueprint(doc, marks)
    return canvases[-1]


def measure(canvas: Canvas) -> Poster:
    """The columns, stage ends and scale of a poster."""
    heading = max((band.heading for band in canvas.bands), default=0.0)
    body = [s for s in canvas.shapes.values() if s.box[0] >= heading - EPS and not s.repeat]
    blocking = sorted(
        s.box[0:3:2] for s in body if s.span is None and (s.width or s.kind != "point")
    )
    units: list[tuple[float, float]] = []
    for left, right in blocking:
        if units and left < units[-1][1] - EPS:
            units[-1] = (units[-1][0], max(units[-1][1], right))
        else:
            units.append((left, right))
    ends = sorted(s.box[2] for s in canvas.shapes.values() if s.span is not None)
    stage_ends = set()
    for column in range(len(units) - 1):
        found = bisect.bisect_left(ends, units[column][1] - EPS)
        if found < len(ends) and ends[found] <= units[column + 1][0] + EPS:
            stage_ends.add(column)
    farthest = max((s.box[2] for s in body), default=0.0)
    tail = max(farthest - units[-1][1], 0.0) if units else 0.0
    bands = {name: band_of(canvas, shape) for name, shape in canvas.shapes.items()}
    index = index_statements(canvas, heading)
    scale = MIN_TEXT_PT / smallest_font(canvas)
    extra = reach(units, canvas.spans)
    contents = band_contents(canvas, bands, heading)
    return Poster(canvas, heading, units, stage_ends, tail, scale, bands, index, extra, contents)


_SIZE = re.compile(r'<FONT POINT-SIZE="([\d.]+)"[^>]*>(.*?)</FONT>', re.DOTALL)


def smallest_font(canvas: Canvas) -> float:
    """The smallest text on the poster, as Graphviz draws it (whole points); blank text (the
    gaps between paragraphs) does not count."""
    sizes = [9.0]  # the node default
    for shape in canvas.shapes.values():
        for size, text in _SIZE.findall(str(node_values(shape).get("label", ""))):
            if re.sub(r"<[^>]*>", "", text).strip():
                sizes.append(float(size))
    return float(math.floor(min(sizes)))


def page_area(poster: Poster, page: Page) -> tuple[float, float]:
    """The page in poster points."""
    width, height = page.size
    return width / poster.scale, height / poster.scale


def growth(canvas: Canvas, left: float, right: float, reach: float) -> dict[int, float]:
    """How much each band must grow to hold its spanning cells cut to `left`..`right`."""
    grown: dict[int, float] = {}
    for shape in canvas.spans:
        part = span_part(shape, left, right, reach)
        if part is None or shape.span is None:
            continue
        block = shape.span(part[1] - part[0], part[2])
        needed = block.height + 2 * PAD + 4 - round(shape.height)
        band = band_of(canvas, shape)
        if needed > 0:
            grown[band] = max(grown.get(band, 0.0), needed)
    return grown


def span_part(
    shape: Shape, left: float, right: float, reach: float
) -> tuple[float, float, bool] | None:
    """The part of a spanning cell on a sheet of columns `left`..`right` (reaching `reach`
    beyond them), and whether it continues from an earlier sheet; None when not there."""
    x0, _, x1, _ = shape.box
    start, end = max(x0, left - reach), min(x1, right + reach)
    if end - start < 2 * EPS or end <= left or start >= right:
        return None
    return start, end, x0 < start - EPS


def band_of(canvas: Canvas, shape: Shape) -> int:
    """The band a shape belongs to: the one holding its centre, else the nearest."""
    _, y0, _, y1 = shape.box
    middle = (y0 + y1) / 2

    def distance(index: int) -> float:
        band = canvas.bands[index]
        return max(band.top - middle, middle - band.bottom, 0.0)

    return min(range(len(canvas.bands)), key=lambda index: (distance(index), -index))


def plan_sheets(doc: Flow, poster: Poster, page: Page) -> list[Sheet]:
    """Where each sheet of the poster is cut, in reading order: for each range of columns,
    the rows it shows, top to bottom, on as few sheets as fit."""
    canvas = poster.canvas
    bands = canvas.bands
    width, height = page_area(poster, page)
    lead = poster.units[0][0] - poster.heading if poster.units else 0.0
    room = width - 2 * MARGIN - poster.heading - lead - poster.tail
    dot = canvas.dot
    assert isinstance(dot, PinnedDot)
    top = header_height(first_header(doc, dot.marks, dot.legend, width - 2 * MARGIN, 99)) + 6
    later = height - 2 * MARGIN - LATER_HEADER
    rooms = (height - 2 * MARGIN - top, later)
    plans: dict[tuple[int, int], Plan] = {}

    def plan(first: int, last: int) -> Plan:
        if (first, last) not in plans:
            left, right = poster.units[first][0], poster.units[last][1]
            changes, lifts = _changes(poster, left, right)
            heights = {i: b.bottom - b.top + changes.get(i, 0.0) for i, b in enumerate(bands)}
            rows = shown_rows(bands, poster.contents, left, right)
            sheet_rooms = rooms if first == 0 else (later, later)
            lead = lead_row(bands, poster.contents, rows)
            groups = group_rows(bands, rows, heights, sheet_rooms, lead)
            plans[(first, last)] = changes, lifts, groups
        return plans[(first, last)]

    def sheets(first: int, last: int) -> int:
        return len(plan(first, last)[2])

    cuts: list[tuple[float, float, dict[int, float], dict[int, float], tuple[int, ...]]] = []
    for first, last in column_ranges(poster.units, poster.stage_ends, room, width, sheets):
        changes, lifts, groups = plan(first, last)
        left, right = poster.units[first][0], poster.units[last][1]
        cuts += [(left, right, changes, lifts, group) for group in groups]
    if not cuts:
        cuts.append((poster.heading, poster.heading, {}, {}, tuple(range(len(bands)))))
    total = len(cuts)
    return [
        Sheet(left, right, shown, changes, number, total, lifts)
        for number, (left, right, changes, lifts, shown) in enumerate(cuts, 1)
    ]


def _changes(
    poster: Poster, left: float, right: float
) -> tuple[dict[int, float], dict[int, float]]:
    """How much each band grows (a spanning cell wrapped narrower) or, negative, shrinks
    (its shapes there take less of it) on a sheet of columns `left`..`right`, and how far
    its shapes move up (the part above them left out)."""
    canvas = poster.canvas
    changes = growth(canvas, left, right, poster.reach)
    lifts: dict[int, float] = {}
    for index, band in enumerate(canvas.bands):
        if index not in changes:
            lift, less = trim(band, poster.contents[index], left, right)
            if lift + less > 0:
                changes[index] = -(lift + less)
            if lift > 0:
                lifts[index] = lift
    return changes, lifts


def reach(units: Sequence[tuple[float, float]], spans: Sequence[Shape]) -> float:
    """How far a spanning cell may reach past the columns of a sheet: as far as the spanning
    cells reach before their first column (the blueprint's stage headers have a margin, the
    map's none)."""
    starts = [left for left, _ in units]
    found = []
    for shape in spans:
        index = bisect.bisect_left(starts, shape.box[0] - EPS)
        if index < len(starts):
            found.append(starts[index] - shape.box[0])
    return max(min(found), 0.0) if found else 0.0

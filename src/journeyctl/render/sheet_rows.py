"""Which rows a sheet of a paged grid shows, how tall they are there, and how they are grouped
onto sheets when they do not fit one page's height (see `render.sheets`).

- A sheet leaves out the rows with nothing to show in its columns (an empty "Evidence" row,
  an "Alternative paths" band whose alternatives are elsewhere); it always keeps the stage
  header and the first row under it (the steps), so that every sheet says where it is.
- A row whose shapes on the sheet do not reach its bottom (a band of alternatives shorter
  here than elsewhere) is drawn only as tall as they need.
- The rows that remain go onto as few sheets as fit the page's height, balanced so that no
  sheet is full while the next holds one short row.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from journeyctl.render.canvas import Band, Canvas
from journeyctl.render.text_block import PAD

_SIZE = re.compile(r'POINT-SIZE="([\d.]+)"')

BAND_PAD = 6.0
"""Room kept under the lowest shape of a row drawn shorter than on the poster."""
MIN_ROW = 30.0
"""The least height of a row drawn shorter than on the poster: room for its heading."""
LINE = 1.3
"""Line height as a multiple of the text's size (a little more than Graphviz uses)."""
LABEL_HALF = 8.0
"""Half the height of a repeated label, and a little room above it."""
AFTER_REPEATED = 4.0
"""Space between the stage header and the row under it, or between two rows not adjacent on
the poster (`sheet_dot` places them so)."""


@dataclass(frozen=True)
class BandContent:
    """What a row holds: the x (centre) of each shape with something to show, and, by x, the
    bottom of every shape (sorted); whether a cell spans columns; the room at its foot that
    its repeated text (the label of the blueprint's line under a lane) needs; the height its
    heading's text needs."""

    shown: list[float]
    xs: list[float]
    bottoms: list[float]
    tops: list[float]
    """The top of every shape, by x (as `bottoms`)."""
    base: float
    """How far below the row's top its highest shape is, on the whole poster."""
    spans: bool
    foot: float
    least: float


def band_contents(canvas: Canvas, bands_of: dict[str, int], heading: float) -> list[BandContent]:
    """What each row of a poster holds, right of the heading column."""
    shown: list[list[float]] = [[] for _ in canvas.bands]
    reach: list[list[tuple[float, float, float]]] = [[] for _ in canvas.bands]
    spans = [False for _ in canvas.bands]
    foot = [0.0 for _ in canvas.bands]
    least = [MIN_ROW for _ in canvas.bands]
    for name, shape in canvas.shapes.items():
        band = bands_of[name]
        x0, y0, x1, y1 = shape.box
        if shape.repeat:  # text, kept as far above the row's foot as on the poster
            foot[band] = max(foot[band], canvas.bands[band].bottom - shape.y + LABEL_HALF)
        elif shape.span is not None:
            spans[band] = True
        elif x1 <= heading and shape.kind == "cell":
            least[band] = max(least[band], _text_height(str(shape.options["content"])))
        elif shape.width or shape.kind != "point":
            reach[band].append(((x0 + x1) / 2, y1, y0))
            blank = shape.kind == "cell" and not str(shape.options["content"]).strip()
            if not blank:
                shown[band].append((x0 + x1) / 2)
    contents = []
    for index in range(len(canvas.bands)):
        found = sorted(reach[index])
        xs, bottoms, tops = (
            [x for x, _, _ in found],
            [y for _, y, _ in found],
            [t for *_, t in found],
        )
        base = min(tops, default=canvas.bands[index].top) - canvas.bands[index].top
        contents.append(
            BandContent(
                sorted(shown[index]),
                xs,
                bottoms,
                tops,
                base,
                spans[index],
                foot[index],
                least[index],
            )
        )
    return contents


def _text_height(markup: str) -> float:
    """The height of a cell holding `markup` (lines of one size), with its padding."""
    sizes = [float(size) for size in _SIZE.findall(markup)] or [9.0]
    lines = markup.count("<BR/>") + 1
    return lines * max(sizes) * LINE + 2 * PAD + 4


def holds(content: BandContent, left: float, right: float) -> bool:
    """Whether a row shows something between `left` and `right`."""
    index = bisect.bisect_left(content.shown, left)
    return index < len(content.shown) and content.shown[index] <= right


def trim(band: Band, content: BandContent, left: float, right: float) -> tuple[float, float]:
    """How much of a row a sheet of columns `left`..`right` may leave out: above its highest
    shape there (keeping the row's own margin) and below its lowest and the room its repeated
    text needs; none for a row with spanning cells, which are re-made per sheet."""
    if content.spans:
        return 0.0, 0.0
    start = bisect.bisect_left(content.xs, left)
    end = bisect.bisect_right(content.xs, right)
    if start == end:
        return 0.0, max(band.bottom - (band.top + max(BAND_PAD, content.foot, content.least)), 0.0)
    lift = max(min(content.tops[start:end]) - band.top - content.base, 0.0)
    lowest = max(content.bottoms[start:end])
    bottom = max(lowest + max(BAND_PAD, content.foot), band.top + lift + content.least)
    return lift, max(band.bottom - bottom, 0.0)


def shown_rows(
    bands: Sequence[Band], contents: Sequence[BandContent], left: float, right: float
) -> list[int]:
    """The rows a sheet of columns `left`..`right` shows, not counting the repeated ones:
    every row with something there (at least the first: the steps), and an empty row whose
    foot carries a labelled line (a lane of the blueprint) above a row shown, so that the
    lines between the lanes keep their order and their labels."""
    body = [index for index, band in enumerate(bands) if not band.repeat]
    found = [index for index in body if holds(contents[index], left, right)] or body[:1]
    lowest = max(found, default=-1)
    return [index for index in body if index in found or (contents[index].foot and index < lowest)]


def lead_row(bands: Sequence[Band], contents: Sequence[BandContent], rows: Sequence[int]) -> int:
    """The row every sheet of a range shows under the stage header, so that each says which
    steps its columns are: the first row (the map's steps), unless it is a lane with a line
    at its foot (the blueprint's lanes keep their order); -1 for none."""
    body = [index for index, band in enumerate(bands) if not band.repeat]
    if rows and body and rows[0] == body[0] and not contents[rows[0]].foot:
        return rows[0]
    return -1


def group_rows(
    bands: Sequence[Band],
    rows: Sequence[int],
    heights: dict[int, float],
    rooms: tuple[float, float],
    lead: int = -1,
) -> list[tuple[int, ...]]:
    """The bands of each sheet of one range of columns: the repeated ones (and the `lead`
    row) and the other `rows`, in order, on as few sheets as fit (`rooms`: the height there
    is on the first sheet and on the others; a row taller than that gets a sheet of its
    own), balanced between them."""
    repeated = tuple(index for index, band in enumerate(bands) if band.repeat)
    if lead in rows:
        repeated, rows = (*repeated, lead), [index for index in rows if index != lead]
    fixed = sum(heights[index] for index in repeated) + (AFTER_REPEATED if repeated else 0.0)

    def split(limit: float) -> list[list[int]]:
        groups: list[list[int]] = [[]]
        used = fixed
        for index in rows:
            current = groups[-1]
            gap = _gap(bands, current[-1], index) if current else 0.0
            room = min(limit, rooms[0] if len(groups) == 1 else rooms[1])
            if current and used + gap + heights[index] > room:
                groups.append([])
                used, gap = fixed, 0.0
            groups[-1].append(index)
            used += gap + heights[index]
        return groups

    fewest = split(max(rooms))
    limits = sorted(
        {
            _height(bands, rows[start:end], heights, fixed)
            for start in range(len(rows))
            for end in range(start + 1, len(rows) + 1)
        }
    )
    best = next((split(limit) for limit in limits if len(split(limit)) <= len(fewest)), fewest)
    return [(*repeated, *group) for group in best]


def _gap(bands: Sequence[Band], previous: int, index: int) -> float:
    if index == previous + 1:
        return max(bands[index].top - bands[previous].bottom, 0.0)
    return AFTER_REPEATED


def _height(
    bands: Sequence[Band], rows: Sequence[int], heights: dict[int, float], fixed: float
) -> float:
    total = fixed + sum(heights[index] for index in rows)
    return total + sum(_gap(bands, a, b) for a, b in itertools.pairwise(rows))

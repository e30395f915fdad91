"""Where a paged grid is cut between columns (see `render.sheets`).

A sheet takes as many columns as fit its room, or fewer where that gives fewer sheets in all
(a stage cut one column before a sheet's edge wraps its header onto more lines, and so can
push a row onto another sheet), or ends at a stage where that leaves little blank. The
choice is made over the whole grid at once: the fewest sheets, then the blank spread evenly
rather than left on the last sheet.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

STAGE_WASTE = 0.15
"""A sheet ends at a stage rather than where it is full when that leaves less than this part
of its columns' room blank (and costs no sheet)."""
LEAST_FILL = 0.72
"""A sheet other than the last is filled to at least this part of its width (headings and
margins included)."""


def column_ranges(
    units: Sequence[tuple[float, float]],
    stage_ends: set[int],
    room: float,
    width: float,
    sheets: Callable[[int, int], int],
) -> list[tuple[int, int]]:
    """The columns of each range (first, last), left to right, on sheets `width` wide with
    `room` for columns: `sheets(first, last)` is how many sheets the rows of that range
    take. A column wider than `room` gets a range of its own."""
    least = LEAST_FILL * width - (width - room)
    count = len(units)
    best: list[tuple[int, float, int]] = [(0, 0.0, count)] * (count + 1)
    for first in range(count - 1, -1, -1):
        found: tuple[int, float, int] | None = None
        for last in _candidates(units, first, room, least):
            after = best[last + 1]
            score = (sheets(first, last) + after[0], _blank(units, stage_ends, room, first, last))
            score = (score[0], score[1] + after[1])
            if found is None or score < found[:2]:
                found = (*score, last)
        assert found is not None
        best[first] = found
    ranges = []
    first = 0
    while first < count:
        last = best[first][2]
        ranges.append((first, last))
        first = last + 1
    return ranges


def _candidates(
    units: Sequence[tuple[float, float]], first: int, room: float, least: float
) -> list[int]:
    """The columns a range starting at `first` may end at: the last that fits in `room`, and
    those before it still `least` wide."""
    last = first
    while last + 1 < len(units) and units[last + 1][1] - units[first][0] <= room:
        last += 1
    ends = [last]
    while ends[-1] > first and units[ends[-1] - 1][1] - units[first][0] >= least:
        ends.append(ends[-1] - 1)
    return ends


def _blank(
    units: Sequence[tuple[float, float]], stage_ends: set[int], room: float, first: int, last: int
) -> float:
    """What a range leaving part of its room blank costs: that part, less `STAGE_WASTE` where
    it ends at a stage, squared (so that two sheets half full cost less than a full one and a
    nearly empty one)."""
    blank = max(room - (units[last][1] - units[first][0]), 0.0) / room
    ends_stage = last in stage_ends or last == len(units) - 1
    return max(blank - (STAGE_WASTE if ends_stage else 0.0), 0.0) ** 2

"""Where a flow too big for one page is cut: between stages.

Every page holds whole stages, as many as fit it with the smallest text at 9 pt; only a stage
too big for a page on its own is cut, into parts of whole columns of its steps. The sizes come
from Graphviz's layout of the whole flow (each step's box, each stage's label); a page's width
and height are estimated from them, with the flow view's spacing, the stubs its edges to
other pages need, and its header. The steps per column (`rows`) are chosen per page so that
the tallest column fits the page's height. Pages are balanced: the same number of pages, each
as narrow as the widest needs to be.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from journeyctl.render.flow_view import COLUMN_ROWS

NODESEP = 21.6
"""Space between two steps of a column (the flow view's `nodesep`, in points)."""
RANKSEP = 32.4
"""Space between two columns (`ranksep`)."""
STAGE_PAD_W = 30.0
"""A stage's box around its columns, left and right together."""
STAGE_PAD_H = 36.0
"""A stage's box around its steps and its label, top and bottom together."""
STAGE_GAP = 8.0
"""Space between two stages."""
STUB_W = 115.0
"""A stub (an edge to or from another page) and the space before it."""
STUB_H = 66.0
"""A stub's height and the space under it."""
START_W = 46.0
"""The start dot and the space after it."""

Place = tuple[int, int]
"""A step by (stage index, step index)."""


@dataclass(frozen=True)
class Part:
    """The steps `start` to `stop` (exclusive) of stage `stage`: all of them, or a part of a
    stage too big for one page (`continued` when it is not the first)."""

    stage: int
    start: int
    stop: int

    @property
    def continued(self) -> bool:
        return self.start > 0


@dataclass
class Sheet:
    """One page: its parts in order and the steps per column on it."""

    parts: list[Part]
    rows: int


@dataclass
class Sizes:
    """What the plan is made from: each step's box, each stage's label, the header heights
    and the edges between steps, all in points at the flow's own size."""

    steps: list[list[tuple[float, float]]]
    labels: list[tuple[float, float]]
    first_header: float
    later_header: float
    edges: list[tuple[Place, Place]]
    outgoing: dict[Place, list[Place]] = field(default_factory=dict)
    incoming: dict[Place, list[Place]] = field(default_factory=dict)
    runs: dict[tuple[int, int], float] = field(default_factory=dict)
    """The height of each stage's tallest run of steps, by (stage, steps in the run)."""

    def __post_init__(self) -> None:
        for tail, head in self.edges:
            self.outgoing.setdefault(tail, []).append(head)
            self.incoming.setdefault(head, []).append(tail)


Tighter = dict[int, tuple[float, float]]
"""Factors for the room of some pages (by number, from 0): where the estimate fell short."""


def plan(sizes: Sizes, room: tuple[float, float], tighter: Tighter | None = None) -> list[Sheet]:
    """The pages of a flow whose text is at its own size on `room` (width, height): as few
    as the greedy cut needs, then balanced by narrowing the width until one more is needed."""
    width, height = room
    factors = tighter or {}
    sheets = cut(sizes, width, height, factors)
    low, high = width / (len(sheets) + 1), width
    for _ in range(12):
        middle = (low + high) / 2
        if len(cut(sizes, middle, height, factors)) <= len(sheets):
            high = middle
        else:
            low = middle
    return [balanced(sheet) for sheet in cut(sizes, high, height, factors)]


def balanced(sheet: Sheet) -> Sheet:
    """The sheet with its columns evenly filled: as few steps per column as keep each part's
    number of columns (3 and 3, not 5 and 1)."""
    rows = 1
    for part in sheet.parts:
        steps = part.stop - part.start
        columns = -(-steps // sheet.rows)
        rows = max(rows, -(-steps // columns) if columns else 1)
    return Sheet(sheet.parts, rows)


def cut(sizes: Sizes, width: float, height: float, tighter: Tighter) -> list[Sheet]:
    """Stages in order onto pages of `width` x `height`: whole while they fit, a stage too big
    for an empty page cut into the most whole columns that fit (at least one)."""
    sheets: list[Sheet] = []
    current: list[Part] = []
    stage, start = 0, 0
    while stage < len(sizes.steps):
        across, down = tighter.get(len(sheets), (1.0, 1.0))
        room = (width * across, height * down)
        tall = room[1] - _header(sizes, len(sheets))
        whole = Part(stage, start, len(sizes.steps[stage]))
        rows = rows_for(sizes, tall, [*current, whole])
        if fits(sizes, [*current, whole], rows, len(sheets), room):
            current.append(whole)
            stage, start = stage + 1, 0
            continue
        first = Part(stage, start, min(start + rows, whole.stop))
        if current and (
            _fits_a_page(sizes, whole, width, height)
            or not fits(sizes, [*current, first], rows, len(sheets), room)
        ):  # a stage that fits a page of its own starts the next one; so does a part
            sheets.append(Sheet(current, rows_for(sizes, tall, current)))
            current = []
            continue
        stop = _most_columns(sizes, current, whole, rows, len(sheets), room)
        if not current:  # the stage's pages share its steps evenly (not 5 and 1)
            left, most = whole.stop - start, stop - start
            stop = start + -(-left // -(-left // most))
        sheets.append(Sheet([*current, Part(stage, start, stop)], rows))
        current = []
        stage, start = (stage + 1, 0) if stop >= whole.stop else (stage, stop)
    if current or not sheets:
        down = tighter.get(len(sheets), (1.0, 1.0))[1]
        tall = height * down - _header(sizes, len(sheets))
        sheets.append(Sheet(current, rows_for(sizes, tall, current)))
    return sheets


def _fits_a_page(sizes: Sizes, whole: Part, width: float, height: float) -> bool:
    """Whether a stage (or what is left of it) fits an empty page after the first."""
    rows = rows_for(sizes, height - sizes.later_header, [whole])
    return fits(sizes, [whole], rows, 1, (width, height))


def _most_columns(
    sizes: Sizes,
    current: list[Part],
    whole: Part,
    rows: int,
    number: int,
    room: tuple[float, float],
) -> int:
    """Where the part of `whole` that fits after `current` ends: after the most whole
    columns that fit, at least one."""
    stop = min(whole.start + rows, whole.stop)
    while stop + rows < whole.stop and fits(
        sizes, [*current, Part(whole.stage, whole.start, stop + rows)], rows, number, room
    ):
        stop += rows
    return stop


def _header(sizes: Sizes, number: int) -> float:
    return sizes.first_header if number == 0 else sizes.later_header


def rows_for(sizes: Sizes, height: float, parts: list[Part]) -> int:
    """The most steps per column (up to the flow view's) at which the tallest run of the
    parts' steps under the tallest of their stages' labels fits `height`; at least one."""
    stages = {part.stage for part in parts}
    label = max((sizes.labels[stage][1] for stage in stages), default=0.0)
    for rows in range(COLUMN_ROWS, 1, -1):
        tallest = max((_run(sizes, stage, rows) for stage in stages), default=0.0)
        if tallest + label + STAGE_PAD_H <= height:
            return rows
    return 1


def _run(sizes: Sizes, stage: int, rows: int) -> float:
    if (stage, rows) not in sizes.runs:
        sizes.runs[stage, rows] = _tallest_run(sizes.steps[stage], rows)
    return sizes.runs[stage, rows]


def _tallest_run(steps: list[tuple[float, float]], rows: int) -> float:
    """The height of the tallest `rows` consecutive steps, stacked."""
    heights = [h for _, h in steps]
    best = total = 0.0
    for index, h in enumerate(heights):
        total += h
        if index >= rows:
            total -= heights[index - rows]
        best = max(best, total)
    return best + NODESEP * (min(rows, len(heights)) - 1)


def fits(
    sizes: Sizes, parts: list[Part], rows: int, number: int, room: tuple[float, float]
) -> bool:
    """Whether `parts` on page `number` (from 0) fit `room`, with their stubs."""
    width, height = page_size(sizes, parts, rows, number)
    return width <= room[0] and height <= room[1]


def page_size(sizes: Sizes, parts: list[Part], rows: int, number: int) -> tuple[float, float]:
    """The estimated width and height of a page holding `parts`, header and stubs included."""
    boxes = [part_size(sizes, part, rows) for part in parts]
    width = sum(w for w, _ in boxes) + STAGE_GAP * (len(boxes) - 1)
    ins, outs = stubs(sizes, parts)
    width += STUB_W * (bool(ins) + bool(outs)) + (START_W if number == 0 else 0.0)
    tallest = max([h for _, h in boxes] + [STUB_H * len(ins), STUB_H * len(outs)])
    return width, tallest + _header(sizes, number)


def part_size(sizes: Sizes, part: Part, rows: int) -> tuple[float, float]:
    """The estimated box of a stage (or a part of one) with `rows` steps per column."""
    steps = sizes.steps[part.stage][part.start : part.stop]
    label_w, label_h = sizes.labels[part.stage]
    columns = [steps[i : i + rows] for i in range(0, len(steps), rows)] or [[(60.0, 30.0)]]
    width = sum(max(w for w, _ in column) for column in columns)
    width += RANKSEP * (len(columns) - 1)
    height = max(sum(h for _, h in column) + NODESEP * (len(column) - 1) for column in columns)
    return max(width, label_w) + STAGE_PAD_W, height + label_h + STAGE_PAD_H


def stubs(sizes: Sizes, parts: list[Part]) -> tuple[set[int], set[Place]]:
    """The stubs of a page: the stages its incoming edges come from, the steps its outgoing
    edges go to (each once)."""
    here = {(p.stage, i) for p in parts for i in range(p.start, p.stop)}
    ins = {tail[0] for place in here for tail in sizes.incoming.get(place, ()) if tail not in here}
    outs = {head for place in here for head in sizes.outgoing.get(place, ()) if head not in here}
    return ins, outs

"""Where things go on the `map` grid: columns along the main path, bands for the rest.

The columns follow the main path (`core.paths`), grouped into *spans* under stage headers:
a new span starts where the main path enters another stage, so a main path that comes back
to a stage it left gets a second span of it. A stage the main path never enters gets a span
of its own, where it comes in document order.

Each alternative is a *band* of cards under the stage it starts in: its first step sits in
the column after the step it branches from (or in the first column of its own stage), each
next one in the following column of its stage. A stage gets extra columns when a band needs
more than the main path has there. Bands that do not overlap share a *lane* (a row of the
grid). The steps no path reaches form one more band, each under its own stage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from journeyctl.core.graph import Node, StepGraph
from journeyctl.core.model import Flow, Stage, Step
from journeyctl.core.paths import Alternative, Paths, paths_of
from journeyctl.render.headings import HEAD_W, STAGE_GAP

COL_W = 150.0
"""Width of one step column of the map."""
BAND_GAP = 12.0
"""Least horizontal space between two bands in one lane."""


@dataclass(frozen=True)
class Column:
    """One column of the main rows: a step of the main path, or an empty place."""

    stage: Stage
    step: Step | None
    x: float
    key: str | None = None
    """The step's key in the step graph (`id`, or `id#2` for a duplicate)."""
    placeholder: bool = False
    """Whether it is the first column of a span without any step of the main path (where
    the Steps row says why it is empty)."""


@dataclass(frozen=True)
class Span:
    """The columns under one stage header."""

    stage: Stage
    left: float
    right: float
    continued: bool
    """Whether the main path was in this stage before, in an earlier span."""


@dataclass(frozen=True)
class Card:
    """A step drawn in a band, at the x of a column."""

    node: Node
    x: float


@dataclass(frozen=True)
class Band:
    """An alternative (or the unreached steps) as a row of cards."""

    cards: tuple[Card, ...]
    branch: Node | None
    """The step it branches from; None for the unreached steps."""
    rejoins: Node | None
    lane: int = 0

    @property
    def left(self) -> float:
        """The x of its leftmost card."""
        return min(card.x for card in self.cards)

    @property
    def right(self) -> float:
        """The right edge of its rightmost card."""
        return max(card.x for card in self.cards) + COL_W


@dataclass(frozen=True)
class MapLayout:
    """The whole grid: columns and spans along the main path, and the bands."""

    graph: StepGraph
    paths: Paths
    columns: tuple[Column, ...]
    spans: tuple[Span, ...]
    bands: tuple[Band, ...]
    """The alternatives, each with its lane."""
    unreached: Band | None
    right: float
    x_of: dict[str, float]
    """The column x of every step drawn, by key."""
    starts: dict[str, set[str]]
    """The first steps of the alternatives that branch from a step, by the step's key."""

    @property
    def lanes(self) -> int:
        """How many lanes the alternatives take."""
        return max((band.lane for band in self.bands), default=-1) + 1


@dataclass
class _Run:
    stage_index: int
    keys: list[str] = field(default_factory=list)
    """Every step placed in the run's columns: the main path's, then the bands'."""
    slots: int = 1


Place = tuple[int, int]
"""A run's index and a column's index in it."""


def layout_of(doc: Flow) -> MapLayout:
    """Place every step of the document on the map."""
    graph = StepGraph(doc)
    paths = paths_of(graph)
    runs = _runs(doc, graph, paths.main)
    where: dict[str, Place] = {
        key: (index, slot) for index, run in enumerate(runs) for slot, key in enumerate(run.keys)
    }
    for alternative in paths.alternatives:
        _place(graph, runs, where, alternative.branch, alternative.steps)
        _make_room(runs, where, set(paths.main), alternative)
    _place(graph, runs, where, None, paths.unreached)
    lefts, right = _lefts(runs)
    x_of = {key: lefts[run] + slot * COL_W for key, (run, slot) in where.items()}

    def band(keys: Sequence[str], branch: str | None, rejoins: str | None) -> Band:
        cards = tuple(Card(graph.by_id[key], x_of[key]) for key in keys)
        return Band(cards, _node(graph, branch), _node(graph, rejoins))

    bands = _lanes([band(alt.steps, alt.branch, alt.rejoins) for alt in paths.alternatives])
    lost = paths.unreached
    starts: dict[str, set[str]] = {}
    for alt in paths.alternatives:
        starts.setdefault(alt.branch, set()).add(alt.steps[0])
    main_at = {where[key]: key for key in paths.main}
    return MapLayout(
        graph,
        paths,
        tuple(_columns(doc, graph, runs, lefts, main_at)),
        tuple(_spans(doc, runs, lefts)),
        tuple(bands),
        band(lost, None, None) if lost else None,
        right,
        x_of,
        starts,
    )


def _node(graph: StepGraph, key: str | None) -> Node | None:
    return None if key is None else graph.by_id[key]


def _runs(doc: Flow, graph: StepGraph, main: Sequence[str]) -> list[_Run]:
    """The spans' steps: the main path cut where it changes stage, then the other stages."""
    runs: list[_Run] = []
    for key in main:
        stage_index = graph.by_id[key].stage_index
        if not runs or runs[-1].stage_index != stage_index:
            runs.append(_Run(stage_index))
        runs[-1].keys.append(key)
        runs[-1].slots = len(runs[-1].keys)
    entered = {run.stage_index for run in runs}
    for stage_index in range(len(doc.stages)):
        if stage_index not in entered:
            at = next((i for i, r in enumerate(runs) if r.stage_index > stage_index), len(runs))
            runs.insert(at, _Run(stage_index))
    return runs


def _place(
    graph: StepGraph,
    runs: list[_Run],
    where: dict[str, Place],
    branch: str | None,
    keys: Sequence[str],
) -> None:
    """Give each step of a band a column of its stage, after the one before it; widen a run
    whose columns run out."""
    cursor = where.get(branch) if branch is not None else None
    used: set[Place] = set()
    for key in keys:
        index = _run_for(runs, graph.by_id[key].stage_index, cursor)
        slot = cursor[1] + 1 if cursor is not None and cursor[0] == index else 0
        while (index, slot) in used:
            slot += 1
        used.add((index, slot))
        runs[index].slots = max(runs[index].slots, slot + 1)
        runs[index].keys.append(key)
        where[key] = cursor = (index, slot)


def _make_room(
    runs: list[_Run], where: dict[str, Place], main: set[str], alternative: Alternative
) -> None:
    """Where an alternative rejoins the main path in the run of its last step, but not to
    the right of that step, move the main path's step (and all after it) right: the band
    then ends before the step it rejoins."""
    if alternative.rejoins not in main:
        return
    run, slot = where[alternative.rejoins]
    last_run, last_slot = where[alternative.steps[-1]]
    if run != last_run or slot > last_slot or where[alternative.branch] >= (run, slot):
        return
    own = set(alternative.steps)
    for key in runs[run].keys:
        at = where[key][1]
        if at >= slot and key not in own:
            where[key] = (run, at + last_slot - slot + 1)
    runs[run].slots = max(where[key][1] for key in runs[run].keys) + 1


def _run_for(runs: Sequence[_Run], stage_index: int, cursor: Place | None) -> int:
    """The run of a stage that a band goes on in: the cursor's, else the next, else the first."""
    if cursor is not None and runs[cursor[0]].stage_index == stage_index:
        return cursor[0]
    found = [index for index, run in enumerate(runs) if run.stage_index == stage_index]
    later = [index for index in found if cursor is not None and index > cursor[0]]
    return (later or found)[0]


def _lefts(runs: Sequence[_Run]) -> tuple[list[float], float]:
    """The x of each run's first column, and the right edge of the grid."""
    lefts = []
    x = HEAD_W
    for run in runs:
        x += STAGE_GAP
        lefts.append(x)
        x += run.slots * COL_W
    return lefts, x if runs else HEAD_W + STAGE_GAP + COL_W


def _columns(
    doc: Flow,
    graph: StepGraph,
    runs: Sequence[_Run],
    lefts: Sequence[float],
    main_at: dict[Place, str],
) -> list[Column]:
    columns = []
    entered = {index for index, _ in main_at}
    for index, (run, left) in enumerate(zip(runs, lefts, strict=True)):
        stage = doc.stages[run.stage_index]
        for slot in range(run.slots):
            key = main_at.get((index, slot))
            step = graph.by_id[key].step if key is not None else None
            alone = slot == 0 and index not in entered
            columns.append(Column(stage, step, left + slot * COL_W, key, alone))
    return columns


def _spans(doc: Flow, runs: Sequence[_Run], lefts: Sequence[float]) -> list[Span]:
    spans = []
    seen: set[int] = set()
    for run, left in zip(runs, lefts, strict=True):
        stage = doc.stages[run.stage_index]
        spans.append(Span(stage, left, left + run.slots * COL_W, run.stage_index in seen))
        seen.add(run.stage_index)
    return spans


def _lanes(bands: Sequence[Band]) -> list[Band]:
    """Put each band in the first lane where it overlaps no other band (taken from the left,
    which needs the fewest lanes)."""
    ends: list[float] = []  # the right edge of the last band in each lane
    lane_of: dict[int, int] = {}
    for index in sorted(range(len(bands)), key=lambda i: bands[i].left):
        band = bands[index]
        lane = next((n for n, end in enumerate(ends) if end + BAND_GAP <= band.left), len(ends))
        if lane == len(ends):
            ends.append(0.0)
        ends[lane] = band.right
        lane_of[index] = lane
    return [
        Band(band.cards, band.branch, band.rejoins, lane_of[index])
        for index, band in enumerate(bands)
    ]

"""The flow view on pages (`render --view flow --page SIZE`).

Graphviz lays the flow out (it is not a grid), so its size is known only after a layout run
(`dot -Tjson`). A flow that fits the page with its smallest text at 9 pt or more is one page,
zoomed to fill it; a larger one is cut into tiles between columns of steps (and between rows
of them when it is too tall), each drawn at the page's size through Graphviz's `viewport`
(the same layout, a window of it). The title block stays on the tiles of the top row.
"""

from __future__ import annotations

import json
import math
import re
import subprocess

from journeyctl.core.errors import UsageError
from journeyctl.core.model import Flow
from journeyctl.render.marks import Marks
from journeyctl.render.pages import MIN_TEXT_PT, Page

MARGIN = 18.0
"""Space kept around the drawing on a page, in the flow's points."""

Span = tuple[float, float]


def flow_sheets(doc: Flow, marks: Marks, page: Page, executable: str) -> list[str]:
    """The flow's DOT once per page: the whole flow, or a window of it per tile."""
    from journeyctl.render.flow_view import flow

    text = flow(doc, marks)
    layout = _layout(text, executable)
    left, bottom, right, top = (float(v) for v in str(layout["bb"]).split(","))
    xs, ys = _extents(layout)
    zoom = MIN_TEXT_PT / smallest(text)
    width, height = page.size
    room = width / zoom - 2 * MARGIN
    stages = _stage_spans(layout)
    fits = stages and max(high - low for low, high in stages) <= room
    columns = _cuts(stages if fits else xs, (left, right), room)
    # rows from the top down (y grows upward in the layout): cut with y negated
    flipped = _cuts(
        [(-high, -low) for low, high in ys], (-top, -bottom), height / zoom - 2 * MARGIN
    )
    rows = [(-high, -low) for low, high in flipped]
    # one scale for every tile: the largest at which each tile's columns and rows fit
    fit = min(
        min(width / (end - start + 2 * MARGIN) for start, end in columns),
        min(height / (high - low + 2 * MARGIN) for low, high in rows),
    )
    sources = []
    for _, high in rows:
        for start, _ in columns:
            # the window starts at its range's top left corner; slack is at the right or bottom
            centre = (start - MARGIN + width / fit / 2, high + MARGIN - height / fit / 2)
            sources.append(_window(text, page, fit, centre))
    return sources


def _stage_spans(layout: dict[str, object]) -> list[Span]:
    """The x extent of each stage (a cluster): tiles are best cut between stages."""
    objects = layout.get("objects", [])
    assert isinstance(objects, list)
    spans = []
    for item in objects:
        if "bb" in item and str(item.get("name", "")).startswith("cluster"):
            left, _, right, _ = (float(v) for v in item["bb"].split(","))
            spans.append((left, right))
    return spans


def _layout(text: str, executable: str) -> dict[str, object]:
    """Graphviz's layout of the flow (`dot -Tjson`): its box and every node's place."""
    try:
        done = subprocess.run(
            [executable, "-Tjson"], input=text.encode("utf-8"), capture_output=True, check=False
        )
    except OSError as error:
        raise UsageError(f"cannot run {executable}: {error.strerror or error}") from None
    if done.returncode != 0:
        first = done.stderr.decode("utf-8", "replace").strip().splitlines() or ["failed"]
        raise UsageError(f"Graphviz failed to lay out the flow: {first[0]}")
    found: dict[str, object] = json.loads(done.stdout)
    return found


def _extents(layout: dict[str, object]) -> tuple[list[Span], list[Span]]:
    """The x and y extent of every node, and the y extent of the title block."""
    xs: list[Span] = []
    ys: list[Span] = []
    objects = layout.get("objects", [])
    assert isinstance(objects, list)
    for item in objects:
        if "pos" not in item:
            continue
        x, y = (float(v) for v in item["pos"].split(","))
        half_w, half_h = float(item["width"]) * 36, float(item["height"]) * 36
        xs.append((x - half_w, x + half_w))
        ys.append((y - half_h, y + half_h))
    if "lp" in layout:
        _, label_y = (float(v) for v in str(layout["lp"]).split(","))
        half = float(str(layout.get("lheight", 0))) * 36
        ys.append((label_y - half, label_y + half))
    return xs, ys


def _cuts(spans: list[Span], bounds: Span, room: float) -> list[Span]:
    """Ranges of at most `room` (unless one item is wider), cut only where no item is."""
    merged: list[list[float]] = []
    for low, high in sorted(spans):
        if merged and low < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    if not merged or bounds[1] - bounds[0] <= room:
        return [bounds]
    ranges: list[Span] = []
    start = bounds[0]
    end = start
    for low, high in merged:
        if high - start > room and end > start:
            ranges.append((start, end))
            start = low
        end = high
    ranges.append((start, max(end, bounds[1])))
    return ranges


def _window(text: str, page: Page, zoom: float, centre: tuple[float, float]) -> str:
    """The flow's DOT drawn as a window of `page`'s size at `zoom` around `centre`."""
    width, height = page.size
    viewport = f"{width:.2f},{height:.2f},{zoom:.4f},{centre[0]:.1f},{centre[1]:.1f}"
    body = text.rstrip()
    assert body.endswith("}")
    return f'{body[:-1]}  graph [viewport="{viewport}", pad=0, margin=0];\n}}\n'


_SIZES = re.compile(r'POINT-SIZE="([\d.]+)"|fontsize=([\d.]+)')


def smallest(text: str) -> float:
    """The smallest font size a DOT text asks for, in whole points (as Graphviz reads it)."""
    sizes = [float(a or b) for a, b in _SIZES.findall(text)]
    return float(math.floor(min(sizes, default=14.0)))

"""The flow view on pages (`render --view flow --page SIZE`, and the flow in the deck).

Graphviz lays the flow out (it is not a grid), so its size is known only after a layout run
(`dot -Tjson`). A flow that fits the page with its smallest text at 9 pt or more is one page,
zoomed to fill it. A larger one is cut between stages (`flow_plan`): each page is a layout of
its own of a run of whole stages (`flow_sheet`), with stubs for the edges to other pages.
Every page is laid out before it is drawn, to check that it fits; when one does not (the plan
only estimates), the plan is made again with less room for that page. A page that still does
not fit (a step wider than the page, say) is scaled to fit and says so. All pages of a flow
are drawn at one zoom, the largest at which each fits, centred on a page of exactly the
page's size (Graphviz's `viewport`).
"""

from __future__ import annotations

import json
import math
import re
import subprocess
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from journeyctl.core.errors import UsageError
from journeyctl.core.graph import StepGraph
from journeyctl.core.model import Flow
from journeyctl.render.flow_plan import Sheet, Sizes, Tighter, plan
from journeyctl.render.flow_sheet import Whole, sheet_source
from journeyctl.render.marks import Marks
from journeyctl.render.pages import MIN_TEXT_PT, Page

MARGIN = 18.0
"""Space kept around the drawing on a page, in the page's points."""
MIN_MARGIN = 6.0
"""The margin a page may shrink to when its drawing is a little larger than planned."""
TRIES = 3
"""Plans made at most before the pages that still do not fit are scaled to fit."""
SCALED = "scaled to fit: text under 9 pt"
"""The note on a page drawn smaller than the smallest text allows."""
LEGEND_ROW = 33.0
"""Height of one more row of the legend on a narrow page."""
LATER_HEADER = 34.0
"""Height of a later page's header line and the space under it."""

Layout = dict[str, object]
Box = tuple[float, float, float, float]


def flow_sheets(doc: Flow, marks: Marks, page: Page, executable: str) -> list[str]:
    """The flow's DOT once per page, each exactly the page's size."""
    from journeyctl.render.flow_view import flow

    text = flow(doc, marks)
    layout = layouts([text], executable)[0]
    least = MIN_TEXT_PT / smallest(text)
    box = _box(layout)
    if _fit(box, page) >= least:
        return [window(text, page, _fit(box, page), box)]
    whole = StepGraph(doc)
    sizes = measure(doc, whole, layout, _legend_rows(doc, marks, page, least))
    sheets, texts, boxes = _fitted(doc, marks, whole, sizes, page, least, executable)
    return _windows(doc, marks, whole, sheets, texts, boxes, page, least, executable)


def _fitted(
    doc: Flow,
    marks: Marks,
    whole: StepGraph,
    sizes: Sizes,
    page: Page,
    least: float,
    executable: str,
) -> tuple[list[Sheet], list[str], list[Box]]:
    """The pages, their DOT and their laid-out boxes: planned, laid out, and planned again
    with less room for each page that came out larger than the plan thought (at most
    `TRIES` times); the first plan whose pages all fit, else the one that comes closest."""
    width, height = page.size
    room = ((width - 2 * MARGIN) / least, (height - 2 * MARGIN) / least)
    tighter: Tighter = {}
    best: tuple[float, list[Sheet], list[str], list[Box]] | None = None
    for _ in range(TRIES):
        sheets = plan(sizes, room, tighter)
        paged = Whole(whole, sheets)
        texts = [sheet_source(doc, marks, paged, n, "", room[0]) for n in range(len(sheets))]
        boxes = [_box(found) for found in layouts(texts, executable)]
        worst = min(_fit(found, page, MIN_MARGIN) for found in boxes)
        if best is None or min(worst, least) > min(best[0], least):
            best = (worst, sheets, texts, boxes)
        if worst >= least:
            break
        for number, box in enumerate(boxes):
            across, down = tighter.get(number, (1.0, 1.0))
            short = (_short(box, 0, room[0]), _short(box, 1, room[1]))
            tighter[number] = (across * short[0], down * short[1])
    assert best is not None
    return best[1], best[2], best[3]


def _windows(
    doc: Flow,
    marks: Marks,
    whole: StepGraph,
    sheets: list[Sheet],
    texts: list[str],
    boxes: list[Box],
    page: Page,
    least: float,
    executable: str,
) -> list[str]:
    """Every page at one zoom (the largest that fits them all); a page that does not fit at
    the smallest text allowed is scaled to fit, with a note (and laid out again with it)."""
    width = (page.size[0] - 2 * MARGIN) / least
    tight = [_fit(box, page, MIN_MARGIN) for box in boxes]
    zoom = min(max(_fit(box, page), least) for box in boxes)
    for number, found in enumerate(tight):
        if found < least:
            texts[number] = sheet_source(doc, marks, Whole(whole, sheets), number, SCALED, width)
            boxes[number] = _box(layouts([texts[number]], executable)[0])
    return [
        window(text, page, min(zoom, _fit(box, page, MIN_MARGIN)), box)
        for text, box in zip(texts, boxes, strict=True)
    ]


def _short(box: Box, side: int, room: float) -> float:
    """How much smaller a page's room must get along one side (0: x, 1: y) for `box` to fit
    it (1 when it fits), at most a tenth at a time."""
    needed = box[side + 2] - box[side]
    return max(0.9, min(1.0, 0.98 * room / needed)) if needed > room else 1.0


def _legend_rows(doc: Flow, marks: Marks, page: Page, least: float) -> int:
    """How many rows the legend takes on the first page."""
    from journeyctl.render.flow_view import flow_legend
    from journeyctl.render.sheet_header import legend_rows

    return len(legend_rows(flow_legend(doc, marks), (page.size[0] - 2 * MARGIN) / least))


def measure(doc: Flow, whole: StepGraph, layout: Layout, legend_rows: int = 1) -> Sizes:
    """The sizes the plan needs, from the layout of the whole flow (`flow_view` names its
    steps `s0`, `s1`, ... in document order and its stages `cluster_0`, ...), whose legend
    is one row of the `legend_rows` it takes on the first page."""
    found: dict[str, tuple[float, float]] = {}
    labels: dict[str, tuple[float, float]] = {}
    objects = layout.get("objects", [])
    assert isinstance(objects, list)
    for item in objects:
        name = str(item.get("name", ""))
        if "width" in item:
            found[name] = (float(item["width"]) * 72, float(item["height"]) * 72)
        elif "lwidth" in item:
            labels[name] = (float(item["lwidth"]) * 72, float(item["lheight"]) * 72)
    steps: list[list[tuple[float, float]]] = [[] for _ in doc.stages]
    for index, node in enumerate(whole.nodes):
        steps[node.stage_index].append(found.get(f"s{index}", (182.0, 60.0)))
    places = [(node.stage_index, node.step_index) for node in whole.nodes]
    at = {node.key: place for node, place in zip(whole.nodes, places, strict=True)}
    return Sizes(
        steps=steps,
        labels=[labels.get(f"cluster_{i}", (120.0, 30.0)) for i in range(len(doc.stages))],
        first_header=float(str(layout.get("lheight", 1.5))) * 72
        + 30
        + LEGEND_ROW * (legend_rows - 1),
        later_header=LATER_HEADER,
        edges=[(at[tail.key], at[head.key]) for tail, head in whole.edges()],
    )


def layouts(texts: Sequence[str], executable: str) -> list[Layout]:
    """Graphviz's layout of each DOT text (`dot -Tjson`), in order: the texts in two
    batches, one `dot` process each, side by side."""
    size = max(1, -(-len(texts) // 2))
    batches = [texts[start : start + size] for start in range(0, len(texts), size)]
    with ThreadPoolExecutor(max(1, len(batches))) as pool:
        done = pool.map(lambda batch: _layout_batch(batch, executable), batches)
        return [layout for batch in done for layout in batch]


def _layout_batch(texts: Sequence[str], executable: str) -> list[Layout]:
    try:
        done = subprocess.run(
            [executable, "-Tjson"],
            input="".join(texts).encode("utf-8"),
            capture_output=True,
            check=False,
        )
    except OSError as error:
        raise UsageError(f"cannot run {executable}: {error.strerror or error}") from None
    if done.returncode != 0:
        first = done.stderr.decode("utf-8", "replace").strip().splitlines() or ["failed"]
        raise UsageError(f"Graphviz failed to lay out the flow: {first[0]}")
    output = done.stdout.decode("utf-8")
    decoder = json.JSONDecoder()
    found: list[Layout] = []
    position = 0
    while len(found) < len(texts):
        while position < len(output) and output[position].isspace():
            position += 1
        if position >= len(output):
            raise UsageError("Graphviz laid out fewer pages of the flow than it was given")
        layout, position = decoder.raw_decode(output, position)
        found.append(layout)
    return found


def _box(layout: Layout) -> Box:
    left, bottom, right, top = (float(v) for v in str(layout["bb"]).split(","))
    return left, bottom, right, top


def _fit(box: Box, page: Page, margin: float = MARGIN) -> float:
    """The largest zoom at which `box` fits the page inside `margin`."""
    width, height = page.size
    return min(
        (width - 2 * margin) / max(box[2] - box[0], 1.0),
        (height - 2 * margin) / max(box[3] - box[1], 1.0),
    )


def window(text: str, page: Page, zoom: float, box: Box) -> str:
    """The DOT text drawn on a page of exactly `page`'s size at `zoom`, `box` centred."""
    width, height = page.size
    centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    viewport = f"{width:.2f},{height:.2f},{zoom:.4f},{centre[0]:.1f},{centre[1]:.1f}"
    body = text.rstrip()
    assert body.endswith("}")
    return f'{body[:-1]}  graph [viewport="{viewport}", pad=0, margin=0];\n}}\n'


_SIZES = re.compile(r'POINT-SIZE="([\d.]+)"|fontsize=([\d.]+)')


def smallest(text: str) -> float:
    """The smallest font size a DOT text asks for, in whole points (as Graphviz reads it)."""
    sizes = [float(a or b) for a, b in _SIZES.findall(text)]
    return float(math.floor(min(sizes, default=14.0)))

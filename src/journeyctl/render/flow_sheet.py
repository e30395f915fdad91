"""One page of a flow cut between stages, as DOT: the flow view of a sub-document.

The page's stages (or the part of a stage too big for a page, "<Stage>, continued") are
drawn by `flow_view` as a document of their own, with the edges of the whole flow between
them (`PageGraph`). An edge to a step on another page ends at a stub at the right
("→ Decision: Demo call ...", and its page); an edge from another page starts at a stub at
the left ("← from Awareness"). The first page has the flow's title block, every later one a
line with the title; all say which page they are.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from journeyctl.core.graph import Node, StepGraph
from journeyctl.core.model import Flow, Stage
from journeyctl.render import style
from journeyctl.render.dot import Dot, Html, Lines, Raw, Value
from journeyctl.render.flow_plan import STUB_W, Part, Place, Sheet
from journeyctl.render.graphviz import br, font
from journeyctl.render.marks import Marks
from journeyctl.render.text import html, text_width, wrap

STUB_TEXT = 110.0
"""Points of text per line in a stub."""
STAGE_SIZE = 14.0
"""The size of a stage's name in the flow view (`flow_nodes.stage_attributes`)."""


@dataclass
class Whole:
    """The whole flow, worked out once for all its pages: its step graph, each step's node
    and the steps that lead to it by place, and the page each step is on."""

    graph: StepGraph
    sheets: Sequence[Sheet]
    node_at: dict[Place, Node] = field(init=False)
    tails: dict[Place, list[Place]] = field(init=False)
    page_of: dict[Place, int] = field(init=False)

    def __post_init__(self) -> None:
        self.node_at = {(node.stage_index, node.step_index): node for node in self.graph.nodes}
        self.tails = {}
        for tail, head in self.graph.edges():
            place = (head.stage_index, head.step_index)
            self.tails.setdefault(place, []).append((tail.stage_index, tail.step_index))
        self.page_of = {
            place: n for n, sheet in enumerate(self.sheets) for place in places_of(sheet.parts)
        }

    def heads(self, place: Place) -> list[Place]:
        """The steps that the step at `place` leads to."""
        node = self.node_at[place]
        found = (self.graph.by_id[key] for key in self.graph.successors[node.key])
        return [(head.stage_index, head.step_index) for head in found]


class PageGraph(StepGraph):
    """The steps of one page with the whole flow's edges between them. A step keeps the
    number of successors it has in the whole flow (a branch is drawn as one on every page);
    `edges` yields only those whose both ends are on the page."""

    def __init__(self, doc: Flow, whole: Whole, places: Sequence[Place], has_entry: bool) -> None:
        super().__init__(doc)
        keys = [whole.node_at[place].key for place in places]
        local = {key: node.key for key, node in zip(keys, self.nodes, strict=True)}
        self.inner: dict[str, list[str]] = {}
        for key, node in zip(keys, self.nodes, strict=True):
            targets = whole.graph.successors[key]
            self.inner[node.key] = [local[target] for target in targets if target in local]
            self.successors[node.key] = [local.get(target, "") for target in targets]
        self.has_entry = has_entry

    @property
    def entry(self) -> Node | None:
        """The first step of the whole flow when it is on this page."""
        return self.nodes[0] if self.has_entry and self.nodes else None

    def edges(self) -> Iterator[tuple[Node, Node]]:
        for node in self.nodes:
            for target in self.inner[node.key]:
                yield node, self.by_id[target]


def sub_document(doc: Flow, parts: Sequence[Part], width: float) -> Flow:
    """A document of the parts' steps only; a later part of a stage is "<Stage>, continued",
    and a stage name too wide for a page `width` wide is cut short with an ellipsis."""
    stages: list[Stage] = []
    for part in parts:
        stage = doc.stages[part.stage]
        update: dict[str, object] = {"steps": stage.steps[part.start : part.stop]}
        name = stage.name
        room = width - 2 * STUB_W - 40  # the stubs at both sides and the stage's margins
        if text_width(name, STAGE_SIZE, bold=True) > room:
            name = "".join(wrap(name, room, STAGE_SIZE, bold=True, max_lines=1))
        if part.continued:
            name = f"{isolated(name)}, continued"
        if name != stage.name:
            update["name"] = name
        stages.append(stage.model_copy(update=update))
    return doc.model_copy(update={"stages": stages})


_BIDI = frozenset({"R", "AL", "RLE", "RLO", "LRE", "LRO", "RLI", "LRI", "FSI", "PDF", "PDI"})


def isolated(name: str) -> str:
    """A user's name that holds right-to-left text or direction marks, isolated (U+2068 ...
    U+2069): an override in it cannot turn the text around it, such as ", continued"."""
    if any(unicodedata.bidirectional(char) in _BIDI for char in name):
        return f"\u2068{name}\u2069"
    return name


def places_of(parts: Sequence[Part]) -> list[Place]:
    """Every step of the parts, in order."""
    return [(part.stage, index) for part in parts for index in range(part.start, part.stop)]


def sheet_source(
    doc: Flow, marks: Marks, whole: Whole, number: int, note: str, width: float
) -> str:
    """Page `number` (from 0) of the flow as DOT, at the flow's own size, its header no
    wider than `width`."""
    from journeyctl.render.flow_view import flow_dot

    sheet, total = whole.sheets[number], len(whole.sheets)
    places = places_of(sheet.parts)
    entry = whole.graph.entry
    has_entry = entry is not None and whole.page_of[(entry.stage_index, entry.step_index)] == number
    part = sub_document(doc, sheet.parts, width)
    dot = flow_dot(part, marks, PageGraph(part, whole, places, has_entry), sheet.rows)
    _stubs(dot, doc, whole, number)
    label = _first_label(doc, marks, total, note, width) if number == 0 else None
    # One pass of crossing minimisation: the second (on by default with clusters) can undo
    # the top-down order of a column on a page of few stages.
    label = label or _later_label(doc, number, total, note)
    dot.defaults("graph", {"label": label, "remincross": False})
    return dot.source()


def _first_label(doc: Flow, marks: Marks, total: int, note: str, width: float) -> Html:
    """The first page's title block, no wider than `width`: title, what it is and which
    page, the description, the legend (in rows that fit) and the document's findings."""
    from journeyctl.render.flow_view import flow_legend
    from journeyctl.render.sheet_header import title_rows

    where = _where(1, total, note).replace(" ", "\u00a0")
    rows = title_rows(doc, marks, flow_legend(doc, marks), width, where, fit=1.0)
    return Html(
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3">'
        + "".join(f"<TR>{row}</TR>" for row, _ in rows)
        + "</TABLE>"
    )


def _later_label(doc: Flow, number: int, total: int, note: str) -> Html:
    """A later page's header: the title and which page this is, on one line."""
    title = font(br(wrap(doc.title, 560, 14, True, max_lines=1), 14, bold=True), 14)
    where = font(html(_where(number + 1, total, note)), 11, style.MUTED)
    return Html(
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3"><TR>'
        f'<TD ALIGN="LEFT" BALIGN="LEFT">{title}</TD><TD WIDTH="12"></TD>'
        f'<TD ALIGN="LEFT" VALIGN="BOTTOM">{where}</TD></TR></TABLE>'
    )


def _where(number: int, total: int, note: str) -> str:
    return f"page {number} of {total}" + (f" · {note}" if note else "")


def _stubs(dot: Dot, doc: Flow, whole: Whole, number: int) -> None:
    """The stubs of the page's edges to and from other pages: at the left of the page for
    the steps of its first column (at the right for its last), else in the step's column,
    above or below its stage (a stub far from its step would draw an edge across the page,
    pushing the columns apart)."""
    sheet = whole.sheets[number]
    name_of = {place: f"s{index}" for index, place in enumerate(places_of(sheet.parts))}
    first, last = _edge_columns(sheet)
    ins: dict[tuple[int, int, bool], list[str]] = {}  # (stage, page, at the edge) -> heads
    outs: dict[tuple[Place, bool], list[str]] = {}  # (head, at the edge) -> the page's tails
    for place, name in name_of.items():
        for head_at in whole.heads(place):
            if head_at not in name_of:
                outs.setdefault((head_at, place in last), []).append(name)
        for tail_at in whole.tails.get(place, []):
            if tail_at not in name_of:
                key = (tail_at[0], whole.page_of[tail_at], place in first)
                ins.setdefault(key, []).append(name)
    for edge in (True, False):
        if edge:
            dot.open("stubs_in", {"rank": "min"})
        for index, (stage, page, at_edge) in enumerate(ins):
            if at_edge == edge:
                text = f"\u2190 from {isolated(doc.stages[stage].name)}"
                dot.node(f"in{index}", _stub(text, page + 1, "in", page > number))
        if edge:
            dot.close()
            dot.open("stubs_out", {"rank": "max"})
        for index, (head_at, at_edge) in enumerate(outs):
            if at_edge == edge:
                target, page = doc.stages[head_at[0]], whole.page_of[head_at]
                step = target.steps[head_at[1]]
                text = f"\u2192 {isolated(target.name)}: {isolated(step.name)}"
                dot.node(f"out{index}", _stub(text, page + 1, "out", page < number))
        if edge:
            dot.close()
    for index, (key, heads) in enumerate(ins.items()):
        for step_name in dict.fromkeys(heads):
            dot.edge(f"in{index}", step_name, _stub_edge(key[1] > number))
        if not key[2]:  # in the column of its (first) step: above or below its stage
            dot.same_rank([f"in{index}", heads[0]])
    for index, ((head_at, at_edge), tails) in enumerate(outs.items()):
        for step_name in dict.fromkeys(tails):
            dot.edge(step_name, f"out{index}", _stub_edge(whole.page_of[head_at] < number))
        if not at_edge:
            dot.same_rank([f"out{index}", tails[0]])


def _edge_columns(sheet: Sheet) -> tuple[set[Place], set[Place]]:
    """The steps of the page's first column and of its last (stages without steps aside)."""
    parts = [part for part in sheet.parts if part.stop > part.start]
    if not parts:
        return set(), set()
    head, tail = parts[0], parts[-1]
    first = {(head.stage, i) for i in range(head.start, min(head.start + sheet.rows, head.stop))}
    start = tail.start + ((tail.stop - tail.start - 1) // sheet.rows) * sheet.rows
    return first, {(tail.stage, i) for i in range(start, tail.stop)}


def _stub(text: str, page: int, kind: str, back: bool) -> dict[str, Value]:
    """A stub: where an edge goes to or comes from, and on which page."""
    lines = br(wrap(text, STUB_TEXT, 10, max_lines=4), 10)
    label = (
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{font(lines, 10)}</TD></TR>'
        f'<TR><TD ALIGN="LEFT">{font(f"page {page}", 9, style.MUTED)}</TD></TR></TABLE>'
    )
    return {
        "label": Html(label),
        "shape": "box",
        "style": "rounded,dashed" if back else "rounded",
        "fillcolor": "white",
        "color": style.MUTED,
        "margin": "0.08,0.04",
        "class": Raw(f"stub {kind}"),
        "tooltip": Lines([text, f"page {page}"]),
    }


def _stub_edge(back: bool) -> dict[str, Value]:
    values: dict[str, Value] = {"color": style.MUTED, "class": "stub"}
    if back:
        values["style"] = "dashed"
    return values

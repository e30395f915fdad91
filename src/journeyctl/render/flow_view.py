"""The flow view (design §6) as DOT: steps as nodes inside one cluster per stage, left to right.

Nodes are filled by emotion and show the owner, channel and touchpoint; edges come from `next`
(document order by default), with a start dot before the first step and an end mark after each
terminal step. Pain points and opportunities are flagged on their steps; with `--lint`, every
step, stage or document that has a finding is marked and the finding named.
"""

from __future__ import annotations

import itertools

from journeyctl.core.graph import Node, StepGraph
from journeyctl.core.model import Flow, Stage
from journeyctl.render import style
from journeyctl.render.dot import Dot, Html, Value
from journeyctl.render.flow_nodes import stage_attributes, step_attributes
from journeyctl.render.graphviz import LegendItem, has_emotion, header, legend
from journeyctl.render.marks import Marks
from journeyctl.render.text import FONT

COLUMN_ROWS = 8
"""Steps stacked in one column of a stage before the stage continues in another column."""


def flow(doc: Flow, marks: Marks) -> str:
    """The flow view of a journey or workflow as DOT text."""
    return flow_dot(doc, marks).source()


def flow_dot(
    doc: Flow, marks: Marks, graph: StepGraph | None = None, rows: int = COLUMN_ROWS
) -> Dot:
    """The flow view as a `Dot` that can still be added to: `graph` gives the edges (by
    default the document's own; a page of a larger flow passes its part), `rows` the steps
    per column. Steps are named `s0`, `s1`, ... in document order."""
    graph = graph or StepGraph(doc)
    names = {(node.stage_index, node.step_index): f"s{i}" for i, node in enumerate(graph.nodes)}
    columns = _columns(graph, names, rows)
    dot = Dot(doc.id)
    _defaults(dot, doc, marks)
    stage_columns: dict[int, list[list[str]]] = {}
    for (stage_index, _), members in columns.items():
        stage_columns.setdefault(stage_index, []).append(members)
    for stage_index, stage in enumerate(doc.stages):
        _stage_cluster(dot, stage_index, stage, marks, names, stage_columns.get(stage_index, []))
    linked = _step_edges(dot, graph, names, columns)
    _keep_columns_in_order(dot, doc, columns, linked)
    return dot


Columns = dict[tuple[int, int], list[str]]
"""Node names by (stage index, column within the stage), each column top down."""


def _columns(graph: StepGraph, names: dict[tuple[int, int], str], rows: int) -> Columns:
    """The steps of each stage in columns of `rows`."""
    columns: Columns = {}
    for node in graph.nodes:
        key = (node.stage_index, node.step_index // rows)
        columns.setdefault(key, []).append(names[(node.stage_index, node.step_index)])
    return columns


def flow_header(doc: Flow, marks: Marks) -> Html:
    """The flow's title block: title, what it is, the legend and document findings."""
    return header(doc, marks, flow_legend(doc, marks))


def flow_legend(doc: Flow, marks: Marks) -> str:
    """The flow's legend: emotion colours and what each symbol means, as one table row."""
    items: list[LegendItem] = [
        (style.PAIN, style.PAIN_INK, "pain points"),
        (style.IDEA, style.IDEA_INK, "opportunities"),
        ("\u25cf", None, "start"),
        (style.END, None, "can end here"),
    ]
    if marks:
        items.append((style.LINT, None, "lint finding"))
    return legend(items, has_emotion(doc))


def _defaults(dot: Dot, doc: Flow, marks: Marks) -> None:
    """The graph's title and legend, and how nodes and edges look unless said otherwise."""
    dot.defaults(
        "graph",
        {
            "layout": "dot",  # stated: a batch of graphs in one dot run keeps the last engine
            "rankdir": "LR",
            "newrank": True,
            "compound": True,
            "fontname": FONT,
            "bgcolor": "white",
            "pad": 0.3,
            "nodesep": 0.3,
            "ranksep": 0.45,
            "labelloc": "t",
            "labeljust": "l",
            "label": flow_header(doc, marks),
            "outputorder": "edgesfirst",
            "class": f"journeyctl flow {doc.kind}",
        },
    )
    dot.defaults(
        "node",
        {
            "shape": "box",
            "style": "rounded,filled",
            "fontname": FONT,
            "fontsize": 10,
            "color": style.BORDER,
            "fontcolor": style.TEXT,
            "margin": "0.10,0.06",
        },
    )
    dot.defaults("edge", {"color": style.EDGE, "arrowsize": 0.7, "penwidth": 1.2})


def _stage_cluster(
    dot: Dot,
    stage_index: int,
    stage: Stage,
    marks: Marks,
    names: dict[tuple[int, int], str],
    columns: list[list[str]],
) -> None:
    """One stage as a cluster: its steps, each of its columns on one rank, or a `no steps`
    box."""
    dot.open(f"cluster_{stage_index}", stage_attributes(stage, marks.stage(stage.id)))
    for step_index, step in enumerate(stage.steps):
        name = names[(stage_index, step_index)]
        dot.node(name, step_attributes(step, stage, marks.step(stage.id, step.id)))
    for members in columns:
        if len(members) > 1:
            dot.same_rank(members)
    if not stage.steps:
        dot.node(f"empty{stage_index}", _EMPTY_STAGE)
    dot.close()


def _step_edges(
    dot: Dot, graph: StepGraph, names: dict[tuple[int, int], str], columns: Columns
) -> set[tuple[str, str]]:
    """The start dot and every edge of the step graph; the (tail, head) names linked."""
    if graph.entry is not None:
        dot.node("start", _START)
        dot.edge("start", names[(graph.entry.stage_index, graph.entry.step_index)])
    column_of = {name: key for key, members in columns.items() for name in members}
    linked: set[tuple[str, str]] = set()
    for tail, head in graph.edges():
        tail_name = names[(tail.stage_index, tail.step_index)]
        head_name = names[(head.stage_index, head.step_index)]
        linked.add((tail_name, head_name))
        values = _edge_attributes(graph, tail, head)
        if column_of[tail_name] == column_of[head_name] and _later(head, tail):
            # In a column (one rank of a left-to-right layout) Graphviz puts an edge's tail
            # below its head: write downward edges reversed so the column reads top down.
            dot.edge(head_name, tail_name, {**values, "dir": "back"})
        else:
            dot.edge(tail_name, head_name, values)
    return linked


def _keep_columns_in_order(
    dot: Dot, doc: Flow, columns: Columns, linked: set[tuple[str, str]]
) -> None:
    """Invisible edges: document order down each column, and columns aligned at the top."""
    for members in columns.values():
        for upper, lower in itertools.pairwise(members):
            if (upper, lower) not in linked:
                dot.edge(lower, upper, _INVISIBLE)
    # The first node of every column, stages without steps included, in stage order.
    heads = {key: members[0] for key, members in columns.items()}
    heads |= {(i, 0): f"empty{i}" for i, stage in enumerate(doc.stages) if not stage.steps}
    ordered = [heads[key] for key in sorted(heads)]
    for left, right in itertools.pairwise(ordered):
        dot.edge(left, right, {**_INVISIBLE, "weight": 8})


_EMPTY_STAGE: dict[str, Value] = {
    "label": "no steps",
    "style": "dashed,rounded",
    "fontcolor": style.MUTED,
    "class": "empty",
}


_START: dict[str, Value] = {
    "shape": "circle",
    "style": "filled",
    "fillcolor": "#1a1a1a",
    "color": "#1a1a1a",
    "label": "",
    "width": 0.18,
    "fixedsize": True,
    "tooltip": "start",
    "class": "start",
}


_INVISIBLE: dict[str, Value] = {"style": "invis", "arrowhead": "none"}


def _later(node: Node, other: Node) -> bool:
    return (node.stage_index, node.step_index) > (other.stage_index, other.step_index)


def _edge_attributes(graph: StepGraph, tail: Node, head: Node) -> dict[str, Value]:
    values: dict[str, Value] = {}
    if len(graph.successors[tail.key]) > 1:
        values["color"] = "#333333"
        values["penwidth"] = 1.6
        values["class"] = "branch"
    if (head.stage_index, head.step_index) <= (tail.stage_index, tail.step_index):
        values["style"] = "dashed"
        values["class"] = "loop"
    return values

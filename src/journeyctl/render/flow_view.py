"""The flow view (design §6) as DOT: steps as nodes inside one cluster per stage, left to right.

Nodes are filled by emotion and show the owner, channel and touchpoint; edges come from `next`
(document order by default), with a start dot before the first step and an end mark after each
terminal step. Pain points and opportunities are flagged on their steps; with `--lint`, every
step, stage or document that has a finding is marked and the finding named.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from functools import lru_cache

from journeyctl.core.graph import Node, StepGraph
from journeyctl.core.model import Flow, Stage, Step
from journeyctl.render import style
from journeyctl.render.dot import Dot, Html, Lines, Raw, Value
from journeyctl.render.graphviz import (
    LegendItem,
    br,
    font,
    has_emotion,
    header,
    legend,
    step_owner,
    step_tooltip,
)
from journeyctl.render.marks import Mark, Marks, rules_of
from journeyctl.render.text import FONT, html, wrap

NODE_WIDTH = 168.0
"""Points of text per line inside a step node."""
COLUMN_ROWS = 8
"""Steps stacked in one column of a stage before the stage continues in another column."""


def lint_row(marks: Sequence[Mark], width: float, size: float = 9) -> str:
    """A highlighted table row naming the rules that found something here."""
    text = br(wrap(f"{style.LINT} " + ", ".join(rules_of(marks)), width, size, bold=True))
    return (
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" BGCOLOR="{style.LINT_FILL}">'
        f"{font('<B>' + text + '</B>', size, style.LINT_INK)}</TD></TR>"
    )


def flow(doc: Flow, marks: Marks) -> str:
    """The flow view of a journey or workflow as DOT text."""
    graph = StepGraph(doc)
    names = {(node.stage_index, node.step_index): f"s{i}" for i, node in enumerate(graph.nodes)}
    dot = Dot(doc.id)
    items: list[LegendItem] = [
        (style.PAIN, style.PAIN_INK, "pain points"),
        (style.IDEA, style.IDEA_INK, "opportunities"),
        ("\u25cf", None, "start"),
        (style.END, None, "can end here"),
    ]
    if marks:
        items.append((style.LINT, None, "lint finding"))
    legend_table = legend(items, has_emotion(doc))
    dot.defaults(
        "graph",
        {
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
            "label": header(doc, marks, legend_table),
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

    columns: dict[tuple[int, int], list[str]] = {}
    for node in graph.nodes:
        key = (node.stage_index, node.step_index // COLUMN_ROWS)
        columns.setdefault(key, []).append(names[(node.stage_index, node.step_index)])
    column_of = {name: key for key, members in columns.items() for name in members}

    for stage_index, stage in enumerate(doc.stages):
        dot.open(f"cluster_{stage_index}", _stage_attributes(stage, marks.stage(stage.id)))
        for step_index, step in enumerate(stage.steps):
            name = names[(stage_index, step_index)]
            dot.node(name, _step_attributes(step, stage, marks.step(stage.id, step.id)))
        for (column_stage, _), members in columns.items():
            if column_stage == stage_index and len(members) > 1:
                dot.same_rank(members)
        if not stage.steps:
            dot.node(
                f"empty{stage_index}",
                {
                    "label": "no steps",
                    "style": "dashed,rounded",
                    "fontcolor": style.MUTED,
                    "class": "empty",
                },
            )
        dot.close()

    if graph.entry is not None:
        dot.node("start", _START)
        dot.edge("start", names[(graph.entry.stage_index, graph.entry.step_index)])
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
    for members in columns.values():
        for upper, lower in itertools.pairwise(members):
            if (upper, lower) not in linked:
                dot.edge(lower, upper, _INVISIBLE)  # keep document order down the column
    # The first node of every column, stages without steps included, in stage order.
    heads = {key: members[0] for key, members in columns.items()}
    heads |= {(i, 0): f"empty{i}" for i, stage in enumerate(doc.stages) if not stage.steps}
    ordered = [heads[key] for key in sorted(heads)]
    for left, right in itertools.pairwise(ordered):
        dot.edge(left, right, {**_INVISIBLE, "weight": 8})  # top-align the columns
    return dot.source()


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


def _stage_attributes(stage: Stage, marks: Sequence[Mark]) -> dict[str, Value]:
    details = [part for part in (stage.owner and f"owner {stage.owner}", stage.duration) if part]
    rows = [font("<B>" + html(stage.name) + "</B>", 14)]
    if details:
        rows.append(font(html(" · ".join(details)), 10, style.MUTED))
    if marks:
        found = f"{style.LINT} " + ", ".join(rules_of(marks))
        rows.append(f'<FONT POINT-SIZE="10"><B>{html(found)}</B></FONT>')
    label = (
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
        + "".join(f'<TR><TD ALIGN="LEFT">{row}</TD></TR>' for row in rows)
        + "</TABLE>"
    )
    tooltip = [stage.name, stage.goal and f"goal: {stage.goal}"]
    tooltip += [stage.outcome and f"outcome: {stage.outcome}"]
    tooltip += [f"{style.LINT} {mark.text}" for mark in marks]
    return {
        "label": Html(label),
        "labeljust": "l",
        "style": "rounded,filled",
        "fillcolor": style.STAGE_FILL,
        "color": style.GRID,
        "margin": 14,
        "id": f"stage-{stage.id}",
        "class": "stage lint" if marks else "stage",
        "tooltip": Lines(line for line in tooltip if line),
    }


_OWNER = font("owner", 9, style.MUTED)
_EMOTION = font("emotion", 9, style.MUTED)
_TABLE = f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1" WIDTH="{NODE_WIDTH:g}">'


@lru_cache(maxsize=1024)
def _who_row(owner: str | None, emotion: int | None) -> str:
    who = [f"{_OWNER} {html(owner) if owner else '<I>none</I>'}"]
    if emotion is not None:
        who.append(f"{_EMOTION} {style.emotion_label(emotion)}")
    return f'<TR><TD ALIGN="LEFT">{font(" · ".join(who), 9)}</TD></TR>'


@lru_cache(maxsize=1024)
def _where_row(channel: str | None, touchpoint: str | None) -> str:
    where = " · ".join(part for part in (channel, touchpoint) if part)
    if not where:
        return ""
    text = br(wrap(where, NODE_WIDTH, 9, max_lines=2))
    return f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{font(text, 9)}</TD></TR>'


@lru_cache(maxsize=256)
def _flags_row(pains: int, ideas: int, terminal: bool) -> str:
    flags = []
    if pains:
        text = f"{style.PAIN} {style.plural(pains, 'pain point')}"
        flags.append(font(text, 9, style.PAIN_INK))
    if ideas:
        text = f"{style.IDEA} {style.plural(ideas, 'opportunity', 'opportunities')}"
        flags.append(font(text, 9, style.IDEA_INK))
    if terminal:
        flags.append(font(f"{style.END} ends here", 9))
    return f'<TR><TD ALIGN="LEFT">{"  ".join(flags)}</TD></TR>' if flags else ""


def _step_attributes(step: Step, stage: Stage, marks: Sequence[Mark]) -> dict[str, Value]:
    owner = step_owner(step, stage)
    name = br(wrap(step.name, NODE_WIDTH, 11, bold=True, max_lines=3))
    label = (
        f'{_TABLE}<TR><TD ALIGN="LEFT" BALIGN="LEFT"><B>{name}</B></TD></TR>'
        f"{_who_row(owner, step.emotion)}"
        f"{_where_row(step.channel, step.touchpoint)}"
        f"{_flags_row(len(step.pain_points), len(step.opportunities), step.terminal)}"
        f"{lint_row(marks, NODE_WIDTH) if marks else ''}</TABLE>"
    )
    emotion = "none" if step.emotion is None else str(step.emotion).replace("-", "n")
    css = f"step emotion-{emotion}" + (" terminal" if step.terminal else "")
    values: dict[str, Value] = {
        "label": Html(label),
        "fillcolor": Raw(style.emotion_fill(step.emotion)),
        "id": Raw(f"step-{step.id}"),
        "class": Raw(css),
        "tooltip": step_tooltip(step, f"owner: {owner or 'none'}", marks),
    }
    if step.terminal:
        values["penwidth"] = 2.0
    if marks:
        values["color"] = style.LINT_INK
        values["penwidth"] = 2.5
        values["style"] = "rounded,filled,dashed"
        values["class"] = Raw(f"{css} lint")
    return values


_INVISIBLE: dict[str, Value] = {"style": "invis", "arrowhead": "none"}


def _later(node: Node, other: Node) -> bool:
    return (node.stage_index, node.step_index) > (other.stage_index, other.step_index)


def _edge_attributes(graph: StepGraph, tail: Node, head: Node) -> dict[str, Value]:
    values: dict[str, Value] = {}
    if len(graph.successors[tail.step.id]) > 1:
        values["color"] = "#333333"
        values["penwidth"] = 1.6
        values["class"] = "branch"
    if (head.stage_index, head.step_index) <= (tail.stage_index, tail.step_index):
        values["style"] = "dashed"
        values["class"] = "loop"
    return values

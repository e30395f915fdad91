"""Mermaid text that GitHub renders in Markdown: a `journey` diagram and a `flowchart`.

The `journey` diagram (the map view in Mermaid) has a title, one section per stage along the
main path (`core.paths`), then one section per alternative (`Alternative: <first step>`)
and one for the steps nothing reaches; one task per step, scored 1..5 from the step's
emotion -2..2, with the step's owner as the actor.
Steps that record no emotion (backstage work the customer never sees) are left out of it
when the document records emotion at all, since Mermaid would draw them as a neutral face;
a comment at the top names them. In a document without any emotion, every step is drawn
with the neutral score 3.

The `flowchart` (the flow view in Mermaid) has one subgraph per stage, one node per step
filled by emotion, and the edges of the step graph.

Mermaid reads `#`, `:` and `;` as syntax and runs HTML through a sanitizer. In a flowchart,
every piece of user text is written with those characters (and `< > & " % \\` and
backticks) as Mermaid entity codes (`#58;`), which it turns back into the characters when it
draws. A `journey` has no entity codes (its lexer ends a name at `#`, `:` or `;`, and reads
the rest of the line from `#` as a comment), so there each of those characters, and the
HTML ones, is written as a look-alike (U+A789 modifier letter colon for `:`, the fullwidth
forms U+FF03, U+FF1B, U+FF06, U+FF1C and U+FF1E for `# ; & < >`), `%%` as `%` and a
fullwidth percent sign, and a name that would start with a keyword gets a zero-width space
before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from journeyctl.core.graph import Node, StepGraph
from journeyctl.core.model import Flow, Stage, Step, step_owner
from journeyctl.core.paths import paths_of
from journeyctl.render import style
from journeyctl.render.marks import Mark, Marks, rules_of
from journeyctl.render.text import clean, wrap

_ENTITY = re.compile(r"""[#:;<>&"%`\\{}\[\]|]""")
_KEYWORD = re.compile(r"(?i)^(title|section|journey|accTitle|accDescr)\b")
INDENT = "    "


def escape(text: str) -> str:
    """User text as Mermaid shows it literally: one line, syntax characters as entity codes."""
    return _ENTITY.sub(lambda match: f"#{ord(match.group())};", clean(text))


_LOOK_ALIKES = str.maketrans(
    {"#": "\uff03", ":": "\ua789", ";": "\uff1b", "&": "\uff06", "<": "\uff1c", ">": "\uff1e"}
)


def journey_text(text: str) -> str:
    """User text in a journey diagram: one line, its syntax characters as look-alikes."""
    return clean(text).translate(_LOOK_ALIKES).replace("%%", "%\uff05")


def journey_line(text: str) -> str:
    """User text that starts a line of a journey diagram (a task or a section name): a name
    that starts with a keyword (`title`, `section`, ...) would be read as that keyword, so a
    zero-width space goes before it."""
    shown = journey_text(text)
    return f"\u200b{shown}" if _KEYWORD.match(shown) else shown


def _wrapped(text: str, width: float = 190.0) -> str:
    """Escaped text broken into lines with `<br>` (Mermaid does not wrap node labels)."""
    return "<br>".join(escape(line) for line in wrap(text, width, 10))


def journey(doc: Flow, marks: Marks) -> str:
    """A Mermaid `journey` diagram of a journey or workflow: the main path in order, in a
    section per stage, then a section per alternative, then the steps nothing reaches."""
    any_emotion = any(step.emotion is not None for stage in doc.stages for step in stage.steps)
    lines = ["journey", f"{INDENT}title {journey_text(doc.title) or doc.id}"]
    left_out = [
        step.id
        for stage in doc.stages
        for step in stage.steps
        if any_emotion and step.emotion is None
    ]
    if left_out:
        lines.insert(1, f"{INDENT}%% not shown (no emotion recorded): {', '.join(left_out)}")
    elif not any_emotion:
        lines.insert(1, f"{INDENT}%% no step records an emotion: every step is scored 3")
    for title, nodes in _sections(doc):
        tasks = []
        for node in nodes:
            step, stage = node.step, doc.stages[node.stage_index]
            if any_emotion and step.emotion is None:
                continue
            score = 3 if step.emotion is None else step.emotion + 3
            name = journey_line(step.name) or step.id
            found = marks.step(stage.id, step.id)
            if found:
                name += " " + journey_text(f"{style.LINT} " + ", ".join(rules_of(found)))
            owner = step_owner(step, stage)
            actors = f": {owner}" if owner else ""
            tasks.append(f"{INDENT * 2}{name}: {score}{actors}")
        if tasks:
            lines.append(f"{INDENT}section {title}")
            lines += tasks
    return "\n".join(lines) + "\n"


def _sections(doc: Flow) -> list[tuple[str, list[Node]]]:
    """Escaped section titles and their steps: the main path cut where its stage changes
    (a stage it comes back to is `continued`), each alternative, the unreached steps."""
    graph = StepGraph(doc)
    paths = paths_of(graph)
    sections: list[tuple[str, list[Node]]] = []
    seen: set[int] = set()
    last = -1
    for key in paths.main:
        node = graph.by_id[key]
        if node.stage_index != last:
            stage = doc.stages[node.stage_index]
            name = journey_line(stage.name) or stage.id
            sections.append((name + (", continued" if node.stage_index in seen else ""), []))
            seen.add(last := node.stage_index)
        sections[-1][1].append(node)
    for alternative in paths.alternatives:
        nodes = [graph.by_id[key] for key in alternative.steps]
        first = journey_text(nodes[0].step.name) or nodes[0].step.id
        sections.append((f"Alternative{journey_text(':')} {first}", nodes))
    if paths.unreached:
        unreached = [graph.by_id[key] for key in paths.unreached]
        sections.append(("Not reached from the first step", unreached))
    return sections


def _emotion_class(emotion: int | None) -> str:
    if emotion is None:
        return "emotionNone"
    return f"emotion{'N' if emotion < 0 else 'P' if emotion > 0 else ''}{abs(emotion)}"


def flowchart(doc: Flow, marks: Marks) -> str:
    """A Mermaid `flowchart` of the step graph: stages as subgraphs, steps filled by emotion."""
    graph = StepGraph(doc)
    names = {(n.stage_index, n.step_index): f"n{i}" for i, n in enumerate(graph.nodes)}
    lines = [
        "flowchart LR",
        f"{INDENT}%% {escape(doc.title)} ({doc.kind} {doc.id}, {doc.state})",
    ]
    classes: dict[str, list[str]] = {}  # node names by the class that styles them
    for stage_index, stage in enumerate(doc.stages):
        lines.append(f'{INDENT}subgraph st{stage_index}["{escape(stage.name) or stage.id}"]')
        if not stage.steps:
            lines.append(f'{INDENT * 2}empty{stage_index}["no steps"]')
        for step_index, step in enumerate(stage.steps):
            name = names[(stage_index, step_index)]
            found = marks.step(stage.id, step.id)
            lines.append(f'{INDENT * 2}{name}["{_step_label(step, stage, found)}"]')
            for class_name in _step_classes(step, found):
                classes.setdefault(class_name, []).append(name)
        lines.append(f"{INDENT}end")
    if graph.entry is not None:
        entry = names[(graph.entry.stage_index, graph.entry.step_index)]
        lines.append(f'{INDENT}start(("start")) --> {entry}')
        classes.setdefault("start", []).append("start")
    lines += _edges(graph, names)
    lines += _CLASS_DEFINITIONS
    lines += [f"{INDENT}class {','.join(members)} {name}" for name, members in classes.items()]
    return "\n".join(lines) + "\n"


def _step_label(step: Step, stage: Stage, found: Sequence[Mark]) -> str:
    """Name, owner, channel and touchpoint, flags and lint rules, as lines of a node label."""
    owner = step_owner(step, stage)
    where = " · ".join(part for part in (step.channel, step.touchpoint) if part)
    label = f"<b>{_wrapped(step.name) or step.id}</b><br>"
    label += f"owner {owner}" if owner else "<i>no owner</i>"
    if where:
        label += f"<br>{_wrapped(where)}"
    flags = _flags(step)
    if flags:
        label += "<br>" + " ".join(flags)
    if found:
        label += "<br><b>" + escape(f"{style.LINT} " + ", ".join(rules_of(found))) + "</b>"
    return label


def _flags(step: Step) -> list[str]:
    """``▲ 2 pain points``, ``◆ 1 opportunity``, ``◉ ends here``."""
    flags = []
    if step.pain_points:
        flags.append(f"{style.PAIN} {style.plural(len(step.pain_points), 'pain point')}")
    if step.opportunities:
        count = len(step.opportunities)
        flags.append(f"{style.IDEA} {style.plural(count, 'opportunity', 'opportunities')}")
    if step.terminal:
        flags.append(f"{style.END} ends here")
    return flags


def _step_classes(step: Step, found: Sequence[Mark]) -> list[str]:
    """The classes that style a step's node: lint, its emotion, terminal."""
    classes = ["lint"] if found else []
    classes.append(_emotion_class(step.emotion))
    if step.terminal:
        classes.append("terminal")
    return classes


def _edges(graph: StepGraph, names: dict[tuple[int, int], str]) -> list[str]:
    """Every edge of the step graph: dotted back to an earlier step, thick from a branch."""
    lines = []
    for tail, head in graph.edges():
        arrow = "-->"
        if (head.stage_index, head.step_index) <= (tail.stage_index, tail.step_index):
            arrow = "-.->"
        elif len(graph.successors[tail.key]) > 1:
            arrow = "==>"
        tail_name = names[(tail.stage_index, tail.step_index)]
        head_name = names[(head.stage_index, head.step_index)]
        lines.append(f"{INDENT}{tail_name} {arrow} {head_name}")
    return lines


_CLASS_DEFINITIONS = [
    *(
        f"{INDENT}classDef {_emotion_class(emotion)} fill:{fill},stroke:{style.BORDER},"
        f"color:{style.TEXT}"
        for emotion, fill in style.EMOTION_FILL.items()
    ),
    f"{INDENT}classDef emotionNone fill:{style.NO_EMOTION_FILL},stroke:{style.BORDER},"
    f"color:{style.TEXT}",
    f"{INDENT}classDef terminal stroke-width:3px",
    f"{INDENT}classDef start fill:#1a1a1a,stroke:#1a1a1a,color:#ffffff",
    f"{INDENT}classDef lint stroke:#000000,stroke-width:3px,stroke-dasharray:5 3",
]

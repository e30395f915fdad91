"""How the flow view draws one stage (a cluster's label) and one step (a node): label rows
for owner, emotion, channel and flags, colours by emotion, lint marks and tooltips."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from journeyctl.core.model import Stage, Step, step_owner
from journeyctl.render import style
from journeyctl.render.dot import Html, Lines, Raw, Value
from journeyctl.render.graphviz import br, font, step_tooltip
from journeyctl.render.marks import Mark, rules_of
from journeyctl.render.text import html, wrap

NODE_WIDTH = 168.0
"""Points of text per line inside a step node."""


def lint_row(marks: Sequence[Mark], width: float, size: float = 9) -> str:
    """A highlighted table row naming the rules that found something here."""
    lines = wrap(f"{style.LINT} " + ", ".join(rules_of(marks)), width, size, bold=True)
    return (
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" BGCOLOR="{style.LINT_FILL}">'
        f"{font(br(lines, size, bold=True), size, style.LINT_INK)}</TD></TR>"
    )


def stage_attributes(stage: Stage, marks: Sequence[Mark]) -> dict[str, Value]:
    """A stage cluster: its name, owner and duration, what lint found, goal and outcome."""
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
    text = br(wrap(where, NODE_WIDTH, 9, max_lines=2), 9)
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


def step_attributes(step: Step, stage: Stage, marks: Sequence[Mark]) -> dict[str, Value]:
    """A step node: name, owner and emotion, channel, flags and lint marks; filled by emotion."""
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

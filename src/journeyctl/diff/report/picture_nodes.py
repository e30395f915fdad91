"""How the diff picture draws a step that changed: its border (colour, width and line style by
what happened), the notes on the node that say how it changed, its tooltip, and the legend.

Borders: added green, edited orange, moved purple and dotted, removed red and dashed (then
unfilled, with grey text). Orange and purple (the ends of ColorBrewer's PuOr scheme) stay apart
with every common colour-vision deficiency, and the line style and the SVG class
(``diff-added``, ``diff-changed``, ``diff-moved``, ``diff-removed``) say it without colour.
A changed node shows at most `NOTE_LINES` lines of notes on a white band under its text;
its tooltip lists every change in full.
"""

from __future__ import annotations

from journeyctl.core.model import Stage, Step, step_owner
from journeyctl.diff.report.picture_notes import StepNotes
from journeyctl.render import style
from journeyctl.render.dot import Html, Lines, Raw, Value
from journeyctl.render.flow_nodes import NODE_WIDTH, step_attributes
from journeyctl.render.graphviz import emotion_legend, font, step_tooltip
from journeyctl.render.text import html, tall, wrap
from journeyctl.render.text_block import line_height

ADDED = "#1a9641"
CHANGED = "#e66101"
MOVED = "#5e3c99"
REMOVED = "#ca0020"
REMOVED_INK = "#7f7f7f"
"""Border colours, chosen apart in hue and lightness so they read with a colour-vision
deficiency too; each status is also said by the line style, the notes and the SVG class."""
NOTE_INK = style.TEXT
NOTE_FILL = "#ffffff"
NOTE_SIZE = 9
NOTE_LINES = 3
"""At most this many lines of notes on a node; the tooltip has the rest."""

_STYLES: dict[str, dict[str, Value]] = {
    "added": {"color": ADDED, "penwidth": 3.5, "class": Raw("step diff-added")},
    "changed": {"color": CHANGED, "penwidth": 3.5, "class": Raw("step diff-changed")},
    "moved": {
        "color": MOVED,
        "penwidth": 3.5,
        "style": "rounded,filled,dotted",
        "class": Raw("step diff-moved"),
    },
    "removed": {
        "color": REMOVED,
        "penwidth": 2.5,
        "style": "rounded,dashed",
        "fillcolor": "white",
        "fontcolor": REMOVED_INK,
        "class": Raw("step diff-removed"),
    },
}


def legend() -> str:
    """The emotion swatches, then what each border means."""
    return emotion_legend(
        [
            (_swatch(ADDED, "\u25a0"), "added"),
            (_swatch(CHANGED, "\u25a0"), "changed (notes say how)"),
            (_swatch(MOVED, "\u25a0"), "moved (dotted border)"),
            (_swatch(REMOVED, "\u25a2"), "removed (dashed border)"),
        ]
    )


def _swatch(color: str, symbol: str) -> str:
    return f'<FONT COLOR="{color}"><B>{symbol}</B></FONT>'


def status_attributes(
    status: str, step: Step | None, stage: Stage | None, notes: StepNotes | None
) -> dict[str, Value]:
    """The DOT attributes laid over a step's node: its border, and with `notes` (a kept step
    that changed) a label with the notes and a tooltip with every change."""
    if notes is not None and notes.moved and status == "changed":
        status = "moved"
    values = dict(_STYLES[status])
    if notes is not None and step is not None and stage is not None:
        if status == "moved" and len(notes.notes) > 1:
            values["class"] = Raw("step diff-moved diff-changed")
        values["label"] = _label(step, stage, notes)
        owner = step_owner(step, stage)
        tooltip = step_tooltip(step, f"owner: {owner or 'none'}", [])
        values["tooltip"] = Lines([*tooltip, "changes:", *notes.details])
    return values


_BAND = (
    f'<TR><TD ALIGN="LEFT" BGCOLOR="{NOTE_FILL}" WIDTH="{NODE_WIDTH:g}">'
    '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
)
"""The notes band: one white cell as wide as the node's text (Graphviz leaves a table's
spare width unfilled), a line of notes per row."""


def _label(step: Step, stage: Stage, notes: StepNotes) -> Html:
    """The flow view's label of the step with a band of notes at its foot."""
    label = step_attributes(step, stage, [])["label"]
    assert isinstance(label, Html) and label.endswith("</TABLE>")
    rows = []
    for index, line in enumerate(note_lines(notes.notes)):
        ink = MOVED if notes.moved and index == 0 else NOTE_INK
        height = f' HEIGHT="{line_height(NOTE_SIZE)}"' if tall(line) else ""
        rows.append(f'<TR><TD ALIGN="LEFT"{height}>{font(html(line), NOTE_SIZE, ink)}</TD></TR>')
    band = _BAND + "".join(rows) + "</TABLE></TD></TR>"
    return Html(label[: -len("</TABLE>")] + band + "</TABLE>")


def note_lines(notes: list[str]) -> list[str]:
    """The notes as at most `NOTE_LINES` lines of the node's width: a long note wraps onto
    lines no later note needs (ending in an ellipsis when it still does not fit); notes that
    find no line are named on a last ``+2 more: emotion, owner`` line."""
    lines: list[str] = []
    for index, note in enumerate(notes):
        room = NOTE_LINES - len(lines)
        rest = notes[index:]
        if len(rest) > room and room == 1:
            more = f"+{len(rest)} more: " + ", ".join(dict.fromkeys(map(_topic, rest)))
            lines += wrap(more, NODE_WIDTH, NOTE_SIZE, max_lines=1)
            break
        spare = 1 if len(rest) > room else room - len(rest) + 1
        lines += wrap(note, NODE_WIDTH, NOTE_SIZE, max_lines=spare)
    return lines


def _topic(note: str) -> str:
    """What a note is about, in a word or two (for the ``+N more`` line)."""
    word = note.split(" ", 1)[0]
    if word in ("emotion", "owner"):
        return word
    return {"was": "old name", "moved": "move", "re-sequenced": "move"}.get(word, "fields")

"""The persona card: who the journey is drawn for, as an HTML-like table for Graphviz labels.

Name, role, goals as bullets and the quote in italics, each wrapped to the card's width; a
persona that cannot be found shows its id and "persona not found". Used at the top of the map
and on the deck's cover. The card has a fixed size, known before Graphviz draws it, so that
a layout can place it (Graphviz would stretch a table of unknown height to its neighbour's).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from journeyctl.render import style
from journeyctl.render.graphviz import font
from journeyctl.render.pages import MIN_TEXT_PT
from journeyctl.render.persona import NOT_FOUND, PersonaRef
from journeyctl.render.text import html, tall, text_width, wrap
from journeyctl.render.text_block import line_height

CARD_FILL = "#f4f7fa"
LINE = 1.2
"""Line height as a multiple of the font size: DejaVu Sans needs 1.164, with room to spare."""
FIT = 0.96
"""Share of a cell's width that wrapped text may fill: Graphviz draws text at sizes other than
the measured ones up to 3% wider than `text_width` says."""
_PAD = 9.0
_BULLET = "\u2022"
_CELL = 3.0
"""What a row's cell padding (1 point a side) and rounding take from the text's width."""


@dataclass(frozen=True)
class Card:
    """A card's markup and its size in points."""

    markup: str
    width: float
    height: float


def persona_card(
    ref: PersonaRef, width: float, size: float = 10, max_goals: int = 4, goal_lines: int = 2
) -> Card:
    """The card, `width` points wide, its body text `size` points (never under 9), with at
    most `max_goals` goals of `goal_lines` lines each."""
    size = max(size, MIN_TEXT_PT)
    small = max(size - 1, MIN_TEXT_PT)
    rows = _Rows(width - 2 * _PAD - 4)
    rows.text("PERSONA", small, style.MUTED, bold=True)
    persona = ref.persona
    if persona is None:
        rows.text(ref.id, size + 4, bold=True, max_lines=2)
        rows.text(NOT_FOUND, size, style.PAIN_INK, italic=True)
        if ref.problem:
            rows.text(ref.problem, small, style.MUTED, max_lines=3)
        return _card(rows, width)
    rows.text(persona.name, size + 4, bold=True, max_lines=2)
    if persona.role:
        rows.text(persona.role, size, style.MUTED, max_lines=2)
    if persona.goals:
        rows.space(5)
        rows.text("Goals", size, bold=True)
        for goal in persona.goals[:max_goals]:
            rows.bullet(goal, size, goal_lines)
        more = len(persona.goals) - max_goals
        if more > 0:
            rows.text(f"+ {more} more goal{'s' if more > 1 else ''}", small, style.MUTED)
    if persona.quote:
        rows.space(6)
        rows.text(f"\u201c{persona.quote}\u201d", size, italic=True, max_lines=3)
    return _card(rows, width)


@dataclass
class _Rows:
    """Rows of a two-column table (bullet, text), and the height they need."""

    width: float
    markup: list[str] = field(default_factory=list)
    height: float = 0.0

    def text(
        self,
        text: str,
        size: float,
        color: str | None = None,
        *,
        bold: bool = False,
        italic: bool = False,
        max_lines: int = 0,
    ) -> None:
        """A full-width row of wrapped text."""
        lines = wrap(text, self.width * FIT - _CELL, size, bold, max_lines)
        for group, height in _rows_of(lines, size):
            body = "<BR/>".join(html(line) for line in group)
            if bold:
                body = f"<B>{body}</B>"
            if italic:
                body = f"<I>{body}</I>"
            self.markup.append(
                f'<TR><TD COLSPAN="2" ALIGN="LEFT" BALIGN="LEFT"{_height(lines, height)}>'
                f"{font(body, size, color)}</TD></TR>"
            )
            self.height += height + 2

    def bullet(self, text: str, size: float, max_lines: int) -> None:
        """A bullet and its text, wrapped beside it."""
        indent = text_width(_BULLET + " ", size) + 4
        lines = wrap(text, (self.width - indent) * FIT - _CELL, size, max_lines=max_lines)
        mark = font(_BULLET, size, style.MUTED)
        for group, height in _rows_of(lines, size):
            body = "<BR/>".join(html(line) for line in group)
            self.markup.append(
                f'<TR><TD ALIGN="LEFT" VALIGN="TOP" WIDTH="{indent:.0f}">{mark}</TD>'
                f'<TD ALIGN="LEFT" BALIGN="LEFT" WIDTH="{self.width - indent:.0f}"'
                f"{_height(lines, height)}>{font(body, size)}</TD></TR>"
            )
            self.height += height + 2
            mark = ""

    def space(self, height: float) -> None:
        """Empty space between groups of rows."""
        self.markup.append(f'<TR><TD COLSPAN="2" HEIGHT="{height:g}"></TD></TR>')
        self.height += height


def _rows_of(lines: list[str], size: float) -> list[tuple[list[str], float]]:
    """The table rows for wrapped lines, each with its height: one row for all of them, or,
    when a line is `tall` (CJK, emoji), one row per line, each tall enough for its glyphs
    (Graphviz spaces lines joined by line breaks by DejaVu Sans's metrics, and they overlap)."""
    if any(map(tall, lines)):
        return [([line], float(line_height(size))) for line in lines]
    return [(lines, len(lines) * size * LINE)] if lines else []


def _height(lines: list[str], height: float) -> str:
    """A row's HEIGHT attribute when its lines are stacked one per row."""
    return f' HEIGHT="{height:.0f}"' if any(map(tall, lines)) else ""


def _card(rows: _Rows, width: float) -> Card:
    """The rows in a rounded, tinted box of a fixed size, aligned to its top."""
    height = round(rows.height + 2 * _PAD + 4)
    inner = f'WIDTH="{round(rows.width)}" HEIGHT="{round(rows.height)}"'
    markup = (
        f'<TABLE BORDER="1" STYLE="ROUNDED" COLOR="{style.BORDER}" BGCOLOR="{CARD_FILL}" '
        f'CELLBORDER="0" CELLSPACING="0" CELLPADDING="{_PAD:g}" FIXEDSIZE="TRUE" '
        f'WIDTH="{round(width)}" HEIGHT="{height}" ALIGN="LEFT" VALIGN="TOP">'
        '<TR><TD ALIGN="LEFT" VALIGN="TOP">'
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1" FIXEDSIZE="TRUE" '
        f'{inner} ALIGN="LEFT" VALIGN="TOP">'
        f"{''.join(rows.markup)}</TABLE></TD></TR></TABLE>"
    )
    return Card(markup, round(width), height)

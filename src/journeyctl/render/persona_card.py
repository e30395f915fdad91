"""The persona card: who the journey is drawn for, as an HTML-like table for Graphviz labels.

Name, role, goals as bullets and the quote in italics, each wrapped to the card's width; a
persona that cannot be found shows its id and "persona not found". Used at the top of the map
and on the deck's cover.
"""

from __future__ import annotations

from journeyctl.render import style
from journeyctl.render.pages import MIN_TEXT_PT
from journeyctl.render.persona import NOT_FOUND, PersonaRef
from journeyctl.render.text import html, text_width, wrap

CARD_FILL = "#f4f7fa"
_PAD = 8.0
_BULLET = "\u2022"


def persona_card(ref: PersonaRef, width: float, size: float = 10, max_goals: int = 4) -> str:
    """The card, `width` points wide, its body text `size` points (never under 9)."""
    size = max(size, MIN_TEXT_PT)
    text_w = width - 2 * _PAD - 6
    rows = [_row(_font("<B>PERSONA</B>", max(size - 1, MIN_TEXT_PT), style.MUTED))]
    persona = ref.persona
    if persona is None:
        rows.append(_row(_font(f"<B>{_lines(ref.id, text_w, size + 4, True, 2)}</B>", size + 4)))
        rows.append(_row(_font(f"<I>{html(NOT_FOUND)}</I>", size, style.PAIN_INK)))
        if ref.problem:
            small = max(size - 1, MIN_TEXT_PT)
            rows.append(_row(_font(_lines(ref.problem, text_w, small, max_lines=3), small)))
        return _table(rows, width)
    name = _lines(persona.name, text_w, size + 4, True, 2)
    rows.append(_row(_font(f"<B>{name}</B>", size + 4)))
    if persona.role:
        rows.append(_row(_font(_lines(persona.role, text_w, size, max_lines=2), size, style.MUTED)))
    rows += _goals(persona.goals, text_w, size, max_goals)
    if persona.quote:
        quote = _lines(f"\u201c{persona.quote}\u201d", text_w, size, max_lines=3)
        rows.append(_row(_font(f"<I>{quote}</I>", size), top=6))
    return _table(rows, width)


def _goals(goals: list[str], width: float, size: float, most: int) -> list[str]:
    """A heading and one bullet row per goal; what does not fit is counted."""
    if not goals:
        return []
    rows = [_row(_font("<B>Goals</B>", size), top=4)]
    bullet_w = text_width(_BULLET + " ", size) + 2
    for goal in goals[:most]:
        text = _lines(goal, width - bullet_w, size, max_lines=2)
        rows.append(
            f'<TR><TD ALIGN="LEFT" VALIGN="TOP">{_font(_BULLET, size, style.MUTED)}</TD>'
            f'<TD ALIGN="LEFT" BALIGN="LEFT">{_font(text, size)}</TD></TR>'
        )
    if len(goals) > most:
        more = len(goals) - most
        rows.append(_row(_font(f"+ {more} more goal{'s' if more > 1 else ''}", size, style.MUTED)))
    return rows


def _lines(text: str, width: float, size: float, bold: bool = False, max_lines: int = 0) -> str:
    """Escaped text wrapped to `width`, joined by line breaks."""
    return "<BR/>".join(html(line) for line in wrap(text, width, size, bold, max_lines))


def _font(markup: str, size: float, color: str | None = None) -> str:
    ink = f' COLOR="{color}"' if color else ""
    return f'<FONT POINT-SIZE="{size:g}"{ink}>{markup}</FONT>'


def _row(markup: str, top: float = 0) -> str:
    """A full-width row; `top` adds space above it."""
    spacer = f'<TR><TD COLSPAN="2" HEIGHT="{top:g}"></TD></TR>' if top else ""
    return f'{spacer}<TR><TD COLSPAN="2" ALIGN="LEFT" BALIGN="LEFT">{markup}</TD></TR>'


def _table(rows: list[str], width: float) -> str:
    """The rows in a rounded, tinted box `width` points wide."""
    body = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
    return (
        f'<TABLE BORDER="1" STYLE="ROUNDED" COLOR="{style.BORDER}" BGCOLOR="{CARD_FILL}" '
        f'CELLBORDER="0" CELLSPACING="0" CELLPADDING="{_PAD:g}" WIDTH="{round(width)}">'
        f'<TR><TD ALIGN="LEFT" VALIGN="TOP">{body}{"".join(rows)}</TABLE></TD></TR></TABLE>'
    )

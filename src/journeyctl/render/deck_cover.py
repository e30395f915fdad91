"""The deck's cover: title, persona card, owner and review date, and the key numbers.

One page, laid out here to the page's size: a dark title band across the top, the key numbers
as four tiles and the persona card beside them, and a quiet footer.
"""

from __future__ import annotations

from journeyctl.core.model import Flow
from journeyctl.render import style
from journeyctl.render.deck_facts import KeyNumbers, key_numbers, page_source, pt, type_scale
from journeyctl.render.pages import Page
from journeyctl.render.persona import PersonaRef
from journeyctl.render.persona_card import FIT, LINE, Card, persona_card
from journeyctl.render.text import html, wrap

BAND_INK = "#c9d4df"
"""Secondary text on the dark title band."""
GOOD_FILL = style.IDEA_FILL
BAD_FILL = style.PAIN_FILL
TILE_FILL = "#eef1f4"
_CELL = 3.0
"""What a row's cell padding (1 point a side) and rounding take from a text's width."""


class Text:
    """Wrapped, escaped text and the height it needs, for a cell `width` points wide."""

    def __init__(
        self,
        text: str,
        size: float,
        width: float,
        *,
        color: str | None = None,
        bold: bool = False,
        max_lines: int = 0,
    ) -> None:
        lines = wrap(text, width * FIT - _CELL, size, bold, max_lines)
        body = "<BR/>".join(html(line) for line in lines)
        body = f"<B>{body}</B>" if bold and body else body
        ink = f' COLOR="{color}"' if color else ""
        self.markup = f'<FONT POINT-SIZE="{size:g}"{ink}>{body}</FONT>' if body else ""
        self.height = len(lines) * size * LINE

    def row(self, space_after: float = 0) -> str:
        """A left-aligned table row holding the text, then `space_after` points of space."""
        after = f'<TR><TD HEIGHT="{space_after:g}"></TD></TR>' if space_after else ""
        if not self.markup:
            return after
        return f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{self.markup}</TD></TR>{after}'


def cover_source(doc: Flow, persona: PersonaRef | None, page: Page) -> str:
    """The cover page of a document's deck, as DOT."""
    width, height = page.size
    scale = type_scale(page)
    margin = round(40 * scale)
    band, band_height = _band(doc, width - 2 * margin, margin, scale)
    footer = round(30 * scale)
    body_height = height - band_height - footer
    body = _body(doc, persona, width - 2 * margin - 2, body_height - margin, scale)
    note = Text(
        f"{doc.kind} {doc.id} ({doc.state}) \u00b7 drawn by journeyctl from the file CI checks",
        pt(9, scale),
        width - 2 * margin,
        color=style.MUTED,
        max_lines=1,
    )
    content = (
        f'<TR><TD COLSPAN="3" BGCOLOR="{style.HEADER_FILL}" HEIGHT="{band_height}" '
        f'ALIGN="LEFT" VALIGN="TOP">{band}</TD></TR>'
        f'<TR><TD COLSPAN="3" HEIGHT="{round(margin * 0.7)}"></TD></TR>'
        f'<TR><TD WIDTH="{margin}"></TD><TD HEIGHT="{round(body_height - margin * 0.7)}" '
        f'ALIGN="LEFT" VALIGN="TOP">{body}</TD><TD WIDTH="{margin}"></TD></TR>'
        f'<TR><TD></TD><TD HEIGHT="{footer}" ALIGN="LEFT" VALIGN="TOP">{note.markup}</TD>'
        "<TD></TD></TR>"
    )
    return page_source(f"{doc.id}-cover", "journeyctl deck cover", page, content)


def _band(doc: Flow, width: float, margin: float, scale: float) -> tuple[str, int]:
    """The title band: what this is, the title, the description, owner and review date."""
    kind = "Customer journey" if doc.kind == "journey" else "Workflow"
    state = "as it is today" if doc.state == "current" else "as it should be"
    parts = [
        Text(f"{kind.upper()} \u00b7 {state.upper()}", pt(11, scale), width, color=BAND_INK),
        Text(doc.title, pt(30, scale), width, color=style.HEADER_TEXT, bold=True, max_lines=2),
    ]
    if doc.description:
        measure = width * 0.8
        parts.append(Text(doc.description, pt(12, scale), measure, color=BAND_INK, max_lines=3))
    facts = [
        f"Owner: {doc.owner or 'nobody'}",
        f"Reviewed: {doc.reviewed.isoformat() if doc.reviewed else 'never'}",
    ]
    if doc.segment:
        facts.append(f"Segment: {doc.segment}")
    facts_line = "  \u00b7  ".join(facts)
    parts.append(Text(facts_line, pt(12, scale), width, color=style.HEADER_TEXT, max_lines=2))
    gap = round(8 * scale)
    rows = "".join(part.row(gap) for part in parts[:-1]) + parts[-1].row()
    inner = sum(part.height for part in parts) + gap * (len(parts) - 1) + 2 * len(parts)
    top = round(28 * scale)
    height = round(inner + 2 * top)
    table = (
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1" FIXEDSIZE="TRUE" '
        f'WIDTH="{round(width)}" HEIGHT="{round(inner)}" ALIGN="LEFT" VALIGN="TOP">{rows}</TABLE>'
    )
    band = (
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'
        f'<TR><TD COLSPAN="3" HEIGHT="{top}"></TD></TR>'
        f'<TR><TD WIDTH="{round(margin)}"></TD><TD ALIGN="LEFT">{table}</TD>'
        f'<TD WIDTH="{round(margin)}"></TD></TR>'
        f'<TR><TD COLSPAN="3" HEIGHT="{top}"></TD></TR></TABLE>'
    )
    return band, height


def _body(doc: Flow, persona: PersonaRef | None, width: float, height: float, scale: float) -> str:
    """The key numbers as tiles, with the persona card to their right."""
    numbers = key_numbers(doc)
    gap = round(24 * scale)
    card = _fitting_card(persona, round(width * 0.36), height, scale) if persona else None
    if card is None:
        wide = (width - 3 * 12 * scale) / 4 >= 190 * scale  # four in a row, if they fit
        return _tiles(doc, numbers, width, height, scale, per_row=4 if wide else 2)
    tiles = _tiles(doc, numbers, width - card.width - gap, height, scale, per_row=2)
    return (
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0" FIXEDSIZE="TRUE" '
        f'WIDTH="{round(width)}" HEIGHT="{round(height)}" ALIGN="LEFT" VALIGN="TOP"><TR>'
        f'<TD ALIGN="LEFT" VALIGN="TOP">{tiles}</TD><TD WIDTH="{gap}"></TD>'
        f'<TD ALIGN="LEFT" VALIGN="TOP">{card.markup}</TD></TR></TABLE>'
    )


def _fitting_card(persona: PersonaRef, width: float, height: float, scale: float) -> Card:
    """The largest persona card that fits the height: fewer goals, then smaller type."""
    for size, goals, lines in ((11, 4, 3), (11, 4, 2), (11, 3, 2), (10, 3, 2), (10, 2, 2)):
        card = persona_card(persona, width, pt(size, scale), goals, lines)
        if card.height <= height:
            return card
    for goals in (2, 1, 0):
        card = persona_card(persona, width, pt(9, scale), goals, 1)
        if card.height <= height:
            break
    return card


def _tiles(
    doc: Flow, numbers: KeyNumbers, width: float, height: float, scale: float, per_row: int
) -> str:
    """Four tiles, `per_row` to a row, filling `width` and at most `height`."""
    gap = round(12 * scale)
    rows = 4 // per_row
    tile_w = (width - gap * (per_row - 1)) // per_row
    tile_h = min((height - gap * (rows - 1)) // rows, round(120 * scale))
    tiles = [_tile(spec, tile_w, tile_h, scale) for spec in _tile_specs(doc, numbers)]
    cells = []
    for start in range(0, 4, per_row):
        if start:
            cells.append(f'<TR><TD COLSPAN="{2 * per_row - 1}" HEIGHT="{gap}"></TD></TR>')
        row = f'<TD WIDTH="{gap}"></TD>'.join(
            f"<TD>{tile}</TD>" for tile in tiles[start : start + per_row]
        )
        cells.append(f"<TR>{row}</TR>")
    box_w = tile_w * per_row + gap * (per_row - 1)
    box_h = tile_h * rows + gap * (rows - 1)
    return (
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0" FIXEDSIZE="TRUE" '
        f'WIDTH="{round(box_w)}" HEIGHT="{round(box_h)}" ALIGN="LEFT" VALIGN="TOP">'
        + "".join(cells)
        + "</TABLE>"
    )


TileSpec = tuple[str, str, str, str]
"""The big figure, what it counts, a detail line, and the tile's colour."""


def _tile_specs(doc: Flow, numbers: KeyNumbers) -> list[TileSpec]:
    unowned = "unowned step" if numbers.unowned == 1 else "unowned steps"
    all_done = numbers.addressed == numbers.pains
    specs: list[TileSpec] = [
        (
            str(numbers.steps),
            "steps" if numbers.steps != 1 else "step",
            f"in {style.plural(len(doc.stages), 'stage')}",
            TILE_FILL,
        ),
        (
            str(numbers.unowned),
            unowned,
            "no owner on the step or its stage" if numbers.unowned else "every step has an owner",
            BAD_FILL if numbers.unowned else GOOD_FILL,
        ),
        (
            f"{numbers.addressed} of {numbers.pains}",
            "pain points addressed",
            "an opportunity in the step or its stage",
            GOOD_FILL if all_done else BAD_FILL,
        ),
    ]
    if numbers.lowest is None:
        specs.append(("\u2013", "lowest moment", "no step records an emotion", TILE_FILL))
    else:
        step, stage = numbers.lowest
        emotion = step.emotion if step.emotion is not None else 0
        specs.append(
            (
                style.emotion_label(emotion),
                "lowest moment",
                f"{step.name} ({stage.name})",
                style.emotion_fill(emotion),
            )
        )
    return specs


def _tile(spec: TileSpec, width: float, height: float, scale: float) -> str:
    """One key number: the figure large, what it counts, and a detail in small type."""
    figure, label, detail, fill = spec
    pad = round(14 * scale)
    inner = width - 2 * pad - 2
    ink = style.TEXT if fill in style.EMOTION_FILL.values() else style.MUTED
    for big, details in ((32, 2), (26, 1), (22, 0)):  # smaller when the tile is short
        parts = [
            Text(figure, pt(big, scale), inner, bold=True, max_lines=1),
            Text(label, pt(12, scale), inner, bold=True, max_lines=2),
        ]
        if details:
            parts.append(Text(detail, pt(10, scale), inner, color=ink, max_lines=details))
        if sum(p.height + 2 for p in parts) <= height - 2 * pad:
            break
    rows = "".join(part.row() for part in parts)
    return (
        f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="{pad}" STYLE="ROUNDED" '
        f'BGCOLOR="{fill}" FIXEDSIZE="TRUE" WIDTH="{round(width)}" HEIGHT="{round(height)}">'
        '<TR><TD ALIGN="LEFT" VALIGN="TOP"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" '
        f'CELLPADDING="1" FIXEDSIZE="TRUE" WIDTH="{round(inner)}" '
        f'HEIGHT="{round(sum(p.height + 2 for p in parts))}" ALIGN="LEFT" VALIGN="TOP">'
        f"{rows}</TABLE></TD></TR></TABLE>"
    )

"""HTML-like label pieces that every Graphviz view shares: fonts and line breaks, the document
header with its legend, the emotion legend, a step's owner and its tooltip.

The views themselves: `flow_view` (the flow diagram), `map_view` and `blueprint_view`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from journeyctl.core.model import Flow, Step
from journeyctl.render import style
from journeyctl.render.dot import Html, Lines
from journeyctl.render.marks import Mark, Marks, rules_of
from journeyctl.render.text import clean, html, text_width, wrap
from journeyctl.render.text_block import lines_markup

if TYPE_CHECKING:
    from journeyctl.render.persona import PersonaRef

CARD_W = 300.0
"""Width of the persona card beside a picture's title."""


def br(lines: Sequence[str], size: float = 10, *, bold: bool = False) -> str:
    """Escaped lines joined by line breaks, for a cell with BALIGN set; lines of CJK or emoji
    at font size `size` are stacked instead (`text_block.lines_markup`), so they do not overlap.
    Wrap the result in one FONT at most: ask for bold here."""
    return lines_markup(lines, size, bold)


def font(text: str, size: float | None = None, color: str | None = None) -> str:
    """Wrap already-escaped markup in a FONT element."""
    attrs = ""
    if size is not None:
        attrs += f' POINT-SIZE="{size:g}"'
    if color is not None:
        attrs += f' COLOR="{color}"'
    return f"<FONT{attrs}>{text}</FONT>" if attrs else text


def meta_items(doc: Flow) -> list[str]:
    """What a document is, for the line under a picture's title: kind, state, persona, owner,
    segment and review date (those it has)."""
    meta: list[str] = [doc.kind, doc.state]
    for label, value in (("persona", doc.persona), ("owner", doc.owner), ("segment", doc.segment)):
        if value:
            meta.append(f"{label} {value}")
    if doc.reviewed:
        meta.append(f"reviewed {doc.reviewed.isoformat()}")
    return meta


def header(
    doc: Flow, marks: Marks, legend: str, width: float = 0, persona: PersonaRef | None = None
) -> Html:
    """The title block of a picture: title, what it is, the legend and document findings;
    with `persona`, the persona card beside it."""
    meta = meta_items(doc)
    title = font("<B>" + html(doc.title) + "</B>", 20)
    meta_line = " · ".join(meta)
    rows = [
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{title}</TD></TR>',
        f'<TR><TD ALIGN="LEFT">{font(html(meta_line), 11, style.MUTED)}</TD></TR>',
    ]
    sizes = [_size([doc.title], 20, bold=True), _size([meta_line], 11)]
    if doc.description:
        wide = width - CARD_W - 24 if persona is not None else width
        lines = wrap(doc.description, max(wide, 640.0), 11, max_lines=3)
        rows.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{font(br(lines, 11), 11)}</TD></TR>')
        sizes.append(_size(lines, 11))
    rows.append(f'<TR><TD ALIGN="LEFT">{legend}</TD></TR>')
    legend_width = _LEGEND_WIDTH.search(legend)
    sizes.append((float(legend_width.group(1)) if legend_width else 0.0, 27.0))
    if marks.document:
        found = f"{style.LINT} document: {', '.join(rules_of(marks.document))}"
        rows.append(
            f'<TR><TD ALIGN="LEFT" BGCOLOR="{style.LINT_FILL}">{font(html(found), 11)}</TD></TR>'
        )
        sizes.append(_size([found], 11))
    if persona is None:
        return Html(
            '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3">'
            + "".join(rows)
            + "</TABLE>"
        )
    return Html(_beside_card(rows, sizes, persona))


_LEGEND_WIDTH = re.compile(r'WIDTH="(\d+)"')
_CELL = 3.0
"""Padding of the header's cells."""


def _size(lines: Sequence[str], size: float, bold: bool = False) -> tuple[float, float]:
    """The room lines of text need in a header cell: width and height, a little generous."""
    from journeyctl.render.persona_card import FIT, LINE

    widest = max((text_width(clean(line), size, bold) for line in lines), default=0.0) / FIT
    return widest, len(lines) * size * LINE


def _beside_card(
    rows: Sequence[str], sizes: Sequence[tuple[float, float]], persona: PersonaRef
) -> str:
    """The header's rows with the persona card to their right, both aligned to the top.

    Graphviz stretches a table to the height of its neighbour, spreading its rows apart;
    a table of fixed size is not stretched, so both get one, from the estimated sizes."""
    from journeyctl.render.persona_card import persona_card

    card = persona_card(persona, CARD_W)
    width = max(w for w, _ in sizes) + 2 * _CELL + 8
    height = sum(h + 2 * _CELL for _, h in sizes) + 4
    box = f'WIDTH="{round(width)}" HEIGHT="{round(max(height, card.height))}"'
    return (
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>'
        f'<TD ALIGN="LEFT" VALIGN="TOP"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" '
        f'CELLPADDING="{_CELL:g}" FIXEDSIZE="TRUE" {box} ALIGN="LEFT" VALIGN="TOP">'
        f'{"".join(rows)}</TABLE></TD><TD WIDTH="24"></TD>'
        f'<TD ALIGN="LEFT" VALIGN="TOP">{card.markup}</TD></TR></TABLE>'
    )


LegendItem = tuple[str, str | None, str]
"""A symbol, its colour (None: the text colour) and what it means."""


def legend(items: Sequence[LegendItem], emotions: bool, none_label: str = "not recorded") -> str:
    """A one-row table: the emotion swatches (when the document records emotion), then what
    each symbol means."""
    entries = []
    for symbol, color, meaning in items:
        mark = f'<FONT COLOR="{color}">{html(symbol)}</FONT>' if color else html(symbol)
        entries.append((f"{mark} {html(meaning)}", text_width(f"{symbol} {meaning}", 10)))
    return _legend_table(entries, emotions, none_label)


def emotion_legend(extra: Sequence[tuple[str, str]] = (), none_label: str = "not recorded") -> str:
    """The emotion swatches, then symbols given as (markup, meaning), e.g. for `diff`'s picture."""
    entries = []
    for markup, meaning in extra:
        plain = _TAG.sub("", markup)
        entries.append((f"{markup} {html(meaning)}", text_width(f"{plain} {meaning}", 10, True)))
    return _legend_table(entries, True, none_label)


_TAG = re.compile(r"<[^>]*>|&[#\w]+;")


def _legend_table(entries: Sequence[tuple[str, float]], emotions: bool, none_label: str) -> str:
    """Graphviz stretches a nested table to the width of its cell, spreading the legend over
    the width of the title; so the table's width is fixed from the text widths."""
    cells: list[str] = []
    width = 0.0
    if emotions:
        cells.append(f'<TD ALIGN="LEFT">{font("<B>Emotion</B>", 10)}</TD>')
        width += text_width("Emotion", 10, bold=True) + 8
        swatches = [(e, f"{style.emotion_label(e)} {style.EMOTION_WORDS[e]}") for e in range(-2, 3)]
        for emotion, label in [*swatches, (None, none_label)]:
            ink = style.MUTED if emotion is None else None
            cells.append(
                f'<TD BGCOLOR="{style.emotion_fill(emotion)}" BORDER="1" COLOR="{style.BORDER}">'
                f"{font(html(label), 10, ink)}</TD>"
            )
            width += text_width(label, 10) + 10
    for markup, text in entries:
        cells.append(f"<TD> </TD><TD>{font(markup, 10)}</TD>")
        width += text + text_width(" ", 10) + 16
    return (
        f'<TABLE ALIGN="LEFT" FIXEDSIZE="TRUE" WIDTH="{round(width) + 12}" HEIGHT="27" '
        'BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3"><TR>'
        + "".join(cells)
        + "</TR></TABLE>"
    )


def has_emotion(doc: Flow) -> bool:
    """Whether any step of the document records an emotion."""
    return any(step.emotion is not None for stage in doc.stages for step in stage.steps)


def step_tooltip(step: Step, detail: str, marks: Sequence[Mark]) -> Lines:
    """A step's tooltip: its name, `detail` (its owner, or its blueprint lane), what it does and
    leads to, what the customer thinks there, its pain points, opportunities and lint marks."""
    lines = [step.name, detail]
    if step.action:
        lines.append(f"action: {step.action}")
    if step.outcome:
        lines.append(f"outcome: {step.outcome}")
    if step.thoughts:
        lines.append(f"thinks: {step.thoughts}")
    lines += [f"{style.PAIN} {pain}" for pain in step.pain_points]
    lines += [f"{style.IDEA} {idea.text}" for idea in step.opportunities]
    lines += [f"{style.LINT} {mark.text}" for mark in marks]
    return Lines(lines)

"""A cell's text for the `map` and `blueprint` grids: wrapped lines of markup and their height;
and `stacked`, lines of a label that never overlap.

Graphviz (2.43, pango) spaces the lines of a label joined by ``<BR/>`` by the font size once
a label mixes fonts (bold, a colour, a size), and it measures every line with DejaVu Sans's
metrics even where a fallback font draws it. CJK and emoji glyphs come from such a font and
are taller than that, so lines of them overlapped. Lines with such characters (`text.tall`)
are therefore stacked as the rows of a table, each row at least `TALL_LINE` times the font
size high; other text keeps its ``<BR/>`` lines (and its pictures).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from math import ceil
from typing import Any

from journeyctl.render.text import escape, html, tall, wrap

LINE = 1.2
"""Line height as a multiple of the font size (Graphviz uses about 1.1 with DejaVu Sans)."""
TALL_LINE = 1.5
"""Line height of stacked lines: room for CJK (1.0 em of ink) and emoji (1.2) glyphs."""
PAD = 6.0
"""Padding inside a cell, in points."""
PAGED_LINES = 5
"""At most this many lines per paragraph on a sheet (see `smallest_text`): one cell taller
than the page would shrink its whole sheet below the smallest text size."""
_STACK = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'


_SMALLEST: ContextVar[float] = ContextVar("smallest_text", default=0.0)


@contextmanager
def smallest_text(size: float) -> Iterator[None]:
    """Draw no text smaller than `size` in the block (a grid cut into pages: 9 pt), and no
    paragraph longer than `PAGED_LINES`."""
    token = _SMALLEST.set(size)
    try:
        yield
    finally:
        _SMALLEST.reset(token)


def text_size(size: float) -> float:
    """`size`, or the smallest size allowed if that is larger (see `smallest_text`)."""
    return max(size, _SMALLEST.get())


def inner(width: float) -> float:
    """The width left for text in a cell of this width (padding, border, rounding)."""
    return width - 2 * PAD - 4


def line_height(size: float) -> int:
    """The height in points of one stacked line at a font size."""
    return ceil(size * TALL_LINE)


def stacked(lines: Sequence[tuple[str, int]]) -> str:
    """Lines of markup (each with its row height) as a borderless table, one row per line."""
    rows = (
        f'<TR><TD ALIGN="LEFT" HEIGHT="{height}">{line or " "}</TD></TR>' for line, height in lines
    )
    return _STACK + "".join(rows) + "</TABLE>"


def lines_markup(lines: Sequence[str], size: float, bold: bool = False) -> str:
    """Cleaned lines escaped for a label: joined by ``<BR/>``, or `stacked` when one is
    `tall`; `bold` inside each stacked row. The caller may wrap the result in one FONT, B or
    I element, not more (Graphviz rejects a table inside two)."""
    if any(map(tall, lines)):
        return stacked([(_bold(html(line), bold), line_height(size)) for line in lines])
    return _bold("<BR/>".join(html(line) for line in lines), bold)


def _bold(markup: str, bold: bool) -> str:
    return f"<B>{markup}</B>" if bold and markup else markup


_Piece = tuple[list[str], float, bool, bool, "str | None", int]
"""Escaped lines in one style (size, bold, italic, colour), and the row height of each."""


class Block:
    """Lines of markup for one cell, and the height they need."""

    def __init__(self, width: float) -> None:
        self.width = width
        self.parts: list[str] = []
        """Paragraphs of markup, joined by line breaks."""
        self.pieces: list[_Piece] = []
        """The same text for `stacked` rows, built only when a line is `tall`."""
        self.plain_height = 0.0
        self.tall = False
        self.calls: list[tuple[str | None, dict[str, Any]]] = []
        """What was added (text and options; None with a size for a gap), to wrap it again."""

    @property
    def height(self) -> float:
        """The height the text needs, in points."""
        if self.tall:
            return float(sum(len(lines) * row for lines, *_, row in self.pieces))
        return self.plain_height

    def text(
        self,
        text: str,
        size: float = 9,
        *,
        bold: bool = False,
        italic: bool = False,
        color: str | None = None,
        max_lines: int = 0,
        prefix: str = "",
        prefix_color: str | None = None,
    ) -> None:
        """Add wrapped text; `prefix` (a symbol) is shown before the first line."""
        size = text_size(size)
        if _SMALLEST.get() and not 0 < max_lines < PAGED_LINES:
            max_lines = PAGED_LINES
        options = {"size": size, "bold": bold, "italic": italic, "color": color}
        options |= {"max_lines": max_lines, "prefix": prefix, "prefix_color": prefix_color}
        self.calls.append((text, options))
        shown = f"{prefix} {text}" if prefix else text
        lines = wrap(shown, self.width, size, bold, max_lines)
        if not lines:
            return
        escaped = [html(line) for line in lines]
        if prefix and prefix_color and lines[0].startswith(prefix):
            rest = escape(lines[0][len(prefix) :])
            escaped[0] = f'<FONT COLOR="{prefix_color}">{html(prefix)}</FONT>{rest}'
        self.tall = self.tall or any(map(tall, lines))
        self.parts.append(_styled("<BR/>".join(escaped), size, bold, italic, color))
        self.pieces.append((escaped, size, bold, italic, color, line_height(size)))
        self.plain_height += len(lines) * size * LINE

    def gap(self, size: float = 4) -> None:
        """A little vertical space between paragraphs."""
        if self.parts:
            self.calls.append((None, {"size": size}))
            self.parts.append(f'<FONT POINT-SIZE="{size:g}"> </FONT>')
            self.pieces.append(([" "], size, False, False, None, ceil(size * LINE)))
            self.plain_height += size * LINE

    def rewrapped(self, width: float, suffix: str = "") -> Block:
        """The same text wrapped to another width; `suffix` is added to the first text
        (a stage header on a later sheet: "Consideration, continued")."""
        block = Block(width)
        for text, options in self.calls:
            if text is None:
                block.gap(options["size"])
                continue
            block.text(text + suffix, **options)
            suffix = ""
        return block

    def markup(self) -> str:
        """The lines joined by line breaks, or `stacked` when one is `tall`."""
        if not self.tall:
            return "<BR/>".join(self.parts)
        rows = [
            (_styled(line, size, bold, italic, color), row)
            for lines, size, bold, italic, color, row in self.pieces
            for line in lines
        ]
        return stacked(rows)

    def __bool__(self) -> bool:
        return bool(self.parts)


def _styled(markup: str, size: float, bold: bool, italic: bool, color: str | None) -> str:
    """Markup in its font: size and colour, bold, italic."""
    if bold:
        markup = f"<B>{markup}</B>"
    if italic:
        markup = f"<I>{markup}</I>"
    color_attr = f' COLOR="{color}"' if color else ""
    return f'<FONT POINT-SIZE="{size:g}"{color_attr}>{markup}</FONT>'

"""A cell's text for the `map` and `blueprint` grids: wrapped lines of markup and their height."""

from __future__ import annotations

from dataclasses import dataclass, field

from journeyctl.render.text import escape, html, wrap

LINE = 1.2
"""Line height as a multiple of the font size (Graphviz uses about 1.1 with DejaVu Sans)."""
PAD = 6.0
"""Padding inside a cell, in points."""


def inner(width: float) -> float:
    """The width left for text in a cell of this width (padding, border, rounding)."""
    return width - 2 * PAD - 4


@dataclass
class Block:
    """Lines of markup for one cell, and the height they need."""

    width: float
    parts: list[str] = field(default_factory=list)
    height: float = 0.0

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
        shown = f"{prefix} {text}" if prefix else text
        lines = wrap(shown, self.width, size, bold, max_lines)
        if not lines:
            return
        escaped = [html(line) for line in lines]
        if prefix and prefix_color and lines[0].startswith(prefix):
            rest = escape(lines[0][len(prefix) :])
            escaped[0] = f'<FONT COLOR="{prefix_color}">{html(prefix)}</FONT>{rest}'
        markup = "<BR/>".join(escaped)
        if bold:
            markup = f"<B>{markup}</B>"
        if italic:
            markup = f"<I>{markup}</I>"
        color_attr = f' COLOR="{color}"' if color else ""
        self.parts.append(f'<FONT POINT-SIZE="{size:g}"{color_attr}>{markup}</FONT>')
        self.height += len(lines) * size * LINE

    def gap(self, size: float = 4) -> None:
        """A little vertical space between paragraphs."""
        if self.parts:
            self.parts.append(f'<FONT POINT-SIZE="{size:g}"> </FONT>')
            self.height += size * LINE

    def markup(self) -> str:
        """The lines joined by line breaks."""
        return "<BR/>".join(self.parts)

    def __bool__(self) -> bool:
        return bool(self.parts)

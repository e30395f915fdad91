"""A cell's text for the `map` and `blueprint` grids: wrapped lines of markup and their height."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from journeyctl.render.text import escape, html, wrap

LINE = 1.2
"""Line height as a multiple of the font size (Graphviz uses about 1.1 with DejaVu Sans)."""
PAD = 6.0
"""Padding inside a cell, in points."""


_SMALLEST: ContextVar[float] = ContextVar("smallest_text", default=0.0)


@contextmanager
def smallest_text(size: float) -> Iterator[None]:
    """Draw no text smaller than `size` in the block (a grid cut into pages: 9 pt)."""
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


@dataclass
class Block:
    """Lines of markup for one cell, and the height they need."""

    width: float
    parts: list[str] = field(default_factory=list)
    height: float = 0.0
    calls: list[tuple[str | None, dict[str, Any]]] = field(default_factory=list)
    """What was added (text and options; None with a size for a gap), to wrap it again."""

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
        self.calls.append(
            (
                text,
                {
                    "size": size,
                    "bold": bold,
                    "italic": italic,
                    "color": color,
                    "max_lines": max_lines,
                    "prefix": prefix,
                    "prefix_color": prefix_color,
                },
            )
        )
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
            self.calls.append((None, {"size": size}))
            self.parts.append(f'<FONT POINT-SIZE="{size:g}"> </FONT>')
            self.height += size * LINE

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
        """The lines joined by line breaks."""
        return "<BR/>".join(self.parts)

    def __bool__(self) -> bool:
        return bool(self.parts)

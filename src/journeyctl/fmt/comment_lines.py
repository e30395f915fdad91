"""Full-line comments and blank lines, as `journeyctl.fmt.comments` moves them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Line:
    """A full-line comment (its indentation and text) or, with `indent` None, a blank line."""

    indent: int | None
    text: str = ""


@dataclass
class Notes:
    """The comments of one block mapping or sequence, by key or index."""

    before: dict[Any, list[Line]] = field(default_factory=dict)
    eol: dict[Any, tuple[str, int]] = field(default_factory=dict)
    scalar: dict[Any, Any] = field(default_factory=dict)
    """The comment on the `|` or `>` line of a block scalar, as ruamel keeps it."""
    end: list[Line] = field(default_factory=list)


_BLANK = Line(None)


def split_comment(text: str, first_column: int | None) -> list[Line]:
    """Split a comment token's text into lines; the first may take its column from the mark."""
    raw_lines = text.split("\n")
    if raw_lines and raw_lines[-1] == "":
        raw_lines.pop()
    lines: list[Line] = []
    for index, raw in enumerate(raw_lines):
        stripped = raw.strip()
        if not stripped:
            lines.append(_BLANK)
        elif index == 0 and first_column is not None and raw == raw.lstrip():
            lines.append(Line(first_column, stripped))
        else:
            lines.append(Line(len(raw) - len(raw.lstrip()), stripped))
    return lines


def collapse(lines: list[Line]) -> list[Line]:
    """At most one blank line in a row."""
    kept: list[Line] = []
    for line in lines:
        if line.indent is None and kept and kept[-1].indent is None:
            continue
        kept.append(line)
    return kept


def split_header(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """Split the comments above the first key into the file's header and the key's own.

    The header (the schema modeline, a description of the file) stays at the top whatever key
    comes first; comments after its last blank line (and that blank line) are the first key's
    and move with it.
    """
    lines = collapse(lines)
    while lines and lines[0].indent is None:
        lines.pop(0)
    blanks = [index for index, line in enumerate(lines) if line.indent is None]
    if not blanks or blanks[-1] == len(lines) - 1:
        return lines, []  # no comment after the last blank line: all header
    return lines[: blanks[-1]], lines[blanks[-1] :]

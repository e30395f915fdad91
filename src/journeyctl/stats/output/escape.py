"""User text for Markdown and CSV, as `journeyctl stats` writes them.

Markdown (a pull-request comment, a job summary, a wiki page): control characters dropped,
line breaks as spaces, HTML neutralised (``<`` ``>`` ``&`` as entities), Markdown punctuation
that could start a link, emphasis, code span or table cell backslash-escaped, ``@name``
broken with a word joiner so a journey cannot ping people, and long text cut with ``…``.
CSV: a cell that a spreadsheet would read as a formula (starting with ``=`` ``+`` ``-`` ``@``,
a tab or a carriage return) starts with an apostrophe; control characters are shown escaped.
"""

from __future__ import annotations

import html
import re

from journeyctl.workspace.messages import printable, unicode_safe

_SPACE = re.compile(r"\s+")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_MARKDOWN = re.compile(r"([\\`*_\[\]|~!#])")
_MENTION = re.compile(r"@(?=\w)")
_WORD_JOINER = "\u2060"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_TEXT = 80


def markdown(value: str, most: int = MAX_TEXT) -> str:
    """User text for a Markdown paragraph or table cell."""
    value = _SPACE.sub(" ", _CONTROL.sub("", unicode_safe(value))).strip()
    if len(value) > most:
        value = value[: most - 1].rstrip() + "…"
    value = _MARKDOWN.sub(r"\\\1", html.escape(value, quote=False))
    return _MENTION.sub("@" + _WORD_JOINER, value)


def code(value: str) -> str:
    """A slug (an id) as a code span; slugs hold no backticks, but drop any."""
    return f"`{value.replace('`', '')}`"


def csv_cell(value: str) -> str:
    """User text for a CSV cell: never a formula, control characters shown escaped."""
    if value.startswith(_FORMULA_STARTS):
        value = "'" + value
    return printable(value)

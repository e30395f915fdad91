"""User text in Markdown and CSV reports.

Markdown (a pull-request comment or wiki page): HTML is neutralised, Markdown punctuation
that could start a link, emphasis, code span or table cell is backslash-escaped, line breaks
become spaces and ``@name`` cannot ping anyone; as `diff`'s Markdown report does. CSV: a text
cell that a spreadsheet would read as a formula (starting with ``=`` ``+`` ``-`` ``@``, or a
tab or carriage return) starts with an apostrophe instead.
"""

from __future__ import annotations

import html
import re

_SPACE = re.compile(r"\s+")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_MARKDOWN = re.compile(r"([\\`*_\[\]|~!#])")
_MENTION = re.compile(r"@(?=\w)")
_WORD_JOINER = "\u2060"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_TEXT = 300


def markdown_text(value: str) -> str:
    """User text for a Markdown paragraph or table cell, on one line."""
    value = _SPACE.sub(" ", _CONTROL.sub("", value)).strip()
    if len(value) > MAX_TEXT:
        value = value[: MAX_TEXT - 1].rstrip() + "…"
    value = html.escape(value, quote=False)
    value = _MARKDOWN.sub(r"\\\1", value)
    return _MENTION.sub("@" + _WORD_JOINER, value)


def code(value: str) -> str:
    """A slug (an id, a kind, a state) as a code span."""
    return f"`{value.replace('`', '')}`"


def csv_cell(value: str) -> str:
    """A text cell that no spreadsheet runs as a formula; control characters removed."""
    value = _CONTROL.sub("", value)
    return "'" + value if value.startswith(_FORMULA_STARTS) else value

"""User text in the Markdown and CSV that report commands write (diff, stats, plan, trend,
owners): the one escaper, as `messages` is the one sanitizer for terminals and CI logs.

Markdown (a pull-request comment, a job summary, a wiki page): control characters and lone
surrogates dropped, line breaks and runs of space joined into one space, HTML neutralised
(``< > &`` as entities), Markdown punctuation that could start a link, image, emphasis, code
span or table cell backslash-escaped, and ``@name`` given a word joiner so a journey cannot
ping people; a text longer than its bound is cut with an ellipsis, so no one text fills a
comment. CSV: one line per cell, and a cell that a spreadsheet would read as a formula
(starting with ``= + - @``, a tab or a carriage return) starts with an apostrophe.
"""

from __future__ import annotations

import html
import re

_SPACE = re.compile(r"\s+")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ud800-\udfff]")
_MARKDOWN = re.compile(r"([\\`*_\[\]|~!#])")
_MENTION = re.compile(r"@(?=\w)")
_WORD_JOINER = "\u2060"  # invisible, and breaks @mentions
_BREAKS = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]+")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_TEXT = 300
MAX_CODE = 100


def shortened(value: str, most: int) -> str:
    """`value`, or its first characters and an ellipsis when it is longer than `most`."""
    return value if len(value) <= most else value[: most - 1].rstrip() + "…"


def _one_line(value: str, most: int) -> str:
    return shortened(_SPACE.sub(" ", _CONTROL.sub("", value)).strip(), most)


def markdown_text(value: str, most: int = MAX_TEXT) -> str:
    """User text for Markdown: a paragraph, a list item or a table cell."""
    value = _MARKDOWN.sub(r"\\\1", html.escape(_one_line(value, most), quote=False))
    return _MENTION.sub("@" + _WORD_JOINER, value)


def html_text(value: str, most: int = MAX_TEXT) -> str:
    """User text inside raw HTML such as ``<summary>`` (no Markdown there): HTML-escaped."""
    return _MENTION.sub("@" + _WORD_JOINER, html.escape(_one_line(value, most), quote=True))


def code(value: str, most: int = MAX_CODE) -> str:
    """A slug, enum value or rule name as a code span (backticks dropped: slugs have none)."""
    return f"`{shortened(value.replace('`', ''), most)}`"


def csv_cell(value: str) -> str:
    """User text as one CSV cell: on one line, and never a formula."""
    value = _BREAKS.sub(" ", value).strip(" ")
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value

"""User text for a pull-request comment, as the markdown report writes it, and its `Style`.

In Markdown text, HTML is neutralised (``<`` ``>`` ``&`` become entities), Markdown
punctuation that could start a link, image, emphasis, code span or table cell is
backslash-escaped, line breaks become spaces, and ``@name`` gets a zero-width joiner so a
journey cannot ping people. Inside raw HTML such as ``<summary>`` (where Markdown is not
processed) text is HTML-escaped only. Ids, enum values and rule names are slugs and go in
code spans as they are.

A comment has a size limit, so no single text may fill it: a text longer than `MAX_TEXT`
characters (a slug longer than `MAX_CODE`) is cut there and ends with an ellipsis; the text
format shows it whole.
"""

from __future__ import annotations

import html
import re

from journeyctl.diff.report.wording import Style

_SPACE = re.compile(r"\s+")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_MARKDOWN = re.compile(r"([\\`*_\[\]|~!#])")
_MENTION = re.compile(r"@(?=\w)")
_ZWJ = "\u2060"  # word joiner: invisible, and breaks @mentions
MAX_TEXT = 300
MAX_CODE = 100


def shortened(value: str, most: int) -> str:
    """`value`, or its first characters and an ellipsis when it is longer than `most`."""
    return value if len(value) <= most else value[: most - 1].rstrip() + "…"


def text(value: str) -> str:
    """User text for Markdown (in a paragraph, a list item or a table cell)."""
    value = shortened(_SPACE.sub(" ", _CONTROL.sub("", value)).strip(), MAX_TEXT)
    value = html.escape(value, quote=False)
    value = _MARKDOWN.sub(r"\\\1", value)
    return _MENTION.sub("@" + _ZWJ, value)


def html_text(value: str) -> str:
    """User text inside raw HTML such as ``<summary>``: HTML-escaped, on one line."""
    value = shortened(_SPACE.sub(" ", _CONTROL.sub("", value)).strip(), MAX_TEXT)
    return _MENTION.sub("@" + _ZWJ, html.escape(value, quote=True))


def code(value: str) -> str:
    """A slug, enum value or rule name as a code span (backticks cannot occur in them)."""
    return f"`{shortened(value.replace('`', ''), MAX_CODE)}`"


STYLE = Style(text=text, code=code, strike=lambda s: f"~~{s}~~")

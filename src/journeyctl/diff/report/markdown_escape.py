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

from journeyctl.diff.report.wording import Style
from journeyctl.workspace.markup import MAX_CODE, MAX_TEXT, code, html_text, shortened
from journeyctl.workspace.markup import markdown_text as text

__all__ = ["MAX_CODE", "MAX_TEXT", "STYLE", "code", "html_text", "shortened", "text"]

STYLE = Style(text=text, code=code, strike=lambda s: f"~~{s}~~")

"""User text for `journeyctl stats`'s Markdown and CSV: the one escaper (`workspace.markup`),
with Markdown text cut at `MAX_TEXT` characters so that a scorecard stays a table."""

from __future__ import annotations

from journeyctl.workspace.markup import code, csv_cell, markdown_text

__all__ = ["MAX_TEXT", "code", "csv_cell", "markdown"]

MAX_TEXT = 80


def markdown(value: str, most: int = MAX_TEXT) -> str:
    """User text for a Markdown paragraph or table cell."""
    return markdown_text(value, most)

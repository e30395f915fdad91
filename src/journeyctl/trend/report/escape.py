"""User text in trend's Markdown and CSV reports: the one escaper (`workspace.markup`)."""

from __future__ import annotations

from journeyctl.workspace.markup import code, csv_cell
from journeyctl.workspace.markup import markdown_text as markdown_text

__all__ = ["code", "csv_cell", "markdown_text"]

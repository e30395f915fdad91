"""Output formats of `journeyctl diff`: text, markdown (a pull-request comment) and json.

Each format is a module with ``render(report, color) -> str`` that returns complete,
newline-terminated text (or an empty string when there is nothing to say and the format is
meant for a comment). What the human formats say is phrased once: `wording` (values),
`verdict`, `table_rows` (summary and stage tables) and `change_lines` (the changes by stage
and step); each format escapes user text for where it lands (`text_escape` for a terminal,
`markdown_escape` for Markdown and HTML) and lays out its own tables (`text_tables`,
`markdown_tables`). `picture` draws the diff as a flow view, each changed step saying how
(`picture_notes` words it, `picture_nodes` draws the node and the legend).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from journeyctl.diff import DiffReport

__all__ = ["FORMATS", "render_report"]


Renderer = Callable[[DiffReport, bool], str]

_MODULES = {
    "text": "journeyctl.diff.report.text",
    "markdown": "journeyctl.diff.report.markdown",
    "json": "journeyctl.diff.report.json",
}
FORMATS: tuple[str, ...] = tuple(_MODULES)


def render_report(report: DiffReport, name: str, color: bool = False) -> str:
    """Render a report in the named format; ValueError for an unknown name."""
    try:
        module = importlib.import_module(_MODULES[name])
    except KeyError:
        raise ValueError(f"unknown format {name!r}; choose one of: {', '.join(FORMATS)}") from None
    render: Renderer = module.render
    return render(report, color)

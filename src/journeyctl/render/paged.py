"""Paged output: the sheets of a view at a page size, and drawing many sheets at once.

`sheet_sources` gives the DOT of each sheet of a `map` or `blueprint` (cut by
`render.sheets`, written by `render.sheet_dot`); `draw_sheets` runs Graphviz over many DOT
texts in a few processes (one `dot` reads many graphs), and `pdf_of` makes one PDF of them.
"""

from __future__ import annotations

from journeyctl.core.model import Flow
from journeyctl.render.marks import Marks
from journeyctl.render.pages import Page


def sheet_sources(doc: Flow, view: str, marks: Marks, page: Page) -> list[str]:
    """The DOT text of every sheet of a grid view (`map` or `blueprint`) at `page`'s size,
    in reading order."""
    from journeyctl.render.sheet_dot import sheet_source
    from journeyctl.render.sheets import measure, plan_sheets, poster_of

    poster = measure(poster_of(doc, view, marks))
    return [sheet_source(poster, sheet, page) for sheet in plan_sheets(doc, poster, page)]

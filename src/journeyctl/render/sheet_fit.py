"""The scale of a paged grid's sheets: a poster that needs only a few sheets is drawn larger
than the least scale (text at 9 pt), as long as that takes no more sheets and every sheet
still holds its content, so that its sheets are filled rather than left half blank."""

from __future__ import annotations

from dataclasses import replace

from journeyctl.core.model import Flow
from journeyctl.render.pages import Page
from journeyctl.render.sheet_dot import sheet_layout
from journeyctl.render.sheets import Poster, Sheet, plan_sheets

FEW = 8
"""A poster of more sheets than this keeps the least scale (planning again costs time)."""
STEPS = (1.1, 1.2, 1.3, 1.4, 1.5)
"""The larger scales tried, as multiples of the least: text grows at most to 13.5 pt."""


def fitted(doc: Flow, poster: Poster, page: Page) -> tuple[Poster, list[Sheet]]:
    """The poster at the largest scale that needs no more sheets than the least, and its
    sheets."""
    sheets = plan_sheets(doc, poster, page)
    best = poster, sheets
    if len(sheets) > FEW:
        return best
    for step in STEPS:
        larger = replace(poster, scale=poster.scale * step)
        found = plan_sheets(doc, larger, page)
        if len(found) > len(sheets) or not all(_holds(larger, s, page) for s in found):
            break
        best = larger, found
    return best


def _holds(poster: Poster, sheet: Sheet, page: Page) -> bool:
    """Whether a sheet's content fits its page at the poster's scale."""
    return sheet_layout(poster, sheet, page)[2] <= 1.0

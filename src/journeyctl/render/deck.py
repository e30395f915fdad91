"""`render FILE -o deck.pdf --view deck`: one PDF of a journey that a designer can present.

Pages, in order: the cover (`deck_cover`), the flow, the map, the blueprint, and the pain
points with their opportunities (`deck_pains`). Every page is drawn by Graphviz as PDF and
set on a page of exactly the chosen size (default 16:9), centred, and shrunk if it is larger.

The views are the sheets of `render --page` (`paged.page_sources`): the flow on one page
when it fits at 9 pt, else cut between stages; the map and the blueprint cut between step
columns.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from pypdf import PageObject, PdfReader, PdfWriter, Transformation

from journeyctl.core.model import Flow
from journeyctl.render import Format, View
from journeyctl.render.deck_cover import cover_source
from journeyctl.render.deck_pains import pains_sources
from journeyctl.render.marks import Marks
from journeyctl.render.pages import Page
from journeyctl.render.persona import PersonaRef

DEFAULT_PAGE = Page.WIDE
VIEWS = (View.FLOW, View.MAP, View.BLUEPRINT)
"""The views in the deck, in order, between the cover and the pain points."""


def deck_sources(
    doc: Flow,
    marks: Marks,
    persona: PersonaRef | None,
    page: Page | None = None,
    executable: str | None = None,
) -> list[str]:
    """The DOT of every page of the deck, in order (the flow's tiles need Graphviz: found on
    PATH when `executable` is None)."""
    chosen = page or DEFAULT_PAGE
    pages = [cover_source(doc, persona, chosen)]
    for view in VIEWS:
        pages += view_pages(doc, view, marks, chosen, executable)
    pages += pains_sources(doc, chosen)
    return pages


def view_pages(
    doc: Flow, view: View, marks: Marks, page: Page, executable: str | None = None
) -> list[str]:
    """The pages of one view in the deck, as DOT: its sheets at exactly the page's size."""
    from journeyctl.render.paged import page_sources

    return page_sources(doc, view, marks, page, executable)


def deck_pdf(
    doc: Flow,
    marks: Marks,
    persona: PersonaRef | None,
    page: Page | None,
    executable: str,
) -> bytes:
    """The deck of one document as one PDF, every page exactly the page's size."""
    chosen = page or DEFAULT_PAGE
    from journeyctl.render.paged import draw_sheets

    sources = deck_sources(doc, marks, persona, chosen, executable)
    return on_pages(draw_sheets(sources, Format.PDF, executable), chosen)


def on_pages(parts: Sequence[bytes], page: Page) -> bytes:
    """Every page of `parts` set on a page of exactly `page`'s size: centred, and scaled
    down when it is larger."""
    width, height = page.size
    writer = PdfWriter()
    for part in parts:
        for drawn in PdfReader(io.BytesIO(part)).pages:
            sheet = PageObject.create_blank_page(width=width, height=height)
            box = drawn.mediabox
            scale = min(1.0, width / float(box.width), height / float(box.height))
            left = (width - float(box.width) * scale) / 2 - float(box.left) * scale
            bottom = (height - float(box.height) * scale) / 2 - float(box.bottom) * scale
            sheet.merge_transformed_page(
                drawn, Transformation().scale(scale, scale).translate(left, bottom)
            )
            writer.add_page(sheet)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()

"""`render FILE -o deck.pdf --view deck`: one PDF of a journey that a designer can present.

Pages, in order: the cover (`deck_cover`), the flow, the map, the blueprint, and the pain
points with their opportunities (`deck_pains`). Every page is drawn by Graphviz as PDF and
set on a page of exactly the chosen size (default 16:9), centred, and shrunk if it is larger.

`view_pages` is the seam for the views: today it draws each view whole, scaled by Graphviz
to fit one page; paged sheets of the map and blueprint (`render --page`) plug in there.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from pypdf import PageObject, PdfReader, PdfWriter, Transformation

from journeyctl.core.model import Flow
from journeyctl.render import Format, View, source
from journeyctl.render.deck_cover import cover_source
from journeyctl.render.deck_pains import pains_sources
from journeyctl.render.marks import Marks
from journeyctl.render.output import run_dot
from journeyctl.render.pages import Page
from journeyctl.render.persona import PersonaRef

DEFAULT_PAGE = Page.WIDE
VIEWS = (View.FLOW, View.MAP, View.BLUEPRINT)
"""The views in the deck, in order, between the cover and the pain points."""
MARGIN = 18.0
"""Space around a view on its page, in points."""


def deck_sources(
    doc: Flow, marks: Marks, persona: PersonaRef | None, page: Page | None = None
) -> list[str]:
    """The DOT of every page of the deck, in order."""
    chosen = page or DEFAULT_PAGE
    pages = [cover_source(doc, persona, chosen)]
    for view in VIEWS:
        pages += view_pages(doc, view, marks, chosen)
    pages += pains_sources(doc, chosen)
    return pages


def view_pages(doc: Flow, view: View, marks: Marks, page: Page) -> list[str]:
    """The pages of one view in the deck, as DOT: for now the whole view, scaled to fit one
    page (Graphviz's `size`); where paged sheets exist, one DOT per sheet at page size."""
    width, height = page.size
    return [fit(source(doc, view, Format.PDF, marks), width - 2 * MARGIN, height - 2 * MARGIN)]


def fit(dot_source: str, width: float, height: float) -> str:
    """DOT that Graphviz draws no larger than `width` x `height` points (scaled down)."""
    body = dot_source.rstrip()
    if not body.endswith("}"):
        raise ValueError("not a DOT graph")
    size = f'  graph [size="{width / 72:.3f},{height / 72:.3f}"];\n'
    return body[:-1] + size + "}\n"


def deck_pdf(
    doc: Flow,
    marks: Marks,
    persona: PersonaRef | None,
    page: Page | None,
    executable: str,
) -> bytes:
    """The deck of one document as one PDF, every page exactly the page's size."""
    chosen = page or DEFAULT_PAGE
    sources = deck_sources(doc, marks, persona, chosen)
    with ThreadPoolExecutor(2) as pool:
        drawn = list(pool.map(lambda text: run_dot(text, Format.PDF, executable).data, sources))
    return on_pages(drawn, chosen)


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

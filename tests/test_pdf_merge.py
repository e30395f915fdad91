"""render.pdf.merge_pdfs: pages of several PDFs, in order, in one document."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from journeyctl.render.pages import Page
from journeyctl.render.pdf import merge_pdfs

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz's dot")


def _pdf(label: str, width_in: float, height_in: float) -> bytes:
    dot = f'digraph {{ graph [size="{width_in},{height_in}!", ratio=fill]; a [label="{label}"] }}'
    return subprocess.run(
        ["dot", "-Tpdf"], input=dot.encode(), capture_output=True, check=True
    ).stdout


@needs_dot
def test_merge_keeps_every_page_in_order_with_its_size() -> None:
    merged = merge_pdfs([_pdf("one", 10, 7.5), _pdf("two", 13.333, 7.5)])
    pages = PdfReader(io.BytesIO(merged)).pages
    assert [page.extract_text().strip() for page in pages] == ["one", "two"]
    narrow, wide = (float(page.mediabox.width) for page in pages)
    assert narrow < wide


def test_page_sizes_are_landscape_and_slides_are_as_presentation_software() -> None:
    assert Page("16:9").size == (960.0, 540.0)
    assert Page("4:3").size == (720.0, 540.0)
    assert all(width > height for width, height in (page.size for page in Page))

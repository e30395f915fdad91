"""One PDF from many: the sheets of a paged view, or the pages of a deck, in order."""

from __future__ import annotations

import io
from collections.abc import Sequence

from pypdf import PdfReader, PdfWriter


def merge_pdfs(parts: Sequence[bytes]) -> bytes:
    """The pages of every PDF in `parts`, in order, as one PDF document."""
    writer = PdfWriter()
    for part in parts:
        for page in PdfReader(io.BytesIO(part)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()

"""Two pages of a deck as DOT, for the pictures in docs/images/deck/ that README.md shows.

`python -m journeyctl.render.deck_sample FILE cover|pains` prints the DOT of the deck's cover
or of its first pain-point page (16:9); `scripts/render-docs.sh` draws them as SVG. The whole
deck is a PDF (`render FILE -o deck.pdf --view deck`), which a README cannot show.
"""

from __future__ import annotations

import sys
from pathlib import Path

from journeyctl.core.errors import UsageError
from journeyctl.render.deck import DEFAULT_PAGE
from journeyctl.render.deck_cover import cover_source
from journeyctl.render.deck_pains import pains_sources
from journeyctl.render.inputs import read_flow
from journeyctl.render.persona import PersonaFinder

PAGES = ("cover", "pains")


def sample_page(path: Path, which: str) -> str:
    """The DOT of the cover or the first pain-point page of the deck of the file at `path`."""
    if which not in PAGES:
        raise UsageError(f"{which}: name a page, {' or '.join(PAGES)}")
    doc = read_flow(path, str(path), explicit=True)
    assert doc is not None  # a named file is drawable or raises
    if which == "pains":
        return pains_sources(doc, DEFAULT_PAGE)[0]
    return cover_source(doc, PersonaFinder().for_doc(doc, path), DEFAULT_PAGE)


if __name__ == "__main__":
    print(sample_page(Path(sys.argv[1]), sys.argv[2]), end="")

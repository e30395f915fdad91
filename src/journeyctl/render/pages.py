"""Page sizes for `render --page` and `--view deck`: landscape sheets, in points (1/72 in).

16:9 and 4:3 are the slide sizes of presentation software (13.333 x 7.5 in and 10 x 7.5 in);
A4, A3 and Letter are the paper sizes, turned to landscape.
"""

from __future__ import annotations

import enum


class Page(enum.StrEnum):
    """A page size, as `--page` names it."""

    WIDE = "16:9"
    STANDARD = "4:3"
    A4 = "a4"
    A3 = "a3"
    LETTER = "letter"

    @property
    def size(self) -> tuple[float, float]:
        """Width and height in points, landscape."""
        return _SIZES[self]


_SIZES: dict[Page, tuple[float, float]] = {
    Page.WIDE: (960.0, 540.0),
    Page.STANDARD: (720.0, 540.0),
    Page.A4: (841.89, 595.28),
    Page.A3: (1190.55, 841.89),
    Page.LETTER: (792.0, 612.0),
}

MIN_TEXT_PT = 9.0
"""No text on a page is smaller than this, at the page's own size."""

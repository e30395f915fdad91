"""User text for a terminal, as the text report writes it: through the one sanitizer
(`workspace.messages.printable_text`: control characters shown escaped, so a file cannot drive
the terminal, and no name can start a CI workflow command), and the report's `Style`."""

from __future__ import annotations

from journeyctl.diff.report.wording import Style
from journeyctl.workspace.messages import printable_text as printable

__all__ = ["STYLE", "printable"]


STYLE = Style(text=printable, code=lambda s: s, strike=lambda s: s)

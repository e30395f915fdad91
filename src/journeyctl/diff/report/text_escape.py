"""User text for a terminal, as the text report writes it: control characters shown escaped
(so a file cannot drive the terminal), and the report's `Style`."""

from __future__ import annotations

import re

from journeyctl.diff.report.wording import Style

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def printable(value: str) -> str:
    """User text on one terminal line: control characters (newlines too) shown as escapes."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", value)


STYLE = Style(text=printable, code=lambda s: s, strike=lambda s: s)

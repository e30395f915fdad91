"""Element ids, written and read back: the name of what a finding points into, such as
`journey:x/stage:awareness/metric:trial%2Fpaid/actual`, that survives edits elsewhere in the
file (diffs, baselines and SARIF fingerprints compare findings by it).

Parts are joined with `/`; each is `label:name` (or a field name). A `/` inside a name is
written `%2F`, and a `%` that would otherwise read as an escape (one followed by `2F` or `25`)
is written `%25`, so the parts split back into exactly the names they were made of, and an id
whose names have no `/` is written as it always was (baselines made before stay valid).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

SEPARATOR = "/"
_TO_ESCAPE = re.compile(r"%(?=2F|25)|/")
_ESCAPED = re.compile(r"%(2F|25)")


def escape(name: str) -> str:
    """A name as it goes into one part of an element id."""
    return _TO_ESCAPE.sub(lambda found: "%25" if found.group() == "%" else "%2F", name)


def unescape(part: str) -> str:
    """One part of an element id with its names as they were (the inverse of `escape`)."""
    return _ESCAPED.sub(lambda found: "/" if found.group(1) == "2F" else "%", part)


def join(parts: Iterable[str]) -> str:
    """An element id from parts whose names are already escaped."""
    return SEPARATOR.join(parts)


def split(element: str) -> list[str]:
    """The parts of an element id, names as they were: ``journey:x``, ``metric:trial/paid``."""
    return [unescape(part) for part in element.split(SEPARATOR)] if element else []

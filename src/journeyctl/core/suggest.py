"""Suggestions for a mistyped name: "did you mean ...?", worded the same everywhere."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The known name nearest to `word`, when one is near enough to be a typo."""
    close = difflib.get_close_matches(word, list(choices), n=1)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str], otherwise: str = "") -> str:
    """`; did you mean 'x'?` for a near name, else `otherwise` (for example a hint where the
    names are listed)."""
    near = closest(word, choices)
    return f"; did you mean '{near}'?" if near is not None else otherwise


def listed(names: Iterable[str], limit: int = 8) -> str:
    """Names sorted and joined, at most `limit` of them and how many more."""
    ordered = sorted(names)
    shown = ", ".join(ordered[:limit]) or "none"
    more = len(ordered) - limit
    return f"{shown} and {more} more" if more > 0 else shown

"""Suggestions for a mistyped name: "did you mean ...?", worded the same everywhere."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

_MANY = 1000
"""Above this many names, only those that look alike at a glance are compared (see `_alike`)."""


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The known name nearest to `word`, when one is near enough to be a typo."""
    pool = list(choices)
    if len(pool) > _MANY:
        pool = _alike(word, pool)
    close = difflib.get_close_matches(word, pool, n=1)
    return close[0] if close else None


def _alike(word: str, pool: list[str]) -> list[str]:
    """The names that start or end as `word` does, of about its length.

    Comparing a word with every one of N names is slow (a journey of 100,000 steps with a
    few hundred mistyped `next:` would take minutes); a typo nearly always keeps the first or
    the last two characters, so this keeps the suggestion and the time linear.
    """
    head, tail, size = word[:2], word[-2:], len(word)
    slack = size // 3 + 2
    return [
        name
        for name in pool
        if (name[:2] == head or name[-2:] == tail) and abs(len(name) - size) <= slack
    ]


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

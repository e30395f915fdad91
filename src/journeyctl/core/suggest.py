"""Suggestions for a mistyped name: "did you mean ...?", worded the same everywhere."""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Collection, Iterable

_MANY = 64
"""Above this many names, only the nearest in sorted order are compared (see `_Index`): a
mistyped name keeps its start or its end, and comparing every name costs more than the lint."""


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The known name nearest to `word`, when one is near enough to be a typo."""
    pool = choices if isinstance(choices, Collection) else list(choices)
    if len(pool) > _MANY:
        pool = _Index.of(pool).near(word)
    close = difflib.get_close_matches(word, list(pool), n=1)
    return close[0] if close else None


class _Index:
    """Many names sorted, and sorted by their reversed spelling: the names that share most of
    the start or of the end of a word are next to where it would be.

    Comparing a word with every one of N names is slow (a journey of 100,000 steps with a few
    hundred mistyped `next:` would take minutes); a typo keeps the start or the end of a name,
    so its neighbours in one of the two orders hold the name it was meant to be. The index of
    the last collection asked about is kept: a rule asks about one document's names many times.
    """

    WIDTH = 12
    _last: tuple[Collection[str], int, _Index] | None = None

    def __init__(self, names: Collection[str]) -> None:
        # two lists of the names themselves: no small objects that would outlive the document
        # and pin the memory it was built in
        self.forward = sorted(names)
        self.backward = sorted(names, key=_reversed)

    @classmethod
    def of(cls, names: Collection[str]) -> _Index:
        last = cls._last
        if last is not None and last[0] is names and last[1] == len(names):
            return last[2]
        index = cls(names)
        cls._last = (names, len(names), index)
        return index

    def near(self, word: str) -> list[str]:
        at = bisect.bisect_left(self.forward, word)
        found = self.forward[max(0, at - self.WIDTH) : at + self.WIDTH]
        at = bisect.bisect_left(self.backward, _reversed(word), key=_reversed)
        found += self.backward[max(0, at - self.WIDTH) : at + self.WIDTH]
        return sorted(set(found))


def _reversed(name: str) -> str:
    return name[::-1]


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

"""Pairing the items of two sides: by key and occurrence, by text, and which kept their order."""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence

from journeyctl.diff.change_model import Op, T


def index_by(items: Sequence[T], key: Callable[[T], str]) -> dict[tuple[str, int], tuple[int, T]]:
    """Items by (key, occurrence), in order: a duplicate key is matched in order."""
    seen: Counter[str] = Counter()
    out: dict[tuple[str, int], tuple[int, T]] = {}
    for index, item in enumerate(items):
        name = key(item)
        out[(name, seen[name])] = (index, item)
        seen[name] += 1
    return out


def missing_after(
    old: dict[tuple[str, int], tuple[int, T]], new: dict[tuple[str, int], tuple[int, T]]
) -> dict[tuple[str, int] | None, list[tuple[int, T]]]:
    """Old items missing from `new`, by the key of the kept item they followed (None: first)."""
    out: dict[tuple[str, int] | None, list[tuple[int, T]]] = defaultdict(list)
    previous: tuple[str, int] | None = None
    for key, entry in old.items():
        if key in new:
            previous = key
        else:
            out[previous].append(entry)
    return out


def multiset_changes(old: Sequence[str], new: Sequence[str]) -> Iterator[tuple[str, Op]]:
    """Texts removed, then texts added, in their own order; equal texts pair up."""
    for text in _unpaired(old, new):
        yield text, "removed"
    for text in _unpaired(new, old):
        yield text, "added"


def _unpaired(texts: Sequence[str], others: Sequence[str]) -> Iterator[str]:
    """The texts left once each is paired with an equal one of `others`, in their order."""
    remaining = Counter(others)
    for text in texts:
        if remaining[text] > 0:
            remaining[text] -= 1
        else:
            yield text


def longest_increasing(values: Sequence[int]) -> set[int]:
    """Indexes of one longest strictly increasing subsequence of `values`, in O(n log n)."""
    tails: list[int] = []  # tails[k]: the smallest last value of an increasing run of k+1
    tail_index: list[int] = []
    parent: list[int] = [-1] * len(values)
    for i, value in enumerate(values):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_index.append(i)
        else:
            tails[k] = value
            tail_index[k] = i
        parent[i] = tail_index[k - 1] if k else -1
    kept: set[int] = set()
    i = tail_index[-1] if tail_index else -1
    while i >= 0:
        kept.add(i)
        i = parent[i]
    return kept

"""Where each part of a document is: the positions `locate` needs, and nothing more.

libyaml's node tree keeps two mark objects per node, about 25 bytes of memory for every byte
of a file; `Spot`s keep one packed integer per scalar (where its key and its value start) and
a dictionary per mapping, so finding the position of a path costs one lookup per step and the
whole tree a few bytes per byte of the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Union

BITS = 32
"""A packed position is `line << BITS | column` (0-based)."""
_MASK = (1 << BITS) - 1


def pack(line: int, column: int) -> int:
    """A 0-based (line, column) as one integer."""
    return line << BITS | column


def pack_mark(event: Any) -> int:
    """Where a libyaml event starts, packed."""
    mark = event.start_mark
    return pack(mark.line, mark.column)


def event_at(event: Any) -> tuple[int, int]:
    """Where a libyaml event starts: 1-based line and column, for an error."""
    mark = event.start_mark
    return mark.line + 1, mark.column + 1


def unpack(packed: int) -> tuple[int, int]:
    """The 1-based (line, column) of a packed position."""
    return (packed >> BITS) + 1, (packed & _MASK) + 1


class Spot:
    """A mapping or a sequence: where it starts, and where each of its entries is.

    A mapping's `entries` map each key to an `Entry`; a sequence's list one per item. A
    mapping's `merges` are the spots of what its `<<` keys merge in, searched after its own keys.
    """

    __slots__ = ("entries", "merges", "start")

    def __init__(self, start: int, entries: dict[str, Entry] | list[Entry]) -> None:
        self.start = start
        self.entries = entries
        self.merges: list[Spot] | None = None


Entry = Union[int, Spot, tuple[int, Spot]]  # noqa: UP007 - a runtime alias
"""A scalar: its key's and its value's packed positions in one integer (`pack(...) << 64 |
pack(...)`; the value's alone in a sequence). A collection: its Spot (in a mapping, with the
key's packed position)."""


def locate(root: Spot, where: Sequence[str | int], at_key: bool = False) -> tuple[int, int]:
    """The 1-based position of the value (or key) at `where`, or of its deepest existing parent.

    A missing key resolves to the mapping that lacks it, which is where it must be added.
    """
    spot = root
    for index, part in enumerate(where):
        entry = _entry(spot, part)
        if entry is None:
            return unpack(spot.start)
        if index == len(where) - 1:
            return _position(entry, at_key and isinstance(part, str))
        child = entry[1] if isinstance(entry, tuple) else entry
        if not isinstance(child, Spot):
            return _position(entry, False)  # a path into a scalar: the scalar
        spot = child
    return unpack(spot.start)


def _entry(spot: Spot, part: str | int) -> Entry | None:
    entries = spot.entries
    if isinstance(entries, dict):
        if not isinstance(part, str):
            return None
        found = entries.get(part)
        if found is None and spot.merges:
            for source in spot.merges:
                found = _entry(source, part)
                if found is not None:
                    break
        return found
    if isinstance(part, int) and 0 <= part < len(entries):
        return entries[part]
    return None


def _position(entry: Entry, at_key: bool) -> tuple[int, int]:
    if isinstance(entry, Spot):
        return unpack(entry.start)
    if isinstance(entry, tuple):
        return unpack(entry[0]) if at_key else unpack(entry[1].start)
    return unpack(entry >> 2 * BITS) if at_key else unpack(entry & ((1 << 2 * BITS) - 1))

"""Large objects held until the process ends, when it ends at once.

journeyctl's command line ends with `os._exit` once its output is flushed (`__main__`), so
whatever is still referenced then is never freed. Freeing a 10,000-step file's data,
positions and models one object at a time costs about 50 ms, for nothing: holding them to the
end skips it. Only large inputs are held, and only up to a bound, so a run over many files
frees as it goes and its memory stays flat.
"""

from __future__ import annotations

HOLD_MIN_BYTES = 1_000_000
"""Inputs smaller than this free in well under a millisecond: not worth holding."""
HOLD_MAX_BYTES = 64_000_000
"""At most this much input is held (its objects take some 30 times as much memory)."""

_held: list[object] = []
_state = {"ends_at_once": False, "bytes": 0}


def ends_at_once() -> None:
    """Say that this process ends with `os._exit` (called by `journeyctl.__main__` only)."""
    _state["ends_at_once"] = True


def hold(item: object, size: int) -> None:
    """Keep `item`, made from `size` bytes of input, until the process ends, when that skips
    freeing it; otherwise do nothing and let it be freed as usual."""
    if not _state["ends_at_once"] or size < HOLD_MIN_BYTES:
        return
    if _state["bytes"] + size > HOLD_MAX_BYTES:
        return
    _state["bytes"] += size
    _held.append(item)

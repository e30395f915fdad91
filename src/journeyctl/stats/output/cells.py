"""Numbers as every format of `journeyctl stats` writes them: emotion, hours, sparklines."""

from __future__ import annotations

from collections.abc import Iterable

from journeyctl.stats.health import DocumentHealth, FindingCounts, TimeSummary

BARS = "▁▂▃▄▅▆▇█"
NO_EMOTION = "·"
"""A stage whose steps record no emotion, in a sparkline."""
DASH = "\u2013"
"""An en dash: no value, or between the two ends of a range."""


def sparkline(values: Iterable[float | None]) -> str:
    """One bar per value, -2 (lowest bar) .. +2 (highest); `NO_EMOTION` for None."""
    bars = []
    for value in values:
        if value is None:
            bars.append(NO_EMOTION)
            continue
        level = round((min(max(value, -2.0), 2.0) + 2) / 4 * (len(BARS) - 1))
        bars.append(BARS[level])
    return "".join(bars)


def emotion(value: float | None) -> str:
    """An average emotion with its sign (``+0.50``, ``-1.25``), or a dash when there is none."""
    return DASH if value is None else f"{value:+.2f}"


def hours(value: int | None) -> str:
    """Hours as days and hours (``2d 4h``, ``0h``), or a dash."""
    if value is None:
        return DASH
    days, rest = divmod(value, 24)
    if days and rest:
        return f"{days}d {rest}h"
    return f"{days}d" if days else f"{rest}h"


def path_time(time: TimeSummary) -> str:
    """The shortest and the longest path's hours, joined by a dash; ``≤``: an upper bound."""
    if time.shortest_path_hours is None:
        return DASH
    shortest, longest = hours(time.shortest_path_hours), hours(time.longest_path_hours)
    bound = "" if time.longest_path_exact else "≤"
    return shortest if shortest == longest and not bound else f"{shortest} {DASH} {bound}{longest}"


def findings(counts: FindingCounts) -> str:
    """Errors, warnings and infos as ``E/W/I``."""
    return f"{counts.errors}/{counts.warnings}/{counts.infos}"


def pains(document: DocumentHealth) -> str:
    """Pain points addressed out of all (``3/16``)."""
    return f"{document.pain_points_addressed}/{document.pain_points}"


def plural(count: int, noun: str, many: str = "") -> str:
    """``1 journey``, ``2 journeys``."""
    return f"{count} {noun if count == 1 else many or noun + 's'}"

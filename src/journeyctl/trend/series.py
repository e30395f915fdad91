"""Fold commits into one series of points per document, following documents by identity.

A document is followed by kind, id and state, not by path: a renamed or moved file (even
one git sees as a deletion and an addition) continues its series. A file that does not load
keeps the identity its path had, or is followed by its path until it loads. Personas are
followed too (so that a broken persona is no point), but have no series.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from journeyctl.trend.measure import Identity, Outcome
from journeyctl.trend.model import DocumentTrend, Point

Key = Identity | tuple[str, str]
"""A series: a document's identity, or ("path", PATH) for a file that has not loaded yet."""


@dataclass(frozen=True)
class Move:
    """What a commit did to a journeyctl file: `old` is a path it removed or renamed away,
    `new` a path it wrote, holding `outcome` (None: not a regular file any more)."""

    old: str | None
    new: str | None
    outcome: Outcome | None = None


class Folder:
    """Series of points, built commit by commit, oldest first."""

    def __init__(self, display: Callable[[str], str]) -> None:
        self.display = display
        self.series: dict[Key, DocumentTrend] = {}
        self.at_path: dict[str, Key] = {}

    def add(self, commit: str, date: str, moves: Sequence[Move]) -> None:
        """Add a commit's points; end the series of documents no file holds any more."""
        before = dict(self.at_path)
        for move in moves:
            for path in (move.old, move.new):
                if path is not None:
                    self.at_path.pop(path, None)
        written: set[Key] = set()
        for move in moves:
            if move.new is not None and move.outcome is not None and not move.outcome.foreign:
                previous = before.get(move.old if move.old is not None else move.new)
                self._write(Point(commit, date, {}), move.new, move.outcome, previous, written)
        for key in set(before.values()) - set(self.at_path.values()):
            if key in self.series:
                self.series[key].ended = commit

    def _write(
        self, point: Point, path: str, outcome: Outcome, previous: Key | None, written: set[Key]
    ) -> None:
        key: Key = outcome.identity or previous or ("path", path)
        if previous is not None and previous[0] == "path" and key != previous:
            self._adopt(previous, key)
        self.at_path[path] = key
        if key[0] == "persona" or key in written:
            return  # personas have no trend; of two files with one document, the first counts
        written.add(key)
        series = self.series.get(key)
        if series is None:
            kind, ident, state = key if len(key) == 3 else (None, None, None)
            series = self.series[key] = DocumentTrend(kind, ident, state, "")
        series.path, series.ended = self.display(path), None
        point.numbers, point.error = outcome.numbers or {}, outcome.error
        series.points.append(point)

    def _adopt(self, path_key: Key, key: Key) -> None:
        """A file followed by its path has loaded as `key`: its points become the document's
        when the document has none of its own yet (none at all when it is a persona)."""
        if path_key not in self.series or key in self.series or len(key) != 3:
            return
        series = self.series.pop(path_key)
        if key[0] != "persona":
            series.kind, series.id, series.state = key
            self.series[key] = series

    def documents(self) -> list[DocumentTrend]:
        """Every series, by path, then kind, id and state."""
        return sorted(
            self.series.values(),
            key=lambda s: (s.path, s.kind or "", s.id or "", s.state or ""),
        )

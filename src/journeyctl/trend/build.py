"""Build a trend: read the history under a path, measure each blob once, fold the points.

Which files count is decided as `lint PATH` decides it today: a YAML file under the path
that the project's include and exclude globs let through (the settings in the working
tree, not those of each commit), in no hidden or tool directory, holding a journeyctl
document; a named file always counts. Blobs are streamed by one `git cat-file --batch`
and linted in worker processes when there are many, a chunk at a time.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from journeyctl.core.errors import UsageError
from journeyctl.lint.engine import Target, settings_finder
from journeyctl.trend.measure import BlobJob, Outcome, measure, too_large
from journeyctl.trend.model import Trend
from journeyctl.trend.series import Folder, Move
from journeyctl.workspace.discover import display_path, included, walk_finds
from journeyctl.workspace.git import Git
from journeyctl.workspace.history import (
    BlobReader,
    BlobTooLargeError,
    FileChange,
    HistoryCommit,
    first_parent_history,
    shallow_start,
)
from journeyctl.workspace.parallel import gc_paused, map_in_processes, workers_for
from journeyctl.workspace.read import max_file_bytes

CHUNK_BYTES = 64_000_000
"""Blobs held in memory at once, at most (one blob larger than this is a chunk of its own)."""
JobKey = tuple[str, Path, bool]
"""A blob measured once: its id, its project's root and whether it was named."""


def build_trend(path: Path, since: str | None, today: date, jobs: int | None = None) -> Trend:
    """The trend of the journeyctl files under `path` on HEAD's first-parent history
    (after `since` when given); UsageError for a bad path or revision, or outside git."""
    if not path.exists():
        raise UsageError(f"{path}: no such file or directory")
    git = Git(path if path.is_dir() else path.parent)
    top = _toplevel(git, path)
    real = path.resolve()
    if not real.is_relative_to(top.resolve()):
        raise UsageError(f"{path}: not inside the git work tree at {top}")
    history = first_parent_history(git, [str(real)], since)
    chooser = _Chooser(path, real, top.resolve())
    moves = [_moves(commit, chooser) for commit in history]
    wanted = {key: target for commit_moves in moves for key, target in commit_moves[1].items()}
    outcomes = _measure_all(git, wanted, today, jobs)
    folder = Folder(lambda relative: chooser.target(relative).display)
    for commit, (changed, _) in zip(history, moves, strict=True):
        folder.add(commit.commit, commit.date, [_fill(move, outcomes) for move in changed])
    return Trend(folder.documents(), shallow_start(git))


def _toplevel(git: Git, path: Path) -> Path:
    """The work tree's top; outside one, the error names `path` (not its folder, `.`)."""
    try:
        return git.toplevel
    except UsageError as error:
        folder = f"{git.cwd}: "
        if path.is_dir() or not str(error).startswith(folder):
            raise
        raise UsageError(f"{path}: {str(error).removeprefix(folder)}") from None


_Pending = tuple[str | None, str | None, JobKey | None]
"""A move whose outcome is still to be measured: old path, new path, blob to measure."""


class _Chooser:
    """Which paths of the repository are journeyctl candidates, as targets (cached)."""

    def __init__(self, given: Path, real: Path, top: Path) -> None:
        self.given, self.real, self.top = given, real, top
        self.explicit = not real.is_dir()
        self.finder = settings_finder()
        self._targets: dict[str, Target | None] = {}

    def target(self, relative: str) -> Target:
        """The target of a path `choose` let through."""
        found = self.choose(relative)
        assert found is not None
        return found

    def choose(self, relative: str) -> Target | None:
        """The target for a top-level-relative path, or None when it is no candidate."""
        if relative not in self._targets:
            self._targets[relative] = self._choose(self.top / relative)
        return self._targets[relative]

    def _choose(self, absolute: Path) -> Target | None:
        if self.explicit:
            if absolute != self.real:
                return None
            return Target(
                self.given, display_path(self.given), True, self.finder.for_path(absolute)
            )
        if not absolute.is_relative_to(self.real) or not walk_finds(self.real, absolute):
            return None
        project = self.finder.for_path(absolute)
        if not included(absolute, project):
            return None
        shown = self.given / absolute.relative_to(self.real)
        return Target(shown, display_path(shown), False, project)


def _moves(commit: HistoryCommit, chooser: _Chooser) -> tuple[list[_Pending], dict[JobKey, Target]]:
    """A commit's changes to candidates, and the blobs they need measured."""
    pending: list[_Pending] = []
    wanted: dict[JobKey, Target] = {}
    for change in commit.changes:
        old = change.old if change.old is not None and chooser.choose(change.old) else None
        new, key = _written(change, chooser, wanted)
        if old is not None or new is not None:
            pending.append((old, new, key))
    return pending, wanted


def _written(
    change: FileChange, chooser: _Chooser, wanted: dict[JobKey, Target]
) -> tuple[str | None, JobKey | None]:
    if change.new is None:
        return None, None
    target = chooser.choose(change.new)
    if target is None:
        return None, None
    if change.blob is None:
        return change.new, None
    key = (change.blob, target.project.root, target.explicit)
    wanted.setdefault(key, target)
    return change.new, key


def _fill(pending: _Pending, outcomes: dict[JobKey, Outcome]) -> Move:
    old, new, key = pending
    return Move(old, new, outcomes[key] if key is not None else None)


def _measure_all(
    git: Git, wanted: dict[JobKey, Target], today: date, jobs: int | None
) -> dict[JobKey, Outcome]:
    """Read every wanted blob with one git process and measure it, a chunk at a time."""
    outcomes: dict[JobKey, Outcome] = {}
    with BlobReader(git, max_file_bytes()) as reader:
        for chunk in _chunks(reader, wanted, today, outcomes):
            size = sum(len(job.raw) for _, job in chunk)
            with gc_paused():
                measured = map_in_processes(
                    measure, [job for _, job in chunk], workers_for(jobs), size
                )
            outcomes.update(zip((key for key, _ in chunk), measured, strict=True))
    return outcomes


def _chunks(
    reader: BlobReader,
    wanted: dict[JobKey, Target],
    today: date,
    outcomes: dict[JobKey, Outcome],
) -> Iterator[list[tuple[JobKey, BlobJob]]]:
    """Jobs for the wanted blobs, about CHUNK_BYTES at a time; a blob over the size cap is
    an outcome at once."""
    chunk: list[tuple[JobKey, BlobJob]] = []
    size = 0
    for key, target in wanted.items():
        try:
            raw = reader.read(key[0])
        except BlobTooLargeError as error:
            outcomes[key] = too_large(str(error))
            continue
        chunk.append((key, BlobJob(raw, target, today)))
        size += len(raw)
        if size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk

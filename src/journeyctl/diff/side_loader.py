"""One side of a diff loaded as `lint` would load it: read (a file or ``REV:path``), linted
with `check_content` (suppressions applied) under the working tree's settings, and built into
its document. A side that is not a valid journeyctl document is a UsageError."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeyctl.core.errors import UsageError
from journeyctl.workspace.discover import display_path

if TYPE_CHECKING:
    from journeyctl.core.finding import Finding
    from journeyctl.diff import Document
    from journeyctl.lint.engine import FileResult
    from journeyctl.workspace.discover import Target
    from journeyctl.workspace.git import Git
    from journeyctl.workspace.settings import SettingsFinder

Item = tuple[str, bytes, Path]
"""A side to load: its label, its bytes, and the working-tree path whose settings govern it."""


@dataclass(frozen=True)
class Side:
    """One loaded side: its label, document, findings, and the target it was linted as."""

    label: str
    doc: Document
    findings: list[Finding]
    result: FileResult

    def __getstate__(self) -> dict[str, Any]:
        """Sent from a worker process without `doc`: `result` carries it (as plain data)."""
        return {"label": self.label, "findings": self.findings, "result": self.result}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        object.__setattr__(self, "doc", self.result.document)


SidePair = tuple[Side | None, Side | None]
"""The old and new side of one document; None for a file that does not exist on that side."""


class SideLoader:
    """Loads sides with shared settings look-ups and a shared git runner."""

    def __init__(self, today: date) -> None:
        from journeyctl.lint.engine import settings_finder

        self.today = today
        self.finder: SettingsFinder = settings_finder()
        self._git: Git | None = None

    @property
    def git(self) -> Git:
        from journeyctl.workspace.git import Git

        if self._git is None:
            self._git = Git()
        return self._git

    def target(self, label: str, where: Path) -> Target:
        """A lint target shown as `label`, governed by the settings found from `where`."""
        from journeyctl.workspace.discover import Target

        return Target(where, label, explicit=True, project=self.finder.for_path(where))

    def spec(self, spec: str) -> Item:
        """Read `spec`, a file or REV:path: (label, bytes, working-tree path for settings)."""
        from journeyctl.workspace.git import split_rev_path

        path = Path(spec)
        if path.is_dir():
            raise UsageError(
                f"{spec}: is a directory; give two files, or use --base REV {spec} to diff "
                f"every changed file, or --journey ID {spec} to pair current and optimized"
            )
        if path.exists():
            return display_path(path), read_file(path), path
        rev_path = split_rev_path(spec) if ":" in spec else None
        if rev_path is None:
            raise UsageError(f"{spec}: no such file (a side is a path or REV:path)")
        raw = self.git.read(rev_path)
        if rev_path.path.startswith(("./", "../")):
            where = Path(rev_path.path)
        else:
            where = self.git.toplevel / rev_path.path
        return rev_path.label, raw, where

    def load(self, label: str, raw: bytes, where: Path) -> Side:
        """Lint and load one side; UsageError when it is not a valid journeyctl document."""
        return self.load_many([(label, raw, where)])[0]

    def load_many(self, items: Sequence[Item]) -> list[Side]:
        """Lint and load sides, each (label, bytes, working-tree path for settings), in order.

        Large inputs are loaded one process per side and core, as `lint` does: parsing
        dominates the time of a diff. When every side has a core, this process loads the first
        side itself, so that only the others pay for being sent back.
        """
        from journeyctl.workspace.parallel import map_in_processes, workers_for

        targets = [self.target(label, where) for label, _, where in items]
        jobs = [
            (target, raw, self.today) for target, (_, raw, _) in zip(targets, items, strict=True)
        ]
        size = sum(len(raw) for _, raw, _ in items)
        return map_in_processes(load_side, jobs, workers_for(None), size, here_too=True)


def load_side(job: tuple[Target, bytes, date]) -> Side:
    """Lint one side with `check_content`, as `lint` would, and build its document."""
    from journeyctl.lint.engine import check_content

    target, raw, today = job
    label = target.display
    result = check_content(target, raw, today, keep_document=True)
    broken = [f for f in result.findings if f.rule in ("parse-error", "schema-error")]
    doc = result.document
    if broken or doc is None:
        first = broken[0] if broken else None
        where_text = f"{label}:{first.line}:{first.column}" if first else label
        message = first.message if first else "not a journeyctl document"
        more = f" (and {len(broken) - 1} more; see `journeyctl lint`)" if len(broken) > 1 else ""
        raise UsageError(f"{where_text}: cannot diff: {message}{more}")
    kept = result.unsuppressed()
    return Side(label, doc, kept, result)


def read_file(path: Path) -> bytes:
    """A working-tree file's bytes (regular files only); UsageError when it cannot be read."""
    from journeyctl.workspace.read import read_regular

    try:
        return read_regular(path)
    except OSError as error:
        raise UsageError(f"{path}: cannot read: {error.strerror or error}") from None

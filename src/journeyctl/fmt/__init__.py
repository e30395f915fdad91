"""`journeyctl fmt`: canonical key order and layout, with every comment kept (design §3).

This module finds the files and reports an `Outcome` for each; `text` formats one file's text
(`order`: the key order, `comments`: moving comments with their keys, `layout`: how it is
written, `verify`: the check that nothing was lost). ruamel.yaml is imported only when a file is
formatted.
"""

from __future__ import annotations

import gc
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from journeyctl.fmt.errors import FormatError as FormatError
from journeyctl.fmt.order import key_order as key_order
from journeyctl.fmt.text import format_text as format_text
from journeyctl.workspace.load import LoadError, parse_yaml


@dataclass(frozen=True)
class Outcome:
    """What formatting one file came to: its new text, or why it was left alone."""

    path: Path
    display: str
    original: str = ""
    formatted: str = ""
    error: str | None = None

    @property
    def changed(self) -> bool:
        return self.error is None and self.formatted != self.original


def format_paths(paths: Sequence[Path], ignore_foreign: bool = False) -> Iterator[Outcome]:
    """Format every journeyctl file under the paths, one at a time; never writes.

    Files are found as `journeyctl lint` finds them (include/exclude apply). A settings file
    (`journeyctl.yaml`) is formatted too: when named, or when it governs a file found in a
    directory argument. Raise UsageError (before anything else) when a path does not exist.
    """
    from journeyctl.lint.engine import discover
    from journeyctl.workspace.settings import SETTINGS_NAMES, SettingsFinder

    finder = SettingsFinder()
    named_settings = [p for p in paths if p.name in SETTINGS_NAMES and p.is_file()]
    targets = list(discover(paths, finder, ignore_foreign))
    directories = [p.resolve() for p in paths if p.is_dir()]
    projects = [finder.for_path(d) for d in directories] + [t.project for t in targets]
    governing = {
        p.source for p in projects if p.source is not None and p.source.name in SETTINGS_NAMES
    }
    found_settings = [s for s in sorted(governing) if any(s.is_relative_to(d) for d in directories)]
    seen: set[Path] = set()
    for path in [*named_settings, *found_settings]:
        if path.resolve() not in seen:
            seen.add(path.resolve())
            outcome = format_file(path, _display(path), explicit=True, settings=True)
            if outcome is not None:
                yield outcome
    for target in targets:
        if target.path.resolve() not in seen:
            seen.add(target.path.resolve())
            outcome = format_file(target.path, target.display, target.explicit)
            if outcome is not None:
                yield outcome


def format_file(path: Path, display: str, explicit: bool, settings: bool = False) -> Outcome | None:
    """Format one file in memory; an Outcome with `error` when it must be left alone.

    None for a file found in a directory that is not a journeyctl file (it is skipped).
    """
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise OSError(0, "not a regular file")
        raw = path.read_bytes()
    except OSError as error:
        return Outcome(path, display, error=f"{display}: cannot read: {error.strerror or error}")
    from journeyctl.lint.engine import MARKER  # the quick test lint uses for `journeyctl:`

    if not explicit and MARKER.search(raw) is None:
        return None
    try:
        loaded = parse_yaml(raw, path)
    except LoadError as error:
        return _left_alone(path, display, error.line, error.column, error.message)
    text = raw.decode("utf-8")
    if "journeyctl" not in loaded.data:
        if explicit:
            return _left_alone(
                path, display, 1, 1, "not a journeyctl file (no top-level `journeyctl: 1`)"
            )
        return None
    gc_was_enabled = gc.isenabled()
    gc.disable()  # ruamel makes many small objects; the collector would triple the time
    try:
        formatted = format_text(text, settings)
    except FormatError as error:
        return _left_alone(path, display, error.line, error.column, error.message)
    finally:
        if gc_was_enabled:
            gc.enable()
    return Outcome(path, display, text, formatted)


def _left_alone(path: Path, display: str, line: int, column: int, message: str) -> Outcome:
    return Outcome(path, display, error=f"{display}:{line}:{column}: {message}; left unchanged")


def _display(path: Path) -> str:
    from journeyctl.lint.engine import display_path as display  # how lint shows paths

    return display(path)

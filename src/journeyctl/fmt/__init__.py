"""`journeyctl fmt`: canonical key order and layout, with every comment kept (design §3).

This module finds the files and reports an `Outcome` for each; `text` formats one file's text
(`order`: the key order, `comments`: moving comments with their keys, `layout`: how it is
written, `verify`: the check that nothing was lost). ruamel.yaml is imported only when a file is
formatted.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from journeyctl.fmt.errors import FormatError as FormatError
from journeyctl.fmt.order import key_order as key_order
from journeyctl.fmt.text import format_text as format_text
from journeyctl.workspace.discover import discover, display_path, journeyctl_document
from journeyctl.workspace.load import LoadError
from journeyctl.workspace.parallel import gc_paused
from journeyctl.workspace.read import encoding_of, read_regular
from journeyctl.workspace.settings import SETTINGS_NAMES, SettingsFinder


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


def format_paths(
    paths: Sequence[Path], known_rules: Collection[str], ignore_foreign: bool = False
) -> Iterator[Outcome]:
    """Format every journeyctl file under the paths, one at a time; never writes.

    Files are found as `journeyctl lint` finds them (include/exclude apply). A settings file
    (`journeyctl.yaml`) is formatted too: when named, or when it governs a file found in a
    directory argument; `known_rules` are the rule names it may configure. Raise UsageError
    (before anything else) when a path does not exist.
    """
    finder = SettingsFinder(known_rules)
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
            outcome = format_file(path, display_path(path), explicit=True, settings=True)
            if outcome is not None:
                yield outcome
    for target in targets:
        if target.error is not None:
            yield Outcome(target.path, target.display, error=f"{target.display}: {target.error}")
        elif target.path.resolve() not in seen:
            seen.add(target.path.resolve())
            outcome = format_file(target.path, target.display, target.explicit)
            if outcome is not None:
                yield outcome


def format_file(path: Path, display: str, explicit: bool, settings: bool = False) -> Outcome | None:
    """Format one file in memory; an Outcome with `error` when it must be left alone.

    None for a file found in a directory that is not a journeyctl file (it is skipped).
    """
    try:
        raw = read_regular(path)
    except OSError as error:
        return Outcome(path, display, error=f"{display}: cannot read: {error.strerror or error}")
    loaded = journeyctl_document(raw, path, explicit)  # the check that it is safe YAML
    if loaded is None:
        return None
    if isinstance(loaded, LoadError):
        return _left_alone(path, display, loaded.line, loaded.column, loaded.message)
    if "journeyctl" not in loaded.data:
        return _left_alone(
            path, display, 1, 1, "not a journeyctl file (no top-level `journeyctl: 1`)"
        )
    encoding, _ = encoding_of(raw)
    if encoding != "utf-8":
        message = f"{encoding.upper()} text: fmt writes UTF-8 only; convert the file first"
        return _left_alone(path, display, 1, 1, message)
    text = raw.decode("utf-8")  # as it is, line endings and all: fmt keeps them
    with gc_paused():  # ruamel makes many small objects; the collector would triple the time
        try:
            formatted = format_text(text, settings)
        except FormatError as error:
            return _left_alone(path, display, error.line, error.column, error.message)
    return Outcome(path, display, text, formatted)


def _left_alone(path: Path, display: str, line: int, column: int, message: str) -> Outcome:
    return Outcome(path, display, error=f"{display}:{line}:{column}: {message}; left unchanged")

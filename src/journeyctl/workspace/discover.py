"""Which files a command works on: the targets under the paths it was given.

A file named on the command line is always a target; in a directory, every `.yaml` and `.yml`
file the project's `include` and `exclude` globs let through is a candidate, and the loader
decides whether it is a journeyctl file (`journeyctl_document`): a file that loads is one when
its mapping has a top-level `journeyctl` key, so a directory walk finds exactly the files that
naming them would treat as journeyctl files.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import AnyStr

import yaml
from yaml.events import MappingStartEvent

from journeyctl.core.errors import UsageError
from journeyctl.workspace.load import Loaded, LoadError, parse_yaml
from journeyctl.workspace.read import decode
from journeyctl.workspace.settings import SETTINGS_NAMES, ProjectSettings, SettingsFinder
from journeyctl.workspace.yaml_nodes import NodeLoader

NO_FILES_WARNING = "warning: no journeyctl files found (files need a top-level `journeyctl: 1` key)"
"""What lint and fmt say when the paths they were given hold no journeyctl file."""
_TEXT_MARKER = re.compile(
    r"""^(?:---[ \t]+)?(?:\{[ \t]*)?["']?journeyctl["']?[ \t]*:""", re.MULTILINE
)
_BYTES_MARKER = re.compile(_TEXT_MARKER.pattern.encode(), re.MULTILINE)
_LOOP = "cannot read: symbolic link loop"
_MISSING = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})
"""What `Path.exists` takes for "no such path"; any other error is a path that cannot be seen."""
_SKIP_DIRS = frozenset({"node_modules", "__pycache__", "venv"})
_GLOB_SPECIAL = re.compile(r"[*?\[\]{}!\\]")


@dataclass(frozen=True)
class Target:
    """One file to work on, how to show its path, and the settings that govern it.

    `error` says why a file or directory found on the way cannot be read; it is reported
    (exit 2), never skipped in silence.
    """

    path: Path
    display: str
    explicit: bool
    project: ProjectSettings
    error: str | None = None


def discover(
    paths: Sequence[Path], finder: SettingsFinder, ignore_foreign: bool = False
) -> Iterator[Target]:
    """Every file to work on under the given paths, each once, in a stable order."""
    seen: set[Path] = set()
    for given in paths:
        unseen = _cannot_see(given)
        if unseen is not None or not given.is_dir():
            key = resolved(given) or given
            if key not in seen:
                seen.add(key)
                project = finder.for_path(given)  # also validates a settings file
                if given.name not in SETTINGS_NAMES:
                    yield Target(given, display_path(given), not ignore_foreign, project, unseen)
            continue
        for path, error in walk(given):
            real = resolved(path)
            key = real if real is not None else Path(os.path.abspath(path))  # noqa: PTH100
            error = error if real is not None else _LOOP
            if key in seen:
                continue
            # settings are looked up from outside a directory that cannot be read
            project = finder.for_path(path if error is None else path.parent)
            if error is None and not included(Path(os.path.abspath(path)), project):  # noqa: PTH100
                continue
            seen.add(key)
            yield Target(path, display_path(path), False, project, error)


def _cannot_see(given: Path) -> str | None:
    """Why a path named on the command line cannot be looked at (it is in a directory that
    cannot be entered), or None; UsageError when it does not exist (as `Path.exists` says)."""
    try:
        given.stat()
    except (OSError, ValueError) as error:
        if getattr(error, "errno", None) in _MISSING or isinstance(error, ValueError):
            raise UsageError(f"{given}: no such file or directory") from None
        return f"cannot read: {getattr(error, 'strerror', None) or error}"
    return None


def walk(directory: Path) -> Iterator[tuple[Path, str | None]]:
    """The YAML files under a directory in a stable order, each with None, or with why a
    subdirectory on the way cannot be listed (hidden and tool directories are left out)."""
    failures: list[OSError] = []
    for root, dirs, files in os.walk(directory, onerror=failures.append):
        for failure in failures:
            yield Path(failure.filename), f"cannot read directory: {failure.strerror or failure}"
        failures.clear()
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS)
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")) and name not in SETTINGS_NAMES:
                yield Path(root, name), None
    for failure in failures:
        yield Path(failure.filename), f"cannot read directory: {failure.strerror or failure}"


def walk_finds(directory: Path, path: Path) -> bool:
    """Whether `walk(directory)` would list `path`, a file below it that need not exist (a
    file in git history): a YAML file, not a settings file, in no hidden or tool directory."""
    folders = path.relative_to(directory).parts[:-1]
    return (
        path.name.endswith((".yaml", ".yml"))
        and path.name not in SETTINGS_NAMES
        and not any(name.startswith(".") or name in _SKIP_DIRS for name in folders)
    )


def resolved(path: Path) -> Path | None:
    """The real path of a file; None when a symbolic link on the way loops."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


def included(path: Path, project: ProjectSettings) -> bool:
    """Whether the project's `include` and `exclude` globs let journeyctl see this absolute
    path (a symbolic link by its own name, as git and `lint FILE` see it, not its target's)."""
    try:
        relative = path.relative_to(project.root).as_posix()
    except ValueError:
        relative = path.as_posix()
    settings = project.settings
    return any(glob_match(relative, g) for g in settings.include) and not any(
        glob_match(relative, g) for g in settings.exclude
    )


def glob_match(path: str, pattern: str) -> bool:
    """Match a POSIX relative path against a glob where `**` spans directories, `*` and `?`
    stay within one, and both match names that start with a dot (wcmatch, gitignore-like)."""
    pattern = pattern.strip("/")
    suffix = pattern.removeprefix("**/*")
    if suffix != pattern and not _GLOB_SPECIAL.search(suffix):
        return path.endswith(suffix)  # the default `**/*.yaml`, without importing wcmatch
    from wcmatch import glob

    return glob.globmatch(path, pattern, flags=glob.GLOBSTAR | glob.DOTGLOB)


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when it is inside
    it, otherwise as given (so an absolute path stays absolute, whatever the working directory,
    and a baseline written from one folder matches from another). Symbolic links keep their
    name."""
    absolute = Path(os.path.abspath(path))  # noqa: PTH100 - not resolve(): keep link names
    try:
        return absolute.relative_to(Path.cwd()).as_posix() or "."
    except ValueError:
        return path.as_posix()


def journeyctl_document(raw: bytes, path: Path, explicit: bool) -> Loaded | LoadError | None:
    """Load a file as a journeyctl file: its document, or why it does not load.

    A file found in a directory (not `explicit`) that is not a journeyctl file is None: one
    that loads without a top-level `journeyctl` key, or one that does not load and has no line
    starting `journeyctl:` (a foreign YAML file with an error of its own).
    """
    try:
        text = decode(raw)
    except LoadError as error:
        return error if explicit or looks_like_journeyctl(lenient_text(raw)) else None
    if not explicit and "journeyctl" not in text and "\\" not in text:
        return None  # not even spelled with an escape: no such key, without parsing
    try:
        loaded = parse_yaml(raw, path, text)
    except LoadError as error:
        return error if explicit or looks_like_journeyctl(text) else None
    if not explicit and "journeyctl" not in loaded.data:
        return None
    return loaded


def is_journeyctl(raw: bytes) -> bool:
    """Whether bytes are a journeyctl file: a line starting with a `journeyctl:` key (the test
    for a file that does not load), or a file that loads with a top-level `journeyctl` key
    however it is written (a flow mapping over several lines, an explicit `? journeyctl`)."""
    text = lenient_text(raw)
    if looks_like_journeyctl(text):
        return True
    if not _starts_a_mapping(text):
        return False  # a list, a single value, not YAML (a drawing): not parsed to the end
    return journeyctl_document(raw, Path("skimmed"), explicit=False) is not None


def _starts_a_mapping(text: str) -> bool:
    """Whether the first document's root node starts a mapping (what libyaml reads first)."""
    events = NodeLoader(text)
    event = None
    try:
        for _ in range(3):  # the stream's start, the document's start, its root node
            event = events.get_event()
    except yaml.YAMLError:
        return False
    return isinstance(event, MappingStartEvent)


def looks_like_journeyctl(text: str | bytes) -> bool:
    """Whether decoded text has a line starting `journeyctl:` (or `{journeyctl:`): the test
    for a file that does not load, or that is only skimmed (then maybe as UTF-8 bytes, see
    `read.scannable`)."""
    if isinstance(text, bytes):
        return _marked(text, b"journeyctl", b"\n", _BYTES_MARKER)
    return _marked(text, "journeyctl", "\n", _TEXT_MARKER)


def _marked(text: AnyStr, word: AnyStr, newline: AnyStr, marker: re.Pattern[AnyStr]) -> bool:
    """Whether `marker` matches at the start of a line holding `word`: the lines without the
    word are skipped by a plain search (a regular expression tried at every line start of a
    large file, a drawing being overwritten, costs tens of milliseconds)."""
    found = text.find(word)
    while found >= 0:
        if marker.match(text, text.rfind(newline, 0, found) + 1):
            return True
        found = text.find(word, text.find(newline, found) + 1 or len(text))
    return False


def lenient_text(raw: bytes) -> str:
    """The decoded text of a file, with anything that is not text replaced: for quick tests
    (`looks_like_journeyctl`) before a file is loaded, never for loading it."""
    try:
        return decode(raw)
    except LoadError:
        return raw.decode("utf-8", "replace")

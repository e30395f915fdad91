"""The one writer: every file journeyctl writes goes through `write_file`.

A write is atomic (a temporary file in the same directory, flushed to disk, then renamed over
the target), so a crash never leaves half a file behind, and it never destroys what the user
gave: `check_target` refuses, with one line naming the path,

- any input of the run (compared after resolving symbolic links);
- any existing journeyctl file (a top-level `journeyctl:` key), input or not, and a
  `pyproject.toml` that holds journeyctl's settings (a `[tool.journeyctl]` table);
- a directory, a FIFO, a device, a socket or anything else that is not a regular file;
- a symbolic link to any of these.

A symbolic link to a plain file is replaced by the new file; the file it pointed at is left
alone. `fmt`, whose job is rewriting journeyctl files, says so with `replace_input=True` for
the one file it formats: that file is then the only input and the only journeyctl file the
write may replace.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from journeyctl.core.errors import UsageError
from journeyctl.workspace.root import TOOL_TABLE


class WriteRefused(UsageError):
    """A target that journeyctl must not write: an input, a journeyctl file, not a file."""


def check_target(path: Path, inputs: Iterable[Path] = (), *, replace_input: bool = False) -> None:
    """Raise WriteRefused, naming `path`, when writing it could destroy something.

    With `replace_input`, `path` is the input being rewritten (fmt): it must be a regular
    file, and may be an input and a journeyctl file.
    """
    found = _existing(path)
    if found is None:
        return  # nothing there, or a dangling link: the new file replaces the link itself
    target, named = found
    if stat.S_ISDIR(target.st_mode):
        raise WriteRefused(f"{named} is a directory: refusing to write a file over it")
    if not stat.S_ISREG(target.st_mode):
        raise WriteRefused(
            f"{named} is not a regular file (a FIFO, device or socket): refusing to write to it"
        )
    if replace_input:
        return
    if _holds_journeyctl(path, target):
        raise WriteRefused(f"{named} is a journeyctl file: refusing to overwrite it with output")
    if any(_same(target, path, other) for other in inputs):
        raise WriteRefused(f"{named} is an input file: refusing to overwrite it")


def _existing(path: Path) -> tuple[os.stat_result, str] | None:
    """What is at `path`, links followed, and how to name it; None when nothing is there."""
    try:
        link = path.lstat()
        target = path.stat()
    except FileNotFoundError:
        return None
    except OSError as error:  # a symbolic-link loop, a file where a folder should be, ...
        raise WriteRefused(f"{path}: cannot write: {error.strerror or error}") from None
    through = " (a symbolic link)" if stat.S_ISLNK(link.st_mode) else ""
    return target, f"{path}{through}"


def write_file(
    path: Path,
    data: str | bytes,
    inputs: Sequence[Path] = (),
    *,
    replace_input: bool = False,
    parents: bool = False,
) -> None:
    """Check the target (see `check_target`), then write it atomically.

    `parents` creates missing folders. UsageError for a refused target or a failed write.
    """
    check_target(path, inputs, replace_input=replace_input)
    try:
        if parents:
            path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomic(path, data.encode("utf-8") if isinstance(data, str) else data)
    except OSError as error:
        raise UsageError(f"{path}: cannot write: {error.strerror or error}") from None


def write_files(files: dict[Path, str | bytes]) -> list[Path]:
    """Write every file, or none: all-or-nothing `write_file` for a set of new files.

    Every target is checked first (see `check_target`; its folder must be, or be creatable
    as, a writable directory); should a write still fail, the files written and the folders
    made are removed again. Returns the paths written.
    """
    for path in files:
        check_target(path)
        _check_folder(path.parent)
    written: list[Path] = []
    made: list[Path] = []
    try:
        for path, data in files.items():
            _make_folder(path.parent, made)
            write_file(path, data)
            written.append(path)
    except UsageError:
        for path in reversed(written):
            path.unlink(missing_ok=True)
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    return written


def _check_folder(folder: Path) -> None:
    """Raise WriteRefused unless `folder` is, or can be made as, a writable directory."""
    existing = folder
    while not existing.is_dir():
        if existing.is_symlink() or existing.exists():
            raise WriteRefused(f"{existing}: exists and is not a directory; nothing written")
        if existing.parent == existing:
            break
        existing = existing.parent
    if not os.access(existing, os.W_OK | os.X_OK):
        raise WriteRefused(f"{existing}: cannot write there (permission denied); nothing written")


def _make_folder(folder: Path, made: list[Path]) -> None:
    """Make `folder` and its missing parents, recording each one made."""
    missing: list[Path] = []
    while not folder.is_dir():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        try:
            path.mkdir()
        except OSError as error:
            raise UsageError(f"{path}: cannot create: {error.strerror or error}") from None
        made.append(path)


def _same(target: os.stat_result, path: Path, other: Path) -> bool:
    """Whether `path` (whose stat is `target`) is the file `other`, links resolved."""
    try:
        if path.resolve() == other.resolve():
            return True
        found = other.stat()
    except (OSError, RuntimeError):  # RuntimeError: a symbolic-link loop
        return False
    return (found.st_dev, found.st_ino) == (target.st_dev, target.st_ino)


_NOT_JOURNEYCTL: set[tuple[str, int, int, int, int, int]] = set()
"""Files read and found to be no journeyctl file, by identity and version: a command checks
its output file before it draws and again when it writes, and reads it only once."""


def _holds_journeyctl(path: Path, target: os.stat_result) -> bool:
    from journeyctl.workspace.discover import is_journeyctl

    version = (target.st_dev, target.st_ino, target.st_size, target.st_mtime_ns, target.st_ctime_ns)
    if (path.name, *version) in _NOT_JOURNEYCTL:
        return False
    try:
        data = path.read_bytes()
    except OSError as error:
        raise WriteRefused(f"{path}: cannot write: {error.strerror or error}") from None
    if path.name == "pyproject.toml" and TOOL_TABLE.search(data):
        return True  # the project's settings live there
    if is_journeyctl(data):
        return True
    _NOT_JOURNEYCTL.add((path.name, *version))
    return False


def write_own_file(path: Path, payload: bytes) -> None:
    """Write a file in a folder journeyctl owns (its cache, `workspace.cache`) atomically,
    without the checks `write_file` makes for the user's files; OSError when it cannot."""
    _write_atomic(path, payload)


def create_private_file(path: Path, payload: bytes) -> bool:
    """Create `path` with `payload`, readable by its owner only, unless it exists (then leave
    it, and return False): written beside it first, then linked into place, so that no reader
    ever sees it half written. OSError when it cannot be made."""
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:  # mkstemp makes it mode 0600
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temp_name, path)
        except FileExistsError:
            return False
        return True
    finally:
        Path(temp_name).unlink(missing_ok=True)


def _write_atomic(path: Path, payload: bytes) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename it over `path`."""
    directory = path.parent if str(path.parent) else Path()
    mode = _mode_for(path)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temp_name).chmod(mode)
        Path(temp_name).replace(path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; give a new file the usual umask-based ones."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


SUFFIX_FORMATS: dict[str, str] = {
    ".svg": "svg",
    ".png": "png",
    ".pdf": "pdf",
    ".dot": "dot",
    ".gv": "dot",
    ".mmd": "mmd",
    ".mermaid": "mmd",
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
}
"""Output file suffixes and the format each one asks for (render and diff read one table)."""


def format_of(path: Path | None) -> str | None:
    """The format an output file's suffix asks for, or None."""
    return SUFFIX_FORMATS.get(path.suffix.lower()) if path is not None else None

"""Writing files so that a crash never leaves a half-written one behind."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write to a temporary file beside `path`, then rename it over `path`."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = path.parent if str(path.parent) else Path()
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        Path(temp_name).chmod(_mode_for(path))
        Path(temp_name).replace(path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def write_report(path: Path, data: str | bytes) -> None:
    """Write a report atomically, but never over a journeyctl file: that would lose an input.

    Reports (lint output, baselines, diffs) are never journeyctl files, so a path that holds
    one is a slip such as `lint journey.yaml -o journey.yaml`; it is a usage error.
    """
    from journeyctl.core.errors import UsageError
    from journeyctl.workspace.discover import lenient_text, looks_like_journeyctl

    try:
        existing = path.read_bytes() if path.is_file() else b""
    except OSError:
        existing = b""
    if looks_like_journeyctl(lenient_text(existing)):
        raise UsageError(f"{path} is a journeyctl file: refusing to overwrite it with a report")
    write_atomic(path, data)


def emit(text: str, output_file: Path | None) -> None:
    """Print a report, or write it with `write_report`; reporters end their text with a newline."""
    if output_file is None:
        sys.stdout.write(text)
        return
    from journeyctl.core.errors import UsageError

    try:
        write_report(output_file, text)
    except OSError as error:
        raise UsageError(f"{output_file}: cannot write: {error.strerror or error}") from None


def stdout_has_color() -> bool:
    """Colour on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it."""
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; give a new file the usual umask-based ones."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask

"""The repository root: where CI tools (GitHub code scanning, annotations) expect paths from."""

from __future__ import annotations

import os
import re
from pathlib import Path

ROOT_MARKERS = (".git", "journeyctl.yaml", "journeyctl.yml", ".journeyctl.yaml")
"""A git work tree's top (`.git` is a folder, or a file in a worktree), else a settings root."""


TOOL_TABLE = re.compile(rb"^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*[\"']?journeyctl\b", re.MULTILINE)
"""A `[tool.journeyctl]` (or `[tool.journeyctl.rules]`) table header in a pyproject.toml."""


def repository_root(start: Path | None = None) -> Path:
    """The nearest folder at or above `start` (default: the current one) holding `.git`; else
    the nearest holding a journeyctl settings file; else `start` itself. No git process runs."""
    here = Path(os.path.abspath(start or Path.cwd()))  # noqa: PTH100 - keep symlinked names
    chain = [here, *here.parents]
    for markers in (ROOT_MARKERS[:1], ROOT_MARKERS[1:]):
        for folder in chain:
            if any(os.path.lexists(folder / marker) for marker in markers):
                return folder
    return here


def project_root(start: Path | None = None) -> Path:
    """The nearest folder at or above `start` (default: the current one) with a journeyctl
    settings file (`journeyctl.yaml` or a pyproject.toml with `[tool.journeyctl]`), else the
    top of its git work tree, else `start`."""
    here = Path(os.path.abspath(start or Path.cwd()))  # noqa: PTH100 - keep symlinked names
    chain = [here, *here.parents]
    for folder in chain:
        if any(os.path.lexists(folder / name) for name in ROOT_MARKERS[1:]):
            return folder
        if _has_tool_table(folder / "pyproject.toml"):
            return folder
    return next((f for f in chain if os.path.lexists(f / ROOT_MARKERS[0])), here)


def _has_tool_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_bytes() if pyproject.is_file() else b""
    except OSError:
        return False
    return TOOL_TABLE.search(text) is not None


def from_root(path: str, root: Path) -> str:
    """A path as shown (relative to the current directory, or absolute) made relative to
    `root`, with forward slashes, as CI tools place files; one outside `root` as it is."""
    absolute = Path(os.path.abspath(path))  # noqa: PTH100 - keep symlinked names
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return path

"""Where each team missing from the owners registry is named: `file:line` places.

Lint keeps a document's data, not its positions; the few files that name a team the registry
lacks are parsed again, each once, to turn document paths into line numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from journeyctl.lint.result import FileResult
from journeyctl.workspace.load import LoadError, locate, read_yaml

Where = tuple[str | int, ...]
"""A path into a document, as `workspace.load.locate` takes it."""


def places(missing: Sequence[tuple[FileResult, str, Where]]) -> dict[str, list[str]]:
    """Team -> its `file:line` places, in file and line order; teams sorted by id."""
    by_file: dict[Path, list[tuple[str, Where]]] = {}
    shown: dict[Path, str] = {}
    for result, team, where in missing:
        by_file.setdefault(result.target.path, []).append((team, where))
        shown[result.target.path] = result.target.display
    spots: dict[str, list[tuple[str, int]]] = {}
    for path, references in by_file.items():
        lines = _lines(path, [where for _, where in references])
        for (team, _), line in zip(references, lines, strict=True):
            spots.setdefault(team, []).append((shown[path], line))
    return {
        team: [f"{file}:{line}" if line else file for file, line in sorted(found)]
        for team, found in sorted(spots.items())
    }


def _lines(path: Path, paths: list[Where]) -> list[int]:
    """The line of each document path in the file; 0 for all when it no longer loads."""
    try:
        root = read_yaml(path).root
    except (OSError, LoadError):
        return [0] * len(paths)
    return [locate(root, where)[0] for where in paths]

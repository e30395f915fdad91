"""The lines of the CODEOWNERS section: one per journeyctl file, naming the GitHub handles of the
teams that own its steps, so a pull request that touches a journey asks them for review.

A file's teams are the effective owners of its steps (a step's owner, else its stage's) and
the document's own `owner` (accountable for the whole journey); opportunity owners act on an
idea, they do not review the map. Each pattern is the file's path from the repository root,
anchored with `/`; characters CODEOWNERS reads as syntax (space, `\\`, `*`, `?`, `[`, `]`,
`#`) are escaped with a backslash, as in gitignore. A file none of whose teams has a handle
gets a comment line instead of a rule: a rule without owners would take the file away from
any broader rule above the section.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from journeyctl.owners.matrix import DocumentOwnership, Ownership

_SPECIAL = re.compile(r"([\\ *?\[\]#])")
_UNWRITABLE = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")
"""Characters no CODEOWNERS line can hold: line breaks, tabs, other controls, and the bytes
of a file name that is not UTF-8."""


@dataclass
class Rules:
    """The section's body, and what could not go into it."""

    lines: list[str] = field(default_factory=list)
    without_handle: list[str] = field(default_factory=list)
    """Teams (sorted) that own steps or files but have no `github` handle: left out."""
    outside: list[str] = field(default_factory=list)
    """Files (as shown) outside the repository root: CODEOWNERS cannot name them."""
    unnamable: list[str] = field(default_factory=list)
    """Files (as shown) whose names CODEOWNERS cannot hold (a line break, a tab, ...)."""


def rules(report: Ownership, root: Path) -> Rules:
    """One line per journey or workflow under `root`, in path order."""
    found = Rules()
    missing: set[str] = set()
    by_pattern: dict[str, list[str]] = {}
    for document in report.documents:
        relative = _relative(document.file, root)
        if relative is None:
            found.outside.append(document.path)
            continue
        if _UNWRITABLE.search(relative):
            found.unnamable.append(document.path)
            continue
        handles = _handles(document, report, missing)
        by_pattern[pattern(relative)] = handles
    for path_pattern, handles in sorted(by_pattern.items()):
        if handles:
            found.lines.append(f"{path_pattern} {' '.join(handles)}")
        else:
            found.lines.append(f"# {path_pattern}: no owning team has a github handle")
    found.without_handle = sorted(missing)
    return found


def pattern(relative: str) -> str:
    """A path from the repository root as a CODEOWNERS pattern that matches only that file."""
    return "/" + _SPECIAL.sub(r"\\\1", relative)


def document_teams(document: DocumentOwnership) -> list[str]:
    """The teams that review a file: its steps' effective owners and its own owner."""
    teams = set(document.step_owners)
    if document.owner is not None:
        teams.add(document.owner)
    return sorted(teams)


def _handles(document: DocumentOwnership, report: Ownership, missing: set[str]) -> list[str]:
    handles: set[str] = set()
    for team_id in document_teams(document):
        team = report.team(team_id)
        if team is None or team.github is None:
            missing.add(team_id)
        else:
            handles.add(team.github)
    return sorted(handles, key=lambda handle: (handle.lower(), handle))


def _relative(file: Path, root: Path) -> str | None:
    """The file's path from `root` with forward slashes; None when it is outside."""
    absolute = Path(os.path.abspath(file))  # noqa: PTH100 - keep symbolic links' names
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return None

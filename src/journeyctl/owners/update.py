"""`--codeowners FILE`: bring the journeyctl section of a CODEOWNERS file up to date.

Paths in the section are from the repository root: the nearest folder above the CODEOWNERS
file that holds `.git`, else the nearest that holds journeyctl's settings. The file is
written through the one writer (atomic; it refuses an input or a journeyctl file), and only
when its text changes, so a second run leaves it (and its modification time) alone.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from journeyctl.core.errors import UsageError
from journeyctl.owners.codeowners import Rules, rules
from journeyctl.owners.matrix import Ownership
from journeyctl.owners.section import Spliced, splice
from journeyctl.workspace.read import read_regular
from journeyctl.workspace.root import repository_root
from journeyctl.workspace.write import check_target, write_file


@dataclass(frozen=True)
class Update:
    """What `update` found: the section's lines, the new text, and whether it differs."""

    rules: Rules
    spliced: Spliced
    stale: bool
    created: bool


def update(
    report: Ownership, path: Path, name: str, inputs: Sequence[Path], *, check: bool = False
) -> Update:
    """Put the section into the file at `path` (shown as `name`), unless `check`.

    UsageError for a target the writer refuses, a folder that does not exist, a file that
    cannot be read, or broken markers.
    """
    check_target(path, inputs)
    existing = _read(path, name, check)
    root = repository_root(Path(os.path.abspath(path)).parent)  # noqa: PTH100 - keep links
    found = rules(report, root)
    spliced = splice(existing or "", found.lines, name)
    stale = existing is None or spliced.text != existing
    if stale and not check:
        write_file(path, spliced.text.encode("utf-8", "surrogateescape"), inputs)
    return Update(found, spliced, stale, created=existing is None)


def _read(path: Path, name: str, check: bool) -> str | None:
    """The file's text (bytes that are not UTF-8 kept as they are); None when it is missing."""
    try:
        raw = read_regular(path)
    except FileNotFoundError:
        if not check and not path.parent.is_dir():
            raise UsageError(
                f"{name}: cannot write: folder {path.parent} does not exist (create it first)"
            ) from None
        return None
    except OSError as error:
        raise UsageError(f"{name}: cannot read: {error.strerror or error}") from None
    return raw.decode("utf-8", "surrogateescape")

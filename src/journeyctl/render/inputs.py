"""Reading the documents to draw: one file, checked as `journeyctl lint` would check it.

A file named on the command line that cannot be read or is not a valid journey or workflow
raises `NotDrawable` (one line with its file:line:col); in a directory, the caller skips
such a file with a warning.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from journeyctl.core.errors import JourneyError

if TYPE_CHECKING:
    from journeyctl.core.model import Flow
    from journeyctl.render.marks import Marks


class NotDrawable(JourneyError):
    """A file that cannot be drawn, and why (with file:line:col where known)."""


def read_flow(path: Path, display: str, explicit: bool) -> Flow | None:
    """Load and validate one file; None for a file that is not a journey or workflow.

    A file that cannot be read, parsed or validated raises NotDrawable; so does a named
    (`explicit`) file that is not a journeyctl file or is a persona.
    """
    from journeyctl.core.model import Flow
    from journeyctl.core.validation import Invalid, validate_document
    from journeyctl.lint.engine import MARKER
    from journeyctl.workspace.load import LoadError, locate, parse_yaml

    try:
        raw = path.read_bytes()
    except OSError as error:
        raise NotDrawable(f"{display}: cannot read: {error.strerror or error}") from None
    if not explicit and MARKER.search(raw) is None:
        return None
    try:
        loaded = parse_yaml(raw, path)
    except LoadError as error:
        raise NotDrawable(f"{display}:{error.line}:{error.column}: {error.message}") from None
    if "journeyctl" not in loaded.data:
        if not explicit:
            return None
        raise NotDrawable(f"{display}: not a journeyctl file (it needs `journeyctl: 1` first)")
    try:
        doc = validate_document(loaded.data)
    except Invalid as invalid:
        first = invalid.problems[0]
        line, column = locate(loaded.root, first.where, first.at_key)
        more = len(invalid.problems) - 1
        hint = f" (and {more} more; `journeyctl lint {display}` lists them)" if more else ""
        raise NotDrawable(f"{display}:{line}:{column}: {first.message}{hint}") from None
    if not isinstance(doc, Flow):
        if not explicit:
            return None
        raise NotDrawable(f"{display}: a persona has no steps to draw; render its journeys")
    return doc


def marks_for(path: Path, lint: bool) -> Callable[[Path], Marks]:
    """What `journeyctl lint` finds under `path`, by file (nothing unless `lint`)."""
    from journeyctl.render.marks import Marks, lint_marks

    found = lint_marks([path]) if lint else {}
    return lambda file: found.get(file.resolve(), Marks())

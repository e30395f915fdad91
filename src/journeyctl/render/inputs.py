"""Reading the documents to draw: one file, checked as `journeyctl lint` would check it.

A file named on the command line that cannot be read or is not a valid journey or workflow
raises `NotDrawable` (one line with its file:line:col); in a directory, the caller skips
such a file with a warning, and names a file it cannot read at all (`Unreadable`) as an error.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from journeyctl.core.errors import JourneyError

if TYPE_CHECKING:
    from journeyctl.core.model import Flow, Journey, Persona, Workflow
    from journeyctl.render.marks import Linted


class NotDrawable(JourneyError):
    """A file that cannot be drawn, and why (with file:line:col where known)."""


class Unreadable(NotDrawable):
    """A file that cannot be read at all (a FIFO, a link loop, no permission): in a directory
    it is named and the run exits 2, as `lint` and `fmt` do."""


def read_flow(
    path: Path, display: str, explicit: bool, known: Journey | Workflow | Persona | None = None
) -> Flow | None:
    """Load and validate one file; None for a file that is not a journey or workflow.

    `known` is the document when lint loaded it already (`render --lint`). A file that cannot
    be read, parsed or validated raises NotDrawable; so does a named (`explicit`) file that is
    not a journeyctl file or is a persona.
    """
    from journeyctl.core.model import Flow

    doc = known if known is not None else _read_document(path, display, explicit)
    if doc is None:
        return None
    if not isinstance(doc, Flow):
        if not explicit:
            return None
        raise NotDrawable(f"{display}: a persona has no steps to draw; render its journeys")
    return doc


def _read_document(path: Path, display: str, explicit: bool) -> Journey | Workflow | Persona | None:
    from journeyctl.core.validation import Invalid, validate_document
    from journeyctl.workspace.discover import journeyctl_document
    from journeyctl.workspace.lifetime import hold
    from journeyctl.workspace.load import LoadError, locate
    from journeyctl.workspace.read import read_regular

    try:
        raw = read_regular(path)
    except OSError as error:
        raise Unreadable(f"{display}: cannot read: {error.strerror or error}") from None
    loaded = journeyctl_document(raw, path, explicit)
    if loaded is None:
        return None
    if isinstance(loaded, LoadError):
        raise NotDrawable(f"{display}:{loaded.line}:{loaded.column}: {loaded.message}")
    if "journeyctl" not in loaded.data:
        raise NotDrawable(f"{display}: not a journeyctl file (it needs `journeyctl: 1` first)")
    try:
        doc = validate_document(loaded.data)
    except Invalid as invalid:
        first = invalid.problems[0]
        line, column = locate(loaded.root, first.where, first.at_key)
        more = len(invalid.problems) - 1
        hint = f" (and {more} more; `journeyctl lint {display}` lists them)" if more else ""
        raise NotDrawable(f"{display}:{line}:{column}: {first.message}{hint}") from None
    hold(doc, len(raw))
    return doc


def marks_for(path: Path, lint: bool) -> Linted:
    """What `journeyctl lint` finds under `path`, by file, and the documents it loaded (so
    that a linted file is not loaded twice); nothing unless `lint`."""
    from journeyctl.render.marks import Linted, lint_documents

    return lint_documents([path]) if lint else Linted()

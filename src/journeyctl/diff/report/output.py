"""The picture of a diff: the flow view of one journey's change, as DOT or drawn by Graphviz.

The glue between a `DiffReport` and `journeyctl.diff.report.picture` (which builds the DOT)
and `journeyctl.render.output` (which runs Graphviz): `journeyctl diff -f svg` and
`journeyctl render --diff` both come here.
"""

from __future__ import annotations

from journeyctl.core.errors import UsageError
from journeyctl.core.model import Flow
from journeyctl.diff import DiffReport, DocumentDiff

PICTURE_FORMATS = ("svg", "png", "pdf", "dot")
"""The formats a diff can be drawn in."""


def picture_source(report: DiffReport) -> str:
    """The DOT of the one journey the report compared; UsageError for more, or a persona."""
    from journeyctl.diff.report.picture import diff_source

    if len(report.diffs) != 1:
        raise UsageError(
            f"a picture shows one journey, and {len(report.diffs)} changed: "
            "give OLD NEW (or --journey ID), or use --format markdown"
        )
    diff, (old, new) = report.diffs[0], report.documents[0]
    if not isinstance(old, Flow | None) or not isinstance(new, Flow | None):
        raise UsageError("a persona has no flow to draw; use --format text or markdown")
    return diff_source(old, new, diff.changes, picture_title(diff))


def draw_picture(dot_source: str, output_format: str) -> str | bytes:
    """The DOT text itself for `dot`; otherwise what Graphviz draws from it."""
    if output_format == "dot":
        return dot_source
    from journeyctl.render import Format
    from journeyctl.render.output import find_dot, run_dot

    return run_dot(dot_source, Format(output_format), find_dot()).data


def picture_title(diff: DocumentDiff) -> str:
    """``changes from current to optimized``, or between the two files (or git revisions)."""
    if diff.old is None or diff.new is None:
        return f"new file {diff.new.label}" if diff.new else f"deleted {diff.subject.label}"
    if diff.old.state != diff.new.state:
        return f"changes from {diff.old.state} to {diff.new.state}"
    return f"changes from {diff.old.label} to {diff.new.label}"

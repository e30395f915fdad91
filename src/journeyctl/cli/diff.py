"""`journeyctl diff`: a semantic diff of journeys for review (design §5).

Three ways to name what to compare:

- ``journeyctl diff OLD NEW``: each side a file or ``REV:path`` read from git;
- ``journeyctl diff --base REV [PATHS...]``: every journeyctl file that changed since REV
  (added, deleted and renamed files included), against the working tree;
- ``journeyctl diff --journey ID [DIR]``: the `current` and `optimized` documents with that id.

This module is the command line and the drawing of a diff; `journeyctl.diff.inputs` finds
and loads the sides (linted as `lint` would, so the findings a change introduces or fixes are
the document's doing; a side that does not load is an input error: exit code 2) and
`journeyctl.diff` compares them. Only Typer and the standard library are imported at the top;
the rest inside the command.
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from journeyctl.core.errors import UsageError

if TYPE_CHECKING:
    from journeyctl.diff import DocumentDiff
    from journeyctl.diff.report import DiffReport


class DiffFormat(enum.StrEnum):
    """Formats of `journeyctl diff`: reports, and pictures (the flow view, coloured)."""

    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"
    SVG = "svg"
    PNG = "png"
    PDF = "pdf"
    DOT = "dot"

    @property
    def is_picture(self) -> bool:
        """Whether this format draws the flow view rather than writing a report."""
        return self in (DiffFormat.SVG, DiffFormat.PNG, DiffFormat.PDF, DiffFormat.DOT)


_SUFFIX_FORMATS = {
    ".md": DiffFormat.MARKDOWN,
    ".markdown": DiffFormat.MARKDOWN,
    ".json": DiffFormat.JSON,
    ".svg": DiffFormat.SVG,
    ".png": DiffFormat.PNG,
    ".pdf": DiffFormat.PDF,
    ".dot": DiffFormat.DOT,
    ".gv": DiffFormat.DOT,
}


class FailOnNew(enum.StrEnum):
    """Which findings introduced by the change make `journeyctl diff` exit 1."""

    NEW_ERRORS = "new-errors"
    NEW_WARNINGS = "new-warnings"


def diff(
    sides: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="OLD NEW | PATHS...",
            help="Two files to compare, each a path or REV:path (e.g. "
            "origin/main:journeys/onboarding.yaml). With --base: paths to limit the search "
            "(default: everything). With --journey: the directory to search (default: .).",
            show_default=False,
        ),
    ] = None,
    base: Annotated[
        str | None,
        typer.Option(
            "--base",
            metavar="REV",
            help="Diff every journeyctl file that changed since this git revision (from where "
            "HEAD branched off it, as a pull request does) against the working tree.",
        ),
    ] = None,
    journey: Annotated[
        str | None,
        typer.Option(
            "--journey",
            metavar="ID",
            help="Diff the current and the optimized document with this id.",
        ),
    ] = None,
    output_format: Annotated[
        DiffFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text (colour on a terminal), markdown (a pull-request comment), json; or "
            "a picture of the flow with added steps green, changed amber, removed red and "
            "dashed: svg, png, pdf (these need Graphviz) or dot. Default: from the suffix of "
            "--output-file, else text.",
            show_default=False,
        ),
    ] = None,
    output_file: Annotated[
        Path | None,
        typer.Option("--output-file", "-o", help="Write the diff to this file, not stdout."),
    ] = None,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit 1 when there is any difference, as git diff does."),
    ] = False,
    fail_on: Annotated[
        FailOnNew | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when the change introduces findings at this level: new-errors, or "
            "new-warnings (warnings and errors).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Show what changed between two versions of a journey, and whether the map got worse.

    Stages and steps are matched by id: moves, renames and field changes per stage; pain
    points, opportunities, owners, emotion and targets before and after; and the lint
    findings the change introduces and fixes.
    """
    from journeyctl.core.finding import Severity
    from journeyctl.diff.inputs import build_report
    from journeyctl.diff.report import render_report
    from journeyctl.workspace.write import emit, stdout_has_color

    report = build_report(sides or [], base, journey)  # with the collector paused
    chosen = output_format or _SUFFIX_FORMATS.get(
        output_file.suffix.lower() if output_file else "", DiffFormat.TEXT
    )
    if chosen.is_picture:
        _draw(report, chosen, output_file)
    else:
        color = output_file is None and chosen is DiffFormat.TEXT and stdout_has_color()
        text = render_report(report, chosen.value, color=color)
        if not report.diffs and base is not None:
            typer.echo(f"journeyctl: no journeyctl file changed since {base}", err=True)
        emit(text, output_file)
    if fail_on is not None:
        threshold = Severity.ERROR if fail_on is FailOnNew.NEW_ERRORS else Severity.WARNING
        introduced = [f for d in report.diffs for f in d.findings.introduced]
        if any(finding.severity >= threshold for finding in introduced):
            raise typer.Exit(1)
    if exit_code and any(d.status != "unchanged" for d in report.diffs):
        raise typer.Exit(1)


def draw_diff(
    old: str, new: str, output_file: Path | None, output_format: str | None = None
) -> None:
    """Draw the changes from `old` to `new` (each a file or REV:path) as the flow view.

    The entry point for ``journeyctl render --diff OLD NEW -o OUT``: the format is
    `output_format` (svg, png, pdf or dot), else the suffix of `output_file`, else dot.
    UsageError for bad input, as everywhere.
    """
    from journeyctl.diff.inputs import build_report

    chosen = DiffFormat(output_format) if output_format else None
    if chosen is None and output_file is not None:
        chosen = _SUFFIX_FORMATS.get(output_file.suffix.lower())
    chosen = chosen or DiffFormat.DOT
    if not chosen.is_picture:
        raise UsageError(f"cannot draw a diff as {chosen.value}: use svg, png, pdf or dot")
    report = build_report([old, new], None, None)
    _draw(report, chosen, output_file)


def _draw(report: DiffReport, output_format: DiffFormat, output_file: Path | None) -> None:
    """Draw the flow view of one journey's diff and write it."""
    from journeyctl.core.model import Flow
    from journeyctl.diff.report.picture import diff_source
    from journeyctl.workspace.write import emit

    if len(report.diffs) != 1:
        raise UsageError(
            f"a picture shows one journey, and {len(report.diffs)} changed: "
            "give OLD NEW (or --journey ID), or use --format markdown"
        )
    diff, (old, new) = report.diffs[0], report.documents[0]
    if not isinstance(old, Flow | None) or not isinstance(new, Flow | None):
        raise UsageError("a persona has no flow to draw; use --format text or markdown")
    binary = output_format in (DiffFormat.PNG, DiffFormat.PDF)
    if binary and output_file is None and sys.stdout.isatty():
        raise UsageError(f"{output_format.value} is binary: write it with -o FILE")
    source = diff_source(old, new, diff.changes, _picture_title(diff))
    if output_format is DiffFormat.DOT:
        emit(source, output_file)
        return
    from journeyctl.render import Format
    from journeyctl.render.output import find_dot, run_dot, write_output

    drawn = run_dot(source, Format(output_format.value), find_dot())
    if output_file is None:
        sys.stdout.buffer.write(drawn.data)
        sys.stdout.flush()
    else:
        write_output(output_file, drawn.data)


def _picture_title(diff: DocumentDiff) -> str:
    """``changes from current to optimized``, or between the two files (or git revisions)."""
    if diff.old is None or diff.new is None:
        return f"new file {diff.new.label}" if diff.new else f"deleted {diff.subject.label}"
    if diff.old.state != diff.new.state:
        return f"changes from {diff.old.state} to {diff.new.state}"
    return f"changes from {diff.old.label} to {diff.new.label}"

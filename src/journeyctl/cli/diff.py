"""`journeyctl diff`: a semantic diff of journeys for review (design §5).

Three ways to name what to compare:

- ``journeyctl diff OLD NEW``: each side a file or ``REV:path`` read from git;
- ``journeyctl diff --base REV [PATHS...]``: every journeyctl file that changed since REV
  (added, deleted and renamed files included), against the working tree;
- ``journeyctl diff --journey ID [DIR]``: the `current` and `optimized` documents with that id.

This module is the command line: `journeyctl.diff.inputs` finds and loads the sides (linted
as `lint` would, so the findings a change introduces or fixes are the document's doing; a
side that does not load is an input error: exit code 2), `journeyctl.diff` compares them,
`journeyctl.diff.report` writes the report and `journeyctl.diff.report.output` draws the
picture. Only Typer and the standard library are imported at the top; the rest inside the
command.
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from journeyctl.cli.options import output_option
from journeyctl.core.errors import UsageError

if TYPE_CHECKING:
    from journeyctl.diff import DiffReport


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

    @classmethod
    def of_file(cls, path: Path | None) -> DiffFormat | None:
        """The format an output file's suffix asks for, if it is one of these."""
        from journeyctl.workspace.write import format_of

        name = format_of(path)
        return next((member for member in cls if member.value == name), None)


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
            "a picture of the flow with added steps green, changed orange, moved purple and "
            "dotted, removed red and dashed: svg, png, pdf (these need Graphviz) or dot. "
            "Default: from the suffix of "
            "--output-file, else text.",
            show_default=False,
        ),
    ] = None,
    output_file: Annotated[
        Path | None, output_option("Write the diff to this file, not stdout.")
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
    inputs = [Path(side) for side in sides or []]
    report = _build(sides or [], base, journey)
    chosen = output_format or DiffFormat.of_file(output_file) or DiffFormat.TEXT
    if chosen.is_picture:
        _write_picture(report, chosen, output_file, inputs)
    else:
        _write_report(report, chosen, output_file, inputs, base)
    raise typer.Exit(_exit_code(report, fail_on, exit_code))


def draw_diff(
    old: str, new: str, output_file: Path | None, output_format: str | None = None
) -> None:
    """Draw the changes from `old` to `new` (each a file or REV:path) as the flow view.

    The entry point for ``journeyctl render --diff OLD NEW -o OUT``: the format is
    `output_format` (svg, png, pdf or dot), else the suffix of `output_file`, else dot.
    UsageError for bad input, as everywhere.
    """
    chosen = DiffFormat(output_format) if output_format else DiffFormat.of_file(output_file)
    chosen = chosen or DiffFormat.DOT
    if not chosen.is_picture:
        raise UsageError(f"cannot draw a diff as {chosen.value}: use svg, png, pdf or dot")
    report = _build([old, new], None, None)
    _write_picture(report, chosen, output_file, [Path(old), Path(new)])


def _build(sides: list[str], base: str | None, journey: str | None) -> DiffReport:
    """Load and compare the sides (the loader pauses the garbage collector)."""
    from journeyctl.diff.inputs import build_report

    return build_report(sides, base, journey)


def _write_report(
    report: DiffReport,
    chosen: DiffFormat,
    output_file: Path | None,
    inputs: list[Path],
    base: str | None,
) -> None:
    from journeyctl.cli.present import emit
    from journeyctl.diff.report import render_report
    from journeyctl.workspace.messages import say, stdout_has_color

    color = output_file is None and chosen is DiffFormat.TEXT and stdout_has_color()
    text = render_report(report, chosen.value, color=color)
    if not report.diffs and base is not None:
        say(f"no journeyctl file changed since {base}")
    emit(text, output_file, inputs)


def _write_picture(
    report: DiffReport, output_format: DiffFormat, output_file: Path | None, inputs: list[Path]
) -> None:
    """Draw the flow view of one journey's diff and write it (never over an input)."""
    from journeyctl.cli.present import emit
    from journeyctl.diff.report.output import draw_picture, picture_source
    from journeyctl.workspace.write import check_target

    dot_source = picture_source(report)
    to_stdout = output_file is None or str(output_file) == "-"
    binary = output_format in (DiffFormat.PNG, DiffFormat.PDF)
    if binary and to_stdout and sys.stdout.isatty():
        raise UsageError(f"{output_format.value} is binary: write it with -o FILE")
    if output_file is None or to_stdout:
        emit(draw_picture(dot_source, output_format.value), None)
        return
    from journeyctl.render.output import write_output

    check_target(output_file, inputs)  # before Graphviz runs
    write_output(output_file, draw_picture(dot_source, output_format.value), inputs)


def _exit_code(report: DiffReport, fail_on: FailOnNew | None, exit_code: bool) -> int:
    """1 when the change introduces findings at --fail-on, or differs with --exit-code."""
    from journeyctl.core.finding import Severity

    if fail_on is not None:
        threshold = Severity.ERROR if fail_on is FailOnNew.NEW_ERRORS else Severity.WARNING
        introduced = [f for d in report.diffs for f in d.findings.introduced]
        if any(finding.severity >= threshold for finding in introduced):
            return 1
    if exit_code and any(d.status != "unchanged" for d in report.diffs):
        return 1
    return 0

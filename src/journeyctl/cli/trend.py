"""`journeyctl trend`: how each journey's health moved through git history (issue 12).

The command reads its options, builds the trend (`journeyctl.trend.build`), says on stderr
what a reader should know (nothing changed, a shallow clone) and writes the report. Only
Typer and the standard library are imported at the top; the rest inside the command.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from journeyctl.cli.options import output_option, parse_today


class TrendFormat(enum.StrEnum):
    """Formats of `journeyctl trend`."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    CSV = "csv"


def trend(
    path: Annotated[
        Path,
        typer.Argument(
            metavar="PATH",
            help="A directory inside a git work tree, or one journeyctl file (its history "
            "under this name only; name its directory to follow it through renames).",
        ),
    ],
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="REV",
            help="Only commits after this revision (a tag, branch or commit), e.g. v1.0.",
        ),
    ] = None,
    output_format: Annotated[
        TrendFormat,
        typer.Option(
            "--format",
            "-f",
            help="text (sparklines), json, markdown (a pull-request comment or wiki page), or "
            "csv (one row per point).",
        ),
    ] = TrendFormat.TEXT,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            metavar="DATE",
            help="Count findings as lint would on this day (YYYY-MM-DD; default: today), at "
            "every commit alike, so that a change in findings is the commit's doing.",
            show_default=False,
        ),
    ] = None,
    output_file: Annotated[
        Path | None, output_option("Write the report to this file, not stdout.")
    ] = None,
) -> None:
    """Show how each journey and workflow moved through git history.

    For every commit on HEAD's first-parent history (oldest first) that changed a
    journeyctl file under PATH: the steps, unowned steps, pain points, average emotion, lint
    findings and metrics' actuals of the documents it changed. Documents are followed by
    kind, id and state through renames; a file that does not load at a commit is a point
    with its parse error counted and null numbers. Findings are the file-level lint of each
    version, with its inline suppressions; cross-file checks (personas, duplicate ids) do
    not apply. Files count as `lint PATH` counts them today (include and exclude).
    """
    from journeyctl.cli.present import emit
    from journeyctl.trend.build import build_trend
    from journeyctl.trend.report import report
    from journeyctl.workspace.messages import say

    found = build_trend(path, since, parse_today(today))
    if found.shallow_start is not None:
        say(
            f"note: a shallow clone: history starts at {found.shallow_start[:12]} "
            "(git fetch --unshallow for all of it)"
        )
    if not found.documents:
        where = f" after {since}" if since else ""
        say(
            f"note: no commit on HEAD's first-parent history{where} changed a journeyctl file "
            f"under {path}"
        )
    text = report(found, output_format.value)
    if text or output_file is not None:
        emit(text, output_file, [path])

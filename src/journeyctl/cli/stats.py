"""`journeyctl stats`: how healthy each journey and workflow, each team and the project are.

Lints the paths as `journeyctl lint` does (same settings, include and exclude; each file loaded
once), then reports the numbers. Stats is a report: exit 0 whatever it shows; 2 on bad input
(a path that does not exist, a bad date, a file that cannot be read).
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from journeyctl.cli.options import Today, output_option, parse_today


class StatsFormat(enum.StrEnum):
    """Formats of `journeyctl stats`."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    CSV = "csv"


def stats(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or directories (default: the current directory)."),
    ] = None,
    output_format: Annotated[
        StatsFormat,
        typer.Option("--format", "-f", help="text (a scorecard), json, markdown or csv."),
    ] = StatsFormat.TEXT,
    output_file: Annotated[
        Path | None, output_option("Write the report to this file, not stdout.")
    ] = None,
    today: Today = None,
) -> None:
    """Health per journey and workflow, per team and for the project.

    Per document: steps, unowned steps, pain points addressed, overdue opportunities, missed
    targets, lint findings, evidence, emotion (average and per stage) and the sum of step sla
    along the shortest and longest path. Personas have no steps: the project counts them but
    lists none. A file that does not load is left out of the numbers and named on stderr.
    Exit 0 (a report, whatever it shows); 2 on bad input.
    """
    from journeyctl.cli.present import say_unread
    from journeyctl.lint.engine import lint_paths
    from journeyctl.stats.output import render
    from journeyctl.stats.report import build_report

    day = parse_today(today)
    inputs = paths or [Path()]
    run = lint_paths(inputs, today=day, keep_documents=True)
    report = build_report(run, day)
    left_out = [f"{s.path}:{s.reason} (left out of the stats)" for s in report.skipped]
    say_unread(run.io_errors, run.report.files, left_out)
    color = output_file is None and output_format is StatsFormat.TEXT and _has_color()
    from journeyctl.cli.present import emit

    emit(render(report, output_format.value, color), output_file, inputs)
    raise typer.Exit(2 if run.io_errors else 0)


def _has_color() -> bool:
    from journeyctl.workspace.messages import stdout_has_color

    return stdout_has_color()

"""`journeyctl plan`: every opportunity as a plan item, by priority, owner and date (issue 12).

The command reads its options, loads the documents through `journeyctl.plan.inputs` (lint's
engine: the same paths, settings, include and exclude), builds the plan and writes it in the
chosen format. A file named on the command line that does not load is an error (exit 2, one
line with its file:line:col); in a directory such a file is left out with a warning; a file
that cannot be read at all is named and the run exits 2, as lint does. Only Typer and the
standard library are imported at the top; the rest inside the command.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from journeyctl.cli.options import Today, output_option, parse_today

if TYPE_CHECKING:
    from journeyctl.plan.build import Plan
    from journeyctl.plan.inputs import Inputs


class PlanFormat(enum.StrEnum):
    """Formats of `journeyctl plan`."""

    TEXT = "text"
    MARKDOWN = "markdown"
    CSV = "csv"
    JSON = "json"
    MERMAID = "mermaid"


def plan(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or directories to plan from (default: the current directory)."),
    ] = None,
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner",
            metavar="TEAM",
            help="Only items this team owns (their own owner, else their step's or stage's).",
        ),
    ] = None,
    output_format: Annotated[
        PlanFormat,
        typer.Option(
            "--format",
            "-f",
            help="text (grouped by owner), markdown (a table per owner), csv (for Jira, "
            "Linear or a spreadsheet), json, or mermaid (a gantt chart of dated items by "
            "owner: each a two-week bar ending on its due date; undated and dropped items "
            "are listed in a %% comment).",
        ),
    ] = PlanFormat.TEXT,
    output_file: Annotated[
        Path | None, output_option("Write the plan to this file, not stdout.")
    ] = None,
    today: Today = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Also show done and dropped items.")
    ] = False,
) -> None:
    """Every opportunity as a plan item, by priority, due date and owner; overdue marked."""
    from journeyctl.cli.present import emit
    from journeyctl.plan.build import build_plan
    from journeyctl.plan.inputs import read_inputs

    inputs = paths or [Path()]
    day = parse_today(today)
    found = read_inputs(inputs, day)
    _say_problems(found)
    result = build_plan(found.documents, day, found.registry, owner, show_all)
    emit(_report(result, output_format), output_file, inputs)
    raise typer.Exit(2 if found.io_errors else 0)


def _say_problems(found: Inputs) -> None:
    """Name files that could not be read; fail on a named file that does not load, warn on
    one found in a directory; warn when there was nothing to plan from."""
    from journeyctl.cli.present import say_unread
    from journeyctl.core.errors import UsageError

    for broken in found.broken:
        if broken.explicit:
            raise UsageError(broken.message)
    left_out = [f"warning: {broken.message} (left out of the plan)" for broken in found.broken]
    say_unread(found.io_errors, found.files, left_out)


def _report(result: Plan, chosen: PlanFormat) -> str:
    from journeyctl.plan.gantt import gantt_report
    from journeyctl.plan.json_report import json_report
    from journeyctl.plan.markdown import markdown_report
    from journeyctl.plan.spreadsheet import csv_report
    from journeyctl.plan.text import text_report

    writers = {
        PlanFormat.TEXT: text_report,
        PlanFormat.MARKDOWN: markdown_report,
        PlanFormat.CSV: csv_report,
        PlanFormat.JSON: json_report,
        PlanFormat.MERMAID: gantt_report,
    }
    return writers[chosen](result)

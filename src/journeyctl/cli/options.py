"""Options that more than one command takes, declared once, with the same names everywhere."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import typer

IgnoreForeign = Annotated[
    bool,
    typer.Option(
        "--ignore-foreign",
        help="Skip named files that are not journeyctl files, as in a directory "
        "(for pre-commit, which names every YAML file).",
    ),
]
"""`--ignore-foreign` of `lint` and `fmt` (the pre-commit hooks pass it)."""

OUTPUT_NAMES = ("--output", "-o", "--output-file")
"""Every command that writes a file takes both spellings: `-o/--output` and `--output-file`."""


def output_option(help_text: str, *extra_names: str, metavar: str | None = None) -> Any:
    """The output option of a command that writes: `-o/--output/--output-file` (and any
    `extra_names` a command kept from before), with that command's help."""
    return typer.Option(
        *OUTPUT_NAMES,
        *extra_names,
        metavar=metavar,
        help=help_text,
        show_default=False,
    )


Today = Annotated[
    str | None,
    typer.Option(
        "--today",
        metavar="DATE",
        help="Judge dates (due, reviewed) as on this day, YYYY-MM-DD (default: today), "
        "for a reproducible run.",
        show_default=False,
    ),
]
"""`--today DATE` of every command whose output depends on the date."""


def parse_today(value: str | None) -> date:
    """The day `--today` names, or today; a value that is no YYYY-MM-DD date is a usage error."""
    from journeyctl.core.errors import UsageError

    if value is None:
        return date.today()
    import re

    try:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise UsageError(f"--today: '{value}' is not a date; write it as YYYY-MM-DD")

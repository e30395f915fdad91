"""Options that more than one command takes, declared once."""

from __future__ import annotations

from typing import Annotated

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

"""`journeyctl init`: scaffold a project that lints clean (design §3).

It writes `journeyctl.yaml` (owners, lifecycle, review_every), a persona, a journey with the
five classic stages, the JSON Schemas their modelines point at, and a `.gitignore` line for
journeyctl's cache (added to an existing `.gitignore`). It never overwrites: when
any of those files exists, it names it, writes nothing at all and exits 2.

Only Typer and the standard library are imported at the top; the rest inside the command.
"""

from __future__ import annotations

import os
import shlex
from datetime import date
from pathlib import Path
from typing import Annotated

import typer


def init(
    directory: Annotated[
        Path,
        typer.Argument(help="Where to create the project (created if missing).", show_default=True),
    ] = Path(),
) -> None:
    """Create journeyctl.yaml, a persona and a journey that lints clean, with their schemas."""
    from journeyctl.scaffold import check_free, project_files, write_project
    from journeyctl.workspace.discover import display_path
    from journeyctl.workspace.messages import printable

    files = project_files(date.today(), Path(os.path.abspath(directory)).name)  # noqa: PTH100
    check_free(directory, files)
    for path, verb in write_project(directory, files):
        typer.echo(printable(f"{verb} {display_path(path)}"))
    target = display_path(directory)
    command = "journeyctl lint" if target == "." else f"journeyctl lint {shlex.quote(target)}"
    typer.echo(f"\n{printable(f'next: {command}')}")

"""`journeyctl fmt`: rewrite journeyctl files in canonical key order and layout (design §3).

The formatting itself is `journeyctl.fmt`; this module chooses what to do with the result:
write it (atomically, keeping the file's permissions), list the files that would change
(`--check`) or show the change (`--diff`). A file that cannot be formatted safely is named
with its line and column and left exactly as it is; the others are still formatted, and the
exit code is 2 at the end.

Only Typer and the standard library are imported at the top; the rest inside the command.
"""

from __future__ import annotations

import difflib
import os
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from journeyctl.cli.options import IgnoreForeign

if TYPE_CHECKING:
    from journeyctl.fmt import Outcome


def fmt(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or directories to format (default: the current directory)."),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Write nothing; list the files that would change and exit 1 if any."
        ),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option(
            "--diff",
            help="Write nothing; print a unified diff and exit 1 if anything would change.",
        ),
    ] = False,
    ignore_foreign: IgnoreForeign = False,
) -> None:
    """Put keys in canonical order with two-space indentation, keeping every comment.

    Exit 1 with --check or --diff when a file would change.
    Exit 2 when a file cannot be read or formatted; it is left untouched.
    """
    from journeyctl.fmt import format_paths
    from journeyctl.lint.rules import REGISTRY

    counts = _Counts()
    for outcome in format_paths(paths or [Path()], REGISTRY, ignore_foreign=ignore_foreign):
        _handle(outcome, counts, check=check, diff=diff)
    _summarize(counts, dry_run=check or diff)
    if counts.failed:
        raise typer.Exit(2)
    if counts.changed and (check or diff):
        raise typer.Exit(1)


@dataclass
class _Counts:
    changed: int = 0
    unchanged: int = 0
    failed: int = 0


def _handle(outcome: Outcome, counts: _Counts, check: bool, diff: bool) -> None:
    """Show, list or write one file's result, and count it."""
    from journeyctl.core.errors import JourneyError
    from journeyctl.workspace.messages import printable, say
    from journeyctl.workspace.write import write_file

    if outcome.error is not None:
        say(outcome.error)
        counts.failed += 1
        return
    if not outcome.changed:
        counts.unchanged += 1
        return
    if diff:
        _print_diff(outcome)
    elif check:
        typer.echo(printable(f"would reformat {outcome.display}"))
    else:
        try:
            # through a symbolic link to the file it names, which keeps the link; the one
            # file being formatted is the one input the writer may replace
            write_file(outcome.path.resolve(), outcome.formatted, replace_input=True)
        except JourneyError as error:
            say(str(error))
            counts.failed += 1
            return
        typer.echo(printable(f"reformatted {outcome.display}"))
    counts.changed += 1


def _summarize(counts: _Counts, dry_run: bool) -> None:
    from journeyctl.workspace.messages import say

    if counts.changed + counts.unchanged + counts.failed == 0:
        from journeyctl.workspace.discover import NO_FILES_WARNING

        say(NO_FILES_WARNING)
    else:
        say(_summary(counts.changed, counts.unchanged, counts.failed, dry_run=dry_run))


def _print_diff(outcome: Outcome) -> None:
    """The unified diff of one file, as it is (`git apply` must take it). In GitHub Actions
    the file's own lines are fenced with `::stop-commands::` so that none of them, whatever
    it says, runs as a workflow command in the log."""
    from journeyctl.workspace.messages import printable

    fence = secrets.token_hex(16) if os.environ.get("GITHUB_ACTIONS") == "true" else None
    if fence is not None:
        sys.stdout.write(f"::stop-commands::{fence}\n")
    sys.stdout.writelines(
        difflib.unified_diff(
            outcome.original.splitlines(keepends=True),
            outcome.formatted.splitlines(keepends=True),
            _diff_name("a", printable(outcome.display)),
            _diff_name("b", printable(outcome.display)),
        )
    )
    if fence is not None:
        sys.stdout.write(f"::{fence}::\n")


def _diff_name(side: str, display: str) -> str:
    """`a/path` and `b/path` as git writes them, for `git apply`; an absolute path as it is."""
    return display if display.startswith("/") else f"{side}/{display}"


def _summary(changed: int, unchanged: int, failed: int, dry_run: bool) -> str:
    def files(count: int) -> str:
        return f"{count} file{'' if count == 1 else 's'}"

    parts = [
        f"{files(changed)} {'would be reformatted' if dry_run else 'reformatted'}",
        f"{unchanged} unchanged",
    ]
    if failed:
        parts.append(f"{files(failed)} not formatted (see above)")
    return ", ".join(parts)

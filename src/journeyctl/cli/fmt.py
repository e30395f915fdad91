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
import sys
from pathlib import Path
from typing import Annotated

import typer

from journeyctl.cli.options import IgnoreForeign


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
    from journeyctl.workspace.write import write_atomic

    changed = unchanged = failed = 0
    for outcome in format_paths(paths or [Path()], REGISTRY, ignore_foreign=ignore_foreign):
        if outcome.error is not None:
            typer.echo(f"journeyctl: {outcome.error}", err=True)
            failed += 1
            continue
        if not outcome.changed:
            unchanged += 1
            continue
        changed += 1
        if diff:
            sys.stdout.writelines(
                difflib.unified_diff(
                    outcome.original.splitlines(keepends=True),
                    outcome.formatted.splitlines(keepends=True),
                    _diff_name("a", outcome.display),
                    _diff_name("b", outcome.display),
                )
            )
        elif check:
            typer.echo(f"would reformat {outcome.display}")
        else:
            try:
                # through a symbolic link to the file it names, which keeps the link
                write_atomic(outcome.path.resolve(), outcome.formatted.encode("utf-8"))
            except OSError as error:
                typer.echo(
                    f"journeyctl: {outcome.display}: cannot write: {error.strerror or error}",
                    err=True,
                )
                changed -= 1
                failed += 1
                continue
            typer.echo(f"reformatted {outcome.display}")
    if changed + unchanged + failed == 0:
        from journeyctl.workspace.discover import NO_FILES_WARNING

        typer.echo(f"journeyctl: {NO_FILES_WARNING}", err=True)
    else:
        typer.echo(_summary(changed, unchanged, failed, dry_run=check or diff), err=True)
    if failed:
        raise typer.Exit(2)
    if changed and (check or diff):
        raise typer.Exit(1)


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
    return "journeyctl: " + ", ".join(parts)

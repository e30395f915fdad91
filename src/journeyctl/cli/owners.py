"""`journeyctl owners`: who owns which steps of each journey, and a CODEOWNERS section kept true.

Without `--codeowners` the command prints the ownership report (`--format text|markdown|json`)
on stdout, or writes it to `-o FILE` as every report command does. With it, the report is not
printed: the command writes the journeyctl section of that CODEOWNERS file (or, with `--check`,
only says whether it is up to date, with a diff on stdout, and exits 1 when it is not). Only
Typer, the standard library and the shared options are imported at the top; the rest inside
the command.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from journeyctl.cli.options import output_option

if TYPE_CHECKING:
    from journeyctl.lint.result import LintRun
    from journeyctl.owners.matrix import Ownership
    from journeyctl.owners.update import Update


class OwnersFormat(enum.StrEnum):
    """Formats of `journeyctl owners`."""

    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


def owners(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or directories (default: the current directory)."),
    ] = None,
    output_format: Annotated[
        OwnersFormat | None,
        typer.Option("--format", "-f", help="Report format (default: text).", show_default=False),
    ] = None,
    codeowners: Annotated[
        Path | None,
        typer.Option(
            "--codeowners",
            metavar="FILE",
            help="Write the journeyctl section of this CODEOWNERS file (e.g. .github/CODEOWNERS) "
            "instead of printing the report.",
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="With --codeowners: write nothing; exit 1 (with a diff) when the section is "
            "stale.",
        ),
    ] = False,
    output_file: Annotated[
        Path | None, output_option("Write the report to this file, not stdout.")
    ] = None,
) -> None:
    """Show how many steps each team owns in each stage; keep a CODEOWNERS section true."""
    from journeyctl.core.errors import UsageError
    from journeyctl.lint.engine import lint_paths
    from journeyctl.owners.matrix import ownership

    if check and codeowners is None:
        raise UsageError("--check compares a CODEOWNERS file: give it with --codeowners FILE")
    if codeowners is not None and (output_format is not None or output_file is not None):
        raise UsageError("--codeowners writes the file and prints no report: drop --format/-o")
    inputs = paths or [Path()]
    run = lint_paths(inputs, keep_documents=True)
    _say_skipped(run)
    report = ownership(run.results)
    if codeowners is None:
        _print_report(report, output_format or OwnersFormat.TEXT, output_file, inputs)
        raise typer.Exit(2 if run.io_errors else 0)
    code = _codeowners(report, codeowners, run, check, _rerun(paths or [], codeowners))
    raise typer.Exit(2 if run.io_errors else code)


def _rerun(paths: list[Path], codeowners: Path) -> str:
    """The command that brings the section up to date: these paths, this file."""
    import shlex

    return shlex.join(["journeyctl", "owners", *map(str, paths), "--codeowners", str(codeowners)])


def _say_skipped(run: LintRun) -> None:
    """Name files that could not be read, and count those that do not load."""
    from journeyctl.cli.present import say_unread

    broken = sorted({f.path for f in run.report.findings if f.rule in _BROKEN})
    files = f"{len(broken)} file{'s' if len(broken) > 1 else ''}"
    left_out = [f"{files} left out: {', '.join(broken)} (`journeyctl lint` says why)"]
    say_unread(run.io_errors, run.report.files, left_out if broken else [])


_BROKEN = frozenset({"parse-error", "schema-error"})


def _print_report(
    report: Ownership, chosen: OwnersFormat, output: Path | None, inputs: list[Path]
) -> None:
    """The report on stdout, or in `output` (never over an input)."""
    from journeyctl.cli.present import emit
    from journeyctl.owners import report_json, report_markdown, report_text
    from journeyctl.workspace.messages import stdout_has_color

    if chosen is OwnersFormat.JSON:
        text = report_json.render(report)
    elif chosen is OwnersFormat.MARKDOWN:
        text = report_markdown.render(report)
    else:
        text = report_text.render(report, color=output is None and stdout_has_color())
    emit(text, output, inputs)


def _codeowners(report: Ownership, path: Path, run: LintRun, check: bool, rerun: str) -> int:
    """Update (or check) the section; the exit code. `rerun` is the command that updates it."""
    from journeyctl.cli.present import emit
    from journeyctl.owners.update import update
    from journeyctl.workspace.discover import display_path
    from journeyctl.workspace.messages import say

    name = display_path(path)
    inputs = [result.target.path for result in run.results]
    done = update(report, path, name, inputs, check=check)
    _say_left_out(done)
    if check:
        if not done.stale:
            say(f"{name}: the journeyctl owners section is up to date")
            return 0
        say(f"{name}: the journeyctl owners section is stale; run `{rerun}`")
        emit(done.spliced.diff(name), None)
        return 1
    lines = len(done.rules.lines)
    if not done.stale:
        say(f"{name}: the journeyctl owners section is up to date ({lines} lines)")
    else:
        done_what = "created" if done.created else "updated" if done.spliced.old else "added"
        say(f"{name}: {done_what} the journeyctl owners section ({lines} lines)")
    return 0


def _say_left_out(done: Update) -> None:
    """What the section leaves out, each said once on stderr."""
    from journeyctl.workspace.messages import say

    found = done.rules
    if found.without_handle:
        say(f"no github handle in the owners registry, left out: {', '.join(found.without_handle)}")
    if found.outside:
        say(f"outside the repository, left out: {', '.join(found.outside)}")
    if found.unnamable:
        say(f"names CODEOWNERS cannot hold, left out: {', '.join(found.unnamable)}")
    if done.spliced.overridden_at is not None:
        say(
            f"note: line {done.spliced.overridden_at} after the journeyctl section is a rule "
            "that wins over the section for the files it matches; keep the section last"
        )

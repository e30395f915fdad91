"""`journeyctl lint`: check journeys, workflows and personas (design §4).

The command reads its options, runs `journeyctl.lint.engine.lint_paths`, and then does one
job per step: record or apply a baseline, say which files could not be read, write the
report, show statistics, pick the exit code. Only Typer and the standard library are imported
at the top; the rest inside the command.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from journeyctl.cli.options import IgnoreForeign, Today, output_option, parse_today

if TYPE_CHECKING:
    from journeyctl.core.finding import Finding, LintReport, Severity
    from journeyctl.lint.engine import LintRun


class OutputFormat(enum.StrEnum):
    """Formats of `journeyctl lint`."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"
    JUNIT = "junit"


class FailOn(enum.StrEnum):
    """The lowest severity that makes `journeyctl lint` exit 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    NEVER = "never"


def lint(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or directories to lint (default: the current directory)."),
    ] = None,
    output_format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format (default: text; github when GITHUB_ACTIONS=true).",
            show_default=False,
        ),
    ] = None,
    output_file: Annotated[
        Path | None, output_option("Write the report to this file, not stdout.")
    ] = None,
    fail_on: Annotated[
        FailOn, typer.Option(help="Exit 1 when a finding is at least this severe.")
    ] = FailOn.ERROR,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print findings only, no summary.")
    ] = False,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="Also show how many findings each rule has.")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Worker processes (default: one per core; at most two per core).",
        ),
    ] = None,
    ignore_foreign: IgnoreForeign = False,
    baseline: Annotated[
        Path | None,
        typer.Option(help="Report only findings not recorded in this baseline file."),
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option(help="Record today's findings in this file (and exit 0)."),
    ] = None,
    today: Today = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Neither read nor write the cache of per-file results (.journeyctl-cache/).",
        ),
    ] = False,
) -> None:
    """Check journeys, workflows and personas; exit 1 when findings reach --fail-on."""
    from journeyctl.cli.present import say_unread
    from journeyctl.core.finding import Severity
    from journeyctl.lint.engine import lint_paths

    inputs = paths or [Path()]
    if write_baseline is not None and (output_file is not None or output_format is not None):
        from journeyctl.core.errors import UsageError

        raise UsageError(
            "--write-baseline records the findings and writes no report: drop -o/--format, "
            "or run lint again with --baseline to report"
        )
    chosen = output_format or _default_format()
    run = lint_paths(
        inputs,
        parse_today(today),
        jobs=jobs,
        ignore_foreign=ignore_foreign,
        use_cache=not no_cache,
    )
    if write_baseline is not None:
        _record_baseline(write_baseline, run, inputs)
        raise typer.Exit(2 if run.io_errors else 0)
    baselined = None if baseline is None else _apply_baseline(run.report, baseline)
    say_unread(run.io_errors, run.report.files)
    threshold = None if fail_on is FailOn.NEVER else Severity.parse(fail_on.value)
    read = [*inputs, baseline] if baseline is not None else inputs  # never written over
    _write_report(run.report, chosen, output_file, quiet, threshold, read, baselined)
    if statistics:
        _print_statistics(run.report.findings, to_stderr=chosen is not OutputFormat.TEXT)
    raise typer.Exit(_exit_code(run, threshold))


def _default_format() -> OutputFormat:
    """Annotations in GitHub Actions, text elsewhere."""
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    return OutputFormat.GITHUB if in_actions else OutputFormat.TEXT


def _record_baseline(path: Path, run: LintRun, inputs: Sequence[Path]) -> None:
    """`--write-baseline`: record today's findings."""
    from journeyctl.lint.baseline import write_baseline
    from journeyctl.workspace.messages import say

    count = write_baseline(path, run.report.findings, inputs)
    say(f"recorded {count} {'finding' if count == 1 else 'findings'} in {path}")


def _apply_baseline(report: LintReport, baseline: Path) -> int:
    """Keep only findings new since the baseline; say how many it hid (on stderr, for every
    format; the text and JSON summaries say it too) and which baselined ones are fixed."""
    from journeyctl.lint.baseline import compare, read_baseline
    from journeyctl.workspace.messages import printable, say

    comparison = compare(report.findings, read_baseline(baseline))
    hidden = len(report.findings) - len(comparison.new)
    report.findings = comparison.new
    if hidden:
        noun = "finding" if hidden == 1 else "findings"
        say(f"{hidden} {noun} recorded in {baseline} {'is' if hidden == 1 else 'are'} not shown")
    if comparison.fixed:
        fixed = len(comparison.fixed)
        say(
            f"{fixed} baselined finding{'s are' if fixed > 1 else ' is'} fixed; "
            f"tighten the baseline with --write-baseline {baseline}"
        )
        for rule, path, element in comparison.fixed:
            typer.echo(printable(f"  fixed: {path}: {rule} at {element}"), err=True)
    return hidden


def _write_report(
    report: LintReport,
    chosen: OutputFormat,
    output_file: Path | None,
    quiet: bool,
    threshold: Severity | None,
    inputs: Sequence[Path],
    baselined: int | None = None,
) -> None:
    from journeyctl.cli.present import emit
    from journeyctl.lint.report import ReportOptions, get_reporter
    from journeyctl.workspace.messages import stdout_has_color
    from journeyctl.workspace.root import repository_root

    color = output_file is None and chosen is OutputFormat.TEXT and stdout_has_color()
    root = repository_root()  # CI paths (github, sarif): from the git top, else settings root
    options = ReportOptions(
        color=color, quiet=quiet, fail_on=threshold, root=root, baselined=baselined
    )
    emit(get_reporter(chosen.value)(report, options), output_file, inputs)


def _print_statistics(findings: Sequence[Finding], to_stderr: bool) -> None:
    from collections import Counter

    from rich.console import Console
    from rich.table import Table

    counts = Counter((f.rule, f.severity.label) for f in findings)
    table = Table("count", "rule", "severity", box=None, title=None)
    for (rule, severity), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        table.add_row(str(count), rule, severity)
    Console(stderr=to_stderr, highlight=False).print(table)


def _exit_code(run: LintRun, threshold: Severity | None) -> int:
    """2 when a file could not be read, 1 when a finding reaches the threshold, else 0."""
    if run.io_errors:
        return 2
    if threshold is not None and any(f.severity >= threshold for f in run.report.findings):
        return 1
    return 0

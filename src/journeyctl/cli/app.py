"""The journeyctl command line: parse options, call the core, report, choose the exit code.

Heavy modules are imported inside the commands that need them so that `--version` and
`--help` stay fast.
"""

from __future__ import annotations

import enum
import os
import sys
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, ParamSpec

import typer
import typer.core

from journeyctl import __version__
from journeyctl.cli.options import IgnoreForeign
from journeyctl.core.errors import JourneyError, UsageError

if TYPE_CHECKING:
    from journeyctl.core.finding import Finding, LintReport

P = ParamSpec("P")


def _guarded(command: Callable[P, None]) -> Callable[P, None]:
    """Turn the domain errors of a command into one line on stderr and exit code 2."""

    @wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            command(*args, **kwargs)
        except JourneyError as error:
            typer.echo(f"journeyctl: {error}", err=True)
            raise typer.Exit(2) from None

    return run


def _without_flag_types(params: list[Any]) -> None:
    """Blank the type column of flags: Typer would show `<bool>` though they take no value."""
    for param in params:
        if isinstance(param, typer.core.TyperOption) and param.is_bool_flag:
            param.metavar = param.metavar or ""


class _Command(typer.core.TyperCommand):
    """A journeyctl command: its help shows no value type next to flags."""

    def get_params(self, ctx: Any) -> list[Any]:  # Typer keeps these types private
        params = super().get_params(ctx)
        _without_flag_types(params)
        return params


class _Group(typer.core.TyperGroup):
    """The journeyctl command group: its help shows no value type next to flags."""

    def get_params(self, ctx: Any) -> list[Any]:  # Typer keeps these types private
        params = super().get_params(ctx)
        _without_flag_types(params)
        return params


app = typer.Typer(
    name="journeyctl",
    cls=_Group,
    help="Customer journey maps and workflows as version-controlled YAML: lint, diff, render.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)


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


def _version(value: bool) -> None:
    if value:
        typer.echo(f"journeyctl {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Customer journey maps and workflows as version-controlled YAML: lint, diff, render."""


@app.command(cls=_Command)
@_guarded
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
        Path | None,
        typer.Option("--output-file", "-o", help="Write the report to this file, not stdout."),
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
        typer.Option("--jobs", "-j", min=1, help="Worker processes (default: one per core)."),
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
) -> None:
    """Check journeys, workflows and personas; exit 1 when findings reach --fail-on."""
    from journeyctl.core.finding import Severity
    from journeyctl.lint.engine import NO_FILES_WARNING, lint_paths
    from journeyctl.lint.report import ReportOptions, get_reporter
    from journeyctl.workspace.write import emit, stdout_has_color

    chosen = output_format or (
        OutputFormat.GITHUB if os.environ.get("GITHUB_ACTIONS") == "true" else OutputFormat.TEXT
    )
    run = lint_paths(paths or [Path()], jobs=jobs, ignore_foreign=ignore_foreign)
    if write_baseline is not None:
        from journeyctl.lint.baseline import write_baseline as record

        count = record(write_baseline, run.report.findings)
        noun = "finding" if count == 1 else "findings"
        typer.echo(f"journeyctl: recorded {count} {noun} in {write_baseline}", err=True)
        raise typer.Exit(2 if run.io_errors else 0)
    if baseline is not None:
        _apply_baseline(run.report, baseline)
    for message in run.io_errors:
        typer.echo(f"journeyctl: {message}", err=True)
    if run.report.files == 0 and not run.io_errors:
        typer.echo(f"journeyctl: {NO_FILES_WARNING}", err=True)
    color = output_file is None and chosen is OutputFormat.TEXT and stdout_has_color()
    threshold = None if fail_on is FailOn.NEVER else Severity.parse(fail_on.value)
    options = ReportOptions(color=color, quiet=quiet, fail_on=threshold)
    emit(get_reporter(chosen.value)(run.report, options), output_file)
    if statistics:
        _print_statistics(run.report.findings, to_stderr=chosen is not OutputFormat.TEXT)
    if run.io_errors:
        raise typer.Exit(2)
    if threshold is not None and any(f.severity >= threshold for f in run.report.findings):
        raise typer.Exit(1)


def _apply_baseline(report: LintReport, baseline: Path) -> None:
    """Keep only findings new since the baseline; say which baselined ones are fixed."""
    from journeyctl.lint.baseline import compare, read_baseline

    comparison = compare(report.findings, read_baseline(baseline))
    report.findings = comparison.new
    if comparison.fixed:
        fixed = len(comparison.fixed)
        typer.echo(
            f"journeyctl: {fixed} baselined finding{'s are' if fixed > 1 else ' is'} fixed; "
            f"tighten the baseline with --write-baseline {baseline}",
            err=True,
        )
        for rule, path, element in comparison.fixed:
            typer.echo(f"  fixed: {path}: {rule} at {element}", err=True)


def _print_statistics(findings: Sequence[Finding], to_stderr: bool) -> None:
    from collections import Counter

    from rich.console import Console
    from rich.table import Table

    counts = Counter((f.rule, f.severity.label) for f in findings)
    table = Table("count", "rule", "severity", box=None, title=None)
    for (rule, severity), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        table.add_row(str(count), rule, severity)
    Console(stderr=to_stderr, highlight=False).print(table)


from journeyctl.cli.diff import diff as _diff  # noqa: E402 - light; see its docstring
from journeyctl.cli.fmt import fmt as _fmt  # noqa: E402 - light; see its docstring
from journeyctl.cli.init import init as _init  # noqa: E402 - light; see its docstring
from journeyctl.cli.render import render as _render  # noqa: E402 - light; see its docstring

app.command(name="diff", cls=_Command)(_guarded(_diff))
app.command(name="render", cls=_Command)(_guarded(_render))
app.command(name="init", cls=_Command)(_guarded(_init))
app.command(name="fmt", cls=_Command)(_guarded(_fmt))


@app.command(cls=_Command)
@_guarded
def rules(
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print a Markdown table (as in README.md).")
    ] = False,
) -> None:
    """List every rule with its default severity and what it finds."""
    from journeyctl.lint.rules import REGISTRY, Rule

    def severity(rule: Rule) -> str:
        if rule.workflow_severity is None:
            return rule.severity.label
        return f"{rule.severity.label} ({rule.workflow_severity.label} in workflows)"

    if markdown:
        lines = ["| rule | default severity | finds |", "| --- | --- | --- |"]
        lines += [f"| `{r.name}` | {severity(r)} | {r.summary} |" for r in REGISTRY.values()]
        typer.echo("\n".join(lines))
        return

    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, pad_edge=False)
    table.add_column("rule", no_wrap=True, style="bold")
    table.add_column("default severity")
    table.add_column("finds")
    for rule in REGISTRY.values():
        table.add_row(rule.name, severity(rule), rule.summary)
    Console(highlight=False).print(table)


@app.command(cls=_Command)
@_guarded
def explain(rule: Annotated[str, typer.Argument(help="A rule name, e.g. unowned-step.")]) -> None:
    """Show one rule's documentation with a bad and a good example."""
    import difflib

    from journeyctl.lint.rules import REGISTRY

    found = REGISTRY.get(rule)
    if found is None:
        close = difflib.get_close_matches(rule, REGISTRY, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else "; `journeyctl rules` lists them"
        raise UsageError(f"unknown rule '{rule}'{hint}")
    severity = found.severity.label
    if found.workflow_severity is not None:
        severity += f", {found.workflow_severity.label} in workflows"
    typer.echo(f"{found.name} [{severity}]\n")
    typer.echo(_dedent_doc(found.doc))


def _dedent_doc(doc: str) -> str:
    import inspect

    return inspect.cleandoc(doc)


@app.command(cls=_Command)
@_guarded
def schema(
    output_dir: Annotated[
        Path | None,
        typer.Option("--output-dir", "-o", help="Write the schema files into this directory."),
    ] = None,
) -> None:
    """Print the JSON Schema of journeyctl documents, or write every schema into a directory."""
    from journeyctl.schema import dump, schemas
    from journeyctl.workspace.write import write_atomic

    generated = schemas()
    if output_dir is None:
        sys.stdout.write(dump(generated["journey.schema.json"]))
        return
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        for name, content in generated.items():
            write_atomic(output_dir / name, dump(content))
    except OSError as error:
        raise UsageError(f"{output_dir}: cannot write schemas: {error.strerror or error}") from None
    typer.echo(f"wrote {', '.join(sorted(generated))} to {output_dir}", err=True)


def main() -> NoReturn:
    """Run the app; an unexpected failure is one line on stderr and exit 2, never a traceback."""
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except Exception as error:  # the last error boundary
        _fail(f"internal error: {type(error).__name__}: {error}", 2)
    sys.exit(0)


def _fail(message: str, code: int) -> NoReturn:
    typer.echo(f"journeyctl: {message}", err=True)
    sys.exit(code)

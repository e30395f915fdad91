"""The journeyctl command line: the Typer app, the root options and the one error boundary.

Each command lives in a module of its own (`journeyctl.cli.lint`, `.rules`, `.schema`,
`.diff`, `.fmt`, `.init`, `.render`) that reads its options, calls the feature, presents the
result and picks the exit code. Those modules import only Typer and the standard library at
the top, and the rest inside the command, so that `--version` and `--help` stay fast.

Every command runs inside `_guarded`, the error boundary: a `JourneyError` (the user's
mistake: a bad file, a bad option) is one line ``journeyctl: ...`` on stderr and exit code 2;
any other exception is journeyctl's own bug: exit 2 too, one line that says so, and the
traceback with ``journeyctl --debug ...`` or ``JOURNEYCTL_DEBUG=1``.
"""

from __future__ import annotations

import errno
import os
import sys
import traceback
from collections.abc import Callable
from functools import wraps
from typing import Annotated, Any, NoReturn, ParamSpec

import typer
import typer.core

from journeyctl.cli.cache import cache_app, clean
from journeyctl.cli.diff import diff
from journeyctl.cli.fmt import fmt
from journeyctl.cli.init import init
from journeyctl.cli.lint import lint
from journeyctl.cli.owners import owners
from journeyctl.cli.plan import plan
from journeyctl.cli.render import render
from journeyctl.cli.rules import explain, rules
from journeyctl.cli.schema import schema
from journeyctl.cli.stats import stats
from journeyctl.cli.trend import trend
from journeyctl.core.errors import JourneyError

P = ParamSpec("P")
_CLICK_ERRORS: tuple[type[Exception], ...] = tuple(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
)
"""The library's usage errors (an unknown option or command, a bad value)."""
_CLI_EXCEPTIONS: tuple[type[Exception], ...] = (typer.Exit, typer.Abort, *_CLICK_ERRORS)
"""What the command-line library raises on purpose (exit codes, usage errors): not ours."""
DEBUG_ENV = "JOURNEYCTL_DEBUG"
_debug = {"flag": False}
"""Whether this run's `--debug` was given: set by the root callback before any command runs."""


def failure_code(error: BaseException) -> int:
    """Say what went wrong in one line on stderr (sanitized); return the exit code."""
    from journeyctl.cli.version import stdout_failed
    from journeyctl.workspace.messages import say

    if isinstance(error, KeyboardInterrupt):
        say("interrupted")
        return 130
    if isinstance(error, JourneyError):
        say(str(error))
        return 2
    if _is_output_failure(error):
        assert isinstance(error, OSError)
        return stdout_failed(error)
    if _debugging():  # the frames as they are; the message, like every message, sanitized
        trace = traceback.TracebackException.from_exception(error)
        sys.stderr.write("Traceback (most recent call last):\n")
        sys.stderr.writelines(trace.stack.format())
    say(
        f"internal error: {type(error).__name__}: {error} (this is a bug in journeyctl; run "
        f"again with --debug or {DEBUG_ENV}=1 for the traceback)"
    )
    return 2


def _is_output_failure(error: BaseException) -> bool:
    """Whether printing failed: the reader of stdout has gone (`journeyctl ... | head`), or
    the disk behind a redirect is full. Files journeyctl reads or writes name themselves."""
    if isinstance(error, BrokenPipeError):
        return True
    return (
        isinstance(error, OSError)
        and error.filename is None
        and error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EIO)
    )


def _debugging() -> bool:
    return _debug["flag"] or os.environ.get(DEBUG_ENV, "") not in ("", "0")


def _guarded(command: Callable[P, None]) -> Callable[P, None]:
    """Run a command inside the error boundary (see the module docstring)."""

    @wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            command(*args, **kwargs)
        except _CLI_EXCEPTIONS:
            raise
        except Exception as error:
            raise typer.Exit(failure_code(error)) from None

    return run


def _without_flag_types(params: list[Any]) -> None:
    """Blank the type column of flags: Typer would show `<bool>` though they take no value."""
    for param in params:
        if isinstance(param, typer.core.TyperOption) and param.is_bool_flag:
            param.metavar = param.metavar or ""


def _sanitized(error: Exception) -> Exception:
    """A usage error of the command-line library, its message passed through the one
    sanitizer: it quotes what the user typed (an unknown option, a bad value)."""
    from journeyctl.workspace.messages import printable

    message = getattr(error, "message", None)
    if isinstance(message, str):
        error.message = printable(message)  # type: ignore[attr-defined]
    return error


class _Command(typer.core.TyperCommand):
    """A journeyctl command: its help shows no value type next to flags, and its usage errors
    are sanitized."""

    def get_params(self, ctx: Any) -> list[Any]:  # Typer keeps these types private
        params = super().get_params(ctx)
        _without_flag_types(params)
        return params

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except _CLICK_ERRORS as error:
            raise _sanitized(error) from None


class _Group(typer.core.TyperGroup):
    """The journeyctl command group: its help shows no value type next to flags, and its usage
    errors (an unknown command) are sanitized."""

    def get_params(self, ctx: Any) -> list[Any]:  # Typer keeps these types private
        params = super().get_params(ctx)
        _without_flag_types(params)
        return params

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except _CLICK_ERRORS as error:
            raise _sanitized(error) from None

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except _CLICK_ERRORS as error:
            raise _sanitized(error) from None


app = typer.Typer(
    name="journeyctl",
    cls=_Group,
    help="Journeys and workflows as version-controlled YAML: lint, diff, render, stats, plan.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from journeyctl.cli.version import print_version

        raise typer.Exit(print_version())


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            help=f"On an internal error, show the traceback (as {DEBUG_ENV}=1 does).",
        ),
    ] = False,
) -> None:
    """Journeys and workflows as version-controlled YAML: lint, diff, render, stats, plan."""
    _debug["flag"] = debug


EXAMPLES = {
    "lint": "journeyctl lint examples/ --format sarif -o journeyctl.sarif",
    "diff": "journeyctl diff main:journeys/onboarding.yaml journeys/onboarding.yaml -f markdown",
    "render": "journeyctl render journeys/ -o build/maps --view map --format svg",
    "stats": "journeyctl stats examples/ --format markdown -o stats.md",
    "plan": "journeyctl plan examples/ --owner product --format markdown",
    "trend": "journeyctl trend examples/ --format markdown",
    "owners": "journeyctl owners . --codeowners .github/CODEOWNERS --check",
    "init": "journeyctl init customer-journeys",
    "fmt": "journeyctl fmt --check .",
    "rules": "journeyctl rules --markdown",
    "explain": "journeyctl explain dead-end",
    "schema": "journeyctl schema -o schemas",
    "cache": "journeyctl cache clean",
}
"""One example per command, shown at the end of its --help."""

for _name, _command in (
    ("lint", lint),
    ("diff", diff),
    ("render", render),
    ("stats", stats),
    ("plan", plan),
    ("trend", trend),
    ("owners", owners),
    ("init", init),
    ("fmt", fmt),
    ("rules", rules),
    ("explain", explain),
    ("schema", schema),
):
    app.command(name=_name, cls=_Command, epilog=f"Example: {EXAMPLES[_name]}")(_guarded(_command))
_cache_example = f"Example: {EXAMPLES['cache']}"
cache_app.command(name="clean", cls=_Command, epilog=_cache_example)(_guarded(clean))
app.add_typer(cache_app, cls=_Group, epilog=_cache_example)


def main() -> NoReturn:
    """Run the app; whatever escapes a command still ends in one line and an exit code."""
    from journeyctl.cli.version import stdout_failed

    try:
        try:
            app()
        finally:
            _flush_stdout()
    except SystemExit:
        raise
    except _StdoutFailed as failed:
        sys.exit(stdout_failed(failed.error))
    except BaseException as error:  # the last boundary: interrupts, failures outside commands
        sys.exit(failure_code(error))
    sys.exit(0)


class _StdoutFailed(Exception):
    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


def _flush_stdout() -> None:
    """Flush what the command printed, now: a full disk is reported, not lost at exit."""
    try:
        sys.stdout.flush()
    except OSError as error:
        raise _StdoutFailed(error) from None

"""Output formats for `journeyctl lint`: each turns a `LintReport` into the text to print.

A reporter is a plain function ``render(report, options) -> str`` in its own module. The
returned text is complete and newline-terminated (or empty), so the CLI writes it as-is.
Modules are imported on first use: listing the format names (for ``--format`` choices)
imports neither rich nor the rule registry.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from journeyctl.core.finding import LintReport, Severity

__all__ = ["FORMATS", "REPORTERS", "ReportOptions", "Reporter", "get_reporter"]


@dataclass(frozen=True)
class ReportOptions:
    """How to present a report: colour (text only), quiet (findings only, no summary), the
    lowest severity that fails the run (`--fail-on`; None when nothing does), the folder
    that CI paths are relative to (default: the repository around the current directory), and
    how many findings a `--baseline` hid (None without one)."""

    color: bool = False
    quiet: bool = False
    fail_on: Severity | None = Severity.ERROR
    root: Path | None = None
    baselined: int | None = None


Reporter = Callable[[LintReport, ReportOptions], str]

_MODULES: dict[str, str] = {
    "text": "journeyctl.lint.report.text",
    "json": "journeyctl.lint.report.json",
    "github": "journeyctl.lint.report.github",
    "sarif": "journeyctl.lint.report.sarif",
    "junit": "journeyctl.lint.report.junit",
}

FORMATS: tuple[str, ...] = tuple(_MODULES)
"""The format names, default first: the choices for ``--format``."""


def get_reporter(name: str) -> Reporter:
    """The reporter for a format name; import its module now. ValueError for unknown names."""
    try:
        module_name = _MODULES[name]
    except KeyError:
        choices = ", ".join(FORMATS)
        raise ValueError(f"unknown format {name!r}; choose one of: {choices}") from None
    render: Reporter = importlib.import_module(module_name).render
    return render


def _deferred(name: str) -> Reporter:
    def render(report: LintReport, options: ReportOptions) -> str:
        return get_reporter(name)(report, options)

    return render


REPORTERS: dict[str, Reporter] = {name: _deferred(name) for name in FORMATS}
"""Format name -> reporter; each imports its module when first called."""

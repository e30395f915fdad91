"""Shared test helpers: write a small project, lint it, run the CLI."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

from typer.testing import CliRunner, Result

from journeyctl.cli.app import app
from journeyctl.core.finding import Finding
from journeyctl.lint.engine import lint_paths

TODAY = date(2026, 11, 24)


def write(directory: Path, name: str, text: str) -> Path:
    """Write dedented text to directory/name, creating folders."""
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def lint(*paths: Path) -> list[Finding]:
    """Lint in-process, single job, on a fixed day."""
    return lint_paths(list(paths), today=TODAY, jobs=1).report.findings


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    """Run the CLI as a user would, capturing stdout and stderr separately."""
    return CliRunner().invoke(app, list(args), env=env or {"GITHUB_ACTIONS": ""})

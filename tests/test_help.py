"""Every command's --help ends with an example, and the example works."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest

from journeyctl.cli.app import EXAMPLES
from tests.helpers import run

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("command", sorted(EXAMPLES))
def test_help_shows_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    flat = " ".join(result.stdout.split())
    assert f"Example: {EXAMPLES[command]}" in flat


@pytest.mark.parametrize(
    "command",
    ["lint", "render", "init", "fmt", "rules", "explain", "schema", "owners", "stats", "plan"],
)
def test_the_example_runs(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if command == "render" and shutil.which("dot") is None:
        pytest.skip("Graphviz's dot is not installed")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    shutil.copytree(ROOT / "examples" / "journeys", tmp_path / "journeys")
    monkeypatch.chdir(tmp_path)
    words = shlex.split(EXAMPLES[command])[1:]
    result = run(*words)
    assert result.exit_code in (0, 1), result.stderr  # 1: lint/fmt found something to say

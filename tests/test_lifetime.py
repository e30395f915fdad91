"""Large inputs are held to the end only when the process ends at once, and only up to a bound."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from journeyctl.workspace import lifetime


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    held: list[object] = []
    monkeypatch.setattr(lifetime, "_held", held)
    monkeypatch.setattr(lifetime, "_state", {"ends_at_once": False, "bytes": 0})
    return held


def test_nothing_is_held_in_a_process_that_ends_as_usual(fresh: list[object]) -> None:
    lifetime.hold(object(), 10_000_000)
    assert fresh == []


def test_only_large_inputs_are_held_and_only_up_to_the_bound(fresh: list[object]) -> None:
    lifetime.ends_at_once()
    small, big, over = object(), object(), object()
    lifetime.hold(small, lifetime.HOLD_MIN_BYTES - 1)
    lifetime.hold(big, lifetime.HOLD_MIN_BYTES)
    lifetime.hold(over, lifetime.HOLD_MAX_BYTES)
    assert fresh == [big]


def test_the_command_line_still_reports_and_exits_with_its_code(tmp_path: Path) -> None:
    """The real entry point: output flushed, exit code kept, with a large file held."""
    steps = "".join(
        f"      - {{id: s{i}, name: Step {i} {'x' * 60}, emotion: 1}}\n" for i in range(12_000)
    )
    journey = tmp_path / "big.yaml"
    journey.write_text(
        "journeyctl: 1\nkind: journey\nid: big\ntitle: Big\nstages:\n"
        "  - id: a\n    name: A\n    steps:\n" + steps,
        encoding="utf-8",
    )
    assert journey.stat().st_size > lifetime.HOLD_MIN_BYTES
    done = subprocess.run(
        [sys.executable, "-m", "journeyctl", "lint", str(journey), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert done.stdout.count('"rule": "unowned-step"') == 12_000

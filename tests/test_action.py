"""The GitHub Action's lint steps run as written, with their defaults, on the examples."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def _action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    return data


def _step(name: str) -> dict[str, Any]:
    return next(s for s in _action()["runs"]["steps"] if s.get("name") == name)


def _run_step(name: str, cwd: Path, inputs: dict[str, str]) -> subprocess.CompletedProcess[str]:
    step = _step(name)
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    for key, value in step.get("env", {}).items():
        source = str(value).removeprefix("${{ inputs.").removesuffix(" }}")
        env[key] = inputs[source]
    return subprocess.run(
        ["bash", "-c", step["run"]], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def _defaults() -> dict[str, str]:
    return {name: str(spec.get("default", "")) for name, spec in _action()["inputs"].items()}


def test_action_is_composite_and_installs_itself() -> None:
    action = _action()
    assert action["runs"]["using"] == "composite"
    assert "github.action_path" in _step("Install journeyctl")["run"]


def test_sarif_and_annotation_steps_work_on_the_examples(tmp_path: Path) -> None:
    inputs = {
        **_defaults(),
        "paths": str(ROOT / "examples"),
        "sarif-file": str(tmp_path / "j.sarif"),
    }
    sarif = _run_step("SARIF report", tmp_path, inputs)
    assert sarif.returncode == 0, sarif.stderr
    results = json.loads((tmp_path / "j.sarif").read_text())["runs"][0]["results"]
    assert any(r["ruleId"] == "unowned-step" for r in results)

    lint = _run_step("Lint (annotations)", tmp_path, inputs)
    assert lint.returncode == 1  # the current journey has an unowned step: the job fails
    assert "::error file=" in lint.stdout and "title=unowned-step" in lint.stdout
    passing = _run_step("Lint (annotations)", tmp_path, {**inputs, "fail-on": "never"})
    assert passing.returncode == 0


def test_stats_step_writes_the_scorecard_to_the_job_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    inputs = {**_defaults(), "paths": str(ROOT / "examples")}
    assert _step("Stats summary")["if"] == "inputs.stats == 'true'" and inputs["stats"] == "true"
    result = _run_step("Stats summary", tmp_path, inputs)
    assert result.returncode == 0, result.stderr
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n### Journey health\n")  # appended, not overwritten
    assert (
        "| `b2b-onboarding` B2B SaaS - from first visit to renewal | journey | current | 27 |"
        in text
    )
    assert "| `lead-to-customer` Lead to customer | workflow | current | 16 |" in text

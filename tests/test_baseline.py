"""Baselines let a repository full of legacy findings adopt journeyctl and fail only on new ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run, write

LEGACY = """\
journeyctl: 1
kind: journey
id: legacy
title: Legacy
stages:
  - id: buy
    name: Buy
    outcome: Bought
    metrics: [{name: conversion, target: 0.1}]
    steps:
      - {id: asks, name: Asks, outcome: Asked}
      - {id: buys, name: Buys, outcome: Paid, terminal: true}
"""


@pytest.fixture
def legacy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "legacy.yaml", LEGACY)
    return tmp_path


def test_baselined_findings_pass_even_after_edits_elsewhere(legacy: Path) -> None:
    written = run("lint", "--write-baseline", "baseline.json")
    assert written.exit_code == 0
    assert "recorded 2 findings in baseline.json" in written.stderr
    entries = json.loads((legacy / "baseline.json").read_text())["findings"]
    assert {e["element"] for e in entries} == {
        "journey:legacy/stage:buy/step:asks",
        "journey:legacy/stage:buy/step:buys",
    }
    assert run("lint").exit_code == 1
    # lines move: the baseline still matches, because it keys on ids, not lines
    write(legacy, "legacy.yaml", "# a new comment\n\n" + LEGACY)
    result = run("lint", "--baseline", "baseline.json")
    assert result.exit_code == 0, result.output
    assert "no findings" in result.stdout


def test_new_findings_fail_and_fixed_ones_are_reported(legacy: Path) -> None:
    run("lint", "--write-baseline", "baseline.json")
    changed = LEGACY.replace("    outcome: Bought\n", "    owner: sales\n    outcome: Bought\n")
    changed = changed.replace(
        "      - {id: buys, name: Buys, outcome: Paid, terminal: true}",
        "      - {id: buys, name: Buys, terminal: true}",
    )
    write(legacy, "legacy.yaml", changed)
    result = run("lint", "--baseline", "baseline.json", "--format", "json", "--fail-on", "warning")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["element"]) for f in findings] == [
        ("missing-outcome", "journey:legacy/stage:buy/step:buys")
    ]
    assert "2 baselined findings are fixed" in result.stderr
    assert "fixed: legacy.yaml: unowned-step at journey:legacy/stage:buy/step:asks" in result.stderr


def test_a_baseline_from_before_one_finding_per_missing_stage_still_covers_them(
    legacy: Path,
) -> None:
    write(legacy, "journeyctl.yaml", "journeyctl: 1\nlifecycle: [discover, buy, renew]\n")
    old_entry = {"rule": "missing-stage", "path": "legacy.yaml", "element": "journey:legacy/stages"}
    baseline = {"journeyctl-baseline": 1, "findings": [old_entry]}
    (legacy / "baseline.json").write_text(json.dumps(baseline))
    result = run("lint", "--baseline", "baseline.json", "--format", "json", "--fail-on", "never")
    found = json.loads(result.stdout)["findings"]
    assert [f["rule"] for f in found] == ["unowned-step", "unowned-step"]  # not in the baseline
    assert "fixed" not in result.stderr

    write(legacy, "legacy.yaml", LEGACY.replace("  - id: buy\n", "  - id: discover\n", 1))
    write(legacy, "journeyctl.yaml", "journeyctl: 1\nlifecycle: [discover]\n")
    fixed = run("lint", "--baseline", "baseline.json", "--fail-on", "never")
    assert "fixed: legacy.yaml: missing-stage at journey:legacy/stages" in fixed.stderr


def test_bad_baseline_file_is_exit_2(legacy: Path) -> None:
    (legacy / "baseline.json").write_text("{not json")
    result = run("lint", "--baseline", "baseline.json")
    assert result.exit_code == 2
    assert "baseline.json: not a journeyctl baseline" in result.stderr
    missing = run("lint", "--baseline", "nope.json")
    assert missing.exit_code == 2
    assert "nope.json: cannot read baseline" in missing.stderr


def test_the_baseline_says_how_many_findings_it_hid(legacy: Path) -> None:
    run("lint", "--write-baseline", "baseline.json")
    result = run("lint", "--baseline", "baseline.json")
    assert result.exit_code == 0, result.output
    assert "no findings" in result.stdout
    assert "journeyctl: 2 findings recorded in baseline.json are not shown\n" in result.stderr


def test_write_baseline_refuses_a_directory_and_an_input(legacy: Path) -> None:
    (legacy / "out").mkdir()
    for target, words in (("out", "is a directory"), ("legacy.yaml", "is a journeyctl file")):
        result = run("lint", "legacy.yaml", "--write-baseline", target)
        assert result.exit_code == 2
        assert result.stderr.startswith(f"journeyctl: {target}") and words in result.stderr
    assert (legacy / "legacy.yaml").read_text(encoding="utf-8") == LEGACY


def test_write_baseline_with_a_report_option_is_a_usage_error_and_writes_nothing(
    legacy: Path,
) -> None:
    for extra in (("-o", "report.sarif"), ("--format", "json")):
        result = run("lint", "legacy.yaml", "--write-baseline", "baseline.json", *extra)
        assert result.exit_code == 2
        assert "--write-baseline records the findings and writes no report" in result.stderr
        assert not (legacy / "baseline.json").exists()
        assert not (legacy / "report.sarif").exists()

"""SARIF paths, fingerprints and rule metadata as GitHub code scanning reads them."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from journeyctl.core.finding import Finding, LintReport, Severity
from journeyctl.lint.report import ReportOptions, get_reporter
from tests.helpers import run, write

JOURNEY = """\
    journeyctl: 1
    kind: journey
    id: j
    title: J
    stages:
      - id: s
        name: S
        outcome: done
        metrics: [{name: m, target: 1}]
        steps:
          - {id: a, name: A, outcome: o, terminal: true}
"""


def _sarif(report: LintReport, root: Path | None = None) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(get_reporter("sarif")(report, ReportOptions(root=root)))
    return data


def _uris(data: dict[str, Any]) -> list[str]:
    results = data["runs"][0]["results"]
    return [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]


def test_uris_are_relative_to_the_repository_root_from_a_subfolder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, "journeys/j.yaml", JOURNEY)
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path / "docs")
    result = run("lint", "..", "--format", "sarif", "--fail-on", "never")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert _uris(data) and set(_uris(data)) == {"journeys/j.yaml"}
    base = data["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base == tmp_path.as_uri() + "/"
    location = data["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"


def test_fingerprints_survive_lines_moving_and_tell_problems_apart(tmp_path: Path) -> None:
    before = Finding("a.yaml", 10, 3, "unowned-step", Severity.ERROR, "m", "journey:j/step:a")
    moved = Finding("a.yaml", 42, 7, "unowned-step", Severity.ERROR, "m", "journey:j/step:a")
    other = Finding("a.yaml", 10, 3, "unowned-step", Severity.ERROR, "m", "journey:j/step:b")

    def prints(finding: Finding) -> dict[str, str]:
        result = _sarif(LintReport([finding], files=1), tmp_path)["runs"][0]["results"][0]
        fingerprints: dict[str, str] = result["partialFingerprints"]
        return fingerprints

    assert prints(before) == prints(moved)
    assert prints(before) != prints(other)


def test_rules_link_to_their_docs_and_say_precision_and_severity(tmp_path: Path) -> None:
    rules = _sarif(LintReport([], files=0), tmp_path)["runs"][0]["tool"]["driver"]["rules"]
    dead_end = next(rule for rule in rules if rule["id"] == "dead-end")
    assert dead_end["helpUri"].endswith("/docs/rules.md#dead-end")
    assert dead_end["properties"] == {"precision": "very-high", "problem.severity": "warning"}
    info = next(rule for rule in rules if rule["id"] == "emotion-cliff")
    assert info["properties"]["problem.severity"] == "recommendation"


@pytest.mark.skipif(os.name != "posix", reason="file names are bytes on POSIX only")
def test_a_file_name_that_is_not_utf8_is_percent_encoded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    name = os.fsdecode(b"caf\xe9.yaml")
    report = LintReport([Finding(name, 1, 1, "parse-error", Severity.ERROR, "bad")], files=1)
    text = get_reporter("sarif")(report, ReportOptions(root=tmp_path))
    assert _uris(json.loads(text)) == ["caf%E9.yaml"]


def test_a_path_outside_the_root_is_a_file_uri(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere" / "j.yaml"
    report = LintReport([Finding(str(outside), 1, 1, "dead-end", Severity.WARNING, "x")], 1)
    data = _sarif(report, tmp_path / "repo")
    assert _uris(data) == [outside.as_uri()]

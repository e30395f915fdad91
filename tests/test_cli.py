"""The command line as a user meets it: exit codes, formats, errors without tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import run, write

CLEAN = """\
journeyctl: 1
kind: journey
id: clean
title: Clean
stages:
  - id: buy
    name: Buy
    owner: sales
    outcome: Bought
    metrics: [{name: conversion, target: 0.1}]
    steps:
      - {id: buys, name: Buys, outcome: Paid, terminal: true}
"""

UNOWNED = """\
journeyctl: 1
kind: journey
id: unowned
title: Unowned
stages:
  - id: buy
    name: Buy
    outcome: Bought
    metrics: [{name: conversion, target: 0.1}]
    steps:
      - {id: buys, name: Buys, outcome: Paid}
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "clean.yaml", CLEAN)
    write(tmp_path, "unowned.yaml", UNOWNED)
    return tmp_path


def test_clean_file_exits_0(project: Path) -> None:
    result = run("lint", "clean.yaml")
    assert result.exit_code == 0, result.output
    assert "no findings" in result.stdout


def test_error_finding_exits_1_with_rule_and_position(project: Path) -> None:
    result = run("lint", ".")
    assert result.exit_code == 1
    assert "unowned.yaml:11:14: error[unowned-step]" in result.stdout
    assert "unowned.yaml:11:14: warning[dead-end]" in result.stdout
    assert "11 |       - {id: buys" in result.stdout


@pytest.mark.parametrize(
    ("fail_on", "code"), [("error", 1), ("warning", 1), ("info", 1), ("never", 0)]
)
def test_fail_on(project: Path, fail_on: str, code: int) -> None:
    assert run("lint", "unowned.yaml", "--fail-on", fail_on).exit_code == code


def test_fail_on_warning_ignores_infos(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "j.yaml", CLEAN.replace("target: 0.1}", "target: 0.1, actual: 0.05}"))
    assert run("lint", "j.yaml", "--fail-on", "warning").exit_code == 0
    assert run("lint", "j.yaml", "--fail-on", "info").exit_code == 1


def test_json_format_is_exact(project: Path) -> None:
    result = run("lint", ".", "--format", "json")
    data = json.loads(result.stdout)
    assert set(data) == {"findings", "summary"}
    assert data["summary"] == {"files": 2, "errors": 1, "warnings": 1, "infos": 0}
    assert [f["rule"] for f in data["findings"]] == ["dead-end", "unowned-step"]
    assert data["findings"][1] == {
        "rule": "unowned-step",
        "severity": "error",
        "path": "unowned.yaml",
        "line": 11,
        "column": 14,
        "message": "step 'buys' has no owner, and stage 'buy' has none to fall back to",
        "element": "journey:unowned/stage:buy/step:buys",
    }


def test_github_format_by_default_on_github_actions(project: Path) -> None:
    result = run("lint", "unowned.yaml", env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.splitlines()[1].startswith(
        "::error file=unowned.yaml,line=11,col=14,title=unowned-step::step 'buys' has no owner"
    )


def test_output_file_gets_the_report_and_stdout_stays_empty(project: Path) -> None:
    result = run("lint", ".", "--format", "sarif", "--output-file", "out.sarif")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert json.loads((project / "out.sarif").read_text())["version"] == "2.1.0"


def test_quiet_prints_findings_only(project: Path) -> None:
    assert run("lint", "clean.yaml", "--quiet").stdout == ""
    noisy = run("lint", "unowned.yaml", "--quiet").stdout
    assert "unowned-step" in noisy
    assert "Found" not in noisy


def test_statistics_counts_rules(project: Path) -> None:
    result = run("lint", ".", "--statistics")
    rows = [line.split() for line in result.stdout.splitlines()[-3:]]
    assert rows == [
        ["count", "rule", "severity"],
        ["1", "dead-end", "warning"],
        ["1", "unowned-step", "error"],
    ]


def test_settings_turn_rules_off_and_change_severity(project: Path) -> None:
    write(
        project,
        "journeyctl.yaml",
        "journeyctl: 1\nrules:\n  unowned-step: warning\n  dead-end: 'off'\n",
    )
    result = run("lint", ".", "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["severity"]) for f in findings] == [("unowned-step", "warning")]
    assert result.exit_code == 0


def test_pyproject_settings(project: Path) -> None:
    write(
        project,
        "pyproject.toml",
        "[tool.journeyctl]\nrules = {unowned-step = 'off', dead-end = 'off'}\n",
    )
    assert run("lint", ".").exit_code == 0


def test_include_and_exclude_globs(project: Path) -> None:
    write(project, "journeyctl.yaml", "journeyctl: 1\nexclude: ['unowned.*']\n")
    write(project, "drafts/unowned.yaml", UNOWNED.replace("id: unowned", "id: draft"))
    result = run("lint", ".", "--format", "json")
    paths = {f["path"] for f in json.loads(result.stdout)["findings"]}
    assert paths == {"drafts/unowned.yaml"}
    write(project, "journeyctl.yaml", "journeyctl: 1\nexclude: ['**/unowned.yaml']\n")
    assert run("lint", ".").exit_code == 0
    # a file named on the command line is always linted
    assert run("lint", "unowned.yaml").exit_code == 1


def test_bad_settings_exit_2_with_position(project: Path) -> None:
    write(project, "journeyctl.yaml", "journeyctl: 1\nrules:\n  unowned-steps: 'off'\n")
    result = run("lint", ".")
    assert result.exit_code == 2
    assert (
        "journeyctl.yaml:3:3: bad settings: unknown rule 'unowned-steps'; did you mean 'unowned-step'?"
        in result.stderr
    )
    write(project, "journeyctl.yaml", "journeyctl: 1\nreview_every: 3 months\n")
    result = run("lint", ".")
    assert result.exit_code == 2
    assert "journeyctl.yaml:2:15:" in result.stderr


def test_missing_path_is_a_usage_error(project: Path) -> None:
    result = run("lint", "nowhere")
    assert result.exit_code == 2
    assert result.stderr.strip() == "journeyctl: nowhere: no such file or directory"


def test_unknown_format_is_a_usage_error(project: Path) -> None:
    assert run("lint", "--format", "xml").exit_code == 2


def test_unreadable_files_are_exit_2_but_others_are_linted(project: Path) -> None:
    import os

    (project / "dangling.yaml").symlink_to(project / "nowhere.yaml")
    os.mkfifo(project / "pipe.yaml")  # reading it would block forever
    result = run("lint", ".")
    assert result.exit_code == 2
    assert "journeyctl: dangling.yaml: cannot read: No such file or directory" in result.stderr
    assert "journeyctl: pipe.yaml: cannot read: not a regular file" in result.stderr
    assert "unowned-step" in result.stdout
    named = run("lint", "pipe.yaml")
    assert named.exit_code == 2
    assert "pipe.yaml: cannot read: not a regular file" in named.stderr


def test_parse_error_is_a_finding_not_a_crash(project: Path) -> None:
    write(project, "broken.yaml", "journeyctl: 1\nkind: journey\ntitle: 'open\n")
    result = run("lint", "broken.yaml")
    assert result.exit_code == 1
    assert "broken.yaml:3:8: error[parse-error] unclosed quote" in result.stdout
    assert "Traceback" not in result.output


def test_rules_lists_every_rule(project: Path) -> None:
    from journeyctl.lint.rules import REGISTRY

    result = run("rules")
    assert result.exit_code == 0
    for name in REGISTRY:
        assert name in result.stdout


def test_explain(project: Path) -> None:
    result = run("explain", "dead-end")
    assert result.exit_code == 0
    assert result.stdout.startswith("dead-end [warning]")
    assert "Bad:" in result.stdout and "Good:" in result.stdout
    unknown = run("explain", "dead-ends")
    assert unknown.exit_code == 2
    assert "did you mean 'dead-end'?" in unknown.stderr


def test_schema_to_stdout_and_to_directory(project: Path) -> None:
    result = run("schema")
    assert json.loads(result.stdout)["title"] == "journeyctl document"
    assert run("schema", "-o", "out").exit_code == 0
    assert sorted(p.name for p in (project / "out").iterdir()) == [
        "journey.schema.json",
        "settings.schema.json",
    ]


def test_lint_never_modifies_input(project: Path) -> None:
    before = {p: p.read_bytes() for p in project.glob("*.yaml")}
    run("lint", ".", "--format", "json")
    assert {p: p.read_bytes() for p in project.glob("*.yaml")} == before


def test_version_and_module_entry_point() -> None:
    from journeyctl import __version__

    done = subprocess.run(
        [sys.executable, "-m", "journeyctl", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"journeyctl {__version__}"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
def test_version_to_a_full_disk_is_one_line_and_exit_2() -> None:
    with Path("/dev/full").open("w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "journeyctl", "--version"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 2
    assert done.stderr == "journeyctl: cannot write to stdout: No space left on device\n"


def test_version_to_a_closed_pipe_is_silent() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before journeyctl writes
    try:
        done = subprocess.run(
            [sys.executable, "-m", "journeyctl", "--version"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (0, "")


@pytest.mark.parametrize(
    "command", [[], ["lint"], ["diff"], ["render"], ["fmt"], ["init"], ["rules"], ["schema"]]
)
def test_help_shows_no_value_type_for_flags(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "--help" in result.stdout
    assert "<bool>" not in result.stdout  # flags take no value
    if command == ["lint"]:
        assert "<path>" in result.stdout  # options that take a value keep their type


def test_real_process_prints_no_traceback_on_bad_input(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_bytes(b"journeyctl: 1\n\xff\xfe")
    done = subprocess.run(
        [sys.executable, "-m", "journeyctl", "lint", str(tmp_path / "x.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "invalid UTF-8" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_no_journeyctl_files_warns_but_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "ci.yml", "on: push\n")
    result = run("lint")
    assert result.exit_code == 0
    assert "no journeyctl files found" in result.stderr


def test_one_file_is_checked_against_the_rest_of_its_project(project: Path) -> None:
    write(project, "journeyctl.yaml", "journeyctl: 1\n")
    write(project, "sub/copy.yaml", CLEAN.replace("title: Clean", "title: Copy"))
    result = run("lint", "clean.yaml", "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert [(f["path"], f["rule"], f["line"]) for f in findings] == [
        ("clean.yaml", "duplicate-id", 3)
    ]
    assert "also defined in sub/copy.yaml:3" in findings[0]["message"]


def test_a_named_settings_file_is_validated_not_linted(project: Path) -> None:
    write(project, "journeyctl.yaml", "journeyctl: 1\nlifecycle: [awareness]\n")
    result = run("lint", "journeyctl.yaml", "clean.yaml")
    assert result.exit_code == 0, result.output
    write(project, "journeyctl.yaml", "journeyctl: 1\nlifecycle: awareness\n")
    assert run("lint", "journeyctl.yaml").exit_code == 2


def test_reports_never_overwrite_a_journeyctl_file(project: Path) -> None:
    before = (project / "unowned.yaml").read_bytes()
    for args in (
        ["lint", "unowned.yaml", "--output-file", "unowned.yaml"],
        ["lint", "unowned.yaml", "--write-baseline", "unowned.yaml"],
        ["diff", "clean.yaml", "unowned.yaml", "-o", "unowned.yaml"],
    ):
        result = run(*args)
        assert result.exit_code == 2, args
        assert "unowned.yaml is a journeyctl file: refusing to overwrite it" in result.stderr
        assert (project / "unowned.yaml").read_bytes() == before

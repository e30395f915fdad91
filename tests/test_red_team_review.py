"""Red-team review of the workspace and cli layers (issues 9 and 10): hostile inputs found
by a fresh-eyes run through the real CLI, each a test that failed before its fix."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import run, write

PERSONA = """\
journeyctl: 1
kind: persona
id: buyer
name: Buyer
"""

JOURNEY = """\
journeyctl: 1
kind: journey
id: signup
title: Signup
state: current
persona: buyer
owner: sales
reviewed: 2026-11-02
stages:
  - id: find
    name: Find
    owner: sales
    outcome: Found
    metrics:
      - {name: visits, target: 10, actual: 12}
    steps:
      - id: lands
        name: Lands
        actor: customer
        outcome: Landed
        terminal: true
"""


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository with one committed persona, as the current directory."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "config", "user.name", "Test")
    _git(tmp_path, "config", "user.email", "test@example.com")
    _git(tmp_path, "config", "commit.gpgsign", "false")
    write(tmp_path, "personas/buyer.yaml", PERSONA)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.skipif(sys.platform != "linux", reason="needs file names that are not UTF-8")
def test_diff_base_reads_a_changed_file_whose_name_is_not_utf8(repo: Path) -> None:
    name = os.fsdecode(b"bad\xff.yaml")
    write(repo, name, JOURNEY)
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "first")
    write(repo, name, JOURNEY.replace("name: Lands", "name: Arrives"))
    result = run("diff", "--base", "HEAD", "-f", "json")
    assert "internal error" not in result.stderr
    assert result.exit_code == 0, result.output
    (only,) = json.loads(result.stdout)["diffs"]
    assert only["status"] == "modified"
    assert only["new"]["path"].startswith("bad")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_baseline_that_is_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    write(tmp_path, "personas/buyer.yaml", PERSONA)
    fifo = tmp_path / "baseline.json"
    os.mkfifo(fifo)
    result = run("lint", str(tmp_path), "--baseline", str(fifo))  # hung before, waiting
    assert result.exit_code == 2
    assert f"{fifo}: cannot read baseline: not a regular file" in result.stderr


def test_sarif_fingerprints_differ_for_each_result_in_a_file(tmp_path: Path) -> None:
    """GitHub code scanning takes results with equal fingerprints for one alert: three bad
    durations (schema errors have no element id) must stay three alerts."""
    write(tmp_path, "personas/buyer.yaml", PERSONA)
    bad = JOURNEY.replace("    owner: sales\n", "    owner: sales\n    duration: 9999999d\n")
    bad += "  - {id: two, name: Two, owner: sales, outcome: O, duration: 9999999d}\n"
    bad += "  - {id: three, name: Three, owner: sales, outcome: O, duration: 9999999d}\n"
    write(tmp_path, "journeys/j.yaml", bad)
    result = run("lint", str(tmp_path), "-f", "sarif")
    results = json.loads(result.stdout)["runs"][0]["results"]
    errors = [r for r in results if r["ruleId"] == "schema-error"]
    assert len(errors) == 3, result.stdout
    assert len({r["partialFingerprints"]["journeyctl/v1"] for r in results}) == len(results)


def test_lint_dir_checks_a_linked_journey_whose_target_has_no_yaml_suffix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`lint DIR` checks what `lint DIR/link.yaml` checks: the globs match the link's own
    name, not its target's (which was skipped in silence, exit 0)."""
    write(tmp_path, "personas/buyer.yaml", PERSONA)
    write(tmp_path, "store/signup", JOURNEY.replace("    owner: sales\n", ""))
    (tmp_path / "journeys").mkdir()
    (tmp_path / "journeys" / "signup.yaml").symlink_to(tmp_path / "store" / "signup")
    named = run("lint", str(tmp_path / "journeys" / "signup.yaml"), "-f", "json")
    monkeypatch.chdir(tmp_path)
    walked = run("lint", ".", "-f", "json")
    assert named.exit_code == walked.exit_code == 1, walked.output
    assert json.loads(walked.stdout)["summary"]["files"] == 2
    found = json.loads(walked.stdout)["findings"]
    assert [(f["rule"], f["path"]) for f in found] == [("unowned-step", "journeys/signup.yaml")]


def test_init_quotes_the_directory_in_the_command_it_suggests(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The `next:` line is a command to copy: a name with a space or `;` is quoted."""
    monkeypatch.chdir(tmp_path)
    for name, shown in (("my maps", "'my maps'"), ("a;touch pwned", "'a;touch pwned'")):
        result = run("init", name)
        assert result.exit_code == 0, result.output
        assert result.stdout.endswith(f"\nnext: journeyctl lint {shown}\n")
    assert run("init", "plain").stdout.endswith("\nnext: journeyctl lint plain\n")


def test_diff_text_never_starts_a_line_with_a_workflow_command(tmp_path: Path) -> None:
    """GitHub's runner takes a line that starts with `::` after leading spaces as a workflow
    command; the text diff starts lines with stage names (its stage table and headings)."""
    old = JOURNEY.replace("    name: Find\n", '    name: "::error::old stage"\n')
    new = old.replace("id: find", "id: look").replace("::error::old", "##[error]new")
    new = new.replace("name: Lands", 'name: "  ::warning::step"')
    write(tmp_path, "old.yaml", old)
    write(tmp_path, "new.yaml", new)
    result = run("diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert not [line for line in lines if line.lstrip().startswith(("::", "##["))]
    assert any("\\x3a:error::old stage (removed)" in line for line in lines)
    assert any("\\x23#[error]new stage (added)" in line for line in lines)


@pytest.mark.parametrize("written", ["0", "86400", "true"])
def test_a_number_is_not_a_review_date(tmp_path: Path, written: str) -> None:
    """The schema (and the message) want YYYY-MM-DD; `reviewed: 0` passed as 1970-01-01."""
    write(tmp_path, "personas/buyer.yaml", PERSONA)
    path = write(tmp_path, "j.yaml", JOURNEY.replace("2026-11-02", written))
    result = run("lint", str(tmp_path), "-f", "json")
    found = [(f["rule"], f["line"], f["message"]) for f in json.loads(result.stdout)["findings"]]
    assert found == [
        (
            "schema-error",
            8,
            f"reviewed: {'True' if written == 'true' else written} is not a date: "
            "write YYYY-MM-DD, e.g. 2026-11-30",
        )
    ], path
    assert result.exit_code == 1


def test_a_file_name_with_leading_spaces_cannot_start_a_workflow_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GitHub's runner ignores leading spaces before `::`: the text report names such a file
    as `./  ::error::...`."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "  ::error::x.yaml", PERSONA + "nope: 1\n")
    result = run("lint", ".", "-f", "text")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert not [line for line in lines if line.lstrip().startswith(("::", "##["))]
    assert lines[0].startswith("./  ::error::x.yaml:5:1: error[schema-error] unknown key 'nope'")


def test_unicode_white_space_before_a_command_start_is_no_way_around(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """.NET's TrimStart, which the runner uses, also drops no-break and other Unicode spaces."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "\u00a0\u2003::error::x.yaml", PERSONA + "nope: 1\n")
    old = JOURNEY.replace("    name: Find\n", '    name: "\u3000::error::old"\n')
    write(tmp_path, "old.yaml", old)
    write(tmp_path, "new.yaml", old.replace("id: find", "id: look"))
    for args in (("lint", ".", "-f", "text"), ("diff", "old.yaml", "new.yaml")):
        lines = run(*args).stdout.splitlines()
        assert lines
        assert not [line for line in lines if line.lstrip().startswith(("::", "##["))], args


@pytest.mark.parametrize(
    "text",
    [
        "{\n  journeyctl: 1, kind: persona, id: p, name: P\n}\n",
        "? journeyctl\n: 1\nkind: persona\nid: p\nname: P\n",
    ],
)
def test_output_never_replaces_a_journeyctl_file_written_in_another_style(
    tmp_path: Path, text: str
) -> None:
    """`lint` checks these as journeyctl files, so the writer must refuse them too (it only
    looked for a line starting `journeyctl:`, and replaced them with a JSON diff, exit 0)."""
    journey = write(tmp_path, "j.yaml", JOURNEY)
    target = tmp_path / "p.yaml"
    target.write_text(text, encoding="utf-8")
    assert json.loads(run("lint", str(target), "-f", "json").stdout)["summary"]["files"] == 1
    result = run("diff", str(journey), str(journey), "-o", str(target), "-f", "json")
    assert result.exit_code == 2
    assert "is a journeyctl file: refusing to overwrite it with output" in result.stderr
    assert target.read_text(encoding="utf-8") == text


def test_diff_base_sees_a_changed_journeyctl_file_in_flow_style(repo: Path) -> None:
    """`lint` checks a flow mapping over several lines as a journeyctl file; `diff --base`
    said "No journeyctl file changed" about it (exit 0)."""
    write(repo, "p.yaml", "{\n  journeyctl: 1, kind: persona, id: p, name: P\n}\n")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "first")
    write(repo, "p.yaml", "{\n  journeyctl: 1, kind: persona, id: p, name: Q\n}\n")
    result = run("diff", "--base", "HEAD", "-f", "json")
    assert result.exit_code == 0, result.output
    (only,) = json.loads(result.stdout)["diffs"]
    assert (only["old"]["path"], only["new"]["path"]) == ("HEAD:p.yaml", "p.yaml")

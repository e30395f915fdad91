"""The error boundary and the one message sanitizer: what reaches a terminal or a CI log."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import NoReturn

import pytest

from journeyctl.core.errors import UsageError
from journeyctl.workspace.messages import markup_safe, printable
from tests.helpers import run, write

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
EVIL = "evil\n::error file=x::owned.yaml"

# command line -> the feature function it calls, to make fail
COMMANDS = [
    (["lint", "."], "journeyctl.lint.engine", "lint_paths"),
    (["diff", "a.yaml", "b.yaml"], "journeyctl.diff.inputs", "build_report"),
    (["render", "a.yaml"], "journeyctl.render.plan", "make_plan"),
    (["fmt", "."], "journeyctl.fmt", "format_paths"),
    (["init", "new"], "journeyctl.scaffold", "project_files"),
    (["schema"], "journeyctl.schema", "schemas"),
    (["rules"], "journeyctl.cli.rules", "_severity"),
    (["explain", "unowned-step"], "journeyctl.lint.rules", "REGISTRY"),
]


class _Raiser:
    """A function, or a registry, that fails when used."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def __call__(self, *_: object, **__: object) -> NoReturn:
        raise self.error

    def get(self, *_: object) -> NoReturn:
        raise self.error


def _raiser(error: Exception) -> _Raiser:
    return _Raiser(error)


@pytest.mark.parametrize(("args", "module", "name"), COMMANDS)
def test_an_internal_failure_is_one_line_that_says_it_is_a_bug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], module: str, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JOURNEYCTL_DEBUG", raising=False)
    monkeypatch.setattr(importlib.import_module(module), name, _raiser(ValueError("boom")))
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr == (
        "journeyctl: internal error: ValueError: boom (this is a bug in journeyctl; run again "
        "with --debug or JOURNEYCTL_DEBUG=1 for the traceback)\n"
    )


@pytest.mark.parametrize(("args", "module", "name"), COMMANDS)
def test_a_users_mistake_is_one_line_without_the_word_bug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], module: str, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    error = UsageError("x.yaml: not a journey")
    monkeypatch.setattr(importlib.import_module(module), name, _raiser(error))
    result = run(*args)
    assert (result.exit_code, result.stderr) == (2, "journeyctl: x.yaml: not a journey\n")


@pytest.mark.parametrize("how", ["flag", "env"])
def test_debug_shows_the_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("journeyctl.lint.engine.lint_paths", _raiser(KeyError("k")))
    if how == "flag":
        result = run("--debug", "lint", ".")
    else:
        result = run("lint", ".", env={"GITHUB_ACTIONS": "", "JOURNEYCTL_DEBUG": "1"})
    assert result.exit_code == 2
    assert result.stderr.startswith("Traceback (most recent call last):\n")
    assert "in __call__\n" in result.stderr  # the frame that raised
    assert result.stderr.endswith(
        "journeyctl: internal error: KeyError: 'k' (this is a bug in "
        "journeyctl; run again with --debug or JOURNEYCTL_DEBUG=1 for "
        "the traceback)\n"
    )


def test_main_is_the_same_boundary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from journeyctl.cli.app import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["journeyctl", "lint", "."])
    monkeypatch.setattr("journeyctl.lint.engine.lint_paths", _raiser(RuntimeError("x\ny")))
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("journeyctl: internal error: RuntimeError: x\\x0ay (this is a bug")


def test_root_help_names_debug() -> None:
    assert "--debug" in run("--help").stdout


def test_printable_escapes_every_control_character() -> None:
    assert (
        printable("a\nb\rc\x1b[2J\x07\x7f\x85\td") == "a\\x0ab\\x0dc\\x1b[2J\\x07\\x7f\\x85\\x09d"
    )
    assert printable("tab\there", keep_tabs=True) == "tab\there"
    assert printable("caf\u00e9 \u65e5\u672c") == "caf\u00e9 \u65e5\u672c"
    assert printable(os.fsdecode(b"bad\xff.yaml")) == "bad\\xff.yaml"
    assert markup_safe("[bold]x[/bold]\n") == "\\[bold]x\\[/bold]\\x0a"


@pytest.fixture
def evil_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, EVIL, UNOWNED)
    return tmp_path


def _workflow_commands(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("::")]


def test_a_file_name_cannot_start_a_workflow_command(evil_project: Path) -> None:
    for args, env in (
        (["lint", ".", "--format", "github"], {"GITHUB_ACTIONS": ""}),
        (["lint", "."], {"GITHUB_ACTIONS": "true"}),
        (["lint", EVIL], {"GITHUB_ACTIONS": "true"}),
    ):
        result = run(*args, env=env)
        assert result.exit_code == 1, result.output
        commands = _workflow_commands(result.stdout)
        assert len(commands) == 2  # unowned-step and dead-end: one command each
        assert all(line.split(" ", 1)[1].startswith("file=evil%0A%3A%3Aerror") for line in commands)
        for line in (result.stdout + result.stderr).splitlines():
            assert not line.startswith("::error file=x"), line


def test_a_dangling_link_with_a_hostile_name_is_named_on_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / EVIL).symlink_to(tmp_path / "nowhere.yaml")
    for args in (["lint", EVIL], ["render", EVIL], ["fmt", EVIL], ["lint", "."]):
        result = run(*args, env={"GITHUB_ACTIONS": "true"})
        assert result.exit_code == 2, (args, result.output)
        assert "evil\\x0a::error file=x::owned.yaml" in result.stderr, args
        for line in (result.stdout + result.stderr).splitlines():
            assert not line.startswith("::error file=x"), (args, line)


@pytest.mark.parametrize("name", ["::error file=x::owned.yaml", "##[error]owned.yaml"])
def test_a_file_name_cannot_start_a_workflow_command_in_text_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, name, UNOWNED)
    result = run("lint", ".", "--format", "text", env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    assert f"./{name}:11:14: error[unowned-step]" in result.stdout
    for line in (result.stdout + result.stderr).splitlines():
        assert not line.startswith(("::", "##[")), line


def test_escape_and_bell_in_a_name_are_shown_escaped(tmp_path: Path) -> None:
    name = "a\x1b[31mred\x07.yaml"
    write(tmp_path, name, UNOWNED)
    result = run("lint", str(tmp_path / name))
    assert result.exit_code == 1
    assert "a\\x1b[31mred\\x07.yaml:11:14: error[unowned-step]" in result.stdout
    assert "\x1b" not in result.stdout + result.stderr
    assert "\x07" not in result.stdout + result.stderr


def test_render_warnings_about_a_hostile_name_stay_on_one_line(tmp_path: Path) -> None:
    project = tmp_path / "p"
    write(project, "ok.yaml", UNOWNED)
    write(project, "bad\x1b]0;title\x07\n.yaml", "journeyctl: 1\nkind: journey\nid: [\n")
    result = run("render", str(project), "-o", str(tmp_path / "out"), "-f", "dot")
    assert result.exit_code == 0, result.stderr
    warning = next(line for line in result.stderr.splitlines() if "skipped" in line)
    assert warning.startswith("journeyctl: warning: ")
    assert "bad\\x1b]0;title\\x07\\x0a.yaml" in warning
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr


def test_github_annotations_escape_controls_in_messages_and_properties() -> None:
    from journeyctl.core.finding import Finding, LintReport, Severity
    from journeyctl.lint.report import ReportOptions, get_reporter

    finding = Finding(
        path="a\x1b.yaml",
        line=1,
        column=1,
        rule="unowned-step",
        severity=Severity.ERROR,
        message="bell\x07 and\nnext",
    )
    out = get_reporter("github")(LintReport([finding], files=1), ReportOptions())
    assert out == "::error file=a\\x1b.yaml,line=1,col=1,title=unowned-step::bell\\x07 and%0Anext\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
@pytest.mark.parametrize("command", [["rules"], ["explain", "dead-end"], ["schema"]])
def test_a_full_disk_behind_stdout_is_not_called_a_bug(command: list[str]) -> None:
    import subprocess

    with Path("/dev/full").open("w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "journeyctl", *command],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert (done.returncode, done.stderr) == (
        2,
        "journeyctl: cannot write to stdout: No space left on device\n",
    )

"""The one writer: no command writes over an input, a journeyctl file or a non-file."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from journeyctl.core.errors import UsageError
from journeyctl.workspace.discover import is_journeyctl
from journeyctl.workspace.write import check_target, write_file
from tests.helpers import run, write

OLD = """\
journeyctl: 1
kind: journey
id: shop
title: Shop
stages:
  - id: buy
    name: Buy
    owner: sales
    outcome: Bought
    metrics: [{name: conversion, target: 0.1}]
    steps:
      - {id: looks, name: Looks, outcome: Seen}
      - {id: buys, name: Buys, outcome: Paid, terminal: true}
"""
NEW = OLD.replace("name: Looks", "name: Browses")
PICTURES = ["svg", "png", "pdf", "dot"]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "old.yaml", OLD)
    write(tmp_path, "new.yaml", NEW)
    return tmp_path


def _one_error_line(stderr: str, *words: str) -> None:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("journeyctl: "), stderr
    for word in words:
        assert word in lines[0], stderr


@pytest.mark.parametrize("picture", PICTURES)
def test_diff_never_draws_over_its_new_side(project: Path, picture: str) -> None:
    result = run("diff", "old.yaml", "new.yaml", "-o", "new.yaml", "-f", picture)
    assert result.exit_code == 2
    _one_error_line(result.stderr, "new.yaml", "refusing to overwrite")
    assert (project / "new.yaml").read_text(encoding="utf-8") == NEW


@pytest.mark.parametrize("picture", PICTURES)
def test_render_diff_never_draws_over_its_input(project: Path, picture: str) -> None:
    result = run("render", "new.yaml", "--diff", "old.yaml", "-o", "new.yaml", "-f", picture)
    assert result.exit_code == 2
    _one_error_line(result.stderr, "new.yaml", "refusing to overwrite")
    assert (project / "new.yaml").read_text(encoding="utf-8") == NEW


@pytest.mark.parametrize("picture", PICTURES)
def test_diff_refuses_a_side_that_no_longer_looks_like_journeyctl(
    project: Path, picture: str
) -> None:
    # a flow mapping whose first line is not `journeyctl:`: still an input of the run
    odd = "{\n  journeyctl: 1, kind: journey, id: shop, title: Shop, stages: []}\n"
    write(project, "odd.yaml", odd)
    result = run("diff", "old.yaml", "odd.yaml", "-o", "odd.yaml", "-f", picture)
    assert result.exit_code == 2
    _one_error_line(result.stderr, "odd.yaml", "refusing to overwrite")
    assert (project / "odd.yaml").read_text(encoding="utf-8") == odd


def _command(kind: str, target: str) -> list[str]:
    return {
        "lint": ["lint", "old.yaml", "-o", target],
        "baseline": ["lint", "old.yaml", "--write-baseline", target],
        "diff": ["diff", "old.yaml", "new.yaml", "-o", target],
        "diff-picture": ["diff", "old.yaml", "new.yaml", "-f", "dot", "-o", target],
        "render": ["render", "old.yaml", "-f", "dot", "-o", target],
        "schema": ["schema", "-o", target],
    }[kind]


KINDS = ["lint", "baseline", "diff", "diff-picture", "render", "schema"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_symlink_to_an_input_is_refused(project: Path, kind: str) -> None:
    (project / "link.json").symlink_to("new.yaml")
    args = _command(kind, "link.json")
    result = run(*args)
    assert result.exit_code == 2, result.output
    _one_error_line(result.stderr, "link.json", "refusing")
    assert (project / "new.yaml").read_text(encoding="utf-8") == NEW
    assert (project / "link.json").is_symlink()


@pytest.mark.parametrize("kind", [k for k in KINDS if k not in ("render", "schema")])
def test_a_directory_is_refused(project: Path, kind: str) -> None:
    (project / "out.json").mkdir()
    result = run(*_command(kind, "out.json"))
    assert result.exit_code == 2, result.output
    _one_error_line(result.stderr, "out.json", "is a directory")
    assert list((project / "out.json").iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("kind", KINDS)
def test_a_fifo_is_refused_without_blocking(project: Path, kind: str) -> None:
    os.mkfifo(project / "out.json")
    result = run(*_command(kind, "out.json"))
    assert result.exit_code == 2, result.output
    _one_error_line(result.stderr, "out.json", "not a regular file")


def test_render_folder_never_writes_over_a_fifo(project: Path) -> None:
    (project / "out").mkdir()
    os.mkfifo(project / "out" / "shop.current.flow.dot")
    result = run("render", ".", "-o", "out", "-f", "dot")
    assert result.exit_code == 2
    assert "shop.current.flow.dot is not a regular file" in result.stderr


def test_a_report_replaces_a_symlink_to_a_plain_file_not_the_file(project: Path) -> None:
    (project / "elsewhere.txt").write_text("keep me\n", encoding="utf-8")
    (project / "report.txt").symlink_to("elsewhere.txt")
    result = run("lint", "old.yaml", "--output-file", "report.txt")
    assert result.exit_code == 0, result.stderr
    assert not (project / "report.txt").is_symlink()
    assert "no findings" in (project / "report.txt").read_text(encoding="utf-8")
    assert (project / "elsewhere.txt").read_text(encoding="utf-8") == "keep me\n"


@pytest.mark.parametrize("spelling", ["-o", "--output", "--output-file"])
def test_every_writing_command_takes_every_output_spelling(project: Path, spelling: str) -> None:
    for number, args in enumerate(
        [
            ["lint", "old.yaml"],
            ["diff", "old.yaml", "new.yaml", "-f", "json"],
            ["render", "old.yaml", "-f", "dot"],
            ["schema"],
        ]
    ):
        target = project / f"out{number}.json"
        result = run(*args, spelling, str(target))
        assert result.exit_code == 0, (args, result.stderr)
        assert target.read_text(encoding="utf-8").strip(), args
    assert json.loads((project / "out3.json").read_text(encoding="utf-8"))["$schema"]


@pytest.mark.parametrize("command", ["lint", "diff", "render", "schema"])
def test_help_names_both_output_spellings(command: str) -> None:
    shown = run(command, "--help").stdout
    assert "--output" in shown and "--output-file" in shown and "-o" in shown


def test_init_writes_nothing_when_a_folder_is_blocked(tmp_path: Path) -> None:
    (tmp_path / "journeys").symlink_to(tmp_path / "nowhere")  # a dangling link: not a folder
    result = run("init", str(tmp_path))
    assert result.exit_code == 2
    _one_error_line(result.stderr, "journeys", "nothing written")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journeys"]


def test_init_takes_back_what_it_wrote_when_a_write_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import journeyctl.workspace.write

    calls: list[Path] = []

    def failing(path: Path, data: str | bytes, *args: object, **kwargs: object) -> None:
        calls.append(path)
        if len(calls) == 3:
            raise UsageError(f"{path}: cannot write: No space left on device")
        real_write(path, data)

    real_write = journeyctl.workspace.write.write_file
    monkeypatch.setattr(journeyctl.workspace.write, "write_file", failing)
    result = run("init", str(tmp_path / "p"))
    assert result.exit_code == 2
    _one_error_line(result.stderr, "No space left on device")
    assert len(calls) == 3
    assert not (tmp_path / "p").exists()


def test_fmt_rewrites_its_file_through_a_link_and_keeps_the_link(tmp_path: Path) -> None:
    real = write(tmp_path, "real.yaml", "kind: journey\njourneyctl: 1\nid: a\ntitle: A\n")
    (tmp_path / "link.yaml").symlink_to(real)
    result = run("fmt", str(tmp_path / "link.yaml"))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "link.yaml").is_symlink()
    assert real.read_text(encoding="utf-8").startswith("journeyctl: 1\nkind: journey\n")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"journeyctl: 1\n", True),
        (b"\xef\xbb\xbfjourneyctl: 1\n", True),
        ("journeyctl: 1\n".encode("utf-16"), True),
        ("journeyctl: 1\n".encode("utf-32"), True),
        (b"# comment\r\n'journeyctl' : 1\r\n", True),
        (b"{journeyctl: 1, kind: journey}", True),
        (b"--- {journeyctl: 1}", True),
        (b"a:\n  journeyctl: 1\n", False),
        (b'{"report": "journeyctl: 1"}', False),
        (b"\x89PNG\r\n\x1a\n\x00\x00", False),
    ],
)
def test_journeyctl_files_are_recognized_in_any_encoding(data: bytes, expected: bool) -> None:
    assert is_journeyctl(data) is expected


def test_check_target_allows_the_one_file_being_formatted(tmp_path: Path) -> None:
    journey = write(tmp_path, "j.yaml", "journeyctl: 1\n")
    with pytest.raises(UsageError, match="is a journeyctl file"):
        check_target(journey)
    check_target(journey, [journey], replace_input=True)
    with pytest.raises(UsageError, match="is a directory"):
        check_target(tmp_path, replace_input=True)


def test_write_file_is_atomic_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    write_file(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert (target.stat().st_mode & 0o777) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


@pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz's dot")
def test_diff_draws_into_a_new_picture(project: Path) -> None:
    result = run("diff", "old.yaml", "new.yaml", "-o", "pictures/change.svg")
    assert result.exit_code == 0, result.stderr
    assert (project / "pictures" / "change.svg").read_bytes().lstrip().startswith(b"<?xml")


def test_a_link_to_a_directory_and_a_link_loop_are_refused(project: Path) -> None:
    (project / "folder").mkdir()
    (project / "to-folder.json").symlink_to("folder")
    (project / "loop.json").symlink_to("loop.json")
    for target, words in (
        ("to-folder.json", "to-folder.json (a symbolic link) is a directory"),
        ("loop.json", "loop.json: cannot write"),
    ):
        result = run("lint", "old.yaml", "-o", target)
        assert result.exit_code == 2
        _one_error_line(result.stderr, words)
    assert list((project / "folder").iterdir()) == []
    assert (project / "loop.json").is_symlink()


def test_an_output_read_once_is_read_again_when_it_changes(tmp_path: Path) -> None:
    """A command checks its output before drawing and again when writing, reading it once;
    a file that became a journeyctl file in between is still refused."""
    out = tmp_path / "picture.dot"
    out.write_text("digraph g {}\n", encoding="utf-8")
    check_target(out)
    check_target(out)  # the same file, unchanged: allowed again
    out.write_text("journeyctl: 1\nkind: persona\nid: p\nname: P\n", encoding="utf-8")
    with pytest.raises(UsageError, match="is a journeyctl file"):
        check_target(out)
    same_size = tmp_path / "same.dot"
    same_size.write_text("digraph: 1\n", encoding="utf-8")
    check_target(same_size)
    _written(tmp_path / "new.yaml", "journeyctl: 1\n").replace(same_size)
    with pytest.raises(UsageError, match="is a journeyctl file"):
        check_target(same_size)


def _written(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path

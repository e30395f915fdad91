"""The workspace layer as a user meets it: which files are found, how odd files are read.

A directory walk finds exactly the files that naming them would lint (whatever their
encoding, line endings or flow style), and files that cannot be read are named, never
skipped in silence and never waited on.
"""

from __future__ import annotations

import codecs
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from journeyctl.workspace.discover import display_path, glob_match
from journeyctl.workspace.load import LoadError, parse_yaml
from journeyctl.workspace.read import decode, read_regular
from tests.helpers import run, write

JOURNEY = """\
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
FLOW_STYLE = (
    "{journeyctl: 1, kind: journey, id: flowing, title: Flowing, stages: [{id: buy, name: Buy,"
    " outcome: Bought, metrics: [{name: conversion, target: 0.1}],\n"
    "  steps: [{id: buys, name: Buys, outcome: Paid}]}]}\n"
)

ENCODINGS: dict[str, Callable[[str], bytes]] = {
    "utf-8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-16-le": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16-be": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-32-le": lambda text: codecs.BOM_UTF32_LE + text.encode("utf-32-le"),
    "utf-32-be": lambda text: codecs.BOM_UTF32_BE + text.encode("utf-32-be"),
    "crlf": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "cr": lambda text: text.replace("\n", "\r").encode("utf-8"),
    "utf-16-crlf": lambda text: (
        codecs.BOM_UTF16_LE + text.replace("\n", "\r\n").encode("utf-16-le")
    ),
}


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings(*args: str) -> list[tuple[str, str, int, int]]:
    """(path, rule, line, column) of what `lint ARGS` reports."""
    result = run("lint", *args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    found = json.loads(result.stdout)["findings"]
    return [(f["path"], f["rule"], f["line"], f["column"]) for f in found]


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_a_directory_finds_every_encoding_with_the_same_findings(here: Path, encoding: str) -> None:
    write(here, "plain/j.yaml", JOURNEY)
    (here / "odd").mkdir()
    (here / "odd" / "j.yaml").write_bytes(ENCODINGS[encoding](JOURNEY))
    expected = [(path.replace("plain", "odd"), *rest) for path, *rest in findings("plain")]
    assert ("odd/j.yaml", "unowned-step", 11, 14) in expected
    assert findings("odd") == expected
    assert findings("odd/j.yaml") == expected
    shown = run("lint", "odd").stdout
    assert "11 |       - {id: buys, name: Buys, outcome: Paid}\n" in shown
    assert "\x00" not in shown and "\\x00" not in shown


def test_a_flow_style_root_is_found_in_a_directory(here: Path) -> None:
    write(here, "d/flowing.yaml", FLOW_STYLE)
    named = findings("d/flowing.yaml")
    assert ("d/flowing.yaml", "unowned-step", 2, 16) in named
    assert findings("d") == named


def test_a_broken_journeyctl_file_in_utf16_is_reported_but_foreign_yaml_is_not(
    here: Path,
) -> None:
    broken = JOURNEY.replace("title: Unowned", "title: [Unowned")
    (here / "d").mkdir()
    (here / "d" / "broken.yaml").write_bytes(ENCODINGS["utf-16-le"](broken))
    write(here, "d/foreign.yaml", "name: [not ours\n")
    write(here, "d/other.yaml", "kind: deployment\nreplicas: 3\n")
    found = findings("d")
    assert [(path, rule) for path, rule, _, _ in found] == [("d/broken.yaml", "parse-error")]
    assert findings("d/broken.yaml") == found


def test_decode_reads_boms_and_line_endings() -> None:
    assert decode(codecs.BOM_UTF8 + b"a: 1\r\nb: 2\rc: 3\n") == "a: 1\nb: 2\nc: 3\n"
    assert decode(codecs.BOM_UTF32_LE + "a: é\n".encode("utf-32-le")) == "a: é\n"
    with pytest.raises(LoadError, match="invalid UTF-8: byte 0xff") as caught:
        decode(b"a: 1\r\nb: \xff\n")
    assert (caught.value.line, caught.value.column) == (2, 4)
    with pytest.raises(LoadError, match="invalid UTF-16") as bad:
        decode(codecs.BOM_UTF16_LE + "a: 1\nb: ".encode("utf-16-le") + b"\x00\xdc")
    assert (bad.value.line, bad.value.column) == (2, 4)


def test_positions_after_cr_line_endings_are_the_file_lines() -> None:
    raw = b"a: 1\rb: 2\rb: 3\r"
    with pytest.raises(LoadError, match="duplicate key 'b'") as caught:
        parse_yaml(raw, Path("x.yaml"))
    assert caught.value.line == 3


def test_a_fifo_is_refused_and_never_waited_on(here: Path) -> None:
    write(here, "j.yaml", JOURNEY)
    os.mkfifo(here / "pipe.yaml")
    commands = (["lint", "."], ["lint", "pipe.yaml"], ["fmt", "--check", "."], ["fmt", "pipe.yaml"])
    for command in commands:
        result = run(*command)
        assert result.exit_code == 2, command
        assert "pipe.yaml: cannot read: not a regular file" in result.stderr
    rendered = run("render", "pipe.yaml")
    assert rendered.exit_code == 2
    assert rendered.stderr == "journeyctl: pipe.yaml: cannot read: not a regular file\n"


def test_a_file_over_the_size_cap_is_refused(here: Path) -> None:
    with (here / "huge.yaml").open("wb") as stream:
        stream.truncate(100_000_001)  # sparse: nothing is written
    result = run("lint", "huge.yaml")
    assert result.exit_code == 2
    assert "huge.yaml: cannot read: larger than 100 MB, the most journeyctl reads" in (
        result.stderr
    )
    write(here, "small.yaml", JOURNEY)
    with pytest.raises(OSError, match=r"larger than 0\.0001 MB"):
        read_regular(here / "small.yaml", max_bytes=100)


def test_include_with_a_character_class(here: Path) -> None:
    write(here, "journeyctl.yaml", "journeyctl: 1\ninclude: ['journeys/[ab]*.yaml']\n")
    write(here, "journeys/a1.yaml", JOURNEY)
    write(here, "journeys/c1.yaml", JOURNEY.replace("id: unowned", "id: other"))
    assert {path for path, *_ in findings(".")} == {"journeys/a1.yaml"}


def test_globs_that_used_to_backtrack_finish() -> None:
    deep = "/".join(["d"] * 30) + "/deep.yaml"
    assert glob_match(deep, "/".join(["**"] * 30) + "/deep.yaml")
    assert not glob_match(deep, "/".join(["**"] * 30) + "/other.yaml")
    assert not glob_match("a" * 10_000, "*a*a*a*a*a*b")
    assert glob_match("a" * 10_000 + "b", "*a*a*a*a*a*b")
    assert glob_match("x/.hidden.yaml", "**/*.yaml")
    assert not glob_match("x/y.yaml", "*.yaml")


def test_an_exclude_of_many_globstars_on_a_deep_path(here: Path) -> None:
    pattern = "/".join(["**"] * 30) + "/deep.yaml"
    write(here, "journeyctl.yaml", f"journeyctl: 1\nexclude: ['{pattern}']\n")
    write(here, "/".join(["d"] * 30) + "/deep.yaml", JOURNEY)
    write(here, "kept.yaml", JOURNEY.replace("id: unowned", "id: kept"))
    assert {path for path, *_ in findings(".")} == {"kept.yaml"}


def test_an_unreadable_subdirectory_is_named_and_exit_2(here: Path) -> None:
    write(here, "j.yaml", JOURNEY)
    locked = here / "locked"
    write(locked, "inside.yaml", JOURNEY)
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as root: a mode-000 directory is still readable")
        _assert_named_and_exit_2()
    finally:
        locked.chmod(0o755)


def test_a_directory_that_cannot_be_listed_is_named_and_exit_2(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same as above where the tests run as root: the listing itself fails."""
    write(here, "j.yaml", JOURNEY)
    write(here, "locked/inside.yaml", JOURNEY)
    scandir = os.scandir

    def refusing(path: str) -> object:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", path)
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    _assert_named_and_exit_2()


def _assert_named_and_exit_2() -> None:
    for command in (["lint", "."], ["fmt", "--check", "."]):
        result = run(*command)
        assert result.exit_code == 2, command
        assert "journeyctl: locked: cannot read directory: Permission denied" in result.stderr
    assert "unowned-step" in run("lint", ".").stdout


def test_a_symbolic_link_loop_does_not_crash(here: Path) -> None:
    write(here, "j.yaml", JOURNEY)
    (here / "self.yaml").symlink_to(here / "self.yaml")
    (here / "sub").mkdir()
    (here / "sub" / "up").symlink_to(here)
    for command in (["lint", "."], ["fmt", "--check", "."]):
        result = run(*command)
        assert result.exit_code == 2, command
        assert "journeyctl: self.yaml: cannot read: symbolic link loop" in result.stderr
        assert "Traceback" not in result.output
    assert "unowned-step" in run("lint", ".").stdout


def test_paths_are_shown_one_way(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (here / "a" / "b").mkdir(parents=True)
    monkeypatch.chdir(here / "a")
    assert display_path(here / "a" / "b" / "x.yaml") == "b/x.yaml"
    assert display_path(Path("b/../b/x.yaml")) == "b/x.yaml"
    assert display_path(Path("../c/x.yaml")) == "../c/x.yaml"  # outside: as given
    assert display_path(here / "c" / "x.yaml") == (here / "c" / "x.yaml").as_posix()
    assert display_path(Path("/nowhere-else/x.yaml")) == "/nowhere-else/x.yaml"
    assert display_path(Path()) == "."


def test_render_with_lint_loads_each_file_once(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from journeyctl.workspace import discover, load

    write(here, "j.yaml", JOURNEY)
    loads: list[Path] = []
    parse = load.parse_yaml

    def counting(raw: bytes, path: Path, text: str | None = None) -> object:
        loads.append(path)
        return parse(raw, path, text)

    monkeypatch.setattr(discover, "parse_yaml", counting)
    result = run("render", "j.yaml", "--lint", "--format", "dot")
    assert result.exit_code == 0, result.output
    assert "unowned-step" in result.stdout
    assert loads == [Path("j.yaml")]


@pytest.mark.parametrize(
    ("path", "pattern"),
    [
        ("a.yaml", "**/*.yaml"),
        ("x/y/a.yaml", "**/*.yaml"),
        ("x/.a.yaml", "**/*.yaml"),
        ("a.yml", "**/*.yaml"),
        ("x/a.yaml.bak", "**/*.yaml"),
        ("x/a-draft.yaml", "**/*-draft.yaml"),
        ("x/a.yaml", "**/*[.]yaml"),
    ],
)
def test_the_quick_suffix_glob_agrees_with_wcmatch(path: str, pattern: str) -> None:
    from wcmatch import glob

    assert glob_match(path, pattern) == glob.globmatch(
        path, pattern, flags=glob.GLOBSTAR | glob.DOTGLOB
    )


def test_a_report_never_overwrites_a_utf16_journey(here: Path) -> None:
    raw = ENCODINGS["utf-16-le"](JOURNEY)
    (here / "j.yaml").write_bytes(raw)
    result = run("lint", "j.yaml", "-o", "j.yaml")
    assert result.exit_code == 2
    assert "j.yaml is a journeyctl file: refusing to overwrite it" in result.stderr
    assert (here / "j.yaml").read_bytes() == raw


def test_jobs_are_capped_at_two_per_core(monkeypatch: pytest.MonkeyPatch) -> None:
    from journeyctl.workspace.parallel import workers_for

    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert (workers_for(None), workers_for(1), workers_for(3), workers_for(10_000)) == (2, 1, 3, 4)

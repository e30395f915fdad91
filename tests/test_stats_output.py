"""Hostile names in every format of `journeyctl stats`: markup, table pipes, spreadsheet formulas,
control characters and ANSI escapes never get through as they are."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from tests.helpers import run, write

TITLE = "=cmd|<b>bold</b> \x1b[31mred\x07 @team"
TEAM_NAME = '<b>|=HYPERLINK("x")\x1b[2J'
BAD_FILE = "=bad\x1b[31m|<b>.yaml"


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(
        tmp_path,
        "journeyctl.yaml",
        """\
        journeyctl: 1
        owners:
          ops: {name: "<b>|=HYPERLINK(\\"x\\")\\e[2J"}
        """,
    )
    write(
        tmp_path,
        "=j|<b>.yaml",
        """\
        journeyctl: 1
        kind: journey
        id: j
        title: "=cmd|<b>bold</b> \\e[31mred\\a @team"
        stages:
          - id: s
            name: S
            owner: ops
            outcome: done
            metrics: [{name: m, target: 1, actual: 1}]
            steps:
              - {id: a, name: A, outcome: done, emotion: -2, sla: 1h, terminal: true}
        """,
    )
    (tmp_path / BAD_FILE).write_text("journeyctl: 1\nkind: [\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def stats(*args: str) -> tuple[str, str]:
    result = run("stats", ".", "--today", "2026-11-24", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout, result.stderr


def test_text_shows_control_characters_escaped(hostile: Path) -> None:
    out, err = stats()
    for text in (out, err):
        assert "\x1b" not in text and "\x07" not in text
    assert '<b>|=HYPERLINK("x")\\x1b[2J' in out  # the team's name, shown as it is but inert
    assert "=bad\\x1b[31m|<b>.yaml" in out and "=bad\\x1b[31m|<b>.yaml" in err
    assert err.count("\n") == 1  # one line for the file that does not load


def test_json_keeps_text_as_it_is(hostile: Path) -> None:
    data = json.loads(stats("-f", "json")[0])
    assert data["documents"][0]["title"] == TITLE
    assert data["teams"][0]["name"] == TEAM_NAME
    assert data["skipped"][0]["path"].endswith(BAD_FILE)


def test_markdown_escapes_markup_pipes_and_mentions(hostile: Path) -> None:
    out = stats("-f", "markdown")[0]
    assert "<b>" not in out and "\x1b" not in out and "\x07" not in out
    assert "@team" not in out  # no mention: a word joiner follows the @
    row = next(line for line in out.splitlines() if line.startswith("| `j`"))
    assert "=cmd\\|&lt;b&gt;bold&lt;/b&gt; \\[31mred @\u2060team" in row
    unescaped_pipes = len(re.findall(r"(?<!\\)\|", row))
    header = next(line for line in out.splitlines() if line.startswith("| Document"))
    assert unescaped_pipes == header.count("|")  # the title adds no column
    team = next(line for line in out.splitlines() if line.startswith("| `ops`"))
    assert '&lt;b&gt;\\|=HYPERLINK("x")\\[2J' in team
    assert "=bad\\[31m\\|&lt;b&gt;.yaml" in out


def test_csv_cells_never_start_a_formula(hostile: Path) -> None:
    rows = list(csv.DictReader(stats("-f", "csv")[0].splitlines()))
    [row] = rows
    assert row["title"] == "'=cmd|<b>bold</b> [31mred @team"  # one line, no control
    assert row["path"] == "'=j|<b>.yaml"
    for value in row.values():
        if value.startswith(("=", "+", "-", "@")):
            float(value)  # only a number may start so
    assert row["emotion.average"] == "-2.0"  # numbers are numbers, not guarded text


def test_colour_marks_counts_but_never_passes_user_escapes(hostile: Path) -> None:
    result = run(
        "stats", ".", "--today", "2026-11-24", env={"FORCE_COLOR": "1", "GITHUB_ACTIONS": ""}
    )
    assert result.exit_code == 0
    assert "\x1b[1mDocuments" in result.stdout  # the header is bold
    assert "\x1b[2J" not in result.stdout and "\x1b[31mred" not in result.stdout
    assert '<b>|=HYPERLINK("x")\\x1b[2J' in result.stdout


def test_without_an_owners_registry_no_team_is_marked_missing(tmp_path: Path) -> None:
    """As lint checks owners only against a registry, stats marks none missing without one;
    with a registry, the teams missing from it are marked."""
    write(
        tmp_path,
        "j.yaml",
        "journeyctl: 1\nkind: journey\nid: j\ntitle: J\nstages:\n"
        "  - {id: s, name: S, owner: ops, steps: [{id: a, name: A, owner: web, terminal: true}]}\n",
    )
    for output_format in ("text", "markdown"):
        shown = run("stats", str(tmp_path), "--format", output_format).stdout
        assert "ops" in shown and "web" in shown
        assert "not in the owners registry" not in shown, output_format
    write(tmp_path, "journeyctl.yaml", "journeyctl: 1\nowners:\n  ops: {name: Operations}\n")
    for output_format in ("text", "markdown"):
        shown = run("stats", str(tmp_path), "--format", output_format).stdout
        assert "(1 not in the owners registry)" in shown, output_format

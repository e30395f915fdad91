"""`journeyctl plan` formats: markdown, csv and mermaid, with hostile text in each."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.helpers import run, write
from tests.test_plan_gantt import assert_gantt_lexes, gantt_tasks

HOSTILE = '<b>bold</b> & "q" \\N | `code` *em* [x](y) @team #1; a: b %%{init} \x1b[31m\u202e\x07'
"""A name with HTML, Markdown and Mermaid syntax, a mention, controls and an RTL override."""
DOC = """\
journeyctl: 1
kind: journey
id: j
title: J
stages:
  - id: a
    name: A
    owner: team-a
    steps:
      - id: s1
        name: S1
        pain_points: ["=pain | <i>"]
        opportunities:
          - text: {hostile}
            priority: high
            due: 2026-11-20
            link: "https://x.example/a|b)c<d>"
          - {{text: "=HYPERLINK(\\"http://evil\\")", priority: low, owner: team-b, due: 2026-12-24, link: acme/web#7}}
          - {{text: "+1", priority: low, owner: team-b, status: in-progress, due: 2026-12-30}}
          - {{text: "-2", owner: team-b}}
          - {{text: "@SUM(A1)", owner: team-b, due: 2026-12-31, status: done}}
          - {{text: "\\t=tab", owner: team-b, due: 2026-12-31, status: dropped}}
          - {{text: "title Hijack", owner: team-b, due: 2027-01-10}}
          - {{text: "line one\\nline two", owner: team-b}}
        terminal: true
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write(tmp_path, "j.yaml", DOC.format(hostile=json.dumps(HOSTILE)))
    return tmp_path


def plan(project: Path, fmt: str, *args: str) -> str:
    result = run("plan", str(project), "--today", "2026-11-24", "--format", fmt, *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_text_shows_user_text_on_one_line_with_controls_escaped(project: Path) -> None:
    out = plan(project, "text", "--all")
    assert "\x1b" not in out and "\x07" not in out
    line = next(line for line in out.splitlines() if "<b>bold</b>" in line)
    assert line.startswith('  ! high   2026-11-20  <b>bold</b> & "q" \\N')
    assert line.endswith("\\x1b[31m\u202e\\x07")
    assert "line one\\x0aline two" in out


def test_markdown_escapes_text_and_links_only_urls_and_issues(project: Path) -> None:
    out = plan(project, "markdown")
    rows = [line for line in out.splitlines() if line.startswith("| ⚠️")]
    assert len(rows) == 1
    cells = rows[0].split(" | ")
    assert cells[3] == (
        '&lt;b&gt;bold&lt;/b&gt; &amp; "q" \\\\N \\| \\`code\\` \\*em\\* \\[x\\](y) @\u2060team '
        "\\#1; a: b %%{init} \\[31m\u202e"
    )
    assert cells[2] == "2026-11-20 **overdue by 4 days**"
    assert cells[5] == "team-a (stage owner)"
    assert cells[7] == (
        "[https://x.example/a\\|b)c&lt;d&gt;](https://x.example/a%7Cb%29c%3Cd%3E) |"
    )
    issue = next(line for line in out.splitlines() if "HYPERLINK" in line)
    assert issue.endswith("| [acme/web\\#7](https://github.com/acme/web/issues/7) |")
    assert out.count("\n### ") == 2  # a table per owner: team-a, team-b
    for line in out.splitlines():
        if line.startswith("|"):
            assert line.count(" | ") == 7, line  # eight cells: no | of the text splits one


def test_csv_imports_with_headers_and_guards_formulas(project: Path) -> None:
    out = plan(project, "csv", "--all")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == [
        "Summary",
        "Owner",
        "Priority",
        "Due date",
        "Status",
        "Link",
        "Journey",
        "Stage",
        "Step",
        "Pain points",
        "Overdue",
        "Owner from",
    ]
    first = rows[0]
    assert first["Summary"] == HOSTILE.replace(" \x1b", " ").replace("\x07", "")
    assert first["Pain points"] == "'=pain | <i>"
    assert (first["Owner"], first["Owner from"], first["Overdue"]) == ("team-a", "stage", "yes")
    assert first["Due date"] == "2026-11-20" and first["Link"] == "https://x.example/a|b)c<d>"
    summaries = {row["Summary"] for row in rows}
    assert {'\'=HYPERLINK("http://evil")', "'+1", "'-2", "'@SUM(A1)", "'=tab"} <= summaries
    assert "line one line two" in summaries
    raw = run("plan", str(project), "--today", "2026-11-24", "-f", "csv", "--all").stdout_bytes
    assert raw.count(b"\r\n") == raw.count(b"\n") == len(rows) + 1  # RFC 4180 line ends


def test_json_keeps_user_text_as_written(project: Path) -> None:
    items = json.loads(plan(project, "json"))["items"]
    assert items[0]["text"] == HOSTILE
    assert items[0]["link"] == "https://x.example/a|b)c<d>"


def test_mermaid_is_a_gantt_by_owner_of_dated_items(project: Path) -> None:
    out = plan(project, "mermaid", "--all")
    assert_gantt_lexes(out)
    lines = out.splitlines()
    assert lines[:4] == [
        "gantt",
        "    title Plan on 2026-11-24, by owner",
        "    dateFormat YYYY-MM-DD",
        "    inclusiveEndDates",
    ]
    # undated and dropped items are named in a comment, not drawn
    assert "    %% not drawn (no due date): 2" in lines
    assert "    %% - -2 (team-b)" in lines and "    %% - line one line two (team-b)" in lines
    assert "    %% not drawn (dropped): 1" in lines and "    %% - \t=tab (team-b)" not in lines
    tasks = gantt_tasks(out)
    assert [(section, start, end, tags) for section, _, start, end, tags in tasks] == [
        ("team-a", "2026-11-07", "2026-11-20", ["crit"]),
        ("team-b", "2026-12-11", "2026-12-24", []),
        ("team-b", "2026-12-17", "2026-12-30", ["active"]),
        ("team-b", "2026-12-18", "2026-12-31", ["done"]),
        ("team-b", "2026-12-28", "2027-01-10", []),
    ]
    names = [task[1] for task in tasks]
    assert names[0] == (
        '\uff1cb\uff1ebold\uff1c/b\uff1e \uff06 "q" \\N | `code` *em* [x](y) @team \uff031\uff1b'
        " a\ua789 b %\uff05{init} [31m"
    )
    assert names[4] == "\u200btitle Hijack"


def test_mermaid_of_the_examples_lexes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    result = run("plan", "examples/", "--format", "mermaid", "--all", "--today", "2026-11-24")
    assert result.exit_code == 0, result.stderr
    assert_gantt_lexes(result.stdout)
    assert len(gantt_tasks(result.stdout)) >= 10


def test_mermaid_bars_of_the_first_days_of_year_1_start_on_its_first_day(tmp_path: Path) -> None:
    write(
        tmp_path,
        "j.yaml",
        DOC.split("    steps:")[0]
        + "    steps:\n      - id: s1\n        name: S1\n        opportunities:\n"
        "          - {text: Ancient, due: 0001-01-05}\n"
        "          - {text: Old, due: 0001-01-14}\n",
    )
    out = plan(tmp_path, "mermaid")
    assert_gantt_lexes(out)
    assert [(start, end) for _, _, start, end, _ in gantt_tasks(out)] == [
        ("0001-01-01", "0001-01-05"),
        ("0001-01-01", "0001-01-14"),
    ]

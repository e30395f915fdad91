"""Mermaid's gantt lexer, ported rule for rule, to check what `plan --format mermaid` writes.

The rules are those of Mermaid 11's gantt grammar (jison, case-insensitive, the first rule
that matches wins), in its INITIAL state, in order; `\\s` is JavaScript's white space and
`\\b` an ASCII word boundary, as in JavaScript. A rule that would start another lexer state
(`accTitle`, `click`, `href`, `call`) must never match our output. When the Mermaid harness
of this machine is there (node, jsdom, mermaid), the chart is also parsed by Mermaid itself.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from journeyctl.plan.gantt import name

_S = "[\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]"
_RULES = [
    ("directive", r"%%\{"),
    ("STATE accTitle", rf"accTitle{_S}*:{_S}*"),
    ("STATE accDescr", rf"accDescr{_S}*:{_S}*"),
    ("STATE accDescr", rf"accDescr{_S}*\{{{_S}*"),
    ("comment", r"%%[^\n]*"),
    ("comment", r"[^\}]%%*[^\n]*"),
    ("comment", r"%%*[^\n]*[\n]*"),
    ("nl", r"[\n]+"),
    ("ws", rf"{_S}+"),
    ("comment", r"%[^\n]*"),
    ("STATE href", rf"href{_S}+[\"]"),
    ("STATE call", rf"call{_S}+"),
    ("STATE click", rf"click{_S}+"),
    ("gantt", r"gantt\b"),
    ("dateFormat", rf"dateFormat{_S}[^#\n;]+"),
    ("inclusiveEndDates", r"inclusiveEndDates\b"),
    ("topAxis", r"topAxis\b"),
    ("axisFormat", rf"axisFormat{_S}[^#\n;]+"),
    ("tickInterval", rf"tickInterval{_S}[^#\n;]+"),
    ("includes", rf"includes{_S}[^#\n;]+"),
    ("excludes", rf"excludes{_S}[^#\n;]+"),
    ("todayMarker", rf"todayMarker{_S}[^\n;]+"),
    *(
        ("weekday", rf"{word}{_S}+{day}\b")
        for word, days in (
            ("weekday", ("monday", "tuesday", "wednesday", "thursday", "friday")),
            ("weekday", ("saturday", "sunday")),
            ("weekend", ("friday", "saturday")),
        )
        for day in days
    ),
    ("date", r"[0-9]{4}-[0-9]{2}-[0-9]{2}\b"),
    ("title", rf"title{_S}[^\n]+"),
    ("accDescription", rf"accDescription{_S}[^#\n;]+"),
    ("section", rf"section{_S}[^\n]+"),
    ("taskTxt", r"[^:\n]+"),
    ("taskData", r":[^#\n;]+"),
    (":", r":"),
    ("INVALID", r"."),
]
_COMPILED = [(kind, re.compile(rule, re.IGNORECASE | re.ASCII)) for kind, rule in _RULES]
_TAGS = ("active", "done", "crit", "milestone", "vert")


def lex(text: str) -> list[tuple[str, str]]:
    """The tokens of `text` (white space and comments included), as the gantt lexer reads it."""
    tokens, at = [], 0
    while at < len(text):
        for kind, rule in _COMPILED:
            match = rule.match(text, at)
            if match and match.group():
                assert not kind.startswith("STATE"), f"lexer enters {kind}: {text[at:]!r}"
                tokens.append((kind, match.group()))
                at = match.end()
                break
        else:  # pragma: no cover - the last rule matches any character but a line break
            raise AssertionError(f"nothing matches {text[at:]!r}")
    return tokens


def _statements(line: str) -> list[tuple[str, str]]:
    return [(kind, value) for kind, value in lex(line) if kind not in ("ws", "nl")]


def assert_gantt_lexes(text: str) -> None:
    """Every line is what it was written as: the header (`gantt`, then any of title,
    dateFormat and inclusiveEndDates), then `%%` comment lines, sections named by a team id
    (or `no owner`), and tasks of exactly one name (the text before the first `: `) and data."""
    lines = text.splitlines()
    assert _statements(lines[0]) == [("gantt", "gantt")]
    header = ("title ", "dateFormat ", "inclusiveEndDates")
    body_at = next(i for i, line in enumerate(lines[1:], 1) if not line.strip().startswith(header))
    for line in lines[1:body_at]:
        assert [value for _, value in _statements(line)] == [line.strip()], line
    for line in lines[body_at:]:
        tokens, body = _statements(line), line.strip()
        kinds = [kind for kind, _ in tokens]
        if body.startswith("%%"):
            assert kinds == ["comment"] and "%%{" not in body, line
        elif re.fullmatch(r"section ([a-z0-9][a-z0-9-]*|no owner)", body):
            assert tokens == [("section", body)], line
        else:
            assert kinds == ["taskTxt", "taskData"], (line, tokens)
            assert tokens[0][1] == body.split(": ", 1)[0], line


def gantt_tasks(text: str) -> list[tuple[str, str, str, str, list[str]]]:
    """(section, name, start, end, tags) of every task, as Mermaid's parser reads them."""
    tasks, section = [], ""
    tokens = [t for t in lex(text) if t[0] not in ("ws", "nl", "comment")]
    for (kind, value), following in zip(tokens, [*tokens[1:], ("", "")], strict=True):
        if kind == "section":
            section = value[len("section ") :]
        elif kind == "taskTxt":
            assert following[0] == "taskData"
            data = [part.strip() for part in following[1][1:].split(",")]
            tags = [part for part in data if part in _TAGS]
            start, end = data[len(tags) :]
            tasks.append((section, value, start, end, tags))
    return tasks


HOSTILE_NAMES = [
    "title Hijack",
    "Section 2",
    "click here call back()",
    'href "x"',
    "accTitle: x",
    "accDescr { x",
    "gantt",
    "dateFormat x",
    "inclusiveEndDates later",
    "excludes weekends",
    "includes SSO",
    "todayMarker off",
    "weekday monday",
    "weekend friday",
    "topAxis",
    "2026-01-01 launch",
    "%% a comment",
    "%%{init: {'theme': 'dark'}}%%",
    "5% off",
    "%x",
    "}%x",
    "a: b; c #1; d",
    "\u00a0title after a no-break space",
    "line one\nline two\r\u2028three",
    "\x01\x02",
    " ",
]
"""Names Mermaid would read as syntax, a comment or a directive, or not at all."""


@pytest.mark.parametrize("hostile", HOSTILE_NAMES)
def test_a_task_name_is_never_read_as_syntax(hostile: str) -> None:
    shown = name(hostile)
    line = f"    {shown}: 2026-01-01, 2026-01-14"
    assert_gantt_lexes(f"gantt\n    section s\n{line}\n")
    assert gantt_tasks(f"gantt\n{line}\n")[0][1] == shown
    assert shown.strip()


def test_the_port_misreads_what_mermaid_misreads() -> None:
    # the checks would catch an unescaped name: each of these is not a task to Mermaid
    for line in ("title x: 2026-01-01", "5% off: 2026-01-01", "section x: 2026-01-01"):
        with pytest.raises(AssertionError):
            assert_gantt_lexes(f"gantt\n    section s\n    {line}\n")
    with pytest.raises(AssertionError, match="click"):
        lex("click x: 2026-01-01")
    assert [kind for kind, _ in lex("a #1; b: c")] == ["taskTxt", "taskData"]


MERMAID = Path("/work/tools/mm/node_modules")
_HARNESS = """
import { readFileSync } from 'fs';
import { JSDOM } from '%(mm)s/jsdom/lib/api.js';
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window; globalThis.document = dom.window.document;
const mermaid = (await import('%(mm)s/mermaid/dist/mermaid.core.mjs')).default;
const { diagram } = await import('%(gantt)s');
const text = readFileSync(process.argv[2], 'utf8');
const parsed = await mermaid.parse(text);
diagram.parser.yy = diagram.db; diagram.db.clear(); diagram.parser.parse(text);
const day = (d) => d.toISOString().slice(0, 10);
console.log(JSON.stringify({config: parsed.config, tasks: diagram.db.getTasks().map(
  (t) => [t.section, t.task, day(t.startTime), day(t.endTime), !!t.crit])}));
"""


@pytest.mark.skipif(
    shutil.which("node") is None or not (MERMAID / "mermaid").is_dir(),
    reason="no Mermaid harness (node, jsdom, mermaid) on this machine",
)
def test_mermaid_itself_reads_every_hostile_name(tmp_path: Path) -> None:
    chunks = MERMAID / "mermaid" / "dist" / "chunks" / "mermaid.core"
    gantt = next(chunks.glob("ganttDiagram-*.mjs"))
    script = tmp_path / "gantt.mjs"
    script.write_text(_HARNESS % {"mm": MERMAID, "gantt": gantt}, encoding="utf-8")
    names = [name(text) for text in HOSTILE_NAMES]
    chart = "gantt\n    dateFormat YYYY-MM-DD\n    inclusiveEndDates\n    section s\n"
    chart += "".join(f"        {shown}: crit, 2026-01-01, 2026-01-14\n" for shown in names)
    (tmp_path / "c.mmd").write_text(chart, encoding="utf-8")
    done = subprocess.run(
        ["node", str(script), str(tmp_path / "c.mmd")], capture_output=True, text=True, check=True
    )
    read = json.loads(done.stdout)
    assert read["config"] == {}  # no directive got through
    assert read["tasks"] == [["s", shown, "2026-01-01", "2026-01-15", True] for shown in names]

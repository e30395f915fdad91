"""Red team (issue 10), output side: what journeyctl writes for a hostile name or text.

Graphviz escapes in user text, names that try to write into a terminal or a CI log, report
paths from a subfolder, `init DIR`, unreadable files in a folder, and outputs that must never
land on an input.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.helpers import run, write

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz's dot")

# --------------------------------------------------------------------------------------
# Graphviz escapes (\N \G \E \H \T \L \n \l \r) in user text are drawn literally
# --------------------------------------------------------------------------------------

WINDOWS = "C:\\Network\\Gateway \\G"
"""A step name full of Graphviz escapes: \\N is the node's name, \\G the graph's."""
ESCAPES = "esc \\N \\G \\E \\H \\T \\L \\n \\l \\r \\\\ end\\"

ESCAPED_JOURNEY = f"""\
journeyctl: 1
kind: journey
id: zqjourney
title: 'Title {ESCAPES}'
description: 'About {ESCAPES}'
stages:
  - id: buy
    name: 'Stage {ESCAPES}'
    goal: 'Goal {ESCAPES}'
    owner: sales
    outcome: 'Bought'
    metrics: [{{name: 'conv', target: 0.1}}]
    steps:
      - id: looks
        name: '{WINDOWS}'
        outcome: 'Seen {ESCAPES}'
        action: 'Act {ESCAPES}'
        thoughts: 'Thinks {ESCAPES}'
        emotion: 1
        pain_points: ['Pain {ESCAPES}']
        opportunities: [{{text: 'Idea {ESCAPES}', priority: high, owner: sales}}]
        next: [buys]
      - {{id: buys, name: 'Buys', outcome: Paid, emotion: 2, terminal: true}}
"""


def _drawn(svg: Path) -> tuple[list[str], list[str]]:
    """The text lines drawn in an SVG and its tooltips."""
    root = ET.fromstring(svg.read_bytes())
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    tips = [a.get(f"{XLINK}title", "") for a in root.iter(f"{SVG}a")]
    return texts, tips


def _assert_literal(texts: list[str], expected: str) -> None:
    """The step's name and `expected` are shown as written: no \\N or \\G expanded."""
    assert any(WINDOWS in text for text in texts), texts
    assert any(expected in text for text in texts), (expected, texts)
    assert not any("zqjourney" in text for text in texts), texts


@needs_dot
@pytest.mark.parametrize(
    "args",
    [
        ["--view", "flow"],
        ["--view", "map"],
        ["--view", "blueprint"],
        ["--lint", "--view", "flow"],
        ["--diff", "old.yaml"],
    ],
    ids=["flow", "map", "blueprint", "flow-lint", "render-diff"],
)
def test_graphviz_escapes_in_user_text_are_drawn_literally(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "j.yaml", ESCAPED_JOURNEY)
    write(tmp_path, "old.yaml", ESCAPED_JOURNEY.replace("name: 'Buys'", "name: 'Pays'"))
    result = run("render", "j.yaml", *args, "-o", "out.svg")
    assert result.exit_code in (0, 1), result.output
    texts, tips = _drawn(tmp_path / "out.svg")
    _assert_literal(texts, f"Title {ESCAPES}")
    _assert_literal(tips, f"Goal {ESCAPES}")


@needs_dot
def test_the_diff_picture_draws_graphviz_escapes_literally(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "j.yaml", ESCAPED_JOURNEY)
    write(tmp_path, "old.yaml", ESCAPED_JOURNEY.replace("name: 'Buys'", "name: 'Pays'"))
    result = run("diff", "old.yaml", "j.yaml", "-f", "svg", "-o", "out.svg")
    assert result.exit_code in (0, 1), result.output
    texts, tips = _drawn(tmp_path / "out.svg")
    _assert_literal(texts, f"Title {ESCAPES}")
    _assert_literal(tips, f"Goal {ESCAPES}")


def test_graphviz_escapes_are_escaped_in_the_dot_text(tmp_path: Path) -> None:
    path = write(tmp_path, "j.yaml", ESCAPED_JOURNEY)
    for view in ("flow", "map", "blueprint"):
        result = run("render", str(path), "--view", view, "-f", "dot")
        assert result.exit_code == 0, result.output
        dot = result.stdout
        # HTML-like label: each backslash doubled; tooltip (unescaped twice): quadrupled
        assert "C:\\\\Network\\\\Gateway \\\\G" in dot
        assert "\\G" not in dot.replace("\\\\", "")
        assert "\\N" not in dot.replace("\\\\", "")
        if view != "map":
            assert '"C:\\\\\\\\Network\\\\\\\\Gateway \\\\\\\\G\\n' in dot


def test_mermaid_shows_graphviz_escapes_literally(tmp_path: Path) -> None:
    path = write(tmp_path, "j.yaml", ESCAPED_JOURNEY)
    for view in ("flow", "map"):
        result = run("render", str(path), "--view", view, "-f", "mmd")
        assert result.exit_code == 0, result.output
        assert "C#58;#92;Network#92;Gateway #92;G" in result.stdout
        assert "\\" not in result.stdout

"""The diff picture says how each step changed: moved (from which stage), renamed (the old
name), emotion and owner before and after, other fields in a word; moved steps look different
from edited ones, and the legend says what every border means."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from journeyctl.core.model import Journey
from journeyctl.diff import diff_documents
from journeyctl.diff.report.picture import CHANGED, MOVED, diff_source
from journeyctl.diff.report.picture_nodes import NOTE_LINES, note_lines
from journeyctl.diff.report.picture_notes import step_notes
from tests.helpers import run, write
from tests.test_diff import BASE, doc

HOSTILE = '<b>&"\\N \x07\u202eevil\u202c \\G'
"""An old name with markup, an entity, a quote, Graphviz escapes, a control char and RTL marks."""
HOSTILE_SHOWN = '<b>&"\\N \u202eevil\u202c \\G'
"""How it reads once cleaned: the control character dropped, everything else as written."""

NEW = (
    BASE.replace(
        "      - id: reads-page\n        name: Reads the page\n        channel: web\n"
        "        emotion: -1\n",
        "",
    )
    .replace("        pain_points: [Pricing is hidden]\n", "", 1)
    .replace(
        "        opportunities: [{text: Show pricing, priority: high, owner: marketing}]\n", "", 1
    )
    .replace("        evidence: [{kind: analytical, source: GA4, note: 60% exit}]\n", "", 1)
    .replace("emotion: 0, sla: 1d}", "emotion: -2, sla: 1d}")
    .replace(
        "      - {id: signs-up, name: Signs up, channel: web, emotion: 1}",
        "      - {id: signs-up, name: Signs up, channel: email, emotion: 1, owner: finance,"
        " outcome: An account}",
    )
    .replace(
        "      - {id: demo, name: Demo, channel: phone, emotion: 2}\n",
        "      - {id: demo, name: Demo, channel: phone, emotion: 2}\n"
        "      - id: reads-page\n"
        "        name: Reads the pricing page\n"
        "        channel: web\n"
        "        emotion: 1\n"
        "        pain_points: [Pricing is hidden]\n"
        "        opportunities: [{text: Show pricing, priority: high, owner: marketing}]\n"
        "        evidence: [{kind: analytical, source: GA4, note: 60% exit}]\n",
    )
)
"""reads-page moves from Discover (marketing) to Buy (sales), renamed, emotion -1 -> +1;
sees-ad's emotion 0 -> -2; signs-up gets its own owner, a new channel and an outcome."""


def flows(old: str = BASE, new: str = NEW) -> tuple[Journey, Journey]:
    before, after = doc(old), doc(new)
    assert isinstance(before, Journey) and isinstance(after, Journey)
    return before, after


def test_each_kept_step_says_how_it_changed() -> None:
    old, new = flows()
    notes = step_notes(old, new, diff_documents(old, new))
    assert set(notes) == {"reads-page", "sees-ad", "signs-up"}
    moved = notes["reads-page"]
    assert moved.moved
    assert moved.notes == [
        "moved from Discover",
        "was \u201cReads the page\u201d",
        "emotion \u22121 \u2192 +1",
        "owner marketing \u2192 sales",
    ]
    assert notes["sees-ad"].notes == ["emotion 0 \u2192 \u22122"] and not notes["sees-ad"].moved
    assert notes["signs-up"].notes == [
        "owner marketing \u2192 finance",
        "channel and outcome changed",
    ]
    assert any("channel: web \u2192 email" in line for line in notes["signs-up"].details)


def test_a_step_re_sequenced_in_its_stage_says_so() -> None:
    new = BASE.replace(
        "      - {id: demo, name: Demo, channel: phone, emotion: 2}\n"
        "      - {id: pays, name: Pays, channel: web, emotion: 1, terminal: true}\n",
        "      - {id: pays, name: Pays, channel: web, emotion: 1, terminal: true}\n"
        "      - {id: demo, name: Demo, channel: phone, emotion: 2}\n",
    )
    old, after = flows(BASE, new)
    notes = step_notes(old, after, diff_documents(old, after))
    moved = [n for n in notes.values() if n.moved]
    assert [n.notes for n in moved] == [["re-sequenced in Buy"]]


def test_notes_fit_three_lines_and_count_what_does_not() -> None:
    assert note_lines(["a", "b", "c"]) == ["a", "b", "c"]
    five = [
        "moved from A",
        "was \u201cB\u201d",
        "emotion 0 \u2192 +1",
        "owner a \u2192 b",
        "x changed",
    ]
    assert note_lines(five) == [*five[:2], "+3 more: emotion, owner, fields"]
    long = "action, outcome, thoughts, pain points, opportunities and evidence changed " * 3
    lines = note_lines(["emotion 0 \u2192 +2", long])
    assert len(lines) == NOTE_LINES and lines[0] == "emotion 0 \u2192 +2"
    assert lines[-1].endswith("\u2026")


def test_moved_steps_have_their_own_border_and_class_in_the_dot() -> None:
    old, new = flows()
    dot = diff_source(old, new, diff_documents(old, new), "changes from a to b")
    names = dict(re.findall(r'^\s*(\S+) \[.*\bid="step-([a-z0-9-]+)"', dot, re.M))
    styled = {
        names[name]: rest
        for name, rest in re.findall(r"^\s*(\S+) \[(color=.*)\];$", dot, re.M)
        if name in names
    }
    assert f'color="{MOVED}"' in styled["reads-page"] and "dotted" in styled["reads-page"]
    assert 'class="step diff-moved diff-changed"' in styled["reads-page"]
    assert f'color="{CHANGED}"' in styled["sees-ad"] and "dotted" not in styled["sees-ad"]


def _svg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str) -> ET.Element:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "old.yaml", old)
    write(tmp_path, "new.yaml", new)
    result = run("diff", "old.yaml", "new.yaml", "-o", "changes.svg")
    assert result.exit_code == 0, result.output
    return ET.fromstring((tmp_path / "changes.svg").read_bytes())


_NS = {"svg": "http://www.w3.org/2000/svg"}


def _node(svg: ET.Element, step_id: str) -> tuple[str, list[str]]:
    """The class of a step's node and the lines of text drawn on it."""
    for group in svg.iter("{http://www.w3.org/2000/svg}g"):
        if group.get("id") == f"step-{step_id}":
            texts = ["".join(t.itertext()) for t in group.iterfind(".//svg:text", _NS)]
            return group.get("class", ""), texts
    raise AssertionError(f"no node step-{step_id}")


needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


@needs_dot
def test_the_svg_says_on_each_node_how_it_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    svg = _svg(tmp_path, monkeypatch, BASE, NEW)
    css, texts = _node(svg, "reads-page")
    assert css == "node step diff-moved diff-changed"
    assert texts[0] == "Reads the pricing page"
    assert "moved from Discover" in texts
    assert "was \u201cReads the page\u201d" in texts
    assert "+2 more: emotion, owner" in texts  # at most three lines; the tooltip has all
    css, texts = _node(svg, "sees-ad")
    assert css == "node step diff-changed" and "emotion 0 \u2192 \u22122" in texts
    css, texts = _node(svg, "signs-up")
    assert "owner marketing \u2192 finance" in texts and "channel and outcome changed" in texts
    border = next(svg.iterfind(".//svg:g[@id='step-reads-page']//svg:path", _NS))
    assert border.get("stroke") == MOVED and border.get("stroke-dasharray")
    tooltip = next(svg.iterfind(".//svg:g[@id='step-signs-up']//svg:a", _NS))
    title = tooltip.get("{http://www.w3.org/1999/xlink}title", "")
    assert "changes:" in title and "channel: web \u2192 email" in title


@needs_dot
def test_the_legend_explains_every_border(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    svg = _svg(tmp_path, monkeypatch, BASE, NEW)
    graph = next(svg.iterfind("svg:g", _NS))
    legend = " ".join("".join(t.itertext()).strip() for t in graph.findall("svg:text", _NS))
    for meaning in (
        "added",
        "changed (notes say how)",
        "moved (dotted border)",
        "removed (dashed border)",
        "\u22122 very negative",
    ):
        assert meaning in legend


@needs_dot
def test_hostile_old_and_new_names_are_drawn_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    quoted = HOSTILE.replace("\\", "\\\\").replace('"', '\\"').replace("\x07", "\\a")
    old = BASE.replace("name: Reads the page", f'name: "{quoted}"')
    new_name = 'Now <i>new</i> & "\\E"'
    new = NEW.replace("name: Reads the pricing page", f"name: '{new_name}'")
    svg = _svg(tmp_path, monkeypatch, old, new)
    _, texts = _node(svg, "reads-page")
    assert texts[0] == new_name
    shown = next(line for line in texts if line.startswith("was \u201c"))
    assert HOSTILE_SHOWN.startswith(shown.removeprefix("was \u201c").rstrip("\u2026 \u201d"))
    assert "moved from Discover" in texts
    link = next(svg.iterfind(".//svg:g[@id='step-reads-page']//svg:a", _NS))
    tooltip = link.get("{http://www.w3.org/1999/xlink}title", "")
    assert f"renamed: {HOSTILE_SHOWN} \u2192 {new_name}" in tooltip.splitlines()


def test_a_new_stage_owner_is_a_change_of_every_step_it_is_accountable_for() -> None:
    new = BASE.replace("    owner: marketing\n", "    owner: growth\n", 1)
    old, after = flows(BASE, new)
    changes = diff_documents(old, after)
    notes = step_notes(old, after, changes)
    assert {step: n.notes for step, n in notes.items()} == {
        step: ["owner marketing \u2192 growth"] for step in ("sees-ad", "reads-page", "signs-up")
    }
    dot = diff_source(old, after, changes, "changes")
    assert dot.count('class="step diff-changed"') == 3

"""Red team of issue 11's pictures, as a user meets them: `render --page`, `--view deck` and
the Mermaid journey with hostile, huge and blank text.

Each test is a case that failed before its fix: a CJK or emoji title broke every sheet
(Graphviz rejected a table inside FONT and B), one 5,000-character name shrank its sheet far
below 9 pt, and a name of only spaces or control characters broke every view (an empty B).
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.helpers import run, write
from tests.test_render import SVG, assert_journey_lexes

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz's dot")
ROOT = Path(__file__).resolve().parent.parent

MARKUP = '<b>x</b> & "q" \\N %% # : ;'
SHOWN = MARKUP + " 日本 😀"
"""Hostile text that must show literally (as SVG text; in a PDF's text, RTL marks reorder
what follows MARKUP)."""
HOSTILE = SHOWN + " \u202eRTL\u202c \x07"
GRIDS = ("map", "blueprint")
VIEWS = ("flow", "map", "blueprint")


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes, emoji as one escape)."""
    return json.dumps(text).replace("\\ud83d\\ude00", "\\U0001F600")


def project(directory: Path, title: str, name: str, long_text: str = "") -> Path:
    """A journey with a persona, evidence, an opportunity and an alternative, whose texts
    are `name`; `long_text` (if given) is the second step's name and its thoughts."""
    write(directory, "journeyctl.yaml", "journeyctl: 1\nowners:\n  team: {name: Team}\n")
    persona = f"journeyctl: 1\nkind: persona\nid: p1\nname: {_q('P ' + name)}\n"
    persona += f"role: {_q('R ' + name)}\ngoals: [{_q('G ' + name)}]\nquote: {_q('Q ' + name)}\n"
    write(directory, "p1.yaml", persona)
    other = _q(long_text or "B " + name)
    journey = f"""\
journeyctl: 1
kind: journey
id: hostile
title: {_q(title)}
persona: p1
owner: team
stages:
  - id: s1
    name: {_q("S " + name)}
    owner: team
    steps:
      - id: a
        name: {_q("A " + name)}
        emotion: 1
        pain_points: [{_q("PP " + name)}]
        opportunities: [{{text: {_q("OP " + name)}, priority: high, owner: team}}]
        evidence:
          - {{kind: analytical, source: {_q("SRC " + name)}, note: {_q("NOTE " + name)}}}
        next: [b, c]
      - {{id: c, name: {_q("C " + name)}, emotion: -2, terminal: true}}
  - id: s2
    name: {_q(long_text or "S2 " + name)}
    owner: team
    steps:
      - {{id: b, name: {other}, thoughts: {other}, emotion: -1, terminal: true}}
"""
    return write(directory, "journey.yaml", journey)


def sheets(folder: Path) -> list[ET.Element]:
    return [ET.parse(path).getroot() for path in sorted(folder.glob("*.svg"))]


def shown_text(svg: ET.Element) -> str:
    return " ".join(t.text or "" for t in svg.iter(f"{SVG}text"))


def smallest_pt(svg: ET.Element) -> float:
    """The smallest text on a sheet in points of the page (font size times Graphviz's scale)."""
    graph = next(g for g in svg.iter(f"{SVG}g") if "graph" in g.get("class", "").split())
    found = re.match(r"scale\(([\d.]+) ", graph.get("transform", ""))
    assert found is not None
    sizes = [
        float(t.get("font-size", "0")) for t in svg.iter(f"{SVG}text") if (t.text or "").strip()
    ]
    return min(sizes) * float(found.group(1))


@needs_dot
@pytest.mark.parametrize("view", VIEWS)
def test_a_cjk_and_emoji_title_draws_every_paged_view_with_its_text_literal(
    tmp_path: Path, view: str
) -> None:
    path = project(tmp_path, "T " + HOSTILE, HOSTILE)
    out = tmp_path / "out"
    result = run("render", str(path), "-o", str(out / "x.svg"), "--view", view, "--page", "16:9")
    assert result.exit_code == 0, result.stderr
    drawn = sheets(out)
    assert drawn
    for svg in drawn:
        assert "T " + SHOWN in shown_text(svg)  # the title, on every sheet
    everything = " ".join(shown_text(svg) for svg in drawn)
    assert "A " + SHOWN in everything
    assert "\x07" not in everything
    if view == "map":
        for part in ("NOTE ", "SRC ", "OP ", "PP "):  # evidence, opportunity, pain point
            assert part + SHOWN in everything, part


@needs_dot
def test_the_poster_maps_persona_card_shows_hostile_persona_text_literally(
    tmp_path: Path,
) -> None:
    path = project(tmp_path, "T " + HOSTILE, HOSTILE)
    out = tmp_path / "map.svg"
    result = run("render", str(path), "-o", str(out), "--view", "map")
    assert result.exit_code == 0, result.stderr
    lines = [t.text or "" for t in ET.parse(out).getroot().iter(f"{SVG}text")]
    for part in ("P ", "R ", "G ", "“Q "):  # name, role, goal, quote: each its own line
        assert any(line.startswith(part + MARKUP) for line in lines), part


@needs_dot
@pytest.mark.parametrize(("asked", "size"), [("A4", (842, 595)), ("Letter", (792, 612))])
def test_page_names_are_taken_in_any_case(
    tmp_path: Path, asked: str, size: tuple[int, int]
) -> None:
    path = project(tmp_path, "Title", "plain")
    out = tmp_path / "map.pdf"
    result = run("render", str(path), "-o", str(out), "--view", "map", "--page", asked)
    assert result.exit_code == 0, result.stderr
    pages = PdfReader(out).pages
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages} == {
        size
    }


@needs_dot
def test_a_hostile_deck_is_one_pdf_of_pages_the_size_asked_for_with_text_literal(
    tmp_path: Path,
) -> None:
    path = project(tmp_path, "T " + HOSTILE, HOSTILE)
    out = tmp_path / "deck.pdf"
    result = run("render", str(path), "-o", str(out), "--view", "deck", "--page", "4:3", "--lint")
    assert result.exit_code == 0, result.stderr
    pages = PdfReader(out).pages
    assert len(pages) >= 5  # cover, flow, map, blueprint, pain points
    for page in pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
            720,
            540,
        )
    assert "T " + MARKUP in " ".join(pages[0].extract_text().split())
    assert "PP " + MARKUP in " ".join(pages[-1].extract_text().split())


@needs_dot
@pytest.mark.parametrize("view", GRIDS)
def test_five_thousand_characters_of_text_do_not_shrink_a_sheet_below_9_pt(
    tmp_path: Path, view: str
) -> None:
    long_text = "word " * 1000
    path = project(tmp_path, long_text, "plain", long_text=long_text)
    out = tmp_path / "out"
    result = run("render", str(path), "-o", str(out / "x.svg"), "--view", view, "--page", "16:9")
    assert result.exit_code == 0, result.stderr
    drawn = sheets(out)
    assert drawn
    for svg in drawn:
        assert smallest_pt(svg) >= 8.95
        assert svg.get("width") == "960pt" and svg.get("height") == "540pt"
    assert "…" in " ".join(shown_text(svg) for svg in drawn)  # cut short, and says so


@needs_dot
def test_one_unbroken_5000_character_name_keeps_the_map_readable(tmp_path: Path) -> None:
    path = project(tmp_path, "Title", "plain", long_text="L" * 5000)
    out = tmp_path / "out"
    result = run("render", str(path), "-o", str(out / "x.svg"), "--view", "map", "--page", "a4")
    assert result.exit_code == 0, result.stderr
    for svg in sheets(out):
        assert smallest_pt(svg) >= 8.95


@needs_dot
@pytest.mark.parametrize("blank", [" ", "\t", "\x01", "\u2028", "\ufeff"])
def test_a_name_of_only_blanks_or_control_characters_draws_every_view(
    tmp_path: Path, blank: str
) -> None:
    path = project(tmp_path, blank, blank)
    text = path.read_text(encoding="utf-8")
    # every name is exactly the blank (not "A " + blank): nothing is left once cleaned
    for prefix in ("S ", "A ", "C ", "B ", "S2 "):
        text = text.replace(_q(prefix + blank), _q(blank))
    path.write_text(text, encoding="utf-8")
    for view in VIEWS:
        poster = run("render", str(path), "-o", str(tmp_path / f"{view}.svg"), "--view", view)
        assert poster.exit_code == 0, poster.stderr
        ET.parse(tmp_path / f"{view}.svg")
        paged = tmp_path / f"{view}-paged.pdf"
        result = run("render", str(path), "-o", str(paged), "--view", view, "--page", "a3")
        assert result.exit_code == 0, result.stderr
        assert all(round(float(p.mediabox.width)) == 1191 for p in PdfReader(paged).pages)
    deck = run("render", str(path), "-o", str(tmp_path / "deck.pdf"), "--view", "deck")
    assert deck.exit_code == 0, deck.stderr


@pytest.mark.parametrize("blank", [" ", "\x01"])
def test_a_blank_named_step_still_makes_a_mermaid_journey_that_lexes(
    tmp_path: Path, blank: str
) -> None:
    path = project(tmp_path, blank, blank)
    result = run("render", str(path), "-f", "mmd")
    assert result.exit_code == 0, result.stderr
    assert_journey_lexes(result.stdout)


def test_hostile_names_make_a_mermaid_journey_that_lexes_with_the_alternative_last(
    tmp_path: Path,
) -> None:
    path = project(tmp_path, "%% # : ;", HOSTILE)
    result = run("render", str(path), "-f", "mmd")
    assert result.exit_code == 0, result.stderr
    assert_journey_lexes(result.stdout)
    sections = [line.strip() for line in result.stdout.splitlines() if "section " in line]
    assert len(sections) == 3 and sections[-1].startswith("section Alternative")


@needs_dot
def test_one_deck_into_a_folder_says_one_file(tmp_path: Path) -> None:
    path = project(tmp_path, "Title", "plain")
    result = run("render", str(path), "-o", str(tmp_path / "out"), "--view", "deck")
    assert result.exit_code == 0, result.stderr
    assert "wrote 1 file (1 document; deck) to " in result.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["hostile.current.deck.pdf"]


def test_a_directory_into_a_file_name_is_a_usage_error_not_a_folder_named_like_a_file(
    tmp_path: Path,
) -> None:
    out = tmp_path / "slides.pdf"
    result = run("render", str(ROOT / "examples"), "-o", str(out), "--page", "16:9")
    assert result.exit_code == 2
    assert "looks like one pdf file: name a folder" in result.stderr
    assert "--format pdf" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("after", ["[]", "[ghost]"])
def test_a_main_path_that_ends_without_a_terminal_step_says_so_on_the_map(
    tmp_path: Path, after: str
) -> None:
    journey = write(
        tmp_path,
        "j.yaml",
        "journeyctl: 1\nkind: journey\nid: j\ntitle: J\nstages:\n  - id: s\n    name: S\n"
        "    owner: team\n    steps:\n      - {id: a, name: A}\n"
        f"      - {{id: b, name: B, next: {after}}}\n      - {{id: c, name: C, terminal: true}}\n",
    )
    result = run("render", str(journey), "--view", "map", "--format", "dot")
    assert result.exit_code == 0, result.stderr
    cells = {
        step: next(line for line in result.stdout.splitlines() if f'id="row-steps-{step}"' in line)
        for step in ("a", "b")
    }
    assert "ends here: no next step" in cells["b"]
    assert "ends here" not in cells["a"]


@needs_dot
def test_sheets_left_by_an_earlier_longer_run_are_named_not_removed(tmp_path: Path) -> None:
    journey = ROOT / "examples" / "journeys" / "b2b-onboarding.current.yaml"
    out = tmp_path / "x.svg"
    assert (
        run("render", str(journey), "-o", str(out), "--view", "map", "--page", "16:9").exit_code
        == 0
    )
    first = sorted(tmp_path.iterdir())
    again = run("render", str(journey), "-o", str(out), "--view", "blueprint", "--page", "16:9")
    assert again.exit_code == 0, again.stderr
    count = int(again.stderr.split("wrote ")[1].split(" sheets")[0])
    older = len(first) - count
    assert older > 0
    assert f"note: {older} older sheets from an earlier run are still there" in again.stderr
    assert sorted(tmp_path.iterdir()) == first  # nothing removed
    fresh = run("render", str(journey), "-o", str(out), "--view", "blueprint", "--page", "16:9")
    assert "note:" in fresh.stderr  # the map's extra sheets are still there
    other = tmp_path / "other" / "x.svg"
    clean = run("render", str(journey), "-o", str(other), "--view", "map", "--page", "16:9")
    assert "note:" not in clean.stderr

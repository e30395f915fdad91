"""Branch-true pictures: the map and the Mermaid journey follow the main path, and draw each
alternative apart from it (issue 11, design section 6)."""

from __future__ import annotations

import itertools
import random
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from journeyctl.core.model import Journey
from journeyctl.render import Format, View, source
from journeyctl.render.map_layout import layout_of
from journeyctl.render.output import find_dot, run_dot
from tests.helpers import write
from tests.test_render import (
    CURRENT,
    SVG,
    XLINK,
    assert_journey_lexes,
    classes,
    groups,
    load,
    needs_dot,
    text_of,
)

# Document order puts every alternative before the main path's next step.
BRANCHING = """\
journeyctl: 1
kind: journey
id: shop
title: Shop
stages:
  - id: discover
    name: Discover
    owner: web
    steps:
      - {id: lands, name: Lands on the site, emotion: 0, next: [signs-up, bounces]}
      - id: bounces
        name: BOUNCES_NAME
        emotion: -1
        terminal: true
        evidence:
          - {kind: analytical, source: "EVIDENCE_SOURCE", note: "EVIDENCE_NOTE"}
          - {kind: anecdotal, source: "Interview 4", note: "Could not find the price"}
      - {id: signs-up, name: Signs up, emotion: 1, next: [tries]}
  - id: try
    name: Try
    owner: product
    steps:
      - {id: gives-up, name: Gives up, emotion: -2, next: []}
      - {id: legacy, name: Old onboarding tour, emotion: 0, next: [buys]}
      - {id: tries, name: Tries the product, emotion: 0, next: [buys, asks-help, gives-up]}
      - {id: asks-help, name: Asks for help, emotion: -1, next: [gets-answer, escalates]}
      - {id: escalates, name: Escalates to a manager, emotion: -2, terminal: true}
      - {id: gets-answer, name: Gets an answer, emotion: 1, next: [buys]}
  - id: buy
    name: Buy
    owner: sales
    steps:
      - id: buys
        name: Buys
        emotion: 2
        evidence:
          - {kind: analytical, source: "Checkout funnel Q3", note: "4.1% convert"}
      - {id: renews, name: Renews, emotion: 1, terminal: true}
"""
MAIN = ["lands", "signs-up", "tries", "buys", "renews"]
ALTERNATIVES = {  # first step -> (branch, steps)
    "bounces": ("lands", ["bounces"]),
    "asks-help": ("tries", ["asks-help", "gets-answer"]),
    "gives-up": ("tries", ["gives-up"]),
    "escalates": ("asks-help", ["escalates"]),
}
HOSTILE = "<b>x</b> & \"q\" 'a' \\N \u200f\u202e\x01"
SHOWN = "<b>x</b> & \"q\" 'a' \\N \u200f\u202e"
"""How HOSTILE reads in the picture: control characters dropped, everything else literal."""


def branching(tmp_path: Path, name: str = "Bounces", evidence: str = "GA4 funnel") -> Path:
    text = BRANCHING.replace("BOUNCES_NAME", _yaml(name))
    text = text.replace('"EVIDENCE_SOURCE"', _yaml(evidence))
    text = text.replace('"EVIDENCE_NOTE"', _yaml(f"62% leave {evidence}"))
    return write(tmp_path, "shop.yaml", text)


def _yaml(text: str) -> str:
    """A YAML double-quoted scalar."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in escaped)
    return f'"{escaped}"'


def map_svg(path: Path) -> ET.Element:
    drawn = run_dot(source(load(path), View.MAP, Format.DOT), Format.SVG, find_dot())
    assert drawn.warnings == ""
    return ET.fromstring(drawn.data)


def _left(element: ET.Element) -> float:
    xs = [
        float(pair.split(",")[0])
        for polygon in element.iter(f"{SVG}polygon")
        for pair in (polygon.get("points") or "").split()
    ]
    xs += [float(x) for path in element.iter(f"{SVG}path") for x in _path_xs(path)]
    return min(xs)


def _path_xs(path: ET.Element) -> list[str]:
    return re.findall(r"(-?\d+(?:\.\d+)?),-?\d", path.get("d", ""))


def by_id(root: ET.Element, prefix: str) -> dict[str, ET.Element]:
    return {
        (g.get("id") or "").removeprefix(prefix): g
        for g in root.iter(f"{SVG}g")
        if (g.get("id") or "").startswith(prefix)
    }


def segments(root: ET.Element) -> dict[tuple[str, str], set[str]]:
    """Each emotion-curve segment's (from, to) step ids, from its link title, with its class."""
    found: dict[tuple[str, str], set[str]] = {}
    for group in groups(root, "emotion-curve"):
        titles = [a.get(f"{XLINK}title", "") for a in group.iter(f"{SVG}a")]
        assert len(titles) == 1
        match = re.fullmatch(r"emotion: ([a-z0-9#-]+) -> ([a-z0-9#-]+)", titles[0])
        assert match, titles[0]
        pair = (match.group(1), match.group(2))
        assert pair not in found
        found[pair] = classes(group)
    return found


@needs_dot
def test_the_map_columns_follow_the_main_path_not_the_document_order(tmp_path: Path) -> None:
    root = map_svg(branching(tmp_path))
    cells = by_id(root, "row-steps-")
    assert sorted(cells, key=lambda key: _left(cells[key])) == MAIN
    assert [text_of(cells[key]).split("  ")[0] for key in MAIN][:2] == [
        "Lands on the site",
        "Signs up",
    ]


@needs_dot
def test_every_step_is_drawn_once_alternatives_in_bands_under_their_stage(
    tmp_path: Path,
) -> None:
    root = map_svg(branching(tmp_path))
    cells = by_id(root, "row-steps-")
    cards = by_id(root, "alt-")
    assert set(cards) == {"bounces", "asks-help", "gets-answer", "gives-up", "escalates", "legacy"}
    assert not set(cards) & set(cells)
    bands = {g.get("id"): text_of(g) for g in groups(root, "band")}
    names = {"lands": "Lands on the site", "tries": "Tries the product"}
    names |= {"asks-help": "Asks for help", "bounces": "Bounces", "gives-up": "Gives up"}
    names |= {"escalates": "Escalates to a manager"}
    for first, (branch, _) in ALTERNATIVES.items():
        title = " ".join(bands[f"alternative-{first}"].split())
        assert f"Alternative: {names[first]}" in title
        assert f"branches from: {names[branch]}" in title
    assert "No path from the first step" in bands["unreached-legacy"]
    headings = [text_of(g) for g in groups(root, "heading")]
    assert "Alternative paths" in headings
    assert "Not reached from the first step" in headings
    # each card sits under its own stage's header; `try` got more columns than its one
    # main-path step
    stages = by_id(root, "stage-")
    stage_of = {"bounces": "discover", "legacy": "try", "escalates": "try", "gives-up": "try"}
    stage_of |= {"asks-help": "try", "gets-answer": "try"}
    for key, stage in stage_of.items():
        header = stages[stage]
        left, right = _left(header), -_left_mirror(header)
        assert left <= _left(cards[key]) < right, key
    columns = [g for g in groups(root, "row-steps") if _inside(g, stages["try"])]
    assert len(columns) >= 3
    # the dead end and the terminal steps say how their alternative ends
    assert "ends here: no next step" in text_of(cards["gives-up"])
    assert "can end here" in text_of(cards["escalates"])
    assert "rejoins: Buys" in text_of(cards["gets-answer"])


def _left_mirror(element: ET.Element) -> float:
    """Minus the rightmost x of an element's outline."""
    xs = [
        float(pair.split(",")[0])
        for polygon in element.iter(f"{SVG}polygon")
        for pair in (polygon.get("points") or "").split()
    ]
    return -max(xs)


def _inside(element: ET.Element, header: ET.Element) -> bool:
    return _left(header) <= _left(element) < -_left_mirror(header)


@needs_dot
def test_one_solid_emotion_line_on_the_main_path_and_a_dashed_one_per_alternative(
    tmp_path: Path,
) -> None:
    found = segments(map_svg(branching(tmp_path)))
    main = set(itertools.pairwise(MAIN))
    alternative = {
        ("lands", "bounces"),
        ("tries", "asks-help"),
        ("asks-help", "gets-answer"),
        ("gets-answer", "buys"),  # rejoins the main path further right
        ("tries", "gives-up"),
        ("asks-help", "escalates"),  # a nested alternative starts at its branch
    }
    assert set(found) == main | alternative
    for pair in main:
        assert "main-path" in found[pair]
    for pair in alternative:
        assert "alternative" in found[pair]
    # no segment joins two alternatives but at a branch, nor a main step it does not touch
    member = {key: first for first, (_, steps) in ALTERNATIVES.items() for key in steps}
    for tail, head in found:
        if tail in member and head in member and member[tail] != member[head]:
            assert ALTERNATIVES[member[head]][0] == tail, (tail, head)
        if head in member and tail in MAIN:
            assert ALTERNATIVES[member[head]][0] == tail, (tail, head)
    # the unreached step is on no line
    assert not any("legacy" in pair for pair in found)


@needs_dot
def test_the_example_dead_end_no_longer_leads_to_books_a_demo() -> None:
    drawn = run_dot(source(load(CURRENT), View.MAP, Format.DOT), Format.SVG, find_dot())
    found = segments(ET.fromstring(drawn.data))
    assert not any("trial-lapses" in pair and "books-demo" in pair for pair in found)
    assert "alternative" in found[("explores-admin-console", "trial-lapses")]
    assert "main-path" in found[("explores-admin-console", "books-demo")]


def test_mermaid_journey_follows_the_main_path_then_a_section_per_alternative(
    tmp_path: Path,
) -> None:
    lines = source(load(branching(tmp_path)), View.MAP, Format.MMD).splitlines()
    body = [line.strip() for line in lines[2:]]
    assert body == [
        "section Discover",
        "Lands on the site: 3: web",
        "Signs up: 4: web",
        "section Try",
        "Tries the product: 3: product",
        "section Buy",
        "Buys: 5: sales",
        "Renews: 4: sales",
        "section Alternative\ua789 Bounces",
        "Bounces: 2: web",
        "section Alternative\ua789 Asks for help",
        "Asks for help: 2: product",
        "Gets an answer: 4: product",
        "section Alternative\ua789 Gives up",
        "Gives up: 1: product",
        "section Alternative\ua789 Escalates to a manager",
        "Escalates to a manager: 1: product",
        "section Not reached from the first step",
        "Old onboarding tour: 3: product",
    ]


def test_mermaid_escapes_an_alternatives_name(tmp_path: Path) -> None:
    lines = source(load(branching(tmp_path, HOSTILE)), View.MAP, Format.MMD).splitlines()
    section = next(line for line in lines if "Alternative" in line and "\uff1cb" in line)
    assert section == (
        "    section Alternative\ua789 \uff1cb\uff1ex\uff1c/b\uff1e \uff06 \"q\" 'a' \\N "
        "\u200f\u202e"
    )
    assert_journey_lexes("\n".join(lines))


@needs_dot
def test_the_evidence_row_tells_analytical_from_anecdotal(tmp_path: Path) -> None:
    root = map_svg(branching(tmp_path))
    cells = by_id(root, "row-evidence-")
    assert "\u25a0 ANALYTICAL" in text_of(cells["buys"])
    assert "Checkout funnel Q3" in text_of(cells["buys"])
    assert "4.1% convert" in text_of(cells["buys"])
    card = by_id(root, "alt-")["bounces"]  # evidence of an alternative's step is on its card
    shown = text_of(card)
    assert "\u25a0 ANALYTICAL" in shown and "\u25cb ANECDOTAL" in shown
    assert "GA4 funnel" in shown and "Could not find the price" in shown
    inks = {
        (text.text or "").split()[-1]: text.get("fill")
        for text in card.iter(f"{SVG}text")
        if (text.text or "").endswith(("ANALYTICAL", "ANECDOTAL"))
    }
    assert inks["ANALYTICAL"] != inks["ANECDOTAL"]
    legend = text_of(root)
    assert "analytical evidence" in legend and "anecdotal evidence" in legend


@needs_dot
def test_no_evidence_no_evidence_row(tmp_path: Path) -> None:
    text = re.sub(r"\n\s+evidence:\n(\s+- \{kind.*\n)+", "\n", BRANCHING)
    text = text.replace("BOUNCES_NAME", "Bounces")
    root = map_svg(write(tmp_path, "plain.yaml", text))
    assert "Evidence" not in [text_of(g) for g in groups(root, "heading")]
    assert "evidence" not in text_of(root)


@needs_dot
def test_hostile_alternative_names_and_evidence_are_shown_as_text(tmp_path: Path) -> None:
    path = branching(tmp_path, HOSTILE, HOSTILE)
    dot = source(load(path), View.MAP, Format.DOT)
    labels = re.sub(r'tooltip="(?:[^"\\]|\\.)*"', "", dot)  # quoted: shown as text
    assert "<b>x</b>" in dot and "<b>x</b>" not in labels
    assert "&lt;b&gt;x&lt;/b&gt; &amp; &quot;q&quot; &#39;a&#39; \\\\N" in labels
    root = map_svg(path)
    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert tags <= {"svg", "g", "title", "text", "path", "polygon", "ellipse", "a", "polyline"}
    shown = text_of(root)
    assert f"Alternative: {SHOWN}" in shown
    assert SHOWN in text_of(by_id(root, "alt-")["bounces"])
    assert f"62% leave {SHOWN}" in shown
    assert "\x01" not in ET.tostring(root, encoding="unicode")


@needs_dot
def test_a_main_path_that_comes_back_to_a_stage_gets_a_continued_header(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        "back.yaml",
        """\
        journeyctl: 1
        kind: journey
        id: back
        title: Back
        stages:
          - id: a
            name: Alpha
            steps:
              - {id: a1, name: A1, emotion: 0, next: [b1]}
              - {id: a2, name: A2, emotion: 1, terminal: true}
          - id: b
            name: Beta
            steps:
              - {id: b1, name: B1, emotion: -1, next: [a2]}
        """,
    )
    root = map_svg(path)
    cells = by_id(root, "row-steps-")
    assert sorted(cells, key=lambda key: _left(cells[key])) == ["a1", "b1", "a2"]
    headers = [text_of(g) for g in sorted(groups(root, "stage"), key=_left)]
    assert [header.split("  ")[0] for header in headers] == ["Alpha", "Beta", "Alpha, continued"]
    assert set(segments(root)) == {("a1", "b1"), ("b1", "a2")}


@pytest.mark.parametrize("steps", ["[]", "[{id: only, name: Only, next: [only]}]"])
def test_maps_of_empty_and_self_looping_documents_still_draw(tmp_path: Path, steps: str) -> None:
    path = write(
        tmp_path,
        "tiny.yaml",
        f"""\
        journeyctl: 1
        kind: journey
        id: tiny
        title: Tiny
        stages:
          - {{id: s, name: S, steps: {steps}}}
        """,
    )
    dot = source(load(path), View.MAP, Format.DOT)
    assert "row-steps" in dot
    mermaid = source(load(path), View.MAP, Format.MMD)
    assert mermaid.startswith("journey\n")


def test_an_alternative_that_rejoins_in_its_stage_gets_room_before_the_step_it_rejoins(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        "room.yaml",
        """\
        journeyctl: 1
        kind: journey
        id: room
        title: Room
        stages:
          - id: s
            name: S
            steps:
              - {id: a, name: A, emotion: 0, next: [d, b]}
              - {id: b, name: B, emotion: -1}
              - {id: c, name: C, emotion: -2}
              - {id: d, name: D, emotion: 1, terminal: true}
        """,
    )
    layout = layout_of(load(path))
    assert layout.paths.main == ("a", "d")
    (band,) = layout.bands
    assert [card.node.key for card in band.cards] == ["b", "c"]
    assert layout.x_of["a"] < layout.x_of["b"] < layout.x_of["c"] < layout.x_of["d"]
    assert [column.key for column in layout.columns] == ["a", None, None, "d"]
    mermaid = source(load(path), View.MAP, Format.MMD).splitlines()
    assert [line.strip() for line in mermaid[2:]] == [
        "section S",
        "A: 3",
        "D: 4",
        "section Alternative\ua789 B",
        "B: 2",
        "C: 1",
    ]


@needs_dot
def test_steps_say_where_they_lead_when_the_columns_do_not(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "loop.yaml",
        """\
        journeyctl: 1
        kind: journey
        id: loop
        title: Loop
        stages:
          - id: s
            name: S
            steps:
              - {id: a, name: Starts, emotion: 0}
              - {id: b, name: Retries, emotion: -1, next: [a, c]}
              - {id: c, name: Done, emotion: 1, terminal: true}
        """,
    )
    root = map_svg(path)
    cells = by_id(root, "row-steps-")
    assert sorted(cells, key=lambda key: _left(cells[key])) == ["a", "b"]
    assert "back to: Starts" in text_of(cells["b"])
    assert "can end here" in text_of(by_id(root, "alt-")["c"])
    drawn = run_dot(source(load(CURRENT), View.MAP, Format.DOT), Format.SVG, find_dot())
    risk = by_id(ET.fromstring(drawn.data), "alt-")["renewal-risk"]
    assert "also \u2192 Renews" in " ".join(text_of(risk).split())


def test_random_journeys_draw_every_step_once_in_its_own_stage() -> None:
    rng = random.Random(11)
    for _ in range(150):
        count = rng.randint(1, 14)
        ids = [f"s{index}" for index in range(count)]
        steps = []
        for step_id in ids:
            step: dict[str, object] = {"id": step_id, "name": step_id.upper()}
            if rng.random() < 0.5:
                step["next"] = rng.sample(ids, rng.randint(0, min(3, count)))
            step["terminal"] = rng.random() < 0.15
            steps.append(step)
        cuts = sorted(rng.sample(range(1, count), rng.randint(0, count - 1))) if count > 1 else []
        bounds = [0, *cuts, count]
        stages = [
            {"id": f"t{index}", "name": f"T{index}", "steps": steps[start:end]}
            for index, (start, end) in enumerate(itertools.pairwise(bounds))
        ]
        doc = Journey.model_validate(
            {"journeyctl": 1, "kind": "journey", "id": "r", "title": "R", "stages": stages}
        )
        layout = layout_of(doc)
        bands = [*layout.bands, *([layout.unreached] if layout.unreached else [])]
        drawn = [c.key for c in layout.columns if c.key] + [
            card.node.key for band in bands for card in band.cards
        ]
        assert sorted(drawn) == sorted(ids)
        spans = {(s.stage.id, s.left, s.right) for s in layout.spans}
        for band in bands:
            xs = [card.x for card in band.cards]
            assert len(set(xs)) == len(xs)
            for card in band.cards:
                stage = doc.stages[card.node.stage_index].id
                assert any(sid == stage and left <= card.x < right for sid, left, right in spans)
        for one, other in itertools.combinations(layout.bands, 2):
            if one.lane == other.lane:
                assert one.right <= other.left or other.right <= one.left
        lines = source(doc, View.MAP, Format.MMD).splitlines()
        assert sum(1 for line in lines if line.startswith("        ")) == count

"""`render --view flow --page SIZE`: a flow too big for one page is cut between stages.

What a reader sees on the pages (drawn to SVG and parsed): which stages each page holds, each
step on exactly one page, a stub naming the step or stage at the other end of every edge that
leaves a page, the header on every page, each page exactly the page's size, no text under
9 pt; a stage too big for a page continued on the next; hostile names escaped in stubs.
"""

from __future__ import annotations

import itertools
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from journeyctl.core.graph import StepGraph
from journeyctl.core.model import Flow
from journeyctl.render import Format
from journeyctl.render.flow_pages import SCALED, flow_sheets
from journeyctl.render.flow_plan import Part, Sizes, plan
from journeyctl.render.marks import Marks
from journeyctl.render.paged import draw_sheets
from journeyctl.render.pages import MIN_TEXT_PT, Page
from tests.helpers import run, write
from tests.test_render import EXAMPLE_FILES, SVG, load

ROOT = Path(__file__).resolve().parent.parent
CURRENT = ROOT / "examples" / "journeys" / "b2b-onboarding.current.yaml"
FONTS = ROOT / "docs" / "fonts.conf"

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz's dot")


@pytest.fixture(autouse=True)
def _fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fonts `scripts/bootstrap.sh` installs, so that the cuts are the same everywhere."""
    monkeypatch.setenv("FONTCONFIG_FILE", str(FONTS))


def pages_of(doc: Flow, page: Page) -> list[ET.Element]:
    drawn = draw_sheets(flow_sheets(doc, Marks(), page, "dot"), Format.SVG, "dot")
    return [ET.fromstring(data) for data in drawn]


def groups(svg: ET.Element, css: str) -> list[ET.Element]:
    return [g for g in svg.iter(f"{SVG}g") if css in g.get("class", "").split()]


def stage_ids(svg: ET.Element) -> list[str]:
    """The stages drawn on a page, left to right (their clusters' ids)."""
    found = [g for g in groups(svg, "cluster") if g.get("id", "").startswith("stage-")]
    found.sort(key=lambda g: _left(g))
    return [str(g.get("id"))[len("stage-") :] for g in found]


def _left(group: ET.Element) -> float:
    shape = next(e for e in group.iter() if e.tag in (f"{SVG}path", f"{SVG}polygon"))
    numbers = re.findall(r"-?\d+(?:\.\d+)?", shape.get("d") or shape.get("points") or "")
    return min(float(x) for x in numbers[::2])


def step_ids(svg: ET.Element) -> list[str]:
    return [str(g.get("id"))[5:] for g in groups(svg, "step")]


def text_of(group: ET.Element) -> str:
    """A group's text, its lines joined by spaces (a stub wraps long names)."""
    return " ".join(t.text or "" for t in group.iter(f"{SVG}text"))


def stubs(svg: ET.Element, kind: str) -> list[str]:
    return [text_of(g) for g in groups(svg, "stub") if kind in g.get("class", "").split()]


def size_of(svg: ET.Element) -> tuple[float, float]:
    return float(svg.get("width", "").removesuffix("pt")), float(
        svg.get("height", "").removesuffix("pt")
    )


def smallest_pt(svg: ET.Element) -> float:
    """The smallest text on the page, in the page's points (font size times the zoom)."""
    graph = groups(svg, "graph")[0]
    found = re.match(r"scale\(([\d.]+)", graph.get("transform", ""))
    assert found is not None
    sizes = [float(t.get("font-size", "14")) for t in svg.iter(f"{SVG}text")]
    return min(sizes) * float(found.group(1))


def test_the_example_at_16_9_is_cut_between_stages_each_step_once() -> None:
    doc = load(CURRENT)
    pages = pages_of(doc, Page.WIDE)
    assert [stage_ids(svg) for svg in pages] == [
        ["awareness"],
        ["consideration", "decision"],
        ["onboarding"],
        ["loyalty"],
    ]
    drawn = [step for svg in pages for step in step_ids(svg)]
    assert sorted(drawn) == sorted(step.id for stage in doc.stages for step in stage.steps)
    for number, svg in enumerate(pages, start=1):
        assert size_of(svg) == (960.0, 540.0)
        assert smallest_pt(svg) >= MIN_TEXT_PT - 0.01
        texts = [(t.text or "").replace("\u00a0", " ") for t in svg.iter(f"{SVG}text")]
        assert doc.title in texts
        assert any(f"page {number} of 4" in text for text in texts)
        assert not any("continued" in text for text in texts)
    first = [t.text or "" for t in pages[0].iter(f"{SVG}text")]
    assert "Emotion" in first  # the legend, on the first page only
    assert "Emotion" not in [t.text for t in pages[1].iter(f"{SVG}text")]


def test_every_edge_to_another_page_ends_at_a_stub_naming_its_target() -> None:
    doc = load(CURRENT)
    pages = pages_of(doc, Page.WIDE)
    page_of = {step: n for n, svg in enumerate(pages) for step in step_ids(svg)}
    graph = StepGraph(doc)
    crossing = 0
    for tail, head in graph.edges():
        here, there = page_of[tail.step.id], page_of[head.step.id]
        if here == there:
            continue
        crossing += 1
        stage = doc.stages[head.stage_index].name
        wanted = f"\u2192 {stage}: {head.step.name} page {there + 1}"
        assert wanted in stubs(pages[here], "out"), (tail.step.id, head.step.id)
        source = f"\u2190 from {doc.stages[tail.stage_index].name} page {here + 1}"
        assert source in stubs(pages[there], "in")
    assert crossing >= 3
    assert stubs(pages[1], "out") == [
        "\u2192 Onboarding: Kickoff call with the customer success manager page 3"
    ]


def test_a_loop_back_from_a_later_page_is_a_stub_in_its_steps_column(tmp_path: Path) -> None:
    path = journey(tmp_path, [("a", "Alpha", [f"A{n}" for n in range(20)]), ("b", "Beta", ["B"])])
    path.write_text(path.read_text().replace('name: "B", emotion: 0', 'name: "B", next: [s9]'))
    doc = load(path)
    sources = flow_sheets(doc, Marks(), Page.WIDE, "dot")
    pages = [ET.fromstring(data) for data in draw_sheets(sources, Format.SVG, "dot")]
    where = next(n for n, svg in enumerate(pages) if "s9" in step_ids(svg))
    assert "\u2190 from Beta page 2" in stubs(pages[where], "in")
    # beside its step (same column), not at the page's left edge, where its edge would
    # cross the page
    name = re.search(r'"(s\d+)" \[[^\n]*id="step-s9"', sources[where])
    assert name is not None
    assert re.search(rf'\{{rank=same; "in\d+"; "{name.group(1)}";\}}', sources[where])
    assert all(smallest_pt(svg) >= MIN_TEXT_PT - 0.01 for svg in pages)


def test_a_flow_that_fits_stays_one_page_and_is_scaled_up_to_fill_it(tmp_path: Path) -> None:
    path = journey(tmp_path, [("only", "Only stage", ["First", "Second"])])
    [svg] = pages_of(load(path), Page.WIDE)
    assert size_of(svg) == (960.0, 540.0)
    assert smallest_pt(svg) > MIN_TEXT_PT + 0.2  # zoomed until the title block fills the width
    assert not stubs(svg, "out")


def test_one_giant_stage_is_continued_over_pages_by_columns(tmp_path: Path) -> None:
    names = [f"Step number {n}" for n in range(60)]
    path = journey(tmp_path, [("giant", "Giant", names)])
    doc = load(path)
    pages = pages_of(doc, Page.STANDARD)
    assert len(pages) > 2
    drawn = [step for svg in pages for step in step_ids(svg)]
    assert drawn == [f"s{n}" for n in range(60)]  # each once, in order
    for number, svg in enumerate(pages):
        assert stage_ids(svg) == ["giant"]
        titles = [t.text for t in svg.iter(f"{SVG}text")]
        assert ("Giant, continued" in titles) == (number > 0)
        assert size_of(svg) == (720.0, 540.0)
        assert smallest_pt(svg) >= MIN_TEXT_PT - 0.01
    for number, svg in enumerate(pages[:-1]):
        following = step_ids(pages[number + 1])[0]
        assert stubs(svg, "out") == [f"\u2192 Giant: Step number {following[1:]} page {number + 2}"]


def test_hostile_names_are_escaped_in_stubs_and_duplicate_ids_do_not_crash(
    tmp_path: Path,
) -> None:
    hostile = '<b>&"x" \\N \u202eevil'
    many = [f"Step {n}" for n in range(20)]
    path = journey(tmp_path, [("one", hostile, many), ("two", "Two", [hostile, *many])], same=True)
    doc = load(path)
    pages = pages_of(doc, Page.STANDARD)
    everything = [text for svg in pages for kind in ("in", "out") for text in stubs(svg, kind)]
    shown = f"\u2068{hostile}\u2069"  # isolated: its override cannot turn the text after it
    assert any(text.startswith(f"\u2190 from {shown} page") for text in everything)
    assert any(f"Two: {shown}" in text for text in everything)
    titles = [t.text for svg in pages for t in svg.iter(f"{SVG}text")]
    assert f"{shown}, continued" in titles
    assert sum(len(step_ids(svg)) for svg in pages) == 41


def test_a_stage_name_too_wide_for_the_page_is_cut_short(tmp_path: Path) -> None:
    wide = "A stage name far too long to fit on any page " * 8
    path = journey(tmp_path, [("a", "First", ["One", "Two"] * 8), ("b", wide, ["Three"])])
    pages = pages_of(load(path), Page.STANDARD)
    last = [t.text or "" for t in pages[-1].iter(f"{SVG}text")]
    assert any(text.startswith("A stage name far") and text.endswith("\u2026") for text in last)
    assert all(smallest_pt(svg) >= MIN_TEXT_PT - 0.01 for svg in pages)
    assert not any(SCALED in text for svg in pages for text in texts_of(svg))


def test_a_step_wider_than_any_page_is_scaled_to_fit_and_says_so(tmp_path: Path) -> None:
    path = journey(tmp_path, [("a", "First", ["One", "Two"] * 8), ("b", "Second", ["Three"])])
    team = "-".join(["a-very-long-team-name"] * 30)
    path.write_text(path.read_text().replace("owner: team", f"owner: {team}", 1))
    pages = pages_of(load(path), Page.STANDARD)
    scaled = [svg for svg in pages if any(SCALED in text for text in texts_of(svg))]
    assert scaled and len(scaled) < len(pages)
    assert all(size_of(svg) == (720.0, 540.0) for svg in pages)
    assert smallest_pt(scaled[0]) < MIN_TEXT_PT


def texts_of(svg: ET.Element) -> list[str]:
    return [t.text or "" for t in svg.iter(f"{SVG}text")]


def test_the_cli_writes_the_flow_pages_as_one_pdf_and_numbered_svgs(tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "flow.pdf"
    result = run("render", str(CURRENT), "-o", str(out), "--view", "flow", "--page", "16:9")
    assert result.exit_code == 0, result.stderr
    assert len(PdfReader(out).pages) == 4
    result = run(
        "render", str(CURRENT), "-o", str(tmp_path / "f.svg"), "--view", "flow", "--page", "16:9"
    )
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.glob("f-*.svg")) == [f"f-{n}.svg" for n in range(1, 5)]


def test_the_plan_keeps_stages_whole_and_cuts_only_a_stage_too_big() -> None:
    step = (182.0, 60.0)
    sizes = Sizes(
        steps=[[step] * 4, [step] * 30, [step] * 2],
        labels=[(100.0, 30.0)] * 3,
        first_header=100.0,
        later_header=34.0,
        edges=[],
    )
    sheets = plan(sizes, (900.0, 500.0))
    parts = [part for sheet in sheets for part in sheet.parts]
    assert [p for p in parts if p.stage != 1] == [Part(0, 0, 4), Part(2, 0, 2)]
    middle = [p for p in parts if p.stage == 1]
    assert len(middle) > 1 and middle[0].start == 0 and middle[-1].stop == 30
    assert all(a.stop == b.start for a, b in itertools.pairwise(middle))


def journey(directory: Path, stages: list[tuple[str, str, list[str]]], same: bool = False) -> Path:
    """A journey of the given stages (id, name, step names); its steps are `s0`, `s1`, ...
    (with `same`, the first step of each stage reuses the id `dup`)."""
    lines = ["journeyctl: 1", "kind: journey", "id: paged", "title: Paged flow", "stages:"]
    count = 0
    for stage_id, name, steps in stages:
        lines += [
            f"  - id: {stage_id}",
            f"    name: {_quoted(name)}",
            "    owner: team",
            "    steps:",
        ]
        for index, step in enumerate(steps):
            ident = "dup" if same and index == 0 else f"s{count}"
            lines.append(f"      - {{id: {ident}, name: {_quoted(step)}, emotion: 0}}")
            count += 1
    return write(directory, "paged.yaml", "\n".join(lines) + "\n")


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_graphviz_draws_every_example_flow_page_without_warnings(path: Path) -> None:
    from journeyctl.render.marks import lint_marks
    from journeyctl.render.output import run_dot

    doc = load(path)
    marks = lint_marks([path]).get(path.resolve(), Marks())
    for page in (Page.STANDARD, Page.A4):
        for text in flow_sheets(doc, marks, page, "dot"):
            assert run_dot(text, Format.SVG, "dot").warnings == ""


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_column_of_every_page_reads_top_down_in_document_order(path: Path) -> None:
    from journeyctl.render.flow_pages import layouts

    doc = load(path)
    for page in (Page.WIDE, Page.STANDARD):
        sources = flow_sheets(doc, Marks(), page, "dot")
        for text, layout in zip(sources, layouts(sources, "dot"), strict=True):
            objects = layout["objects"]
            assert isinstance(objects, list)
            y = {o["name"]: float(o["pos"].split(",")[1]) for o in objects if "pos" in o}
            for column in re.findall(r'\{rank=same; ((?:"s\d+"; ?)+)\}', text):
                heights = [y[name] for name in re.findall(r'"(s\d+)"', column)]
                assert heights == sorted(heights, reverse=True), column  # y grows upward

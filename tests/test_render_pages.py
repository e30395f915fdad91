"""`render --page`: the map and blueprint cut into sheets of a page size, the flow on pages.

What a user sees: the number of pages and each page's size (pypdf), the files written and
their names, the row headings and the stage header on every sheet, "continued" on a stage cut
by a sheet's edge, and no text under 9 pt at the page's size.
"""

from __future__ import annotations

import io
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader

from journeyctl.render import Format
from journeyctl.render.marks import Marks
from journeyctl.render.paged import draw_sheets, sheet_sources
from journeyctl.render.pages import MIN_TEXT_PT, Page
from tests.helpers import run, write
from tests.test_render import EXAMPLE_FILES, HOSTILE, SVG, hostile_journey, load

ROOT = Path(__file__).resolve().parent.parent
CURRENT = ROOT / "examples" / "journeys" / "b2b-onboarding.current.yaml"
GRIDS = ("map", "blueprint")

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz's dot")


def small_journey(directory: Path) -> Path:
    """Two steps: a map that fits one page."""
    return write(
        directory,
        "small.yaml",
        """\
        journeyctl: 1
        kind: journey
        id: small
        title: Small
        stages:
          - id: s1
            name: Only stage
            owner: team
            steps:
              - {id: a, name: First, emotion: 1, next: [b]}
              - {id: b, name: Second, emotion: -1, terminal: true}
        """,
    )


def texts(svg: ET.Element) -> list[str]:
    return [t.text or "" for t in svg.iter(f"{SVG}text")]


def scale_of(svg: ET.Element) -> float:
    """The scale Graphviz applied to fit the sheet to the page."""
    graph = next(g for g in svg.iter(f"{SVG}g") if "graph" in g.get("class", "").split())
    found = re.match(r"scale\(([\d.]+) ", graph.get("transform", ""))
    assert found is not None
    return float(found.group(1))


def sheets_as_svg(path: Path, view: str, page: Page) -> list[ET.Element]:
    doc = load(path)
    drawn = draw_sheets(sheet_sources(doc, view, Marks(), page), Format.SVG, "dot")
    return [ET.fromstring(data) for data in drawn]


@needs_dot
@pytest.mark.parametrize("view", GRIDS)
@pytest.mark.parametrize("page", list(Page))
def test_pdf_has_one_page_per_sheet_each_exactly_the_page_size(
    tmp_path: Path, view: str, page: Page
) -> None:
    out = tmp_path / "sheets.pdf"
    result = run("render", str(CURRENT), "-o", str(out), "--view", view, "--page", page.value)
    assert result.exit_code == 0, result.stderr
    pages = PdfReader(io.BytesIO(out.read_bytes())).pages
    assert len(pages) == len(sheet_sources(load(CURRENT), view, Marks(), page)) > 1
    width, height = page.size
    for sheet in pages:
        assert round(float(sheet.mediabox.width)) == round(width)
        assert round(float(sheet.mediabox.height)) == round(height)
    assert list(tmp_path.iterdir()) == [out]


@needs_dot
@pytest.mark.parametrize("view", GRIDS)
@pytest.mark.parametrize("page", list(Page))
@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_no_text_on_any_sheet_is_under_9_pt_at_the_page_size(
    path: Path, view: str, page: Page
) -> None:
    for svg in sheets_as_svg(path, view, page):
        scale = scale_of(svg)
        sizes = [
            float(t.get("font-size", "0")) for t in svg.iter(f"{SVG}text") if (t.text or "").strip()
        ]
        assert sizes
        assert min(sizes) * scale >= MIN_TEXT_PT - 1e-6
        width, height = page.size
        assert svg.get("width") == f"{round(width)}pt"
        assert svg.get("height") == f"{round(height)}pt"


@needs_dot
@pytest.mark.parametrize("view", GRIDS)
def test_every_sheet_repeats_the_row_headings_and_the_stage_header(view: str) -> None:
    sheets = sheets_as_svg(CURRENT, view, Page.WIDE)
    assert len(sheets) > 2
    rows = {"map": ("Steps", "Emotion", "Pain points"), "blueprint": ("Customer", "Backstage")}
    seen: set[str] = set()
    for number, svg in enumerate(sheets, 1):
        shown = texts(svg)
        assert "Stage" in shown  # the stage header's row heading
        stages = [g for g in svg.iter(f"{SVG}g") if "stage" in g.get("class", "").split()]
        assert stages, f"sheet {number} has no stage header"
        headings = [g for g in svg.iter(f"{SVG}g") if "heading" in g.get("class", "").split()]
        assert len(headings) >= 2  # the stage header's and at least one row's
        seen |= {text for text in shown if any(text.startswith(row) for row in rows[view])}
        assert f"sheet {number} of {len(sheets)}" in " ".join(shown).replace("\xa0", " ")
    assert all(any(text.startswith(row) for text in seen) for row in rows[view])
    first = " ".join(texts(sheets[0]))
    assert "B2B SaaS - from first visit to renewal" in first
    assert "Emotion" in first  # the legend, on the first sheet only
    assert "very negative" not in " ".join(texts(sheets[1]))


@needs_dot
@pytest.mark.parametrize("view", GRIDS)
def test_a_stage_cut_by_a_sheet_says_continued_on_the_later_sheet(view: str) -> None:
    continued = []
    for svg in sheets_as_svg(CURRENT, view, Page.A4):
        for stage in svg.iter(f"{SVG}g"):
            if "stage" in stage.get("class", "").split():
                name = " ".join(texts(stage))
                if "continued" in name:
                    continued.append(name)
    assert continued
    assert all(re.match(r"^\w+, continued", name) for name in continued), continued


def test_sheets_are_cut_between_columns_never_through_a_step() -> None:
    doc = load(CURRENT)
    steps = {step.id for stage in doc.stages for step in stage.steps}
    shown: list[str] = []
    for text in sheet_sources(doc, "map", Marks(), Page.STANDARD):
        shown += re.findall(r'id="(?:row-steps|alt)-([\w-]+)"', text)  # main path, alternatives
        assert 'size="10.0000,7.5000!"' in text
    # every step on exactly as many sheets as the rows are cut into, never half on two
    counts = {step: shown.count(step) for step in steps}
    assert set(counts.values()) == {min(counts.values())}
    assert min(counts.values()) >= 1


@needs_dot
def test_svg_sheets_are_named_NAME_1_NAME_2_and_one_sheet_is_NAME(tmp_path: Path) -> None:
    out = tmp_path / "out" / "map.svg"
    result = run("render", str(CURRENT), "-o", str(out), "--view", "map", "--page", "a3")
    assert result.exit_code == 0, result.stderr
    names = sorted(path.name for path in out.parent.iterdir())
    count = len(names)
    assert count > 1
    assert set(names) == {f"map-{n}.svg" for n in range(1, count + 1)}
    assert f"wrote {count} sheets" in result.stderr
    single = tmp_path / "single" / "small.svg"
    small = small_journey(tmp_path)
    result = run("render", str(small), "-o", str(single), "--view", "map", "--page", "a4")
    assert result.exit_code == 0, result.stderr
    assert [path.name for path in single.parent.iterdir()] == ["small.svg"]
    svg = ET.fromstring(single.read_bytes())
    assert (svg.get("width"), svg.get("height")) == ("842pt", "595pt")


@needs_dot
def test_a_folder_of_documents_gets_sheets_named_after_each(tmp_path: Path) -> None:
    out = tmp_path / "out"
    examples = str(ROOT / "examples")
    result = run("render", examples, "-o", str(out), "--view", "map", "--page", "16:9")
    assert result.exit_code == 0, result.stderr
    names = {path.name for path in out.iterdir()}
    assert "b2b-onboarding.current.map-1.svg" in names
    assert "lead-to-customer.current.map-1.svg" in names
    assert not any(name.endswith(".map.svg") for name in names)
    pdfs = tmp_path / "pdf"
    result = run("render", examples, "-o", str(pdfs), "--format", "pdf", "--page", "a4")
    assert result.exit_code == 0, result.stderr
    assert len(list(pdfs.iterdir())) == 9  # three documents, three views, a PDF each


def test_dot_sheets_need_no_graphviz_and_say_the_page_size(tmp_path: Path) -> None:
    out = tmp_path / "map.dot"
    env = {"GITHUB_ACTIONS": "", "JOURNEYCTL_DOT": str(tmp_path / "no-such-dot")}
    result = run("render", str(CURRENT), "-o", str(out), "--view", "map", "--page", "16:9", env=env)
    assert result.exit_code == 0, result.stderr
    files = sorted(tmp_path.glob("map-*.dot"))
    assert len(files) > 1
    for file in files:
        text = file.read_text(encoding="utf-8")
        assert 'size="13.3333,7.5000!"' in text
        assert "margin=0" in text


def test_without_page_the_output_is_unchanged(tmp_path: Path) -> None:
    committed = ROOT / "docs" / "images" / "dot" / "b2b-onboarding.current.map.dot"
    result = run("render", str(CURRENT), "--view", "map", "--format", "dot")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == committed.read_text(encoding="utf-8")


@needs_dot
def test_sheets_never_overwrite_an_input_or_a_journeyctl_file(tmp_path: Path) -> None:
    journey = tmp_path / "j.yaml"
    journey.write_bytes(CURRENT.read_bytes())
    # the second sheet's name is taken by a journeyctl file: nothing is written
    (tmp_path / "out").mkdir()
    taken = tmp_path / "out" / "map-2.svg"
    taken.write_bytes(CURRENT.read_bytes())
    out = tmp_path / "out" / "map.svg"
    result = run("render", str(journey), "-o", str(out), "--view", "map", "--page", "16:9")
    assert result.exit_code == 2
    assert "map-2.svg is a journeyctl file: refusing to overwrite it" in result.stderr
    assert sorted(path.name for path in out.parent.iterdir()) == ["map-2.svg"]
    assert taken.read_bytes() == CURRENT.read_bytes()
    result = run("render", str(journey), "-o", str(journey), "-f", "dot", "--page", "a4")
    assert result.exit_code == 2
    assert "is an input file: refusing to overwrite it" in result.stderr
    assert journey.read_bytes() == CURRENT.read_bytes()


@needs_dot
@pytest.mark.parametrize("view", GRIDS)
def test_hostile_names_in_sheet_headers_are_shown_as_text(tmp_path: Path, view: str) -> None:
    doc = load(hostile_journey(tmp_path))
    for page in (Page.A4, Page.STANDARD):
        sources = sheet_sources(doc, view, Marks(), page)
        for svg in (ET.fromstring(data) for data in draw_sheets(sources, Format.SVG, "dot")):
            shown = " ".join(texts(svg))
            assert 'Title <b>bold</b> & "quotes" \\N' in shown
            assert "\x01" not in shown
        assert HOSTILE in " ".join(
            " ".join(texts(ET.fromstring(data))) for data in draw_sheets(sources, Format.SVG, "dot")
        )


def test_page_with_mermaid_is_a_usage_error_in_one_line(tmp_path: Path) -> None:
    result = run("render", str(CURRENT), "-o", str(tmp_path / "x.mmd"), "--page", "16:9")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "Mermaid (.mmd) has no pages" in lines[0]
    assert not list(tmp_path.iterdir())


def test_page_to_stdout_must_be_pdf_and_a_bad_size_is_refused() -> None:
    result = run("render", str(CURRENT), "--view", "map", "--page", "a4", "-f", "svg")
    assert result.exit_code == 2
    assert "--page writes one file per sheet" in result.stderr
    result = run("render", str(CURRENT), "--page", "a5")
    assert result.exit_code == 2
    assert "a5" in result.stderr


@needs_dot
def test_a_flow_that_fits_is_one_page_and_a_big_one_is_cut(tmp_path: Path) -> None:
    small = small_journey(tmp_path)
    out = tmp_path / "flow.pdf"
    result = run("render", str(small), "-o", str(out), "--view", "flow", "--page", "16:9")
    assert result.exit_code == 0, result.stderr
    pages = PdfReader(io.BytesIO(out.read_bytes())).pages
    assert len(pages) == 1
    assert (round(float(pages[0].mediabox.width)), round(float(pages[0].mediabox.height))) == (
        960,
        540,
    )
    result = run("render", str(CURRENT), "-o", str(out), "--view", "flow", "--page", "4:3")
    assert result.exit_code == 0, result.stderr
    pages = PdfReader(io.BytesIO(out.read_bytes())).pages
    assert len(pages) > 1
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages} == {
        (720, 540)
    }


@needs_dot
@pytest.mark.parametrize("view", GRIDS)
@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_graphviz_draws_every_sheet_as_laid_out_without_warnings(path: Path, view: str) -> None:
    from journeyctl.render.marks import lint_marks
    from journeyctl.render.output import run_dot

    doc = load(path)
    marks = lint_marks([path]).get(path.resolve(), Marks())
    for page, found in ((Page.WIDE, Marks()), (Page.A4, marks)):
        for text in sheet_sources(doc, view, found, page):
            # no clipped text ("table too small"), no shapes touching (straight edges)
            assert run_dot(text, Format.SVG, "dot").warnings == ""


@pytest.mark.parametrize("view", GRIDS)
def test_lines_cut_by_a_sheet_end_at_its_edge_on_nodes_the_sheet_has(view: str) -> None:
    doc = load(CURRENT)
    clipped = 0
    for text in sheet_sources(doc, view, Marks(), Page.WIDE):
        nodes = set(re.findall(r'^\s*"([^"]+)" \[', text, re.MULTILINE))
        for tail, head in re.findall(r'^\s*"([^"]+)" -> "([^"]+)"', text, re.MULTILINE):
            assert {tail, head} <= nodes  # never an undeclared node Graphviz would invent
            clipped += tail.startswith("edge_") or head.startswith("edge_")
    assert clipped  # the emotion curve (map) and the arrows (blueprint) cross sheet edges


def test_page_with_diff_is_a_usage_error(tmp_path: Path) -> None:
    result = run("render", "--diff", str(CURRENT), str(CURRENT), "--page", "a4")
    assert result.exit_code == 2
    assert "--page is for the views of a file" in result.stderr


@needs_dot
def test_one_dot_run_draws_grid_sheets_then_laid_out_graphs() -> None:
    """dot keeps the engine of the previous graph of a batch: every graph must say its own."""
    from journeyctl.render import View, source
    from journeyctl.render.deck_pains import pains_sources

    doc = load(EXAMPLE_FILES[0])
    grid = sheet_sources(doc, "map", Marks(), Page.WIDE)[:1]
    texts = [*grid, source(doc, View.FLOW, Format.SVG), *pains_sources(doc, Page.WIDE)[:1]]
    drawn = draw_sheets(texts, Format.SVG, shutil.which("dot") or "dot")
    assert len(drawn) == 3
    assert all(b"<svg" in svg for svg in drawn)

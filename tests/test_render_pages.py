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
    """Every sheet shows the steps of its columns (the steps row repeats on the sheets of
    rows cut below it); no step is on sheets of two ranges of columns, and each alternative
    step is drawn once."""
    doc = load(CURRENT)
    steps = {step.id for stage in doc.stages for step in stage.steps}
    columns: list[frozenset[str]] = []
    alternatives: list[str] = []
    for text in sheet_sources(doc, "map", Marks(), Page.STANDARD):
        shown = frozenset(re.findall(r'id="row-steps-([\w-]+)"', text))  # the main path
        assert shown, "a sheet that does not say which steps its columns are"
        columns.append(shown)
        alternatives += re.findall(r'id="alt-([\w-]+)"', text)
        assert 'size="10.0000,7.5000!"' in text
    ranges = list(dict.fromkeys(columns))  # each range of columns once, in order
    assert len(ranges) < len(columns)  # rows are cut too, and repeat the steps
    assert sum(len(shown) for shown in ranges) == len(set().union(*ranges))  # never on two
    assert sorted(alternatives) == sorted(set(alternatives))
    assert set().union(*ranges) | set(alternatives) == steps


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


# Full sheets: as few as fit, each filled, no empty rows (issue 11, item 1).

SHEETS = {
    # (document, view, page): the most sheets it may take (before the sheets were filled:
    # current map 16 at 16:9 and 14 at a4, blueprint 8 and 8; optimized map 14 and 15,
    # blueprint 10 and 9; workflow map 5 and 5, blueprint 4 and 5)
    ("b2b-onboarding.current", "map", Page.WIDE): 12,
    ("b2b-onboarding.current", "map", Page.A4): 13,
    ("b2b-onboarding.current", "blueprint", Page.WIDE): 5,
    ("b2b-onboarding.current", "blueprint", Page.A4): 7,
    ("b2b-onboarding.optimized", "map", Page.WIDE): 11,
    ("b2b-onboarding.optimized", "map", Page.A4): 11,
    ("b2b-onboarding.optimized", "blueprint", Page.WIDE): 5,
    ("b2b-onboarding.optimized", "blueprint", Page.A4): 7,
    ("lead-to-customer", "map", Page.WIDE): 4,
    ("lead-to-customer", "map", Page.A4): 4,
    ("lead-to-customer", "blueprint", Page.WIDE): 3,
    ("lead-to-customer", "blueprint", Page.A4): 4,
}
KEPT_EMPTY = {"Stage", "Steps"}
"""Row headings shown even where their row is empty on a sheet."""


def _numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", text)]


def _box(node: ET.Element) -> tuple[float, float, float, float] | None:
    """The extent of a node's drawing (polygons, ellipses, paths, where its text starts), in
    the SVG's user units."""
    xs: list[float] = []
    ys: list[float] = []
    for item in node.iter():
        tag = item.tag.removeprefix(SVG)
        if tag in ("polygon", "polyline"):
            numbers = _numbers(item.get("points", ""))
        elif tag == "path":
            numbers = _numbers(item.get("d", ""))
        elif tag == "ellipse":
            numbers = [float(item.get("cx", "0")), float(item.get("cy", "0"))]
        elif tag == "text":
            numbers = [float(item.get("x", "0")), float(item.get("y", "0"))]
        else:
            continue
        xs += numbers[0::2]
        ys += numbers[1::2]
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def _nodes(svg: ET.Element) -> list[tuple[set[str], ET.Element]]:
    return [
        (set(g.get("class", "").split()), g)
        for g in svg.iter(f"{SVG}g")
        if "node" in g.get("class", "").split()
    ]


def _shows(classes: set[str], node: ET.Element) -> bool:
    """Whether a node shows something: text, an emotion point, a step's card."""
    if classes & {"emotion-point", "alt-step", "step"}:
        return True
    return any((t.text or "").strip() for t in node.iter(f"{SVG}text"))


def _transform(svg: ET.Element) -> tuple[float, float]:
    graph = next(g for g in svg.iter(f"{SVG}g") if "graph" in g.get("class", "").split())
    found = re.search(r"translate\(([-\d.]+) ([-\d.]+)\)", graph.get("transform", ""))
    assert found is not None
    return scale_of(svg), float(found.group(1))


def _plan(path: Path, view: str, page: Page) -> list[tuple[float, float]]:
    """Each sheet's columns (left and right on the poster), as planned."""
    from journeyctl.render.sheet_fit import fitted
    from journeyctl.render.sheets import measure, poster_of

    doc = load(path)
    _, sheets = fitted(doc, measure(poster_of(doc, view, Marks())), page)
    return [(sheet.left, sheet.right) for sheet in sheets]


@pytest.mark.parametrize(("name", "view", "page"), list(SHEETS))
def test_the_examples_take_few_sheets(name: str, view: str, page: Page) -> None:
    path = next(path for path in EXAMPLE_FILES if path.stem.startswith(name))
    count = len(sheet_sources(load(path), view, Marks(), page))
    assert count <= SHEETS[(name, view, page)]


@needs_dot
@pytest.mark.parametrize("view", GRIDS)
@pytest.mark.parametrize("page", [Page.WIDE, Page.A4])
@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_sheet_but_the_last_columns_fills_the_page_width(
    path: Path, view: str, page: Page
) -> None:
    plan = _plan(path, view, page)
    sheets = sheets_as_svg(path, view, page)
    assert len(plan) == len(sheets)
    last = plan[-1]
    width = page.size[0]
    for number, (svg, columns) in enumerate(zip(sheets, plan, strict=True), 1):
        scale, shift = _transform(svg)
        boxes = [_box(node) for classes, node in _nodes(svg) if "sheet-header" not in classes]
        right = (max(box[2] for box in boxes if box) + shift) * scale
        assert right <= width + 1, f"sheet {number} reaches past the page"
        if columns != last:
            assert right >= 0.7 * width, f"sheet {number} uses {right / width:.0%} of the width"


@needs_dot
@pytest.mark.parametrize("view", GRIDS)
@pytest.mark.parametrize("page", [Page.WIDE, Page.A4])
@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_no_sheet_shows_a_row_with_nothing_in_it(path: Path, view: str, page: Page) -> None:
    """Every row heading but Stage and Steps has something beside it on its sheet (in the
    blueprint, a lane kept for the labelled line under it shows that label)."""
    for number, svg in enumerate(sheets_as_svg(path, view, page), 1):
        nodes = _nodes(svg)
        for classes, heading in nodes:
            title = " ".join(texts(heading)).strip()
            if "heading" not in classes or title in KEPT_EMPTY:
                continue
            box = _box(heading)
            assert box is not None
            beside = [
                (other_classes, node)
                for other_classes, node in nodes
                if not other_classes & {"heading", "axis", "sheet-header", "stage"}
                and (found := _box(node)) is not None
                and box[1] <= (found[1] + found[3]) / 2 <= box[3]
                and found[0] >= box[2] - 1
            ]
            assert any(_shows(*item) for item in beside), f"sheet {number}: {title} is empty"


@needs_dot
def test_a_small_blueprint_is_drawn_larger_and_split_evenly(tmp_path: Path) -> None:
    """Five steps that do not fit one 16:9 sheet at 9 pt: two sheets of three and two
    columns, not four and one, drawn larger than 9 pt since that takes no more sheets."""
    path = write(
        tmp_path,
        "five.yaml",
        """\
        journeyctl: 1
        kind: journey
        id: five
        title: Five steps
        stages:
          - id: s1
            name: Only stage
            owner: team
            steps:
              - {id: a, name: First, next: [b]}
              - {id: b, name: Second, next: [c]}
              - {id: c, name: Third, next: [d]}
              - {id: d, name: Fourth, next: [e]}
              - {id: e, name: Fifth, terminal: true}
        """,
    )
    sheets = sheets_as_svg(path, "blueprint", Page.WIDE)
    assert len(sheets) == 2
    cards = [
        [t for t in texts(svg) if t in {"First", "Second", "Third", "Fourth", "Fifth"}]
        for svg in sheets
    ]
    assert cards == [["First", "Second", "Third"], ["Fourth", "Fifth"]]
    for svg in sheets:
        sizes = [float(t.get("font-size", "0")) for t in svg.iter(f"{SVG}text") if t.text]
        assert min(sizes) * scale_of(svg) > MIN_TEXT_PT + 0.5


def test_rows_too_tall_for_one_sheet_are_balanced_over_the_sheets() -> None:
    """Rows that need two sheets are split so that neither holds one short row alone."""
    from journeyctl.render.canvas import Band
    from journeyctl.render.sheet_rows import group_rows

    bands = [Band(0, 50, 100, repeat=True)] + [
        Band(50 + 100 * i, 150 + 100 * i, 100) for i in range(5)
    ]
    heights = {index: band.bottom - band.top for index, band in enumerate(bands)}
    groups = group_rows(bands, [1, 2, 3, 4, 5], heights, (460.0, 460.0))
    assert groups == [(0, 1, 2, 3), (0, 4, 5)]  # not (0, 1, 2, 3, 4) and (0, 5)


def test_columns_are_cut_for_the_fewest_sheets_then_at_stages_then_evenly() -> None:
    from journeyctl.render.sheet_columns import column_ranges

    def columns(count: int) -> list[tuple[float, float]]:
        return [(100.0 * n, 100.0 * n + 100) for n in range(count)]  # four fit on a sheet

    def one(first: int, last: int) -> int:
        return 1

    assert column_ranges(columns(7), set(), 450, 600, one) == [(0, 3), (4, 6)]  # filled
    assert column_ranges(columns(7), {2}, 450, 600, one) == [(0, 2), (3, 6)]  # at the stage
    assert column_ranges(columns(6), set(), 450, 600, one) == [(0, 2), (3, 5)]  # not 4 + 2
    # a range holding columns 3 and 4 takes two sheets (its rows are taller): avoid it
    taller = lambda first, last: 2 if first <= 3 and last >= 4 else 1  # noqa: E731
    assert column_ranges(columns(6), set(), 450, 600, taller) == [(0, 3), (4, 5)]

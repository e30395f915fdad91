"""`journeyctl render`: what a user sees in the pictures, the Mermaid text and on the CLI."""

from __future__ import annotations

import re
import shutil
import stat
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from journeyctl.core.graph import StepGraph
from journeyctl.core.model import Flow, Step
from journeyctl.core.paths import paths_of
from journeyctl.core.validation import validate_document
from journeyctl.render import Format, View, source
from journeyctl.render.marks import Marks, lint_marks
from journeyctl.render.output import find_dot, run_dot
from journeyctl.render.style import EMOTION_FILL, EMOTION_INK
from journeyctl.render.text import clean, html, quoted, text_width, wrap
from tests.helpers import run, write

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CURRENT = EXAMPLES / "journeys" / "b2b-onboarding.current.yaml"
OPTIMIZED = EXAMPLES / "journeys" / "b2b-onboarding.optimized.yaml"
WORKFLOW = EXAMPLES / "workflows" / "lead-to-customer.yaml"
EXAMPLE_FILES = [CURRENT, OPTIMIZED, WORKFLOW]
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
HOSTILE = "<script>&\"'\\"
"""A step named `<script>&"'\\` must show as exactly that text."""

needs_dot = pytest.mark.skipif(
    shutil.which("dot") is None,
    reason="Graphviz's dot is not installed (CI installs it: scripts/bootstrap.sh)",
)


def load(path: Path) -> Flow:
    from journeyctl.workspace.load import read_yaml

    doc = validate_document(read_yaml(path).data)
    assert isinstance(doc, Flow)
    return doc


def svg_of(doc: Flow, view: View, marks: Marks | None = None) -> ET.Element:
    drawn = run_dot(source(doc, view, Format.DOT, marks), Format.SVG, find_dot())
    return ET.fromstring(drawn.data)


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def groups(root: ET.Element, css: str) -> list[ET.Element]:
    """The <g> elements that have a class."""
    return [g for g in root.iter(f"{SVG}g") if css in classes(g)]


def text_of(element: ET.Element) -> str:
    """All text drawn inside an element, lines joined by spaces."""
    return " ".join(t.text or "" for t in element.iter(f"{SVG}text"))


def fills(element: ET.Element) -> list[str]:
    return [
        shape.get("fill", "")
        for shape in element.iter()
        if shape.tag in (f"{SVG}path", f"{SVG}polygon", f"{SVG}ellipse")
    ]


def hostile_journey(directory: Path) -> Path:
    """A journey whose every text field is hostile to DOT, HTML-like labels and Mermaid."""
    return write(
        directory,
        "hostile.yaml",
        """\
        journeyctl: 1
        kind: journey
        id: hostile
        title: 'Title <b>bold</b> & "quotes" \\N ; # : %% end'
        description: 'line one
          line two <br/>'
        stages:
          - id: s1
            name: '<script>&"''\\'
            owner: team
            goal: '</TD></TR></TABLE>> ]; evil [label="x'
            metrics:
              - {name: '<m>', target: 1, actual: 0}
            steps:
              - id: a
                name: '<script>&"''\\'
                owner: team
                channel: web
                touchpoint: '<img src=x onerror=alert(1)>'
                thoughts: 'He said "no" & left\\n'
                emotion: -2
                pain_points: ['<b>pain</b> & more']
                opportunities: [{text: 'fix </FONT> it', priority: high, owner: team}]
              - id: b
                name: "section title: #1; \\u00e9\\u00fc\\u65e5\\u672c \\U0001F600 \\x01"
                owner: team
                emotion: 2
                terminal: true
        """,
    )


# --------------------------------------------------------------------------------------
# Text safety
# --------------------------------------------------------------------------------------


def test_html_escapes_every_markup_character() -> None:
    # Graphviz shows \\ in an HTML-like label as one backslash (a single one could start \G)
    assert html(HOSTILE) == "&lt;script&gt;&amp;&quot;&#39;\\\\"
    assert html("a\nb\t c") == "a b c"


def test_quoted_strings_keep_user_text_literal_for_graphviz() -> None:
    # A backslash would start an escString sequence such as \N (the node name).
    assert quoted('say "\\N"\n') == '"say \\"\\\\N\\""'


def test_clean_drops_control_characters_and_lone_surrogates() -> None:
    assert clean("a\x00b\x1b[31mc\ud800d\u2028e") == "ab[31mcde"


def test_wrap_keeps_every_line_within_the_width_and_splits_long_words() -> None:
    text = "Pseudopseudohypoparathyroidism appears in https://example.com/" + "x" * 80
    lines = wrap(text, 100, 9)
    assert all(text_width(line, 9) <= 100 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_wrap_ends_in_an_ellipsis_when_lines_run_out() -> None:
    lines = wrap("one two three four five six seven eight nine ten", 40, 10, max_lines=2)
    assert len(lines) == 2
    assert lines[-1].endswith("…")


# --------------------------------------------------------------------------------------
# DOT: every view of every example is valid, and lays out without a warning
# --------------------------------------------------------------------------------------


@needs_dot
@pytest.mark.parametrize("view", list(View))
@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_dot_accepts_every_view_of_every_example_without_warnings(path: Path, view: View) -> None:
    doc = load(path)
    marks = lint_marks([path]).get(path.resolve(), Marks())
    for found in (Marks(), marks):
        drawn = run_dot(source(doc, view, Format.DOT, found), Format.SVG, find_dot())
        # No "table size too small for content" (clipped text) and no fallback to straight
        # edges because shapes touch: the layout this package computes is what is drawn.
        assert drawn.warnings == ""
        ET.fromstring(drawn.data)


@needs_dot
@pytest.mark.parametrize("view", list(View))
def test_hostile_text_is_shown_as_text_never_as_markup(tmp_path: Path, view: View) -> None:
    doc = load(hostile_journey(tmp_path))
    drawn = run_dot(source(doc, view, Format.DOT), Format.SVG, find_dot())
    assert drawn.warnings == ""
    root = ET.fromstring(drawn.data)  # well-formed XML
    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert tags <= {"svg", "g", "title", "text", "path", "polygon", "ellipse", "a", "polyline"}
    shown = text_of(root)
    assert HOSTILE in shown
    assert "é" in shown
    assert "日本" in shown
    assert "\x01" not in drawn.data.decode()


def test_hostile_text_in_dot_source_stays_inside_its_labels(tmp_path: Path) -> None:
    doc = load(hostile_journey(tmp_path))
    for view in View:
        dot = source(doc, view, Format.DOT)
        # in HTML-like labels as entities; in quoted strings (tooltips) with \" and \\
        assert "&lt;script&gt;&amp;&quot;&#39;\\" in dot
        assert dot.count("<script>") == dot.count("<script>&amp;\\\"'\\\\")
        assert 'evil [label="x' not in dot


def test_rendering_is_deterministic() -> None:
    doc = load(CURRENT)
    for view in View:
        assert source(doc, view, Format.DOT) == source(load(CURRENT), view, Format.DOT)


# --------------------------------------------------------------------------------------
# What the pictures show
# --------------------------------------------------------------------------------------


@needs_dot
def test_flow_view_has_a_cluster_per_stage_and_every_step_filled_by_emotion() -> None:
    doc = load(CURRENT)
    root = svg_of(doc, View.FLOW)
    clusters = {g.get("id"): g for g in groups(root, "stage")}
    assert list(clusters) == [f"stage-{stage.id}" for stage in doc.stages]
    for stage in doc.stages:
        assert stage.name in text_of(clusters[f"stage-{stage.id}"])
    steps = {g.get("id"): g for g in groups(root, "step")}
    for stage in doc.stages:
        for step in stage.steps:
            node = steps[f"step-{step.id}"]
            assert " ".join(text_of(node).split()).startswith(step.name.split()[0])
            assert step.name.replace(" ", "") in text_of(node).replace(" ", "")
            expected = "#ffffff" if step.emotion is None else EMOTION_FILL[step.emotion]
            assert fills(node)[0] == expected
            owner = step.owner or stage.owner
            assert (owner or "none") in text_of(node)
    assert "ends here" in text_of(steps["step-renews"])
    # `next` branches: explores-admin-console leads to two steps
    edges = [text_of(g) for g in groups(root, "edge")]
    assert edges is not None
    assert len(groups(root, "branch")) >= 2
    assert len(groups(root, "start")) == 1


@needs_dot
def test_flow_view_with_lint_marks_the_steps_and_stages_lint_reports() -> None:
    doc = load(CURRENT)
    root = svg_of(doc, View.FLOW, lint_marks([CURRENT])[CURRENT.resolve()])
    marked = {g.get("id"): text_of(g) for g in groups(root, "lint")}
    assert "dead-end" in marked["step-trial-lapses"]
    assert "unowned-step" in marked["step-imports-data"]
    assert "unmeasured-stage" in marked["stage-consideration"]
    assert "step-books-demo" not in marked
    plain = svg_of(doc, View.FLOW)
    assert groups(plain, "lint") == []


@needs_dot
def test_map_view_is_a_grid_with_the_rows_of_a_journey_map_and_an_emotion_curve() -> None:
    doc = load(CURRENT)
    root = svg_of(doc, View.MAP)
    headings = [text_of(g) for g in groups(root, "heading")]
    assert headings == [
        "Stage",
        "Steps",
        "Touchpoints",
        "Owner",
        "Thoughts",
        "Emotion",
        "Pain points",
        "Opportunities",
        "Evidence",
        "Alternative paths",
        "Metrics",
    ]
    stages = groups(root, "stage")
    assert [g.get("id") for g in stages] == [f"stage-{s.id}" for s in doc.stages]
    # the stage columns read left to right
    lefts = [min(_xs(g)) for g in stages]
    assert lefts == sorted(lefts)
    # one point per step with an emotion; along the main path left to right, higher when happier
    every = [step for stage in doc.stages for step in stage.steps if step.emotion is not None]
    assert len(groups(root, "emotion-point")) == len(every)
    points = [g for g in groups(root, "emotion-point") if "alternative" not in classes(g)]
    main = paths_of(StepGraph(doc)).main
    felt = [step for key in main if (step := _step(doc, key)).emotion is not None]
    assert len(points) == len(felt) < len(every)
    centres = [_centre(point) for point in points]
    assert [x for x, _ in centres] == sorted(x for x, _ in centres)
    for (_, y), (_, y_next), step, after in zip(centres, centres[1:], felt, felt[1:], strict=False):
        assert step.emotion is not None and after.emotion is not None
        assert (y_next < y) == (after.emotion > step.emotion)
    for point, step in zip(points, felt, strict=True):
        assert step.emotion is not None
        assert fills(point)[0] == EMOTION_INK[step.emotion]
    assert len(groups(root, "main-path")) == len(felt) - 1
    # metrics say target against actual
    metrics = " ".join(text_of(g) for g in groups(root, "row-metrics"))
    assert "actual 0.031 · target 0.05 ratio" in metrics
    assert "✗" in metrics and "✓" in metrics


@needs_dot
def test_map_view_wraps_long_text_instead_of_clipping_it(tmp_path: Path) -> None:
    long = "word " * 60
    path = write(
        tmp_path,
        "long.yaml",
        f"""\
        journeyctl: 1
        kind: journey
        id: long
        title: Long
        stages:
          - id: s
            name: S
            steps:
              - {{id: a, name: "{long}", thoughts: "{long}", emotion: 0}}
        """,
    )
    drawn = run_dot(source(load(path), View.MAP, Format.DOT), Format.SVG, find_dot())
    assert drawn.warnings == ""  # Graphviz says so when a cell is too small for its text
    shown = text_of(ET.fromstring(drawn.data))
    assert shown.count("word") >= 60


@needs_dot
def test_blueprint_puts_each_step_in_its_lane_between_the_lines() -> None:
    doc = load(CURRENT)
    root = svg_of(doc, View.BLUEPRINT)
    lanes = groups(root, "lane")
    assert [sorted(classes(g) - {"cluster", "lane"}) for g in lanes] == [
        ["lane-customer"],
        ["lane-frontstage"],
        ["lane-backstage"],
        ["lane-support"],
    ]
    bands = [(min(_ys(g)), max(_ys(g))) for g in lanes]
    assert all(top < bottom for top, bottom in bands)
    assert [top for top, _ in bands] == sorted(top for top, _ in bands)
    expected_lane = {
        "sees-peer-post": 0,
        "gets-welcome-email": 1,
        "lead-scored": 2,
        "provisions-subscription": 3,
        "kickoff-call": 1,
        "sets-up-sso": 0,
    }
    cards = {g.get("id"): g for g in groups(root, "step")}
    for step_id, lane in expected_lane.items():
        _, y = _centre(cards[f"step-{step_id}"])
        top, bottom = bands[lane]
        assert top < y < bottom, step_id
    shown = text_of(root)
    for line in ("line of interaction", "line of visibility", "line of internal interaction"):
        assert line in shown


def _step(doc: Flow, step_id: str) -> Step:
    return next(step for stage in doc.stages for step in stage.steps if step.id == step_id)


def _xs(element: ET.Element) -> list[float]:
    return [x for x, _ in _coordinates(element)]


def _ys(element: ET.Element) -> list[float]:
    return [y for _, y in _coordinates(element)]


def _coordinates(element: ET.Element) -> Iterator[tuple[float, float]]:
    for shape in element.iter():
        if shape.tag == f"{SVG}polygon":
            for pair in (shape.get("points") or "").split():
                x, y = pair.split(",")
                yield float(x), float(y)
        elif shape.tag == f"{SVG}ellipse":
            yield float(shape.get("cx", 0)), float(shape.get("cy", 0))
        elif shape.tag == f"{SVG}path":
            numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", shape.get("d", ""))]
            yield from zip(numbers[::2], numbers[1::2], strict=False)


def _centre(element: ET.Element) -> tuple[float, float]:
    xs, ys = _xs(element), _ys(element)
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


# --------------------------------------------------------------------------------------
# Mermaid
# --------------------------------------------------------------------------------------


def test_mermaid_journey_has_a_section_per_stage_and_scores_from_emotion() -> None:
    doc = load(CURRENT)
    lines = source(doc, View.MAP, Format.MMD).splitlines()
    assert lines[0] == "journey"
    assert lines[1].startswith("    %% not shown (no emotion recorded): lead-scored,")
    assert lines[2] == "    title B2B SaaS - from first visit to renewal"
    sections = [line.removeprefix("    section ") for line in lines if "section " in line]
    assert sections == [
        *(stage.name for stage in doc.stages),
        "Alternative\ua789 Trial lapses without contact",
        "Alternative\ua789 Renewal risk is flagged",
    ]
    tasks = [line for line in lines[3:] if not line.startswith("    section ")]
    for task in tasks:
        assert re.fullmatch(r" {8}[^:#;]+: [1-5](: [a-z0-9-]+)?", task), task
    assert "        Sees a peer's LinkedIn post: 3: marketing" in lines
    assert "        Trial lapses without contact: 1: sales" in lines
    assert "        Demo call with an account executive: 5: sales" in lines
    assert "        Imports existing data: 1" in lines  # no owner, no actor


def test_mermaid_escapes_what_it_would_misread(tmp_path: Path) -> None:
    doc = load(hostile_journey(tmp_path))
    lines = source(doc, View.MAP, Format.MMD).splitlines()
    assert lines[1].startswith('    title Title \uff1cb\uff1ebold\uff1c/b\uff1e \uff06 "quotes"')
    assert "\uff03" in lines[1] and "\ua789" in lines[1] and "\uff1b" in lines[1]
    assert lines[2] == "    section \uff1cscript\uff1e\uff06\"'\\"
    # a task that starts with a keyword is not read as that keyword
    assert lines[4].startswith("        \u200bsection title\ua789 \uff031\uff1b éü日本")
    assert lines[4].endswith(": 5: team")
    assert_journey_lexes("\n".join(lines))


def assert_journey_lexes(text: str) -> None:
    """Every line of a Mermaid journey as Mermaid's lexer reads it (its jison rules): a title
    or section name ends at `#`, `:` or `;` (`#` starts a comment, `%%` too), a task is a name
    without them, `: SCORE` and `: actors`; nothing is cut short or misread."""
    lines = text.splitlines()
    assert lines[0] == "journey"
    for line in lines[1:]:
        body = line.strip()
        if body.startswith("%%"):
            continue
        assert "%%" not in body, line
        if body.startswith("title "):
            assert re.fullmatch(r"title [^#\n;]+", body), line
        elif re.match(r"(?i)section\s", body):
            assert re.fullmatch(r"section [^#:\n;]+", body), line
        else:
            assert not re.match(r"(?i)(title|section|journey|accTitle|accDescr)\b", body), line
            assert re.fullmatch(r"[^#:\n;]+: [1-5](: [^#\n;]+)?", body), line


def test_mermaid_flowchart_has_subgraphs_nodes_and_edges() -> None:
    doc = load(CURRENT)
    lines = source(doc, View.FLOW, Format.MMD).splitlines()
    assert lines[0] == "flowchart LR"
    opened = [line.strip() for line in lines if line.strip().startswith("subgraph ")]
    assert opened == [f'subgraph st{i}["{s.name}"]' for i, s in enumerate(doc.stages)]
    assert sum(1 for line in lines if line.strip() == "end") == len(doc.stages)
    nodes = [line.strip() for line in lines if re.match(r"\s+n\d+\[", line)]
    assert len(nodes) == sum(len(stage.steps) for stage in doc.stages)
    assert nodes[0] == (
        "n0[\"<b>Sees a peer's LinkedIn post</b><br>owner marketing<br>social · LinkedIn "
        'post from a peer at<br>another company"]'
    )
    edges = [line.strip() for line in lines if re.fullmatch(r"\s+n\d+ [-=.]+> n\d+", line)]
    assert "n0 --> n1" in edges
    assert "n6 ==> n8" in edges and "n6 ==> n7" in edges  # the branch
    assert not any(edge.startswith("n7 ") for edge in edges)  # trial-lapses: next: []
    assert '    start(("start")) --> n0' in lines
    assert "    class n7,n20,n24 emotionN2" in lines


def test_mermaid_has_no_blueprint() -> None:
    result = run("render", str(CURRENT), "--view", "blueprint", "-f", "mmd")
    assert result.exit_code == 2
    assert "Mermaid has no service-blueprint diagram" in result.stderr


# --------------------------------------------------------------------------------------
# The command line
# --------------------------------------------------------------------------------------


def test_without_output_prints_dot_to_stdout() -> None:
    result = run("render", str(CURRENT))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith('digraph "b2b-onboarding" {')
    assert result.stdout == source(load(CURRENT), View.FLOW, Format.DOT)


def test_binary_formats_are_refused_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from journeyctl.core.errors import UsageError
    from journeyctl.render.plan import make_plan

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    with pytest.raises(UsageError, match="refusing to write PNG to a terminal"):
        make_plan(CURRENT, None, None, Format.PNG)
    assert make_plan(CURRENT, None, None, Format.SVG).output_format is Format.SVG


def test_dot_and_mermaid_need_no_graphviz(tmp_path: Path) -> None:
    env = {"JOURNEYCTL_DOT": str(tmp_path / "no-such-dot"), "GITHUB_ACTIONS": ""}
    for name in ("x.dot", "x.mmd"):
        result = run("render", str(CURRENT), "-o", str(tmp_path / name), env=env)
        assert result.exit_code == 0, result.stderr
        assert (tmp_path / name).read_text(encoding="utf-8").strip()


def test_missing_graphviz_is_one_line_on_how_to_install_it(tmp_path: Path) -> None:
    env = {"JOURNEYCTL_DOT": str(tmp_path / "no-such-dot"), "GITHUB_ACTIONS": ""}
    result = run("render", str(CURRENT), "-o", str(tmp_path / "x.svg"), env=env)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "install Graphviz" in lines[0] and "apt-get install" in lines[0]
    assert not (tmp_path / "x.svg").exists()


@needs_dot
def test_a_failing_graphviz_leaves_the_old_file_alone(tmp_path: Path) -> None:
    fake = tmp_path / "dot"
    fake.write_text("#!/bin/sh\necho 'Error: something broke' >&2\nexit 1\n", encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    target = tmp_path / "x.svg"
    target.write_text("old", encoding="utf-8")
    result = run("render", str(CURRENT), "-o", str(target), env={"JOURNEYCTL_DOT": str(fake)})
    assert result.exit_code == 2
    assert "Graphviz failed to draw the svg: Error: something broke" in result.stderr
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dot", "x.svg"]


@needs_dot
@pytest.mark.parametrize(
    ("name", "magic"), [("x.svg", b"<?xml"), ("x.png", b"\x89PNG"), ("x.pdf", b"%PDF")]
)
def test_the_suffix_gives_the_format(tmp_path: Path, name: str, magic: bytes) -> None:
    result = run("render", str(CURRENT), "-o", str(tmp_path / "sub" / name), "--view", "map")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "sub" / name).read_bytes().startswith(magic)
    assert f"wrote {tmp_path / 'sub' / name} (map view)" in result.stderr


@needs_dot
def test_an_existing_output_is_replaced_atomically_with_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "x.svg"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    result = run("render", str(CURRENT), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes().startswith(b"<?xml")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["x.svg"]  # no temporary file left


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "{input}", "-f", "dot"], "is an input file: refusing to overwrite it"),
        (["-o", "x.svg", "-f", "png"], "x.svg looks like svg but --format says png"),
        (["-o", "x.jpg"], "cannot tell the format from '.jpg'"),
        (["-o", "x.svg", "--view", "flow", "--view", "map"], "one output holds one view"),
    ],
)
def test_options_that_do_not_fit_are_usage_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    journey = tmp_path / "j.yaml"
    journey.write_bytes(CURRENT.read_bytes())
    before = journey.read_bytes()
    result = run("render", str(journey), *[a.replace("{input}", str(journey)) for a in args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert journey.read_bytes() == before


def test_a_named_file_that_does_not_load_is_one_error_line_with_its_position(
    tmp_path: Path,
) -> None:
    bad = write(tmp_path, "bad.yaml", "journeyctl: 1\nkind: journey\nid: x\ntitle: [\n")
    result = run("render", str(bad))
    assert result.exit_code == 2
    assert re.fullmatch(rf"journeyctl: {re.escape(str(bad))}:\d+:\d+: .+\n", result.stderr)
    invalid = write(
        tmp_path,
        "invalid.yaml",
        "journeyctl: 1\nkind: journey\nid: x\ntitle: X\nstages:\n  - id: s\n    nme: S\n",
    )
    result = run("render", str(invalid))
    assert result.exit_code == 2
    assert f"{invalid}:6:5: missing required key 'name' (and 1 more;" in result.stderr


def test_personas_and_directories_without_output_are_usage_errors() -> None:
    persona = EXAMPLES / "personas" / "it-admin.yaml"
    result = run("render", str(persona))
    assert result.exit_code == 2
    assert "a persona has no steps to draw" in result.stderr
    result = run("render", str(EXAMPLES))
    assert result.exit_code == 2
    assert "name a folder to write the diagrams into with -o DIR" in result.stderr
    result = run("render", "no-such-file.yaml")
    assert result.exit_code == 2
    assert "no-such-file.yaml: no such file or directory" in result.stderr


@needs_dot
def test_a_directory_renders_every_journey_and_workflow_in_every_view(tmp_path: Path) -> None:
    out = tmp_path / "render"
    result = run("render", str(EXAMPLES), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{doc}.{view}.svg"
        for doc in (
            "b2b-onboarding.current",
            "b2b-onboarding.optimized",
            "lead-to-customer.current",
        )
        for view in ("flow", "map", "blueprint")
    )
    assert "wrote 9 files (3 documents; flow, map, blueprint)" in result.stderr
    for svg in out.iterdir():
        ET.fromstring(svg.read_bytes())


def test_a_directory_render_skips_bad_files_with_a_warning(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(EXAMPLES, project)
    write(project, "journeys/broken.yaml", "journeyctl: 1\nkind: journey\nid: [\n")
    write(project, "ci.yaml", "on: [push]\n")  # not a journeyctl file: silently ignored
    out = tmp_path / "out"
    result = run("render", str(project), "-o", str(out), "-f", "mmd")
    assert result.exit_code == 0, result.stderr
    assert re.search(r"warning: .*broken\.yaml:4:1: .* \(skipped\)\n", result.stderr)
    assert "ci.yaml" not in result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "b2b-onboarding.current.flow.mmd",
        "b2b-onboarding.current.map.mmd",
        "b2b-onboarding.optimized.flow.mmd",
        "b2b-onboarding.optimized.map.mmd",
        "lead-to-customer.current.flow.mmd",
        "lead-to-customer.current.map.mmd",
    ]


def test_one_file_into_a_folder_and_chosen_views(tmp_path: Path) -> None:
    out = tmp_path / "diagrams"
    result = run("render", str(WORKFLOW), "-o", str(out), "-f", "dot", "--view", "blueprint")
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in out.iterdir()] == ["lead-to-customer.current.blueprint.dot"]


def test_duplicate_documents_in_a_directory_are_drawn_once(tmp_path: Path) -> None:
    project = tmp_path / "p"
    project.mkdir()
    (project / "a.yaml").write_bytes(WORKFLOW.read_bytes())
    (project / "b.yaml").write_bytes(WORKFLOW.read_bytes())
    result = run("render", str(project), "-o", str(tmp_path / "out"), "-f", "dot")
    assert result.exit_code == 0
    assert "is also in" in result.stderr and "duplicate-id" in result.stderr
    assert len(list((tmp_path / "out").iterdir())) == 3


def test_no_progress_bar_when_stderr_is_not_a_terminal() -> None:
    from contextlib import nullcontext

    from journeyctl.cli.render import _progress

    assert isinstance(_progress(100), nullcontext)


@needs_dot
def test_unicode_is_drawn(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "u.yaml",
        """\
        journeyctl: 1
        kind: journey
        id: unicode
        title: Überprüfung der Reise
        stages:
          - id: s
            name: 日本語のステージ
            steps:
              - {id: a, name: "Café ☕ — naïve «quotes»", emotion: 1}
        """,
    )
    for view in View:
        shown = text_of(svg_of(load(path), view))
        assert "Überprüfung der Reise" in shown
        assert "日本語のステージ" in shown
        assert "Café ☕ — naïve «quotes»" in shown


@needs_dot
def test_stages_read_left_to_right_in_every_view_even_when_empty(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "gaps.yaml",
        """\
        journeyctl: 1
        kind: journey
        id: gaps
        title: Gaps
        stages:
          - {id: first, name: First}
          - id: middle
            name: Middle
            steps:
              - {id: a, name: A, next: [b, nowhere]}
              - {id: a, name: Same id}
              - {id: b, name: B, next: [a]}
          - {id: last, name: Last, steps: []}
        """,
    )
    doc = load(path)
    for view in View:
        root = svg_of(doc, view)
        stages = groups(root, "stage")
        assert [g.get("id") for g in stages] == ["stage-first", "stage-middle", "stage-last"]
        lefts = [min(_xs(g)) for g in stages]
        assert lefts == sorted(lefts), view
    shown = text_of(svg_of(doc, View.MAP))
    assert shown.count("no steps") == 2


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda path: path.stem)
def test_mermaid_journey_of_every_example_lexes_as_mermaid_reads_it(path: Path) -> None:
    assert_journey_lexes(source(load(path), View.MAP, Format.MMD))

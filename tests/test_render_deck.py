"""`render --view deck` and the persona card: pages in order, page sizes, the cover's numbers,
the pain-point pages, the persona found in the project (or not), hostile text."""

from __future__ import annotations

import io
import math
import shutil
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PageObject, PdfReader

from journeyctl.core.model import Flow
from journeyctl.core.validation import validate_document
from journeyctl.render import Format, View, source
from journeyctl.render.deck import VIEWS, on_pages, view_pages
from journeyctl.render.deck_cover import cover_source
from journeyctl.render.deck_facts import key_numbers
from journeyctl.render.deck_pains import pains_sources
from journeyctl.render.deck_sample import PAGES, sample_page
from journeyctl.render.marks import Marks
from journeyctl.render.output import run_dot
from journeyctl.render.pages import MIN_TEXT_PT, Page
from journeyctl.render.persona import NOT_FOUND, PersonaFinder, PersonaRef
from journeyctl.workspace.load import read_yaml
from tests.helpers import run, write
from tests.test_render import hostile_journey

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz's dot")

JOURNEY = """\
    journeyctl: 1
    kind: journey
    id: buying
    title: Buying a plan
    persona: {persona}
    owner: growth
    reviewed: 2026-10-01
    stages:
      - id: discover
        name: Discover
        owner: team-a
        steps:
          - id: finds-us
            name: Finds us
            emotion: 1
            pain_points: [Pricing is hidden]
            opportunities:
              - {{text: Show the price, owner: team-a, priority: high, due: 2027-01-15}}
          - id: compares
            name: Compares plans
            emotion: -1
            pain_points: [The table is too long]
      - id: buy
        name: Buy
        opportunities:
          - {{text: One-page checkout, owner: team-b, priority: medium}}
        steps:
          - id: pays
            name: Pays the invoice
            owner: team-b
            emotion: -2
            pain_points: [Card declined without a reason]
          - id: waits
            name: Waits for access
            emotion: 0
          - id: gets-in
            name: Gets in at last
            emotion: -2
            terminal: true
"""
PERSONA = """\
    journeyctl: 1
    kind: persona
    id: pat
    name: {name}
    role: Buyer at a small agency
    goals: [{goal}, Pay by invoice]
    quote: {quote}
"""


def _text(page: PageObject) -> str:
    """A page's text as written: ligatures the font drew (the "fi" of DejaVu) taken apart."""
    return unicodedata.normalize("NFKC", page.extract_text())


def project(tmp_path: Path, persona: str = "pat", **persona_text: str) -> Path:
    """A project: settings at the root, the persona in one folder, the journey in another."""
    write(tmp_path, "journeyctl.yaml", "journeyctl: 1\n")
    text = {"name": "Pat the buyer", "goal": "Buy in one sitting", "quote": "Just tell me"}
    text |= persona_text
    write(tmp_path, "personas/pat.yaml", PERSONA.format(**text))
    return write(tmp_path, "journeys/buying.yaml", JOURNEY.format(persona=persona))


def load(path: Path) -> Flow:
    doc = validate_document(read_yaml(path).data)
    assert isinstance(doc, Flow)
    return doc


def pages_of(path: Path) -> list[PageObject]:
    return list(PdfReader(path).pages)


def text_sizes(page: PageObject) -> list[float]:
    """The size of every piece of text on a page, in points at the page's size."""
    sizes: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], _: object, size: float) -> None:
        if text.strip():
            a, b = tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]
            c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
            sizes.append(size * math.sqrt(abs(a * d - b * c)))

    page.extract_text(visitor_text=visit)
    return sizes


def kind_of(text: str) -> str:
    """Which page of the deck this is, from what it says."""
    if "line of visibility" in text or "line of interaction" in text:
        return "blueprint"
    if "Touchpoints" in text or "\nSteps " in text:
        return "map"
    if "can end here" in text:
        return "flow"
    return "?"


def test_key_numbers_count_steps_unowned_addressed_pains_and_the_lowest_moment(
    tmp_path: Path,
) -> None:
    numbers = key_numbers(load(project(tmp_path)))
    assert (numbers.steps, numbers.unowned, numbers.pains, numbers.addressed) == (5, 2, 3, 2)
    assert numbers.lowest is not None
    assert numbers.lowest[0].id == "pays"  # the first of the two at -2


@needs_dot
def test_deck_pages_in_order_every_page_the_page_size(tmp_path: Path) -> None:
    journey = project(tmp_path)
    out = tmp_path / "deck.pdf"
    result = run("render", str(journey), "-o", str(out), "--view", "deck")
    assert result.exit_code == 0, result.output
    pages = pages_of(out)
    assert all((float(p.mediabox.width), float(p.mediabox.height)) == (960, 540) for p in pages)
    doc = load(journey)
    counts = [len(view_pages(doc, view, Marks(), Page.WIDE)) for view in VIEWS]
    assert len(pages) == 1 + sum(counts) + len(pains_sources(doc, Page.WIDE))
    texts = [_text(page) for page in pages]
    cover, *views, pains = texts
    assert "Buying a plan" in cover and "Pat the buyer" in cover
    kinds = [kind_of(text) for text in views]
    assert kinds == sorted(kinds, key=["flow", "map", "blueprint"].index)
    assert set(kinds) == {"flow", "map", "blueprint"}
    assert pains.startswith("Pain points")
    for needle in ("Pricing is hidden", "Show the price", "team-a", "high", "2027-01-15"):
        assert needle in pains


@needs_dot
def test_the_cover_says_owner_review_and_the_key_numbers(tmp_path: Path) -> None:
    journey = project(tmp_path)
    out = tmp_path / "deck.pdf"
    assert run("render", str(journey), "-o", str(out), "--view", "deck").exit_code == 0
    cover = " ".join(_text(pages_of(out)[0]).split())
    assert "Owner: growth" in cover and "Reviewed: 2026-10-01" in cover
    assert "5 steps" in cover
    assert "2 unowned steps" in cover
    assert "2 of 3 pain points addressed" in cover
    assert "\u22122 lowest moment Pays the invoice (Buy)" in cover


LONG = " ".join(["A rather long sentence that goes on"] * 12)


FONTS = Path(__file__).resolve().parent.parent / "docs" / "fonts.conf"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@needs_dot
@pytest.mark.parametrize("fonts", ["system", "dejavu"])
@pytest.mark.parametrize("long", [False, True], ids=["short", "long"])
@pytest.mark.parametrize("page", list(Page))
def test_cover_and_pain_pages_fill_the_page_with_text_no_smaller_than_9pt(
    tmp_path: Path, page: Page, long: bool, fonts: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if fonts == "dejavu":  # the one font docs/images/ is drawn with (docs/fonts.conf)
        if not DEJAVU.is_file():
            pytest.skip("needs DejaVu Sans (scripts/bootstrap.sh installs it)")
        monkeypatch.setenv("FONTCONFIG_FILE", str(FONTS))
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    text = {"name": LONG, "goal": LONG, "quote": LONG} if long else {}
    journey = project(tmp_path, **text)
    doc = load(journey)
    if long:
        doc = doc.model_copy(update={"title": LONG, "description": LONG, "segment": LONG})
    persona = PersonaFinder().for_doc(doc, journey)
    dot = shutil.which("dot")
    assert dot is not None
    drawn = [run_dot(text, Format.PDF, dot) for text in [cover_source(doc, persona, page)]]
    drawn += [run_dot(text, Format.PDF, dot) for text in pains_sources(doc, page)]
    assert [d.warnings for d in drawn] == [""] * len(drawn)  # nothing too small for its box
    for drawn_page in PdfReader(io.BytesIO(on_pages([d.data for d in drawn], page))).pages:
        assert (float(drawn_page.mediabox.width), float(drawn_page.mediabox.height)) == page.size
        assert min(text_sizes(drawn_page)) >= MIN_TEXT_PT


@needs_dot
def test_deck_page_option_sets_every_page(tmp_path: Path) -> None:
    journey = project(tmp_path)
    out = tmp_path / "deck.pdf"
    result = run("render", str(journey), "-o", str(out), "--view", "deck", "--page", "a4")
    assert result.exit_code == 0, result.output
    sizes = {
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages_of(out)
    }
    assert sizes == {(842, 595)}


@needs_dot
def test_long_pain_lists_continue_on_more_pages_under_the_stage_name(tmp_path: Path) -> None:
    steps = "\n".join(
        f"          - {{id: s{i}, name: Step {i}, owner: t, pain_points: [Pain number {i} "
        f"that takes a while to say], terminal: {str(i == 39).lower()}}}"
        for i in range(40)
    )
    journey = write(
        tmp_path,
        "long.yaml",
        "journeyctl: 1\nkind: journey\nid: long\ntitle: Long\nstages:\n"
        "  - id: only\n    name: Only stage\n    steps:\n" + steps + "\n",
    )
    dot = shutil.which("dot")
    assert dot is not None
    sources = pains_sources(load(journey), Page.WIDE)
    assert len(sources) > 1
    drawn = [run_dot(text, Format.PDF, dot) for text in sources]
    assert all(not d.warnings for d in drawn)
    texts = [_text(PdfReader(io.BytesIO(d.data)).pages[0]) for d in drawn]
    assert all("Only stage, continued" in text for text in texts[1:])
    listed = " ".join(" ".join(text.split()) for text in texts)
    assert all(f"Pain number {i} that" in listed for i in range(40))
    assert listed.count("No opportunity yet") == 40


def svg_text(svg: bytes) -> str:
    root = ET.fromstring(svg)
    return " ".join(" ".join("".join(t.itertext()).split()) for t in root.iter() if t.text)


@needs_dot
def test_map_shows_the_persona_card_found_in_the_project(tmp_path: Path) -> None:
    journey = project(tmp_path)
    out = tmp_path / "map.svg"
    result = run("render", str(journey), "-o", str(out), "--view", "map")
    assert result.exit_code == 0, result.output
    text = svg_text(out.read_bytes())
    for needle in ("PERSONA", "Pat the buyer", "Buyer at a small agency", "Buy in one sitting"):
        assert needle in text
    assert "\u201cJust tell me\u201d" in text


@needs_dot
def test_a_persona_that_is_missing_or_invalid_is_named_never_a_crash(tmp_path: Path) -> None:
    journey = project(tmp_path, persona="ghost")
    write(tmp_path, "personas/broken.yaml", "journeyctl: 1\nkind: persona\nid: broken\n")
    result = run("render", str(journey), "-o", str(tmp_path / "map.svg"), "--view", "map")
    assert result.exit_code == 0, result.output
    text = svg_text((tmp_path / "map.svg").read_bytes())
    assert "ghost" in text and NOT_FOUND in text
    broken = PersonaFinder().for_doc(
        load(journey).model_copy(update={"persona": "broken"}), journey
    )
    assert broken is not None and broken.persona is None
    assert broken.problem is not None and "personas/broken.yaml" in broken.problem
    write(tmp_path, "personas/bad.yaml", "journeyctl: 1\nkind: persona\nid: bad\nname: [x\n")
    bad = PersonaFinder().for_doc(load(journey).model_copy(update={"persona": "bad"}), journey)
    assert bad is not None and bad.problem is not None and "personas/bad.yaml:" in bad.problem
    out = tmp_path / "deck.pdf"
    assert run("render", str(journey), "-o", str(out), "--view", "deck").exit_code == 0
    assert NOT_FOUND in _text(pages_of(out)[0])


def test_without_a_settings_file_the_persona_is_found_under_the_files_folder(
    tmp_path: Path,
) -> None:
    journey = project(tmp_path)
    (tmp_path / "journeyctl.yaml").unlink()
    assert PersonaFinder().for_doc(load(journey), journey) == PersonaRef("pat")  # not below
    write(tmp_path, "journeys/people/pat.yaml", PERSONA.format(name="Pat", goal="g", quote="q"))
    found = PersonaFinder().for_doc(load(journey), journey)
    assert found is not None and found.persona is not None and found.persona.name == "Pat"


HOSTILE = '"<b>Al & \\"Bo\\"</b> \\\\N \\u200fcafe\\a"'
"""A YAML double-quoted name with markup, quotes, a Graphviz escape, an RTL mark, a bell."""


@needs_dot
def test_hostile_persona_text_is_shown_as_text(tmp_path: Path) -> None:
    journey = project(
        tmp_path,
        name=HOSTILE,
        goal="'<i>goal</i> \\G'",
        quote="'it''s \"quoted\" & <br/>'",
    )
    doc = load(journey)
    persona = PersonaFinder().for_doc(doc, journey)
    assert persona is not None and persona.persona is not None, persona
    map_dot = source(doc, View.MAP, Format.DOT, None, persona)
    assert "<b>" not in map_dot and "<i>goal" not in map_dot
    dot = shutil.which("dot")
    assert dot is not None
    text = svg_text(run_dot(map_dot, Format.SVG, dot).data)
    assert '<b>Al & "Bo"</b> \\N \u200fcafe' in text
    assert "<i>goal</i> \\G" in text and 'it\'s "quoted" & <br/>' in text
    out = tmp_path / "deck.pdf"
    assert run("render", str(journey), "-o", str(out), "--view", "deck").exit_code == 0
    assert '<b>Al & "Bo"</b>' in _text(pages_of(out)[0])


@pytest.mark.parametrize("args", [["-o", "deck.svg"], ["-o", "deck.mmd"], ["--format", "png"]])
def test_a_deck_is_a_pdf_anything_else_is_one_line_and_exit_2(
    tmp_path: Path, args: list[str]
) -> None:
    journey = project(tmp_path)
    args = [str(tmp_path / a) if a.startswith("deck.") else a for a in args]
    result = run("render", str(journey), "--view", "deck", *args)
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1 and "deck" in message and ".pdf" in message
    assert not list(tmp_path.glob("deck.*"))


@needs_dot
def test_the_deck_never_overwrites_an_input(tmp_path: Path) -> None:
    journey = project(tmp_path)
    persona = tmp_path / "personas" / "pat.yaml"
    before = {path: path.read_bytes() for path in (journey, persona)}
    for target in before:
        result = run("render", str(journey), "-o", str(target), "-f", "pdf", "--view", "deck")
        assert result.exit_code == 2
        assert len(result.stderr.strip().splitlines()) == 1
    assert {path: path.read_bytes() for path in before} == before


@needs_dot
def test_a_folder_gets_one_deck_per_journey_and_no_deck_unless_asked(tmp_path: Path) -> None:
    project(tmp_path)
    out = tmp_path / "out"
    result = run(
        "render", str(tmp_path / "journeys"), "-o", str(out), "--view", "deck", "-f", "pdf"
    )
    assert result.exit_code == 0, result.output
    assert [path.name for path in out.iterdir()] == ["buying.current.deck.pdf"]
    assert "Pat the buyer" in _text(pages_of(out / "buying.current.deck.pdf")[0])
    every = tmp_path / "every"
    assert run("render", str(tmp_path / "journeys"), "-o", str(every), "-f", "pdf").exit_code == 0
    assert sorted(path.name for path in every.iterdir()) == [
        "buying.current.blueprint.pdf",
        "buying.current.flow.pdf",
        "buying.current.map.pdf",
    ]


@needs_dot
def test_a_deck_needs_no_format_into_a_folder_or_on_stdout_and_sits_beside_svg_views(
    tmp_path: Path,
) -> None:
    journey = project(tmp_path)
    out = tmp_path / "out"
    result = run("render", str(tmp_path / "journeys"), "-o", str(out), "--view", "deck")
    assert result.exit_code == 0, result.output
    assert [path.name for path in out.iterdir()] == ["buying.current.deck.pdf"]
    both = tmp_path / "both"
    views = ("--view", "map", "--view", "deck")
    result = run("render", str(tmp_path / "journeys"), "-o", str(both), *views)
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in both.iterdir()) == [
        "buying.current.deck.pdf",
        "buying.current.map.svg",
    ]
    stdout = run("render", str(journey), "--view", "deck")
    assert stdout.exit_code == 0, stdout.stderr
    assert stdout.stdout_bytes.startswith(b"%PDF")
    one_file = run("render", str(journey), "-o", str(tmp_path / "x.svg"), *views)
    assert one_file.exit_code == 2
    assert "deck is one PDF" in one_file.stderr


@needs_dot
def test_hostile_journey_text_on_the_cover_and_pain_pages_is_shown_as_text(
    tmp_path: Path,
) -> None:
    doc = load(hostile_journey(tmp_path))
    dot = shutil.which("dot")
    assert dot is not None
    sources = [cover_source(doc, PersonaRef("<b>who</b>"), Page.WIDE)]
    sources += pains_sources(doc, Page.WIDE)
    drawn = [run_dot(text, Format.PDF, dot) for text in sources]
    assert all(not d.warnings for d in drawn)
    cover, *pains = (_text(PdfReader(io.BytesIO(d.data)).pages[0]) for d in drawn)
    assert 'Title <b>bold</b> & "quotes" \\N' in cover and "<b>who</b>" in cover
    listed = " ".join(pains)
    assert "<b>pain</b> & more" in listed and "fix </FONT> it" in listed
    assert "<script>&\"'\\" in listed


@needs_dot
@pytest.mark.parametrize("fonts", ["system", "dejavu"])
def test_the_map_header_with_a_long_persona_draws_without_warnings(
    tmp_path: Path, fonts: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if fonts == "dejavu":
        if not DEJAVU.is_file():
            pytest.skip("needs DejaVu Sans (scripts/bootstrap.sh installs it)")
        monkeypatch.setenv("FONTCONFIG_FILE", str(FONTS))
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    journey = project(tmp_path, name=LONG, goal=LONG, quote=LONG)
    doc = load(journey).model_copy(update={"title": LONG[:90], "description": LONG})
    persona = PersonaFinder().for_doc(doc, journey)
    dot = shutil.which("dot")
    assert dot is not None
    drawn = run_dot(source(doc, View.MAP, Format.DOT, None, persona), Format.SVG, dot)
    assert drawn.warnings == ""
    assert "PERSONA" in svg_text(drawn.data)


def test_the_deck_pages_in_docs_are_what_journeyctl_draws_today() -> None:
    root = Path(__file__).resolve().parent.parent
    journey = root / "examples" / "journeys" / "b2b-onboarding.current.yaml"
    for page in PAGES:
        committed = root / "docs" / "images" / "deck" / f"b2b-onboarding.current.{page}.dot"
        assert committed.read_text(encoding="utf-8") == sample_page(journey, page), (
            f"{committed} is stale: run bash scripts/render-docs.sh"
        )

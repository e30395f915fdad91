"""The same pictures on every machine: every view names DejaVu Sans (which bootstrap.sh
installs), so fonts a machine has besides (fonts-liberation, fonts-noto-cjk) change nothing;
and lines of CJK or emoji, whose glyphs come from a taller fallback font, do not overlap."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import pytest

from journeyctl.render.text import FONT, tall, text_width
from tests.helpers import run, write

ROOT = Path(__file__).resolve().parent.parent
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
SVG = "{http://www.w3.org/2000/svg}"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")

NAME = "航空券を予約する 🎫 そしてホテルも探す 🏨 家族と一緒に旅行の計画を立てる 👨\u200d👩\u200d👧"
"""A step name that the flow view wraps onto three lines of CJK and emoji."""
KANA_AND_KANJI = {char for char in NAME if "\u3040" <= char <= "\u9fff"}
CJK = f"""\
journeyctl: 1
kind: journey
id: trip
title: 東京への旅 ✈️
state: current
owner: ops
stages:
  - id: plan
    name: 計画 🗺️
    steps:
      - id: books
        name: {NAME}
        layer: frontstage
        thoughts: 本当にこの値段でいいのかな 🤔 もう少し待つべきか 迷っている 😟
        emotion: -1
      - {{id: packs, name: Packs the bag, emotion: 1, layer: frontstage}}
"""


def test_every_view_names_one_font() -> None:
    assert FONT.split(",")[0] == "DejaVu Sans"
    for path in sorted((ROOT / "docs" / "images" / "dot").glob("*.dot")):
        names = set(re.findall(r'fontname="([^"]*)"', path.read_text(encoding="utf-8")))
        assert names == {FONT}, path.name
        assert "FACE=" not in path.read_text(encoding="utf-8")


def test_wide_characters_are_not_underestimated() -> None:
    assert text_width("航空券", 10) >= 30  # 1 em each in Noto Sans CJK
    assert text_width("🎫", 10) >= 12.5  # 1.25 em in Noto Color Emoji
    assert text_width("Щ", 10, bold=True) >= 10.5
    family = "👨\u200d👩\u200d👧"
    assert text_width(family, 10) == 3 * text_width("👨", 10)  # joiners take no room
    assert text_width("✈\ufe0f", 10) == text_width("✈", 10)
    assert tall(NAME) and tall("ホテル") and tall("ok 🎫") and tall("✈\ufe0f")
    assert not any(map(tall, ["Sees an ad", "Ærø · café", "▲ ◆ ⚑ ✓ ✗ ◉ ● → \u2212 …", "Щ"]))


def _texts(svg: bytes) -> list[ET.Element]:
    return list(ET.fromstring(svg).iter(f"{SVG}text"))


@needs_dot
def test_cjk_and_emoji_lines_do_not_overlap(tmp_path: Path) -> None:
    write(tmp_path, "trip.yaml", CJK)
    for view in ("flow", "map", "blueprint"):
        out = tmp_path / f"trip.{view}.svg"
        result = run("render", str(tmp_path / "trip.yaml"), "-o", str(out), "--view", view)
        assert result.exit_code == 0, result.output
        texts = _texts(out.read_bytes())
        assert {t.get("font-family") for t in texts} == {FONT}, view
        columns: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for text in texts:
            if set("".join(text.itertext())) & KANA_AND_KANJI:
                size = float(text.get("font-size", "0"))
                columns[text.get("x", "")].append((float(text.get("y", "0")), size))
        lines = max(columns.values(), key=len)
        if view == "flow":
            assert len(lines) == 3, lines  # the name's three lines
        assert len(lines) >= 2, view
        for (upper, size), (lower, _) in itertools.pairwise(lines):
            assert lower - upper >= 1.2 * size, (view, lines)


def _only_dejavu(tmp_path: Path) -> Path:
    """A fontconfig file that sees only fonts-dejavu-core's DejaVu Sans (the system's other
    settings included), as on a machine where bootstrap.sh installed nothing else."""
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        (fonts / name).symlink_to(DEJAVU / name)
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig><dir>{fonts}</dir><cachedir>{tmp_path / 'cache'}</cachedir>"
        '<include ignore_missing="yes">/etc/fonts/conf.d</include></fontconfig>\n',
        encoding="utf-8",
    )
    return conf


@needs_dot
@pytest.mark.skipif(not (DEJAVU / "DejaVuSans.ttf").is_file(), reason="no fonts-dejavu-core")
def test_the_same_svg_with_only_dejavu_as_with_every_font_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = ROOT / "examples" / "journeys" / "b2b-onboarding.current.yaml"
    drawn = {}
    for label, conf in (("here", os.environ.get("FONTCONFIG_FILE")), ("dejavu", None)):
        if label == "dejavu":
            monkeypatch.setenv("FONTCONFIG_FILE", str(_only_dejavu(tmp_path)))
        elif conf is not None:
            monkeypatch.delenv("FONTCONFIG_FILE")
        out = tmp_path / label
        result = run("render", str(source), "-o", str(out), "--view", "flow", "--view", "map")
        assert result.exit_code == 0, result.output
        drawn[label] = {path.name: path.read_bytes() for path in sorted(out.glob("*.svg"))}
    assert len(drawn["here"]) == 2
    assert drawn["here"] == drawn["dejavu"]


PERSONA = """\
journeyctl: 1
kind: persona
id: yui
name: 佐藤 結衣 🎒 家族旅行を計画する母親 いつも忙しい
role: 会社員 二人の子どもの母 週末に旅行の計画を立てる 📅
goals:
  - 家族全員が楽しめる旅行を 予算内で 手早く予約したい 💴 比較は面倒
quote: 安くて安心できるなら すぐに決めたい 🙂 でも失敗はしたくない
"""


@needs_dot
def test_cjk_and_emoji_lines_of_the_persona_card_do_not_overlap(tmp_path: Path) -> None:
    write(tmp_path, "journeyctl.yaml", "journeyctl: 1\n")
    write(tmp_path, "personas/yui.yaml", PERSONA)
    write(tmp_path, "trip.yaml", CJK.replace("state: current\n", "state: current\npersona: yui\n"))
    out = tmp_path / "trip.svg"
    result = run("render", str(tmp_path / "trip.yaml"), "-o", str(out), "--view", "map")
    assert result.exit_code == 0, result.output
    card = set("結衣会社員二人予算内手早安心失敗")
    rows = sorted(
        (float(text.get("y", "0")), float(text.get("font-size", "0")))
        for text in _texts(out.read_bytes())
        if set("".join(text.itertext())) & card
    )
    assert len(rows) >= 6, rows  # name, role, goal and quote, each on two lines or more
    for (upper, size), (lower, _) in itertools.pairwise(rows):
        assert lower - upper >= 1.2 * size, rows

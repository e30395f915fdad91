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


@needs_dot
@pytest.mark.parametrize("view", ["flow", "map", "blueprint"])
def test_entities_in_user_text_are_drawn_as_written(tmp_path: Path, view: str) -> None:
    written = 'R&amp;D &lt;b&gt; &#38; & "q" <i>'
    text = ESCAPED_JOURNEY.replace(f"name: '{WINDOWS}'", f"name: '{written}'")
    text = text.replace(f"goal: 'Goal {ESCAPES}'", f"goal: 'Goal {written}'")
    path = write(tmp_path, "j.yaml", text)
    result = run("render", str(path), "--view", view, "-o", str(tmp_path / "out.svg"))
    assert result.exit_code == 0, result.output
    texts, tips = _drawn(tmp_path / "out.svg")
    assert written in " ".join(texts), texts  # wrapped over lines
    assert any(f"Goal {written}" in tip for tip in tips), tips
    if view != "map":
        assert any(tip.startswith(f"{written}\n") for tip in tips), tips


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
    flow = run("render", str(path), "--view", "flow", "-f", "mmd")
    assert flow.exit_code == 0, flow.output
    assert "C#58;#92;Network#92;Gateway #92;G" in flow.stdout
    assert "\\" not in flow.stdout
    journey = run("render", str(path), "--view", "map", "-f", "mmd")  # no entity codes there
    assert journey.exit_code == 0, journey.output
    assert "C\ua789\\Network\\Gateway \\G: " in journey.stdout


# --------------------------------------------------------------------------------------
# Hostile file names in every report format: nothing raw reaches a terminal or a CI log
# --------------------------------------------------------------------------------------

UNOWNED = """\
journeyctl: 1
kind: journey
id: {id}
title: Shop
stages:
  - id: buy
    name: Buy
    outcome: Bought
    metrics: [{{name: conversion, target: 0.1}}]
    steps:
      - {{id: looks, name: Looks, outcome: Seen}}
      - {{id: buys, name: Buys, outcome: Paid, terminal: true}}
"""
HOSTILE_NAMES = [
    b"a\n::error file=x::pwned.yaml",
    b"b\r::warning::cr.yaml",
    b"c\x1b[31mred\x07.yaml",
    b"d%0A::error::pct.yaml",
    b"e]]>cdata.yaml",
    b"f<script>&\"'.yaml",
    b"g\\back\\N.yaml",
    b"h[bold]rich[/red.yaml".replace(b"/", b""),
    b"i\xff\xfenot-utf8.yaml",
]


def _hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "repo"
    (folder / ".git").mkdir(parents=True)
    for number, name in enumerate(HOSTILE_NAMES):
        text = UNOWNED.format(id=f"shop{number}")
        descriptor = os.open(os.fsencode(folder) + b"/" + name, os.O_WRONLY | os.O_CREAT)
        os.write(descriptor, text.encode("utf-8"))
        os.close(descriptor)
    # two more journeys with ids of the first and the last: messages that quote their names
    write(folder, "dup.yaml", UNOWNED.format(id="shop0"))
    write(folder, "dup-ff.yaml", UNOWNED.format(id=f"shop{len(HOSTILE_NAMES) - 1}"))
    return folder


def _journeyctl(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "GITHUB_ACTIONS": "true", "PYTHONPATH": os.pathsep.join(sys.path)}
    env.pop("NO_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "journeyctl", *args], cwd=cwd, env=env, capture_output=True
    )


def _assert_no_raw_controls(data: bytes, where: str) -> str:
    text = data.decode("utf-8")  # valid UTF-8 whatever the file names
    for control in ("\r", "\x1b", "\x07", "\x00"):
        assert control not in text, (where, text)
    return text


@pytest.mark.parametrize("fmt", ["text", "github", "junit", "sarif", "json"])
def test_hostile_file_names_never_start_a_line_nor_reach_a_log_raw(
    tmp_path: Path, fmt: str
) -> None:
    folder = _hostile_folder(tmp_path)
    done = _journeyctl("lint", ".", "--format", fmt, cwd=folder)
    assert done.returncode == 1, done.stderr
    stdout = _assert_no_raw_controls(done.stdout, "stdout")
    stderr = _assert_no_raw_controls(done.stderr, "stderr")
    assert all(line.startswith("journeyctl: ") for line in stderr.splitlines()), stderr
    commands = [line for line in stdout.splitlines() if line.startswith(("::", "##["))]
    if fmt == "github":
        # exactly one workflow command per finding, each naming its file escaped
        assert len(commands) == len(stdout.splitlines()) == 2 * len(HOSTILE_NAMES) + 2 * (2 + 2)
        assert any("file=a%0A%3A%3Aerror file=x%3A%3Apwned.yaml," in c for c in commands)
        assert any("file=i\\xff\\xfenot-utf8.yaml," in c for c in commands)
        assert not any("file=x::" in c.split("::", 2)[1] for c in commands)
    else:
        assert commands == [], stdout
    if fmt in ("sarif", "json"):
        data = json.loads(stdout)
        json.dumps(data, ensure_ascii=False).encode("utf-8")  # no lone surrogate anywhere
    if fmt == "sarif":
        uris = {
            location["physicalLocation"]["artifactLocation"]["uri"]
            for result in data["runs"][0]["results"]
            for location in result["locations"]
        }
        assert "i%FF%FEnot-utf8.yaml" in uris
    if fmt == "junit":
        root = ET.fromstring(done.stdout)
        names = [suite.get("name", "") for suite in root.iter("testsuite")]
        assert "a\\x0a::error file=x::pwned.yaml" in names
        assert "i\\xff\\xfenot-utf8.yaml" in names


def test_a_long_name_and_markup_in_user_text_are_shown_as_text(tmp_path: Path) -> None:
    long_name = ("x" * 50 + " ") * 200
    text = UNOWNED.format(id="shop").replace("name: Looks", f"name: '[bold]<b>{long_name}'")
    path = write(tmp_path, "long.yaml", text)
    result = run("lint", str(path))
    assert result.exit_code == 1
    assert "[bold]<b>" in result.stdout
    for view in ("flow", "map", "blueprint"):
        drawn = run("render", str(path), "--view", view, "-f", "dot")
        assert drawn.exit_code == 0, drawn.output
        assert "[bold]&lt;b&gt;" in drawn.stdout  # the label, escaped
        assert view == "map" or '"[bold]<b>xxx' in drawn.stdout  # the tooltip, quoted


@pytest.mark.parametrize(
    "args",
    [
        ["lint", "--format", "x\n::error::pwned\x1b[2J"],
        ["render", ".", "--view", "x\n::error::pwned\x1b[2J"],
        ["lint", "--no-such\n::error::pwned\x1b[2J"],
        ["x\n::error::pwned\x1b[2J"],
        ["schema", "x\n::error::pwned\x1b[2J"],
    ],
    ids=["bad-choice", "bad-view", "unknown-option", "unknown-command", "extra-argument"],
)
def test_usage_errors_quote_what_was_typed_sanitized(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert "pwned" in result.stderr
    assert "\x1b" not in result.stderr
    assert not any(line.startswith("::") for line in result.stderr.splitlines())
    for line in result.stderr.splitlines():
        assert not line.lstrip("│ ").startswith("::error"), result.stderr


# --------------------------------------------------------------------------------------
# Annotation paths are relative to the repository root, from any folder
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "target"),
    [(".", "journeys"), ("journeys", "."), ("journeys/deeper", ".."), ("/", "")],
    ids=["root", "subfolder", "parent", "absolute"],
)
def test_github_annotations_name_files_from_the_repository_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, target: str
) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, "journeys/shop.yaml", UNOWNED.format(id="shop"))
    (tmp_path / "journeys" / "deeper").mkdir()
    if where == "/":
        where, target = "journeys/deeper", str(tmp_path / "journeys")
    monkeypatch.chdir(tmp_path / where)
    result = run("lint", target, "--format", "github")
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert all(line.startswith("::error file=journeys/shop.yaml,line=") for line in lines), lines


# --------------------------------------------------------------------------------------
# What a newcomer trips on: `init DIR`, and what a baseline hid
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("folder", ["journeys/", "journeys", "docs/journeys", "new"])
def test_init_dir_creates_the_project_in_dir_that_lint_dir_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("init", folder)
    assert result.exit_code == 0, result.output
    project = tmp_path / folder
    written = sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file())
    assert not any(name.startswith("journeys/journeys") for name in written), written
    assert not (project / "journeys" / "journeys").exists()
    assert "journeyctl.yaml" in written
    journeys = [name for name in written if name.endswith("first-purchase.yaml")]
    assert journeys == (
        ["first-purchase.yaml"] if project.name == "journeys" else ["journeys/first-purchase.yaml"]
    )
    for name in written:  # every modeline points at a schema that is there
        if name.endswith(".yaml"):
            first = (project / name).read_text(encoding="utf-8").splitlines()[0]
            schema = first.removeprefix("# yaml-language-server: $schema=")
            assert schema != first and (project / name).parent.joinpath(schema).is_file(), name
    linted = run("lint", folder)
    assert linted.exit_code == 0, linted.output
    assert "All checked: 2 files, no findings." in linted.stdout


def _baselined_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "shop.yaml", UNOWNED.format(id="shop"))
    assert run("lint", "shop.yaml", "--write-baseline", "base.json").exit_code == 0


def test_a_baseline_says_how_many_findings_it_hid_in_the_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _baselined_project(tmp_path, monkeypatch)
    result = run("lint", "shop.yaml", "--baseline", "base.json")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        "All checked: 1 file, no findings; 2 findings hidden by the baseline."
    )
    assert "2 findings recorded in base.json are not shown" in result.stderr
    as_json = run("lint", "shop.yaml", "--baseline", "base.json", "--format", "json")
    assert json.loads(as_json.stdout)["summary"]["baselined"] == 2
    without = run("lint", "shop.yaml", "--format", "json")
    assert "baselined" not in json.loads(without.stdout)["summary"]
    for fmt in ("github", "sarif", "junit"):  # no summary of their own: stderr says it
        other = run("lint", "shop.yaml", "--baseline", "base.json", "--format", fmt)
        assert "2 findings recorded in base.json are not shown" in other.stderr, fmt


def test_a_baseline_that_hid_nothing_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _baselined_project(tmp_path, monkeypatch)
    write(tmp_path, "other.yaml", UNOWNED.format(id="other"))
    result = run("lint", "other.yaml", "--baseline", "base.json")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == (
        "Found 2 errors in 1 file; 0 findings hidden by the baseline."
    )


def test_a_baseline_records_and_hides_findings_of_a_non_utf8_file_name(tmp_path: Path) -> None:
    folder = tmp_path / "repo"
    folder.mkdir()
    descriptor = os.open(os.fsencode(folder) + b"/i\xff.yaml", os.O_WRONLY | os.O_CREAT)
    os.write(descriptor, UNOWNED.format(id="shop").encode("utf-8"))
    os.close(descriptor)
    recorded = _journeyctl("lint", ".", "--write-baseline", "../base.json", cwd=folder)
    assert recorded.returncode == 0, recorded.stderr
    assert b"recorded 2 findings" in recorded.stderr
    json.loads((tmp_path / "base.json").read_bytes().decode("utf-8"))
    again = _journeyctl("lint", ".", "--baseline", "../base.json", cwd=folder)
    assert again.returncode == 0, again.stderr
    assert b"2 findings recorded in ../base.json are not shown" in again.stderr
    assert again.stdout == b""  # GITHUB_ACTIONS=true: annotations, and none is new


# --------------------------------------------------------------------------------------
# A file in a directory that cannot be read is named, and the run exits 2 (render, lint, fmt)
# --------------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize(
    "args",
    [
        ["render", "journeys", "-o", "out", "-f", "dot"],
        ["render", "journeys", "-o", "out", "-f", "dot", "--lint"],
        ["lint", "journeys"],
        ["fmt", "--check", "journeys"],
        ["fmt", "journeys"],
    ],
    ids=["render", "render-lint", "lint", "fmt-check", "fmt"],
)
def test_an_unreadable_file_in_a_directory_is_named_and_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    good = UNOWNED.format(id="shop").replace("    name: Buy\n", "    name: Buy\n    owner: sales\n")
    write(tmp_path, "journeys/good.yaml", good)
    (tmp_path / "journeys" / "loop-a.yaml").symlink_to("loop-b.yaml")
    (tmp_path / "journeys" / "loop-b.yaml").symlink_to("loop-a.yaml")
    os.mkfifo(tmp_path / "journeys" / "pipe.yaml")
    result = run(*args)
    assert result.exit_code == 2, result.output
    for name in ("loop-a.yaml", "loop-b.yaml", "pipe.yaml"):
        assert any(
            line.startswith("journeyctl: ") and f"{name}: cannot read" in line
            for line in result.stderr.splitlines()
        ), (name, result.stderr)
    assert "internal error" not in result.stderr
    if args[0] == "render":  # the readable file is still drawn
        assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
            f"shop.current.{view}.dot" for view in ("blueprint", "flow", "map")
        ]
        assert "wrote 3 files" in result.stderr


def test_render_into_a_link_loop_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "shop.yaml", UNOWNED.format(id="shop"))
    (tmp_path / "loop-a.dot").symlink_to("loop-b.dot")
    (tmp_path / "loop-b.dot").symlink_to("loop-a.dot")
    result = run("render", "shop.yaml", "-f", "dot", "-o", "loop-a.dot")
    assert result.exit_code == 2
    assert result.stderr.startswith("journeyctl: loop-a.dot: ")
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert (tmp_path / "loop-a.dot").is_symlink()


# --------------------------------------------------------------------------------------
# No command writes over an input, a journeyctl file (settings in pyproject.toml included),
# a directory, a device, or a link to one of these
# --------------------------------------------------------------------------------------

SHOP = UNOWNED.format(id="shop").replace("    name: Buy\n", "    name: Buy\n    owner: sales\n")
WRITERS = {
    "lint": ["lint", "old.yaml", "-o", "T"],
    "baseline": ["lint", "old.yaml", "--write-baseline", "T"],
    "diff": ["diff", "old.yaml", "new.yaml", "-o", "T"],
    "diff-markdown": ["diff", "old.yaml", "new.yaml", "-f", "markdown", "-o", "T"],
    "diff-json": ["diff", "old.yaml", "new.yaml", "-f", "json", "-o", "T"],
    "diff-dot": ["diff", "old.yaml", "new.yaml", "-f", "dot", "-o", "T"],
    "render-dot": ["render", "old.yaml", "-f", "dot", "-o", "T"],
    "render-mmd": ["render", "old.yaml", "-f", "mmd", "-o", "T"],
    "render-diff": ["render", "new.yaml", "--diff", "old.yaml", "-f", "dot", "-o", "T"],
}
WRITE_TARGETS = ["old.yaml", "new.yaml", "other.yaml", "folder-link", "/dev/null", "pyproject.toml"]
PYPROJECT = '[project]\nname = "x"\n\n[tool.journeyctl]\nreview_every = "90d"\n'


@pytest.fixture
def writing_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "old.yaml", SHOP)
    write(tmp_path, "new.yaml", SHOP.replace("name: Looks", "name: Browses"))
    write(tmp_path, "other.yaml", SHOP.replace("id: shop", "id: other"))
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder-link").symlink_to("folder")
    return tmp_path


def _files(project: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in project.iterdir() if p.is_file()}


@pytest.mark.parametrize(
    ("command", "target"),
    [
        (command, target)
        for command in WRITERS
        for target in WRITE_TARGETS
        # render draws into the folder that -o names (a link to a folder too)
        if not (target == "folder-link" and command in ("render-dot", "render-mmd"))
    ],
)
def test_no_writer_replaces_an_input_a_journeyctl_file_or_a_non_file(
    writing_project: Path, command: str, target: str
) -> None:
    if target == "pyproject.toml":
        write(writing_project, "pyproject.toml", PYPROJECT)
    before = _files(writing_project)
    args = [target if arg == "T" else arg for arg in WRITERS[command]]
    result = run(*args)
    assert result.exit_code == 2, (result.output, result.stderr)
    assert result.stderr.startswith(f"journeyctl: {target}"), result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert _files(writing_project) == before
    assert list((writing_project / "folder").iterdir()) == []


def test_a_report_never_replaces_the_baseline_it_read(writing_project: Path) -> None:
    assert run("lint", "old.yaml", "--write-baseline", "base.json").exit_code == 0
    (writing_project / "base-link.json").symlink_to("base.json")
    baseline = (writing_project / "base.json").read_bytes()
    for given in ("base.json", "base-link.json"):
        result = run("lint", "old.yaml", "--baseline", given, "-o", "base.json")
        assert result.exit_code == 2, result.output
        assert "journeyctl: base.json is an input file: refusing to overwrite it" in result.stderr
        assert (writing_project / "base.json").read_bytes() == baseline


def test_schema_and_render_folders_never_write_over_settings(writing_project: Path) -> None:
    out = writing_project / "out"
    out.mkdir()
    (out / "journey.schema.json").symlink_to(writing_project / "old.yaml")
    result = run("schema", "-o", "out")
    assert result.exit_code == 2
    assert "out/journey.schema.json (a symbolic link) is a journeyctl file" in result.stderr
    (out / "shop.current.flow.dot").symlink_to(writing_project / "old.yaml")
    result = run("render", "old.yaml", "-o", "out", "-f", "dot")
    assert result.exit_code == 2
    assert "out/shop.current.flow.dot (a symbolic link) is a journeyctl file" in result.stderr
    assert (writing_project / "old.yaml").read_text(encoding="utf-8") == SHOP


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_a_report_naming_a_non_utf8_file_is_written_not_a_crash(tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "repo"
    folder.mkdir()
    descriptor = os.open(os.fsencode(folder) + b"/old\xff.yaml", os.O_WRONLY | os.O_CREAT)
    os.write(descriptor, SHOP.encode("utf-8"))
    os.close(descriptor)
    write(folder, "new.yaml", SHOP.replace("name: Looks", "name: Browses"))
    for output in ([], ["-o", "../report.out"]):
        done = _journeyctl("diff", "old\udcff.yaml", "new.yaml", "-f", fmt, *output, cwd=folder)
        assert done.returncode in (0, 1), done.stderr
        assert b"internal error" not in done.stderr
        data = (tmp_path / "report.out").read_bytes() if output else done.stdout
        text = data.decode("utf-8")  # valid UTF-8
        assert "Browses" in text
        if fmt == "json":
            json.loads(text)


def test_render_of_a_link_loop_says_it_is_a_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "loop-a.yaml").symlink_to("loop-b.yaml")
    (tmp_path / "loop-b.yaml").symlink_to("loop-a.yaml")
    result = run("render", "loop-a.yaml", "-f", "dot")
    assert result.exit_code == 2
    assert result.stderr.startswith("journeyctl: loop-a.yaml: cannot read: ")
    assert result.stderr.endswith("(a symbolic link)\n")
    assert len(result.stderr.splitlines()) == 1

"""Hostile inputs to reading, loading, linting and formatting (issue 10, items 4 to 7 and 14).

Each test builds its hostile files in `tmp_path` and asserts what a user sees: exit codes,
messages with their positions, and the files left behind.
"""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import run, write

JOURNEY = """\
journeyctl: 1
kind: journey
id: shop
title: Shop
stages:
  - id: buy
    name: Buy
    outcome: Bought
    metrics: [{name: conversion, target: 0.1}]
    steps:
      - id: pays
        name: Pays
        owner: billing
        outcome: Paid
        terminal: true
"""


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def lint_json(*args: str) -> tuple[int, list[dict[str, object]]]:
    result = run("lint", *args, "--format", "json")
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    return result.exit_code, json.loads(result.stdout)["findings"]


# --- item 14: a colon in plain text -----------------------------------------------------------


def test_a_colon_in_plain_text_says_to_quote_it(here: Path) -> None:
    text = JOURNEY.replace(
        "        outcome: Paid\n", "        thoughts: Shipping: 9.90? No thanks.\n"
    )
    write(here, "j.yaml", text)
    code, found = lint_json("j.yaml")
    assert code == 1
    assert [(f["rule"], f["line"], f["column"], f["message"]) for f in found] == [
        (
            "parse-error",
            14,
            27,
            "mapping values are not allowed in this context; text with ': ' in it must be "
            'quoted: thoughts: "Shipping: 9.90? No thanks."',
        )
    ]


def test_no_quote_hint_where_quoting_is_not_the_fix(here: Path) -> None:
    write(here, "j.yaml", JOURNEY.replace("    name: Buy\n", '    name: "Buy": x\n'))
    _, found = lint_json("j.yaml")
    assert [f["rule"] for f in found] == ["parse-error"]
    assert "quoted" not in str(found[0]["message"])


# --- item 6: crashes --------------------------------------------------------------------------


def test_a_5000_digit_integer_is_never_a_crash(here: Path) -> None:
    digits = "1" * 5000
    write(here, "a.yaml", JOURNEY + f"x-huge: {digits}\n")
    write(here, "b.yaml", JOURNEY.replace("id: shop", "id: shop-b") + f"x-list: [{digits}]\n")
    write(
        here,
        "c.yaml",
        JOURNEY.replace("id: shop", "id: shop-c").replace(
            "      - id: pays\n", f"      - id: pays\n        emotion: {digits}\n"
        ),
    )
    write(here, "d.yaml", f"journeyctl: 1\nx-tagged: !!int {digits}\n")
    code, found = lint_json(".")
    assert code == 1
    assert [(f["path"], f["rule"], f["line"], f["column"]) for f in found] == [
        ("c.yaml", "schema-error", 12, 18),
        ("d.yaml", "parse-error", 2, 11),
    ]
    assert "integer" in str(found[0]["message"])
    assert found[1]["message"] == f"'{digits[:50]}... (5000 characters)' is not a valid int"
    assert all(len(str(f["message"])) < 200 for f in found)  # 5,000 digits are not echoed


def test_pyproject_with_a_tool_that_is_no_table(here: Path) -> None:
    write(here, "j.yaml", JOURNEY)
    write(here, "pyproject.toml", "tool = 1\n")
    code, found = lint_json(".")
    assert code == 0 and found == []
    write(here, "pyproject.toml", "[project]\nname = 'x'\n\n[tool]\njourneyctl = 1\n")
    result = run("lint", ".")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"journeyctl: {here / 'pyproject.toml'}:5:1: bad [tool.journeyctl] settings: "
        "document: should be a mapping (Settings) (got 1)"
    ]


def test_fmt_formats_cr_only_line_endings_and_keeps_them(here: Path) -> None:
    text = JOURNEY.replace(
        "      - id: pays\n        name: Pays\n", "      - name: Pays\n        id: pays\n"
    )
    path = here / "j.yaml"
    path.write_bytes(text.replace("\n", "\r").encode())
    result = run("fmt", "j.yaml")
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == JOURNEY.replace("\n", "\r").encode()
    assert run("fmt", "--check", "j.yaml").exit_code == 0
    assert lint_json("j.yaml") == (0, [])


def test_a_file_in_a_directory_that_cannot_be_entered(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root every directory can be entered: refuse looking inside `locked/` by hand."""
    write(here, "j.yaml", JOURNEY.replace("        owner: billing\n", ""))
    write(here, "locked/inside.yaml", JOURNEY)
    real = {name: getattr(os, name) for name in ("stat", "lstat", "open")}

    def refusing(name: str) -> object:
        def call(path: object, *args: object, **kwargs: object) -> object:
            inside = f"/{path}" if isinstance(path, str | Path) else ""
            if "/locked/" in inside:
                raise PermissionError(13, "Permission denied", path)
            return real[name](path, *args, **kwargs)

        return call

    for name in real:
        monkeypatch.setattr(os, name, refusing(name))
    for command in (
        ["lint", "."],
        ["lint", "locked/inside.yaml", "j.yaml"],
        ["fmt", "--check", "."],
    ):
        result = run(*command)
        assert result.exit_code == 2, command
        assert "journeyctl: locked/inside.yaml: cannot read: Permission denied" in result.stderr
        assert "internal error" not in result.output
    assert "unowned-step" in run("lint", ".").stdout


# --- item 7: fmt keeps what suppressions silence ----------------------------------------------

SUPPRESSED = """\
# journeyctl: disable-file=dead-end
journeyctl: 1
kind: journey
id: shop
title: Shop
stages:
  - name: Browse
    id: browse
    outcome: Browsed
    metrics: [{name: visits, target: 1}]
    steps:
      - name: A    # journeyctl: disable=unowned-step
        id: a
        outcome: Seen
      - {name: B, id: b, outcome: Seen}  # journeyctl: disable=unowned-step
      - outcome: Seen
        # journeyctl: disable=unowned-step
        name: C
        id: c
      - name: D
        id: d
        outcome: Seen
"""


def _what(found: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return sorted((f["rule"], f.get("element", ""), f["message"]) for f in found)


def test_fmt_keeps_what_each_suppression_silences(here: Path) -> None:
    path = write(here, "j.yaml", SUPPRESSED)
    code, before = lint_json("j.yaml")
    assert [(f["rule"], f["line"]) for f in before] == [
        ("unused-suppression", 17),  # the comment above `name: C` covers `name`, not `id`
        ("unowned-step", 19),
        ("unowned-step", 21),
    ]
    result = run("fmt", "j.yaml")
    assert result.exit_code == 0, result.output
    after_text = path.read_text()
    assert after_text != SUPPRESSED
    assert "  - id: browse\n    name: Browse\n" in after_text  # the stage is still reordered
    assert "      - id: d\n        name: D\n" in after_text  # so is a step without a comment
    assert "      - name: A    # journeyctl: disable=unowned-step\n        id: a\n" in after_text
    code_after, after = lint_json("j.yaml")
    assert (code_after, _what(after)) == (code, _what(before))
    assert run("fmt", "--check", "j.yaml").exit_code == 0


# --- item 5: many unknown keys ----------------------------------------------------------------


def test_40000_unknown_keys_are_found_in_linear_time(here: Path) -> None:
    keys = "".join(f"        k{i}: v\n" for i in range(40_000))
    write(
        here,
        "j.yaml",
        JOURNEY.replace("        owner: billing\n", "        ownr: billing\n") + keys,
    )
    started = time.perf_counter()
    code, found = lint_json("j.yaml")
    took = time.perf_counter() - started
    assert code == 1
    assert len(found) == 40_001  # the keys and `ownr` (rules wait for a valid document)
    unknown = [f for f in found if f["rule"] == "schema-error"]
    assert (unknown[0]["line"], unknown[0]["column"]) == (13, 9)
    assert unknown[0]["message"] == (
        "unknown key 'ownr'; did you mean 'owner'? (own extensions must start with 'x-')"
    )
    assert (unknown[-1]["line"], unknown[-1]["column"]) == (16 + 39_999, 9)
    assert unknown[-1]["message"] == ("unknown key 'k39999' (own extensions must start with 'x-')")
    assert took < 20  # about 2 s; a position lookup per key scanning the mapping took 47 s


# --- item 4: memory -----------------------------------------------------------------------------


def _big_journey(stages: int, steps: int) -> str:
    """A clean journey of `stages` x `steps` steps, each step linked to the next."""
    parts = ["journeyctl: 1\nkind: journey\nid: big\ntitle: Big\nstages:\n"]
    for s in range(stages + 1):
        parts.append(
            f"  - id: stage-{s}\n    name: Stage {s}\n    outcome: Done\n    owner: billing\n"
            "    metrics: [{name: conversion, target: 0.1}]\n    steps:\n"
        )
        if s == stages:
            parts.append(f"      - {{id: s{s}-0, name: End, outcome: Done, terminal: true}}\n")
            break
        for i in range(steps):
            following = f"s{s}-{i + 1}" if i < steps - 1 else f"s{s + 1}-0"
            parts.append(
                f"      - id: s{s}-{i}\n        name: Step {i} of stage {s}, described at length\n"
                f"        outcome: The customer has done step {i} and knows what comes next\n"
                "        thoughts: Is this the right plan for us, and how long will it take?\n"
                f"        emotion: {i % 2}\n        next: [{following}]\n"
            )
    return "".join(parts)


def _peak_memory(path: Path) -> int:
    """Peak resident memory in bytes of `journeyctl lint PATH`, the only child of a launcher."""
    launcher = (
        "import resource, subprocess, sys\n"
        f"subprocess.run([sys.executable, '-m', 'journeyctl', 'lint', {str(path)!r}],"
        " stdout=subprocess.DEVNULL, check=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-c", launcher], capture_output=True, text=True, check=True, env=env
    )
    return int(done.stdout) * 1024  # kilobytes on Linux


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in kilobytes on Linux only")
def test_linting_a_big_file_takes_memory_linear_in_its_size(tmp_path: Path) -> None:
    """A 4.5 MB journey: about 15x its size above the interpreter's own (30x with the node
    tree libyaml composes); `bench/memory.py` measures 10, 25 and 50 MB files."""
    small, big = tmp_path / "small.yaml", tmp_path / "big.yaml"
    small.write_text(_big_journey(1, 3))
    big.write_text(_big_journey(80, 200))
    size = big.stat().st_size
    assert size > 4_000_000
    assert lint_json(str(big)) == (0, [])
    ratio = (_peak_memory(big) - _peak_memory(small)) / size
    assert ratio < 20


def test_siblings_skimmed_for_cross_file_checks_in_any_encoding(here: Path) -> None:
    """Linting one file skims the project's other files (as UTF-8 bytes when they are plain
    UTF-8, which keeps one copy of a big file in memory, else decoded): both give the same."""
    write(here, "journeyctl.yaml", "journeyctl: 1\n")
    write(here, "j.yaml", JOURNEY.replace("title: Shop\n", "title: Shop\npersona: buyer\n"))
    persona = "journeyctl: 1\nkind: persona\nid: buyer\nname: Buyer\n"
    twin = JOURNEY.replace("title: Shop\n", "title: Twin\n")
    encodings: list[Callable[[str], bytes]] = [
        lambda text: text.encode(),
        lambda text: text.replace("\n", "\r\n").encode(),
        lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    ]
    for encode in encodings:
        (here / "p.yaml").write_bytes(encode(persona))
        (here / "twin.yaml").write_bytes(encode(twin))
        code, found = lint_json("j.yaml")
        assert [(f["rule"], f["line"], f["message"]) for f in found] == [
            ("duplicate-id", 3, "journey 'shop' (current) is also defined in twin.yaml:3")
        ]
        assert code == 1

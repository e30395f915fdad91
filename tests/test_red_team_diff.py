"""Hostile inputs to `journeyctl diff` and element ids (issue 10, items 8, 9, 12 and 14):
JSON that is JSON whatever the numbers, a pull-request comment that GitHub accepts whatever
the size, names with `/` that stay one name, and one answer per team in every format."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeyctl.diff.report.markdown import LIMIT, MARKER
from journeyctl.diff.report.markdown_fit import fit
from journeyctl.lint.element import escape, join, split
from tests.helpers import run, write

GITHUB_LIMIT = 65_536
JOURNEY = """\
journeyctl: 1
kind: journey
id: signup
title: Signup
stages:
  - id: awareness
    name: Awareness
    owner: sales
    outcome: Bought
    metrics: [{name: conversion, target: 0.5, actual: 0.6}]
    steps:
      - {id: asks, name: Asks for a quote, outcome: Quote sent, emotion: 1}
      - {id: buys, name: Buys, outcome: Paid, emotion: 2, terminal: true}
"""


def _no_constants(name: str) -> object:
    raise AssertionError(f"not JSON: bare {name}")


def _json(text: str) -> dict[str, object]:
    """Parse strictly: Python's json accepts NaN and Infinity, which JSON does not."""
    document = json.loads(text, parse_constant=_no_constants)
    assert isinstance(document, dict)
    return document


# --------------------------------------------------------------------------------------------
# 8. Invalid JSON and false changes
# --------------------------------------------------------------------------------------------


def test_diff_json_writes_nan_and_infinity_as_strings(tmp_path: Path) -> None:
    write(tmp_path, "old.yaml", JOURNEY.replace("target: 0.5, actual: 0.6", "target: .inf"))
    new = JOURNEY.replace("target: 0.5, actual: 0.6", "target: -.inf, actual: .nan")
    write(tmp_path, "new.yaml", new)
    result = run("diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), "-f", "json")
    assert result.exit_code == 0, result.output
    document = _json(result.stdout)
    changes = document["changes"]
    assert isinstance(changes, list)
    values = {(c["field"], c["old"], c["new"]) for c in changes if c["kind"] == "metric"}
    assert values == {("target", "Infinity", "-Infinity"), ("actual", None, "NaN")}
    assert "NaN" not in result.stdout.replace('"NaN"', "")


def test_diff_json_of_an_added_document_with_nan_is_json(tmp_path: Path) -> None:
    """A whole document on one side: its values go through the same path."""
    write(tmp_path, "old.yaml", JOURNEY)
    write(tmp_path, "new.yaml", JOURNEY.replace("actual: 0.6", "actual: .nan"))
    git_free = run("diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), "-f", "json")
    assert git_free.exit_code == 0, git_free.output
    summary = _json(git_free.stdout)["summary"]
    assert '"NaN"' in json.dumps(summary)


@pytest.mark.parametrize("value", [".nan", ".NaN", ".inf", "-.inf"])
def test_identical_files_with_nan_or_infinity_diff_as_unchanged(tmp_path: Path, value: str) -> None:
    text = JOURNEY.replace("actual: 0.6", f"actual: {value}")
    write(tmp_path, "old.yaml", text)
    write(tmp_path, "new.yaml", text + "# only a comment differs\n")
    old, new = str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml")
    result = run("diff", old, new, "--exit-code")
    assert result.exit_code == 0, result.output
    assert "No change in meaning" in result.stdout
    assert "Targets" not in result.stdout
    document = _json(run("diff", old, new, "-f", "json").stdout)
    assert document["status"] == "unchanged" and document["changes"] == []
    markdown = run("diff", old, new, "-f", "markdown").stdout
    assert "#### Targets" not in markdown and "No change in meaning" in markdown


def test_a_persona_with_nan_in_its_demographics_is_unchanged(tmp_path: Path) -> None:
    persona = "journeyctl: 1\nkind: persona\nid: p\nname: P\ndemographics: {score: .nan}\n"
    write(tmp_path, "old.yaml", persona)
    write(tmp_path, "new.yaml", persona)
    result = run("diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), "--exit-code")
    assert result.exit_code == 0, result.output


def test_nan_becoming_a_number_is_a_change(tmp_path: Path) -> None:
    write(tmp_path, "old.yaml", JOURNEY.replace("actual: 0.6", "actual: .nan"))
    write(tmp_path, "new.yaml", JOURNEY)
    result = run("diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), "--exit-code")
    assert result.exit_code == 1
    assert re.search(r"awareness / conversion +0\.5 +nan → 0\.6", result.stdout)


# --------------------------------------------------------------------------------------------
# 9. A pull-request comment over GitHub's limit
# --------------------------------------------------------------------------------------------


def _markdown(tmp_path: Path, old: str, new: str) -> str:
    write(tmp_path, "old.yaml", old)
    write(tmp_path, "new.yaml", new)
    result = run("diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), "-f", "markdown")
    assert result.exit_code == 0, result.output
    return result.stdout


def test_sixty_pain_points_of_3000_characters_fit_in_a_comment(tmp_path: Path) -> None:
    pains = ", ".join(f"'Pain {i} " + "x" * 3000 + "'" for i in range(60))
    new = JOURNEY.replace("emotion: 2,", f"emotion: 2, pain_points: [{pains}],")
    markdown = _markdown(tmp_path, JOURNEY, new)
    assert len(markdown) <= LIMIT < GITHUB_LIMIT
    assert markdown.startswith(MARKER + "\n")
    # the findings that quote them are all there, each text cut with an ellipsis
    rows = [line for line in markdown.splitlines() if line.startswith("| warning | `unaddressed")]
    assert len(rows) == 50 and "…and 10 more." in markdown
    assert all(len(row) < 1000 and "x…" in row for row in rows)


def test_5000_changed_steps_fit_in_a_comment(tmp_path: Path) -> None:
    def journey(suffix: str) -> str:
        lines = ["journeyctl: 1\nkind: journey\nid: big\ntitle: Big\nstages:\n"]
        for stage in range(50):
            lines.append(f"  - id: s{stage}\n    name: S{stage}\n    outcome: o\n    steps:\n")
            for number in range(stage * 100, stage * 100 + 100):
                lines.append(
                    f"      - {{id: t{number}, name: 'Step {number} {suffix}', "
                    f"owner: team-{number}, outcome: o, emotion: 1}}\n"
                )
        return "".join(lines)

    markdown = _markdown(tmp_path, journey("before"), journey("after"))
    assert len(markdown) <= LIMIT < GITHUB_LIMIT
    assert markdown.startswith(MARKER + "\n")
    assert "| Steps | 5000 | 5000 |" in markdown
    # tables show 50 rows and say how many more (after a blank line, not as a row)
    assert "| `team-0` | 1 |" in markdown and "\n\n…and 4950 more.\n" in markdown
    note = markdown.rstrip("\n").splitlines()[-1]
    assert "left out to stay within GitHub's comment size" in note
    assert "`journeyctl diff ... --format text`" in note


@given(
    st.lists(
        st.tuples(st.text(alphabet="ab|\n ", max_size=3000), st.booleans()),
        max_size=30,
    ),
    st.integers(min_value=1_000, max_value=20_000),
)
def test_a_comment_never_exceeds_its_limit(blocks: list[tuple[str, bool]], limit: int) -> None:
    comment = fit(blocks, limit)
    assert len(comment) <= limit
    whole = "\n".join(block for block, _ in blocks).rstrip("\n") + "\n"
    if len(whole) <= limit - 400:
        assert comment == whole  # nothing left out when it fits
    elif comment != whole:
        assert "left out to stay within GitHub's comment size" in comment


def test_a_comment_cut_inside_a_section_says_so() -> None:
    table = "\n".join(["| a |", "| --- |", *(f"| row {i} |" for i in range(3000))])
    comment = fit([("head\n", False), (table, False), ("tail", False)], 5000)
    assert len(comment) <= 5000
    assert comment.startswith("head\n\n| a |\n| --- |\n| row 0 |")
    assert comment.endswith(
        "\n\n*2 sections (the first of them in part) left out to stay within GitHub's "
        "comment size; run `journeyctl diff ... --format text` (with the same arguments) to "
        "see everything.*\n"
    )


# --------------------------------------------------------------------------------------------
# 12. Element ids with `/` in names
# --------------------------------------------------------------------------------------------

SLASHED = JOURNEY.replace("name: conversion, target: 0.5, actual: 0.6", "name: trial/paid").replace(
    "emotion: 2,", "emotion: 2, pain_points: ['Slow SSO/SAML setup, 100% manual'],"
)
MISSED = SLASHED.replace("name: trial/paid", "name: trial/paid, target: 0.5, actual: 0.1")


def test_a_name_with_a_slash_stays_one_name_in_the_where_column(tmp_path: Path) -> None:
    markdown = _markdown(tmp_path, SLASHED, MISSED)
    assert "| info | `missed-target` | awareness &gt; trial/paid &gt; actual |" in markdown
    old, new = str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml")
    document = _json(run("diff", old, new, "-f", "json").stdout)
    findings = document["findings"]
    assert isinstance(findings, dict)
    assert [f["element"] for f in findings["introduced"]] == [
        "journey:signup/stage:awareness/metric:trial%2Fpaid/actual"
    ]
    text = run("diff", old, new).stdout
    assert "metric 'trial/paid' is at 0.1, below its target of 0.5" in text


def test_a_pain_point_with_a_slash_in_the_where_column(tmp_path: Path) -> None:
    markdown = _markdown(tmp_path, JOURNEY, SLASHED)
    row = next(line for line in markdown.splitlines() if line.startswith("| warning | `unadd"))
    assert "| awareness &gt; buys &gt; pain point |" in row
    assert "pain point 'Slow SSO/SAML setup, 100% manual' has no opportunity" in row


def test_a_baseline_of_names_with_slashes_round_trips(tmp_path: Path) -> None:
    journey = write(tmp_path, "j.yaml", MISSED)
    baseline = tmp_path / "baseline.json"
    written = run("lint", str(journey), "--write-baseline", str(baseline))
    assert written.exit_code == 0, written.output
    elements = {entry["element"] for entry in json.loads(baseline.read_text())["findings"]}
    assert elements == {
        "journey:signup/stage:awareness/metric:trial%2Fpaid/actual",
        "journey:signup/stage:awareness/step:buys/pain:Slow SSO%2FSAML setup, 100% manual",
    }
    again = run("lint", str(journey), "--baseline", str(baseline))
    assert again.exit_code == 0, again.output
    assert "no findings" in again.stdout
    assert "fixed" not in again.stderr


def test_a_baseline_written_before_the_escape_still_matches(tmp_path: Path) -> None:
    """Names without `/` are written as they always were; entries with an unescaped `/`
    (written by earlier versions) still match their finding."""
    journey = write(tmp_path, "j.yaml", MISSED.replace("awareness", "aw"))
    path = str(journey)
    old_entries = [
        ("missed-target", "journey:signup/stage:aw/metric:trial/paid/actual"),
        (
            "unaddressed-pain",
            "journey:signup/stage:aw/step:buys/pain:Slow SSO/SAML setup, 100% manual",
        ),
    ]
    document = {
        "journeyctl-baseline": 1,
        "findings": [{"rule": r, "path": path, "element": e} for r, e in old_entries],
    }
    baseline = write(tmp_path, "baseline.json", json.dumps(document))
    result = run("lint", path, "--baseline", str(baseline))
    assert result.exit_code == 0, result.output
    assert "fixed" not in result.stderr


@given(st.lists(st.text(alphabet="a/%25Ff:", min_size=1, max_size=12), min_size=1, max_size=5))
def test_element_ids_split_back_into_their_names(names: list[str]) -> None:
    assert split(join(escape(name) for name in names)) == names


@given(st.text(alphabet=st.characters(blacklist_characters="/%")))
def test_names_without_slash_or_percent_are_written_as_before(name: str) -> None:
    assert escape(name) == name


def test_a_percent_is_escaped_only_where_it_would_read_as_an_escape() -> None:
    assert escape("100% manual") == "100% manual"
    assert escape("a/b") == "a%2Fb"
    assert escape("x%2Fy %25") == "x%252Fy %2525"
    assert split("stage:s/metric:x%252Fy %2525") == ["stage:s", "metric:x%2Fy %25"]


# --------------------------------------------------------------------------------------------
# 14. Text and markdown agree on each team
# --------------------------------------------------------------------------------------------


def _text_teams(text: str) -> set[str]:
    """The teams the text report lists as changed."""
    lines = text.splitlines()
    if not any(line.startswith("Teams ") for line in lines):
        return set()
    start = next(i for i, line in enumerate(lines) if line.startswith("Teams "))
    teams = set()
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        teams.add(line.split()[0])
    return teams


def _markdown_teams(markdown: str) -> tuple[set[str], set[str]]:
    """The teams the markdown report lists as changed, and those it says did not change."""
    changed = set(re.findall(r"^\| `([a-z0-9-]+)` \|", markdown, re.M))
    same_line = re.search(r"^No change for (.*)\.$", markdown, re.M)
    same = set(re.findall(r"`([a-z0-9-]+)`", same_line.group(1))) if same_line else set()
    return changed, same


def _agree(text: str, markdown: str) -> set[str]:
    changed, same = _markdown_teams(markdown)
    assert _text_teams(text) == changed
    assert not changed & same
    return changed


def test_a_team_whose_steps_changed_is_changed_in_every_format(tmp_path: Path) -> None:
    """Only the step's outcome changes: the team owns as many steps as before."""
    old = JOURNEY.replace("outcome: Quote sent,", "outcome: Quote sent, owner: marketing,")
    new = old.replace("outcome: Paid,", "outcome: Paid in full,")
    markdown = _markdown(tmp_path, old, new)
    text = run("diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml")).stdout
    assert _agree(text, markdown) == {"sales"}
    assert "| `sales` | 1 |   |   | `buys` | 0 |" in markdown
    assert "No change for `marketing`." in markdown


def test_text_and_markdown_agree_on_the_examples_teams(monkeypatch: pytest.MonkeyPatch) -> None:
    root = Path(__file__).resolve().parent.parent
    monkeypatch.chdir(root)
    sides = [f"examples/journeys/b2b-onboarding.{state}.yaml" for state in ("current", "optimized")]
    for old, new in (sides, sides[::-1]):
        text = run("diff", old, new).stdout
        markdown = run("diff", old, new, "-f", "markdown").stdout
        assert len(_agree(text, markdown)) == 8

"""`journeyctl diff` as a user meets it: inputs (files, REV:path, --base, --journey), formats,
exit codes, escaping of hostile text, and the markdown snapshot of the examples."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from journeyctl.core.errors import UsageError
from journeyctl.core.model import Flow
from journeyctl.diff.inputs import build_report
from journeyctl.diff.report import render_report
from journeyctl.diff.report.markdown import LIMIT
from tests.helpers import TODAY, run, write

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "journeys"
SNAPSHOT = Path(__file__).resolve().parent / "snapshots" / "diff-b2b-onboarding.md"

SETTINGS = """\
journeyctl: 1
owners:
  sales: {name: Sales}
  marketing: {name: Marketing}
"""
PERSONA = "journeyctl: 1\nkind: persona\nid: buyer\nname: Buyer\n"
JOURNEY = """\
journeyctl: 1
kind: journey
id: signup
title: Signup
persona: buyer
stages:
  - id: buy
    name: Buy
    owner: sales
    outcome: Bought
    metrics: [{name: conversion, target: 0.1}]
    steps:
      - {id: asks, name: Asks for a quote, outcome: Quote sent, emotion: 1}
      - {id: buys, name: Buys, outcome: Paid, emotion: 2, terminal: true}
"""
UNOWNED = JOURNEY.replace("    owner: sales\n", "")
DEAD_END = JOURNEY.replace("emotion: 1}", "emotion: 1, next: []}")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "journeyctl.yaml", SETTINGS)
    write(tmp_path, "personas/buyer.yaml", PERSONA)
    write(tmp_path, "old.yaml", JOURNEY)
    return tmp_path


# --------------------------------------------------------------------------------------------
# Files, formats, exit codes
# --------------------------------------------------------------------------------------------


def test_text_diff_of_two_files(project: Path) -> None:
    write(project, "new.yaml", JOURNEY.replace("name: Buys", "name: Pays online"))
    result = run("diff", "old.yaml", "new.yaml")
    assert result.exit_code == 0, result.output
    assert "old: old.yaml" in result.stdout
    assert "~ Pays online (buys), renamed from Buys" in result.stdout
    assert "Map quality: no lint finding introduced or fixed" in result.stdout


def test_json_diff_has_the_documented_shape(project: Path) -> None:
    write(project, "new.yaml", JOURNEY.replace("emotion: 2,", "emotion: -1,"))
    result = run("diff", "old.yaml", "new.yaml", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"old", "new", "status", "changes", "summary", "findings"}
    assert data["changes"] == [
        {
            "op": "changed",
            "kind": "step",
            "id": "buys",
            "stage": "buy",
            "step": None,
            "field": "emotion",
            "old": 2,
            "new": -1,
        }
    ]
    assert data["summary"]["emotion"] == {"before": 1.5, "after": 0.0}
    assert data["findings"] == {
        "introduced": [],
        "fixed": [],
        "before": {"errors": 0, "warnings": 0, "infos": 0},
        "after": {"errors": 0, "warnings": 0, "infos": 0},
    }


def test_output_file(project: Path) -> None:
    write(project, "new.yaml", UNOWNED)
    result = run("diff", "old.yaml", "new.yaml", "-f", "markdown", "-o", "out.md")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert (project / "out.md").read_text().startswith("<!-- journeyctl-diff -->\n")


def test_exit_codes(project: Path) -> None:
    write(project, "same.yaml", "# only a comment differs\n" + JOURNEY)
    write(project, "unowned.yaml", UNOWNED)
    write(project, "dead-end.yaml", DEAD_END)
    assert run("diff", "old.yaml", "unowned.yaml").exit_code == 0
    assert run("diff", "old.yaml", "unowned.yaml", "--exit-code").exit_code == 1
    assert run("diff", "old.yaml", "same.yaml", "--exit-code").exit_code == 0
    # unowned-step is an error; dead-end a warning
    assert run("diff", "old.yaml", "unowned.yaml", "--fail-on", "new-errors").exit_code == 1
    assert run("diff", "old.yaml", "dead-end.yaml", "--fail-on", "new-errors").exit_code == 0
    assert run("diff", "old.yaml", "dead-end.yaml", "--fail-on", "new-warnings").exit_code == 1
    # fixing findings never fails
    assert run("diff", "unowned.yaml", "old.yaml", "--fail-on", "new-warnings").exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["old.yaml"], "give two files to compare"),
        (["old.yaml", "missing.yaml"], "missing.yaml: no such file"),
        (["old.yaml", "personas"], "personas: is a directory"),
        (["old.yaml", "bad.yaml"], "bad.yaml:1:8: cannot diff: unclosed quote"),
        (
            ["old.yaml", "invalid.yaml"],
            "invalid.yaml:1:1: cannot diff: missing required key 'title' (and 1 more",
        ),
        (["old.yaml", "foreign.yaml"], "foreign.yaml:1:1: cannot diff: not a journeyctl file"),
        (["old.yaml", "personas/buyer.yaml"], "cannot diff a journey (old.yaml) with a persona"),
        (["--base", "HEAD", "--journey", "x"], "--base and --journey do not go together"),
        (["--journey", "nope", "."], "no current version of 'nope' under ."),
    ],
)
def test_bad_input_is_one_line_and_exit_2(project: Path, args: list[str], message: str) -> None:
    write(project, "bad.yaml", 'title: "unclosed\n')
    write(project, "invalid.yaml", JOURNEY.replace("title:", "titel:"))
    write(project, "foreign.yaml", "on: push\n")
    result = run("diff", *args)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("journeyctl: ")
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_findings_introduced_and_fixed_ignore_line_moves(project: Path) -> None:
    shifted = "# a long comment\n# that moves every line down\n\n" + UNOWNED
    write(project, "unowned.yaml", UNOWNED)
    write(project, "shifted.yaml", shifted)
    result = run("diff", "unowned.yaml", "shifted.yaml", "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert (findings["introduced"], findings["fixed"]) == ([], [])
    assert findings["after"]["errors"] >= 2

    introduced = json.loads(run("diff", "old.yaml", "unowned.yaml", "-f", "json").stdout)
    assert [f["rule"] for f in introduced["findings"]["introduced"]] == [
        "unowned-step",
        "unowned-step",
    ]
    assert (
        introduced["findings"]["introduced"][0]["element"] == "journey:signup/stage:buy/step:asks"
    )
    fixed = json.loads(run("diff", "unowned.yaml", "old.yaml", "-f", "json").stdout)
    assert len(fixed["findings"]["fixed"]) == 2
    text = run("diff", "unowned.yaml", "old.yaml").stdout
    assert "fixes 2 lint findings (2 errors), introduces none" in text
    assert re.search(r"unowned\.yaml:\d+:14: error\[unowned-step\]", text)


@pytest.mark.parametrize("cores", [2, 4])
def test_sides_loaded_in_parallel_keep_their_order_and_errors(
    project: Path, monkeypatch: pytest.MonkeyPatch, cores: int
) -> None:
    """With 3 sides: on 2 cores all go to the pool, on 4 the first is loaded here."""
    from journeyctl.diff.side_loader import SideLoader
    from journeyctl.workspace import parallel as linter

    monkeypatch.setattr(linter, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    write(project, "new.yaml", JOURNEY.replace("name: Buys", "name: Pays online"))
    write(project, "third.yaml", UNOWNED)
    loader = SideLoader(date(2026, 11, 24))
    items = [loader.spec(name) for name in ("old.yaml", "new.yaml", "third.yaml")]
    sides = loader.load_many(items)
    assert [side.label for side in sides] == ["old.yaml", "new.yaml", "third.yaml"]
    assert [len(side.findings) for side in sides] == [0, 0, 2]
    changed = sides[1].doc
    assert isinstance(changed, Flow) and changed.stages[0].steps[1].name == "Pays online"

    write(project, "broken.yaml", "journeyctl: 1\nkind: journey\nid: [oops\n")
    broken = [loader.spec(name) for name in ("old.yaml", "broken.yaml", "third.yaml")]
    with pytest.raises(UsageError, match=r"^broken\.yaml:\d+:\d+: cannot diff: "):
        loader.load_many(broken)


def test_each_missing_lifecycle_stage_is_its_own_finding(project: Path) -> None:
    write(project, "journeyctl.yaml", SETTINGS + "lifecycle: [discover, buy, renew]\n")
    write(project, "old.yaml", JOURNEY.replace("  - id: buy\n", "  - id: renew\n"))
    write(project, "new.yaml", JOURNEY.replace("  - id: buy\n", "  - id: elsewhere\n"))
    lint = json.loads(run("lint", "new.yaml", "--format", "json").stdout)["findings"]
    missing = [(f["message"], f["element"]) for f in lint if f["rule"] == "missing-stage"]
    assert missing == [
        ("journey does not cover lifecycle stage 'buy'", "journey:signup/stages/lifecycle:buy"),
        (
            "journey does not cover lifecycle stage 'discover'",
            "journey:signup/stages/lifecycle:discover",
        ),
        ("journey does not cover lifecycle stage 'renew'", "journey:signup/stages/lifecycle:renew"),
    ]
    diff = json.loads(run("diff", "old.yaml", "new.yaml", "--format", "json").stdout)
    introduced = [
        f["message"] for f in diff["findings"]["introduced"] if f["rule"] == "missing-stage"
    ]
    assert introduced == ["journey does not cover lifecycle stage 'renew'"]


def test_suppressed_findings_are_not_introduced(project: Path) -> None:
    suppressed = DEAD_END.replace(
        "      - {id: asks,", "      # journeyctl: disable=dead-end\n      - {id: asks,"
    ).replace("terminal: true}", "terminal: true}  # journeyctl: disable=unreachable-step")
    write(project, "suppressed.yaml", suppressed)
    result = run("diff", "old.yaml", "suppressed.yaml", "--fail-on", "new-warnings")
    assert result.exit_code == 0, result.output


def test_cross_file_findings_a_persona_that_does_not_exist(project: Path) -> None:
    write(project, "new.yaml", JOURNEY.replace("persona: buyer", "persona: byuer"))
    result = run("diff", "old.yaml", "new.yaml", "-f", "json", "--fail-on", "new-errors")
    assert result.exit_code == 1
    introduced = json.loads(result.stdout)["findings"]["introduced"]
    assert [(f["rule"], f["message"]) for f in introduced] == [
        ("dangling-reference", "persona 'byuer' names no persona document in the project")
    ]


# --------------------------------------------------------------------------------------------
# --journey and the examples
# --------------------------------------------------------------------------------------------


def test_journey_pairs_current_and_optimized(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = run("diff", "--journey", "b2b-onboarding", "examples")
    assert result.exit_code == 0, result.output
    assert "old: examples/journeys/b2b-onboarding.current.yaml (current)" in result.stdout
    assert "new: examples/journeys/b2b-onboarding.optimized.yaml (optimized)" in result.stdout
    missing = run("diff", "--journey", "lead-to-customer", "examples")
    assert missing.exit_code == 2
    assert "no optimized version of 'lead-to-customer'" in missing.stderr
    assert "found only the current one" in missing.stderr
    typo = run("diff", "--journey", "b2b-onbaording", "examples")
    assert "did you mean 'b2b-onboarding'?" in typo.stderr


def _examples_markdown(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(ROOT)
    report = build_report(
        [
            "examples/journeys/b2b-onboarding.current.yaml",
            "examples/journeys/b2b-onboarding.optimized.yaml",
        ],
        None,
        None,
        today=TODAY,
    )
    return render_report(report, "markdown")


def test_markdown_of_the_examples_matches_the_snapshot(monkeypatch: pytest.MonkeyPatch) -> None:
    """To accept a deliberate change: JOURNEYCTL_UPDATE_SNAPSHOTS=1 pytest tests/test_diff_cli.py"""
    markdown = _examples_markdown(monkeypatch)
    if os.environ.get("JOURNEYCTL_UPDATE_SNAPSHOTS"):
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(markdown, encoding="utf-8")
    assert markdown == SNAPSHOT.read_text(encoding="utf-8")


def test_the_examples_markdown_answers_the_reviewers_questions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    markdown = _examples_markdown(monkeypatch)
    # did the map get worse?
    assert "✅ **Map quality:** fixes 16 lint findings" in markdown
    # what changed for the customer?
    assert "**For the customer:** average emotion rises from +0.05 to +1.10" in markdown
    # and for each team?
    assert "| `product` | 3 → 4 | `tests-sso-in-trial`, `imports-data` |" in markdown
    # an owner that moves from the step to its stage is not a step without an owner
    assert "- `owner`: customer-success → — (the stage's owner, `customer-success`, is" in markdown
    # a summary table first, then a <details> per changed stage
    assert markdown.index("| Steps |") < markdown.index("<details>")
    assert markdown.count("<summary><b>") == 5
    assert len(markdown) < LIMIT


def test_markdown_tables_are_well_formed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every row of a table has as many cells as its header."""
    lines = _examples_markdown(monkeypatch).splitlines()
    header_cells = 0
    for line in lines:
        if not line.startswith("|"):
            header_cells = 0
            continue
        cells = len(re.findall(r"(?<!\\)\|", line)) - 1
        if header_cells == 0:
            header_cells = cells
        assert cells == header_cells, line


def test_the_examples_markdown_is_commonmark_with_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    from markdown_it import MarkdownIt

    rendered = (
        MarkdownIt("commonmark")
        .enable(["table", "strikethrough"])
        .render(_examples_markdown(monkeypatch))
    )
    parser = _Tags()
    parser.feed(rendered)
    assert {"table", "details", "summary", "blockquote", "s"} <= parser.tags <= ALLOWED_TAGS
    assert rendered.count("<details>") == rendered.count("</details>") == 6


# --------------------------------------------------------------------------------------------
# Hostile text
# --------------------------------------------------------------------------------------------

HOSTILE_NAME = (
    "<img src=x onerror=alert(1)> | `rm -rf` [click](javascript:alert(1)) @octocat *bold*"
)


def test_hostile_text_is_escaped_in_markdown(project: Path) -> None:
    hostile = JOURNEY.replace("title: Signup", f"title: '{HOSTILE_NAME}'")
    hostile = hostile.replace("name: Buy\n", "name: '</details><script>x</script>'\n")
    hostile = hostile.replace("name: Buys,", f"name: '{HOSTILE_NAME}',")
    hostile = hostile.replace(
        "outcome: Paid,", 'outcome: "line one\\n## injected heading\\n| a | b |",'
    )
    hostile = hostile.replace(
        "emotion: 2,", "emotion: 2, pain_points: ['![x](https://evil.example/p.png) ~~gone~~'],"
    )
    hostile = hostile.replace("{name: conversion,", "{name: 'conv | `rate`',")
    write(project, "hostile.yaml", hostile)
    result = run("diff", "old.yaml", "hostile.yaml", "--format", "markdown")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "<img" not in out and "&lt;img src=x onerror=alert(1)&gt;" in out
    assert "<script>" not in out and "</details><script>" not in out
    assert "&lt;/details&gt;&lt;script&gt;" in out  # in <summary>: HTML-escaped
    assert re.search(r"(?<!\\)\[click", out) is None
    assert r"\[click\](javascript:alert(1))" in out
    assert "`rm -rf`" not in out and r"\`rm -rf\`" in out
    assert "@octocat" not in out and "@\u2060octocat" in out
    assert r"\*bold\*" in out
    assert r"| conv \| \`rate\` (added) |" in out
    assert r"\!\[x\](https://evil.example/p.png) \~\~gone\~\~" in out
    assert "\n## injected" not in out and "line one \\#\\# injected heading \\| a \\| b \\|" in out
    for line in out.splitlines():  # hostile `|` never adds a table cell
        if line.startswith("| ") and HOSTILE_NAME[:4] in line:
            assert "\\|" in line


ALLOWED_TAGS = {
    "h2", "h3", "h4", "p", "blockquote", "strong", "em", "s", "code", "ul", "li",
    "table", "thead", "tbody", "tr", "th", "td", "details", "summary", "b",
}  # fmt: skip


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(f"{name}={value}" for name, value in attrs)


def test_hostile_markdown_renders_to_harmless_html(project: Path) -> None:
    """Render the comment with a CommonMark parser (raw HTML allowed, as on GitHub before its
    sanitizer): only the elements journeyctl writes itself may come out."""
    from markdown_it import MarkdownIt

    hostile = JOURNEY.replace("title: Signup", f"title: '{HOSTILE_NAME} <b onclick=x>'")
    hostile = hostile.replace("name: Buy\n", "name: '<details open><summary>x'\n")
    hostile = hostile.replace("name: Buys,", "name: '<a href=\"javascript:alert(1)\">x</a>',")
    hostile = hostile.replace("outcome: Paid,", "outcome: '<iframe src=//evil>',")
    write(project, "hostile.yaml", hostile)
    markdown = run("diff", "old.yaml", "hostile.yaml", "--format", "markdown").stdout
    parser = _Tags()
    parser.feed(MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown))
    assert parser.tags <= ALLOWED_TAGS
    assert parser.attributes <= {"style=text-align:right"}


def test_hostile_text_cannot_drive_the_terminal(project: Path) -> None:
    write(project, "new.yaml", JOURNEY.replace("name: Buys,", 'name: "Buys\\x1b[31m red",'))
    result = run("diff", "old.yaml", "new.yaml")
    assert "\x1b" not in result.stdout
    assert "Buys\\x1b[31m red" in result.stdout


def test_a_huge_markdown_comment_stays_under_githubs_limit(project: Path) -> None:
    steps = "".join(
        f"      - {{id: s{i}, name: 'Step {i} {'x' * 200}', emotion: 1}}\n" for i in range(600)
    )
    big = JOURNEY.replace("    steps:\n", "    steps:\n" + steps)
    write(project, "big.yaml", big)
    result = run("diff", "old.yaml", "big.yaml", "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert len(result.stdout) <= LIMIT
    assert "left out to stay within GitHub's comment size" in result.stdout
    assert "| Steps | 2 | 602 |" in result.stdout


# --------------------------------------------------------------------------------------------
# git: REV:path and --base
# --------------------------------------------------------------------------------------------


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True)
    return done.stdout.strip()


@pytest.fixture
def repo(project: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "config", "user.name", "Test")
    _git(project, "config", "user.email", "test@example.com")
    _git(project, "config", "commit.gpgsign", "false")
    write(project, "journeys/signup.yaml", JOURNEY)
    write(project, "journeys/gone.yaml", JOURNEY.replace("id: signup", "id: gone"))
    write(project, "journeys/moved.yaml", JOURNEY.replace("id: signup", "id: moved"))
    write(project, ".github/workflows/ci.yml", "on: push\njobs: {}\n")
    _git(project, "add", ".")
    _git(project, "commit", "-q", "-m", "first")
    return project


def test_rev_path_against_a_file_and_against_another_revision(repo: Path) -> None:
    write(repo, "journeys/signup.yaml", UNOWNED)
    result = run("diff", "HEAD:journeys/signup.yaml", "journeys/signup.yaml")
    assert result.exit_code == 0, result.output
    assert "old: HEAD:journeys/signup.yaml" in result.stdout
    assert "introduces 2 errors (unowned-step)" in result.stdout
    assert "HEAD:journeys/signup.yaml" in result.stdout
    _git(repo, "commit", "-q", "-am", "drop the owner")
    between = run("diff", "HEAD~1:journeys/signup.yaml", "HEAD:journeys/signup.yaml", "-f", "json")
    changes = json.loads(between.stdout)["changes"]
    assert [(c["kind"], c["field"], c["old"], c["new"]) for c in changes] == [
        ("stage", "owner", "sales", None)
    ]


def test_rev_path_from_a_subdirectory(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo / "journeys")
    assert run("diff", "HEAD:journeys/signup.yaml", "signup.yaml").exit_code == 0
    assert run("diff", "HEAD:./signup.yaml", "signup.yaml").exit_code == 0
    wrong = run("diff", "HEAD:signup.yaml", "signup.yaml")
    assert wrong.exit_code == 2
    assert "HEAD:signup.yaml: no such file in HEAD (paths are read from the top" in wrong.stderr


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("nope:journeys/signup.yaml", "unknown revision 'nope'"),
        ("HEAD:journeys/missing.yaml", "HEAD:journeys/missing.yaml: no such file in HEAD"),
        ("HEAD:journeys", "HEAD:journeys: is a directory in HEAD"),
        ("--output=x:journeys/signup.yaml", "revisions cannot start with '-'"),
        (":journeys/signup.yaml", "no revision before ':'"),
        ("HEAD:", "no path after ':'"),
    ],
)
def test_bad_revisions_and_paths_are_exit_2(repo: Path, spec: str, message: str) -> None:
    result = run("diff", "--", spec, "journeys/signup.yaml")
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert not (repo / "x").exists()


def test_rev_path_outside_a_repository(project: Path) -> None:
    result = run("diff", "HEAD:old.yaml", "old.yaml")
    assert result.exit_code == 2
    assert "not inside a git repository" in result.stderr


def test_base_diffs_added_deleted_modified_and_renamed_files(repo: Path) -> None:
    _git(repo, "checkout", "-q", "-b", "feature")
    write(repo, "journeys/signup.yaml", UNOWNED)
    write(repo, "journeys/new.yaml", JOURNEY.replace("id: signup", "id: fresh"))
    _git(repo, "rm", "-q", "journeys/gone.yaml")
    _git(repo, "mv", "journeys/moved.yaml", "journeys/renamed.yaml")
    write(repo, ".github/workflows/ci.yml", "on: [push]\njobs: {}\n")  # not a journeyctl file
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "change")
    write(repo, "journeys/untracked.yaml", JOURNEY.replace("id: signup", "id: untracked"))

    result = run("diff", "--base", "main", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["base"]["rev"] == "main"
    by_file = {
        (d["new"] or d["old"])["path"]: (d["status"], d["old"] and d["old"]["path"])
        for d in data["diffs"]
    }
    assert by_file == {
        "journeys/signup.yaml": ("modified", "main:journeys/signup.yaml"),
        "journeys/new.yaml": ("added", None),
        "main:journeys/gone.yaml": ("deleted", "main:journeys/gone.yaml"),
        "journeys/renamed.yaml": ("unchanged", "main:journeys/moved.yaml"),
        "journeys/untracked.yaml": ("added", None),
    }
    text = run("diff", "--base", "main").stdout
    assert "5 journeyctl files changed since main:" in text
    assert "unchanged, moved from journeys/moved.yaml" in text
    assert run("diff", "--base", "main", "--fail-on", "new-errors").exit_code == 1
    assert run("diff", "--base", "main", "--exit-code").exit_code == 1

    limited = json.loads(run("diff", "--base", "main", "journeys/new.yaml", "-f", "json").stdout)
    assert [d["new"]["path"] for d in limited["diffs"]] == ["journeys/new.yaml"]


def test_base_leaves_out_files_the_settings_exclude(repo: Path) -> None:
    write(repo, "journeyctl.yaml", SETTINGS + "exclude: ['drafts/**']\n")
    write(repo, "drafts/idea.yaml", JOURNEY.replace("id: signup", "id: idea"))
    write(repo, "journeys/signup.yaml", UNOWNED)
    data = json.loads(run("diff", "--base", "HEAD", "-f", "json").stdout)
    assert [d["new"]["path"] for d in data["diffs"]] == ["journeys/signup.yaml"]


def test_base_from_a_subdirectory_sees_the_whole_repository(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(repo, "journeys/signup.yaml", UNOWNED)
    write(repo, "elsewhere/new.yaml", JOURNEY.replace("id: signup", "id: fresh"))
    (repo / "docs").mkdir()
    monkeypatch.chdir(repo / "docs")
    data = json.loads(run("diff", "--base", "HEAD", "-f", "json").stdout)
    assert sorted(d["new"]["path"] for d in data["diffs"]) == [
        "../elsewhere/new.yaml",
        "../journeys/signup.yaml",
    ]
    only = json.loads(run("diff", "--base", "HEAD", "../journeys", "-f", "json").stdout)
    assert [d["new"]["path"] for d in only["diffs"]] == ["../journeys/signup.yaml"]
    _git(repo, "config", "diff.relative", "true")  # a user's config changes nothing
    again = json.loads(run("diff", "--base", "HEAD", "-f", "json").stdout)
    assert again["diffs"] == data["diffs"]
    # the old side is named as git reads REV:path typed here; a file edited in place is no move
    assert {d["old"]["path"] for d in data["diffs"] if d["old"]} == {"HEAD:../journeys/signup.yaml"}
    text = run("diff", "--base", "HEAD").stdout
    assert "../journeys/signup.yaml  modified  " in text and "moved from" not in text
    _git(repo, "mv", "journeys/signup.yaml", "journeys/sign-up.yaml")
    moved = run("diff", "--base", "HEAD").stdout
    assert "../journeys/sign-up.yaml  modified, moved from ../journeys/signup.yaml" in moved


def test_x_keys_and_comments_are_no_change(project: Path) -> None:
    write(
        project,
        "new.yaml",
        "# note\n" + JOURNEY.replace("title: Signup", "title: Signup\nx-jira: CX-1"),
    )
    result = run("diff", "old.yaml", "new.yaml", "--exit-code")
    assert result.exit_code == 0, result.output
    assert "No change in meaning" in result.stdout


def test_base_compares_with_where_the_branch_left_the_base(repo: Path) -> None:
    _git(repo, "checkout", "-q", "-b", "feature")
    write(repo, "journeys/signup.yaml", JOURNEY.replace("name: Buys", "name: Pays"))
    _git(repo, "commit", "-q", "-am", "feature change")
    _git(repo, "checkout", "-q", "main")
    write(repo, "journeys/gone.yaml", UNOWNED.replace("id: signup", "id: gone"))
    _git(repo, "commit", "-q", "-am", "main moves on")
    _git(repo, "checkout", "-q", "feature")
    data = json.loads(run("diff", "--base", "main", "-f", "json").stdout)
    assert [d["new"]["path"] for d in data["diffs"]] == ["journeys/signup.yaml"]
    assert data["base"]["compared"] != data["base"]["commit"]


def test_base_with_nothing_changed(repo: Path) -> None:
    markdown = run("diff", "--base", "HEAD", "--format", "markdown")
    assert markdown.exit_code == 0
    assert markdown.stdout == ""  # the GitHub Action posts no comment
    assert "no journeyctl file changed since HEAD" in markdown.stderr
    text = run("diff", "--base", "HEAD", "--exit-code")
    assert text.exit_code == 0
    assert "No journeyctl file changed since HEAD." in text.stdout


def test_base_with_a_broken_file_is_exit_2(repo: Path) -> None:
    write(repo, "journeys/signup.yaml", JOURNEY + "  - {broken\n")
    result = run("diff", "--base", "HEAD")
    assert result.exit_code == 2
    assert result.stderr.startswith("journeyctl: journeys/signup.yaml:")
    assert "cannot diff" in result.stderr


def test_base_unknown_revision(repo: Path) -> None:
    result = run("diff", "--base", "origin/main")
    assert result.exit_code == 2
    assert "unknown revision 'origin/main'" in result.stderr
    assert "fetch-depth: 0" in result.stderr


def test_build_report_defaults_to_today() -> None:
    report = build_report(
        [
            str(EXAMPLES / "b2b-onboarding.current.yaml"),
            str(EXAMPLES / "b2b-onboarding.current.yaml"),
        ],
        None,
        None,
    )
    assert report.diffs[0].status == "unchanged"
    assert date.today() >= TODAY

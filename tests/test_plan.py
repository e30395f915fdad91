"""`journeyctl plan` on a hand-built project whose plan is worked out here.

On 2026-11-24 the project's opportunities are, by priority then due date:

high   2026-11-20  Own owner (support, in progress, 4 days overdue)      alpha discover/s1
high   no date     Step fallback (product: s1's owner)                   alpha discover/s1
medium 2026-12-01  Stage idea (growth: the stage's owner)                alpha discover
medium 2026-12-01  Tie A (product)                                       alpha discover/s2
medium 2026-12-01  Unowned step idea (nobody)                            alpha convert/s3
medium 2026-12-01  Beta tie (ops: named, not in the registry)            beta  only
low    2026-12-01  Stage owner via step (growth: s2 has no owner)        alpha discover/s2
none   no date     Unowned stage idea (nobody)                           alpha convert

The medium ones due the same day are ordered by journey (alpha before beta), then stage,
then step (the stage's own first). Done (Done thing, high, 2026-10-01) and dropped (Dropped,
low, no date) are left out unless --all.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import run, write

ALPHA = """\
journeyctl: 1
kind: journey
id: alpha
title: Alpha
stages:
  - id: discover
    name: Discover
    owner: growth
    opportunities:
      - {text: Stage idea, priority: medium, due: 2026-12-01}
    steps:
      - id: s1
        name: S1
        owner: product
        pain_points: [P1, P2]
        opportunities:
          - {text: Step fallback, priority: high}
          - text: Own owner
            priority: high
            owner: support
            due: 2026-11-20
            status: in-progress
            link: acme/web#12
          - {text: Done thing, priority: high, owner: support, due: 2026-10-01, status: done}
      - id: s2
        name: S2
        pain_points: [P3]
        opportunities:
          - {text: Stage owner via step, priority: low, due: 2026-12-01}
          - {text: Dropped, priority: low, owner: growth, status: dropped}
          - {text: Tie A, priority: medium, due: 2026-12-01, owner: product}
  - id: convert
    name: Convert
    opportunities:
      - {text: Unowned stage idea}
    steps:
      - id: s3
        name: S3
        terminal: true
        opportunities:
          - {text: Unowned step idea, priority: medium, due: 2026-12-01}
"""
BETA = """\
journeyctl: 1
kind: journey
id: beta
title: Beta
stages:
  - id: only
    name: Only
    owner: growth
    opportunities:
      - {text: Beta tie, priority: medium, due: 2026-12-01, owner: ops}
    steps:
      - {id: b1, name: B1, terminal: true}
"""
SETTINGS = """\
journeyctl: 1
owners:
  growth: {name: Growth}
  product: {name: Product}
  support: {name: Support}
  marketing: {name: Marketing}
"""
ORDER = [
    "Own owner",
    "Step fallback",
    "Stage idea",
    "Tie A",
    "Unowned step idea",
    "Beta tie",
    "Stage owner via step",
    "Unowned stage idea",
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write(tmp_path, "journeyctl.yaml", SETTINGS)
    write(tmp_path, "journeys/beta.yaml", BETA)  # found first: the order is the plan's own
    write(tmp_path, "journeys/alpha.yaml", ALPHA)
    return tmp_path


def plan_json(*args: str) -> dict[str, Any]:
    result = run("plan", *args, "--today", "2026-11-24", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_items_are_sorted_by_priority_due_journey_stage_and_step(project: Path) -> None:
    data = plan_json(str(project))
    assert [item["text"] for item in data["items"]] == ORDER
    assert data["hidden"] == 2 and data["overdue"] == 1 and data["today"] == "2026-11-24"


def test_an_item_says_where_it_is_whose_it_is_and_what_it_addresses(project: Path) -> None:
    items = {item["text"]: item for item in plan_json(str(project))["items"]}
    assert items["Own owner"] == {
        "text": "Own owner",
        "kind": "journey",
        "journey": "alpha",
        "state": "current",
        "path": str(project / "journeys" / "alpha.yaml"),
        "stage": "discover",
        "step": "s1",
        "owner": "support",
        "owner_from": "opportunity",
        "priority": "high",
        "due": "2026-11-20",
        "status": "in-progress",
        "link": "acme/web#12",
        "overdue": True,
        "days_overdue": 4,
        "pain_points": ["P1", "P2"],
    }
    # owner falls back to the step's, then the stage's
    assert (items["Step fallback"]["owner"], items["Step fallback"]["owner_from"]) == (
        "product",
        "step",
    )
    stage_owner = items["Stage owner via step"]
    assert (stage_owner["owner"], stage_owner["owner_from"]) == ("growth", "stage")
    assert stage_owner["pain_points"] == ["P3"]
    # a stage's opportunity: no step, every pain point of the stage's steps
    stage_idea = items["Stage idea"]
    assert stage_idea["step"] is None
    assert (stage_idea["owner"], stage_idea["owner_from"]) == ("growth", "stage")
    assert stage_idea["pain_points"] == ["P1", "P2", "P3"]
    unowned = items["Unowned stage idea"]
    assert (unowned["owner"], unowned["owner_from"], unowned["pain_points"]) == (None, None, [])
    assert not any(item["overdue"] for text, item in items.items() if text != "Own owner")


def test_all_shows_done_and_dropped_in_their_place(project: Path) -> None:
    data = plan_json(str(project), "--all")
    texts = [item["text"] for item in data["items"]]
    assert texts == ["Done thing", *ORDER[:6], "Stage owner via step", "Dropped", ORDER[7]]
    done = data["items"][0]
    assert (done["status"], done["overdue"], data["hidden"]) == ("done", False, 0)


def test_today_decides_what_is_overdue(project: Path) -> None:
    late = plan_json(str(project))["items"]
    assert [i["text"] for i in late if i["overdue"]] == ["Own owner"]
    result = run("plan", str(project), "--today", "2026-12-02", "--format", "json")
    items = json.loads(result.stdout)["items"]
    overdue = {i["text"]: i["days_overdue"] for i in items if i["overdue"]}
    assert overdue == {
        "Own owner": 12,
        "Stage idea": 1,
        "Tie A": 1,
        "Unowned step idea": 1,
        "Beta tie": 1,
        "Stage owner via step": 1,
    }
    assert run("plan", str(project), "--today", "2026-02-30").exit_code == 2


def test_owner_filters_on_the_effective_owner(project: Path) -> None:
    growth = [i["text"] for i in plan_json(str(project), "--owner", "growth")["items"]]
    assert growth == ["Stage idea", "Stage owner via step"]
    product = [i["text"] for i in plan_json(str(project), "--owner", "product")["items"]]
    assert product == ["Step fallback", "Tie A"]
    # named in a file but not in the registry; in the registry but owning nothing
    assert [i["text"] for i in plan_json(str(project), "--owner", "ops")["items"]] == ["Beta tie"]
    assert plan_json(str(project), "--owner", "marketing")["items"] == []


def test_an_unknown_owner_is_a_usage_error_with_a_suggestion(project: Path) -> None:
    result = run("plan", str(project), "--owner", "grwth")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "journeyctl: --owner: no team 'grwth' in the owners registry or in any document; did "
        "you mean 'growth'? (known teams: growth, marketing, ops, product, support)\n"
    )


def test_text_groups_by_owner_and_marks_overdue_and_fallback_owners(project: Path) -> None:
    result = run("plan", str(project), "--today", "2026-11-24")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "Plan on 2026-11-24: 8 opportunities, 1 overdue; 2 done or dropped not shown "
        "(--all shows them)"
    )
    headers = [line for line in lines if line and not line.startswith(" ")]
    assert headers[1:] == ["growth (2)", "ops (1)", "product (2)", "support (1)", "no owner (2)"]
    support = lines.index("support (1)")
    assert lines[support + 1] == "  ! high   2026-11-20  Own owner"
    assert lines[support + 2] == (
        " " * 23 + "OVERDUE BY 4 DAYS · alpha (current) > discover > s1 · in-progress"
    )
    assert lines[support + 3].strip() == "link acme/web#12"
    assert lines[support + 4].strip() == "addresses: P1; P2"
    product = lines.index("product (2)")
    assert lines[product + 1] == "    high   no date     Step fallback"
    assert lines[product + 2].strip().endswith("· open · owner product (step owner)")
    growth = lines.index("growth (2)")
    assert (
        lines[growth + 2].strip()
        == "alpha (current) > discover · open · owner growth (stage owner)"
    )


def test_a_broken_file_is_left_out_with_a_warning_or_fails_when_named(project: Path) -> None:
    bad = write(project, "journeys/bad.yaml", "journeyctl: 1\nkind: journey\nid: Bad\n")
    result = run("plan", str(project), "--today", "2026-11-24")
    assert result.exit_code == 0
    assert "Own owner" in result.stdout
    assert result.stderr.startswith(f"journeyctl: warning: {bad}:3:5: ")
    assert result.stderr.endswith("(left out of the plan)\n")
    named = run("plan", str(bad))
    assert named.exit_code == 2 and named.stdout == ""
    assert named.stderr.startswith(f"journeyctl: {bad}:3:5: ") and named.stderr.count("\n") == 1


def test_a_missing_path_and_a_bad_date_are_one_line_errors(tmp_path: Path) -> None:
    missing = run("plan", str(tmp_path / "nope"))
    assert missing.exit_code == 2 and missing.stderr.count("\n") == 1
    bad_day = run("plan", str(tmp_path), "--today", "24.11.2026")
    assert bad_day.exit_code == 2
    assert bad_day.stderr == (
        "journeyctl: --today: '24.11.2026' is not a date; write it as YYYY-MM-DD\n"
    )


def test_the_help_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    result = run("plan", "examples/", "--owner", "product", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("## Plan\n") and "### product (" in result.stdout


@pytest.mark.parametrize(
    ("args", "fence"),
    [
        (("--owner", "product"), "```text\n"),
        (("--format", "mermaid"), "```mermaid\n"),
    ],
)
def test_readme_shows_the_plan_of_the_examples_as_it_is(
    args: tuple[str, ...], fence: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = Path(__file__).resolve().parent.parent
    monkeypatch.chdir(root)
    result = run("plan", "examples/", *args, "--today", "2026-11-24")
    assert result.exit_code == 0, result.stderr
    readme = (root / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## The plan: `journeyctl plan`") :]
    start = section.index(fence) + len(fence)
    shown = section[start : section.index("```\n", start)]
    assert shown == result.stdout, "README's plan of examples/ is stale: paste the output again"


def test_lint_today_pins_the_day_rules_judge_by(project: Path) -> None:
    before = run("lint", str(project), "--today", "2026-11-20", "--format", "json")
    after = run("lint", str(project), "--today", "2026-11-21", "--format", "json")

    def overdue(result: Any) -> list[str]:
        findings = json.loads(result.stdout)["findings"]
        return [f["message"] for f in findings if f["rule"] == "overdue-opportunity"]

    assert overdue(before) == []
    assert overdue(after) == [
        "opportunity 'Own owner' is 1 day overdue: due 2026-11-20, status in-progress"
    ]
    bad = run("lint", str(project), "--today", "2026-W48-1")
    assert bad.exit_code == 2
    assert bad.stderr == "journeyctl: --today: '2026-W48-1' is not a date; write it as YYYY-MM-DD\n"

"""`journeyctl stats` on a hand-built project whose every number is worked out below.

The journey `j` (today is 2026-11-24):

    stage discover (owner sales; a stage opportunity, done, owner support; 4 metrics)
      a  sla 1d  emotion +1  pains p1 p2  evidence analytical, anecdotal      -> b
      b  sla 2h  emotion -1  pain p3  owner marketing (not in the registry)   -> c | d
      c  no sla, no emotion                                                   -> e
      d  sla 3d  emotion -1                                                   -> e (document order)
    stage decide (no owner)
      e  sla 1w  emotion +2  pain p4, no opportunity, no owner                -> f
      f  sla 4h  pain p5  owner support; opportunities: overdue (no owner:
         support's), due 2027-01-01 (owner sales); evidence analytical       -> e (loop) | g
      g  sla 1h  emotion 0  owner support  terminal

Paths from a to the terminal g, no step twice: a b c e f g = 24+2+0+168+4+1 = 199 hours;
a b d e f g = 24+2+72+168+4+1 = 271 hours. The workflow `w` has 2 steps of 1h and 2h, no
emotion. A persona is counted, not listed; `bad.yaml` does not parse.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from journeyctl.lint.engine import lint_paths
from tests.helpers import TODAY, run, write

ROOT = Path(__file__).resolve().parent.parent

SETTINGS = """\
    journeyctl: 1
    owners:
      sales: {name: Sales}
      support: {name: Support}
    rules:
      missing-outcome: "off"
      unmeasured-stage: "off"
      orphan-opportunity: "off"
    """
JOURNEY = """\
    journeyctl: 1
    kind: journey
    id: j
    title: The journey
    owner: cx
    stages:
      - id: discover
        name: Discover
        owner: sales
        metrics:
          - {name: m1, target: 10, actual: 5}
          - {name: m2, actual: 3}
          - {name: m3, target: 5, actual: 8, better: lower}
          - {name: m4, target: 1, actual: 2}
        opportunities:
          - {text: Stage fix, owner: support, due: 2026-01-01, status: done}
        steps:
          - id: a
            name: A
            sla: 1d
            emotion: 1
            pain_points: [p1, p2]
            evidence:
              - {kind: analytical, source: GA4}
              - {kind: anecdotal, source: Interview}
          - {id: b, name: B, owner: marketing, sla: 2h, emotion: -1, pain_points: [p3], next: [c, d]}
          - {id: c, name: C, next: [e]}
          - {id: d, name: D, sla: 3d, emotion: -1}
      - id: decide
        name: Decide
        steps:
          - {id: e, name: E, sla: 1w, emotion: 2, pain_points: [p4]}
          - id: f
            name: F
            owner: support
            sla: 4h
            pain_points: [p5]
            opportunities:
              - {text: Fix f, priority: high, due: 2026-11-01}
              - {text: Later, owner: sales, due: 2027-01-01, status: planned}
            evidence:
              - {kind: analytical, source: Logs}
            next: [e, g]
          - {id: g, name: G, owner: support, sla: 1h, emotion: 0, terminal: true}
    """
WORKFLOW = """\
    journeyctl: 1
    kind: workflow
    id: w
    title: The workflow
    stages:
      - id: s
        name: S
        owner: sales
        steps:
          - {id: x, name: X, owner: sales, outcome: done, sla: 1h}
          - {id: y, name: Y, owner: sales, outcome: done, sla: 2h, terminal: true}
    """
PERSONA = """\
    journeyctl: 1
    kind: persona
    id: p
    name: P
    """


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write(tmp_path, "journeyctl.yaml", SETTINGS)
    write(tmp_path, "j.yaml", JOURNEY)
    write(tmp_path, "w.yaml", WORKFLOW)
    write(tmp_path, "p.yaml", PERSONA)
    write(tmp_path, "bad.yaml", "journeyctl: 1\nkind: journey\nid: [unclosed\n")
    return tmp_path


def stats_json(*args: str, today: str = TODAY.isoformat()) -> dict[str, Any]:
    result = run("stats", *args, "--format", "json", "--today", today)
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def severities(project: Path, name: str, step: str | None = None) -> dict[str, int]:
    """What lint reports on a file (or on one of its steps), by severity."""
    findings = lint_paths([project], today=TODAY, jobs=1).report.findings
    counts = Counter(
        f.severity.label + "s"
        for f in findings
        if Path(f.path).name == name and (step is None or f"/step:{step}" in f.element)
    )
    return {key: counts[key] for key in ("errors", "warnings", "infos")}


def test_journey_numbers(project: Path) -> None:
    journey = stats_json(str(project))["documents"][0]
    findings = journey.pop("findings")
    assert journey == {
        "kind": "journey",
        "id": "j",
        "state": "current",
        "title": "The journey",
        "path": str(project / "j.yaml"),
        "stages": 2,
        "steps": 7,
        "unowned_steps": 1,  # e: no owner, and stage decide has none
        "pain_points": 5,
        "pain_points_addressed": 4,  # p1 p2 p3 by the stage's opportunity, p5 by f's; not p4
        "opportunities": 3,
        "opportunities_overdue": 1,  # f's "Fix f"; the stage's is done, "Later" is not due
        "metrics": 4,
        "metrics_without_target": 1,  # m2
        "metrics_missed": 2,  # m1 (below), m3 (above, lower is better)
        "evidence": {"analytical": 2, "anecdotal": 1, "steps_with_evidence": 2},
        "emotion": {
            "average": 0.2,  # (1 - 1 - 1 + 2 + 0) / 5
            "lowest": {"step": "b", "value": -1},  # the first of the lowest (b, then d)
            "by_stage": {"discover": -0.33, "decide": 1.0},
        },
        "time": {
            "shortest_path_hours": 199,
            "longest_path_hours": 271,
            "longest_path_exact": True,
            "steps_without_sla": 1,  # c
        },
    }
    assert findings == severities(project, "j.yaml")
    assert findings["errors"] >= 2  # unowned-step on e; marketing is not in the registry


def test_workflow_without_emotion(project: Path) -> None:
    workflow = stats_json(str(project))["documents"][1]
    assert workflow["kind"] == "workflow"
    assert (workflow["steps"], workflow["unowned_steps"], workflow["pain_points"]) == (2, 0, 0)
    assert workflow["emotion"] == {"average": None, "lowest": None, "by_stage": {"s": None}}
    assert workflow["time"] == {
        "shortest_path_hours": 3,
        "longest_path_hours": 3,
        "longest_path_exact": True,
        "steps_without_sla": 0,
    }


def test_teams(project: Path) -> None:
    teams = {team.pop("id"): team for team in stats_json(str(project))["teams"]}
    assert list(teams) == ["cx", "marketing", "sales", "support"]
    zero = {"errors": 0, "warnings": 0, "infos": 0}
    assert teams["cx"] == {  # named only as the journey's owner, not in the registry
        "name": None,
        "in_registry": False,
        "documents": 1,
        "stages": 0,
        "steps": 0,
        "pain_points": 0,
        "opportunities": 0,
        "opportunities_overdue": 0,
        "findings": zero,
    }
    marketing = teams["marketing"]
    assert (marketing["in_registry"], marketing["steps"], marketing["pain_points"]) == (False, 1, 1)
    assert marketing["findings"] == severities(project, "j.yaml", "b")
    assert marketing["findings"]["errors"] == 1  # its own owner is not in the registry
    sales = teams["sales"]
    assert sales["name"] == "Sales" and sales["in_registry"]
    # a c d of j, x y of w; stages discover and s; p1 p2; "Later" (its own owner)
    assert (sales["steps"], sales["stages"], sales["pain_points"]) == (5, 2, 2)
    assert (sales["opportunities"], sales["opportunities_overdue"]) == (1, 0)
    assert sales["findings"] == zero  # marketing to c: marketing is no registered team
    support = teams["support"]
    # f and g; p5; the stage's opportunity (its own owner) and "Fix f" (f's owner), overdue
    assert (support["steps"], support["stages"], support["pain_points"]) == (2, 0, 1)
    assert (support["opportunities"], support["opportunities_overdue"]) == (2, 1)
    f_and_g = [severities(project, "j.yaml", step) for step in ("f", "g")]
    assert support["findings"] == {key: sum(c[key] for c in f_and_g) for key in zero}


def test_project_totals(project: Path) -> None:
    data = stats_json(str(project))
    lint_total = lint_paths([project], today=TODAY, jobs=1).report.summary()
    assert data["project"] == {
        "documents": 2,
        "journeys": 1,
        "workflows": 1,
        "personas": 1,
        "skipped_files": 1,
        "teams": 4,
        "teams_not_in_registry": 2,
        "stages": 3,
        "steps": 9,
        "unowned_steps": 1,
        "pain_points": 5,
        "pain_points_addressed": 4,
        "opportunities": 3,
        "opportunities_overdue": 1,
        "metrics": 4,
        "metrics_without_target": 1,
        "metrics_missed": 2,
        "findings": {key: lint_total[key] for key in ("errors", "warnings", "infos")},
        "evidence": {"analytical": 2, "anecdotal": 1, "steps_with_evidence": 2},
        "emotion_average": 0.2,
    }


@pytest.mark.parametrize(
    ("today", "overdue"),
    [("2026-10-01", 0), ("2026-11-24", 1), ("2027-02-01", 2)],  # done items never count
)
def test_overdue_follows_today(project: Path, today: str, overdue: int) -> None:
    data = stats_json(str(project), today=today)
    assert data["documents"][0]["opportunities_overdue"] == overdue
    assert data["project"]["opportunities_overdue"] == overdue


def test_a_file_that_does_not_parse_is_named_and_left_out(project: Path) -> None:
    result = run("stats", str(project), "--format", "json", "--today", "2026-11-24")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [d["id"] for d in data["documents"]] == ["j", "w"]
    [skipped] = data["skipped"]
    assert skipped["path"] == str(project / "bad.yaml")
    assert "parse-error" in skipped["reason"] and skipped["findings"]["errors"] == 1
    assert f"{project / 'bad.yaml'}:" in result.stderr and "left out of the stats" in result.stderr
    text = run("stats", str(project), "--today", "2026-11-24").stdout
    assert "Not counted" in text and "bad.yaml" in text


def test_bad_input_exits_2_with_one_line(project: Path) -> None:
    missing = run("stats", str(project / "nope"))
    assert missing.exit_code == 2 and missing.stderr.count("\n") == 1
    bad_day = run("stats", str(project), "--today", "24.11.2026")
    assert bad_day.exit_code == 2
    assert bad_day.stderr == (  # as lint and plan say it
        "journeyctl: --today: '24.11.2026' is not a date; write it as YYYY-MM-DD\n"
    )
    assert run("stats", str(project), "--format", "pdf").exit_code == 2


def test_text_scorecard(project: Path) -> None:
    result = run("stats", str(project), "--today", "2026-11-24")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    row = next(line for line in lines if line.startswith("  j "))
    # steps, unowned, pains addressed, overdue, missed/metrics, emotion, sparkline, path time
    assert row.split()[1:8] == ["journey", "current", "7", "1", "4/5", "1", "2/4"]
    assert "+0.20" in row and "▄▆" in row and "8d 7h \u2013 11d 7h" in row
    assert any(
        line.startswith("  marketing ") and "not in the owners registry" in line for line in lines
    )
    assert (
        "  2 documents (1 journey, 1 workflow), 1 persona, 4 teams (2 not in the owners registry)"
        in lines
    )


def test_markdown_and_csv(project: Path) -> None:
    markdown = run("stats", str(project), "-f", "markdown", "--today", "2026-11-24").stdout
    assert "| `j` The journey | journey | current | 7 | 1 | 4/5 | 1 | 2/4 |" in markdown
    assert "| `marketing` | ⚠️ not in the owners registry | 1 | 0 | 1 | 0 | 0 |" in markdown
    csv_text = run("stats", str(project), "-f", "csv", "--today", "2026-11-24").stdout
    import csv

    rows = list(csv.DictReader(csv_text.splitlines()))
    assert [row["id"] for row in rows] == ["j", "w"]
    assert rows[0]["findings.errors"] == str(severities(project, "j.yaml")["errors"])
    assert rows[0]["emotion.by_stage"] == "discover=-0.33 decide=1"
    assert (rows[0]["emotion.lowest.step"], rows[0]["emotion.lowest.value"]) == ("b", "-1")
    assert rows[1]["emotion.average"] == "" and rows[1]["time.longest_path_hours"] == "3"


def test_no_files(tmp_path: Path) -> None:
    result = run("stats", str(tmp_path))
    assert result.exit_code == 0
    assert "No journeys or workflows found." in result.stdout
    assert result.stderr == (
        "journeyctl: warning: no journeyctl files found (files need a top-level `journeyctl: 1` key)\n"
    )
    data = stats_json(str(tmp_path))
    assert data["documents"] == [] and data["teams"] == [] and data["project"]["steps"] == 0
    assert data["project"]["emotion_average"] is None
    csv_text = run("stats", str(tmp_path), "-f", "csv").stdout
    assert (
        csv_text.startswith("kind,id,state,title,path,stages,steps,") and csv_text.count("\n") == 1
    )


def test_readme_shows_the_real_scorecard_of_the_examples() -> None:
    readme = ROOT / "README.md"
    match = re.search(
        r"<!-- stats:start -->\n```text\n(.*?)```\n<!-- stats:end -->",
        readme.read_text(encoding="utf-8"),
        re.S,
    )
    assert match, "README.md lost its stats markers"
    result = run("stats", str(ROOT / "examples"), "--today", "2026-11-24")
    assert match.group(1) == result.stdout, (
        "README stats scorecard is stale: paste `journeyctl stats examples/ --today 2026-11-24`"
    )


def test_an_unreadable_file_is_named_and_exits_2(project: Path) -> None:
    (project / "gone.yaml").symlink_to(project / "nowhere.yaml")
    result = run("stats", str(project), "--format", "json", "--today", "2026-11-24")
    assert result.exit_code == 2
    assert f"journeyctl: {project / 'gone.yaml'}: cannot read" in result.stderr
    assert [d["id"] for d in json.loads(result.stdout)["documents"]] == ["j", "w"]


def test_markdown_says_what_it_left_out(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from journeyctl.stats.output import markdown

    monkeypatch.setattr(markdown, "MAX_ROWS", 1)
    out = run("stats", str(project), "-f", "markdown", "--today", "2026-11-24").stdout
    assert "| `j` The journey |" in out and "| `w` The workflow |" not in out
    assert "_… and 1 more document: see `--format csv` or `--format json`._" in out
    assert "_… and 3 more teams: see `--format json`._" in out


def test_colour_on_a_terminal_marks_what_needs_attention(project: Path) -> None:
    result = run(
        "stats",
        str(project),
        "--today",
        "2026-11-24",
        env={"FORCE_COLOR": "1", "GITHUB_ACTIONS": ""},
    )
    row = next(line for line in result.stdout.splitlines() if line.startswith("  j "))
    assert "\x1b[31m1\x1b[0m" in row  # one unowned step, in red
    assert "\x1b[31m3/2/2\x1b[0m" in row  # findings with errors (one overdue), in red
    assert "\x1b[33m4/5\x1b[0m" in row  # a pain point not addressed, in yellow
    plain = run("stats", str(project), "--today", "2026-11-24", env={"NO_COLOR": "1"}).stdout
    assert "\x1b" not in plain


def test_document_health_is_a_plain_function_with_the_promised_keys() -> None:
    """What `journeyctl trend` calls: a document, its findings and a day in; numbers out."""
    import textwrap
    from datetime import date

    import yaml

    from journeyctl.core.finding import Finding, Severity
    from journeyctl.core.model import Journey
    from journeyctl.core.validation import validate_document
    from journeyctl.stats.health import document_health

    doc = validate_document(yaml.safe_load(textwrap.dedent(JOURNEY)))
    assert isinstance(doc, Journey)
    finding = Finding(
        "x.yaml", 1, 1, "unowned-step", Severity.ERROR, "m", "journey:j/stage:decide/step:e"
    )
    health = document_health(doc, [finding], date(2026, 11, 24), "x.yaml")
    data = health.to_dict()
    assert list(data) == [
        "kind", "id", "state", "title", "path", "stages", "steps", "unowned_steps", "pain_points",
        "pain_points_addressed", "opportunities", "opportunities_overdue", "metrics",
        "metrics_without_target", "metrics_missed", "findings", "evidence", "emotion", "time",
    ]  # fmt: skip
    assert data["findings"] == {"errors": 1, "warnings": 0, "infos": 0}
    assert list(data["evidence"]) == ["analytical", "anecdotal", "steps_with_evidence"]
    assert list(data["emotion"]) == ["average", "lowest", "by_stage"]
    assert list(data["time"]) == [
        "shortest_path_hours", "longest_path_hours", "longest_path_exact", "steps_without_sla",
    ]  # fmt: skip
    assert (health.steps, health.opportunities_overdue, health.time.longest_path_hours) == (
        7,
        1,
        271,
    )
    later = document_health(doc, [], date(2027, 2, 1), "x.yaml")
    assert later.opportunities_overdue == 2 and later.findings.errors == 0

"""`journeyctl owners`: the team x stage matrix, unregistered and idle teams, on a project whose
numbers are worked out here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import run, write

SETTINGS = """\
journeyctl: 1
owners:
  growth: {name: Growth, github: "@acme/growth"}
  support: {name: Support, github: "@acme/support"}
  billing: {name: Billing}
  legal: {name: Legal, github: "@acme/legal"}
"""

SIGNUP = """\
journeyctl: 1
kind: journey
id: signup
title: Sign up
owner: growth
stages:
  - id: discover
    name: Discover
    owner: growth
    steps:
      - {id: ad, name: Ad}
      - {id: call, name: Call, owner: support}
      - {id: blog, name: Blog}
  - id: pay
    name: Pay
    opportunities:
      - {text: Explain the invoice, owner: finance}
    steps:
      - {id: card, name: Card, owner: billing}
      - {id: lost, name: Lost}
      - {id: invoice, name: Invoice, owner: finance, terminal: true}
"""
"""discover: growth owns ad and blog (the stage's owner), support owns call (its own owner wins
over the stage's); pay has no owner: billing owns card, finance (not in the registry) owns
invoice, and lost is unowned. finance is named twice: the stage's opportunity and a step."""

REFUND = """\
journeyctl: 1
kind: workflow
id: refund
title: Refund
stages:
  - id: intake
    name: Intake
    owner: support
    steps:
      - {id: ticket, name: Ticket, outcome: Logged, terminal: true}
"""

PERSONA = "journeyctl: 1\nkind: persona\nid: buyer\nname: Buyer\n"


def _project(root: Path) -> None:
    write(root, "journeyctl.yaml", SETTINGS)
    write(root, "journeys/signup.yaml", SIGNUP)
    write(root, "workflows/refund.yaml", REFUND)
    write(root, "personas/buyer.yaml", PERSONA)


def _line_of(text: str, needle: str, occurrence: int = 0) -> int:
    lines = [number for number, line in enumerate(text.splitlines(), 1) if needle in line]
    return lines[occurrence]


def _json(root: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.chdir(root)
    result = run("owners", ".", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_the_matrix_counts_effective_owners(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _project(tmp_path)
    data = _json(tmp_path, monkeypatch)
    assert [(d["kind"], d["id"]) for d in data["documents"]] == [
        ("journey", "signup"),
        ("workflow", "refund"),
    ]  # in path order; the persona has no stages
    signup = data["documents"][0]
    assert signup["state"] == "current"
    assert signup["path"] == "journeys/signup.yaml"
    assert signup["stages"] == ["discover", "pay"]
    assert signup["matrix"] == {
        "billing": {"discover": 0, "pay": 1},
        "finance": {"discover": 0, "pay": 1},
        "growth": {"discover": 2, "pay": 0},
        "support": {"discover": 1, "pay": 0},
    }
    assert signup["unowned"] == {"discover": 0, "pay": 1}
    assert data["documents"][1]["matrix"] == {"support": {"intake": 1}}


def test_teams_unregistered_and_idle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _project(tmp_path)
    data = _json(tmp_path, monkeypatch)
    teams = {team["id"]: team for team in data["teams"]}
    assert teams["growth"] == {
        "id": "growth",
        "name": "Growth",
        "github": "@acme/growth",
        "in_registry": True,
        "steps": 2,
        "documents": 1,
    }
    assert (teams["support"]["steps"], teams["support"]["documents"]) == (2, 2)
    assert teams["billing"]["github"] is None
    assert teams["finance"] == {
        "id": "finance",
        "name": None,
        "github": None,
        "in_registry": False,
        "steps": 1,
        "documents": 1,
    }
    assert (teams["legal"]["steps"], teams["legal"]["documents"]) == (0, 0)
    opportunity = _line_of(SIGNUP, "owner: finance", 0)
    step = _line_of(SIGNUP, "owner: finance", 1)
    assert opportunity < step
    assert data["unregistered"] == [
        {
            "team": "finance",
            "places": [f"journeys/signup.yaml:{opportunity}", f"journeys/signup.yaml:{step}"],
        }
    ]
    assert data["idle"] == ["legal"]


def test_text_shows_a_table_per_journey_and_both_lists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("owners")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "journey signup (current): Sign up" in lines
    header = next(line for line in lines if line.startswith("team"))
    assert header.split() == ["team", "name", "discover", "pay", "total"]
    rows = {line.split()[0]: line.split() for line in lines if line.split()}
    assert rows["growth"] == ["growth", "Growth", "2", "·", "2"]
    assert rows["finance"] == ["finance", "·", "1", "1"]  # no name: not in the registry
    assert rows["(unowned)"] == ["(unowned)", "·", "1", "1"]
    step = _line_of(SIGNUP, "owner: finance", 1)
    assert "Teams missing from the owners registry:" in lines
    assert any(
        line.strip().startswith("finance: ") and f"journeys/signup.yaml:{step}" in line
        for line in lines
    )
    assert "Registry teams that own nothing:" in lines
    assert "  legal (Legal)" in lines


def test_markdown_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("owners", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "### journey `signup` (current): Sign up" in lines
    assert "| team | `discover` | `pay` | total |" in lines
    assert "| `growth` Growth | 2 | · | **2** |" in lines
    assert "| **unowned** | · | 1 | **1** |" in lines
    assert "- `legal` Legal" in lines
    assert any(line.startswith("- `finance`: journeys/signup.yaml:") for line in lines)


def test_output_file_gets_the_report_as_for_every_report_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    shown = run("owners", "--format", "markdown").stdout
    result = run("owners", "--format", "markdown", "-o", "owners.md")
    assert (result.exit_code, result.stdout) == (0, "")
    assert (tmp_path / "owners.md").read_text(encoding="utf-8") == shown
    assert run("owners", "--output-file", "owners.txt").stdout == ""
    assert (tmp_path / "owners.txt").read_text(encoding="utf-8") == run("owners").stdout
    over_input = run("owners", "journeys/signup.yaml", "-o", "journeys/signup.yaml")
    assert over_input.exit_code == 2 and "refusing" in over_input.stderr
    both = run("owners", "--codeowners", "CODEOWNERS", "-o", "owners.md")
    assert both.exit_code == 2 and "drop --format/-o" in both.stderr


def test_everything_in_place_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "journeyctl.yaml", "journeyctl: 1\nowners:\n  support: {name: Support}\n")
    write(tmp_path, "refund.yaml", REFUND)
    monkeypatch.chdir(tmp_path)
    result = run("owners")
    assert result.exit_code == 0
    assert "Every team named in the files is in the owners registry." in result.stdout
    assert "Every registry team owns something." in result.stdout
    assert json.loads(run("owners", "-f", "json").stdout)["unregistered"] == []


def test_without_a_registry_every_team_is_unregistered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "refund.yaml", REFUND)
    data = _json(tmp_path, monkeypatch)
    assert data["unregistered"] == [
        {"team": "support", "places": [f"refund.yaml:{_line_of(REFUND, 'owner: support')}"]}
    ]
    assert data["idle"] == []
    monkeypatch.chdir(tmp_path)
    for output_format in ("text", "markdown"):
        shown = run("owners", ".", "--format", output_format).stdout
        assert "No owners registry in the settings" in shown  # not a list of every team
        assert "refund.yaml:" not in shown and "missing" not in shown


HOSTILE = '<b>&"\\N \x07\u202eevil\u202c @here | *x* [l](u)'


def _hostile_project(root: Path) -> None:
    name = json.dumps(HOSTILE)  # a YAML double-quoted string
    write(root, "journeyctl.yaml", f"journeyctl: 1\nowners:\n  ops: {{name: {name}}}\n")
    write(
        root,
        "j.yaml",
        f"journeyctl: 1\nkind: journey\nid: j\ntitle: {name}\nstages:\n"
        "  - {id: s, name: S, owner: ops, steps: [{id: a, name: A, terminal: true}]}\n",
    )


def test_hostile_names_in_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _hostile_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("owners")
    assert result.exit_code == 0, result.stderr
    shown = HOSTILE.replace("\x07", "\\x07")
    assert "\x07" not in result.stdout
    assert f"journey j (current): {shown}" in result.stdout.splitlines()
    row = next(line for line in result.stdout.splitlines() if line.startswith("ops"))
    assert shown in row


def test_hostile_names_in_markdown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _hostile_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("owners", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "\x07" not in out and "<b>" not in out and "[l](u)" not in out
    escaped = '&lt;b&gt;&amp;"\\\\N \u202eevil\u202c @\u2060here \\| \\*x\\* \\[l\\](u)'
    assert f"### journey `j` (current): {escaped}" in out
    row = next(line for line in out.splitlines() if line.startswith("| `ops`"))
    assert row == f"| `ops` {escaped} | 1 | **1** |"
    assert row.replace("\\|", "").count("|") == 4  # the name's pipe adds no column


def test_hostile_names_in_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _hostile_project(tmp_path)
    data = _json(tmp_path, monkeypatch)
    assert data["documents"][0]["title"] == HOSTILE
    assert data["teams"][0]["name"] == HOSTILE


def test_a_file_that_does_not_load_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "refund.yaml", REFUND)
    write(tmp_path, "broken.yaml", "journeyctl: 1\nkind: journey\nid: [\n")
    monkeypatch.chdir(tmp_path)
    result = run("owners", "-f", "json")
    assert result.exit_code == 0
    assert "1 file left out: broken.yaml" in result.stderr
    assert [d["id"] for d in json.loads(result.stdout)["documents"]] == ["refund"]


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    missing = run("owners", str(tmp_path / "nope"))
    assert missing.exit_code == 2 and missing.stderr.count("\n") == 1
    check_alone = run("owners", str(tmp_path), "--check")
    assert check_alone.exit_code == 2
    assert "--check compares a CODEOWNERS file" in check_alone.stderr
    both = run("owners", str(tmp_path), "--codeowners", "C", "--format", "json")
    assert both.exit_code == 2 and "drop --format" in both.stderr
    write(tmp_path, "journeyctl.yaml", "owners:\n  a: {name: A, github: acme/a}\n")
    write(tmp_path, "p.yaml", PERSONA)
    bad = run("owners", str(tmp_path))
    assert bad.exit_code == 2
    assert "journeyctl.yaml:2:" in bad.stderr and "is not a GitHub handle" in bad.stderr


@pytest.mark.parametrize(
    ("handle", "valid"),
    [
        ("@acme/growth", True),
        ("@priya", True),
        ("@Acme-Corp/core_team", True),
        ("acme/growth", False),
        ("@-acme", False),
        ("@acme-", False),
        ("@acme/team.name", False),
        ("@acme/", False),
        ("@ac me", False),
        ("@acme/growth/x", False),
    ],
)
def test_github_handles(handle: str, valid: bool) -> None:
    from journeyctl.core.model import Owner
    from journeyctl.core.validation import Invalid, validate

    try:
        validate(Owner, {"name": "A", "github": handle})
    except Invalid:
        assert not valid
    else:
        assert valid


ROOT = Path(__file__).resolve().parent.parent


def _readme_block(after: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("```text\n", text.index(after)) + len("```text\n")
    return text[start : text.index("```\n", start)]


def test_readme_shows_real_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    report = run("owners", "examples/workflows/")
    assert report.exit_code == 0
    assert _readme_block("`journeyctl owners examples/workflows/`:") == report.stdout
    missing = "docs/no-such-CODEOWNERS"  # a missing file: --check shows the whole section
    check = run("owners", "examples/", "--codeowners", missing, "--check")
    added = [line[1:] for line in check.stdout.splitlines() if line.startswith("+")]
    section = "".join(f"{line}\n" for line in added[1:])  # after the `+++` line
    assert _readme_block("For `examples/`:") == section


def test_a_duplicated_stage_id_is_one_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two stages with one id (a duplicate-id error) count together, in one column; without a
    registry the text table has no name column."""
    write(
        tmp_path,
        "j.yaml",
        "journeyctl: 1\nkind: journey\nid: j\ntitle: J\nstages:\n"
        "  - {id: s, name: S, owner: ops, steps: [{id: a, name: A}]}\n"
        "  - {id: s, name: S again, steps: [{id: b, name: B, owner: ops}, {id: c, name: C}]}\n",
    )
    data = _json(tmp_path, monkeypatch)
    document = data["documents"][0]
    assert document["stages"] == ["s"]
    assert (document["matrix"], document["unowned"]) == ({"ops": {"s": 2}}, {"s": 1})
    lines = run("owners").stdout.splitlines()
    assert next(line for line in lines if line.startswith("team")).split() == ["team", "s", "total"]
    assert next(line for line in lines if line.startswith("ops")).split() == ["ops", "2", "2"]


def test_text_shows_five_places_and_counts_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps = "".join(f"      - {{id: s{n}, name: S, owner: ghost}}\n" for n in range(7))
    write(tmp_path, "journeyctl.yaml", "journeyctl: 1\nowners:\n  ops: {name: Ops}\n")
    write(
        tmp_path,
        "j.yaml",
        "journeyctl: 1\nkind: journey\nid: j\ntitle: J\nstages:\n"
        f"  - id: s\n    name: S\n    steps:\n{steps}",
    )
    data = _json(tmp_path, monkeypatch)
    assert data["unregistered"][0]["places"] == [f"j.yaml:{line}" for line in range(9, 16)]
    shown = "j.yaml:9, j.yaml:10, j.yaml:11, j.yaml:12, j.yaml:13 and 2 more"
    assert f"  ghost: {shown}" in run("owners").stdout.splitlines()
    assert f"- `ghost`: {shown}" in run("owners", "-f", "markdown").stdout.splitlines()

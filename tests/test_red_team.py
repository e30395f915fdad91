"""Hostile inputs (issue 10): each class of defect has tests of its own here."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import lint, run, write

MINIMAL = """\
    journeyctl: 1
    kind: journey
    id: {id}
    title: T
    stages:
      - id: s
        name: S
        owner: team
        outcome: done
        metrics: [{{name: m, target: 1}}]
        steps:
          - {{id: a, name: A, outcome: o, terminal: true}}
"""


def test_many_files_sharing_an_id_name_a_handful_of_other_places(tmp_path: Path) -> None:
    for number in range(60):
        write(tmp_path, f"j{number:02}.yaml", MINIMAL.format(id="same"))
    findings = [f for f in lint(tmp_path) if f.rule == "duplicate-id"]
    assert len(findings) == 60
    first, last = findings[0], findings[-1]
    assert first.path.endswith("j00.yaml")
    others = first.message.split("is also defined in ")[1]
    assert others.count(".yaml:") == 3 and others.endswith(" and 56 more")
    assert "j00.yaml" not in others
    assert "j59.yaml" not in last.message.split("is also defined in ")[1]
    assert last.message.endswith(" and 56 more")
    assert max(len(f.message) for f in findings) < 400


def test_two_files_sharing_an_id_name_each_other(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", MINIMAL.format(id="x"))
    write(tmp_path, "b.yaml", MINIMAL.format(id="x"))
    result = run("lint", str(tmp_path), "--format", "json")
    messages = [f["message"] for f in json.loads(result.stdout)["findings"]]
    assert [m.split(" in ")[-1].split("/")[-1] for m in messages] == ["b.yaml:3", "a.yaml:3"]

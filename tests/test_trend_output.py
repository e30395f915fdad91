"""`journeyctl trend`: hostile names in every format, and the parts that fold the points."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from journeyctl.core.finding import Finding, Severity
from journeyctl.core.validation import validate_document
from journeyctl.trend.measure import Outcome
from journeyctl.trend.points import point_numbers
from journeyctl.trend.report.rows import sparkline
from journeyctl.trend.series import Folder, Move
from journeyctl.workspace.load import parse_yaml
from tests.helpers import run
from tests.trend_repo import WORKFLOW, Repo

HOSTILE_FILE = '=cmd<b>&"\\N\u202e\x1b[31m\nx.yaml'
HOSTILE_METRIC = '=HYPERLINK(\\"x\\") <b>&|@team \\u202e [link](x)'


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    repo = Repo(tmp_path / "repo")
    text = WORKFLOW.replace("{name: speed,", f'{{name: "{HOSTILE_METRIC}",')
    repo.write(HOSTILE_FILE, text)
    repo.commit("a hostile name")
    monkeypatch.chdir(repo.root)
    return repo


def test_hostile_names_in_text(hostile: Repo) -> None:
    result = run("trend", ".")
    assert result.exit_code == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first == 'workflow lead-routing (current)  =cmd<b>&"\\N\u202e\\x1b[31m\\x0ax.yaml'
    assert "\x1b" not in result.stdout
    assert '  metric =HYPERLINK("x") <b>&|@team \u202e [l…  ▄  1 → 1  0' in result.stdout


def test_hostile_names_in_markdown(hostile: Repo) -> None:
    markdown = run("trend", ".", "-f", "markdown").stdout
    assert '=cmd&lt;b&gt;&amp;"\\\\N\u202e\\[31m x.yaml · 1 point: ' in markdown
    assert (
        '| metric =HYPERLINK("x") &lt;b&gt;&amp;\\|@\u2060team \u202e \\[link\\](x) | ▄ | 1 | 1 | 0 |'
        in markdown
    )
    assert "\x1b" not in markdown


def test_hostile_names_in_csv(hostile: Repo) -> None:
    rows = list(csv.reader(io.StringIO(run("trend", ".", "-f", "csv").stdout)))
    assert rows[0][-1] == 'metric: =HYPERLINK("x") <b>&|@team \u202e [link](x)'
    assert rows[1][3] == "'=cmd<b>&\"\\N\u202e [31m x.yaml"  # one line per cell
    assert rows[1][:3] == ["workflow", "lead-routing", "current"]


def test_hostile_names_in_json(hostile: Repo) -> None:
    document = json.loads(run("trend", ".", "-f", "json").stdout)["documents"][0]
    assert document["path"] == HOSTILE_FILE
    assert list(document["points"][0]["metrics"]) == ['=HYPERLINK("x") <b>&|@team \u202e [link](x)']


def flow(text: str) -> Outcome:
    """The outcome of a journey whose stages are given in YAML flow style."""
    data = parse_yaml(text.encode(), Path("x.yaml")).data
    document = validate_document(data)
    identity = (data["kind"], data["id"], data.get("state", "current"))
    return Outcome(identity, point_numbers(document, []))  # type: ignore[arg-type]


def one_step(ident: str, steps: int = 1) -> Outcome:
    listed = ", ".join(f"{{id: s{i}, name: S}}" for i in range(steps))
    return flow(
        f"journeyctl: 1\nkind: journey\nid: {ident}\ntitle: T\n"
        f"stages: [{{id: a, name: A, owner: team, steps: [{listed}]}}]\n"
    )


BROKEN = Outcome(None, {"steps": None, "findings": 1}, "1:1 parse-error: bad")


def test_a_move_git_sees_as_a_deletion_and_an_addition_continues_the_series() -> None:
    folder = Folder(lambda path: path)
    folder.add("c1", "d1", [Move(None, "a.yaml", one_step("x"))])
    folder.add("c2", "d2", [Move("a.yaml", None), Move(None, "b/c.yaml", one_step("x", 2))])
    [document] = folder.documents()
    assert (document.id, document.path, document.ended) == ("x", "b/c.yaml", None)
    assert [(p.commit, p.value("steps")) for p in document.points] == [("c1", 1), ("c2", 2)]


def test_a_new_id_ends_the_old_document_and_starts_another() -> None:
    folder = Folder(lambda path: path)
    folder.add("c1", "d1", [Move(None, "a.yaml", one_step("x"))])
    folder.add("c2", "d2", [Move("a.yaml", "a.yaml", one_step("y"))])
    old, new = sorted(folder.documents(), key=lambda d: d.id or "")
    assert (old.id, old.ended, len(old.points)) == ("x", "c2", 1)
    assert (new.id, new.ended, len(new.points)) == ("y", None, 1)


def test_a_file_that_never_loaded_is_followed_by_its_path_until_it_does() -> None:
    folder = Folder(lambda path: path)
    folder.add("c1", "d1", [Move(None, "a.yaml", BROKEN)])
    folder.add("c2", "d2", [Move("a.yaml", "a.yaml", one_step("x"))])
    [document] = folder.documents()
    assert (document.kind, document.id, document.state) == ("journey", "x", "current")
    assert [p.error for p in document.points] == ["1:1 parse-error: bad", None]


def test_a_broken_file_keeps_its_document_and_a_file_that_leaves_ends_it() -> None:
    folder = Folder(lambda path: path)
    folder.add("c1", "d1", [Move(None, "a.yaml", one_step("x"))])
    folder.add("c2", "d2", [Move("a.yaml", "a.yaml", BROKEN)])
    folder.add("c3", "d3", [Move("a.yaml", "a.yaml", Outcome(None, None, foreign=True))])
    [document] = folder.documents()
    assert [p.value("steps") for p in document.points] == [1, None]
    assert document.ended == "c3"


def test_point_numbers() -> None:
    document = validate_document(
        parse_yaml(
            b"journeyctl: 1\nkind: workflow\nid: w\ntitle: W\nstages:\n"
            b"  - {id: a, name: A, owner: ops, metrics: [{name: m, actual: 2}, {name: n}],\n"
            b"     steps: [{id: s1, name: S, emotion: 1, pain_points: [p, q]},\n"
            b"             {id: s2, name: S, emotion: 1}]}\n"
            b"  - {id: b, name: B, metrics: [{name: m, actual: 9}],\n"
            b"     steps: [{id: s3, name: S, owner: ops, emotion: 2}, {id: s4, name: S}]}\n",
            Path("w.yaml"),
        ).data
    )
    found = Finding("w.yaml", 1, 1, "dead-end", Severity.WARNING, "m")
    assert point_numbers(document, [found] * 3) == {  # type: ignore[arg-type]
        "steps": 4,
        "unowned_steps": 1,  # s4: neither it nor stage b has an owner
        "pain_points": 2,
        "emotion_average": 1.33,  # (1 + 1 + 2) / 3: s4 records none
        "findings": 3,
        "metrics": {"m": 2.0, "n": None},  # the first `m`, in document order
    }


def test_sparkline() -> None:
    assert sparkline([1, None, 3, 2]) == "▁·█▅"
    assert sparkline([5, 5]) == "▄▄"
    assert sparkline([None]) == "·"
    assert sparkline(list(range(100)), width=5) == "▁▃▄▆█"


def test_nan_and_infinite_metrics(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = Repo(tmp_path / "repo")
    text = WORKFLOW.replace("actual: 1,", "actual: .nan,").replace(
        "    steps:",
        "      - {name: fast, actual: -.inf}\n      - {name: ok, actual: 3}\n    steps:",
    )
    repo.write("w.yaml", text)
    repo.commit("odd numbers")
    monkeypatch.chdir(repo.root)
    written = run("trend", ".", "-f", "json").stdout
    assert ": NaN" not in written  # JSON has no NaN: written as a string, as diff does
    data = json.loads(written)
    metrics = data["documents"][0]["points"][0]["metrics"]
    assert metrics == {"speed": "NaN", "fast": "-Infinity", "ok": 3.0}
    text_out = run("trend", ".").stdout
    assert "metric ok" in text_out
    assert "metric speed" not in text_out  # nothing to draw
    rows = list(csv.reader(io.StringIO(run("trend", ".", "-f", "csv").stdout)))
    assert rows[1][-3:] == ["NaN", "-Infinity", "3"]


def test_include_and_exclude_of_the_working_tree_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = Repo(tmp_path / "repo")
    repo.write("journeyctl.yaml", 'journeyctl: 1\nexclude: ["drafts/**"]\n')
    repo.write("drafts/w.yaml", WORKFLOW)
    repo.write("maps/w.yml", WORKFLOW.replace("id: lead-routing", "id: kept"))
    repo.write("node_modules/w.yaml", WORKFLOW.replace("id: lead-routing", "id: tooling"))
    repo.commit("three workflows, one lint sees")
    monkeypatch.chdir(repo.root)
    documents = json.loads(run("trend", ".", "-f", "json").stdout)["documents"]
    assert [(d["id"], d["path"]) for d in documents] == [("kept", "maps/w.yml")]
    named = json.loads(run("trend", "drafts/w.yaml", "-f", "json").stdout)["documents"]
    assert [d["id"] for d in named] == ["lead-routing"]  # a named file always counts


def test_a_persona_is_no_document_even_when_it_breaks() -> None:
    folder = Folder(lambda path: path)
    persona = Outcome(("persona", "p", None), None)
    folder.add("c1", "d1", [Move(None, "p.yaml", BROKEN)])
    folder.add("c2", "d2", [Move("p.yaml", "p.yaml", persona)])
    folder.add("c3", "d3", [Move("p.yaml", "p.yaml", BROKEN)])
    folder.add("c4", "d4", [Move("p.yaml", "p.yaml", persona)])
    assert folder.documents() == []


def test_output_file(hostile: Repo) -> None:
    result = run("trend", ".", "-f", "csv", "-o", "trend.csv")
    assert (result.exit_code, result.stdout) == (0, "")
    written = (hostile.root / "trend.csv").read_text(encoding="utf-8")
    assert written.startswith("kind,id,state,path,commit,")
    refused = run("trend", ".", "-o", HOSTILE_FILE)  # a journeyctl file is never overwritten
    assert refused.exit_code == 2

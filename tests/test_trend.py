"""`journeyctl trend` on a throwaway git repository whose points are worked out by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import run
from tests.trend_repo import WORKFLOW, Ids, Repo, build_history


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Repo, Ids]:
    return build_history(tmp_path_factory.mktemp("trend") / "repo")


def point(ids: Ids, name: str, day: int, **numbers: Any) -> dict[str, Any]:
    """An expected point: the journey's numbers at `add`, changed by `numbers`."""
    base: dict[str, Any] = {
        "steps": 4,
        "unowned_steps": 1,
        "pain_points": 1,
        "emotion_average": 0.0,
        "findings": 2,
        "metrics": {"signup-rate": 0.4, "activation-rate": 0.35},
        "error": None,
    }
    return {"commit": ids[name], "date": f"2026-01-{day:02d}", **base, **numbers}


def journey_points(ids: Ids) -> list[dict[str, Any]]:
    """The journey's points, worked out from `trend_repo.JOURNEY` and its findings."""
    met = {"signup-rate": 0.55, "activation-rate": 0.35}
    fixed = {"unowned_steps": 0, "emotion_average": 1.5, "findings": 0, "metrics": met}
    return [
        # 4 steps, `imports` unowned, one pain point, emotions -1 and 1; unowned-step and
        # missed-target (signup 0.4 < 0.5)
        point(ids, "add", 1),
        point(ids, "emotion", 2, emotion_average=1.5),  # emotions 2 and 1
        # (day 3 changed only files lint does not see: no point)
        point(ids, "owner", 4, unowned_steps=0, emotion_average=1.5, findings=1),
        point(
            ids,
            "broken",
            5,
            **dict.fromkeys(["steps", "unowned_steps", "pain_points"]),
            emotion_average=None,
            metrics=None,
            findings=1,
        ),
        point(ids, "fixed", 6, **fixed),
        point(ids, "renamed", 7, **fixed),  # the same document, followed by its identity
        # the merge brings the side branch's pain point (unaddressed: one finding); the side
        # commit (day 8) and the notes-only commit (day 9) are no points
        point(ids, "merge", 10, **{**fixed, "pain_points": 2, "findings": 1}),
    ]


def workflow_point(ids: Ids) -> dict[str, Any]:
    return {
        "commit": ids["workflow"],
        "date": "2026-01-11",
        "steps": 1,
        "unowned_steps": 0,
        "pain_points": 0,
        "emotion_average": None,
        "findings": 0,
        "metrics": {"speed": 1.0},
        "error": None,
    }


def trend_json(*args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    result = run("trend", *args, "--format", "json", "--today", "2026-02-01", env=env)
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def without_errors(points: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**p, "error": None} for p in points]


def test_every_point_of_the_history(
    history: tuple[Repo, Ids], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, ids = history
    monkeypatch.chdir(repo.root)
    documents = trend_json(".")["documents"]
    assert [(d["kind"], d["id"], d["state"], d["path"], d["ended"]) for d in documents] == [
        ("journey", "onboarding", "current", "journeys/renamed ✓.yaml", None),
        ("workflow", "lead-routing", "current", "workflows/routing.yaml", ids["deleted"]),
    ]
    journey_found = documents[0]["points"]
    assert without_errors(journey_found) == journey_points(ids)
    assert journey_found[3]["error"] == (
        "32:9 parse-error: while parsing a flow sequence: did not find expected ',' or ']'"
    )
    assert documents[1]["points"] == [workflow_point(ids)]


def test_since_is_exclusive(history: tuple[Repo, Ids], monkeypatch: pytest.MonkeyPatch) -> None:
    repo, ids = history
    monkeypatch.chdir(repo.root)
    documents = trend_json(".", "--since", ids["fixed"])["documents"]
    assert [p["commit"] for p in documents[0]["points"]] == [ids["renamed"], ids["merge"]]
    assert documents[0]["points"] == journey_points(ids)[-2:]
    assert documents[1]["points"] == [workflow_point(ids)]


def test_a_file_path_and_a_directory_below_the_top(
    history: tuple[Repo, Ids], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, ids = history
    monkeypatch.chdir(repo.root / "journeys")
    documents = trend_json(".")["documents"]
    assert [d["path"] for d in documents] == ["renamed ✓.yaml"]
    assert without_errors(documents[0]["points"]) == journey_points(ids)
    named = trend_json("renamed ✓.yaml")["documents"]
    # git follows the named path only: the file starts where it got this name
    assert [p["commit"] for p in named[0]["points"]] == [ids["renamed"], ids["merge"]]


def test_a_users_git_config_changes_no_point(
    history: tuple[Repo, Ids], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`log.follow` (a named file followed through renames, with points lost) and
    `diff.relative` (paths relative to the current folder: none found) change what `git log`
    writes; trend reads history the same whatever a user configured."""
    repo, ids = history
    monkeypatch.chdir(repo.root / "journeys")
    config = {"log.follow": "true", "diff.relative": "true"}
    env = {"GITHUB_ACTIONS": "", "GIT_CONFIG_COUNT": str(len(config))}
    for index, (key, value) in enumerate(config.items()):
        env |= {f"GIT_CONFIG_KEY_{index}": key, f"GIT_CONFIG_VALUE_{index}": value}
    assert trend_json(".", env=env) == trend_json(".")
    named = trend_json("renamed ✓.yaml", env=env)["documents"]
    assert [p["commit"] for p in named[0]["points"]] == [ids["renamed"], ids["merge"]]


def test_text_shows_sparklines_first_last_and_change(
    history: tuple[Repo, Ids], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, ids = history
    monkeypatch.chdir(repo.root)
    result = run("trend", ".", "--today", "2026-02-01")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:9] == [
        "journey onboarding (current)  journeys/renamed ✓.yaml",
        f"  7 points: {ids['add'][:8]} 2026-01-01 → {ids['merge'][:8]} 2026-01-10",
        "  steps                   ▄▄▄·▄▄▄     4 → 4     0",
        "  unowned steps           ██▁·▁▁▁     1 → 0     -1",
        "  pain points             ▁▁▁·▁▁█     1 → 2     +1",
        "  emotion                 ▁██·███     0 → 1.5   +1.5",
        "  findings                ██▅▅▁▁▅     2 → 1     -1",
        "  metric signup-rate      ▁▁▁·███   0.4 → 0.55  +0.15",
        "  metric activation-rate  ▄▄▄·▄▄▄  0.35 → 0.35  0",
    ]
    assert f"  ended at {ids['deleted'][:8]}: no file under the path holds it now" in lines


def test_markdown_and_csv(history: tuple[Repo, Ids], monkeypatch: pytest.MonkeyPatch) -> None:
    repo, ids = history
    monkeypatch.chdir(repo.root)
    markdown = run("trend", ".", "-f", "markdown").stdout
    assert "### Journey `onboarding` (`current`)" in markdown
    assert "| findings | ██▅▅▁▁▅ | 2 | 1 | -1 |" in markdown
    assert "2 documents, measured at 8 commits (oldest first)." in markdown
    table = run("trend", ".", "-f", "csv").stdout.splitlines()
    assert table[0] == (
        "kind,id,state,path,commit,date,steps,unowned_steps,pain_points,emotion_average,"
        "findings,error,metric: signup-rate,metric: activation-rate,metric: speed"
    )
    assert table[1] == (
        f"journey,onboarding,current,journeys/renamed ✓.yaml,{ids['add']},2026-01-01,"
        "4,1,1,0,2,,0.4,0.35,"
    )
    assert len(table) == 1 + 7 + 1


def test_a_shallow_clone_says_so(
    history: tuple[Repo, Ids], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, ids = history
    clone = Repo.clone(repo, tmp_path / "clone", depth=2)
    monkeypatch.chdir(clone.root)
    result = run("trend", ".", "-f", "json")
    assert result.exit_code == 0
    assert "shallow clone: history starts at " + ids["workflow"][:12] in result.stderr
    documents = json.loads(result.stdout)["documents"]
    # the oldest commit of a shallow clone adds every file there
    assert [p["commit"] for p in documents[0]["points"]] == [ids["workflow"]]
    assert [p["commit"] for p in documents[1]["points"]] == [ids["workflow"]]
    assert documents[1]["ended"] == ids["deleted"]


def test_a_blob_over_the_size_cap(
    history: tuple[Repo, Ids], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, ids = history
    monkeypatch.chdir(repo.root)
    documents = trend_json(".", env={"JOURNEYCTL_MAX_FILE_MB": "0.001"})["documents"]
    huge = documents[0]["points"][0]
    assert huge["error"].startswith("cannot read: larger than 0.001 MB")
    assert (huge["steps"], huge["findings"]) == (None, None)
    assert documents[1]["points"] == [workflow_point(ids)]  # 480 bytes: under the cap


def test_no_commit_changed_a_journeyctl_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = Repo(tmp_path / "repo")
    repo.write("README.md", "# nothing here\n")
    repo.commit("readme")
    monkeypatch.chdir(repo.root)
    result = run("trend", ".", "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"documents": []}
    assert result.stderr == (
        "journeyctl: note: no commit on HEAD's first-parent history changed a journeyctl file "
        "under .\n"
    )
    assert run("trend", ".").stdout == ""


def test_a_repository_without_commits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = Repo(tmp_path / "repo")
    repo.write("j.yaml", WORKFLOW)
    monkeypatch.chdir(repo.root)
    result = run("trend", "j.yaml")
    assert result.exit_code == 0
    assert "no commit" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "nope"], "journeyctl: unknown revision 'nope': no such branch, tag or commit"),
        (["--since", "--all"], "journeyctl: unknown revision '--all': revisions cannot start"),
        (
            ["--today", "2026-13-01"],
            "journeyctl: --today: '2026-13-01' is not a date; write it as YYYY-MM-DD",
        ),
        (  # lint's reading of --today: Python's other ISO forms are no dates here either
            ["--today", "20261201"],
            "journeyctl: --today: '20261201' is not a date; write it as YYYY-MM-DD",
        ),
        (
            ["--today", "2026-W49-3"],
            "journeyctl: --today: '2026-W49-3' is not a date; write it as YYYY-MM-DD",
        ),
    ],
)
def test_bad_options_are_one_line(
    history: tuple[Repo, Ids], monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    repo, _ = history
    monkeypatch.chdir(repo.root)
    result = run("trend", ".", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1


def test_outside_git_and_a_missing_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "j.yaml").write_text(WORKFLOW, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    result = run("trend", "j.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("journeyctl: j.yaml: not inside a git repository")  # not `.`
    assert result.stderr.count("\n") == 1
    missing = run("trend", "nowhere")
    assert (missing.exit_code, missing.stderr) == (
        2,
        "journeyctl: nowhere: no such file or directory\n",
    )

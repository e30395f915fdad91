"""Hostile inputs (issue 10): each class of defect has tests of its own here."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest

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


def _messages(tmp_path: Path, text: str) -> list[str]:
    write(tmp_path, "journeyctl.yaml", "owners:\n  marketing: {name: M}\n  team: {name: T}\n")
    write(tmp_path, "j.yaml", text)
    return [f"{f.line}:{f.column} {f.message}" for f in lint(tmp_path)]


def test_a_date_written_another_way_says_how_to_write_it(tmp_path: Path) -> None:
    text = textwrap.dedent(MINIMAL.format(id="j"))
    text = text.replace("title: T\n", "title: T\nreviewed: 30/11/2026\n")
    assert _messages(tmp_path, text) == [
        "5:11 reviewed: '30/11/2026' is not a date: write YYYY-MM-DD, e.g. 2026-11-30"
    ]


def test_mistyped_step_and_owner_ids_get_a_did_you_mean(tmp_path: Path) -> None:
    text = textwrap.dedent(MINIMAL.format(id="j"))
    text = text.replace("terminal: true}", "next: [bb]}\n      - {id: b, name: B, owner: markting}")
    messages = _messages(tmp_path, text)
    assert (
        "12:45 step 'a' goes next to 'bb', which is no step of this journey; did you mean 'b'?"
    ) in messages
    assert "13:33 owner 'markting' is not in the owners registry; did you mean 'marketing'?" in (
        messages
    )


def test_a_settings_key_in_a_journey_says_where_it_belongs(tmp_path: Path) -> None:
    text = textwrap.dedent(MINIMAL.format(id="j"))
    text = text.replace("title: T\n", "title: T\nreview_every: 30d\n")
    assert (
        "5:1 unknown key 'review_every' here; it is a key of journeyctl.yaml "
        "(own extensions must start with 'x-')"
    ) in _messages(tmp_path, text)


def test_absurd_durations_are_schema_errors_not_crashes(tmp_path: Path) -> None:
    text = textwrap.dedent(MINIMAL.format(id="j"))
    text = text.replace("outcome: done\n", "outcome: done\n    duration: 99999999999999999999w\n")
    text = text.replace("terminal: true}", "terminal: true, sla: 9999999999999999999999h}")
    messages = _messages(tmp_path, text)
    assert messages == [
        "10:15 duration: '99999999999999999999w' is not a duration: "
        "write e.g. 4h, 14d or 2w (6 digits)",
        "13:59 sla: '9999999999999999999999h' is not a duration: "
        "write e.g. 4h, 14d or 2w (6 digits)",
    ]
    write(tmp_path, "journeyctl.yaml", "review_every: 99999999999999999999d\n")
    result = run("lint", str(tmp_path))
    assert result.exit_code == 2
    assert "journeyctl.yaml:1:15: bad settings: review_every:" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_baseline_nested_100000_deep_is_a_one_line_error(tmp_path: Path) -> None:
    write(tmp_path, "j.yaml", MINIMAL.format(id="j"))
    baseline = tmp_path / "b.json"
    baseline.write_text("[" * 100_000, encoding="utf-8")
    result = run("lint", str(tmp_path), "--baseline", str(baseline))
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("b.json: not a journeyctl baseline: nested too deeply")
    assert len(result.stderr.strip().splitlines()) == 1


def test_one_duplicated_step_id_is_one_finding_not_a_flood(tmp_path: Path) -> None:
    steps = "\n".join(
        f"      - {{id: {'s3' if n == 7 else f's{n}'}, name: S{n}, outcome: o}}"
        for n in range(1, 15)
    )
    text = textwrap.dedent(MINIMAL.format(id="j")).replace(
        "      - {id: a, name: A, outcome: o, terminal: true}",
        steps + "\n      - {id: end, name: E, outcome: o, terminal: true}",
    )
    write(tmp_path, "j.yaml", text)
    findings = [(f.rule, f.line) for f in lint(tmp_path / "j.yaml")]
    assert findings == [("duplicate-id", 18)]


def test_the_size_cap_is_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "j.yaml", MINIMAL.format(id="j"))
    monkeypatch.setenv("JOURNEYCTL_MAX_FILE_MB", "0.0001")
    result = run("lint", str(tmp_path / "j.yaml"))
    assert result.exit_code == 2
    assert "j.yaml: cannot read: larger than 0.0001 MB, the most journeyctl reads (set " in (
        result.stderr
    )
    monkeypatch.setenv("JOURNEYCTL_MAX_FILE_MB", "lots")
    result = run("lint", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "journeyctl: JOURNEYCTL_MAX_FILE_MB='lots': give a number of megabytes, e.g. 250"
    )
    monkeypatch.setenv("JOURNEYCTL_MAX_FILE_MB", "1")
    assert run("lint", str(tmp_path)).exit_code == 0


def test_a_settings_file_that_cannot_be_read_is_named_not_ignored(tmp_path: Path) -> None:
    write(tmp_path, "j.yaml", MINIMAL.format(id="j"))
    os.mkfifo(tmp_path / "journeyctl.yaml")
    result = run("lint", str(tmp_path))
    assert result.exit_code == 2
    assert "journeyctl.yaml: cannot read settings: not a regular file" in result.stderr
    (tmp_path / "journeyctl.yaml").unlink()
    (tmp_path / "journeyctl.yaml").symlink_to(tmp_path / "nowhere.yaml")
    result = run("lint", str(tmp_path))
    assert result.exit_code == 2
    assert "journeyctl.yaml: cannot read settings: No such file or directory" in result.stderr


def test_fmt_diff_in_github_actions_fences_the_files_lines(tmp_path: Path) -> None:
    messy = (
        "kind: persona\njourneyctl: 1\nx-note: '::error file=x.py,line=1::pwned'\nid: p\nname: P\n"
    )
    path = write(tmp_path, "p.yaml", messy)
    result = run("fmt", "--diff", str(path), env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::stop-commands::")
    fence = lines[0].removeprefix("::stop-commands::")
    assert len(fence) == 32 and lines[-1] == f"::{fence}::"
    assert any("::error file=x.py" in line for line in lines[1:-1])
    plain = run("fmt", "--diff", str(path), env={"GITHUB_ACTIONS": ""})
    assert plain.stdout.splitlines()[0].startswith("--- ")
    assert path.read_text(encoding="utf-8") == messy


def test_a_date_with_a_time_is_not_a_date_as_the_schema_says(tmp_path: Path) -> None:
    text = textwrap.dedent(MINIMAL.format(id="j"))
    text = text.replace("title: T\n", "title: T\nreviewed: 2026-11-02T00:00:00\n")
    messages = _messages(tmp_path, text)
    assert len(messages) == 1 and messages[0].startswith("5:11 reviewed: ")
    assert messages[0].endswith("is not a date: write YYYY-MM-DD, e.g. 2026-11-30")

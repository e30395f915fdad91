"""`journeyctl owners --codeowners FILE [--check]`: the marked section of a CODEOWNERS file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from journeyctl.owners.codeowners import pattern
from journeyctl.owners.section import BEGIN, END, NOTE
from tests.helpers import run, write

SETTINGS = """\
journeyctl: 1
owners:
  growth: {name: Growth, github: "@acme/growth"}
  support: {name: Support, github: "@acme/support"}
  billing: {name: Billing}
"""


def _journey(doc_id: str, owner: str, stage_owner: str, step_owner: str) -> str:
    return (
        f"journeyctl: 1\nkind: journey\nid: {doc_id}\ntitle: T\nowner: {owner}\nstages:\n"
        f"  - id: s\n    name: S\n    owner: {stage_owner}\n    steps:\n"
        "      - {id: a, name: A}\n"
        f"      - {{id: b, name: B, owner: {step_owner}, terminal: true}}\n"
    )


SECTION = [
    BEGIN,
    NOTE,
    "/journeys/pay.yaml @acme/growth @acme/support",
    "# /journeys/refund.yaml: no owning team has a github handle",
    "/journeys/signup.yaml @acme/growth @acme/support",
    END,
]
"""pay: owned by growth (the document), its steps by billing (no handle) and support; refund:
billing only; signup: growth (stage and document) and support (a step)."""


def _project(root: Path) -> Path:
    (root / ".git").mkdir()
    (root / ".github").mkdir()
    write(root, "journeyctl.yaml", SETTINGS)
    write(root, "journeys/signup.yaml", _journey("signup", "growth", "growth", "support"))
    write(root, "journeys/pay.yaml", _journey("pay", "growth", "billing", "support"))
    write(root, "journeys/refund.yaml", _journey("refund", "billing", "billing", "billing"))
    write(root, "personas/p.yaml", "journeyctl: 1\nkind: persona\nid: p\nname: P\n")
    return root / ".github" / "CODEOWNERS"


def _owners(root: Path, *extra: str) -> tuple[int, str, str]:
    os.chdir(root)
    result = run("owners", ".", "--codeowners", ".github/CODEOWNERS", *extra)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def _keep_cwd(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path.cwd())


def test_a_fresh_file(tmp_path: Path) -> None:
    codeowners = _project(tmp_path)
    code, out, err = _owners(tmp_path)
    assert code == 0, err
    assert out == ""
    assert codeowners.read_text() == "\n".join(SECTION) + "\n"
    assert ".github/CODEOWNERS: created the journeyctl owners section (3 lines)" in err
    assert err.count("billing") == 1  # named once, though it owns steps in two files
    assert "no github handle in the owners registry, left out: billing" in err


def test_appended_to_an_existing_file(tmp_path: Path) -> None:
    codeowners = _project(tmp_path)
    codeowners.write_bytes(b"* @acme/all\n/docs/ @acme/docs")  # no newline at the end
    code, _, err = _owners(tmp_path)
    assert code == 0, err
    expected = "* @acme/all\n/docs/ @acme/docs\n\n" + "\n".join(SECTION) + "\n"
    assert codeowners.read_text() == expected
    assert "added the journeyctl owners section" in err


def test_a_stale_section_is_replaced_and_the_rest_kept(tmp_path: Path) -> None:
    codeowners = _project(tmp_path)
    before = b"# Team rules\n* @acme/all   \n\n\xff not UTF-8 \xfe\n"
    after = b"\n# trailing comment, kept\n"
    old = f"{BEGIN}\n/journeys/gone.yaml @acme/old\n{END}\n".encode()
    codeowners.write_bytes(before + old + after)
    code, _, err = _owners(tmp_path)
    assert code == 0, err
    written = codeowners.read_bytes()
    assert written.startswith(before) and written.endswith(after)
    assert written[len(before) : len(written) - len(after)].decode() == "\n".join(SECTION) + "\n"
    assert "updated the journeyctl owners section" in err
    assert "note:" not in err  # only a comment follows the section


def test_a_second_run_writes_nothing(tmp_path: Path) -> None:
    codeowners = _project(tmp_path)
    assert _owners(tmp_path)[0] == 0
    os.utime(codeowners, ns=(1_000_000_000, 1_000_000_000))
    content = codeowners.read_bytes()
    code, _, err = _owners(tmp_path)
    assert code == 0
    assert codeowners.stat().st_mtime_ns == 1_000_000_000
    assert codeowners.read_bytes() == content
    assert "is up to date" in err


def test_check(tmp_path: Path) -> None:
    codeowners = _project(tmp_path)
    code, out, err = _owners(tmp_path, "--check")
    assert code == 1 and not codeowners.exists()  # missing: stale, and nothing written
    assert "section is stale" in err
    assert _owners(tmp_path)[0] == 0
    code, out, err = _owners(tmp_path, "--check")
    assert (code, out) == (0, "")
    assert "is up to date" in err
    fresh = codeowners.read_text()
    stale = fresh.replace("/journeys/pay.yaml @acme/growth @acme/support", "/journeys/pay.yaml @x")
    assert stale != fresh
    codeowners.write_text(stale)
    code, out, err = _owners(tmp_path, "--check")
    assert code == 1
    assert codeowners.read_text() == stale  # --check writes nothing
    assert [line for line in err.splitlines() if "billing" not in line] == [
        "journeyctl: .github/CODEOWNERS: the journeyctl owners section is stale; "
        "run `journeyctl owners . --codeowners .github/CODEOWNERS`"  # the whole command
    ]
    assert out.startswith("--- .github/CODEOWNERS (journeyctl section)\n+++ ")
    assert "-/journeys/pay.yaml @x\n" in out
    assert "+/journeys/pay.yaml @acme/growth @acme/support\n" in out


def test_a_crlf_file_stays_crlf(tmp_path: Path) -> None:
    codeowners = _project(tmp_path)
    codeowners.write_bytes(b"* @acme/all\r\n")
    assert _owners(tmp_path)[0] == 0
    written = codeowners.read_bytes()
    assert written == b"* @acme/all\r\n\r\n" + "\r\n".join(SECTION).encode() + b"\r\n"
    assert written.count(b"\n") == written.count(b"\r\n")
    os.utime(codeowners, ns=(1_000_000_000, 1_000_000_000))
    assert _owners(tmp_path, "--check")[0] == 0
    assert _owners(tmp_path)[0] == 0
    assert codeowners.stat().st_mtime_ns == 1_000_000_000


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        (f"{BEGIN}\n{END}\n{BEGIN}\n{END}\n", 3, "a second"),
        (f"# x\n{BEGIN}\n/a @b\n", 2, "has no '# END journeyctl owners' after it"),
        (f"{END}\n{BEGIN}\n", 1, "has no '# BEGIN journeyctl owners' before it"),
        (f"{BEGIN}\n{END}\n{END}\n", 3, "a second"),
    ],
)
def test_broken_markers_exit_2(tmp_path: Path, text: str, line: int, says: str) -> None:
    codeowners = _project(tmp_path)
    codeowners.write_text(text)
    for extra in ((), ("--check",)):
        code, _, err = _owners(tmp_path, *extra)
        assert code == 2
        assert err.startswith(f"journeyctl: .github/CODEOWNERS:{line}: ") and says in err
        assert err.count("\n") == 1
    assert codeowners.read_text() == text


def test_paths_that_need_escaping(tmp_path: Path) -> None:
    codeowners = _project(tmp_path)
    write(tmp_path, "my maps/sign up #1.yaml", _journey("a", "growth", "growth", "growth"))
    write(tmp_path, "my maps/[b]*?.yaml", _journey("b", "support", "support", "support"))
    assert _owners(tmp_path)[0] == 0
    lines = codeowners.read_text().splitlines()
    assert "/my\\ maps/sign\\ up\\ \\#1.yaml @acme/growth" in lines
    assert "/my\\ maps/\\[b\\]\\*\\?.yaml @acme/support" in lines


def test_pattern_escapes_what_codeowners_reads_as_syntax() -> None:
    assert pattern("a b/c\\d.yaml") == "/a\\ b/c\\\\d.yaml"
    assert pattern("#x/!y.yaml") == "/\\#x/!y.yaml"
    assert pattern("journeys/ünïcode.yaml") == "/journeys/ünïcode.yaml"


def test_a_rule_after_the_section_is_noted(tmp_path: Path) -> None:
    codeowners = _project(tmp_path)
    codeowners.write_text(f"{BEGIN}\n{END}\n\n# later\n*.yaml @acme/yaml\n")
    code, _, err = _owners(tmp_path)
    assert code == 0
    assert "note: line 5 after the journeyctl section is a rule" in err


def test_the_folder_must_exist(tmp_path: Path) -> None:
    _project(tmp_path)
    os.chdir(tmp_path)
    result = run("owners", ".", "--codeowners", "docs/CODEOWNERS")
    assert result.exit_code == 2
    assert "docs/CODEOWNERS: cannot write: folder docs does not exist" in result.stderr
    assert not (tmp_path / "docs").exists()


def test_a_journeyctl_file_is_never_overwritten(tmp_path: Path) -> None:
    _project(tmp_path)
    os.chdir(tmp_path)
    target = tmp_path / "journeys" / "signup.yaml"
    content = target.read_bytes()
    result = run("owners", ".", "--codeowners", "journeys/signup.yaml")
    assert result.exit_code == 2 and "refusing" in result.stderr
    assert target.read_bytes() == content


def test_paths_are_from_the_git_root(tmp_path: Path) -> None:
    codeowners = _project(tmp_path)
    os.chdir(tmp_path / "journeys")
    result = run("owners", "signup.yaml", "--codeowners", "../.github/CODEOWNERS")
    assert result.exit_code == 0, result.stderr
    assert "/journeys/signup.yaml @acme/growth @acme/support" in codeowners.read_text()


def test_files_codeowners_cannot_name_are_left_out(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    codeowners = _project(repo)
    write(tmp_path, "elsewhere/x.yaml", _journey("x", "growth", "growth", "growth"))
    write(repo, "odd\tname.yaml", _journey("y", "growth", "growth", "growth"))
    os.chdir(tmp_path)
    result = run("owners", "repo", "elsewhere", "--codeowners", "repo/.github/CODEOWNERS")
    assert result.exit_code == 0, result.stderr
    assert "outside the repository, left out: elsewhere/x.yaml" in result.stderr
    assert "names CODEOWNERS cannot hold, left out: repo/odd\\x09name.yaml" in result.stderr
    assert codeowners.read_text() == "\n".join(SECTION) + "\n"

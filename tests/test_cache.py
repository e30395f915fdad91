"""The lint cache: a repeat lint says the same, reads nothing unchanged, and checks exactly
the files whose result can differ (workspace.cache, lint.cached)."""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

import journeyctl
from journeyctl.core.finding import Finding
from journeyctl.lint import cached
from journeyctl.lint.engine import check_content, lint_paths
from journeyctl.workspace import cache, cache_key
from journeyctl.workspace.read import read_regular
from tests.helpers import TODAY, run

ROOT = Path(__file__).resolve().parent.parent
JOURNEY = "journeys/b2b-onboarding.current.yaml"
OPTIMIZED = "journeys/b2b-onboarding.optimized.yaml"
DAY = 86_400


class Counts:
    """How many files the cached lint read and checked."""

    def __init__(self) -> None:
        self.reads: list[str] = []
        self.checks: list[str] = []


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the examples (findings of every severity), its files' times a day old, as
    the current folder, with the cache in its default place."""
    folder = tmp_path / "project"
    shutil.copytree(ROOT / "examples", folder, ignore=shutil.ignore_patterns(".journeyctl-cache"))
    _age(*folder.rglob("*"))
    monkeypatch.chdir(folder)
    monkeypatch.delenv(cache.CACHE_DIR_ENV, raising=False)
    return folder


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> Counts:
    seen = Counts()
    read, check = read_regular, check_content

    def counted_read(path: Path, max_bytes: int | None = None) -> bytes:
        seen.reads.append(Path(path).name)
        return read(path, max_bytes)

    def counted_check(target: Any, raw: bytes, today: date, keep: bool = False) -> Any:
        seen.checks.append(target.path.name)
        return check(target, raw, today, keep)

    monkeypatch.setattr(cached, "read_regular", counted_read)
    monkeypatch.setattr(cached, "check_content", counted_check)
    return seen


def _age(*paths: Path) -> None:
    """Date files back a day (a stat is trusted only for a file not changed just now); this
    changes their ctime, so a cached lint reads them again (and finds their results)."""
    old = time.time() - DAY
    for path in paths:
        os.utime(path, (old, old))


def _lint(today: date = TODAY, use_cache: bool = True) -> list[Finding]:
    return lint_paths([Path()], today=today, jobs=1, use_cache=use_cache).report.findings


def _fresh(counts: Counts, today: date = TODAY) -> tuple[list[str], list[str]]:
    """Lint with the cache; check it says what a lint without it says; which files were read
    (each once: a changed file's bytes, read to look it up, are the ones checked) and which
    were checked."""
    counts.reads.clear()
    counts.checks.clear()
    findings = _lint(today)
    assert findings == _lint(today, use_cache=False)
    assert len(counts.reads) == len(set(counts.reads))
    return sorted(set(counts.reads)), sorted(counts.checks)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    _age(path)


@pytest.mark.parametrize("output_format", ["text", "json", "sarif"])
def test_a_repeat_lint_says_byte_for_byte_what_a_cold_one_says(
    project: Path, output_format: str
) -> None:
    cold = run("lint", "--format", output_format, "--no-cache")
    assert not (project / ".journeyctl-cache").exists()  # --no-cache writes nothing
    first = run("lint", "--format", output_format)
    assert (project / ".journeyctl-cache" / "lint.json").is_file()
    again = run("lint", "--format", output_format)
    assert cold.exit_code == first.exit_code == again.exit_code == 1
    assert cold.stdout == first.stdout == again.stdout
    assert cold.stderr == first.stderr == again.stderr
    assert "error" in cold.stdout and "warning" in cold.stdout


def test_the_folder_is_tagged_and_ignores_itself(project: Path) -> None:
    assert run("lint").exit_code == 1
    folder = project / ".journeyctl-cache"
    assert (folder / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (
        (folder / "CACHEDIR.TAG")
        .read_text()
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )
    assert sorted(p.name for p in folder.iterdir()) == [".gitignore", "CACHEDIR.TAG", "lint.json"]


def test_an_unchanged_tree_is_neither_read_nor_checked(project: Path, counts: Counts) -> None:
    reads, checks = _fresh(counts)  # an empty cache: each file read once, where it is checked
    assert len(checks) == 5 and reads == checks
    assert _fresh(counts) == ([], [])


def test_a_changed_file_alone_is_read_and_checked(project: Path, counts: Counts) -> None:
    _fresh(counts)
    _edit(project / JOURNEY, "segment: mid-market", "segment: enterprise")
    name = Path(JOURNEY).name
    assert _fresh(counts) == ([name], [name])
    assert _fresh(counts) == ([], [])


def test_a_touched_file_is_read_but_not_checked(project: Path, counts: Counts) -> None:
    _fresh(counts)
    _age(project / JOURNEY)  # a checkout or a save without changes: new times
    assert _fresh(counts) == ([Path(JOURNEY).name], [])


def test_a_file_changed_just_now_is_read_again_next_time(project: Path, counts: Counts) -> None:
    (project / JOURNEY).write_bytes((project / JOURNEY).read_bytes())  # times: now
    _fresh(counts)
    assert _fresh(counts) == ([Path(JOURNEY).name], [])  # its stat may still change unseen


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("review_every: 90d", "review_every: 30d"),
        ("  missed-target: info ", "  missed-target: error"),
        ("  support:\n", "  partners:\n    name: Partners\n  support:\n"),
    ],
    ids=["review_every", "a rule's severity", "the owners registry"],
)
def test_changed_settings_check_every_file_again(
    project: Path, counts: Counts, old: str, new: str
) -> None:
    _fresh(counts)
    _edit(project / "journeyctl.yaml", old, new)
    reads, checks = _fresh(counts)
    assert len(checks) == 5 and reads == checks


def test_another_day_checks_every_file_again(project: Path, counts: Counts) -> None:
    _fresh(counts)
    assert _fresh(counts, TODAY) == ([], [])
    later = TODAY + timedelta(days=400)  # every map is stale by then
    assert len(_fresh(counts, later)[1]) == 5
    assert _fresh(counts, later) == ([], [])


def test_other_code_checks_every_file_again(
    project: Path, counts: Counts, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fresh(counts)
    monkeypatch.setattr(journeyctl, "__version__", "99.0.0")
    assert len(_fresh(counts)[1]) == 5
    assert _fresh(counts) == ([], [])


def test_another_yaml_or_pydantic_checks_every_file_again(
    project: Path, counts: Counts, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An upgrade of the libraries, not of journeyctl, may change a parse or schema message.
    import pydantic_core
    import yaml

    _fresh(counts)
    monkeypatch.setattr(yaml, "__version__", "99.0")
    assert len(_fresh(counts)[1]) == 5
    monkeypatch.setattr(pydantic_core, "__version__", "99.0.0")
    assert len(_fresh(counts)[1]) == 5
    assert _fresh(counts) == ([], [])


def test_the_code_salt_follows_every_source_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "journeyctl"
    rule = package / "lint" / "rules" / "dead_end.py"
    rule.parent.mkdir(parents=True)
    (package / "workspace").mkdir()
    rule.write_text("A = 1\n")
    monkeypatch.setattr(cache, "__file__", str(package / "workspace" / "cache.py"))
    before = cache.code_salt()
    assert cache.code_salt() == before
    rule.write_text("A = 22\n")  # a developer's edit to a rule
    assert cache.code_salt() != before


def test_cross_file_findings_and_suppressions_after_one_file_changes(
    project: Path, counts: Counts
) -> None:
    before = _lint()
    _fresh(counts)
    copy = project / "journeys" / "copy.yaml"  # the same document twice
    copy.write_bytes((project / OPTIMIZED).read_bytes())
    _age(copy)
    assert _fresh(counts) == (["copy.yaml"], ["copy.yaml"])
    duplicates = {f.path for f in _lint() if "b2b-onboarding" in f.message and f not in before}
    assert duplicates == {"journeys/copy.yaml", OPTIMIZED}
    _edit(project / JOURNEY, "persona: it-admin ", "persona: nobody   ")  # dangling
    _fresh(counts)
    assert any(f.path == JOURNEY and "nobody" in f.message for f in _lint())
    _edit(project / JOURNEY, "persona: nobody   ", "persona: nobody   # journeyctl: disable=all")
    assert not any(f.path == JOURNEY and "nobody" in f.message for f in _lint())
    copy.unlink()
    _fresh(counts)
    assert not any(f.path == OPTIMIZED and "copy.yaml" in f.message for f in _lint())


def _cache_file(project: Path) -> Path:
    return project / ".journeyctl-cache" / "lint.json"


def _hostile_caches(real: dict[str, Any]) -> Iterator[str]:
    """Cache files that are not ours, or are ours with every value of the wrong shape (saved
    as journeyctl saves, so that the shapes are parsed and checked)."""
    yield "{not json"
    yield "\xff\xfe garbage"
    yield "[" * 100_000 + "]" * 100_000
    yield '{"journeyctl-cache":1,"salt":"' + real["salt"] + '","files":' + "9" * 5000 + "}"
    yield _compact({**real, "files": [], "entries": "x"})
    yield _compact({**real, "journeyctl-cache": True})
    shapes: list[Callable[[dict[str, Any]], Any]] = [
        lambda v: None,
        lambda v: [],
        lambda v: {**v, "linted": 1},
        lambda v: {**v, "findings": "abcdef"},
        lambda v: {**v, "findings": [[1e309, 1, "r", "error", "m", ""]]},
        lambda v: {**v, "findings": [[10**30, 1, "r", "error", "m", ""]]},
        lambda v: {**v, "findings": [[1, 1, "r", "fatal", "m", ""]]},
        lambda v: {**v, "findings": [[True, 1, "r", "error", "m", ""]]},
        lambda v: {**v, "doc": ["journey", "x", None, None, [1], None]},
        lambda v: {**v, "doc": "../../etc/passwd"},
        lambda v: {**v, "suppressions": [["all", 1, 1, "yes"]]},
    ]
    for shape in shapes:
        entries = {key: [used, shape(value)] for key, (used, value) in real["entries"].items()}
        files = {"/etc/passwd": [1, 2, 3, 4, "h", 5], **real["files"]}
        yield _compact({**real, "files": files, "entries": entries})


def _compact(data: Any) -> str:
    return json.dumps(data, separators=(",", ":"))


def test_a_cache_made_with_another_key_is_not_trusted(
    project: Path, counts: Counts, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache in the project is salted with a key kept outside it: one committed to the
    repository (or made by another user or machine) is checked again, never believed."""
    _lint()
    assert _fresh(counts)[1] == []  # this user's own cache: believed
    key = Path(os.environ["XDG_CACHE_HOME"]) / "journeyctl" / cache_key.KEY_NAME
    assert key.stat().st_mode & 0o777 == 0o600
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-machine"))
    assert len(_fresh(counts)[1]) == 5  # every file checked again
    assert _fresh(counts)[1] == []


def test_a_key_that_is_not_ours_means_no_cache(project: Path, tmp_path: Path) -> None:
    """A key file that is a link or holds anything else is left alone, and nothing is cached."""
    home = Path(os.environ["XDG_CACHE_HOME"]) / "journeyctl"
    home.mkdir(parents=True)
    (home / cache_key.KEY_NAME).symlink_to(tmp_path / "elsewhere")
    assert _lint() == _lint(use_cache=False)
    assert not (project / cache.FOLDER_NAME / "lint.json").exists()
    (home / cache_key.KEY_NAME).unlink()
    (home / cache_key.KEY_NAME).write_text("my notes\n", "utf-8")
    assert _lint() == _lint(use_cache=False)
    assert not (project / cache.FOLDER_NAME / "lint.json").exists()
    assert (home / cache_key.KEY_NAME).read_text("utf-8") == "my notes\n"


def test_a_corrupt_or_hostile_cache_is_ignored(project: Path) -> None:
    expected = run("lint", "--format", "json", "--no-cache")
    assert run("lint").exit_code == 1
    real = json.loads(_cache_file(project).read_text())
    assert len(real["entries"]) == 5
    for text in _hostile_caches(real):
        _cache_file(project).write_text(text, "utf-8")
        again = run("lint", "--format", "json")
        assert (again.exit_code, again.stdout, again.stderr) == (
            1,
            expected.stdout,
            expected.stderr,
        ), text[:80]


def test_a_cache_file_that_is_a_link_is_not_followed(project: Path, tmp_path: Path) -> None:
    assert run("lint").exit_code == 1
    elsewhere = tmp_path / "elsewhere.json"
    shutil.copy(_cache_file(project), elsewhere)
    _cache_file(project).unlink()
    _cache_file(project).symlink_to("/dev/zero")
    assert run("lint").exit_code == 1  # not read forever
    assert not _cache_file(project).is_symlink()  # replaced, not written through


def test_a_cache_folder_that_cannot_be_made_changes_nothing(project: Path) -> None:
    expected = run("lint", "--no-cache")
    (project / ".journeyctl-cache").write_text("a file in the way\n")
    for _ in range(2):
        result = run("lint")
        assert (result.exit_code, result.stdout, result.stderr) == (
            expected.exit_code,
            expected.stdout,
            expected.stderr,
        )
    assert (project / ".journeyctl-cache").read_text() == "a file in the way\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_checkout_lints_as_before(project: Path) -> None:
    expected = run("lint", "--no-cache")
    for path in [project, *project.rglob("*")]:
        if path.is_dir():
            path.chmod(0o555)
    try:
        result = run("lint")
    finally:
        for path in [project, *project.rglob("*")]:
            if path.is_dir():
                path.chmod(0o755)
    assert (result.exit_code, result.stdout, result.stderr) == (
        expected.exit_code,
        expected.stdout,
        expected.stderr,
    )
    assert not (project / ".journeyctl-cache").exists()


def test_a_linked_or_foreign_cache_folder_is_neither_read_nor_written(
    project: Path, tmp_path: Path
) -> None:
    target = tmp_path / "somewhere"
    target.mkdir()
    (project / ".journeyctl-cache").symlink_to(target)
    assert run("lint").exit_code == 1
    assert list(target.iterdir()) == []
    (project / ".journeyctl-cache").unlink()
    (project / ".journeyctl-cache").mkdir()
    (project / ".journeyctl-cache" / "notes.txt").write_text("mine\n")
    assert run("lint").exit_code == 1
    assert [p.name for p in (project / ".journeyctl-cache").iterdir()] == ["notes.txt"]


def test_a_smaller_size_cap_still_applies_to_cached_files(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("lint").exit_code == 1
    monkeypatch.setenv("JOURNEYCTL_MAX_FILE_MB", "0.01")
    cold, again = run("lint", "--no-cache"), run("lint")
    assert (again.exit_code, again.stdout, again.stderr) == (2, cold.stdout, cold.stderr)
    assert "larger than 0.01 MB" in again.stderr


def test_a_cache_file_that_cannot_be_replaced_changes_nothing(project: Path) -> None:
    expected = run("lint", "--no-cache")
    assert run("lint").exit_code == 1
    _cache_file(project).unlink()
    _cache_file(project).mkdir()  # what a read-only file system does to the rename, for root
    for _ in range(2):
        result = run("lint")
        assert (result.exit_code, result.stdout, result.stderr) == (
            expected.exit_code,
            expected.stdout,
            expected.stderr,
        )
    assert _cache_file(project).is_dir()
    assert [p.name for p in (project / ".journeyctl-cache").iterdir() if ".tmp" in p.name] == []

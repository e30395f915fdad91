"""The cache store (workspace.cache): where it lives, how it is saved and pruned, and
`journeyctl cache clean`; init's .gitignore line."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from journeyctl.lint.engine import lint_paths
from journeyctl.workspace import cache, cache_key, root
from journeyctl.workspace.read import read_regular
from tests.helpers import TODAY, run

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(cache.CACHE_DIR_ENV, raising=False)
    return tmp_path


def test_the_project_root_is_the_nearest_settings_then_git_then_here(here: Path) -> None:
    deep = here / "repo" / "maps" / "team" / "deeper"
    deep.mkdir(parents=True)
    assert root.project_root(deep) == deep
    (here / "repo" / ".git").mkdir()
    assert root.project_root(deep) == here / "repo"
    (here / "repo" / "maps" / "pyproject.toml").write_text("[tool.ruff]\n")
    assert root.project_root(deep) == here / "repo"
    (here / "repo" / "maps" / "pyproject.toml").write_text("[tool.journeyctl]\nlifecycle = []\n")
    assert root.project_root(deep) == here / "repo" / "maps"
    (here / "repo" / "maps" / "team" / "journeyctl.yaml").write_text("journeyctl: 1\n")
    assert root.project_root(deep) == here / "repo" / "maps" / "team"
    assert cache.cache_folder(deep) == here / "repo" / "maps" / "team" / ".journeyctl-cache"


def test_the_environment_puts_the_cache_elsewhere(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "examples", here / "examples")
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(here / "ci-cache" / "journeyctl"))
    assert run("lint", "examples").exit_code == 1
    assert (here / "ci-cache" / "journeyctl" / "lint.json").is_file()
    assert (here / "ci-cache" / "journeyctl" / cache_key.KEY_NAME).is_file()  # cached with it
    assert not (here / ".journeyctl-cache").exists()
    assert run("cache", "clean").stdout == "removed ci-cache/journeyctl (4 files)\n"
    assert not (here / "ci-cache" / "journeyctl").exists()


def test_commands_that_keep_documents_do_not_use_the_cache(here: Path) -> None:
    shutil.copytree(ROOT / "examples", here / "examples")
    lint_paths([Path("examples")], today=TODAY, jobs=1, keep_documents=True, use_cache=True)
    assert not (here / ".journeyctl-cache").exists()


def _store(folder: Path) -> cache.Store:
    return cache.open_store("test", folder)


def test_concurrent_saves_leave_a_whole_file(here: Path) -> None:
    first, second = _store(here / "c"), _store(here / "c")
    first.put("a", {"from": "first"})
    second.put("b", {"from": "second"})
    assert first.save() and second.save()
    again = _store(here / "c")
    assert (again.get("a"), again.get("b")) == (None, {"from": "second"})
    assert sorted(p.name for p in (here / "c").iterdir()) == [
        ".gitignore",
        "CACHEDIR.TAG",
        "test.json",
    ]  # no temporary file left behind


def test_a_save_drops_what_no_run_used_lately(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _store(here / "c")
    for index in range(6):
        store.put(f"key{index}", index)
    store.entries["key0"][0] -= cache.MAX_AGE + 1  # not used for too long
    store.entries["key1"][0] += 10**6  # from the future: a clock set wrong, or not ours
    for index in range(2, 6):
        store.entries[f"key{index}"][0] -= 10 - index  # key5 is the most recently used
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    assert store.save()
    kept = _store(here / "c")
    assert sorted(kept.entries) == ["key3", "key4", "key5"]


def test_an_unchanged_store_is_not_written_again(here: Path) -> None:
    store = _store(here / "c")
    store.put("a", 1)
    assert store.save()
    written = (here / "c" / "test.json").stat().st_mtime_ns
    time.sleep(0.01)
    again = _store(here / "c")
    assert again.get("a") == 1
    assert again.save()
    assert (here / "c" / "test.json").stat().st_mtime_ns == written


def test_a_store_of_other_code_is_empty(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _store(here / "c")
    store.put("a", 1)
    assert store.save()
    monkeypatch.setattr(cache, "code_salt", lambda: "another journeyctl")
    assert _store(here / "c").get("a") is None


def test_a_huge_cache_file_is_not_read(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _store(here / "c")
    store.put("a", "x" * 1000)
    assert store.save()
    monkeypatch.setattr(cache, "MAX_BYTES", 100)
    assert _store(here / "c").get("a") is None


def test_cache_clean_removes_the_project_cache(here: Path) -> None:
    shutil.copytree(ROOT / "examples", here / "examples")
    assert run("lint", "examples").exit_code == 1
    result = run("cache", "clean")
    assert (result.exit_code, result.stdout) == (0, "removed .journeyctl-cache (3 files)\n")
    assert not (here / ".journeyctl-cache").exists()
    assert (here / "examples" / "journeyctl.yaml").is_file()
    again = run("cache", "clean")
    assert again.exit_code == 0
    assert again.stdout == "no cache to remove: .journeyctl-cache does not exist\n"


def test_cache_clean_takes_a_folder_of_the_project(here: Path) -> None:
    project = here / "project"
    shutil.copytree(ROOT / "examples", project)
    os.chdir(project)
    assert run("lint").exit_code == 1
    os.chdir(here)
    result = run("cache", "clean", "project/journeys")
    assert (result.exit_code, result.stdout) == (0, "removed project/.journeyctl-cache (3 files)\n")
    assert run("cache", "clean", "nowhere").exit_code == 2


def test_cache_clean_removes_only_our_folder(here: Path, tmp_path: Path) -> None:
    (here / ".journeyctl-cache").mkdir()
    (here / ".journeyctl-cache" / "thesis.tex").write_text("years of work\n")
    result = run("cache", "clean")
    assert result.exit_code == 2
    assert "not a journeyctl cache" in result.stderr and "nothing removed" in result.stderr
    assert (here / ".journeyctl-cache" / "thesis.tex").is_file()
    shutil.rmtree(here / ".journeyctl-cache")

    ours = tmp_path.parent / f"{tmp_path.name}-elsewhere"
    store = _store(ours)  # a real cache, elsewhere, behind a link
    store.put("a", 1)
    assert store.save()
    (here / ".journeyctl-cache").symlink_to(ours)
    assert run("cache", "clean").exit_code == 2
    assert (ours / "test.json").is_file()
    (here / ".journeyctl-cache").unlink()

    (here / ".journeyctl-cache").mkdir()  # ours, with a link inside: removed, not followed
    shutil.copy(ours / cache.TAG_NAME, here / ".journeyctl-cache" / cache.TAG_NAME)
    (here / ".journeyctl-cache" / "outside").symlink_to(ours)
    assert run("cache", "clean").exit_code == 0
    assert not os.path.lexists(here / ".journeyctl-cache")
    assert (ours / "test.json").is_file()


def test_cache_clean_names_a_hostile_folder_safely(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(here / "evil\x1b[31m\nname"))
    (here / "evil\x1b[31m\nname").mkdir()
    result = run("cache", "clean")
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and result.stderr.count("\n") == 1


def test_init_adds_the_cache_to_an_existing_gitignore(here: Path) -> None:
    (here / ".gitignore").write_bytes(b"node_modules")  # no newline at the end
    result = run("init")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "updated .gitignore"
    assert (here / ".gitignore").read_bytes().splitlines()[0] == b"node_modules"
    assert b".journeyctl-cache/" in (here / ".gitignore").read_bytes().splitlines()
    assert "created .gitignore" not in result.stdout


def test_init_leaves_a_gitignore_that_already_ignores_the_cache(here: Path) -> None:
    (here / ".gitignore").write_text("/.journeyctl-cache\n")
    assert run("init").exit_code == 0
    assert (here / ".gitignore").read_text() == "/.journeyctl-cache\n"


def test_init_writes_nothing_when_it_fails_after_the_gitignore(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (here / ".gitignore").write_text("dist/\n")
    from journeyctl import scaffold
    from journeyctl.core.errors import UsageError

    def failing(files: object) -> list[Path]:
        raise UsageError("schemas: cannot write: disk full")

    monkeypatch.setattr(scaffold, "write_files", failing)
    result = run("init")
    assert result.exit_code == 2
    assert (here / ".gitignore").read_text() == "dist/\n"
    assert not (here / "journeyctl.yaml").exists()


def test_a_lint_of_a_cache_folder_finds_nothing_in_it(here: Path) -> None:
    shutil.copytree(ROOT / "examples", here / "examples")
    assert run("lint", "examples").exit_code == 1
    data = json.loads((here / ".journeyctl-cache" / "lint.json").read_text())
    assert data["journeyctl-cache"] == cache.FORMAT
    assert run("lint", ".journeyctl-cache").exit_code == 0  # a hidden folder: no journeyctl files


def test_a_file_hash_is_read_once_while_the_file_is_unchanged(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = here / "page.yaml"
    page.write_text("journeyctl: 1\n")
    old = time.time() - 86_400
    os.utime(page, (old, old))
    store = _store(here / "c")
    first = store.file_hash(page)
    assert first == cache.digest(b"journeyctl: 1\n")
    assert store.save()
    again = _store(here / "c")
    monkeypatch.setattr(cache, "read_regular", lambda *args: pytest.fail("read again"))
    assert again.file_hash(page) == first
    monkeypatch.setattr(cache, "read_regular", read_regular)
    page.write_text("journeyctl: 2\n")
    assert _store(here / "c").file_hash(page) == cache.digest(b"journeyctl: 2\n")
    assert _store(here / "c").file_hash(here / "missing.yaml") is None


def test_a_file_changed_during_a_long_run_is_read_again_next_time(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On a file system that keeps whole seconds, a file changed a second before the run took
    # its stat can change again, unseen, in the same second: its stat is not trusted even
    # when the run (a big repository) saves more than RACY_NS after it began.
    path = here / "doc.yaml"
    path.write_text("a: 1\n", "utf-8")
    second_ago = time.time_ns() - 1_000_000_000
    os.utime(path, ns=(second_ago, second_ago))
    store = _store(here / "c")
    assert store.file_hash(path) is not None
    later = time.time_ns() + 3_000_000_000
    monkeypatch.setattr(time, "time_ns", lambda: later)
    assert store.save()
    assert _store(here / "c").files == {}


def test_a_cache_file_of_other_code_is_not_even_parsed(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A committed or stale cache of another salt costs no parse, however big it is.
    store = _store(here / "c")
    store.put("a", 1)
    assert store.save()
    parsed: list[int] = []
    loads = json.loads

    def counted(payload: bytes) -> object:
        parsed.append(1)
        return loads(payload)

    monkeypatch.setattr(json, "loads", counted)
    assert _store(here / "c").get("a") == 1
    assert parsed == [1]
    written = loads((here / "c" / "test.json").read_bytes())
    padded = {**written, "salt": "another journeyctl", "pad": [[0] * 10] * 100_000}
    (here / "c" / "test.json").write_text(json.dumps(padded, separators=(",", ":")), "utf-8")
    assert _store(here / "c").get("a") is None
    assert parsed == [1]

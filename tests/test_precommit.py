"""The pre-commit hook, run for real with `pre-commit try-repo` in a throwaway repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import write

ROOT = Path(__file__).resolve().parent.parent
JOURNEY = """\
journeyctl: 1
kind: journey
id: signup
title: Signup
stages:
  - id: buy
    name: Buy
    owner: sales
    outcome: Bought
    metrics: [{name: conversion, target: 0.1}]
    steps:
      - {id: buys, name: Buys, outcome: Paid, terminal: true}
"""


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One PRE_COMMIT_HOME for the module: the hook's environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _try_repo(
    repo: Path, home: Path, hook: str = "journeyctl-lint"
) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[dev]')")
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    return subprocess.run(
        [exe, "try-repo", str(ROOT), hook, "--all-files", "--verbose"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def test_pre_commit_hook_lints_journeyctl_files_only(tmp_path: Path, cache: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    write(repo, "journeyctl.yaml", "journeyctl: 1\n")
    write(repo, "journeys/signup.yaml", JOURNEY.replace("    owner: sales\n", ""))
    write(repo, "personas/copy.yaml", JOURNEY.replace("title: Signup", "title: Copy"))
    write(repo, ".github/workflows/ci.yml", "on: push\njobs: {}\n")
    _git(repo, "add", ".")

    failing = _try_repo(repo, cache)
    output = failing.stdout + failing.stderr
    assert failing.returncode == 1, output
    assert "journeys/signup.yaml:11:14: error[unowned-step]" in output
    assert "duplicate-id" in output
    hook_output = output.split("journeyctl lint")[-1]
    assert "ci.yml" not in hook_output
    assert "journeyctl.yaml" not in hook_output  # settings are not a document

    write(repo, "journeys/signup.yaml", JOURNEY)
    (repo / "personas" / "copy.yaml").unlink()
    _git(repo, "add", "-A")
    passing = _try_repo(repo, cache)
    assert passing.returncode == 0, passing.stdout + passing.stderr


def test_pre_commit_fmt_hook_rewrites_journeyctl_files_only(tmp_path: Path, cache: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    shuffled = JOURNEY.replace("journeyctl: 1\nkind: journey\n", "kind: journey\njourneyctl: 1\n")
    write(repo, "journeys/signup.yaml", shuffled)
    write(repo, ".github/workflows/ci.yml", "on: push\njobs: {}\n")
    _git(repo, "add", ".")

    changed = _try_repo(repo, cache, "journeyctl-fmt")
    assert changed.returncode == 1, changed.stdout + changed.stderr  # files were modified
    assert (repo / "journeys" / "signup.yaml").read_text() == JOURNEY
    assert (repo / ".github" / "workflows" / "ci.yml").read_text() == "on: push\njobs: {}\n"
    _git(repo, "add", "-A")
    assert _try_repo(repo, cache, "journeyctl-fmt").returncode == 0

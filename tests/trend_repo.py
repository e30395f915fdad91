"""A throwaway git repository with a known history, for the trend tests."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

JOURNEY = """\
journeyctl: 1
kind: journey
id: onboarding
title: Onboarding
stages:
  - id: signup
    name: Sign up
    owner: growth
    outcome: Account created
    metrics:
      - {{name: signup-rate, target: 0.5, actual: {signup}}}
    steps:
      - id: visits
        name: Visits the site
        channel: web
        touchpoint: Home page
        outcome: Sees pricing
        sla: 1d
        emotion: {emotion}
        pain_points: [Slow page]
        opportunities:
          - {{text: Cache the page, owner: growth, priority: high}}
      - id: signs-up
        name: Signs up
        channel: web
        touchpoint: Sign-up form
        outcome: Account exists
        sla: 1d
        emotion: 1
        pain_points: {pains}
  - id: activation
    name: Activation
    outcome: First value
    metrics:
      - {{name: activation-rate, target: 0.3, actual: 0.35}}
    steps:
      - id: invites
        name: Invites a colleague
        owner: product
        channel: in-app
        touchpoint: Invite dialog
        outcome: Team joins
        sla: 1d
      - id: imports
        name: Imports data
        {owner}
        channel: in-app
        touchpoint: Importer
        outcome: Data in place
        sla: 1d
        terminal: true
"""
"""A journey with 4 steps (2 with an emotion), a stage without an owner and two metrics.

Its lint findings: `missed-target` while signup is below 0.5; `unowned-step` while
`imports` has no owner; `unaddressed-pain` for a pain point of `signs-up` (its stage and
step have no opportunity).
"""

WORKFLOW = """\
journeyctl: 1
kind: workflow
id: lead-routing
title: Lead routing
stages:
  - id: intake
    name: Intake
    owner: sales-ops
    outcome: Lead routed
    metrics:
      - {name: speed, target: 2, actual: 1, better: lower}
    steps:
      - id: receives
        name: Receives the lead
        actor: sales-ops
        owner: sales-ops
        channel: other
        touchpoint: CRM
        outcome: Lead in the CRM
        sla: 1h
        terminal: true
"""
"""A workflow of one owned step without an emotion: no findings."""


def journey(
    signup: float = 0.4, emotion: int = -1, owner: str = "# no owner", pains: str = "[]"
) -> str:
    """The journey with these values (owner: a line such as `owner: product`)."""
    return JOURNEY.format(signup=signup, emotion=emotion, owner=owner, pains=pains)


GIT = ("git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false")


Ids = dict[str, str]
OWNED = "owner: product"


class Repo:
    """A git repository in a directory; commits get fixed dates, one day apart."""

    def __init__(self, root: Path, init: bool = True) -> None:
        self.root = root
        self.day = 1
        if init:
            root.mkdir(parents=True, exist_ok=True)
            self.git("init", "-q", "-b", "main")

    @classmethod
    def clone(cls, source: Repo, root: Path, depth: int) -> Repo:
        """A shallow clone of `source` with the last `depth` commits."""
        source.git("clone", "-q", "--depth", str(depth), f"file://{source.root}", str(root))
        return cls(root, init=False)

    def git(self, *args: str) -> str:
        """Run git here, isolated from the user's configuration; its stdout."""
        date = f"2026-01-{self.day:02d}T12:00:00+00:00"
        env = {
            **os.environ,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_DATE": date,
        }
        done = subprocess.run(
            [*GIT, *args],
            cwd=self.root,
            env=env,
            check=True,
            capture_output=True,
        )
        return done.stdout.decode()

    def write(self, name: str, text: str) -> None:
        """Write a file (folders made) and stage it."""
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.git("add", "--", name)

    def commit(self, message: str) -> str:
        """Commit what is staged (the k-th commit is dated 2026-01-k); the commit id."""
        return self.after("commit", "-q", "--allow-empty", "-m", message)

    def after(self, *args: str) -> str:
        """Run a git command that makes a commit (commit, merge); the new commit's id."""
        self.git(*args)
        self.day += 1
        return self.git("rev-parse", "HEAD").strip()


def build_history(root: Path) -> tuple[Repo, Ids]:
    """main: add, emotion, foreign files only, owner, broken, fixed, renamed, a notes-only
    commit, a merge of `side` (which adds a pain point), a workflow added, then deleted."""
    repo = Repo(root)
    ids: Ids = {}
    repo.write("journeys/onboarding.yaml", journey())
    repo.write("README.md", "# notes\n")
    ids["add"] = repo.commit("add a journey")
    repo.write("journeys/onboarding.yaml", journey(emotion=2))
    ids["emotion"] = repo.commit("change an emotion")
    repo.write("notes.txt", "notes\n")
    repo.write("other.yaml", "name: not a journeyctl file\n")
    repo.write(".hidden/routing.yaml", WORKFLOW)  # lint skips hidden directories
    ids["foreign"] = repo.commit("no journeyctl file lint would see")
    repo.write("journeys/onboarding.yaml", journey(emotion=2, owner=OWNED))
    ids["owner"] = repo.commit("add an owner")
    broken = journey(emotion=2, owner=OWNED).replace("- id: activation", "- id: [activation")
    repo.write("journeys/onboarding.yaml", broken)
    ids["broken"] = repo.commit("break the YAML")
    repo.write("journeys/onboarding.yaml", journey(signup=0.55, emotion=2, owner=OWNED))
    ids["fixed"] = repo.commit("fix it, and meet the signup target")
    repo.git("mv", "journeys/onboarding.yaml", "journeys/renamed ✓.yaml")
    ids["renamed"] = repo.commit("rename the file")
    repo.git("checkout", "-q", "-b", "side")
    pained = journey(signup=0.55, emotion=2, owner=OWNED, pains="[Confusing form]")
    repo.write("journeys/renamed ✓.yaml", pained)
    ids["side"] = repo.commit("a pain point, on a branch")
    repo.git("checkout", "-q", "main")
    repo.write("notes.txt", "more notes\n")
    ids["notes"] = repo.commit("notes only")
    ids["merge"] = repo.after("merge", "-q", "--no-ff", "side", "-m", "merge side")
    repo.write("workflows/routing.yaml", WORKFLOW)
    ids["workflow"] = repo.commit("add a workflow")
    repo.git("rm", "-q", "workflows/routing.yaml")
    ids["deleted"] = repo.commit("delete the workflow")
    return repo, ids

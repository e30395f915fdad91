#!/usr/bin/env python3
"""A git history for timing `journeyctl trend`: 50 journeys, 200 commits (issue 12).

The repository is generated with `run.py`'s journey generator (seeded, ~120 steps a file, the
same files as the lint corpus) and committed with fixed dates, so every run builds the same
history. The first commit adds the settings, a persona and the 50 journeys; each of the
next 199 changes one to four of them: an emotion, a metric's actual, a pain point added,
now and then a file renamed (`git mv`), and twice a file broken (not valid YAML) and fixed
in the next commit.

    python bench/history.py              # build a throwaway repository in a temp dir, time
                                         # `journeyctl trend --format json` on it once
    python bench/history.py --keep DIR   # build it in DIR and keep it

`run.py` builds it once into `bench/corpus-history/` (gitignored) for its `trend` case.
A benchmark is a report, not a gate: the exit code is 0 whatever the number.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

BENCH = Path(__file__).resolve().parent
FILES = 50
COMMITS = 200
STEPS = 120
TARGET_SECONDS = 30.0
_EMOTION = re.compile(r"(?m)(\bemotion: )(-?[0-9])")
_ACTUAL = re.compile(r"(\bactual: )([0-9.]+)")
_PAINS = re.compile(r"(?m)^( +)pain_points: \[")
_PATTERNS = (_EMOTION, _ACTUAL, _PAINS)


class _Git:
    """git in one directory, isolated from the user's configuration, with fixed dates."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.commits = 0

    def __call__(self, *args: str) -> None:
        when = f"@{1_767_225_600 + self.commits * 3600} +0000"  # from 2026-01-01, hourly
        env = {
            **os.environ,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_DATE": when,
        }
        subprocess.run(
            ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com", *args],
            cwd=self.root,
            env=env,
            check=True,
            capture_output=True,
        )

    def commit(self, message: str) -> None:
        self("add", "--all")
        self("commit", "-q", "--no-gpg-sign", "-m", message)
        self.commits += 1


def generate_history(
    directory: Path, files: int = FILES, commits: int = COMMITS, steps: int = STEPS
) -> dict[str, object]:
    """Write the repository into `directory` (new or empty); return what it holds."""
    sys.path.insert(0, str(BENCH))
    import run  # the journey generator lives next to this script

    directory.mkdir(parents=True, exist_ok=True)
    if any(directory.iterdir()):
        raise SystemExit(f"{directory} is not empty: give a new or empty directory")
    git = _Git(directory)
    git("init", "-q", "-b", "main")
    (directory / "journeyctl.yaml").write_text(run.settings_text(), encoding="utf-8")
    (directory / "personas").mkdir(exist_ok=True)
    paths: list[Path] = []
    for index in range(files):
        rng = random.Random(f"{run.SEED}-history-{index}")
        doc_id = f"{run.PRODUCTS[index % len(run.PRODUCTS)]}-{index:03d}"
        text, _ = run.journey(
            rng, doc_id, "current", rng.choice(run.PERSONAS), steps, "../schemas/j.json"
        )
        paths.append(directory / "journeys" / f"{doc_id}.yaml")
        paths[-1].parent.mkdir(exist_ok=True)
        paths[-1].write_text(text, encoding="utf-8")
    for persona in run.PERSONAS:
        text = run.persona_text(persona, random.Random(f"{run.SEED}-{persona}"))
        (directory / "personas" / f"{persona}.yaml").write_text(text, encoding="utf-8")
    git.commit("50 journeys")
    rng = random.Random(f"{run.SEED}-history")
    broken: Path | None = None
    for number in range(1, commits):
        if broken is not None:  # fix what the last commit broke
            broken.write_text(broken.read_text(encoding="utf-8")[:-9], encoding="utf-8")
            broken = None
        elif number % 97 == 50:
            broken = rng.choice(paths)
            broken.write_text(broken.read_text(encoding="utf-8") + "broken: [", encoding="utf-8")
        elif number % 40 == 20:
            index = rng.randrange(len(paths))
            moved = paths[index].with_name(f"renamed-{number}-{paths[index].name}")
            git("mv", str(paths[index].relative_to(directory)), str(moved.relative_to(directory)))
            paths[index] = moved
        for path in rng.sample(paths, rng.randint(1, 4)):
            path.write_text(_edited(path.read_text(encoding="utf-8"), rng), encoding="utf-8")
        git.commit(f"commit {number}")
    return {"files": files, "commits": commits, "steps": steps}


def _edited(text: str, rng: random.Random) -> str:
    """The text with one small change: an emotion, a metric's actual or a new pain point."""
    roll = rng.random()
    first = 0 if roll < 0.4 else 1 if roll < 0.8 else 2
    for pattern in (*_PATTERNS[first:], *_PATTERNS[:first]):
        spots = list(pattern.finditer(text))
        if spots:
            spot = rng.choice(spots)
            return text[: spot.start()] + _changed(pattern, spot, rng) + text[spot.end() :]
    return text + "\n"


def _changed(pattern: re.Pattern[str], spot: re.Match[str], rng: random.Random) -> str:
    """What replaces the matched text: never the same as before."""
    if pattern is _EMOTION:
        old = int(spot.group(2))
        return f"{spot.group(1)}{rng.choice([e for e in range(-2, 3) if e != old])}"
    if pattern is _ACTUAL:
        old_value = float(spot.group(2))
        new_value = round(old_value * rng.uniform(0.8, 1.2), 3)
        return f"{spot.group(1)}{new_value if new_value != old_value else old_value + 1}"
    return f'{spot.group(0)}"Found in review {rng.randint(1, 999)}", '


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--keep", type=Path, default=None, help="build here and keep it")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="journeyctl-history-") as temporary:
        directory = args.keep or Path(temporary)
        started = time.perf_counter()
        generate_history(directory)
        seconds = time.perf_counter() - started
        print(f"generated {FILES} files x {COMMITS} commits in {seconds:.1f} s")
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "journeyctl", "trend", str(directory), "--format", "json"],
            capture_output=True,
            check=False,
        )
        seconds = time.perf_counter() - started
        print(f"journeyctl trend: {seconds:.1f} s (target < {TARGET_SECONDS:.0f} s)")
        if done.returncode != 0:
            print(done.stderr.decode(errors="replace"), file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

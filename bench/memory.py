#!/usr/bin/env python3
"""Peak memory and time of `journeyctl lint` on one big journey, at several sizes.

Generates one journey per size with `run.py`'s generator (seeded, a few planted findings per
600 steps) into `bench/corpus-memory/` (gitignored), then lints each in a fresh subprocess,
the only child of a small launcher, and prints its wall-clock time, its peak resident memory
(`ru_maxrss`) and that memory as a multiple of the file's size. Time and memory should both
grow linearly with the size; the target (issue 10) is a peak of at most 20x the file's size.

    python bench/memory.py                # 10, 25 and 50 MB
    python bench/memory.py --sizes 5 10   # other sizes, in MB

A benchmark is a report, not a gate: the exit code is 0 whatever the numbers.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

BENCH = Path(__file__).resolve().parent
CORPUS = BENCH / "corpus-memory"
BYTES_PER_STEP = 433  # what run.py's generator writes per step, on average


def generate(megabytes: int) -> Path:
    """The journey of about `megabytes` MB (written once), with its settings and persona."""
    sys.path.insert(0, str(BENCH))
    import run  # the generator lives next to this script

    path = CORPUS / f"journey-{megabytes}mb.yaml"
    if path.exists():
        return path
    (CORPUS / "personas").mkdir(parents=True, exist_ok=True)
    (CORPUS / "journeyctl.yaml").write_text(run.settings_text(), encoding="utf-8")
    rng = random.Random(f"{run.SEED}-memory")
    persona = run.persona_text("it-admin", rng)
    (CORPUS / "personas" / "it-admin.yaml").write_text(persona, encoding="utf-8")
    steps = megabytes * 1_000_000 // BYTES_PER_STEP
    text, _ = run.journey(
        random.Random(f"{run.SEED}-{megabytes}"),
        "enterprise-rollout",
        "current",
        "it-admin",
        steps,
        "../../schemas/journey.schema.json",
        many_stages=True,
    )
    path.write_text(text, encoding="utf-8")
    return path


def measure(path: Path) -> tuple[float, int]:
    """Wall-clock seconds and peak resident bytes of `journeyctl lint PATH`."""
    launcher = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        f"subprocess.run([sys.executable, '-m', 'journeyctl', 'lint', {str(path)!r}, '--no-cache'],"
        " stdout=subprocess.DEVNULL)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(time.perf_counter() - start, peak)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", launcher], capture_output=True, text=True, check=True
    )
    seconds, kilobytes = done.stdout.split()
    return float(seconds), int(kilobytes) * 1024


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 25, 50], help="MB")
    args = parser.parse_args(argv)
    print(f"{'file':>8} {'seconds':>8} {'s/MB':>6} {'peak MB':>8} {'x size':>7}")
    for megabytes in args.sizes:
        path = generate(megabytes)
        size = path.stat().st_size
        seconds, peak = measure(path)
        print(
            f"{size / 1e6:7.1f}M {seconds:8.1f} {seconds / (size / 1e6):6.2f}"
            f" {peak / 1e6:8.0f} {peak / size:7.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

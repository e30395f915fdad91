#!/usr/bin/env python3
"""Where the time of `render`, `diff` and `lint` goes on the 10,000-step benchmark files.

`bench/run.py` times whole commands; this script splits them into their phases, each timed
in this process with the garbage collector paused (as the commands do), best of `--repeat`:

    python bench/phases.py            # needs bench/corpus-big (python bench/run.py makes it)

Start-up is measured apart, in fresh subprocesses: the interpreter with what the command
imports before it reads a byte. The sum of the phases is a floor for the whole command.
With `--cpu` the phases in this process are timed as CPU time (`time.process_time`), which a
busy machine disturbs less than the wall clock; start-up stays wall-clock.
"""

from __future__ import annotations

import argparse
import gc
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

BIG = Path(__file__).resolve().parent / "corpus-big"

STARTUP = {
    "render": "import journeyctl.cli.app, journeyctl.workspace.load, journeyctl.core.validation, "
    "journeyctl.render.graphviz",
    "diff": "import journeyctl.cli.app, journeyctl.diff.inputs, journeyctl.lint.engine, "
    "journeyctl.lint.rules, journeyctl.diff, journeyctl.diff.report",
    "lint": "import journeyctl.cli.app, journeyctl.lint.engine, journeyctl.lint.rules, "
    "journeyctl.lint.report.text",
}
CLOCK = {"clock": time.perf_counter}
"""The clock of the in-process phases: wall (default) or CPU time (--cpu)."""


def best(repeat: int, work: Callable[[], Any]) -> tuple[float, Any]:
    """The shortest of `repeat` runs of `work`, and its last result."""
    times, result = [], None
    clock = CLOCK["clock"]
    for _ in range(repeat):
        start = clock()
        result = work()
        times.append(clock() - start)
    return min(times), result


def startup(imports: str, repeat: int) -> float:
    """Seconds for a fresh interpreter to run `imports`, best of `repeat`."""
    argv = [sys.executable, "-c", imports]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, check=True)
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=3, help="runs per phase (default 3)")
    parser.add_argument("--cpu", action="store_true", help="time phases as CPU, not wall")
    args = parser.parse_args(argv)
    if args.cpu:
        CLOCK["clock"] = time.process_time
    big, optimized = BIG / "big.yaml", BIG / "big.optimized.yaml"
    if not big.exists():
        print("bench/corpus-big/big.yaml is missing: run python bench/run.py first")
        return 2

    import yaml

    from journeyctl.core.validation import validate_document
    from journeyctl.diff import diff_sides
    from journeyctl.diff.side_loader import SideLoader, load_side
    from journeyctl.lint.engine import check_loaded
    from journeyctl.render import Format, View, source
    from journeyctl.workspace.discover import is_journeyctl
    from journeyctl.workspace.load import parse_yaml
    from journeyctl.workspace.yaml_nodes import Builder, NodeLoader

    gc.disable()
    repeat = args.repeat
    raw = big.read_bytes()
    rows: list[tuple[str, float]] = []
    rows.append(("start-up: interpreter and render's imports", startup(STARTUP["render"], repeat)))
    events, _ = best(repeat, lambda: list(yaml.parse(raw, Loader=NodeLoader)))
    build, _ = best(repeat, lambda: Builder(NodeLoader(raw), len(raw)).document())
    rows.append((f"parse: {len(raw) / 1e6:.1f} MB to plain data with positions", build))
    data = parse_yaml(raw, big).data
    validate, doc = best(repeat, lambda: validate_document(data))
    rows.append(("validate: Pydantic models", validate))
    dot, text = best(repeat, lambda: source(doc, View.FLOW, Format.DOT))
    rows.append((f"render: flow view to DOT ({len(text) / 1e6:.1f} MB)", dot))
    drawn = text.encode("utf-8")
    check, _ = best(repeat, lambda: is_journeyctl(drawn))
    rows.append(("write: an existing DOT is no journeyctl file (x2)", 2 * check))
    render_total = sum(seconds for _, seconds in rows)
    # Not in the sum: part of the parse (the rest is building data from the events).
    rows.insert(2, ("  of which libyaml's events (PyYAML's C parser)", events))

    loader = SideLoader(date.today())
    sides = [loader.spec(str(path)) for path in (big, optimized)]
    jobs = [(loader.target(label, where), data, loader.today) for label, data, where in sides]
    lint, old = best(repeat, lambda: load_side(jobs[0]))
    new = load_side(jobs[1])
    diff, _ = best(repeat, lambda: diff_sides((old.label, old.doc), (new.label, new.doc)))
    loaded = parse_yaml(raw, big)
    checked, _ = best(repeat, lambda: check_loaded(jobs[0][0], loaded, loader.today))
    lint_rows = [
        ("start-up: interpreter and lint's imports", startup(STARTUP["lint"], repeat)),
        ("parse: as for render", build),
        ("validate and every rule", checked),
    ]
    diff_rows = [
        ("start-up: interpreter and diff's imports", startup(STARTUP["diff"], repeat)),
        ("one side: parse, validate, lint (x2, one per core)", lint),
        ("diff of the two documents", diff),
    ]

    width = max(len(name) for name, _ in rows + diff_rows + lint_rows)
    print(f"journeyctl render big.yaml to DOT, phase by phase (best of {repeat}):")
    for name, seconds in rows:
        print(f"  {name:{width}} {seconds:6.3f} s")
    print(f"  {'sum (a floor for the command)':{width}} {render_total:6.3f} s")
    print(f"journeyctl diff big.yaml big.optimized.yaml (best of {repeat}):")
    for name, seconds in diff_rows:
        print(f"  {name:{width}} {seconds:6.3f} s")
    floor = diff_rows[0][1] + lint + diff
    print(f"  {'sum with both sides in parallel (a floor)':{width}} {floor:6.3f} s")
    print(f"journeyctl lint big.yaml (best of {repeat}):")
    for name, seconds in lint_rows:
        print(f"  {name:{width}} {seconds:6.3f} s")
    lint_total = sum(seconds for _, seconds in lint_rows)
    print(f"  {'sum (a floor for the command)':{width}} {lint_total:6.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

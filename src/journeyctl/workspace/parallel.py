"""Work on many files at once: worker processes, and the garbage-collector pause.

Loading makes millions of small acyclic objects; the cyclic collector would spend more time
on them than the loader (see perf-notes), so loading runs with it paused (`gc_paused`).
Large inputs are loaded in forked worker processes (`map_in_processes`).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

PARALLEL_MIN_BYTES = 4_000_000
"""Below this much YAML, starting worker processes costs more than it saves."""

Item = TypeVar("Item")
Result = TypeVar("Result")


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block (nested pauses are fine)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def workers_for(jobs: int | None) -> int:
    """How many processes to use: `jobs`, or one per core; never more than two per core
    (`--jobs 10000` would fork a process per file, each with a copy of the interpreter)."""
    cores = os.cpu_count() or 1
    return cores if jobs is None else min(jobs, 2 * cores)


def can_fork() -> bool:
    """Whether worker processes can be forked here (not on Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


def map_in_processes(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    workers: int,
    size: int,
    here_too: bool = False,
) -> list[Result]:
    """`[function(item) for item in items]`, in forked processes when it pays.

    It pays with more than one worker and item and at least PARALLEL_MIN_BYTES of input
    (`size`). With `here_too`, when there are no more items than workers, this process takes
    the first item itself, so that only the others pay for being sent back.
    """
    workers = min(workers, len(items))
    if workers < 2 or size < PARALLEL_MIN_BYTES or not can_fork():
        return [function(item) for item in items]
    from concurrent.futures import ProcessPoolExecutor  # only now: it imports a lot

    context = multiprocessing.get_context("fork")
    if here_too and len(items) <= workers:
        with ProcessPoolExecutor(workers - 1, mp_context=context) as pool:
            others = pool.map(function, items[1:])
            first = function(items[0])
            return [first, *others]
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        chunk = max(1, len(items) // (workers * 8))
        return list(pool.map(function, items, chunksize=chunk))

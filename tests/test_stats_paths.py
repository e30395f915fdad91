"""The shortest and longest path of `stats.timing`: exact with branches and loops, an upper bound
past the search budget, and fast on big graphs."""

from __future__ import annotations

import time
from typing import Any

from journeyctl.core.graph import StepGraph
from journeyctl.core.model import Journey
from journeyctl.core.validation import validate_document
from journeyctl.stats import timing
from journeyctl.stats.timing import PathHours, path_hours


def journey(*steps: dict[str, Any]) -> Journey:
    doc = validate_document(
        {
            "journeyctl": 1,
            "kind": "journey",
            "id": "j",
            "title": "J",
            "stages": [{"id": "s", "name": "S", "steps": list(steps)}],
        }
    )
    assert isinstance(doc, Journey)
    return doc


def step(key: str, sla: str | None = None, **more: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"id": key, "name": key.upper(), **more}
    if sla is not None:
        data["sla"] = sla
    return data


def test_a_straight_line_sums_every_sla_and_skips_steps_without() -> None:
    doc = journey(step("a", "1h"), step("b"), step("c", "2d"))
    assert path_hours(StepGraph(doc)) == PathHours(49, 49, True)


def test_a_terminal_step_with_successors_may_end_the_journey_or_go_on() -> None:
    doc = journey(step("a", "1h"), step("b", "2h", terminal=True, next=["c"]), step("c", "4h"))
    assert path_hours(StepGraph(doc)) == PathHours(3, 7, True)


def test_branches_without_loops_are_exact() -> None:
    # a -> b | c, both -> d (terminal); e (after d in document order) is never reached
    doc = journey(
        step("a", "1h", next=["b", "c"]),
        step("b", "10h", next=["d"]),
        step("c", "1w", next=["d"]),
        step("d", "1h", terminal=True),
        step("e", "100w"),
    )
    assert path_hours(StepGraph(doc)) == PathHours(12, 1 + 168 + 1, True)


def test_a_loop_is_never_taken_twice() -> None:
    # a -> b -> c -> (b | d): the simple paths are a b c d only
    doc = journey(
        step("a", "1h"), step("b", "2h"), step("c", "3h", next=["b", "d"]), step("d", "4h")
    )
    assert path_hours(StepGraph(doc)) == PathHours(10, 10, True)


def test_a_loop_with_two_ways_out() -> None:
    # a -> b -> c -> (a | d); b -> e (terminal): shortest a b e, longest a b c d
    doc = journey(
        step("a", "1h"),
        step("b", "1h", next=["c", "e"]),
        step("c", "5h", next=["a", "d"]),
        step("d", "1d", terminal=True),
        step("e", "1h", terminal=True),
    )
    assert path_hours(StepGraph(doc)) == PathHours(3, 1 + 1 + 5 + 24, True)


def test_no_way_to_an_end() -> None:
    doc = journey(step("a", "1h"), step("b", "1h", next=["a"]))
    assert path_hours(StepGraph(doc)) == PathHours(None, None, True)


def diamonds(count: int) -> list[dict[str, Any]]:
    """A loop (s0 <-> s1), then `count` diamonds: branch -> left (2h) | right (1h) -> join."""
    steps = [step("s0", "1h"), step("s1", "1h", next=["s0", "b0"])]
    for i in range(count):
        steps += [
            step(f"b{i}", "1h", next=[f"l{i}", f"r{i}"]),
            step(f"l{i}", "2h", next=[f"j{i}"]),
            step(f"r{i}", "1h"),
            step(f"j{i}", "1h", **({"next": [f"b{i + 1}"]} if i + 1 < count else {})),
        ]
    return steps


def test_past_the_budget_the_longest_path_is_the_components_bound() -> None:
    # 2**20 simple paths: more than the search may expand. Every loop is the s0-s1 pair, which
    # any path crosses whole, so the bound is the true longest: 2 + 20 * (1 + 2 + 1).
    doc = journey(*diamonds(20))
    started = time.perf_counter()
    hours = path_hours(StepGraph(doc))
    assert time.perf_counter() - started < 5
    assert hours == PathHours(2 + 20 * 3, 2 + 20 * 4, False)


def test_within_the_budget_the_same_graph_is_exact() -> None:
    assert path_hours(StepGraph(journey(*diamonds(6)))) == PathHours(2 + 6 * 3, 2 + 6 * 4, True)


def test_the_bound_counts_a_whole_loop(monkeypatch: Any) -> None:
    # a -> b -> c -> (b | d): a simple path crosses b c once; the bound (no search at all)
    # counts the component {b, c} whole, which here is the same.
    monkeypatch.setattr(timing, "BUDGET", 0)
    doc = journey(
        step("a", "1h"), step("b", "2h"), step("c", "3h", next=["b", "d"]), step("d", "4h")
    )
    assert path_hours(StepGraph(doc)) == PathHours(10, 10, False)


def test_ten_thousand_steps_with_rework_loops_are_fast() -> None:
    # Like the bench file: every 50th step loops back two steps, every 25th may exit.
    steps = []
    for i in range(10_000):
        data = step(f"s{i}", "1h")
        if i % 50 == 10:
            data["next"] = [f"s{i + 1}", f"s{i - 2}"]
        elif i % 50 == 30:
            data["next"] = [f"s{i + 2}", f"s{i + 1}"]
        elif i % 50 == 31:
            data["terminal"] = True
        steps.append(data)
    graph = StepGraph(journey(*steps))
    started = time.perf_counter()
    hours = path_hours(graph)
    assert time.perf_counter() - started < 2
    assert hours.shortest == 32  # s0 .. s30, then the exit s31
    assert hours.longest == 10_000 - 200  # every exit step skipped: 200 of them
    assert hours.longest_exact

"""core.paths: the main path, its alternatives and the unreached steps of a journey."""

from __future__ import annotations

from typing import Any

from journeyctl.core.graph import StepGraph
from journeyctl.core.model import Journey
from journeyctl.core.paths import Alternative, Paths, paths_of


def journey(*stages: list[dict[str, Any]]) -> Journey:
    """A journey with one stage per list of steps (`s0`, `s1`, ...)."""
    return Journey.model_validate(
        {
            "journeyctl": 1,
            "kind": "journey",
            "id": "j",
            "title": "J",
            "stages": [
                {"id": f"s{index}", "name": f"S{index}", "steps": steps}
                for index, steps in enumerate(stages)
            ],
        }
    )


def step(key: str, *after: str, terminal: bool = False, nxt: bool = False) -> dict[str, Any]:
    """A step; `after` (or `nxt=True` with none) sets `next`."""
    made: dict[str, Any] = {"id": key, "name": key.upper()}
    if after or nxt:
        made["next"] = list(after)
    if terminal:
        made["terminal"] = True
    return made


def paths(*stages: list[dict[str, Any]]) -> Paths:
    return paths_of(StepGraph(journey(*stages)))


def test_a_straight_journey_is_all_main_path_across_stages() -> None:
    found = paths([step("a"), step("b")], [step("c", terminal=True)])
    assert found == Paths(("a", "b", "c"), None, (), ())


def test_the_main_path_follows_the_first_next_not_the_document_order() -> None:
    found = paths(
        [step("a", "c", "b"), step("b", nxt=True), step("c"), step("d", terminal=True)],
    )
    assert found.main == ("a", "c", "d")
    assert found.alternatives == (Alternative("a", ("b",), None),)
    assert found.unreached == ()


def test_an_alternative_rejoins_the_first_placed_step_it_reaches() -> None:
    found = paths(
        [step("a", "b", "x"), step("b"), step("c", terminal=True)],
        [step("x", "y"), step("y", "c")],
    )
    assert found.main == ("a", "b", "c")
    assert found.alternatives == (Alternative("a", ("x", "y"), "c"),)


def test_a_terminal_step_ends_the_main_path_and_an_alternative() -> None:
    found = paths([step("a", "b", "quit"), step("quit", terminal=True), step("b", terminal=True)])
    assert found.main == ("a", "b")
    assert found.alternatives == (Alternative("a", ("quit",), None),)


def test_a_loop_back_ends_the_main_path_and_its_other_next_branches() -> None:
    found = paths([step("a"), step("b", "a", "c"), step("c", terminal=True)])
    assert found.main == ("a", "b")
    assert found.loops_to == "a"
    assert found.alternatives == (Alternative("b", ("c",), None),)


def test_a_self_loop_is_a_loop_back() -> None:
    found = paths([step("a", "a", "b"), step("b", terminal=True)])
    assert found.main == ("a",)
    assert found.loops_to == "a"
    assert found.alternatives == (Alternative("a", ("b",), None),)


def test_an_alternative_that_loops_onto_itself_rejoins_itself() -> None:
    found = paths([step("a", "z", "x"), step("x", "y"), step("y", "x"), step("z", terminal=True)])
    assert found.alternatives == (Alternative("a", ("x", "y"), "x"),)


def test_nested_alternatives_branch_from_the_steps_of_an_alternative() -> None:
    found = paths(
        [step("a", "b", "x"), step("b", "c", "w"), step("c", terminal=True)],
        [step("x", "y", "z"), step("y", "c"), step("z", terminal=True), step("w", "c")],
    )
    assert found.main == ("a", "b", "c")
    assert found.alternatives == (
        Alternative("a", ("x", "y"), "c"),
        Alternative("b", ("w",), "c"),
        Alternative("x", ("z",), None),
    )


def test_every_reached_step_is_placed_once_and_the_rest_are_unreached() -> None:
    found = paths(
        [step("a", "b", "b", "c"), step("orphan", "b"), step("b", "c"), step("c", terminal=True)],
        [step("island", terminal=True)],
    )
    placed = [*found.main, *(key for alt in found.alternatives for key in alt.steps)]
    assert sorted(placed) == ["a", "b", "c"]
    assert found.unreached == ("orphan", "island")


def test_a_duplicated_id_keeps_its_own_place_as_id_2() -> None:
    found = paths([step("a"), step("b"), step("a", "c"), step("c", terminal=True)])
    # b falls through to the second `a` (key a#2), whose next goes on to c
    assert found.main == ("a", "b", "a#2", "c")
    found = paths([step("a", "c", "a"), step("a", terminal=True), step("c", terminal=True)])
    # `next: [a]` names the first `a`: a loop; the second `a` is reached by nothing
    assert found.main == ("a", "c")
    assert found.unreached == ("a#2",)


def test_an_empty_document_has_no_paths() -> None:
    assert paths() == Paths((), None, (), ())
    assert paths([], []) == Paths((), None, (), ())


def test_next_to_a_missing_step_is_ignored_as_the_graph_ignores_it() -> None:
    found = paths([step("a", "ghost", "b"), step("b", terminal=True)])
    assert found.main == ("a", "b")
    assert found.alternatives == ()

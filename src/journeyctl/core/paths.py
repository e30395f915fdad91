"""The main path of a journey and its alternatives, for views that read left to right.

The *main path* (design section 6) runs from the first step and, at every branch, follows
the first of the step's successors (`StepGraph.successors`: its `next`, or the following
step in document order), until a step with no successor (terminal, `next: []`, the end of
the document) or one already on the path (a loop back).

Every other successor of a step on the main path starts an *alternative*, traced the same
way: it follows first successors until it reaches a step already placed (it rejoins there),
or a step with no successor (it ends). The steps of alternatives have alternatives of their
own, found after those of the main path. Every step that some path from the first step
reaches is placed exactly once, on the main path or on one alternative; the rest are
*unreached*, in document order.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeyctl.core.graph import StepGraph


@dataclass(frozen=True)
class Alternative:
    """Steps off the main path, from the step they branch from to where they rejoin or end."""

    branch: str
    """The key of the step it branches from (on the main path or on another alternative)."""
    steps: tuple[str, ...]
    """Its own steps, in order; never empty."""
    rejoins: str | None
    """The already placed step its last step goes on to; None when it ends there."""


@dataclass(frozen=True)
class Paths:
    """Where every step of a document goes: the main path, alternatives, or unreached."""

    main: tuple[str, ...]
    loops_to: str | None
    """The step of the main path its last step goes back to, if it loops back."""
    alternatives: tuple[Alternative, ...]
    unreached: tuple[str, ...]
    """Steps no path from the first step reaches, in document order."""


def paths_of(graph: StepGraph) -> Paths:
    """The main path, the alternatives and the unreached steps of a step graph (by key)."""
    if graph.entry is None:
        return Paths((), None, (), ())
    placed: set[str] = set()
    main = _follow(graph, graph.entry.key, placed)
    alternatives: list[Alternative] = []
    order = list(main)
    for key in order:  # grows while it is read: alternatives' steps branch too
        for target in graph.successors[key][1:]:
            if target in placed:
                continue
            steps = _follow(graph, target, placed)
            alternatives.append(Alternative(key, tuple(steps), _first(graph, steps[-1])))
            order.extend(steps)
    unreached = tuple(node.key for node in graph.nodes if node.key not in placed)
    return Paths(tuple(main), _first(graph, main[-1]), tuple(alternatives), unreached)


def _follow(graph: StepGraph, start: str, placed: set[str]) -> list[str]:
    """From `start`, first successors until a step without one or one already placed."""
    path = [start]
    placed.add(start)
    while True:
        after = _first(graph, path[-1])
        if after is None or after in placed:
            return path
        path.append(after)
        placed.add(after)


def _first(graph: StepGraph, key: str) -> str | None:
    """The first successor of a step, or None."""
    successors = graph.successors[key]
    return successors[0] if successors else None

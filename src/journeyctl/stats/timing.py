"""How long a journey takes: the sum of step `sla` along its shortest and its longest path.

A path starts at the first step, visits no step twice, and ends at a step where the journey
may end: a terminal step, or a step with no successor (the last step, `next: []`). Each step
on it adds its `sla` in hours; a step without one adds nothing. The shortest path is exact
(Dijkstra). The longest is exact when no loop is reachable (a DAG: one pass in topological
order) or when a depth-first search of every simple path ends within `BUDGET` expansions;
otherwise it is the longest path through the graph of strongly connected components, each
counted with the `sla` of all its steps: an upper bound, and `exact` is False.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from journeyctl.core.fields import parse_duration
from journeyctl.core.graph import StepGraph
from journeyctl.core.scc import components

BUDGET = 100_000
"""Depth-first expansions allowed for the exact longest simple path through loops."""


@dataclass(frozen=True)
class PathHours:
    """The hours of the shortest and longest path; None when no path reaches an end."""

    shortest: int | None
    longest: int | None
    longest_exact: bool


def path_hours(graph: StepGraph) -> PathHours:
    """The `sla` hours along the shortest and the longest path of a step graph."""
    if graph.entry is None:
        return PathHours(None, None, True)
    weight = {node.key: _hours(node.step.sla) for node in graph.nodes}
    ends = {
        node.key for node in graph.nodes if node.step.terminal or not graph.successors[node.key]
    }
    order = _reachable_topological(graph)
    shortest = _shortest(graph, weight, ends)
    if shortest is None:
        return PathHours(None, None, True)
    if order is not None:
        return PathHours(shortest, _longest_in_dag(graph, order, weight, ends), True)
    longest = _longest_by_search(graph, weight, ends)
    if longest is not None:
        return PathHours(shortest, longest, True)
    return PathHours(shortest, _longest_through_components(graph, weight, ends), False)


def _hours(sla: str | None) -> int:
    return 0 if sla is None else int(parse_duration(sla).total_seconds()) // 3600


def _shortest(graph: StepGraph, weight: dict[str, int], ends: set[str]) -> int | None:
    """Dijkstra from the entry, each step costing its own hours; the nearest end."""
    assert graph.entry is not None
    start = graph.entry.key
    best = {start: weight[start]}
    queue = [(weight[start], start)]
    while queue:
        hours, key = heapq.heappop(queue)
        if hours > best[key]:
            continue
        if key in ends:
            return hours
        for target in graph.successors[key]:
            total = hours + weight[target]
            if total < best.get(target, total + 1):
                best[target] = total
                heapq.heappush(queue, (total, target))
    return None


def _reachable_topological(graph: StepGraph) -> list[str] | None:
    """The steps reachable from the entry in topological order; None when a loop is among them."""
    reachable = graph.reachable()
    incoming = dict.fromkeys(reachable, 0)
    for key in reachable:
        for target in graph.successors[key]:
            incoming[target] += 1
    ready = [key for key, count in incoming.items() if count == 0]
    order: list[str] = []
    while ready:
        key = ready.pop()
        order.append(key)
        for target in graph.successors[key]:
            incoming[target] -= 1
            if incoming[target] == 0:
                ready.append(target)
    return order if len(order) == len(reachable) else None


def _longest_in_dag(
    graph: StepGraph, order: list[str], weight: dict[str, int], ends: set[str]
) -> int | None:
    """The longest path from the entry to an end, in a graph without loops."""
    assert graph.entry is not None
    best: dict[str, int] = {graph.entry.key: weight[graph.entry.key]}
    for key in order:
        if key not in best:
            continue
        for target in graph.successors[key]:
            best[target] = max(best.get(target, -1), best[key] + weight[target])
    return max((best[key] for key in best if key in ends), default=None)


def _longest_by_search(graph: StepGraph, weight: dict[str, int], ends: set[str]) -> int | None:
    """The longest simple path by depth-first search; None when it needs over BUDGET steps."""
    assert graph.entry is not None
    start = graph.entry.key
    on_path = {start}
    stack = [(start, weight[start], iter(graph.successors[start]))]
    longest = weight[start] if start in ends else None
    expansions = 0
    while stack:
        key, hours, successors = stack[-1]
        target = next(successors, None)
        expansions += 1
        if expansions > BUDGET:
            return None
        if target is None:
            on_path.discard(key)
            stack.pop()
            continue
        if target in on_path:
            continue
        total = hours + weight[target]
        if target in ends and (longest is None or total > longest):
            longest = total
        on_path.add(target)
        stack.append((target, total, iter(graph.successors[target])))
    return longest


def _longest_through_components(
    graph: StepGraph, weight: dict[str, int], ends: set[str]
) -> int | None:
    """The longest path through the components' graph (an upper bound of the simple paths)."""
    assert graph.entry is not None
    component = _components(graph)
    members: dict[int, list[str]] = {}
    for key, index in component.items():
        members.setdefault(index, []).append(key)
    size = {number: sum(weight[key] for key in keys) for number, keys in members.items()}
    # Tarjan numbers components in reverse topological order: the entry's has the highest.
    start = component[graph.entry.key]
    best = {start: size[start]}
    longest: int | None = None
    for index in range(start, -1, -1):
        if index not in best:
            continue
        if any(key in ends for key in members[index]):
            longest = max(longest or 0, best[index])
        for key in members[index]:
            for target in graph.successors[key]:
                after = component[target]
                if after != index:
                    best[after] = max(best.get(after, -1), best[index] + size[after])
    return longest


def _components(graph: StepGraph) -> dict[str, int]:
    """Each step reachable from the entry by its strongly connected component's number,
    sinks first (`core.scc`)."""
    found = components(graph.reachable(), graph.successors.__getitem__)
    return {key: number for number, members in enumerate(found) for key in members}

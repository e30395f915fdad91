"""Where leads can go, as the flow rules see it: the steps reached, and the loops that trap them.

The flow rules (unreachable-step, dead-end, trapped-loop) read the step graph
(`core.graph`) so that one mistake is one finding, with two differences from a drawing:

- A `next` naming a duplicated id leads to *every* step with that id. The author meant one
  of them; once the duplicate is renamed, the references that meant it will name it. So
  duplicate-id is the one finding, not a flood of unreachable steps and loops after it.
- A step whose `next` names a step that does not exist is a *way out*: the missing step may
  be the one that leads on. dangling-reference is the one finding.

The *ways out* of a document are its terminal steps (the journey may end there, also when
their `next` lets it go on, as a renewal may), its steps with no successor (the end of the
document: its last step when it has no `next`; a step with `next: []`; both dead ends unless
terminal, which dead-end reports, so leads that get there are not also trapped) and the
steps whose `next` names a missing step.

A *trapped loop* is a strongly connected component of reached steps with a cycle (two or
more steps that each lead to all the others, or one step whose `next` names itself) from
which no path leads to a way out. Loops that share a step are one loop: one way out frees
all of them. A loop whose only ways on lead into another trapped loop is a loop of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from journeyctl.core.graph import Node, StepGraph
from journeyctl.core.scc import components


@dataclass(frozen=True)
class Loop:
    """A trapped loop: its steps' keys in document order."""

    steps: tuple[str, ...]
    into: str | None
    """The first step of the trapped loop that this loop's only ways on lead into; None
    when leads cannot leave it at all."""

    @property
    def first(self) -> str:
        """The key of its first step in document order, where it is reported."""
        return self.steps[0]


@dataclass(frozen=True)
class Reach:
    """The steps reached from the first step, and the trapped loops among them."""

    reached: frozenset[str]
    open_ended: bool
    """A reached step's `next` names a missing step: once fixed it may lead anywhere, so no
    step is certainly unreachable."""
    loops: tuple[Loop, ...] = ()
    """Trapped loops, in document order of their first steps."""
    cut_off: dict[str, str] = field(default_factory=dict)
    """Unreached steps that a trapped loop cuts off, with the first step of that loop: the
    steps its steps' `next` skip (the following step in document order), and the unreached
    steps they lead to."""


def reach_of(graph: StepGraph) -> Reach:
    """What leads reach in a step graph, and the loops that trap them (linear time)."""
    leads, missing = _leads_to(graph)
    reached = graph.reachable(leads)
    open_ended = not missing.isdisjoint(reached)
    index = {node.key: number for number, node in enumerate(graph.nodes)}
    trapped = _trapped(graph, index, leads, reached, missing)
    if not trapped:
        return Reach(frozenset(reached), open_ended)
    loops = _loops(leads, trapped)
    cut_off = _cut_off(graph, index, leads, reached, loops)
    return Reach(frozenset(reached), open_ended, loops, cut_off)


def _leads_to(graph: StepGraph) -> tuple[dict[str, list[str]], set[str]]:
    """Each step's successors, where a `next` naming a duplicated id names all its steps;
    and the keys of the steps whose `next` names a missing step."""
    by_id = graph.by_id
    holders: dict[str, list[str]] = {}
    if any("#" in key for key in by_id):  # a slug has no '#': see StepGraph's keys
        for node in graph.nodes:
            holders.setdefault(node.step.id, []).append(node.key)
    leads = dict(graph.successors) if holders else graph.successors
    missing: set[str] = set()
    for node in graph.nodes:
        targets = node.step.next
        if not targets:
            continue
        if not all(target in by_id for target in targets):
            missing.add(node.key)
        if holders:
            keys = (key for target in targets for key in holders.get(target, ()))
            leads[node.key] = list(dict.fromkeys(keys))
    return leads, missing


def _trapped(
    graph: StepGraph,
    index: dict[str, int],
    leads: dict[str, list[str]],
    reached: set[str],
    missing: set[str],
) -> list[str]:
    """Reached steps from which no path leads to a way out, in document order.

    One sweep from the last step to the first settles every step whose way out goes forward
    in the document; only when some step is left unsettled (its way out may go back, through
    a `next` to an earlier step) does a walk back from the settled steps finish the job.
    """
    nodes = graph.nodes
    free = bytearray(len(nodes))  # 1: some path from the step leads to a way out
    for number in range(len(nodes) - 1, -1, -1):
        key = nodes[number].key
        targets = leads[key]
        if not targets or key in missing or nodes[number].step.terminal:
            free[number] = 1
            continue
        for target in targets:
            if free[index[target]]:
                free[number] = 1
                break
    if free.find(0) == -1:
        return []
    _walk_back(nodes, index, leads, free)
    return [nodes[n].key for n in range(len(nodes)) if not free[n] and nodes[n].key in reached]


def _walk_back(
    nodes: list[Node], index: dict[str, int], leads: dict[str, list[str]], free: bytearray
) -> None:
    """Mark free every step with a path to a step already marked free."""
    before: dict[int, list[int]] = {}
    for number, node in enumerate(nodes):
        if not free[number]:
            for target in leads[node.key]:
                before.setdefault(index[target], []).append(number)
    todo = [number for number in before if free[number]]
    while todo:
        for source in before.get(todo.pop(), ()):
            if not free[source]:
                free[source] = 1
                todo.append(source)


def _loops(leads: dict[str, list[str]], trapped: list[str]) -> tuple[Loop, ...]:
    """The loops among trapped steps, each with the trapped loop it leads into, if any."""
    position = {key: number for number, key in enumerate(trapped)}
    found = components(trapped, leads.__getitem__)  # sinks first
    part_of = {key: number for number, part in enumerate(found) for key in part}
    members: list[list[str]] = [[] for _ in found]
    for key in trapped:  # in document order
        members[part_of[key]].append(key)
    loop_at: list[str | None] = []  # per component: its first step, if it is a loop
    into: list[str | None] = []  # per component: the first trapped loop it leads into
    for number, part in enumerate(found):
        ahead = {
            loop_at[other] or into[other]
            for key in part
            for other in (part_of[target] for target in leads[key])
            if other != number
        }
        into.append(min(filter(None, ahead), key=position.__getitem__, default=None))
        cyclic = len(part) > 1 or part[0] in leads[part[0]]
        loop_at.append(members[number][0] if cyclic else None)
    return tuple(
        Loop(tuple(members[part_of[key]]), into[part_of[key]])
        for key in trapped
        if loop_at[part_of[key]] == key
    )


def _cut_off(
    graph: StepGraph,
    index: dict[str, int],
    leads: dict[str, list[str]],
    reached: set[str],
    loops: tuple[Loop, ...],
) -> dict[str, str]:
    """Unreached steps that the `next` of a loop's steps skip, and the unreached steps they
    lead to, each with the first step of the (first) loop that cuts it off."""
    cut: dict[str, str] = {}
    for loop in loops:
        for key in loop.steps:
            after = index[key] + 1
            if after == len(graph.nodes):
                continue
            follower = graph.nodes[after].key
            if follower in reached or follower in cut:
                continue
            cut[follower] = loop.first
            stack = [follower]
            while stack:
                for target in leads[stack.pop()]:
                    if target not in reached and target not in cut:
                        cut[target] = loop.first
                        stack.append(target)
    return cut

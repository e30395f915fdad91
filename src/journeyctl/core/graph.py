"""The step graph of a journey or workflow: who follows whom, and who can be reached.

A step's successors are its `next` ids when it has them (`next: []` means none); otherwise
the following step in document order, across stage boundaries, unless the step is terminal.
The journey enters at its first step.

A duplicated step id (a `duplicate-id` error) is treated as if the later step had been
renamed: it keeps its own place and successors under the key `id#2` (`#3`, ...), and a `next`
naming the id goes to the first step with it. The lint rules about flow read the graph
through `core.reach`, where such a `next` leads to every step with the id: one duplicate is
one finding, not a flood of unreachable steps after it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from journeyctl.core.model import Flow, Step


@dataclass(frozen=True)
class Node:
    """A step with its position in the document."""

    step: Step
    stage_index: int
    step_index: int
    key: str
    """The step's id, or `id#N` for the Nth step with an id used before (unique per graph)."""

    @property
    def path(self) -> tuple[str | int, ...]:
        """The document path of the step mapping."""
        return ("stages", self.stage_index, "steps", self.step_index)


class StepGraph:
    """Successors and reachability over the steps of one document."""

    def __init__(self, doc: Flow) -> None:
        self.doc = doc
        self.nodes: list[Node] = []
        uses: dict[str, int] = {}
        for si, stage in enumerate(doc.stages):
            for ti, step in enumerate(stage.steps):
                uses[step.id] = uses.get(step.id, 0) + 1
                key = step.id if uses[step.id] == 1 else f"{step.id}#{uses[step.id]}"
                self.nodes.append(Node(step, si, ti, key))
        self.by_id: dict[str, Node] = {node.key: node for node in self.nodes}
        """Each node by key: a step id names the first step with that id."""
        self.successors: dict[str, list[str]] = {
            node.key: self._successors(index) for index, node in enumerate(self.nodes)
        }
        """The keys each step goes on to, by the step's key."""

    def _successors(self, index: int) -> list[str]:
        step = self.nodes[index].step
        if step.next is not None:
            return [target for target in step.next if target in self.by_id]
        if step.terminal or index + 1 >= len(self.nodes):
            return []
        return [self.nodes[index + 1].key]

    @property
    def entry(self) -> Node | None:
        """The first step of the document, where every journey begins."""
        return self.nodes[0] if self.nodes else None

    def reachable(self, leads: Mapping[str, Sequence[str]] | None = None) -> set[str]:
        """Keys of the steps that some path from the entry reaches, along `successors` or
        along other edges between the same keys (`leads`)."""
        if self.entry is None:
            return set()
        edges = self.successors if leads is None else leads
        seen = {self.entry.key}
        stack = [self.entry.key]
        while stack:
            for target in edges[stack.pop()]:
                if target not in seen:
                    seen.add(target)
                    stack.append(target)
        return seen

    def edges(self) -> Iterator[tuple[Node, Node]]:
        """Every (from, to) pair of steps, in document order of the source."""
        for node in self.nodes:
            for target in self.successors[node.key]:
                yield node, self.by_id[target]

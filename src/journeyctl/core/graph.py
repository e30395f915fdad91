"""The step graph of a journey or workflow: who follows whom, and who can be reached.

A step's successors are its `next` ids when it has them (`next: []` means none); otherwise
the following step in document order, across stage boundaries, unless the step is terminal.
The journey enters at its first step.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from journeyctl.core.model import Flow, Step


@dataclass(frozen=True)
class Node:
    """A step with its position in the document."""

    step: Step
    stage_index: int
    step_index: int

    @property
    def path(self) -> tuple[str | int, ...]:
        """The document path of the step mapping."""
        return ("stages", self.stage_index, "steps", self.step_index)


class StepGraph:
    """Successors and reachability over the steps of one document."""

    def __init__(self, doc: Flow) -> None:
        self.doc = doc
        self.nodes: list[Node] = [
            Node(step, si, ti)
            for si, stage in enumerate(doc.stages)
            for ti, step in enumerate(stage.steps)
        ]
        self.by_id: dict[str, Node] = {}
        for node in self.nodes:
            self.by_id.setdefault(node.step.id, node)
        self.successors: dict[str, list[str]] = {}
        for index, node in enumerate(self.nodes):
            self.successors.setdefault(node.step.id, self._successors(index))

    def _successors(self, index: int) -> list[str]:
        step = self.nodes[index].step
        if step.next is not None:
            return [target for target in step.next if target in self.by_id]
        if step.terminal or index + 1 >= len(self.nodes):
            return []
        return [self.nodes[index + 1].step.id]

    @property
    def entry(self) -> Node | None:
        """The first step of the document, where every journey begins."""
        return self.nodes[0] if self.nodes else None

    def reachable(self) -> set[str]:
        """Ids of the steps that some path from the entry reaches."""
        if self.entry is None:
            return set()
        seen = {self.entry.step.id}
        stack = [self.entry.step.id]
        while stack:
            for target in self.successors[stack.pop()]:
                if target not in seen:
                    seen.add(target)
                    stack.append(target)
        return seen

    def edges(self) -> Iterator[tuple[Node, Node]]:
        """Every (from, to) pair of steps, in document order of the source."""
        for node in self.nodes:
            if self.by_id[node.step.id] is not node:
                continue
            for target in self.successors[node.step.id]:
                yield node, self.by_id[target]

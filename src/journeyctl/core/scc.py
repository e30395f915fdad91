"""Strongly connected components of a directed graph, without recursion.

Tarjan's algorithm with an explicit stack, so a chain of 100,000 steps costs no Python
recursion depth; linear in the number of nodes and edges looked at.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence


def components(nodes: Iterable[str], successors: Callable[[str], Sequence[str]]) -> list[list[str]]:
    """The strongly connected components among `nodes`, sinks first (reverse topological
    order): no component has an edge to a component listed after it. Edges to nodes outside
    `nodes` are left out."""
    order = list(nodes)
    inside = set(order)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in order:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(successors(root)))]
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in inside:
                    continue
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(successors(target))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    found.append(_pop_component(stack, on_stack, node))
    return found


def _pop_component(stack: list[str], on_stack: set[str], root: str) -> list[str]:
    """Take the component rooted at `root` off the stack."""
    component: list[str] = []
    while True:
        node = stack.pop()
        on_stack.discard(node)
        component.append(node)
        if node == root:
            return component

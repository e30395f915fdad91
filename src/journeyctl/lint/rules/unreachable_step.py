"""A step that no path from the first step reaches: nobody ever gets there.

Paths follow `next` (or document order). A step becomes unreachable when an earlier step's
`next` skips it, or when the step before it is terminal.

Bad:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: decision
        name: Decision
        steps:
          - {id: buys, name: Buys, terminal: true}
          - {id: asks-for-quote, name: Asks for a quote, terminal: true}

Good:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: decision
        name: Decision
        steps:
          - {id: asks-for-quote, name: Asks for a quote}
          - {id: buys, name: Buys, terminal: true}
"""

from collections.abc import Iterator

from journeyctl.core.finding import Severity
from journeyctl.core.model import Flow
from journeyctl.lint.rules.base import Context, Problem

NAME = "unreachable-step"
SEVERITY = Severity.WARNING


def check(doc: Flow, ctx: Context) -> Iterator[Problem]:
    """Report steps outside the set reachable from the entry step."""
    graph = ctx.graph(doc)
    reachable = graph.reachable()
    entry = graph.entry
    for node in graph.nodes:
        if node.key in reachable or entry is None:
            continue
        yield Problem(
            (*node.path, "id"),
            f"step '{node.step.id}' cannot be reached from the first step '{entry.step.id}'",
        )

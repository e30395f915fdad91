"""A step that is not terminal has nowhere to go: leads drop out here.

A step goes on to its `next` steps, or by default to the following step in document order.
The last step of a document, or a step with `next: []`, needs `terminal: true` when the
journey may really end there (a purchase, a churn); otherwise it needs a `next`.

Bad:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: decision
        name: Decision
        steps:
          - {id: asks-for-quote, name: Asks for a quote, next: []}
          - {id: buys, name: Buys, terminal: true}

Good:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: decision
        name: Decision
        steps:
          - {id: asks-for-quote, name: Asks for a quote, next: [buys]}
          - {id: buys, name: Buys, terminal: true}
"""

from collections.abc import Iterator

from journeyctl.core.finding import Severity
from journeyctl.core.model import Flow
from journeyctl.lint.rules.base import Context, Problem

NAME = "dead-end"
SEVERITY = Severity.WARNING


def check(doc: Flow, ctx: Context) -> Iterator[Problem]:
    """Report non-terminal steps without successors. A step whose `next` names only steps
    that do not exist is left to dangling-reference: one broken thing, one finding."""
    graph = ctx.graph(doc)
    for node in graph.nodes:
        if node.step.terminal or graph.successors[node.key] or node.step.next:
            continue
        yield Problem(
            (*node.path, "id"),
            f"step '{node.step.id}' is a dead end: it has no next step and is not terminal",
        )

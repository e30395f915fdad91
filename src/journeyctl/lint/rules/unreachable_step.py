"""A step that no path from the first step reaches: nobody ever gets there.

Paths follow `next` (or document order). A step becomes unreachable when an earlier step's
`next` skips it, or when the step before it is terminal. When the step that skips it belongs
to a trapped loop (rule trapped-loop), the finding says "because of the loop at" that loop's
first step: give the loop a way out first. A duplicated id or a `next` naming a missing step
is one finding of its own (duplicate-id, dangling-reference), and no step is called
unreachable because of it: a `next` naming a duplicated id may mean any step with that id,
and while a reached step's `next` names a missing step, nothing is reported here.

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
    """Report steps that no path from the entry step reaches (see `core.reach`)."""
    graph = ctx.graph(doc)
    reach = ctx.reach(doc)
    entry = graph.entry
    if entry is None or reach.open_ended:
        return
    for node in graph.nodes:
        if node.key in reach.reached:
            continue
        loop = reach.cut_off.get(node.key)
        cause = f" because of the loop at '{graph.by_id[loop].step.id}'" if loop else ""
        yield Problem(
            (*node.path, "id"),
            f"step '{node.step.id}' cannot be reached from the first step '{entry.step.id}'"
            + cause,
        )

"""Steps that leads can enter but never leave for an end: leads go round and never finish.

A journey ends at a terminal step (also one whose `next` lets leads go on, as a renewal
does) or at the end of the document: a step with no next step
(the last step when it has no `next`, or a step with `next: []`; dead-end asks those to be
terminal, and leads that get there are not also trapped). A step whose `next` names a
missing step counts as a way out as well (dangling-reference reports it), and a `next`
naming a duplicated id may lead to any step with that id (duplicate-id reports it). A *loop*
is a set of steps reached from the first step that all lead to each other (or one step whose
`next` names itself); it is trapped when no path from it reaches an end. Loops that share a step
are one loop and one finding, naming its steps in document order, at its first step. Two
loops that share no step are two findings, also when the first one's only way on leads into
the second (the finding says so: a way out of the second frees both). The steps a loop's
`next` skips are reported by unreachable-step "because of the loop at" its first step.

Bad:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: decision
        name: Decision
        steps:
          - {id: asks-for-quote, name: Asks for a quote}
          - {id: waits, name: Waits for the quote}
          - {id: asks-again, name: Asks again, next: [waits]}
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
          - {id: asks-for-quote, name: Asks for a quote}
          - {id: waits, name: Waits for the quote}
          - {id: asks-again, name: Asks again, next: [waits, buys]}
          - {id: buys, name: Buys, terminal: true}
"""

from collections.abc import Iterator

from journeyctl.core.finding import Severity
from journeyctl.core.graph import StepGraph
from journeyctl.core.model import Flow
from journeyctl.core.reach import Loop
from journeyctl.lint.rules.base import Context, Problem

NAME = "trapped-loop"
SEVERITY = Severity.WARNING

SHOWN_STEPS = 10
"""How many of a loop's steps a finding names before it says "and N more"."""

WAY_OUT = "give one of them a way out (a `next` to a step that leads on, or `terminal: true`)"


def check(doc: Flow, ctx: Context) -> Iterator[Problem]:
    """Report each trapped loop (see `core.reach`) at its first step."""
    graph = ctx.graph(doc)
    for loop in ctx.reach(doc).loops:
        first = graph.by_id[loop.first]
        yield Problem((*first.path, "id"), _message(graph, loop))


def _message(graph: StepGraph, loop: Loop) -> str:
    """What the loop is, and what to do about it."""
    names = [f"'{graph.by_id[key].step.id}'" for key in loop.steps[:SHOWN_STEPS]]
    more = len(loop.steps) - len(names)
    steps = ", ".join(names) + (f" and {more} more" if more else "")
    if loop.into is None:
        return f"leads go round {steps} and never finish: {WAY_OUT}"
    into = graph.by_id[loop.into].step.id
    return (
        f"leads go round {steps} and never finish: their only ways on lead into the loop "
        f"at '{into}'; {WAY_OUT}"
    )

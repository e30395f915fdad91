"""The accountable team changes from one step to the next, and the receiving step has no `sla`.

A step's accountable team is its `owner`, else its stage's `owner`. Along every way from one
step to the next (`next`, or the following step in document order) where that team changes,
the lead waits for the other team for nobody knows how long: the receiving step needs an
`sla` saying how soon it happens. One finding per receiving step, naming the teams that hand
it over. The same team on both sides is no hand-off (nor is a stage owner that changes while
the step owners stay the same), a step with no team at all is unowned-step's finding, and a
team missing from the owners registry (a typo) is dangling-reference's: no hand-off either.

Bad:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: decision
        name: Decision
        owner: sales
        steps:
          - {id: signs-contract, name: Signs the contract}
      - id: onboarding
        name: Onboarding
        owner: customer-success
        steps:
          - {id: kickoff-call, name: Kickoff call, terminal: true}

Good:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: decision
        name: Decision
        owner: sales
        steps:
          - {id: signs-contract, name: Signs the contract}
      - id: onboarding
        name: Onboarding
        owner: customer-success
        steps:
          - {id: kickoff-call, name: Kickoff call, sla: 2d, terminal: true}
"""

from collections.abc import Iterator

from journeyctl.core.finding import Severity
from journeyctl.core.graph import Node
from journeyctl.core.model import Flow, step_owner
from journeyctl.lint.rules.base import Context, Problem

NAME = "handoff-without-sla"
SEVERITY = Severity.INFO
WORKFLOW_SEVERITY = Severity.WARNING


def check(doc: Flow, ctx: Context) -> Iterator[Problem]:
    """Report each step without `sla` that some step of another team leads to."""
    graph = ctx.graph(doc)
    known = ctx.owners
    givers: dict[str, dict[str, None]] = {}  # receiving step -> the teams handing over, in order
    for source, target in graph.edges():
        if target.step.sla is not None:
            continue
        before = _team(doc, source)
        after = _team(doc, target)
        if known is not None and (before not in known or after not in known):
            continue
        if before is not None and after is not None and before != after:
            givers.setdefault(target.key, {})[before] = None
    for node in graph.nodes:
        teams = givers.get(node.key)
        if teams is None:
            continue
        team = _team(doc, node)
        yield Problem(
            (*node.path, "id"),
            f"hand-off from {_listed(list(teams))} to {team} at step '{node.step.id}' with no "
            f"sla: say how soon {team} must act",
        )


def _team(doc: Flow, node: Node) -> str | None:
    """The team accountable for a step (`core.model.step_owner`)."""
    return step_owner(node.step, doc.stages[node.stage_index])


def _listed(names: list[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"

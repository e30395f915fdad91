"""A step has no owner, neither its own nor its stage's: nobody is accountable for it.

Give the step an `owner`, or give its stage an `owner` that all its steps fall back to.

Bad:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: decision
        name: Decision
        steps:
          - {id: signs-contract, name: Signs the contract, terminal: true}

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
          - {id: signs-contract, name: Signs the contract, terminal: true}
"""

from collections.abc import Iterator

from journeyctl.core.finding import Severity
from journeyctl.core.model import Flow
from journeyctl.lint.rules.base import Context, Problem, steps_of

NAME = "unowned-step"
SEVERITY = Severity.ERROR


def check(doc: Flow, ctx: Context) -> Iterator[Problem]:
    """Report steps whose own owner and stage owner are both missing."""
    for si, ti, where in steps_of(doc):
        stage = doc.stages[si]
        step = stage.steps[ti]
        if step.owner is None and stage.owner is None:
            yield Problem(
                (*where, "id"),
                f"step '{step.id}' has no owner, and stage '{stage.id}' has none to fall back to",
            )

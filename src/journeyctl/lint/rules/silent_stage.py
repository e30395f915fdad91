"""A journey stage in which the customer meets no touchpoint: they hear nothing for a whole stage.

A step is one the customer meets when its `layer` is `frontstage`, or when it has no `layer`
and its `actor` is `customer` or not given (a journey's steps are the customer's unless they
say otherwise). A step in the `backstage` or `support` layer, or one whose actor is `system`
or a team and that has no `layer`, happens out of the customer's sight. A stage whose steps
are all out of sight leaves customers to figure things out on their own: tell them what is
happening (an email, a status page) in a frontstage step. Only journeys: a workflow is
internal by nature. A stage with no steps is empty-stage's finding.

Bad:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: provisioning
        name: Provisioning
        steps:
          - {id: creates-account, name: Creates the account, actor: system}
          - {id: checks-contract, name: Checks the contract, layer: backstage, terminal: true}

Good:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: provisioning
        name: Provisioning
        steps:
          - {id: creates-account, name: Creates the account, actor: system}
          - {id: checks-contract, name: Checks the contract, layer: backstage}
          - {id: gets-email, name: Gets a welcome email, layer: frontstage, terminal: true}
"""

from collections.abc import Iterator

from journeyctl.core.finding import Severity
from journeyctl.core.model import Flow, Layer, Step
from journeyctl.lint.rules.base import Context, Problem

NAME = "silent-stage"
SEVERITY = Severity.INFO

CUSTOMER = "customer"


def check(doc: Flow, ctx: Context) -> Iterator[Problem]:
    """Report each journey stage with steps, none of which the customer meets."""
    if doc.kind != "journey":
        return
    for si, stage in enumerate(doc.stages):
        if stage.steps and not any(map(meets_customer, stage.steps)):
            yield Problem(
                ("stages", si, "id"),
                f"the customer meets no touchpoint in stage '{stage.id}': every step is "
                "backstage, support, or done by a team or the system; tell the customer what "
                "is happening in a frontstage step",
            )


def meets_customer(step: Step) -> bool:
    """Whether the customer meets this step: frontstage, or no layer and a customer actor."""
    if step.layer is not None:
        return step.layer is Layer.FRONTSTAGE
    return step.actor is None or step.actor == CUSTOMER

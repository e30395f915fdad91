"""A step or stage has no defined `outcome`: nobody can tell when it has worked.

A warning in journeys and an error in workflows, where every action needs a defined result.

Bad:

    journeyctl: 1
    kind: workflow
    id: lead-to-customer
    title: Lead to customer
    stages:
      - id: qualification
        name: Qualification
        outcome: Lead is qualified or disqualified
        steps:
          - {id: scores-lead, name: Scores the lead, owner: sales-ops, terminal: true}

Good:

    journeyctl: 1
    kind: workflow
    id: lead-to-customer
    title: Lead to customer
    stages:
      - id: qualification
        name: Qualification
        outcome: Lead is qualified or disqualified
        steps:
          - id: scores-lead
            name: Scores the lead
            owner: sales-ops
            outcome: Lead score is in the CRM
            terminal: true
"""

from collections.abc import Iterator

from journeyctl.core.finding import Severity
from journeyctl.core.model import Flow
from journeyctl.lint.rules.base import Context, Problem

NAME = "missing-outcome"
SEVERITY = Severity.WARNING
WORKFLOW_SEVERITY = Severity.ERROR


def check(doc: Flow, ctx: Context) -> Iterator[Problem]:
    """Report stages and steps without an outcome."""
    for si, stage in enumerate(doc.stages):
        if not stage.outcome:
            yield Problem(("stages", si, "id"), f"stage '{stage.id}' has no outcome")
        for ti, step in enumerate(stage.steps):
            if not step.outcome:
                yield Problem(("stages", si, "steps", ti, "id"), f"step '{step.id}' has no outcome")

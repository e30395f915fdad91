"""An opportunity has no owner or no priority: nobody will act on it.

Bad:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: onboarding
        name: Onboarding
        opportunities:
          - {text: Offer a guided data import}
        steps:
          - {id: imports-data, name: Imports data, terminal: true}

Good:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: onboarding
        name: Onboarding
        opportunities:
          - {text: Offer a guided data import, owner: customer-success, priority: high}
        steps:
          - {id: imports-data, name: Imports data, terminal: true}
"""

from collections.abc import Iterator

from journeyctl.core.finding import Severity
from journeyctl.core.model import Flow, Opportunity
from journeyctl.lint.rules.base import Context, Path, Problem

NAME = "orphan-opportunity"
SEVERITY = Severity.WARNING


def check(doc: Flow, ctx: Context) -> Iterator[Problem]:
    """Report opportunities of stages and steps that lack an owner or a priority."""
    for si, stage in enumerate(doc.stages):
        yield from _orphans(stage.opportunities, ("stages", si))
        for ti, step in enumerate(stage.steps):
            yield from _orphans(step.opportunities, ("stages", si, "steps", ti))


def _orphans(opportunities: list[Opportunity], where: Path) -> Iterator[Problem]:
    for oi, opportunity in enumerate(opportunities):
        missing = [
            name
            for name, value in (("owner", opportunity.owner), ("priority", opportunity.priority))
            if value is None
        ]
        if missing:
            yield Problem(
                (*where, "opportunities", oi),
                f"opportunity '{opportunity.text}' has no {' and no '.join(missing)}",
            )

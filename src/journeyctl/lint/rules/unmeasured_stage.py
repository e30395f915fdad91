"""A stage has no metric: nobody can tell whether it works.

Bad:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: onboarding
        name: Onboarding
        steps:
          - {id: kickoff-call, name: Kickoff call, terminal: true}

Good:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: onboarding
        name: Onboarding
        metrics:
          - {name: time-to-first-value, target: 7, unit: days, better: lower}
        steps:
          - {id: kickoff-call, name: Kickoff call, terminal: true}
"""

from collections.abc import Iterator

from journeyctl.core.finding import Severity
from journeyctl.core.model import Flow
from journeyctl.lint.rules.base import Context, Problem

NAME = "unmeasured-stage"
SEVERITY = Severity.WARNING


def check(doc: Flow, ctx: Context) -> Iterator[Problem]:
    """Report stages without metrics."""
    for si, stage in enumerate(doc.stages):
        if not stage.metrics:
            yield Problem(("stages", si, "id"), f"stage '{stage.id}' has no metric")

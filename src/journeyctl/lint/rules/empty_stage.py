"""A stage has no steps: a gap in the map where nobody knows what happens.

Bad:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: onboarding
        name: Onboarding
        steps: []

Good:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: onboarding
        name: Onboarding
        steps:
          - {id: kickoff-call, name: Kickoff call, terminal: true}
"""

from collections.abc import Iterator

from journeyctl.core.finding import Severity
from journeyctl.core.model import Flow
from journeyctl.lint.rules.base import Context, Problem

NAME = "empty-stage"
SEVERITY = Severity.ERROR


def check(doc: Flow, ctx: Context) -> Iterator[Problem]:
    """Report stages with an empty or missing `steps` list."""
    for si, stage in enumerate(doc.stages):
        if not stage.steps:
            yield Problem(("stages", si, "id"), f"stage '{stage.id}' has no steps")

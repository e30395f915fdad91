"""A pain point with no opportunity in its step or stage: a known problem nobody acts on.

Add an opportunity to the step (or to the stage's `opportunities`) that says what will be
done about it.

Bad:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: onboarding
        name: Onboarding
        steps:
          - id: sso-setup
            name: Sets up SSO
            pain_points: ["SAML docs are out of date"]
            terminal: true

Good:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: onboarding
        name: Onboarding
        steps:
          - id: sso-setup
            name: Sets up SSO
            pain_points: ["SAML docs are out of date"]
            opportunities:
              - {text: Rewrite the SAML guide, priority: high, owner: product}
            terminal: true
"""

from collections.abc import Iterator

from journeyctl.core.finding import Severity
from journeyctl.core.model import Flow
from journeyctl.lint.rules.base import Context, Problem

NAME = "unaddressed-pain"
SEVERITY = Severity.WARNING


def check(doc: Flow, ctx: Context) -> Iterator[Problem]:
    """Report pain points of steps that have no opportunity, nor their stage."""
    for si, stage in enumerate(doc.stages):
        if stage.opportunities:
            continue
        for ti, step in enumerate(stage.steps):
            if step.opportunities:
                continue
            for pi, pain in enumerate(step.pain_points):
                yield Problem(
                    ("stages", si, "steps", ti, "pain_points", pi),
                    f"pain point '{pain}' has no opportunity in step '{step.id}' "
                    f"or stage '{stage.id}'",
                )

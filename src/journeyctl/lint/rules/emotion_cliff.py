"""Emotion drops by 3 or more from one step to the next: a moment that needs design attention.

Compared along the journey's paths (`next` or document order), between steps that both
have an `emotion`.

Bad:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: onboarding
        name: Onboarding
        steps:
          - {id: signs-up, name: Signs up, emotion: 2}
          - {id: sso-setup, name: Sets up SSO, emotion: -1, terminal: true}

Good:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: onboarding
        name: Onboarding
        steps:
          - {id: signs-up, name: Signs up, emotion: 2}
          - {id: sso-setup, name: Sets up SSO, emotion: 0, terminal: true}
"""

from collections.abc import Iterator

from journeyctl.core.finding import Severity
from journeyctl.core.model import Flow
from journeyctl.lint.rules.base import Context, Problem

NAME = "emotion-cliff"
SEVERITY = Severity.INFO
CLIFF = 3


def check(doc: Flow, ctx: Context) -> Iterator[Problem]:
    """Report each edge along which emotion falls by CLIFF or more."""
    for source, target in ctx.graph(doc).edges():
        before, after = source.step.emotion, target.step.emotion
        if before is None or after is None or before - after < CLIFF:
            continue
        yield Problem(
            (*target.path, "emotion"),
            f"emotion falls from {before:+d} at '{source.step.id}' to {after:+d} "
            f"at '{target.step.id}'",
        )

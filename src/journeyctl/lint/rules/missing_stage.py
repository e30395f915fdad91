"""A journey does not cover a stage of the project's `lifecycle`.

The `lifecycle` in journeyctl.yaml lists the stage ids every journey is expected to cover
(for example awareness, consideration, decision, onboarding, loyalty); each one a journey
lacks is its own finding. Workflows are not checked. Nothing is reported when the project sets
no lifecycle.

Bad (with `lifecycle: [awareness, decision]`):

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: awareness
        name: Awareness
        steps:
          - {id: sees-ad, name: Sees an ad, terminal: true}

Good (with `lifecycle: [awareness, decision]`):

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: awareness
        name: Awareness
        steps:
          - {id: sees-ad, name: Sees an ad}
      - id: decision
        name: Decision
        steps:
          - {id: buys, name: Buys, terminal: true}
"""

from collections.abc import Iterator

from journeyctl.core.finding import Severity
from journeyctl.core.model import Flow
from journeyctl.lint.rules.base import Context, Problem

NAME = "missing-stage"
SEVERITY = Severity.WARNING


def check(doc: Flow, ctx: Context) -> Iterator[Problem]:
    """Report each lifecycle stage id that no stage of the journey has, one by one."""
    lifecycle = ctx.settings.lifecycle
    if doc.kind != "journey" or not lifecycle:
        return
    present = {stage.id for stage in doc.stages}
    for stage_id in lifecycle:
        if stage_id not in present:
            yield Problem(
                ("stages",),
                f"journey does not cover lifecycle stage '{stage_id}'",
                at_key=True,
                subject=f"lifecycle:{stage_id}",
            )

"""The same channel and touchpoint is owned by different teams within one stage.

When two teams own one touchpoint, each assumes the other fixes it. Owners are compared
after falling back to the stage owner.

Bad:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: onboarding
        name: Onboarding
        steps:
          - id: welcome
            name: Welcome email
            channel: email
            touchpoint: Welcome email
            owner: marketing
          - id: setup-tips
            name: Setup tips
            channel: email
            touchpoint: Welcome email
            owner: customer-success
            terminal: true

Good:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: onboarding
        name: Onboarding
        owner: customer-success
        steps:
          - {id: welcome, name: Welcome email, channel: email, touchpoint: Welcome email}
          - {id: setup-tips, name: Setup tips, channel: email, touchpoint: Welcome email}
"""

from collections.abc import Iterator

from journeyctl.core.finding import Severity
from journeyctl.core.model import Flow, step_owner
from journeyctl.lint.rules.base import Context, Problem

NAME = "conflicting-touchpoint"
SEVERITY = Severity.WARNING


def check(doc: Flow, ctx: Context) -> Iterator[Problem]:
    """Report steps whose channel+touchpoint an earlier step of the stage gives another owner."""
    for si, stage in enumerate(doc.stages):
        first: dict[tuple[str, str], tuple[str, str]] = {}
        for ti, step in enumerate(stage.steps):
            owner = step_owner(step, stage)
            if step.channel is None or not step.touchpoint or owner is None:
                continue
            key = (step.channel.value, step.touchpoint.strip().casefold())
            if key not in first:
                first[key] = (owner, step.id)
                continue
            other_owner, other_step = first[key]
            if other_owner != owner:
                yield Problem(
                    ("stages", si, "steps", ti, "touchpoint"),
                    f"{step.channel.value} touchpoint '{step.touchpoint}' is owned by "
                    f"'{owner}' here but by '{other_owner}' at step '{other_step}'",
                )

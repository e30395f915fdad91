"""An opportunity is past its `due` date and neither done nor dropped.

A due date that passes in silence is a plan nobody follows. Set `status: done` (or
`dropped`) when the work is finished or abandoned, or move `due` when the plan changed. The
day lint judges by is today, or `journeyctl lint --today DATE` for a reproducible run.

Bad:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: onboarding
        name: Onboarding
        steps:
          - id: imports-data
            name: Imports data
            pain_points: [The import times out on large files]
            opportunities:
              - {text: Stream large imports, owner: product, priority: high, due: 2020-01-31}
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
          - id: imports-data
            name: Imports data
            pain_points: [The import times out on large files]
            opportunities:
              - text: Stream large imports
                owner: product
                priority: high
                due: 2020-01-31
                status: done
            terminal: true
"""

from collections.abc import Iterator

from journeyctl.core.finding import Severity
from journeyctl.core.model import Flow, Opportunity
from journeyctl.lint.rules.base import Context, Path, Problem

NAME = "overdue-opportunity"
SEVERITY = Severity.WARNING


def check(doc: Flow, ctx: Context) -> Iterator[Problem]:
    """Report open opportunities of stages and steps whose `due` is before today."""
    for si, stage in enumerate(doc.stages):
        yield from _overdue(stage.opportunities, ("stages", si), ctx)
        for ti, step in enumerate(stage.steps):
            yield from _overdue(step.opportunities, ("stages", si, "steps", ti), ctx)


def _overdue(opportunities: list[Opportunity], where: Path, ctx: Context) -> Iterator[Problem]:
    for oi, opportunity in enumerate(opportunities):
        if opportunity.due is None or not opportunity.is_overdue(ctx.today):
            continue
        days = (ctx.today - opportunity.due).days
        yield Problem(
            (*where, "opportunities", oi, "due"),
            f"opportunity '{opportunity.text}' is {days} {'day' if days == 1 else 'days'} "
            f"overdue: due {opportunity.due.isoformat()}, status {opportunity.status.value}",
        )

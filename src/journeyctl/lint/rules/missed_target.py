"""A metric's `actual` misses its `target`.

Higher is better unless the metric says `better: lower` (durations, costs, churn).

Bad:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: awareness
        name: Awareness
        metrics:
          - {name: visit-to-signup, target: 0.05, actual: 0.031, unit: ratio}
        steps:
          - {id: sees-ad, name: Sees an ad, terminal: true}

Good:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: awareness
        name: Awareness
        metrics:
          - {name: visit-to-signup, target: 0.05, actual: 0.052, unit: ratio}
        steps:
          - {id: sees-ad, name: Sees an ad, terminal: true}
"""

from collections.abc import Iterator

from journeyctl.core.finding import Severity
from journeyctl.core.model import Flow
from journeyctl.lint.rules.base import Context, Problem

NAME = "missed-target"
SEVERITY = Severity.INFO


def check(doc: Flow, ctx: Context) -> Iterator[Problem]:
    """Report metrics whose actual is on the wrong side of the target."""
    for si, stage in enumerate(doc.stages):
        for mi, metric in enumerate(stage.metrics):
            target, actual = metric.target, metric.actual
            if metric.misses_target() and target is not None and actual is not None:
                unit = f" {metric.unit}" if metric.unit else ""
                yield Problem(
                    ("stages", si, "metrics", mi, "actual"),
                    f"metric '{metric.name}' is at {actual:g}{unit}, "
                    f"{'below' if metric.better == 'higher' else 'above'} "
                    f"its target of {target:g}{unit}",
                )

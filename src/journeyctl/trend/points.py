"""The numbers of one point of a trend: one document's health at one commit.

They are `journeyctl stats`'s numbers, by the same definitions (`stats.health`: the lint
rules' own), so that a trend and a stats report of the same commit agree; the metrics are
read here, each metric's `actual` by name.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from journeyctl.core.finding import Finding
from journeyctl.core.model import Flow, step_owner
from journeyctl.stats.health import average

NUMBERS = ("steps", "unowned_steps", "pain_points", "emotion_average", "findings", "metrics")
"""The keys of a point's numbers, in the order reports show them."""


def point_numbers(document: Flow, findings: Sequence[Finding]) -> dict[str, Any]:
    """Steps, unowned steps, pain points, average emotion, findings and each metric's actual
    (the first metric of a name, in document order, when stages repeat a name): the counts of
    `document_health` without its path times, which a point does not show (one per blob)."""
    pairs = [(stage, step) for stage in document.stages for step in stage.steps]
    metrics: dict[str, float | None] = {}
    for stage in document.stages:
        for metric in stage.metrics:
            metrics.setdefault(metric.name, metric.actual)
    return {
        "steps": len(pairs),
        "unowned_steps": sum(1 for stage, step in pairs if step_owner(step, stage) is None),
        "pain_points": sum(len(step.pain_points) for _, step in pairs),
        "emotion_average": average([s.emotion for _, s in pairs if s.emotion is not None]),
        "findings": len(findings),
        "metrics": metrics,
    }


def no_numbers(findings: int | None) -> dict[str, Any]:
    """The numbers of a point whose document does not load or validate: all null but the
    findings (its parse or schema errors)."""
    return {**dict.fromkeys(NUMBERS), "findings": findings}

"""The numbers of one point of a trend: one document's health at one commit.

`point_numbers` is the one place they are computed, so that `journeyctl stats`'s
`document_health` can take its place. A step is owned when it or its stage has an owner (the
`unowned-step` rule's definition); averages are over the steps that record an emotion.
"""

from __future__ import annotations

from typing import Any

from journeyctl.core.model import Flow

NUMBERS = ("steps", "unowned_steps", "pain_points", "emotion_average", "findings", "metrics")
"""The keys of a point's numbers, in the order reports show them."""


def point_numbers(document: Flow, findings: int) -> dict[str, Any]:
    """Steps, unowned steps, pain points, average emotion, findings and each metric's actual
    (the first metric of a name, in document order, when stages repeat a name)."""
    pairs = [(stage, step) for stage in document.stages for step in stage.steps]
    emotions = [step.emotion for _, step in pairs if step.emotion is not None]
    metrics: dict[str, float | None] = {}
    for stage in document.stages:
        for metric in stage.metrics:
            metrics.setdefault(metric.name, metric.actual)
    return {
        "steps": len(pairs),
        "unowned_steps": sum(1 for stage, step in pairs if not (step.owner or stage.owner)),
        "pain_points": sum(len(step.pain_points) for _, step in pairs),
        "emotion_average": round(sum(emotions) / len(emotions), 2) if emotions else None,
        "findings": findings,
        "metrics": metrics,
    }


def no_numbers(findings: int | None) -> dict[str, Any]:
    """The numbers of a point whose document does not load or validate: all null but the
    findings (its parse or schema errors)."""
    return {**dict.fromkeys(NUMBERS), "findings": findings}

"""The numbers of one point of a trend: one document's health at one commit.

They are `journeyctl stats`'s numbers (`stats.health.document_health`, the lint rules'
definitions), so that a trend and a stats report of the same commit agree; only the metrics
are read here, each metric's `actual` by name.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from journeyctl.core.finding import Finding
from journeyctl.core.model import Flow
from journeyctl.stats.health import document_health

NUMBERS = ("steps", "unowned_steps", "pain_points", "emotion_average", "findings", "metrics")
"""The keys of a point's numbers, in the order reports show them."""


def point_numbers(document: Flow, findings: Sequence[Finding], today: date) -> dict[str, Any]:
    """Steps, unowned steps, pain points, average emotion, findings and each metric's actual
    (the first metric of a name, in document order, when stages repeat a name)."""
    health = document_health(document, findings, today, "")
    metrics: dict[str, float | None] = {}
    for stage in document.stages:
        for metric in stage.metrics:
            metrics.setdefault(metric.name, metric.actual)
    return {
        "steps": health.steps,
        "unowned_steps": health.unowned_steps,
        "pain_points": health.pain_points,
        "emotion_average": health.emotion.average,
        "findings": len(findings),
        "metrics": metrics,
    }


def no_numbers(findings: int | None) -> dict[str, Any]:
    """The numbers of a point whose document does not load or validate: all null but the
    findings (its parse or schema errors)."""
    return {**dict.fromkeys(NUMBERS), "findings": findings}

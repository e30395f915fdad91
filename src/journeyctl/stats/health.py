"""The health of one journey or workflow: counts, emotion and time, from the document alone.

`document_health(doc, findings, today, path)` is a plain function of the validated document,
the findings lint reported for its file, and the day overdue is judged on; `journeyctl stats`
and `journeyctl trend` both call it. The definitions are lint's own: a step is owned when it
or its stage has an owner (rule unowned-step); a pain point is addressed when its step or its
stage has an opportunity (unaddressed-pain); an opportunity is overdue by
`Opportunity.is_overdue`; a metric misses its target by `Metric.misses_target`
(missed-target).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from journeyctl.core.finding import Finding, Severity
from journeyctl.core.graph import StepGraph
from journeyctl.core.model import EvidenceKind, Flow, Opportunity, Stage, Step, step_owner
from journeyctl.stats.timing import path_hours


@dataclass(frozen=True)
class FindingCounts:
    """Findings by severity."""

    errors: int = 0
    warnings: int = 0
    infos: int = 0

    @classmethod
    def of(cls, findings: Sequence[Finding]) -> FindingCounts:
        """Count findings by severity."""
        counts = dict.fromkeys(Severity, 0)
        for finding in findings:
            counts[finding.severity] += 1
        return cls(counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO])

    def __add__(self, other: FindingCounts) -> FindingCounts:
        return FindingCounts(
            self.errors + other.errors, self.warnings + other.warnings, self.infos + other.infos
        )


@dataclass(frozen=True)
class EvidenceCounts:
    """Research behind the map: items by kind, and steps with any evidence."""

    analytical: int
    anecdotal: int
    steps_with_evidence: int


@dataclass(frozen=True)
class Lowest:
    """The first step with the lowest emotion."""

    step: str
    value: int


@dataclass(frozen=True)
class EmotionSummary:
    """Averages over the steps that record an emotion (2 decimals; None when none does)."""

    average: float | None
    lowest: Lowest | None
    by_stage: dict[str, float | None]


@dataclass(frozen=True)
class TimeSummary:
    """Hours of `sla` along the shortest and longest path (see `stats.timing`)."""

    shortest_path_hours: int | None
    longest_path_hours: int | None
    longest_path_exact: bool
    steps_without_sla: int


@dataclass(frozen=True)
class DocumentHealth:
    """The health of one journey or workflow; its fields are the JSON keys of `stats`."""

    kind: str
    id: str
    state: str
    title: str
    path: str
    stages: int
    steps: int
    unowned_steps: int
    pain_points: int
    pain_points_addressed: int
    opportunities: int
    opportunities_overdue: int
    metrics: int
    metrics_without_target: int
    metrics_missed: int
    findings: FindingCounts
    evidence: EvidenceCounts
    emotion: EmotionSummary
    time: TimeSummary

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: nested records as objects."""
        return asdict(self)


def is_addressed(stage: Stage, step: Step) -> bool:
    """Whether a step's pain points are addressed: it or its stage has an opportunity (rule
    unaddressed-pain)."""
    return bool(step.opportunities or stage.opportunities)


def opportunities_of(doc: Flow) -> Iterator[tuple[Stage, Step | None, Opportunity]]:
    """Every opportunity with its stage and step (None for a stage's own), in document order."""
    for stage in doc.stages:
        for opportunity in stage.opportunities:
            yield stage, None, opportunity
        for step in stage.steps:
            for opportunity in step.opportunities:
                yield stage, step, opportunity


def document_health(
    doc: Flow, findings: Sequence[Finding], today: date, path: str
) -> DocumentHealth:
    """The health of one journey or workflow (`findings`: lint's findings on its file)."""
    steps = [(stage, step) for stage in doc.stages for step in stage.steps]
    metrics = [metric for stage in doc.stages for metric in stage.metrics]
    opportunities = [item for _, _, item in opportunities_of(doc)]
    return DocumentHealth(
        kind=doc.kind,
        id=doc.id,
        state=doc.state,
        title=doc.title,
        path=path,
        stages=len(doc.stages),
        steps=len(steps),
        unowned_steps=sum(1 for stage, step in steps if step_owner(step, stage) is None),
        pain_points=sum(len(step.pain_points) for _, step in steps),
        pain_points_addressed=sum(
            len(step.pain_points) for stage, step in steps if is_addressed(stage, step)
        ),
        opportunities=len(opportunities),
        opportunities_overdue=sum(1 for item in opportunities if item.is_overdue(today)),
        metrics=len(metrics),
        metrics_without_target=sum(1 for metric in metrics if metric.target is None),
        metrics_missed=sum(1 for metric in metrics if metric.misses_target()),
        findings=FindingCounts.of(findings),
        evidence=_evidence([step for _, step in steps]),
        emotion=_emotion(doc),
        time=_time(doc, [step for _, step in steps]),
    )


def _evidence(steps: Sequence[Step]) -> EvidenceCounts:
    kinds = [item.kind for step in steps for item in step.evidence]
    return EvidenceCounts(
        analytical=kinds.count(EvidenceKind.ANALYTICAL),
        anecdotal=kinds.count(EvidenceKind.ANECDOTAL),
        steps_with_evidence=sum(1 for step in steps if step.evidence),
    )


def _emotion(doc: Flow) -> EmotionSummary:
    """The average emotion, the first lowest moment, and each stage's average."""
    everything: list[int] = []
    lowest: Lowest | None = None
    by_stage: dict[str, float | None] = {}
    for stage in doc.stages:
        values = [step.emotion for step in stage.steps if step.emotion is not None]
        by_stage.setdefault(stage.id, average(values))
        everything.extend(values)
        for step in stage.steps:
            if step.emotion is not None and (lowest is None or step.emotion < lowest.value):
                lowest = Lowest(step.id, step.emotion)
    return EmotionSummary(average(everything), lowest, by_stage)


def average(values: Sequence[int]) -> float | None:
    """The mean rounded to 2 decimals; None for no values."""
    return round(sum(values) / len(values), 2) if values else None


def _time(doc: Flow, steps: Sequence[Step]) -> TimeSummary:
    without = sum(1 for step in steps if step.sla is None)
    if without == len(steps):  # no sla anywhere: no time to add up
        return TimeSummary(None, None, True, without)
    hours = path_hours(StepGraph(doc))
    return TimeSummary(hours.shortest, hours.longest, hours.longest_exact, without)

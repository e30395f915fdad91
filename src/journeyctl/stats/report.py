"""A whole `journeyctl stats` report from one lint run: documents, teams and the project.

Each journey and workflow that loads is one document (sorted by path). Personas have no
steps: they are counted in the project (`personas`), not listed. A file that does not load
(its parse-error or schema-error) is listed under `skipped` with its findings, and its
findings count in the project's, as every finding of the run does: the project's `findings`
are what `journeyctl lint` reports; its other numbers are totals over the documents.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from journeyctl.core.finding import Finding, Severity
from journeyctl.core.model import Flow, Persona
from journeyctl.lint.result import LintRun, owners_registry
from journeyctl.stats.health import (
    DocumentHealth,
    EvidenceCounts,
    FindingCounts,
    average,
    document_health,
)
from journeyctl.stats.teams import TeamHealth, team_health


@dataclass(frozen=True)
class SkippedFile:
    """A journeyctl file that does not load, so it has no numbers."""

    path: str
    reason: str
    """Its first error finding: ``line:column rule: message``."""
    findings: FindingCounts


@dataclass(frozen=True)
class ProjectHealth:
    """Totals over the documents, plus counts of documents, teams and findings."""

    documents: int
    journeys: int
    workflows: int
    personas: int
    skipped_files: int
    teams: int
    teams_not_in_registry: int
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
    emotion_average: float | None

    @property
    def has_registry(self) -> bool:
        """Whether any team is in an owners registry: without one, no team is checked
        against it (as in lint), and the reports do not mark every team as missing."""
        return self.teams_not_in_registry < self.teams


@dataclass(frozen=True)
class StatsReport:
    """Everything `journeyctl stats` shows."""

    documents: list[DocumentHealth]
    teams: list[TeamHealth]
    project: ProjectHealth
    skipped: list[SkippedFile]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: ``{"documents", "teams", "project", "skipped"}``."""
        return {
            "documents": [document.to_dict() for document in self.documents],
            "teams": [team.to_dict() for team in self.teams],
            "project": asdict(self.project),
            "skipped": [asdict(skipped) for skipped in self.skipped],
        }


def build_report(run: LintRun, today: date) -> StatsReport:
    """The stats of a lint run made with `keep_documents=True`."""
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in run.report.findings:
        by_path[finding.path].append(finding)
    flows: list[tuple[Flow, Sequence[Finding]]] = []
    documents: list[DocumentHealth] = []
    skipped: list[SkippedFile] = []
    personas = 0
    for result in sorted(run.results, key=lambda r: r.target.display):
        path = result.target.display
        findings = by_path.get(path, [])
        if isinstance(result.document, Flow):
            flows.append((result.document, findings))
            documents.append(document_health(result.document, findings, today, path))
        elif isinstance(result.document, Persona):
            personas += 1
        elif result.linted and result.io_error is None:
            skipped.append(_skipped(path, findings))
    teams = team_health(flows, owners_registry(run.results), today)
    emotions = [
        step.emotion
        for doc, _ in flows
        for stage in doc.stages
        for step in stage.steps
        if step.emotion is not None
    ]
    project = _project(documents, teams, personas, skipped, run.report.findings, emotions)
    return StatsReport(documents, teams, project, skipped)


def _skipped(path: str, findings: Sequence[Finding]) -> SkippedFile:
    errors = [f for f in findings if f.severity is Severity.ERROR] or list(findings)
    first = errors[0] if errors else None
    reason = f"{first.line}:{first.column} {first.rule}: {first.message}" if first else ""
    return SkippedFile(path, reason, FindingCounts.of(findings))


def _project(
    documents: Sequence[DocumentHealth],
    teams: Sequence[TeamHealth],
    personas: int,
    skipped: Sequence[SkippedFile],
    findings: Sequence[Finding],
    emotions: Sequence[int],
) -> ProjectHealth:
    def total(name: str) -> int:
        return sum(int(getattr(document, name)) for document in documents)

    return ProjectHealth(
        documents=len(documents),
        journeys=sum(1 for d in documents if d.kind == "journey"),
        workflows=sum(1 for d in documents if d.kind == "workflow"),
        personas=personas,
        skipped_files=len(skipped),
        teams=len(teams),
        teams_not_in_registry=sum(1 for team in teams if not team.in_registry),
        stages=total("stages"),
        steps=total("steps"),
        unowned_steps=total("unowned_steps"),
        pain_points=total("pain_points"),
        pain_points_addressed=total("pain_points_addressed"),
        opportunities=total("opportunities"),
        opportunities_overdue=total("opportunities_overdue"),
        metrics=total("metrics"),
        metrics_without_target=total("metrics_without_target"),
        metrics_missed=total("metrics_missed"),
        findings=FindingCounts.of(findings),
        evidence=EvidenceCounts(
            analytical=sum(d.evidence.analytical for d in documents),
            anecdotal=sum(d.evidence.anecdotal for d in documents),
            steps_with_evidence=sum(d.evidence.steps_with_evidence for d in documents),
        ),
        emotion_average=average(emotions),
    )

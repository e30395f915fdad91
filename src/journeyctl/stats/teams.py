"""The health of each team: what it owns across journeys and workflows.

Teams are the owners registry's (from the settings) and every owner a document names (of the
document, a stage, a step or an opportunity). A team owns a step when it is the step's
accountable owner (its own, else its stage's), and a stage when it is the stage's `owner`.
Pain points count for the team that owns their step. An opportunity counts for its own
`owner`, else its step's owner, else its stage's. A finding counts for a team when it points
into a step the team owns (by the finding's element id); findings on a stage, a metric or the
document as a whole are not any one team's and count only for the document.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from journeyctl.core.finding import Finding
from journeyctl.core.model import Flow, Owner, step_owner
from journeyctl.lint.element import split
from journeyctl.stats.health import FindingCounts, opportunities_of


@dataclass
class TeamHealth:
    """What one team owns, and how it stands."""

    id: str
    name: str | None
    in_registry: bool
    documents: int = 0
    """Documents whose `owner` the team is."""
    stages: int = 0
    steps: int = 0
    pain_points: int = 0
    opportunities: int = 0
    opportunities_overdue: int = 0
    findings: FindingCounts = field(default_factory=FindingCounts)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return asdict(self)


_Lookup = Callable[[str], TeamHealth]
"""A team by id, added when first named."""


def team_health(
    documents: Sequence[tuple[Flow, Sequence[Finding]]],
    registry: Mapping[str, Owner],
    today: date,
) -> list[TeamHealth]:
    """Every team of the registry and of the documents, sorted by id."""
    teams = {
        team_id: TeamHealth(team_id, owner.name, in_registry=True)
        for team_id, owner in registry.items()
    }

    def team(team_id: str) -> TeamHealth:
        if team_id not in teams:
            teams[team_id] = TeamHealth(team_id, None, in_registry=False)
        return teams[team_id]

    for doc, findings in documents:
        if doc.owner:
            team(doc.owner).documents += 1
        _count_steps(doc, team)
        _count_opportunities(doc, today, team)
        _count_findings(doc, findings, team)
    return [teams[team_id] for team_id in sorted(teams)]


def _count_steps(doc: Flow, team: _Lookup) -> None:
    for stage in doc.stages:
        if stage.owner:
            team(stage.owner).stages += 1
        for step in stage.steps:
            owner = step_owner(step, stage)
            if owner:
                entry = team(owner)
                entry.steps += 1
                entry.pain_points += len(step.pain_points)


def _count_opportunities(doc: Flow, today: date, team: _Lookup) -> None:
    for stage, step, opportunity in opportunities_of(doc):
        owner = opportunity.owner or (step_owner(step, stage) if step else stage.owner)
        if owner:
            entry = team(owner)
            entry.opportunities += 1
            entry.opportunities_overdue += opportunity.is_overdue(today)


def _count_findings(doc: Flow, findings: Sequence[Finding], team: _Lookup) -> None:
    owners: dict[tuple[str, str], str | None] = {}
    for stage in doc.stages:
        for step in stage.steps:
            owners.setdefault((stage.id, step.id), step_owner(step, stage))
    for finding in findings:
        owner = owners.get(_stage_and_step(finding.element) or ("", ""))
        if owner:
            entry = team(owner)
            entry.findings = entry.findings + FindingCounts.of([finding])


def _stage_and_step(element: str) -> tuple[str, str] | None:
    """The stage and step ids a finding's element points into, if it points into a step."""
    parts = split(element)
    if len(parts) < 3 or not parts[1].startswith("stage:") or not parts[2].startswith("step:"):
        return None
    return parts[1].removeprefix("stage:"), parts[2].removeprefix("step:")

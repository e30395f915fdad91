"""The team x stage ownership matrix of each journey and workflow, and the project's teams.

A step's effective owner is its own `owner`, else its stage's (lint's `unowned-step` reads the
same): each document counts, per stage, the steps each team owns and the steps nobody owns.
Teams are everyone named as an owner (of a document, stage, step or opportunity) and every
team of the owners registry; a named team the document's project registry lacks is
*unregistered* (each place that names it is listed by `places`), a registry team named
nowhere is *idle*.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from journeyctl.core.model import Flow, Opportunity, Owner, step_owner
from journeyctl.lint.result import FileResult, owners_registry
from journeyctl.owners.places import Where, places

SHOWN_PLACES = 5
"""Places of an unregistered team that text and Markdown show (JSON lists them all)."""
NO_REGISTRY = (
    "No owners registry in the settings (`owners:` in journeyctl.yaml): team names are not "
    "checked, as in lint."
)


@dataclass
class DocumentOwnership:
    """One journey or workflow: which team owns how many steps in each of its stages."""

    kind: str
    id: str
    state: str
    title: str
    path: str
    """The file as shown (relative to the working directory, as lint shows it)."""
    file: Path
    """The file on disk."""
    owner: str | None
    stages: list[str]
    """Stage ids in order (a duplicated id, a lint error, once)."""
    matrix: dict[str, dict[str, int]]
    """Team -> stage id -> steps the team owns there; every stage listed, zeros included."""
    unowned: dict[str, int]
    """Stage id -> steps with no owner, neither their own nor their stage's."""

    @property
    def step_owners(self) -> list[str]:
        """The teams that own at least one of its steps, sorted."""
        return sorted(team for team, counts in self.matrix.items() if any(counts.values()))


@dataclass
class TeamOwnership:
    """A team: what the registry says of it, and how much it owns."""

    id: str
    name: str | None = None
    github: str | None = None
    in_registry: bool = False
    steps: int = 0
    documents: int = 0
    """Documents that name the team as an owner of anything (the document, a stage, a step
    or an opportunity)."""


@dataclass
class Ownership:
    """The whole run: every document's matrix, the teams, and what is out of place."""

    documents: list[DocumentOwnership] = field(default_factory=list)
    teams: list[TeamOwnership] = field(default_factory=list)
    unregistered: dict[str, list[str]] = field(default_factory=dict)
    """Team -> the places (`file:line`) that name it, for teams missing from the registry."""
    idle: list[str] = field(default_factory=list)
    """Registry teams that no document names as an owner."""
    registered: bool = False
    """Whether any of the projects has an owners registry."""

    def places_shown(self, team: str) -> tuple[list[str], int]:
        """The first `SHOWN_PLACES` places of an unregistered team, and how many more it has."""
        found = self.unregistered.get(team, [])
        return found[:SHOWN_PLACES], max(0, len(found) - SHOWN_PLACES)

    def team(self, team_id: str) -> TeamOwnership | None:
        """The team with this id, if any."""
        return next((team for team in self.teams if team.id == team_id), None)


def ownership(results: Sequence[FileResult]) -> Ownership:
    """The matrix of every journey and workflow among lint's results, and the teams."""
    registry = owners_registry(results)
    report = Ownership(registered=any(_owners_of(r) is not None for r in results))
    missing: list[tuple[FileResult, str, Where]] = []
    named_in: dict[str, int] = {}
    for result in sorted(_flows(results), key=lambda r: r.target.display):
        doc = result.document
        assert isinstance(doc, Flow)
        report.documents.append(_document(result, doc))
        project = _owners_of(result) or {}
        named = list(owner_references(doc))
        missing += [(result, team, where) for team, where in named if team not in project]
        for team in {team for team, _ in named}:
            named_in[team] = named_in.get(team, 0) + 1
    report.teams = _teams(report.documents, registry, named_in)
    report.unregistered = places(missing)
    report.idle = sorted(team for team in registry if team not in named_in)
    return report


def _flows(results: Sequence[FileResult]) -> Iterator[FileResult]:
    for result in results:
        if isinstance(result.document, Flow):
            yield result


def _owners_of(result: FileResult) -> dict[str, Owner] | None:
    return result.target.project.settings.owners


def _document(result: FileResult, doc: Flow) -> DocumentOwnership:
    stages = list(dict.fromkeys(stage.id for stage in doc.stages))
    matrix: dict[str, dict[str, int]] = {}
    unowned = dict.fromkeys(stages, 0)
    for stage in doc.stages:
        for step in stage.steps:
            team = step_owner(step, stage)
            if team is None:
                unowned[stage.id] += 1
                continue
            row = matrix.setdefault(team, dict.fromkeys(stages, 0))
            row[stage.id] += 1
    return DocumentOwnership(
        kind=doc.kind,
        id=doc.id,
        state=doc.state,
        title=doc.title,
        path=result.target.display,
        file=result.target.path,
        owner=doc.owner,
        stages=stages,
        matrix=dict(sorted(matrix.items())),
        unowned=unowned,
    )


def owner_references(doc: Flow) -> Iterator[tuple[str, Where]]:
    """Every team the document names as an owner, and where: the document, its stages, its
    steps and every opportunity."""
    if doc.owner is not None:
        yield doc.owner, ("owner",)
    for si, stage in enumerate(doc.stages):
        if stage.owner is not None:
            yield stage.owner, ("stages", si, "owner")
        yield from _opportunity_owners(stage.opportunities, ("stages", si))
        for ti, step in enumerate(stage.steps):
            where: Where = ("stages", si, "steps", ti)
            if step.owner is not None:
                yield step.owner, (*where, "owner")
            yield from _opportunity_owners(step.opportunities, where)


def _opportunity_owners(items: list[Opportunity], where: Where) -> Iterator[tuple[str, Where]]:
    for oi, opportunity in enumerate(items):
        if opportunity.owner is not None:
            yield opportunity.owner, (*where, "opportunities", oi, "owner")


def _teams(
    documents: list[DocumentOwnership], registry: dict[str, Owner], named_in: dict[str, int]
) -> list[TeamOwnership]:
    teams = {
        team: TeamOwnership(team, owner.name, owner.github, in_registry=True)
        for team, owner in registry.items()
    }
    for team, count in named_in.items():
        teams.setdefault(team, TeamOwnership(team)).documents = count
    for document in documents:
        for team, counts in document.matrix.items():
            teams[team].steps += sum(counts.values())
    return sorted(teams.values(), key=lambda team: team.id)

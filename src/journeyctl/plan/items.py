"""Plan items: every opportunity of a journey or workflow, with its effective owner and state.

An opportunity's owner is its own `owner`, else its step's, else its stage's (`owner_from`
says which, or None when there is none). A step's opportunity addresses the step's pain
points; a stage's opportunity addresses the pain points of all the stage's steps (as rule
unaddressed-pain counts them). Overdue is `Opportunity.is_overdue`, the one definition.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from journeyctl.core.model import CLOSED, Flow, Opportunity, Priority, Stage, Status, Step

OwnerFrom = Literal["opportunity", "step", "stage"]
_RANK = {Priority.HIGH: 0, Priority.MEDIUM: 1, Priority.LOW: 2, None: 3}


@dataclass(frozen=True)
class Where:
    """The document an opportunity is in, and its place there."""

    kind: str
    journey: str
    state: str
    path: str


@dataclass(frozen=True)
class PlanItem:
    """One opportunity as a plan item."""

    text: str
    where: Where
    stage: str
    step: str | None
    owner: str | None
    owner_from: OwnerFrom | None
    priority: Priority | None
    due: date | None
    status: Status
    link: str | None
    overdue: bool
    days_overdue: int
    pain_points: tuple[str, ...]
    position: tuple[int, int, int]
    """Stage index, step index (-1 for the stage's own), index among the opportunities."""

    @property
    def closed(self) -> bool:
        """Done or dropped: nobody needs to act on it any more."""
        return self.status in CLOSED

    @property
    def fallback(self) -> bool:
        """Whether the owner is the step's or the stage's rather than the opportunity's own."""
        return self.owner_from in ("step", "stage")

    def sort_key(self) -> tuple[Any, ...]:
        """Priority (high, medium, low, none), due date (none last), journey, then the place
        in the document: stage, step (the stage's own first), order in the file."""
        where = self.where
        due = (self.due is None, self.due or date.min)
        return (
            _RANK[self.priority],
            *due,
            where.journey,
            where.kind,
            where.state,
            where.path,
            *self.position,
        )

    def as_json(self) -> dict[str, Any]:
        """The item as `journeyctl plan --format json` writes it."""
        return {
            "text": self.text,
            "kind": self.where.kind,
            "journey": self.where.journey,
            "state": self.where.state,
            "path": self.where.path,
            "stage": self.stage,
            "step": self.step,
            "owner": self.owner,
            "owner_from": self.owner_from,
            "priority": None if self.priority is None else self.priority.value,
            "due": None if self.due is None else self.due.isoformat(),
            "status": self.status.value,
            "link": self.link,
            "overdue": self.overdue,
            "days_overdue": self.days_overdue,
            "pain_points": list(self.pain_points),
        }


def document_items(doc: Flow, path: str, today: date) -> Iterator[PlanItem]:
    """Every opportunity of a journey or workflow, stage by stage in document order."""
    where = Where(doc.kind, doc.id, doc.state, path)
    for si, stage in enumerate(doc.stages):
        stage_pains = tuple(pain for step in stage.steps for pain in step.pain_points)
        for oi, opportunity in enumerate(stage.opportunities):
            yield _item(opportunity, where, stage, None, stage_pains, (si, -1, oi), today)
        for ti, step in enumerate(stage.steps):
            for oi, opportunity in enumerate(step.opportunities):
                pains = tuple(step.pain_points)
                yield _item(opportunity, where, stage, step, pains, (si, ti, oi), today)


def _item(
    opportunity: Opportunity,
    where: Where,
    stage: Stage,
    step: Step | None,
    pain_points: tuple[str, ...],
    position: tuple[int, int, int],
    today: date,
) -> PlanItem:
    owner, owner_from = _owner(opportunity, stage, step)
    overdue = opportunity.is_overdue(today)
    days = (today - opportunity.due).days if overdue and opportunity.due else 0
    return PlanItem(
        text=opportunity.text,
        where=where,
        stage=stage.id,
        step=None if step is None else step.id,
        owner=owner,
        owner_from=owner_from,
        priority=opportunity.priority,
        due=opportunity.due,
        status=opportunity.status,
        link=opportunity.link,
        overdue=overdue,
        days_overdue=days,
        pain_points=pain_points,
        position=position,
    )


def _owner(
    opportunity: Opportunity, stage: Stage, step: Step | None
) -> tuple[str | None, OwnerFrom | None]:
    """The opportunity's owner, else its step's, else its stage's; and which it is."""
    if opportunity.owner is not None:
        return opportunity.owner, "opportunity"
    if step is not None and step.owner is not None:
        return step.owner, "step"
    if stage.owner is not None:
        return stage.owner, "stage"
    return None, None


def owners_named(doc: Flow) -> Iterator[str]:
    """Every team a document names as an owner: of itself, a stage, a step, an opportunity."""
    if doc.owner is not None:
        yield doc.owner
    for stage in doc.stages:
        named = [stage.owner, *(o.owner for o in stage.opportunities)]
        for step in stage.steps:
            named += [step.owner, *(o.owner for o in step.opportunities)]
        yield from (owner for owner in named if owner is not None)

"""What a diff produces: the changes, the reviewer's summary, the findings delta, and their
JSON forms."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any, Generic, Literal, TypeVar

from journeyctl.core.finding import Finding, Severity
from journeyctl.core.model import Journey, Persona, Workflow

Document = Journey | Workflow | Persona
Op = Literal["added", "removed", "moved", "renamed", "changed"]
T = TypeVar("T")


@dataclass(frozen=True)
class Change:
    """One difference. `id` names the item: a stage or step id, or the text (pain point,
    opportunity), name (metric) or source (evidence) of an item without an id. `stage` and
    `step` say where it is (the new side's stage for items that exist there)."""

    op: Op
    kind: str
    id: str
    stage: str | None = None
    step: str | None = None
    field: str | None = None
    old: Any = None
    new: Any = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form; values are JSON types (dates as ISO strings)."""
        return {
            "op": self.op,
            "kind": self.kind,
            "id": self.id,
            "stage": self.stage,
            "step": self.step,
            "field": self.field,
            "old": self.old,
            "new": self.new,
        }


@dataclass(frozen=True)
class Pair(Generic[T]):
    """A measure before and after the change (None where it does not apply)."""

    before: T
    after: T

    @property
    def changed(self) -> bool:
        """Whether the two values differ."""
        return bool(self.before != self.after)

    def to_dict(self) -> dict[str, Any]:
        """``{"before": ..., "after": ...}``."""
        return {"before": jsonable(self.before), "after": jsonable(self.after)}


@dataclass(frozen=True)
class Moment:
    """A step with its emotion: the lowest point of a journey or stage."""

    emotion: int
    stage: str
    step: str
    name: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {"emotion": self.emotion, "stage": self.stage, "step": self.step, "name": self.name}


@dataclass(frozen=True)
class StageSummary:
    """One stage before and after; a side is None where the stage does not exist."""

    id: str
    name: Pair[str | None]
    steps: Pair[int | None]
    emotion: Pair[float | None]
    lowest: Pair[Moment | None]
    duration: Pair[str | None]
    changes: int

    @property
    def status(self) -> str:
        """added, removed, changed or unchanged."""
        if self.name.before is None:
            return "added"
        if self.name.after is None:
            return "removed"
        return "changed" if self.changes else "unchanged"

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "id": self.id,
            "status": self.status,
            "name": self.name.to_dict(),
            "steps": self.steps.to_dict(),
            "emotion": self.emotion.to_dict(),
            "lowest": self.lowest.to_dict(),
            "duration": self.duration.to_dict(),
            "changes": self.changes,
        }


@dataclass(frozen=True)
class TeamSummary:
    """What changed for one team: the steps it owns (its own or by stage) and its opportunities."""

    team: str
    steps: Pair[int]
    gained: tuple[str, ...]
    lost: tuple[str, ...]
    changed: tuple[str, ...]
    """Steps the team owns on both sides that changed in any way."""
    opportunities: Pair[int]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form; gained, lost and changed are step ids."""
        return {
            "team": self.team,
            "steps": self.steps.to_dict(),
            "gained": list(self.gained),
            "lost": list(self.lost),
            "changed": list(self.changed),
            "opportunities": self.opportunities.to_dict(),
        }


@dataclass(frozen=True)
class MetricSummary:
    """One metric of a stage before and after (None on a side where it does not exist)."""

    stage: str
    name: str
    target: Pair[float | None]
    actual: Pair[float | None]
    unit: str | None
    better: str
    exists: Pair[bool]

    @property
    def changed(self) -> bool:
        """Whether the metric was added, removed, or its target or actual moved."""
        return self.exists.changed or self.target.changed or self.actual.changed

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        status = (
            "added"
            if not self.exists.before
            else "removed"
            if not self.exists.after
            else ("changed" if self.changed else "unchanged")
        )
        return {
            "stage": self.stage,
            "name": self.name,
            "status": status,
            "target": self.target.to_dict(),
            "actual": self.actual.to_dict(),
            "unit": self.unit,
            "better": self.better,
        }


@dataclass(frozen=True)
class Summary:
    """What a reviewer reads first (journeys and workflows; personas have none)."""

    stages: Pair[int]
    steps: Pair[int]
    frontstage_steps: Pair[int]
    touchpoint_deviations: dict[str, int]
    """CJML's deviations, for frontstage steps: `ad_hoc` (added), `missing` (removed) and
    `resequenced` (moved)."""
    stage_hours: Pair[int]
    """Sum of the stages' `duration`, in hours."""
    sla_hours: Pair[int]
    """Sum of the steps' `sla`, in hours."""
    emotion: Pair[float | None]
    lowest: Pair[Moment | None]
    pain_points: Pair[int]
    pain_resolved: int
    pain_introduced: int
    opportunities: Pair[int]
    opportunities_added: int
    opportunities_removed: int
    owners_added: tuple[str, ...]
    owners_removed: tuple[str, ...]
    unowned_steps: Pair[int]
    dead_ends: Pair[int]
    metrics: Pair[int]
    metric_summaries: tuple[MetricSummary, ...]
    stage_summaries: tuple[StageSummary, ...]
    teams: tuple[TeamSummary, ...]
    step_ops: dict[str, int]
    """Steps added, removed and changed (kept, with any change: moved, renamed, a field, a
    pain point...); `moved` and `renamed` count part of the changed ones."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "stages": self.stages.to_dict(),
            "steps": self.steps.to_dict(),
            "step_changes": dict(self.step_ops),
            "touchpoints": {
                **self.frontstage_steps.to_dict(),
                **self.touchpoint_deviations,
            },
            "stage_duration_hours": self.stage_hours.to_dict(),
            "sla_hours": self.sla_hours.to_dict(),
            "emotion": self.emotion.to_dict(),
            "lowest_moment": self.lowest.to_dict(),
            "pain_points": {
                **self.pain_points.to_dict(),
                "resolved": self.pain_resolved,
                "introduced": self.pain_introduced,
            },
            "opportunities": {
                **self.opportunities.to_dict(),
                "added": self.opportunities_added,
                "removed": self.opportunities_removed,
            },
            "owners": {"added": list(self.owners_added), "removed": list(self.owners_removed)},
            "unowned_steps": self.unowned_steps.to_dict(),
            "dead_ends": self.dead_ends.to_dict(),
            "metrics": {
                **self.metrics.to_dict(),
                "targets": [m.to_dict() for m in self.metric_summaries],
            },
            "per_stage": [stage.to_dict() for stage in self.stage_summaries],
            "per_team": [team.to_dict() for team in self.teams],
        }


@dataclass(frozen=True)
class FindingsDelta:
    """Lint findings of both sides, and which the change introduces and which it fixes."""

    before: tuple[Finding, ...] = ()
    after: tuple[Finding, ...] = ()
    introduced: tuple[Finding, ...] = ()
    fixed: tuple[Finding, ...] = ()

    def counts(self, side: Literal["before", "after", "introduced", "fixed"]) -> dict[str, int]:
        """Findings per severity on one side: ``{"errors", "warnings", "infos"}``."""
        findings: tuple[Finding, ...] = getattr(self, side)
        tally = Counter(finding.severity for finding in findings)
        return {
            "errors": tally[Severity.ERROR],
            "warnings": tally[Severity.WARNING],
            "infos": tally[Severity.INFO],
        }

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: introduced and fixed findings, and counts on both sides."""
        return {
            "introduced": [finding.to_dict() for finding in self.introduced],
            "fixed": [finding.to_dict() for finding in self.fixed],
            "before": self.counts("before"),
            "after": self.counts("after"),
        }


@dataclass(frozen=True)
class SideInfo:
    """Which document one side of a diff is, and where it was read from."""

    label: str
    """A path, or `REV:path` for a side read from git."""
    kind: str
    id: str
    state: str | None
    title: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "path": self.label,
            "kind": self.kind,
            "id": self.id,
            "state": self.state,
            "title": self.title,
        }


@dataclass(frozen=True)
class DocumentDiff:
    """The diff of one document: old and new side (None when the file was added or deleted)."""

    old: SideInfo | None
    new: SideInfo | None
    changes: tuple[Change, ...]
    summary: Summary | None
    findings: FindingsDelta = field(default_factory=FindingsDelta)
    names: dict[tuple[str, str], str] = field(default_factory=dict)
    """("stage" or "step", id) -> name, from the new side where the item exists there."""
    owners: dict[str, str | None] = field(default_factory=dict)
    """Step id -> the team accountable for it (its own owner, else its stage's), new side
    first."""

    def name_of(self, kind: str, item_id: str) -> str:
        """The name of a stage or step (the new one if renamed); the id when unknown."""
        return self.names.get((kind, item_id), item_id)

    @property
    def status(self) -> str:
        """added, deleted, modified or unchanged."""
        if self.old is None:
            return "added"
        if self.new is None:
            return "deleted"
        return "modified" if self.changes else "unchanged"

    @property
    def subject(self) -> SideInfo:
        """The side that names the document: the new one, or the old one if it was deleted."""
        side = self.new or self.old
        assert side is not None
        return side

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: the contract of design §5, with both sides described."""
        return {
            "old": self.old.to_dict() if self.old else None,
            "new": self.new.to_dict() if self.new else None,
            "status": self.status,
            "changes": [change.to_dict() for change in self.changes],
            "summary": self.summary.to_dict() if self.summary else None,
            "findings": self.findings.to_dict(),
        }


def jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return value

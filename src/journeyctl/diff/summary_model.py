"""The reviewer's summary as data: measures before and after, per stage, team and metric."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic

from journeyctl.diff.change_model import T, jsonable, same


@dataclass(frozen=True)
class Pair(Generic[T]):
    """A measure before and after the change (None where it does not apply)."""

    before: T
    after: T

    @property
    def changed(self) -> bool:
        """Whether the two values differ (NaN and NaN do not)."""
        return not same(self.before, self.after)

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

    @property
    def affected(self) -> bool:
        """Whether anything changed for the team: steps gained, lost or changed, or how many
        steps or opportunities it owns. Every report lists the same teams by this."""
        return bool(
            self.gained
            or self.lost
            or self.changed
            or self.steps.changed
            or self.opportunities.changed
        )

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

"""The measures of one side of a journey or workflow diff, taken in one pass over the document."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from journeyctl.core.model import Flow, parse_duration
from journeyctl.diff.summary_model import Moment


@dataclass
class Profile:
    """Measures of one side, computed once."""

    stages: int = 0
    steps: int = 0
    frontstage: int = 0
    frontstage_ids: set[str] = field(default_factory=set)
    stage_hours: int = 0
    sla_hours: int = 0
    emotions: list[int] = field(default_factory=list)
    lowest: Moment | None = None
    pains: int = 0
    opportunities: int = 0
    metrics: int = 0
    unowned: int = 0
    dead_ends: int = 0
    owner_of: dict[str, str | None] = field(default_factory=dict)
    """Step id -> effective owner (its own, else its stage's)."""
    opportunities_by_owner: Counter[str] = field(default_factory=Counter)
    per_stage: dict[str, StageProfile] = field(default_factory=dict)


@dataclass
class StageProfile:
    name: str
    steps: int
    emotion: float | None
    lowest: Moment | None
    duration: str | None


def measure(doc: Flow | None) -> Profile:
    """One pass over the document (this is most of a big diff's time: keep it lean)."""
    profile = Profile()
    if doc is None:
        return profile
    step_ids = {step.id for stage in doc.stages for step in stage.steps}
    last = doc.stages[-1].steps[-1] if doc.stages and doc.stages[-1].steps else None
    owner_of = profile.owner_of
    by_owner = profile.opportunities_by_owner
    steps = frontstage = sla_hours = unowned = dead_ends = pains = opportunities = 0
    profile.stages = len(doc.stages)
    for stage in doc.stages:
        if stage.duration:
            profile.stage_hours += _hours(stage.duration)
        profile.metrics += len(stage.metrics)
        opportunities += len(stage.opportunities)
        for opportunity in stage.opportunities:
            if opportunity.owner:
                by_owner[opportunity.owner] += 1
        stage_emotions: list[int] = []
        stage_lowest: Moment | None = None
        stage_owner = stage.owner
        for step in stage.steps:
            if step.layer == "frontstage":
                frontstage += 1
                profile.frontstage_ids.add(step.id)
            if step.sla:
                sla_hours += _hours(step.sla)
            emotion = step.emotion
            if emotion is not None:
                stage_emotions.append(emotion)
                if stage_lowest is None or emotion < stage_lowest.emotion:
                    stage_lowest = Moment(emotion, stage.id, step.id, step.name)
            owner = step.owner or stage_owner
            owner_of.setdefault(step.id, owner)
            if owner is None:
                unowned += 1
            if not step.terminal and (
                step is last if step.next is None else not any(t in step_ids for t in step.next)
            ):
                dead_ends += 1  # as graph.StepGraph sees it: no successor, not terminal
            if step.pain_points:
                pains += len(step.pain_points)
            if step.opportunities:
                opportunities += len(step.opportunities)
                for opportunity in step.opportunities:
                    if opportunity.owner:
                        by_owner[opportunity.owner] += 1
        steps += len(stage.steps)
        profile.emotions.extend(stage_emotions)
        if stage_lowest is not None and (
            profile.lowest is None or stage_lowest.emotion < profile.lowest.emotion
        ):
            profile.lowest = stage_lowest
        profile.per_stage.setdefault(
            stage.id,
            StageProfile(
                stage.name, len(stage.steps), mean(stage_emotions), stage_lowest, stage.duration
            ),
        )
    profile.steps, profile.frontstage, profile.sla_hours = steps, frontstage, sla_hours
    profile.unowned, profile.dead_ends = unowned, dead_ends
    profile.pains, profile.opportunities = pains, opportunities
    return profile


@functools.cache
def _hours(duration: str) -> int:
    return int(parse_duration(duration).total_seconds()) // 3600


def mean(values: Sequence[int]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None

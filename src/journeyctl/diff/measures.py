"""The measures of one side of a journey or workflow diff, taken in one pass over the document."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from journeyctl.core.fields import parse_duration
from journeyctl.core.model import Flow, Opportunity, Stage, Step
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
    profile.stages = len(doc.stages)
    for stage in doc.stages:
        if stage.duration:
            profile.stage_hours += _hours(stage.duration)
        profile.metrics += len(stage.metrics)
        _add_opportunities(profile, stage.opportunities)
        for step in stage.steps:
            _add_step(profile, step, stage.owner, _dead_end(step, step_ids, last))
        emotions, lowest = _emotions(stage)
        profile.emotions.extend(emotions)
        if lowest is not None and (
            profile.lowest is None or lowest.emotion < profile.lowest.emotion
        ):
            profile.lowest = lowest
        profile.per_stage.setdefault(
            stage.id,
            StageProfile(stage.name, len(stage.steps), mean(emotions), lowest, stage.duration),
        )
    return profile


def _add_step(profile: Profile, step: Step, stage_owner: str | None, dead_end: bool) -> None:
    """Count one step: touchpoint, SLA, owner, dead end, pain points and opportunities."""
    profile.steps += 1
    if step.layer == "frontstage":
        profile.frontstage += 1
        profile.frontstage_ids.add(step.id)
    if step.sla:
        profile.sla_hours += _hours(step.sla)
    owner = step.owner or stage_owner
    profile.owner_of.setdefault(step.id, owner)
    if owner is None:
        profile.unowned += 1
    if dead_end:
        profile.dead_ends += 1
    if step.pain_points:
        profile.pains += len(step.pain_points)
    if step.opportunities:
        _add_opportunities(profile, step.opportunities)


def _add_opportunities(profile: Profile, opportunities: Sequence[Opportunity]) -> None:
    profile.opportunities += len(opportunities)
    for opportunity in opportunities:
        if opportunity.owner:
            profile.opportunities_by_owner[opportunity.owner] += 1


def _dead_end(step: Step, step_ids: set[str], last: Step | None) -> bool:
    """No successor and not terminal, as graph.StepGraph sees it."""
    if step.terminal:
        return False
    if step.next is None:
        return step is last
    return not any(target in step_ids for target in step.next)


def _emotions(stage: Stage) -> tuple[list[int], Moment | None]:
    """The emotions a stage's steps record, and its lowest moment (the first of the lowest)."""
    emotions: list[int] = []
    lowest: Moment | None = None
    for step in stage.steps:
        emotion = step.emotion
        if emotion is not None:
            emotions.append(emotion)
            if lowest is None or emotion < lowest.emotion:
                lowest = Moment(emotion, stage.id, step.id, step.name)
    return emotions, lowest


@functools.cache
def _hours(duration: str) -> int:
    return int(parse_duration(duration).total_seconds()) // 3600


def mean(values: Sequence[int]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None

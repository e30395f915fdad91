"""The reviewer's summary of a journey or workflow diff: counts, emotion, owners, metrics,
per stage and per team, before and after."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence

from journeyctl.core.model import Flow
from journeyctl.diff.change_model import Change, Document
from journeyctl.diff.measures import Profile, mean, measure
from journeyctl.diff.summary_model import MetricSummary, Pair, StageSummary, Summary, TeamSummary


def summarize(
    old: Document | None, new: Document | None, changes: Sequence[Change]
) -> Summary | None:
    """The reviewer's summary of a journey or workflow diff; None for personas."""
    if not isinstance(old, Flow | None) or not isinstance(new, Flow | None):
        return None
    if old is None and new is None:
        return None
    before, after = measure(old), measure(new)
    tally = Counter((change.kind, change.op) for change in changes)
    stage_changes: Counter[str] = Counter(c.stage for c in changes if c.stage is not None)
    return Summary(
        stages=Pair(before.stages, after.stages),
        steps=Pair(before.steps, after.steps),
        frontstage_steps=Pair(before.frontstage, after.frontstage),
        touchpoint_deviations=_deviations(before, after, changes),
        stage_hours=Pair(before.stage_hours, after.stage_hours),
        sla_hours=Pair(before.sla_hours, after.sla_hours),
        emotion=Pair(mean(before.emotions), mean(after.emotions)),
        lowest=Pair(before.lowest, after.lowest),
        pain_points=Pair(before.pains, after.pains),
        pain_resolved=tally["pain_point", "removed"],
        pain_introduced=tally["pain_point", "added"],
        opportunities=Pair(before.opportunities, after.opportunities),
        opportunities_added=tally["opportunity", "added"],
        opportunities_removed=tally["opportunity", "removed"],
        owners_added=tuple(sorted(_owners(after) - _owners(before))),
        owners_removed=tuple(sorted(_owners(before) - _owners(after))),
        unowned_steps=Pair(before.unowned, after.unowned),
        dead_ends=Pair(before.dead_ends, after.dead_ends),
        metrics=Pair(before.metrics, after.metrics),
        metric_summaries=tuple(_metric_summaries(old, new)),
        stage_summaries=tuple(_stage_summaries(old, new, before, after, stage_changes)),
        teams=tuple(_team_summaries(before, after, _changed_steps(changes))),
        step_ops=_step_ops(changes),
    )


def _deviations(before: Profile, after: Profile, changes: Sequence[Change]) -> dict[str, int]:
    """Frontstage steps added (ad hoc), removed (missing) and moved (re-sequenced)."""
    ops = _step_sets(changes)
    return {
        "ad_hoc": len(ops["added"] & after.frontstage_ids),
        "missing": len(ops["removed"] & before.frontstage_ids),
        "resequenced": len(ops["moved"] & after.frontstage_ids),
    }


def _step_sets(changes: Sequence[Change]) -> dict[str, set[str]]:
    ops: dict[str, set[str]] = defaultdict(set)
    for change in changes:
        if change.kind == "step":
            ops[change.op].add(change.id)
        elif change.step is not None:
            ops["items"].add(change.step)
    return ops


def _changed_steps(changes: Sequence[Change]) -> set[str]:
    """Ids of the steps on both sides with any change (a field, a move, a pain point...)."""
    ops = _step_sets(changes)
    new_or_gone = ops["added"] | ops["removed"]
    return ops["changed"] | ops["renamed"] | ops["moved"] | (ops["items"] - new_or_gone)


def _step_ops(changes: Sequence[Change]) -> dict[str, int]:
    """Steps added, removed, moved and renamed, and steps kept with any change at all."""
    ops = _step_sets(changes)
    kept = _changed_steps(changes)
    return {
        "added": len(ops["added"]),
        "removed": len(ops["removed"]),
        "changed": len(kept),
        "moved": len(ops["moved"]),
        "renamed": len(ops["renamed"]),
    }


def _metric_summaries(old: Flow | None, new: Flow | None) -> Iterator[MetricSummary]:
    """Every metric of either side, in the new order (removed ones after their stage's)."""
    before = {(stage.id, m.name): m for stage in (old.stages if old else []) for m in stage.metrics}
    after = {(stage.id, m.name): m for stage in (new.stages if new else []) for m in stage.metrics}
    keys = list(after) + [key for key in before if key not in after]
    for key in keys:
        b, a = before.get(key), after.get(key)
        either = a or b
        assert either is not None
        yield MetricSummary(
            stage=key[0],
            name=key[1],
            target=Pair(b.target if b else None, a.target if a else None),
            actual=Pair(b.actual if b else None, a.actual if a else None),
            unit=either.unit,
            better=either.better,
            exists=Pair(b is not None, a is not None),
        )


def _owners(profile: Profile) -> set[str]:
    return {owner for owner in profile.owner_of.values() if owner is not None}


def _stage_summaries(
    old: Flow | None,
    new: Flow | None,
    before: Profile,
    after: Profile,
    stage_changes: Counter[str],
) -> Iterator[StageSummary]:
    order = [stage.id for stage in new.stages] if new else []
    if old is not None:
        seen = set(order)
        previous: str | None = None
        for stage in old.stages:
            if stage.id in seen:
                previous = stage.id
                continue
            position = order.index(previous) + 1 if previous in order else 0
            order.insert(position, stage.id)
            seen.add(stage.id)
            previous = stage.id
    for stage_id in order:
        b, a = before.per_stage.get(stage_id), after.per_stage.get(stage_id)
        yield StageSummary(
            id=stage_id,
            name=Pair(b.name if b else None, a.name if a else None),
            steps=Pair(b.steps if b else None, a.steps if a else None),
            emotion=Pair(b.emotion if b else None, a.emotion if a else None),
            lowest=Pair(b.lowest if b else None, a.lowest if a else None),
            duration=Pair(b.duration if b else None, a.duration if a else None),
            changes=stage_changes[stage_id],
        )


def _team_summaries(before: Profile, after: Profile, changed: set[str]) -> Iterator[TeamSummary]:
    teams = _owners(before) | _owners(after)
    teams |= set(before.opportunities_by_owner) | set(after.opportunities_by_owner)
    owned_before: dict[str, list[str]] = defaultdict(list)
    owned_after: dict[str, list[str]] = defaultdict(list)
    for step_id, owner in before.owner_of.items():
        if owner:
            owned_before[owner].append(step_id)
    for step_id, owner in after.owner_of.items():
        if owner:
            owned_after[owner].append(step_id)
    for team in sorted(teams):
        old_steps, new_steps = set(owned_before[team]), set(owned_after[team])
        yield TeamSummary(
            team=team,
            steps=Pair(len(old_steps), len(new_steps)),
            gained=tuple(s for s in owned_after[team] if s not in old_steps),
            lost=tuple(s for s in owned_before[team] if s not in new_steps),
            changed=tuple(s for s in owned_after[team] if s in old_steps and s in changed),
            opportunities=Pair(
                before.opportunities_by_owner[team], after.opportunities_by_owner[team]
            ),
        )

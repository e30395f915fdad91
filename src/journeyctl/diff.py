"""Semantic diff of two versions of a journeyctl document, and the summary a reviewer reads first.

Pure functions over the models: nothing here reads files or runs git (see `commands/diff.py`
and `gitio.py`).

Items are matched by `id`, never by position (design §5):

- stages and steps are matched by id, steps across the whole document, so a step that goes to
  another stage is `moved`, not removed and added; within a stage, the steps that keep their
  relative order are the longest increasing subsequence of their positions and only the others
  are `moved` (re-sequenced);
- the same id with a new `name` is `renamed`; other fields that differ are `changed`, each with
  its old and new value;
- list members without an id are matched by their text: pain points by text, opportunities by
  `text`, metrics by `name`, evidence by `source` (duplicates pair up in order).

In CJML's terms, added steps are ad hoc touchpoints, removed steps missing ones, and moved
steps an irregular order.

Lint findings of the two sides are compared by rule and element id
(`stage:x/step:y/...`), never by line, so edits elsewhere in a file do not make a finding look
new.
"""

from __future__ import annotations

import bisect
import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel

from journeyctl.finding import Finding, Severity
from journeyctl.model import (
    Evidence,
    Flow,
    Journey,
    Metric,
    Opportunity,
    Persona,
    Stage,
    Step,
    Workflow,
    parse_duration,
)

Document = Journey | Workflow | Persona
Op = Literal["added", "removed", "moved", "renamed", "changed"]
T = TypeVar("T")


def _compared(model: type[BaseModel], *apart: str) -> tuple[str, ...]:
    """The fields of a model compared one by one, in the model's order: all but `apart`
    (identity, and lists of items that are matched and compared on their own)."""
    return tuple(name for name in model.model_fields if name not in apart)


DOC_FIELDS = _compared(Journey, "journeyctl", "id", "state", "stages")
"""Top-level fields compared; `state` is not a change but what tells the two sides apart."""
PERSONA_FIELDS = _compared(Persona, "journeyctl", "kind", "id")
STAGE_FIELDS = _compared(Stage, "id", "name", "metrics", "opportunities", "steps")
STEP_FIELDS = _compared(Step, "id", "name", "pain_points", "opportunities", "evidence")
OPPORTUNITY_FIELDS = _compared(Opportunity, "text")
METRIC_FIELDS = _compared(Metric, "name")
EVIDENCE_FIELDS = _compared(Evidence, "source")


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
        return {"before": _jsonable(self.before), "after": _jsonable(self.after)}


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


# --------------------------------------------------------------------------------------------
# Building a diff
# --------------------------------------------------------------------------------------------


def side_info(label: str, doc: Document) -> SideInfo:
    """Describe one side for reports."""
    title = doc.name if isinstance(doc, Persona) else doc.title
    return SideInfo(label, doc.kind, doc.id, getattr(doc, "state", None), title)


def diff_sides(
    old: tuple[str, Document] | None,
    new: tuple[str, Document] | None,
    old_findings: Iterable[Finding] = (),
    new_findings: Iterable[Finding] = (),
) -> DocumentDiff:
    """The whole diff of one document: changes, summary and findings; each side is
    (label, document), or None for a file that does not exist on that side."""
    if old is None and new is None:
        raise ValueError("a diff needs at least one side")
    old_doc = old[1] if old else None
    new_doc = new[1] if new else None
    changes = diff_documents(old_doc, new_doc)
    summary = summarize(old_doc, new_doc, changes)
    return DocumentDiff(
        old=side_info(*old) if old else None,
        new=side_info(*new) if new else None,
        changes=tuple(changes),
        summary=summary,
        findings=compare_findings(old_findings, new_findings),
        names=_names(old_doc) | _names(new_doc),
        owners=_step_owners(old_doc) | _step_owners(new_doc),
    )


def _step_owners(doc: Document | None) -> dict[str, str | None]:
    owners: dict[str, str | None] = {}
    if isinstance(doc, Flow):
        for stage in doc.stages:
            for step in stage.steps:
                owners.setdefault(step.id, step.owner or stage.owner)
    return owners


def _names(doc: Document | None) -> dict[tuple[str, str], str]:
    names: dict[tuple[str, str], str] = {}
    if isinstance(doc, Flow):
        for stage in doc.stages:
            names.setdefault(("stage", stage.id), stage.name)
            for step in stage.steps:
                names.setdefault(("step", step.id), step.name)
    return names


def diff_documents(old: Document | None, new: Document | None) -> list[Change]:
    """Every change from `old` to `new` in reading order: the document, then stage by stage.

    A side that is None is a document that does not exist there (a file added or deleted):
    the document and all its stages and steps are added (or removed).
    """
    if old is None and new is None:
        return []
    changes: list[Change] = []
    if old is None or new is None:
        present = new if old is None else old
        assert present is not None
        op: Op = "added" if old is None else "removed"
        value = _dump(present, exclude={"stages"})
        changes.append(Change(op, present.kind, present.id, **_side_value(op, value)))
        if isinstance(present, Flow):
            empty = present.model_copy(update={"stages": []})
            pair = (empty, present) if old is None else (present, empty)
            changes.extend(_FlowDiff(*pair).stage_changes())
        return changes
    if isinstance(old, Persona) or isinstance(new, Persona):
        if type(old) is not type(new):
            return [
                Change("removed", old.kind, old.id, old=_dump(old)),
                Change("added", new.kind, new.id, new=_dump(new)),
            ]
        changes.extend(_field_changes(old, new, PERSONA_FIELDS, new.kind, new.id, None, None))
        return changes
    assert isinstance(old, Flow) and isinstance(new, Flow)
    changes.extend(_field_changes(old, new, DOC_FIELDS, new.kind, new.id, None, None))
    changes.extend(_FlowDiff(old, new).stage_changes())
    return changes


class _FlowDiff:
    """The stage-by-stage part of a diff between two journeys or workflows.

    Stages and steps are keyed by (id, occurrence): ids are unique in a valid document, and a
    duplicate (a lint error) is matched in order instead of breaking the diff.
    """

    def __init__(self, old: Flow, new: Flow) -> None:
        self.old = old
        self.new = new
        self.old_stages = _index(old.stages, _by_id)
        self.new_stages = _index(new.stages, _by_id)
        self.old_steps = _step_index(old)
        self.new_steps = _step_index(new)
        self.old_step_key = {id(place.step): key for key, place in self.old_steps.items()}
        self.new_step_key = {id(place.step): key for key, place in self.new_steps.items()}

    def stage_changes(self) -> Iterator[Change]:
        """Changes of every stage and its steps, in the new order; removed stages where
        they were."""
        moved = self._moved_stages()
        removed_after = _removed_after(self.old_stages, self.new_stages)
        for _, stage in removed_after.pop(None, []):
            yield from self._removed_stage(stage)
        for key, (index, stage) in self.new_stages.items():
            old_entry = self.old_stages.get(key)
            if old_entry is None:
                yield Change("added", "stage", stage.id, stage.id, new=_dump_stage(stage))
                yield from self._step_changes(key, None, stage)
            else:
                old_index, old_stage = old_entry
                if key in moved:
                    yield Change(
                        "moved",
                        "stage",
                        stage.id,
                        stage.id,
                        field="position",
                        old=_stage_place(self.old.stages, old_index),
                        new=_stage_place(self.new.stages, index),
                    )
                if old_stage.name != stage.name:
                    yield Change(
                        "renamed", "stage", stage.id, stage.id, None, "name", old_stage.name,
                        stage.name,
                    )  # fmt: skip
                yield from _field_changes(
                    old_stage, stage, STAGE_FIELDS, "stage", stage.id, stage.id, None
                )
                yield from _metric_changes(old_stage.metrics, stage.metrics, stage.id)
                yield from _opportunity_changes(
                    old_stage.opportunities, stage.opportunities, stage.id, None
                )
                yield from self._step_changes(key, old_stage, stage)
            for _, removed in removed_after.pop(key, []):
                yield from self._removed_stage(removed)

    def _removed_stage(self, stage: Stage) -> Iterator[Change]:
        yield Change("removed", "stage", stage.id, stage.id, old=_dump_stage(stage))
        for step in stage.steps:
            if self.old_step_key[id(step)] not in self.new_steps:
                yield from _removed_step(step, stage.id)

    def _moved_stages(self) -> set[tuple[str, int]]:
        common = [key for key in self.old_stages if key in self.new_stages]
        kept = _longest_increasing([self.new_stages[key][0] for key in common])
        return {key for i, key in enumerate(common) if i not in kept}

    def _step_changes(
        self, stage_key: tuple[str, int], old_stage: Stage | None, stage: Stage
    ) -> Iterator[Change]:
        """Changes of the steps now in this stage, and of the steps removed from it, each
        removed step right after the step it followed."""
        stayed: list[tuple[str, int]] = []
        removed_after: dict[str | None, list[Step]] = defaultdict(list)
        previous: str | None = None
        for old_step in old_stage.steps if old_stage else []:
            key = self.old_step_key[id(old_step)]
            place = self.new_steps.get(key)
            if place is None:
                removed_after[previous].append(old_step)
            elif place.stage_key == stage_key:
                stayed.append(key)
                previous = old_step.id
        kept = _longest_increasing([self.new_steps[key].index for key in stayed])
        resequenced = {key for i, key in enumerate(stayed) if i not in kept}
        for old_step in removed_after.pop(None, []):
            yield from _removed_step(old_step, stage.id)
        for step in stage.steps:
            key = self.new_step_key[id(step)]
            old_place = self.old_steps.get(key)
            if old_place is None:
                yield from _added_step(step, stage.id)
            else:
                yield from self._changed_step(old_place, self.new_steps[key], key in resequenced)
            for old_step in removed_after.pop(step.id, []):
                yield from _removed_step(old_step, stage.id)

    def _changed_step(
        self, old_place: _Place, place: _Place, resequenced: bool
    ) -> Iterator[Change]:
        old_step, step = old_place.step, place.step
        stage_id = self.new.stages[place.stage_index].id
        if old_place.stage_key != place.stage_key or resequenced:
            yield Change(
                "moved",
                "step",
                step.id,
                stage_id,
                field="stage" if old_place.stage_key != place.stage_key else "position",
                old=_step_place(self.old.stages[old_place.stage_index], old_place.index),
                new=_step_place(self.new.stages[place.stage_index], place.index),
            )
        if old_step == step:
            return  # the common case: nothing else to compare
        if old_step.name != step.name:
            yield Change(
                "renamed", "step", step.id, stage_id, None, "name", old_step.name, step.name
            )
        yield from _field_changes(old_step, step, STEP_FIELDS, "step", step.id, stage_id, None)
        yield from _item_changes(old_step, step, step.id, stage_id)


@dataclass(frozen=True)
class _Place:
    """Where a step is: its stage (key and index) and its index within the stage."""

    step: Step
    stage_key: tuple[str, int]
    stage_index: int
    index: int


def _stage_place(stages: Sequence[Stage], index: int) -> dict[str, Any]:
    """Where a stage is, for a `moved` change: its 1-based index and the stage before it."""
    return {"index": index + 1, "after": stages[index - 1].id if index else None}


def _step_place(stage: Stage, index: int) -> dict[str, Any]:
    """Where a step is, for a `moved` change: stage, 1-based index, the step before it."""
    after = stage.steps[index - 1].id if index else None
    return {"stage": stage.id, "index": index + 1, "after": after}


def _by_id(item: Stage | Step) -> str:
    return item.id


def _removed_after(
    old: dict[tuple[str, int], tuple[int, T]], new: dict[tuple[str, int], tuple[int, T]]
) -> dict[tuple[str, int] | None, list[tuple[int, T]]]:
    """Old items missing from `new`, by the key of the kept item they followed (None: first)."""
    out: dict[tuple[str, int] | None, list[tuple[int, T]]] = defaultdict(list)
    previous: tuple[str, int] | None = None
    for key, entry in old.items():
        if key in new:
            previous = key
        else:
            out[previous].append(entry)
    return out


def _index(items: Sequence[T], key: Callable[[T], str]) -> dict[tuple[str, int], tuple[int, T]]:
    """Items by (key, occurrence), in order: a duplicate key is matched in order."""
    seen: Counter[str] = Counter()
    out: dict[tuple[str, int], tuple[int, T]] = {}
    for index, item in enumerate(items):
        name = key(item)
        out[(name, seen[name])] = (index, item)
        seen[name] += 1
    return out


def _step_index(doc: Flow) -> dict[tuple[str, int], _Place]:
    """Every step by (id, occurrence) across the document, with where it is."""
    seen: Counter[str] = Counter()
    stage_seen: Counter[str] = Counter()
    out: dict[tuple[str, int], _Place] = {}
    for si, stage in enumerate(doc.stages):
        stage_key = (stage.id, stage_seen[stage.id])
        stage_seen[stage.id] += 1
        for ti, step in enumerate(stage.steps):
            out[(step.id, seen[step.id])] = _Place(step, stage_key, si, ti)
            seen[step.id] += 1
    return out


def _longest_increasing(values: Sequence[int]) -> set[int]:
    """Indexes of one longest strictly increasing subsequence of `values`, in O(n log n)."""
    tails: list[int] = []  # tails[k]: the smallest last value of an increasing run of k+1
    tail_index: list[int] = []
    parent: list[int] = [-1] * len(values)
    for i, value in enumerate(values):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_index.append(i)
        else:
            tails[k] = value
            tail_index[k] = i
        parent[i] = tail_index[k - 1] if k else -1
    kept: set[int] = set()
    i = tail_index[-1] if tail_index else -1
    while i >= 0:
        kept.add(i)
        i = parent[i]
    return kept


def _added_step(step: Step, stage_id: str) -> Iterator[Change]:
    yield Change("added", "step", step.id, stage_id, new=_dump(step))
    yield from _item_changes(None, step, step.id, stage_id)


def _removed_step(step: Step, stage_id: str) -> Iterator[Change]:
    yield Change("removed", "step", step.id, stage_id, old=_dump(step))
    yield from _item_changes(step, None, step.id, stage_id)


def _item_changes(
    old: Step | None, new: Step | None, step_id: str, stage_id: str
) -> Iterator[Change]:
    """Pain points, opportunities and evidence of one step (either side may be absent)."""
    if (
        old is not None
        and new is not None
        and (
            old.pain_points == new.pain_points
            and old.opportunities == new.opportunities
            and old.evidence == new.evidence
        )
    ):
        return
    old_pains = old.pain_points if old else []
    new_pains = new.pain_points if new else []
    for text, op in _multiset_changes(old_pains, new_pains):
        yield Change(op, "pain_point", text, stage_id, step_id)
    yield from _opportunity_changes(
        old.opportunities if old else [], new.opportunities if new else [], stage_id, step_id
    )
    yield from _keyed_changes(
        old.evidence if old else [],
        new.evidence if new else [],
        lambda e: e.source,
        EVIDENCE_FIELDS,
        "evidence",
        stage_id,
        step_id,
    )


def _multiset_changes(old: Sequence[str], new: Sequence[str]) -> Iterator[tuple[str, Op]]:
    """Texts removed, then texts added, in their own order; equal texts pair up."""
    remaining = Counter(new)
    for text in old:
        if remaining[text] > 0:
            remaining[text] -= 1
        else:
            yield text, "removed"
    still = Counter(old)
    for text in new:
        if still[text] > 0:
            still[text] -= 1
        else:
            yield text, "added"


def _opportunity_changes(
    old: Sequence[Opportunity], new: Sequence[Opportunity], stage_id: str, step_id: str | None
) -> Iterator[Change]:
    yield from _keyed_changes(
        old, new, lambda o: o.text, OPPORTUNITY_FIELDS, "opportunity", stage_id, step_id
    )


def _metric_changes(
    old: Sequence[Metric], new: Sequence[Metric], stage_id: str
) -> Iterator[Change]:
    yield from _keyed_changes(old, new, lambda m: m.name, METRIC_FIELDS, "metric", stage_id, None)


M = TypeVar("M", Opportunity, Metric, Evidence)


def _keyed_changes(
    old: Sequence[M],
    new: Sequence[M],
    key: Callable[[M], str],
    fields: Sequence[str],
    kind: str,
    stage_id: str,
    step_id: str | None,
) -> Iterator[Change]:
    """Items without an id, matched by a text key: removed, then added or changed, in order."""
    old_index = _index(old, key)
    new_index = _index(new, key)
    for item_key, (_, item) in old_index.items():
        if item_key not in new_index:
            yield Change("removed", kind, item_key[0], stage_id, step_id, old=_dump(item))
    for item_key, (_, item) in new_index.items():
        old_entry = old_index.get(item_key)
        if old_entry is None:
            yield Change("added", kind, item_key[0], stage_id, step_id, new=_dump(item))
        else:
            yield from _field_changes(
                old_entry[1], item, fields, kind, item_key[0], stage_id, step_id
            )


def _field_changes(
    old: BaseModel,
    new: BaseModel,
    fields: Sequence[str],
    kind: str,
    item_id: str,
    stage_id: str | None,
    step_id: str | None,
) -> Iterator[Change]:
    for name in fields:
        before, after = getattr(old, name, None), getattr(new, name, None)
        if before != after:
            yield Change(
                "changed", kind, item_id, stage_id, step_id, name, _jsonable(before),
                _jsonable(after),
            )  # fmt: skip


def _side_value(op: Op, value: Any) -> dict[str, Any]:
    return {"new": value} if op == "added" else {"old": value}


def _dump(item: BaseModel, exclude: set[str] | None = None) -> dict[str, Any]:
    """An item as JSON data, without the keys left at their defaults."""
    return item.model_dump(mode="json", exclude_defaults=True, exclude=exclude)


def _dump_stage(stage: Stage) -> dict[str, Any]:
    """A stage without its steps (they are changes of their own), plus how many it has."""
    data = stage.model_dump(mode="json", exclude_defaults=True, exclude={"steps"})
    data["step_count"] = len(stage.steps)
    return data


def _jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return value


# --------------------------------------------------------------------------------------------
# The summary
# --------------------------------------------------------------------------------------------


@dataclass
class _Profile:
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
    per_stage: dict[str, _StageProfile] = field(default_factory=dict)


@dataclass
class _StageProfile:
    name: str
    steps: int
    emotion: float | None
    lowest: Moment | None
    duration: str | None


def _profile(doc: Flow | None) -> _Profile:
    """One pass over the document (this is most of a big diff's time: keep it lean)."""
    profile = _Profile()
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
            _StageProfile(
                stage.name, len(stage.steps), _mean(stage_emotions), stage_lowest, stage.duration
            ),
        )
    profile.steps, profile.frontstage, profile.sla_hours = steps, frontstage, sla_hours
    profile.unowned, profile.dead_ends = unowned, dead_ends
    profile.pains, profile.opportunities = pains, opportunities
    return profile


@functools.cache
def _hours(duration: str) -> int:
    return int(parse_duration(duration).total_seconds()) // 3600


def _mean(values: Sequence[int]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def summarize(
    old: Document | None, new: Document | None, changes: Sequence[Change]
) -> Summary | None:
    """The reviewer's summary of a journey or workflow diff; None for personas."""
    if not isinstance(old, Flow | None) or not isinstance(new, Flow | None):
        return None
    if old is None and new is None:
        return None
    before, after = _profile(old), _profile(new)
    tally = Counter((change.kind, change.op) for change in changes)
    stage_changes: Counter[str] = Counter(c.stage for c in changes if c.stage is not None)
    return Summary(
        stages=Pair(before.stages, after.stages),
        steps=Pair(before.steps, after.steps),
        frontstage_steps=Pair(before.frontstage, after.frontstage),
        touchpoint_deviations=_deviations(before, after, changes),
        stage_hours=Pair(before.stage_hours, after.stage_hours),
        sla_hours=Pair(before.sla_hours, after.sla_hours),
        emotion=Pair(_mean(before.emotions), _mean(after.emotions)),
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


def _deviations(before: _Profile, after: _Profile, changes: Sequence[Change]) -> dict[str, int]:
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


def _owners(profile: _Profile) -> set[str]:
    return {owner for owner in profile.owner_of.values() if owner is not None}


def _stage_summaries(
    old: Flow | None,
    new: Flow | None,
    before: _Profile,
    after: _Profile,
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


def _team_summaries(before: _Profile, after: _Profile, changed: set[str]) -> Iterator[TeamSummary]:
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


# --------------------------------------------------------------------------------------------
# Findings
# --------------------------------------------------------------------------------------------


def finding_key(finding: Finding) -> tuple[str, str]:
    """What identifies a finding across versions: its rule and element id, without the
    document's own `kind:id` (so a renamed document keeps its findings); the message for
    findings without an element (parse and schema errors, cross-file checks)."""
    _, _, element = finding.element.partition("/")
    return finding.rule, element or "message:" + finding.message


def compare_findings(before: Iterable[Finding], after: Iterable[Finding]) -> FindingsDelta:
    """Split findings into the ones the change introduces and the ones it fixes."""
    old, new = tuple(sorted(before)), tuple(sorted(after))
    return FindingsDelta(old, new, _unmatched(new, old), _unmatched(old, new))


def _unmatched(findings: Sequence[Finding], others: Sequence[Finding]) -> tuple[Finding, ...]:
    remaining = Counter(finding_key(finding) for finding in others)
    unmatched: list[Finding] = []
    for finding in findings:
        key = finding_key(finding)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            unmatched.append(finding)
    return tuple(unmatched)

"""Draw a diff: the flow view of the new version, each step coloured by what happened to it.

Added steps have a green border, edited ones (a field, a name, a pain point...) an orange one,
moved ones (to another stage, or re-sequenced) a purple dotted one, and removed steps are put
back where they were, red, dashed and unfilled, with no edges: the arrows are the new flow.
Each changed or moved step says how on its node (`picture_notes`: moved from which stage, the
old name, emotion and owner before and after, which other fields changed) and in full in its
tooltip; a legend explains every border (`picture_nodes`). Emotion still fills every other
step, so the picture shows both what changed and how the customer feels about it.

The picture is `journeyctl.render`'s own flow view of a merged document (the new version
plus the removed stages and steps), with the status attributes laid over its nodes: later DOT
statements for a node add to its attributes. Only ids this module got from the render
output and colours it chose are written into the DOT; user text goes through the render
module's escaping.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from journeyctl.core.graph import StepGraph
from journeyctl.core.model import Flow, Stage, Step
from journeyctl.diff import Change
from journeyctl.diff.report.picture_nodes import ADDED, CHANGED, MOVED, REMOVED

__all__ = ["ADDED", "CHANGED", "MOVED", "REMOVED", "diff_source", "merged", "step_status"]

_NODE = re.compile(r'^\s*("?[A-Za-z0-9_]+"?) \[.*\bid="step-([a-z0-9][a-z0-9-]*)"', re.MULTILINE)


def step_status(changes: Sequence[Change]) -> dict[str, str]:
    """Step id -> ``added``, ``removed`` or ``changed`` (steps not named did not change)."""
    status: dict[str, str] = {}
    touched: set[str] = set()
    for change in changes:
        if change.kind == "step" and change.op in ("added", "removed"):
            status[change.id] = change.op
        elif change.kind == "step":
            touched.add(change.id)
        elif change.step is not None:
            touched.add(change.step)
    for step_id in touched:
        status.setdefault(step_id, "changed")
    return status


def merged(old: Flow | None, new: Flow | None) -> Flow:
    """The new document with the removed stages and steps put back where they were.

    Every kept step gets its successors in the new version as an explicit `next`, so putting
    removed steps back does not change the flow; removed steps get no successor.
    """
    base = new or old
    assert base is not None
    if old is None or new is None:
        return base
    graph = StepGraph(new)
    new_ids = set(graph.by_id)
    stages: list[Stage] = []
    for stage in new.stages:
        steps = [
            step.model_copy(update={"next": list(graph.successors.get(step.id, []))})
            for step in stage.steps
        ]
        stages.append(stage.model_copy(update={"steps": steps}))
    by_id = {stage.id: stage for stage in stages}
    removed_stages: dict[str | None, list[Stage]] = defaultdict(list)
    previous_stage: str | None = None
    for old_stage in old.stages:
        gone = [
            _removed(step) for step in old_stage.steps if step.id not in new_ids
        ]  # steps that left this stage for another are drawn there
        if old_stage.id not in by_id:
            removed_stages[previous_stage].append(old_stage.model_copy(update={"steps": gone}))
            continue
        previous_stage = old_stage.id
        target = by_id[old_stage.id]
        by_id[old_stage.id] = target.model_copy(
            update={"steps": _put_back(target.steps, old_stage.steps, gone)}
        )
    ordered: list[Stage] = list(removed_stages.pop(None, []))
    for stage in stages:
        ordered.append(by_id[stage.id])
        ordered.extend(removed_stages.pop(stage.id, []))
    return new.model_copy(update={"stages": ordered})


def _removed(step: Step) -> Step:
    return step.model_copy(update={"next": [], "terminal": False})


def _put_back(kept: Sequence[Step], old_order: Sequence[Step], gone: Sequence[Step]) -> list[Step]:
    """Insert the removed steps after the step they followed in the old version."""
    gone_ids = {step.id for step in gone}
    after: dict[str | None, list[Step]] = defaultdict(list)
    previous: str | None = None
    kept_ids = {step.id for step in kept}
    gone_by_id = {step.id: step for step in gone}
    for step in old_order:
        if step.id in gone_ids:
            after[previous].append(gone_by_id[step.id])
        elif step.id in kept_ids:
            previous = step.id
    steps = list(after.pop(None, []))
    for step in kept:
        steps.append(step)
        steps.extend(after.pop(step.id, []))
    for rest in after.values():
        steps.extend(rest)
    return steps


def diff_source(old: Flow | None, new: Flow | None, changes: Sequence[Change], title: str) -> str:
    """The DOT text of the flow view of a diff; `title` says what was compared."""
    from journeyctl.diff.report.picture_nodes import legend, status_attributes
    from journeyctl.diff.report.picture_notes import step_notes, step_places
    from journeyctl.render import Format, View, source
    from journeyctl.render.dot import attributes
    from journeyctl.render.graphviz import header
    from journeyctl.render.marks import Marks

    doc = merged(old, new)
    status = step_status(changes)
    notes = step_notes(old, new, changes) if old is not None and new is not None else {}
    for step_id in notes:
        status.setdefault(step_id, "changed")  # its stage's owner changed
    if old is None:
        status = {step.id: "added" for stage in doc.stages for step in stage.steps}
    elif new is None:
        status = {step.id: "removed" for stage in doc.stages for step in stage.steps}
    dot = source(doc, View.FLOW, Format.DOT, Marks())
    label = header(doc.model_copy(update={"title": f"{doc.title} · {title}"}), Marks(), legend())
    overrides = [f"  graph [label=<{label}>];"]
    places = step_places(doc)
    for name, step_id in _NODE.findall(dot):
        kind = status.get(step_id)
        if kind is not None:
            step, stage = places.get(step_id, (None, None))
            values = status_attributes(kind, step, stage, notes.get(step_id))
            overrides.append(f"  {name}{attributes(values)};")
    body = dot.rstrip()
    if not body.endswith("}"):
        raise ValueError("the flow view is not a DOT graph")
    return body[:-1] + "\n".join(overrides) + "\n}\n"

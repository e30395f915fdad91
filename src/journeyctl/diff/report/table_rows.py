"""The rows of the summary and stage tables, worded once for every human format."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from journeyctl.diff import Change, DocumentDiff, Pair, StageSummary, Summary
from journeyctl.diff.report.wording import (
    Style,
    arrow,
    deviations_text,
    emotion,
    findings_count,
    hours,
    moment,
    signed,
)


def summary_rows(diff: DocumentDiff, style: Style) -> list[tuple[str, str, str, str]]:
    """(measure, before, after, change) rows of the summary table."""
    summary = diff.summary
    assert summary is not None
    rows = [
        _row("Stages", summary.stages),
        _row("Steps", summary.steps, _step_ops_text(summary.step_ops)),
        _row(
            "Customer touchpoints (frontstage steps)",
            summary.frontstage_steps,
            deviations_text(summary.touchpoint_deviations),
        ),
        (
            f"Time in stages (sum of {style.code('duration')})",
            hours(summary.stage_hours.before),
            hours(summary.stage_hours.after),
            _hours_delta(summary.stage_hours),
        ),
        (
            f"Sum of step SLAs ({style.code('sla')})",
            hours(summary.sla_hours.before),
            hours(summary.sla_hours.after),
            _hours_delta(summary.sla_hours),
        ),
        (
            "Average emotion (-2 … +2)",
            emotion(summary.emotion.before),
            emotion(summary.emotion.after),
            _float_delta(summary.emotion),
        ),
        (
            "Lowest moment",
            moment(summary.lowest.before, style),
            moment(summary.lowest.after, style),
            "",
        ),
        _row(
            "Pain points",
            summary.pain_points,
            f"{summary.pain_resolved} resolved, {summary.pain_introduced} introduced",
        ),
        _row(
            "Opportunities",
            summary.opportunities,
            f"{summary.opportunities_added} added, {summary.opportunities_removed} removed",
        ),
        _row("Metrics", summary.metrics),
        _row("Unowned steps", summary.unowned_steps),
        _row("Dead ends", summary.dead_ends),
        (
            "Lint findings (errors / warnings / infos)",
            findings_count(diff.findings.counts("before")),
            findings_count(diff.findings.counts("after")),
            (
                f"{len(diff.findings.fixed)} fixed, {len(diff.findings.introduced)} introduced"
                if diff.findings.fixed or diff.findings.introduced
                else ""
            ),
        ),
    ]
    if summary.owners_added or summary.owners_removed:
        rows.append(_teams_row(summary, style))
    return rows


def _step_ops_text(ops: dict[str, int]) -> str:
    """``2 added, 3 changed (1 moved, 1 renamed)``."""
    parts = [f"{ops[op]} {op}" for op in ("added", "removed", "changed") if ops[op]]
    detail = [f"{ops[op]} {op}" for op in ("moved", "renamed") if ops[op]]
    if detail and ops["changed"]:
        parts[-1] += f" ({', '.join(detail)})"
    return ", ".join(parts)


def _teams_row(summary: Summary, style: Style) -> tuple[str, str, str, str]:
    """How many teams own steps, before and after, and which owners came and went."""
    change = []
    if summary.owners_added:
        change.append("added " + ", ".join(style.code(o) for o in summary.owners_added))
    if summary.owners_removed:
        change.append("removed " + ", ".join(style.code(o) for o in summary.owners_removed))
    teams = [t for t in summary.teams if t.steps.before or t.steps.after]
    before = sum(1 for t in teams if t.steps.before)
    after = sum(1 for t in teams if t.steps.after)
    return "Teams owning steps", str(before), str(after), "; ".join(change)


def _row(label: str, pair: Pair[int], extra: str = "") -> tuple[str, str, str, str]:
    change = signed(pair.after - pair.before) if pair.changed else ""
    if extra.startswith("0 ") and ", 0 " in extra:
        extra = ""  # "0 resolved, 0 introduced" says nothing
    if extra:
        change = f"{change}: {extra}" if change else extra
    return label, str(pair.before), str(pair.after), change


def _hours_delta(pair: Pair[int]) -> str:
    return (
        ""
        if not pair.changed
        else ("+" if pair.after > pair.before else "-") + hours(abs(pair.after - pair.before))
    )


def _float_delta(pair: Pair[float | None]) -> str:
    if pair.before is None or pair.after is None or not pair.changed:
        return ""
    return signed(round(pair.after - pair.before, 2))


def stage_row(stage: StageSummary, changes: Sequence[Change], style: Style) -> list[str]:
    """[stage, steps, avg emotion, lowest moment, duration, what changed] for the stage table."""
    name = stage.name.after or stage.name.before or stage.id
    label = style.text(name)
    if stage.status in ("added", "removed"):
        label += f" ({stage.status})"
    elif stage.name.changed:
        label += f" (was {style.text(stage.name.before or '')})"
    return [
        label,
        _shown(stage.steps, str),
        _shown(stage.emotion, emotion),
        _shown(
            stage.lowest,
            lambda m: emotion(m.emotion) if m else "n/a",
        ),
        _shown(stage.duration, lambda d: d or "—"),
        stage_changes_text(stage, changes),
    ]


def _shown(pair: Pair[Any], show: Callable[[Any], str]) -> str:
    """A stage's measure as `show` writes it, ``before → after``; one side if the other has
    none, a dash if neither has."""
    if pair.before is None and pair.after is None:
        return "—"
    if pair.before is None:
        return show(pair.after)
    if pair.after is None:
        return show(pair.before)
    return arrow(show(pair.before), show(pair.after))


def stage_changes_text(stage: StageSummary, changes: Sequence[Change]) -> str:
    """``steps: 2 added, 1 removed, 3 changed; pain points: 2 resolved; stage: owner``."""
    mine = [c for c in changes if c.stage == stage.id]
    parts = [
        _labelled("steps", _step_counts(mine)),
        _labelled("pain points", _pain_counts(mine)),
        _labelled("stage", _stage_parts(mine)),
    ]
    text = "; ".join(part for part in parts if part)
    return text or ("no change" if stage.status == "unchanged" else "")


def stage_heading_text(diff: DocumentDiff, stage_id: str) -> str:
    """What a stage's heading says changed: ``stage added; steps: 2 added``, or
    `stage_changes_text`; empty for a stage the summary does not know."""
    what = ""
    for stage in diff.summary.stage_summaries if diff.summary else ():
        if stage.id == stage_id:
            what = stage_changes_text(stage, diff.changes)
            if stage.status in ("added", "removed"):
                what = f"stage {stage.status}" + (f"; {what}" if what else "")
    return what


def _labelled(label: str, parts: Sequence[str]) -> str:
    return f"{label}: {', '.join(parts)}" if parts else ""


def _step_counts(changes: Sequence[Change]) -> list[str]:
    """``2 added``, ``1 moved``...: steps by what happened to them; a step counts once."""
    steps: dict[str, set[str]] = defaultdict(set)
    for change in changes:
        if change.kind == "step":
            op = change.op if change.op in ("added", "removed", "moved") else "changed"
            steps[op].add(change.id)
        elif change.step is not None:
            steps["changed"].add(change.step)
    steps["changed"] -= steps["added"] | steps["removed"] | steps["moved"]
    return [
        f"{len(steps[op])} {op}" for op in ("added", "removed", "moved", "changed") if steps[op]
    ]


def _pain_counts(changes: Sequence[Change]) -> list[str]:
    """``2 resolved``, ``1 introduced``: pain points removed and added."""
    pains = [c.op for c in changes if c.kind == "pain_point"]
    counts = [(pains.count("removed"), "resolved"), (pains.count("added"), "introduced")]
    return [f"{count} {word}" for count, word in counts if count]


def _stage_parts(changes: Sequence[Change]) -> list[str]:
    """What changed on the stage itself: ``name``, its fields, ``metrics``, ``opportunities``."""
    parts = sorted(
        {c.field or "" for c in changes if c.kind == "stage" and c.op in ("changed", "moved")}
    )
    if any(c.kind == "stage" and c.op == "renamed" for c in changes):
        parts.insert(0, "name")
    if any(c.kind == "metric" for c in changes):
        parts.append("metrics")
    if any(c.kind == "opportunity" and c.step is None for c in changes):
        parts.append("opportunities")
    return parts

"""What each row of the `map` grid shows in its cells: a step's (or a stage's) text and fill."""

from __future__ import annotations

from collections.abc import Callable

from journeyctl.core.model import (
    Evidence,
    EvidenceKind,
    Metric,
    Opportunity,
    Stage,
    Step,
    step_owner,
)
from journeyctl.render import style
from journeyctl.render.marks import Marks, rules_of
from journeyctl.render.text_block import Block

StepRow = Callable[[Step, Stage, Block], str | None]
"""Fills a block for one step; returns a background colour (or None for white)."""
StageRow = Callable[[Stage, Block], str | None]


def steps_cell(step: Step, stage: Stage, block: Block) -> str | None:
    block.text(step.name, 10, bold=True)
    if step.action:
        block.gap(2)
        block.text(step.action, 8.5, color=style.MUTED)
    if step.terminal:
        block.text(f"{style.END} can end here", 8.5)
    return style.emotion_fill(step.emotion)


def lint_cell(marks: Marks) -> StepRow:
    def build(step: Step, stage: Stage, block: Block) -> str | None:
        found = marks.step(stage.id, step.id)
        for rule in rules_of(found):
            block.text(rule, 9, bold=True, prefix=style.LINT)
        return style.LINT_FILL if found else None

    return build


def touchpoint_cell(step: Step, stage: Stage, block: Block) -> str | None:
    if step.channel:
        block.text(step.channel.value.upper(), 7.5, bold=True, color=style.MUTED)
    if step.touchpoint:
        block.text(step.touchpoint, 9)
    return None


def owner_cell(step: Step, stage: Stage, block: Block) -> str | None:
    owner = step_owner(step, stage)
    if owner:
        block.text(owner, 9, bold=True)
    else:
        block.text("no owner", 9, italic=True, color=style.PAIN_INK)
    if step.actor and step.actor != owner:
        block.text(f"done by {step.actor}", 8.5, color=style.MUTED)
    return None


def thoughts_cell(step: Step, stage: Stage, block: Block) -> str | None:
    if step.thoughts:
        block.text(f"“{step.thoughts}”", 9, italic=True)
    return None


def pains_cell(step: Step, stage: Stage, block: Block) -> str | None:
    for index, pain in enumerate(step.pain_points):
        if index:
            block.gap()
        block.text(pain, 8.5, prefix=style.PAIN, prefix_color=style.PAIN_INK)
    return style.PAIN_FILL if step.pain_points else None


def _opportunity(block: Block, idea: Opportunity) -> None:
    block.text(idea.text, 8.5, prefix=style.IDEA, prefix_color=style.IDEA_INK)
    details = [part for part in (idea.priority, idea.owner) if part]
    if idea.due:
        details.append(f"due {idea.due.isoformat()}")
    if details:
        block.text(" · ".join(details), 7.5, color=style.MUTED)


def ideas_cell(step: Step, stage: Stage, block: Block) -> str | None:
    for index, idea in enumerate(step.opportunities):
        if index:
            block.gap()
        _opportunity(block, idea)
    return style.IDEA_FILL if step.opportunities else None


def stage_ideas_cell(stage: Stage, block: Block) -> str | None:
    for index, idea in enumerate(stage.opportunities):
        if index:
            block.gap()
        _opportunity(block, idea)
    return style.IDEA_FILL if stage.opportunities else None


EVIDENCE_MARKS: dict[EvidenceKind, tuple[str, str]] = {
    EvidenceKind.ANALYTICAL: ("\u25a0", "#2166ac"),
    EvidenceKind.SURVEY: ("\u25a3", "#2166ac"),
    EvidenceKind.OBSERVED: ("\u25cf", "#8c510a"),
    EvidenceKind.ANECDOTAL: ("\u25cb", "#8c510a"),
    EvidenceKind.ASSUMPTION: ("\u25b3", style.MUTED),
}
"""The symbol and colour of each kind of evidence: filled for numbers (analytical, survey),
round for what people said or did (observed, anecdotal); the kind is also written out, so
greyscale loses nothing."""


def evidence_lines(block: Block, item: Evidence, size: float = 8.5) -> None:
    """One piece of evidence: its kind (symbol, colour and word), source and note."""
    symbol, ink = EVIDENCE_MARKS[item.kind]
    block.text(item.kind.value.upper(), size - 1, bold=True, color=ink, prefix=symbol)
    block.text(item.source, size, bold=True)
    if item.note:
        block.text(item.note, size, color=style.MUTED)


def evidence_cell(step: Step, stage: Stage, block: Block) -> str | None:
    for index, item in enumerate(step.evidence):
        if index:
            block.gap()
        evidence_lines(block, item)
    return None


def _number(value: float) -> str:
    return f"{value:g}"


def metric_text(metric: Metric) -> tuple[str, bool | None]:
    """`actual 0.031 · target 0.05 ratio` and whether the target is met (None: unknown)."""
    unit = f" {metric.unit}" if metric.unit else ""
    if metric.actual is None and metric.target is None:
        return "not measured yet", None
    if metric.actual is None:
        return f"target {_number(metric.target or 0)}{unit}, not measured yet", None
    if metric.target is None:
        return f"actual {_number(metric.actual)}{unit}, no target", None
    met = (
        metric.actual >= metric.target
        if metric.better == "higher"
        else metric.actual <= metric.target
    )
    text = f"actual {_number(metric.actual)} · target {_number(metric.target)}{unit}"
    return text, met


def metrics_cell(stage: Stage, block: Block) -> str | None:
    for index, metric in enumerate(stage.metrics):
        if index:
            block.gap(3)
        text, met = metric_text(metric)
        mark = "" if met is None else ("✓ " if met else "✗ ")
        color = style.MUTED if met is None else (style.IDEA_INK if met else style.PAIN_INK)
        block.text(metric.name, 9, bold=True)
        block.text(f"{mark}{text}", 8.5, color=color)
    return None

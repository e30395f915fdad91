"""The verdict a reviewer reads first: did the change make the map worse, and for whom."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from journeyctl.core.finding import Severity
from journeyctl.diff import DocumentDiff, Pair, Summary
from journeyctl.diff.report.wording import (
    Style,
    deviations_text,
    emotion,
    hours,
    plural,
    severities,
)

Sentence = tuple[str, bool]
"""Something said about the customer's experience, and whether it is worse than before."""


@dataclass(frozen=True)
class Verdict:
    """Whether the change made the map worse: ``fail`` (new errors), ``warn`` (new warnings or
    a worse experience for the customer) or ``ok``, and the sentences that say why."""

    level: str
    quality: str
    customer: list[str] = field(default_factory=list)
    worse: list[str] = field(default_factory=list)


def verdict(diff: DocumentDiff, style: Style) -> Verdict:
    """The two-line answer a reviewer wants first."""
    introduced = diff.findings.introduced
    customer: list[str] = []
    worse: list[str] = []
    if diff.summary is not None and diff.old is not None and diff.new is not None:
        sentences = list(_customer(diff.summary))
        customer = [text for text, is_worse in sentences if not is_worse]
        worse = [text for text, is_worse in sentences if is_worse]
    if any(f.severity is Severity.ERROR for f in introduced):
        level = "fail"
    elif any(f.severity is Severity.WARNING for f in introduced) or worse:
        level = "warn"
    else:
        level = "ok"
    return Verdict(level, _quality(diff, style), customer, worse)


def _quality(diff: DocumentDiff, style: Style) -> str:
    """``introduces 1 error (`dead-end`); fixes 2 findings``: the lint findings delta."""
    delta = diff.findings
    if delta.introduced:
        rules = sorted({f.rule for f in delta.introduced})
        quality = (
            f"introduces {severities(delta.introduced)} "
            f"({', '.join(style.code(rule) for rule in rules)})"
        )
        if delta.fixed:
            quality += f"; fixes {plural(len(delta.fixed), 'finding')}"
        return quality
    if delta.fixed:
        fixed = plural(len(delta.fixed), "lint finding")
        return f"fixes {fixed} ({severities(delta.fixed)}), introduces none"
    return "no lint finding introduced or fixed"


def _customer(summary: Summary) -> Iterator[Sentence]:
    """Sentences about the customer's experience, in the order a reviewer reads them."""
    mood = summary.emotion
    if mood.before is not None and mood.after is not None and mood.changed:
        yield _rises_or_falls("average emotion", mood.before, mood.after)
    low = summary.lowest
    if low.before is not None and low.after is not None and low.before.emotion != low.after.emotion:
        yield _rises_or_falls("the lowest moment", low.before.emotion, low.after.emotion)
    if summary.pain_resolved or summary.pain_introduced:
        yield (
            f"{plural(summary.pain_resolved, 'pain point')} resolved, "
            f"{summary.pain_introduced} introduced",
            summary.pain_introduced > summary.pain_resolved,
        )
    time = summary.stage_hours
    if time.changed and time.before and time.after:
        word = "shorter" if time.after < time.before else "longer"
        yield (
            f"expected time in stages {hours(time.before)} → {hours(time.after)} "
            f"({hours(abs(time.after - time.before))} {word})",
            False,
        )
    deviations = deviations_text(summary.touchpoint_deviations)
    if deviations:
        yield f"customer touchpoints: {deviations}", False
    yield from _more_of("dead ends", summary.dead_ends)
    yield from _more_of("unowned steps", summary.unowned_steps)


def _rises_or_falls(measure: str, before: float, after: float) -> Sentence:
    """``average emotion rises from -1 to +1``: worse when it falls."""
    word = "rises" if after > before else "falls"
    return f"{measure} {word} from {emotion(before)} to {emotion(after)}", after < before


def _more_of(measure: str, pair: Pair[int]) -> Iterator[Sentence]:
    """``dead ends 1 → 2`` when there are more than before (always worse); nothing otherwise."""
    if pair.after > pair.before:
        yield f"{measure} {pair.before} → {pair.after}", True

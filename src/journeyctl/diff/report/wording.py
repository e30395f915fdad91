"""How a diff words values for every human format (text and markdown): counts, hours,
emotions, metric values, findings, and the `Style` a format escapes and marks up with.

Everything a user wrote (names, texts, file paths) goes through `Style.text`; ids, enum
values and rule names are slugs and go through `Style.code`.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from journeyctl.core.finding import Finding, Severity
from journeyctl.diff import BaseInfo, DocumentDiff, MetricSummary, Moment
from journeyctl.diff.change_model import same
from journeyctl.lint.element import split


@dataclass(frozen=True)
class Style:
    """How a format writes user text and ids, and strikes out what was removed."""

    text: Callable[[str], str]
    code: Callable[[str], str]
    strike: Callable[[str], str]


def plural(count: int, word: str, words: str | None = None) -> str:
    """``1 step``, ``2 steps``."""
    return f"{count} {word if count == 1 else (words or word + 's')}"


def listing(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def hours(value: int) -> str:
    """A duration in hours as days and hours: ``468d``, ``2d 4h``, ``4h``, ``0h``."""
    days, rest = divmod(abs(value), 24)
    sign = "-" if value < 0 else ""
    if days and rest:
        return f"{sign}{days}d {rest}h"
    return f"{sign}{days}d" if days else f"{sign}{rest}h"


def emotion(value: float | None) -> str:
    """An emotion or an average of emotions, signed: ``+2``, ``-0.25``; ``n/a`` when none."""
    if value is None:
        return "n/a"
    if value == 0:
        return "0" if isinstance(value, int) else "0.00"
    if isinstance(value, int):
        return f"{value:+d}"
    return f"{value:+.2f}"


def number(value: Any) -> str:
    """A metric value: ``0.05``, ``450``; a dash when absent."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def signed(value: float, unit: str = "") -> str:
    """A difference with its sign: ``+3``, ``-25d``, ``+1.05``."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:+.2f}"
    return f"{int(value):+d}{unit}"


def value_text(field_name: str | None, value: Any) -> str:
    """A field's value as plain (unescaped) text for `old → new`."""
    if value is None:
        if field_name == "next":
            return "(the next step in order)"
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if field_name == "emotion" and isinstance(value, int):
        return emotion(value)
    if isinstance(value, list):
        if field_name == "next" and not value:
            return "(nothing: no successor)"
        return ", ".join(str(item) for item in value) if value else "(none)"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items()) if value else "(none)"
    if isinstance(value, float):
        return number(value)
    return str(value)


def moment(value: Moment | None, style: Style) -> str:
    """``-2 Trial lapses without contact (consideration)``."""
    if value is None:
        return "n/a"
    return f"{emotion(value.emotion)} {style.text(value.name)} ({style.code(value.stage)})"


def findings_count(counts: dict[str, int]) -> str:
    """``1 / 9 / 6`` for errors, warnings and infos."""
    return f"{counts['errors']} / {counts['warnings']} / {counts['infos']}"


def severities(findings: Sequence[Finding]) -> str:
    """``1 error, 2 warnings and 3 infos``; ``none`` when empty."""
    tally = Counter(finding.severity for finding in findings)
    parts = [
        plural(tally[severity], severity.label)
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if tally[severity]
    ]
    return listing(parts) if parts else "none"


_ITEM_WORDS = {"pain": "pain point", "opportunity": "opportunity", "evidence": "evidence"}


def element_text(finding: Finding) -> str:
    """Where a finding is, without the document and without item texts the message repeats:
    ``onboarding > sets-up-sso > opportunity``, ``decision > security-review-days > actual``;
    a name with a `/` in it (escaped in the id) stays one name: ``awareness > trial/paid``."""
    inside = split(finding.element)[1:]  # the names decoded, without the document
    if not inside:
        return "(document)"
    parts = []
    for part in inside:
        label, colon, name = part.partition(":")
        if not colon:
            parts.append(part)
        elif label in _ITEM_WORDS:
            parts.append(_ITEM_WORDS[label])
            break  # the rest is inside the item's text
        else:
            parts.append(name)
    return " > ".join(parts)


def since(base: BaseInfo, style: Style) -> str:
    """``main``, or ``main (where this branch left it, 0123456789ab)`` when main moved on."""
    text = style.text(base.rev)
    if base.compared != base.commit:
        text += f" (where this branch left it, {style.code(base.compared[:12])})"
    return text


def overview_entry(diff: DocumentDiff, rev: str | None) -> tuple[str, str]:
    """(file, status) for the list of changed files: a deleted file by its path, and a file
    that moved with where it was."""

    def path(label: str) -> str:
        return label.removeprefix(f"{rev}:") if rev else label

    if diff.new is None:
        assert diff.old is not None
        return path(diff.old.label), diff.status
    status = diff.status
    was = posixpath.normpath(path(diff.old.label)) if diff.old is not None else None
    if was is not None and was != posixpath.normpath(diff.new.label):
        status += f", moved from {was}"
    return diff.new.label, status


def deviations_text(deviations: dict[str, int]) -> str:
    """``2 new, 1 gone, 1 re-sequenced`` (CJML: ad hoc, missing, irregular order)."""
    words = (("ad_hoc", "new"), ("missing", "gone"), ("resequenced", "re-sequenced"))
    return ", ".join(f"{deviations[key]} {word}" for key, word in words if deviations[key])


def arrow(before: object, after: object) -> str:
    """``3 → 5``; just ``5`` when nothing changed."""
    return str(after) if before == after else f"{before} → {after}"


def number_change(before: float | None, after: float | None) -> str:
    """`arrow` for metric values: ``0.05 → 0.04``, ``450`` (and ``nan`` when both are NaN)."""
    if same(before, after):
        return number(after)
    return f"{number(before)} → {number(after)}"


def metric_status(metric: MetricSummary) -> str:
    """`` (added)`` or `` (removed)`` after a metric's name; empty when it is on both sides."""
    if not metric.exists.before:
        return " (added)"
    return " (removed)" if not metric.exists.after else ""

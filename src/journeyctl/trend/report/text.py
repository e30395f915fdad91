"""`journeyctl trend --format text`: per document a title, its span of commits, and one
line per measure with a sparkline, the first and last value and the change.

Every path, metric name and error message is user text: shown through the one sanitizer.
"""

from __future__ import annotations

from collections.abc import Callable

from journeyctl.trend.model import DocumentTrend, Trend
from journeyctl.trend.report.rows import rows, shown
from journeyctl.workspace.messages import printable_path, printable_text

SHORT = 8
"""Characters of a commit id shown."""
LABEL_WIDTH = 32
"""Metric names longer than this are cut in the text report."""


def text_report(trend: Trend) -> str:
    """The whole report; empty when no document changed."""
    return "".join(_block(document) + "\n" for document in trend.documents)


def title(document: DocumentTrend) -> str:
    """``journey b2b-onboarding (current)``, or ``a file that does not load`` for one that
    never did."""
    if document.kind is None or document.id is None:
        return "a file that does not load"
    state = f" ({document.state})" if document.state else ""
    return f"{document.kind} {document.id}{state}"


def span(document: DocumentTrend, code: Callable[[str], str] = str) -> str:
    """``7 points: 1a2b3c4d 2026-01-01 → 5e6f7a8b 2026-01-10`` (`code` marks commit ids)."""
    first, last = document.points[0], document.points[-1]
    if len(document.points) == 1:
        return f"1 point: {code(first.commit[:SHORT])} {first.date}"
    return (
        f"{len(document.points)} points: {code(first.commit[:SHORT])} {first.date} → "
        f"{code(last.commit[:SHORT])} {last.date}"
    )


def _block(document: DocumentTrend) -> str:
    last = document.points[-1]
    lines = [f"{title(document)}  {printable_path(document.path)}", f"  {span(document)}"]
    found = rows(document)
    labels = [_label(row.label, row.metric) for row in found]
    width = max(len(label) for label in labels)
    spark = max(len(row.spark) for row in found)
    firsts = max(len(shown(row.first)) for row in found)
    lasts = max(len(shown(row.last)) for row in found)
    for row, label in zip(found, labels, strict=True):
        lines.append(
            f"  {label:<{width}}  {row.spark:<{spark}}  {shown(row.first):>{firsts}}"
            f" → {shown(row.last):<{lasts}}  {row.change}".rstrip()
        )
    if last.error is not None:
        lines.append(f"  at {last.commit[:SHORT]}: {printable_text(last.error)}")
    if document.ended is not None:
        lines.append(f"  ended at {document.ended[:SHORT]}: no file under the path holds it now")
    return "\n".join(lines) + "\n"


def _label(name: str, metric: bool) -> str:
    if not metric:
        return name
    name = printable_text(name)
    name = name if len(name) <= LABEL_WIDTH else name[: LABEL_WIDTH - 1] + "…"
    return f"metric {name}"

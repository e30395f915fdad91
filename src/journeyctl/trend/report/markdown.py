"""`journeyctl trend --format markdown`: a section per document with a table of its
measures (sparkline, first, last, change), for a pull-request comment or a wiki page.

Paths, metric names and error messages are user text (`escape.markdown_text`); kinds, ids
and states are slugs, in code spans.
"""

from __future__ import annotations

from journeyctl.trend.model import DocumentTrend, Trend
from journeyctl.trend.report.escape import code, markdown_text
from journeyctl.trend.report.rows import rows, shown
from journeyctl.trend.report.text import SHORT, span


def markdown_report(trend: Trend) -> str:
    """The whole report, with a sentence when no document changed."""
    if not trend.documents:
        return "## Journey trend\n\nNo commit in this history changed a journeyctl file.\n"
    count = len(trend.documents)
    commits = len({point.commit for document in trend.documents for point in document.points})
    parts = [
        "## Journey trend\n",
        f"{count} {'document' if count == 1 else 'documents'}, measured at {commits} "
        f"{'commit' if commits == 1 else 'commits'} (oldest first).\n",
    ]
    parts.extend(_section(document) for document in trend.documents)
    return "\n".join(parts)


def _section(document: DocumentTrend) -> str:
    last = document.points[-1]
    lines = [
        f"### {_title(document)}",
        "",
        f"{markdown_text(document.path)} · {span(document, code)}",
        "",
        "| measure | trend | first | last | change |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for row in rows(document):
        label = f"metric {markdown_text(row.label)}" if row.metric else row.label
        lines.append(
            f"| {label} | {row.spark} | {shown(row.first)} | {shown(row.last)} | {row.change} |"
        )
    if last.error is not None:
        lines += ["", f"At {code(last.commit[:SHORT])}: {markdown_text(last.error)}"]
    if document.ended is not None:
        lines += ["", f"Ended at {code(document.ended[:SHORT])}: no file holds it any more."]
    return "\n".join(lines) + "\n"


def _title(document: DocumentTrend) -> str:
    if document.kind is None or document.id is None:
        return "A file that does not load"
    state = f" ({code(document.state)})" if document.state else ""
    return f"{document.kind.capitalize()} {code(document.id)}{state}"

"""``--format json``: every finding with 1-based positions, and the summary counts (with
``--baseline``, also ``baselined``: how many findings the baseline hid)."""

from __future__ import annotations

import json

from journeyctl.core.finding import LintReport
from journeyctl.lint.report import ReportOptions
from journeyctl.workspace.messages import unicode_safe


def render(report: LintReport, options: ReportOptions) -> str:
    """``{"findings": [...], "summary": {...}}``, findings sorted, indented by 2."""
    summary = report.summary()
    if options.baselined is not None:
        summary["baselined"] = options.baselined
    document = {
        "findings": [_entry(finding.to_dict()) for finding in sorted(report.findings)],
        "summary": summary,
    }
    return json.dumps(document, indent=2) + "\n"


def _entry(entry: dict[str, object]) -> dict[str, object]:
    """A finding's fields, its text valid Unicode (a non-UTF-8 file name shown escaped)."""
    return {key: unicode_safe(v) if isinstance(v, str) else v for key, v in entry.items()}

"""``--format json``: every finding with 1-based positions, and the summary counts."""

from __future__ import annotations

import json

from journeyctl.core.finding import LintReport
from journeyctl.lint.report import ReportOptions


def render(report: LintReport, options: ReportOptions) -> str:
    """``{"findings": [...], "summary": {...}}``, findings sorted, indented by 2."""
    document = {
        "findings": [finding.to_dict() for finding in sorted(report.findings)],
        "summary": report.summary(),
    }
    return json.dumps(document, indent=2) + "\n"

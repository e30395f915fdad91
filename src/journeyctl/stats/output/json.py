"""``--format json``: ``{"documents": [...], "teams": [...], "project": {...}, "skipped": [...]}``.

Documents are sorted by path and teams by id; a stage's emotions are in stage order. Text is
written as it is (JSON escapes it); only a file name that is not UTF-8 is shown escaped.
"""

from __future__ import annotations

import json
from typing import Any

from journeyctl.stats.report import StatsReport
from journeyctl.workspace.messages import unicode_safe


def render(report: StatsReport) -> str:
    """The report as indented JSON."""
    return json.dumps(_safe(report.to_dict()), indent=2, ensure_ascii=False) + "\n"


def _safe(value: Any) -> Any:
    """Every string (keys too) valid Unicode."""
    if isinstance(value, str):
        return unicode_safe(value)
    if isinstance(value, dict):
        return {_safe(key): _safe(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_safe(item) for item in value]
    return value

"""The reports of `journeyctl trend`: text (sparklines), json, markdown and csv.

JSON has no NaN or infinity: a metric's YAML ``.nan``, ``.inf`` or ``-.inf`` is written as the
string ``"NaN"``, ``"Infinity"`` or ``"-Infinity"``, as `diff` writes them (and so in CSV).
"""

from __future__ import annotations

import json

from journeyctl.trend.model import Trend
from journeyctl.trend.report.markdown import markdown_report
from journeyctl.trend.report.rows import finite
from journeyctl.trend.report.table import csv_report
from journeyctl.trend.report.text import text_report

FORMATS = ("text", "json", "markdown", "csv")


def report(trend: Trend, output_format: str) -> str:
    """The trend in one of `FORMATS`."""
    if output_format == "json":
        document = finite(trend.as_json())
        return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    if output_format == "markdown":
        return markdown_report(trend)
    if output_format == "csv":
        return csv_report(trend)
    return text_report(trend)

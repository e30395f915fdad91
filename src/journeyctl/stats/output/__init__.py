"""The formats of `journeyctl stats`: text (a scorecard), markdown, csv and json."""

from __future__ import annotations

from journeyctl.stats.report import StatsReport

FORMATS = ("text", "json", "markdown", "csv")


def render(report: StatsReport, output_format: str, color: bool = False) -> str:
    """The report in one of `FORMATS` (colour only for text on a terminal)."""
    if output_format == "json":
        from journeyctl.stats.output import json

        return json.render(report)
    if output_format == "markdown":
        from journeyctl.stats.output import markdown

        return markdown.render(report)
    if output_format == "csv":
        from journeyctl.stats.output import csv

        return csv.render(report)
    from journeyctl.stats.output import text

    return text.render(report, color)

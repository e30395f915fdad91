"""`journeyctl trend --format csv`: one row per point, for a spreadsheet.

Columns: the document (kind, id, state, path), the commit and date, the numbers, the error
of a point that did not load, then one column per metric name (`metric: NAME`) over all
documents. Text cells are guarded against formula injection (`escape.csv_cell`).
"""

from __future__ import annotations

import csv
import io

from journeyctl.trend.model import Point, Trend
from journeyctl.trend.report.escape import csv_cell
from journeyctl.trend.report.rows import finite

COLUMNS = (
    "kind",
    "id",
    "state",
    "path",
    "commit",
    "date",
    "steps",
    "unowned_steps",
    "pain_points",
    "emotion_average",
    "findings",
    "error",
)


def csv_report(trend: Trend) -> str:
    """The header and a row per point (only the header when no document changed)."""
    names: dict[str, None] = {}
    for document in trend.documents:
        names.update(dict.fromkeys(document.metric_names()))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*COLUMNS, *(csv_cell(f"metric: {name}") for name in names)])
    for document in trend.documents:
        for point in document.points:
            about = [document.kind, document.id, document.state, csv_cell(document.path)]
            writer.writerow(
                [*(_cell(v) for v in about), *_point_cells(point), *_metrics(point, list(names))]
            )
    return out.getvalue()


def _point_cells(point: Point) -> list[str]:
    numbers = [point.value(name) for name in COLUMNS[6:11]]
    error = csv_cell(point.error) if point.error is not None else ""
    return [point.commit, point.date, *(_cell(v) for v in numbers), error]


def _metrics(point: Point, names: list[str]) -> list[str]:
    metrics = point.value("metrics") or {}
    return [_cell(finite(metrics.get(name))) for name in names]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)

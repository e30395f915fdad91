"""``--format csv``: one row per journey or workflow, for a spreadsheet.

Nested keys are flattened with dots (``findings.errors``, ``emotion.lowest.step``); a stage's
average emotions are one cell, ``stage=value`` pairs separated by spaces. Text cells never
start a formula (`stats.output.escape.csv_cell`).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import typing
from typing import Any

from journeyctl.stats.health import DocumentHealth
from journeyctl.stats.output.escape import csv_cell
from journeyctl.stats.report import StatsReport


def render(report: StatsReport) -> str:
    """The documents as CSV with a header row."""
    rows = [_flat(document) for document in report.documents]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns())
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in columns()])
    return buffer.getvalue()


def columns(record: type = DocumentHealth, prefix: str = "") -> list[str]:
    """The header: every field of a document, nested records' fields flattened."""
    names: list[str] = []
    for name, hint in typing.get_type_hints(record).items():
        nested = [arg for arg in (hint, *typing.get_args(hint)) if dataclasses.is_dataclass(arg)]
        if nested and isinstance(nested[0], type):
            names.extend(columns(nested[0], f"{prefix}{name}."))
        else:
            names.append(f"{prefix}{name}")
    return names


def _flat(document: DocumentHealth) -> dict[str, Any]:
    data = document.to_dict()
    by_stage = data["emotion"].pop("by_stage")
    lowest = data["emotion"].pop("lowest") or {"step": None, "value": None}
    data["emotion"]["lowest"] = lowest
    flat = _flatten(data)
    flat["emotion.by_stage"] = " ".join(
        f"{stage}={'' if value is None else f'{value:g}'}" for stage, value in by_stage.items()
    )
    return flat


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return csv_cell(value) if isinstance(value, str) else value

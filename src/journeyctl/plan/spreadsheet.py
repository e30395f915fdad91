"""The plan as CSV, one row per item, with headers that Jira, Linear and spreadsheets import.

Summary, Owner, Priority, Due date (YYYY-MM-DD), Status, Link, then where the item is
(Journey, Stage, Step), the pain points it addresses (joined by ``; ``), whether it is
overdue, and whose owner it is (opportunity, step or stage). Text is one line per cell. A
cell that starts with ``= + - @``, a tab or a carriage return gets a leading ``'`` so that a
spreadsheet shows it as text and never runs it as a formula.
"""

from __future__ import annotations

import csv
import io

from journeyctl.plan.build import Plan
from journeyctl.plan.items import PlanItem
from journeyctl.workspace.markup import csv_cell

HEADERS = (
    "Summary",
    "Owner",
    "Priority",
    "Due date",
    "Status",
    "Link",
    "Journey",
    "Stage",
    "Step",
    "Pain points",
    "Overdue",
    "Owner from",
)
cell = csv_cell
"""User text as one CSV cell: one line, and never a formula (`workspace.markup`)."""


def csv_report(plan: Plan) -> str:
    """The plan as CSV (RFC 4180: CRLF line ends, quotes where needed)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    writer.writerows(_row(item) for item in plan.items)
    return out.getvalue()


def _row(item: PlanItem) -> list[str]:
    return [
        cell(item.text),
        item.owner or "",
        item.priority.value if item.priority else "",
        item.due.isoformat() if item.due else "",
        item.status.value,
        cell(item.link or ""),
        item.where.journey,
        item.stage,
        item.step or "",
        cell("; ".join(item.pain_points)),
        "yes" if item.overdue else "no",
        item.owner_from or "",
    ]

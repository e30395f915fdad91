"""The plan as JSON: `{"today", "owner", "hidden", "items": [...]}` (see `PlanItem.as_json`)."""

from __future__ import annotations

import json
from typing import Any

from journeyctl.plan.build import Plan
from journeyctl.workspace.messages import unicode_safe


def json_report(plan: Plan) -> str:
    """The plan as JSON; `hidden` counts done and dropped items left out."""
    data = {
        "today": plan.today.isoformat(),
        "owner": plan.owner,
        "overdue": plan.overdue,
        "hidden": plan.hidden,
        "items": [_safe(item.as_json()) for item in plan.items],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _safe(item: dict[str, Any]) -> dict[str, Any]:
    """A file name that is not UTF-8 written as escapes, as every report writes it."""
    return {**item, "path": unicode_safe(item["path"])}

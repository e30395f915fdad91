"""``--format json``: the diff as data (design §5).

For ``diff OLD NEW`` and ``--journey``, one object:
``{"old", "new", "status", "changes": [...], "summary": {...}, "findings": {...}}``;
each change is ``{"op", "kind", "id", "stage", "step", "field", "old", "new"}``.
For ``--base``, ``{"base": {"rev", "compared", "commit"}, "diffs": [<that object>...]}``,
whatever the number of files, so the shape depends on the mode, never on the data.

JSON has no NaN or infinity: a YAML ``.nan``, ``.inf`` or ``-.inf`` is written as the string
``"NaN"``, ``"Infinity"`` or ``"-Infinity"``.
"""

from __future__ import annotations

import json
import math
from typing import Any

from journeyctl.diff import DiffReport


def render(report: DiffReport, color: bool = False) -> str:
    """The JSON document, indented by 2, non-ASCII kept as is."""
    document: dict[str, Any]
    if report.base is None and len(report.diffs) == 1:
        document = report.diffs[0].to_dict()
    else:
        base = report.base
        document = {
            "base": (
                {"rev": base.rev, "compared": base.compared, "commit": base.commit}
                if base
                else None
            ),
            "diffs": [diff.to_dict() for diff in report.diffs],
        }
    return json.dumps(finite(document), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def finite(value: Any) -> Any:
    """JSON data with every NaN or infinity (in lists and dicts too) written as a string."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, list | tuple):
        return [finite(item) for item in value]
    if isinstance(value, dict):
        return {key: finite(item) for key, item in value.items()}
    return value

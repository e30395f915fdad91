"""The plan as a Mermaid `gantt` chart that GitHub renders: one section per owner.

Each dated item is a two-week task ending on its due date (start: due - 13 days, with
`inclusiveEndDates`, so the bar covers the due day; shorter when that would be before year 1),
tagged `done` (done), `active` (in progress) and `crit` (overdue). Undated items, and dropped
ones (`--all`), are not drawn: a `%%` comment at the top lists them.

Mermaid's gantt lexer (jison, first rule that matches wins) reads a task as a name up to the
first `:` and its data up to `#` or `;`; before the name it tries its keywords (`title`,
`section`, `click`, `includes`, `excludes`, a date, ...), a `%` comment, and any character
followed by `%` as a comment too, and Mermaid reads `#...;` anywhere as an entity code and
`%%{` as a directive. So a task name is one line, with `# : ; & < >` as look-alikes (U+FF03,
U+A789, U+FF1B, U+FF06, U+FF1C, U+FF1E, as the journey diagram writes them) and `%%` as `%`
and U+FF05, and a name that would be read as a keyword or a comment gets a zero-width space
(U+200B, which is not white space to the lexer) before it and a leading `%` as U+FF05.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from journeyctl.core.model import Status
from journeyctl.plan.build import Plan
from journeyctl.plan.items import PlanItem

INDENT = "    "
DAYS = 14
"""The length of each task: it ends on the due date."""
MAX_NAME = 80
_LOOK_ALIKES = str.maketrans(
    {"#": "\uff03", ":": "\ua789", ";": "\uff1b", "&": "\uff06", "<": "\uff1c", ">": "\uff1e"}
)
_INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)
_SPACE = re.compile(r"\s+")
_KEYWORD = re.compile(
    r"(?i)^(?:.?%|acc|href|call|click|gantt|dateformat|inclusiveenddates|topaxis|axisformat|"
    r"tickinterval|includes|excludes|todaymarker|weekday|weekend|[0-9]{4}-|title|section)"
)
"""What the lexer could read as something other than a task name (its keywords, a comment, a
date), matched on the word alone: a zero-width space too many does no harm."""


def name(text: str) -> str:
    """User text as a gantt task name: one line, never read as syntax (see the module)."""
    shown = _INVISIBLE.sub("", _SPACE.sub(" ", text)).strip()
    if len(shown) > MAX_NAME:
        shown = shown[: MAX_NAME - 1].rstrip() + "…"
    shown = shown.translate(_LOOK_ALIKES).replace("%%", "%\uff05") or "opportunity"
    if _KEYWORD.match(shown):
        shown = "\u200b" + ("\uff05" + shown[1:] if shown.startswith("%") else shown)
    return shown


def gantt_report(plan: Plan) -> str:
    """The plan as a Mermaid gantt chart."""
    lines = [
        "gantt",
        f"{INDENT}title Plan on {plan.today.isoformat()}, by owner",
        f"{INDENT}dateFormat YYYY-MM-DD",
        f"{INDENT}inclusiveEndDates",
    ]
    lines += _left_out(plan.items)
    for owner, items in plan.groups():
        tasks = [_task(item) for item in items if _drawn(item)]
        if tasks:
            lines.append(f"{INDENT}section {owner or 'no owner'}")
            lines += tasks
    return "\n".join(lines) + "\n"


def _drawn(item: PlanItem) -> bool:
    return item.due is not None and item.status is not Status.DROPPED


def _left_out(items: list[PlanItem]) -> list[str]:
    """`%%` comment lines naming the items not drawn: undated, and dropped."""
    undated = [item for item in items if item.due is None]
    dropped = [item for item in items if item.due is not None and not _drawn(item)]
    lines = []
    for title, group in (("no due date", undated), ("dropped", dropped)):
        if group:
            lines.append(f"{INDENT}%% not drawn ({title}): {len(group)}")
            lines += [f"{INDENT}%% - {name(i.text)} ({i.owner or 'no owner'})" for i in group]
    return lines


def _task(item: PlanItem) -> str:
    assert item.due is not None
    tags = []
    if item.status is Status.DONE:
        tags.append("done")
    elif item.status is Status.IN_PROGRESS:
        tags.append("active")
    if item.overdue:
        tags.append("crit")
    start = _start(item.due)
    data = [*tags, start.isoformat(), item.due.isoformat()]
    return f"{INDENT * 2}{name(item.text)}: {', '.join(data)}"


def _start(due: date) -> date:
    """The first day of a task ending on `due`: `DAYS` long, or from 0001-01-01 when shorter."""
    return due - min(timedelta(days=DAYS - 1), due - date.min)

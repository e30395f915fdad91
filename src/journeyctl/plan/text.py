"""The plan as text for a terminal: a header line, then the items grouped by owner.

Each item is a line with an overdue mark (`!`), its priority, due date and text, then a line
saying where it is (journey, stage, step), its status, how late it is and, when the owner is
the step's or the stage's, whose it is; then its link and the pain points it addresses. All
user text goes through the one sanitizer (`workspace.messages.printable`).
"""

from __future__ import annotations

from journeyctl.plan.build import Plan
from journeyctl.plan.items import PlanItem
from journeyctl.workspace.messages import printable

INDENT = "  "
_DETAIL = INDENT + " " * 21


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """`1 opportunity`, `2 opportunities`."""
    return f"{count} {noun}" if count == 1 else f"{count} {nouns or noun + 's'}"


def summary(plan: Plan) -> str:
    """What the plan holds: how many items, how many overdue, what was left out."""
    shown = plural(len(plan.items), "opportunity", "opportunities")
    scope = f" owned by {plan.owner}" if plan.owner else ""
    line = f"Plan on {plan.today.isoformat()}: {shown}{scope}, {plan.overdue} overdue"
    if plan.hidden:
        line += f"; {plan.hidden} done or dropped not shown (--all shows them)"
    return line


def owner_label(item: PlanItem) -> str:
    """The effective owner, and whose it is when it is not the opportunity's own:
    `growth (step owner)`."""
    if item.owner is None:
        return "no owner"
    return f"{item.owner} ({item.owner_from} owner)" if item.fallback else item.owner


def late(item: PlanItem) -> str:
    """`overdue by 8 days`."""
    return f"overdue by {plural(item.days_overdue, 'day')}"


def place(item: PlanItem) -> list[str]:
    """Journey (with its state), stage and step ids."""
    where = item.where
    parts = [f"{where.journey} ({where.state})"]
    parts.append(item.stage)
    if item.step is not None:
        parts.append(item.step)
    return parts


def text_report(plan: Plan) -> str:
    """The plan as text."""
    lines = [summary(plan)]
    for owner, items in plan.groups():
        lines += ["", f"{owner or 'no owner'} ({len(items)})"]
        for item in items:
            lines += _item_lines(item)
    return "\n".join(lines) + "\n"


def _item_lines(item: PlanItem) -> list[str]:
    mark = "!" if item.overdue else " "
    priority = item.priority.value if item.priority else "-"
    due = item.due.isoformat() if item.due else "no date"
    lines = [f"{INDENT}{mark} {priority:<6} {due:<10}  {printable(item.text)}"]
    details = [" > ".join(place(item)), item.status.value]
    if item.overdue:
        details.insert(0, late(item).upper())
    if item.fallback:
        details.append(f"owner {owner_label(item)}")
    lines.append(_DETAIL + printable(" · ".join(details)))
    if item.link:
        lines.append(f"{_DETAIL}link {printable(item.link)}")
    if item.pain_points:
        lines.append(f"{_DETAIL}addresses: {printable('; '.join(item.pain_points))}")
    return lines

"""The plan in Markdown (a wiki page or pull-request comment): a table per owner.

User text is escaped as the diff's Markdown report escapes it: control characters dropped,
line breaks joined, HTML neutralised (``< > &`` as entities), Markdown punctuation that could
start a link, image, emphasis, code span or table cell backslash-escaped, and ``@name`` given
a word joiner so a plan cannot ping people. A link becomes a Markdown link only when it is an
http(s) URL (with characters that would end it percent-encoded) or an ``owner/repo#N`` GitHub
issue; anything else is shown as text.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from journeyctl.plan.build import Plan
from journeyctl.plan.items import PlanItem
from journeyctl.plan.text import late, owner_label, plural, summary
from journeyctl.workspace.markup import markdown_text

_URL = re.compile(r"https?://\S+")
_ISSUE = re.compile(r"([A-Za-z0-9][A-Za-z0-9_.-]*)/([A-Za-z0-9_.-]+)#([0-9]+)")
_URL_SAFE = "/:?=&%#+,;~.-_!$*'@"
"""Kept as they are in a URL; everything else (spaces, ``( ) < > | [ ] " \\`` and
backticks) is percent-encoded, so a link cannot end early or break its table cell."""
NONE = "\u2013"
"""An en dash: no priority, no date."""
HEADER = "| | Priority | Due | Opportunity | Status | Owner | Where | Link |"


md = markdown_text
"""User text for a Markdown table cell or paragraph (the one escaper, `workspace.markup`)."""


def link(value: str) -> str:
    """A tracker link as a Markdown link, or as plain text when it is neither an http(s) URL
    nor an ``owner/repo#N`` issue."""
    issue = _ISSUE.fullmatch(value)
    if issue is not None:
        owner, repo, number = issue.groups()
        return f"[{md(value)}](https://github.com/{owner}/{repo}/issues/{number})"
    if _URL.fullmatch(value):
        return f"[{md(value)}]({quote(value, safe=_URL_SAFE)})"
    return md(value)


def markdown_report(plan: Plan) -> str:
    """The plan in Markdown."""
    lines = ["## Plan", "", md(summary(plan)) + "."]
    for owner, items in plan.groups():
        count = plural(len(items), "opportunity", "opportunities")
        lines += ["", f"### {owner or 'No owner'} ({count})", "", HEADER]
        lines.append("| --- " * HEADER.count(" | ") + "| --- |")
        lines += [_row(item) for item in items]
    return "\n".join(lines) + "\n"


def _row(item: PlanItem) -> str:
    due = item.due.isoformat() if item.due else NONE
    if item.overdue:
        due += f" **{late(item)}**"
    where = " \u203a ".join(f"`{part}`" for part in _ids(item))
    cells = [
        "⚠️" if item.overdue else "",
        item.priority.value if item.priority else NONE,
        due,
        md(item.text),
        item.status.value,
        md(owner_label(item)),
        f"{md(item.where.journey)} ({item.where.state}): {where}",
        link(item.link) if item.link else "",
    ]
    return "| " + " | ".join(cells) + " |"


def _ids(item: PlanItem) -> list[str]:
    """Stage and step ids (slugs: safe in code spans)."""
    return [item.stage] if item.step is None else [item.stage, item.step]

"""`journeyctl owners --format markdown`: the same report as tables, for a PR comment or wiki.

User text (titles, team names, file names) is escaped as the diff's markdown report escapes
it: HTML neutralised, Markdown punctuation (`|` of table cells included) backslash-escaped,
line breaks and control characters gone, and `@name` broken so a journey cannot ping people.
Ids are slugs and go in code spans as they are.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeyctl.owners.matrix import NO_REGISTRY, DocumentOwnership, Ownership
from journeyctl.workspace.markup import code
from journeyctl.workspace.markup import markdown_text as text


def render(report: Ownership) -> str:
    """The whole report as Markdown, ending in a newline."""
    return "\n".join(_lines(report)) + "\n"


def _lines(report: Ownership) -> Iterator[str]:
    yield "## Ownership"
    if not report.documents:
        yield ""
        yield "No journeys or workflows."
    for document in report.documents:
        yield ""
        yield from _document(document, report)
    yield ""
    yield from _unregistered(report)
    if report.idle or report.registered:
        yield ""
        yield from _idle(report)


def _document(document: DocumentOwnership, report: Ownership) -> Iterator[str]:
    yield (f"### {document.kind} {code(document.id)} ({document.state}): {text(document.title)}")
    yield ""
    owner = f" · owner {code(document.owner)}" if document.owner else ""
    yield f"{text(document.path)}{owner}"
    yield ""
    yield "| team | " + " | ".join(code(stage) for stage in document.stages) + " | total |"
    yield "| --- |" + " ---: |" * (len(document.stages) + 1)
    for team, counts in document.matrix.items():
        known = report.team(team)
        name = f" {text(known.name)}" if known is not None and known.name else ""
        yield f"| {code(team)}{name} | " + _cells(list(counts.values()))
    if any(document.unowned.values()):
        yield "| **unowned** | " + _cells(list(document.unowned.values()))


def _cells(counts: list[int]) -> str:
    shown = [str(n) if n else "·" for n in counts]
    return " | ".join([*shown, f"**{sum(counts)}**"]) + " |"


def _unregistered(report: Ownership) -> Iterator[str]:
    if not report.registered:
        yield NO_REGISTRY
        return
    if not report.unregistered:
        yield "Every team named in the files is in the owners registry."
        return
    yield "### Teams missing from the owners registry"
    yield ""
    for team in report.unregistered:
        places, more = report.places_shown(team)
        rest = f" and {more} more" if more else ""
        yield f"- {code(team)}: " + ", ".join(text(place) for place in places) + rest


def _idle(report: Ownership) -> Iterator[str]:
    if not report.idle:
        yield "Every registry team owns something."
        return
    yield "### Registry teams that own nothing"
    yield ""
    for team_id in report.idle:
        team = report.team(team_id)
        name = f" {text(team.name)}" if team is not None and team.name else ""
        yield f"- {code(team_id)}{name}"

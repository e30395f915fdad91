"""`journeyctl owners` (text): a table per journey (teams down, stages across), then the teams
missing from the registry and the registry teams that own nothing.

User text (titles, team names, file names) goes through the one sanitizer
(`workspace.messages.printable_text`) into rich `Text` cells, which are never read as markup.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from rich import box
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from journeyctl.owners.matrix import NO_REGISTRY, DocumentOwnership, Ownership
from journeyctl.workspace.messages import printable_text

UNOWNED = "(unowned)"
ZERO = "·"


def render(report: Ownership, color: bool = False) -> str:
    """The whole report as text (ANSI colours when `color`)."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        width=100_000,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=True,
    )
    for part in _parts(report):
        console.print(part)
    return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))


def _parts(report: Ownership) -> Iterator[RenderableType]:
    if not report.documents:
        yield Text("No journeys or workflows.")
    for document in report.documents:
        yield from _heading(document)
        yield _table(document, report)
        yield Text()
    yield from _unregistered(report)
    yield from _idle(report)


def _heading(document: DocumentOwnership) -> Iterator[Text]:
    title = Text(f"{document.kind} {document.id} ({document.state}): ", style="bold")
    title.append(printable_text(document.title))
    yield title
    where = Text(printable_text(document.path), style="dim")
    if document.owner is not None:
        where.append(f" · owner {document.owner}")
    yield where


def _table(document: DocumentOwnership, report: Ownership) -> Table:
    names = {team: _name(report, team) for team in document.matrix}
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("team")
    if any(names.values()):
        table.add_column("name", style="dim")
    for stage in document.stages:
        table.add_column(stage, justify="right")
    table.add_column("total", justify="right", style="bold")
    for team, counts in document.matrix.items():
        name = [Text(names[team])] if any(names.values()) else []
        table.add_row(Text(team), *name, *_cells(list(counts.values())))
    if any(document.unowned.values()):
        name = [Text("")] if any(names.values()) else []
        table.add_row(
            Text(UNOWNED, style="bold red"), *name, *_cells(list(document.unowned.values()))
        )
    return table


def _name(report: Ownership, team_id: str) -> str:
    team = report.team(team_id)
    return printable_text(team.name) if team is not None and team.name else ""


def _cells(counts: list[int]) -> list[Text]:
    shown = [Text(str(n)) if n else Text(ZERO, style="dim") for n in counts]
    return [*shown, Text(str(sum(counts)))]


def _unregistered(report: Ownership) -> Iterator[Text]:
    if not report.registered:
        yield Text(NO_REGISTRY)
        return
    if not report.unregistered:
        yield Text("Every team named in the files is in the owners registry.")
        return
    yield Text("Teams missing from the owners registry:", style="bold yellow")
    for team in report.unregistered:
        places, more = report.places_shown(team)
        rest = f" and {more} more" if more else ""
        yield Text(f"  {team}: {printable_text(', '.join(places))}{rest}")


def _idle(report: Ownership) -> Iterator[Text]:
    if not report.idle:
        if report.registered:
            yield Text("Every registry team owns something.")
        return
    yield Text("Registry teams that own nothing:", style="bold yellow")
    for team_id in report.idle:
        team = report.team(team_id)
        name = f" ({printable_text(team.name)})" if team is not None and team.name else ""
        yield Text(f"  {team_id}{name}")

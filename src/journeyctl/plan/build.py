"""The plan: the items of every document, sorted, filtered by status and owner, grouped.

Done and dropped items are left out unless asked for (`show_all`), and counted. `--owner`
selects items by their effective owner; a team that is neither in an owners registry nor
named as an owner in any document is a usage error with a did-you-mean.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from journeyctl.core.errors import UsageError
from journeyctl.core.model import Flow
from journeyctl.core.suggest import did_you_mean, listed
from journeyctl.plan.items import PlanItem, document_items, owners_named


@dataclass(frozen=True)
class Plan:
    """The items to show, in order, and what was left out."""

    items: list[PlanItem]
    today: date
    hidden: int = 0
    """Done and dropped items left out (without `--all`)."""
    owner: str | None = None
    """The team asked for with `--owner`, if any."""

    @property
    def overdue(self) -> int:
        """How many items shown are overdue."""
        return sum(item.overdue for item in self.items)

    def groups(self) -> list[tuple[str | None, list[PlanItem]]]:
        """The items by effective owner: teams in alphabetical order, then no owner."""
        grouped: dict[str | None, list[PlanItem]] = {}
        for item in self.items:
            grouped.setdefault(item.owner, []).append(item)
        teams = sorted(owner for owner in grouped if owner is not None)
        order: list[str | None] = [*teams, None] if None in grouped else list(teams)
        return [(owner, grouped[owner]) for owner in order]


def build_plan(
    documents: Iterable[tuple[Flow, str]],
    today: date,
    registry: Iterable[str] = (),
    owner: str | None = None,
    show_all: bool = False,
) -> Plan:
    """The plan of the documents (each with its display path) on `today`.

    `registry` holds the team ids of the owners registries that govern the documents.
    """
    docs = list(documents)
    if owner is not None:
        _check_team(owner, {*registry, *(team for doc, _ in docs for team in owners_named(doc))})
    every = sorted(
        (item for doc, path in docs for item in document_items(doc, path, today)),
        key=PlanItem.sort_key,
    )
    chosen = [item for item in every if owner is None or item.owner == owner]
    shown = chosen if show_all else [item for item in chosen if not item.closed]
    return Plan(shown, today, len(chosen) - len(shown), owner)


def _check_team(owner: str, known: set[str]) -> None:
    """A usage error unless `owner` is a team some registry or document knows."""
    if owner in known:
        return
    hint = did_you_mean(owner, known)
    raise UsageError(
        f"--owner: no team '{owner}' in the owners registry or in any document{hint} "
        f"(known teams: {listed(known)})"
    )

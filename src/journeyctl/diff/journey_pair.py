"""``diff --journey ID [DIR]``: the `current` and the `optimized` document with that id.

Three steps: find the journeyctl files under DIR that may hold the id (and every id seen, for
a did-you-mean hint); load them and sort the ones with that id by state, preferring journeys
where a workflow shares the id; then require exactly one document per state.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from journeyctl.core.errors import UsageError
from journeyctl.diff.side_loader import Item, Side, SideLoader, read_file

STATES = ("current", "optimized")
_IDS = re.compile(r"^id[ \t]*:[ \t]*['\"]?([a-z0-9-]+)", re.M)


def journey_sides(loader: SideLoader, journey_id: str, directory: Path) -> tuple[Side, Side]:
    """The current and the optimized side of journey `journey_id` under `directory`."""
    if not directory.is_dir():
        raise UsageError(f"{directory}: not a directory (--journey ID [DIR])")
    files, known = candidate_files(loader, journey_id, directory)
    found = Found(journey_id, directory, known, by_state(loader.load_many(files), journey_id))
    return found.one("current"), found.one("optimized")


def candidate_files(
    loader: SideLoader, journey_id: str, directory: Path
) -> tuple[list[Item], set[str]]:
    """The journeyctl files under `directory` with an `id:` line naming `journey_id`, and
    every document id seen there."""
    from journeyctl.workspace.discover import discover, lenient_text, looks_like_journeyctl

    wanted = re.compile(r"^id[ \t]*:[ \t]*['\"]?" + re.escape(journey_id) + r"\b", re.M)
    known: set[str] = set()
    files: list[Item] = []
    for target in discover([directory], loader.finder):
        if target.error is not None:
            raise UsageError(f"{target.display}: {target.error}")
        raw = read_file(target.path)
        text = lenient_text(raw)
        if not looks_like_journeyctl(text):
            continue
        known.update(_IDS.findall(text))
        if wanted.search(text) is not None:
            files.append((target.display, raw, target.path))
    return files, known


def by_state(sides: Sequence[Side], journey_id: str) -> dict[str, list[Side]]:
    """The sides with id `journey_id`, by state (journeys only, where one shares its id with
    a workflow)."""
    found: dict[str, list[Side]] = {state: [] for state in STATES}
    for side in sides:
        state = getattr(side.doc, "state", None)
        if side.doc.id == journey_id and state in found:
            found[state].append(side)
    return {state: prefer_journeys(candidates) for state, candidates in found.items()}


def prefer_journeys(candidates: list[Side]) -> list[Side]:
    """The journeys among `candidates` when there are also workflows; else all of them."""
    kinds = {side.doc.kind for side in candidates}
    if "journey" in kinds and len(kinds) > 1:
        return [side for side in candidates if side.doc.kind == "journey"]
    return candidates


@dataclass(frozen=True)
class Found:
    """What a search for one journey found: its sides by state, and every id seen."""

    journey_id: str
    directory: Path
    known: set[str]
    sides: dict[str, list[Side]]

    def one(self, state: str) -> Side:
        """The one side in `state`; UsageError when there is none or more than one."""
        candidates = self.sides[state]
        if not candidates:
            raise UsageError(self._missing(state))
        if len(candidates) > 1:
            labels = ", ".join(side.label for side in candidates)
            raise UsageError(
                f"{len(candidates)} {state} documents with id '{self.journey_id}': {labels} "
                "(rule duplicate-id); keep one"
            )
        return candidates[0]

    def _missing(self, state: str) -> str:
        """Why `state` has no side: which one was found, and the closest id seen."""
        import difflib

        journey_id = self.journey_id
        close = difflib.get_close_matches(journey_id, sorted(self.known), n=1)
        hint = f"; did you mean '{close[0]}'?" if close and close[0] != journey_id else ""
        other = "optimized" if state == "current" else "current"
        have = f" (found only the {other} one)" if self.sides[other] else ""
        return f"no {state} version of '{journey_id}' under {self.directory}{have}{hint}"

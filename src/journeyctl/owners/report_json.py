"""`journeyctl owners --format json`: the matrix and the teams, for scripts and dashboards."""

from __future__ import annotations

import json
from typing import Any

from journeyctl.owners.matrix import DocumentOwnership, Ownership, TeamOwnership
from journeyctl.workspace.messages import unicode_safe


def render(report: Ownership) -> str:
    """`{"documents", "teams", "unregistered", "idle"}` as indented JSON, ending in a newline."""
    data: dict[str, Any] = {
        "documents": [_document(document) for document in report.documents],
        "teams": [_team(team) for team in report.teams],
        "unregistered": [
            {"team": team, "places": [unicode_safe(place) for place in places]}
            for team, places in report.unregistered.items()
        ],
        "idle": report.idle,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _document(document: DocumentOwnership) -> dict[str, Any]:
    return {
        "kind": document.kind,
        "id": document.id,
        "state": document.state,
        "title": unicode_safe(document.title),
        "path": unicode_safe(document.path),
        "owner": document.owner,
        "stages": document.stages,
        "matrix": document.matrix,
        "unowned": document.unowned,
    }


def _team(team: TeamOwnership) -> dict[str, Any]:
    return {
        "id": team.id,
        "name": unicode_safe(team.name) if team.name is not None else None,
        "github": team.github,
        "in_registry": team.in_registry,
        "steps": team.steps,
        "documents": team.documents,
    }

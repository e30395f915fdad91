"""The documents to plan from, loaded once through lint's engine, as `journeyctl lint` finds them.

A file that does not load (not valid YAML, not the format) has no opportunities to show: it
is `Broken`, with its first parse or schema error at file:line:col, for the command to name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from journeyctl.core.model import Flow
from journeyctl.lint.engine import lint_paths
from journeyctl.lint.result import owners_registry
from journeyctl.lint.rules import parse_error, schema_error

__all__ = ["Broken", "Inputs", "read_inputs"]
_LOAD_RULES = (parse_error.NAME, schema_error.NAME)


@dataclass(frozen=True)
class Broken:
    """A file left out of the plan, why, and whether it was named on the command line."""

    message: str
    explicit: bool


@dataclass
class Inputs:
    """The journeys and workflows with their display paths, the team ids of the owners
    registries that govern them, and what could not be used."""

    documents: list[tuple[Flow, str]] = field(default_factory=list)
    registry: set[str] = field(default_factory=set)
    broken: list[Broken] = field(default_factory=list)
    io_errors: list[str] = field(default_factory=list)
    files: int = 0


def read_inputs(paths: Sequence[Path], today: date) -> Inputs:
    """Load every journeyctl file under `paths` (the settings, include and exclude of lint)."""
    run = lint_paths(paths, today=today, keep_documents=True)
    inputs = Inputs(io_errors=list(run.io_errors), files=run.report.files)
    inputs.registry = set(owners_registry(run.results))
    for result in run.results:
        target = result.target
        if isinstance(result.document, Flow):
            inputs.documents.append((result.document, target.display))
            continue
        errors = [f for f in result.findings if f.rule in _LOAD_RULES]
        if result.document is None and errors:
            first = errors[0]
            where = f"{first.path}:{first.line}:{first.column}"
            inputs.broken.append(Broken(f"{where}: {first.message}", target.explicit))
    return inputs

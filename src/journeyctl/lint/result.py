"""What linting produces: the result of checking one file, and of a whole run."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from journeyctl.core.finding import Finding, LintReport
from journeyctl.core.model import Journey, Owner, Persona, Workflow
from journeyctl.core.validation import validate_document
from journeyctl.lint.rules import DocRef
from journeyctl.workspace.discover import Target
from journeyctl.workspace.suppress import Suppressions


@dataclass
class FileResult:
    """What checking one file produced."""

    target: Target
    findings: list[Finding] = field(default_factory=list)
    doc: DocRef | None = None
    suppressions: Suppressions = field(default_factory=Suppressions)
    linted: bool = True
    io_error: str | None = None
    document: Journey | Workflow | Persona | None = None
    """The validated document, kept only when asked for (`check_content(keep_document=True)`)."""
    data: dict[str, Any] | None = None
    """The plain data `document` was validated from, kept with it: what a worker process sends
    back instead of the models (pickling 10,000 steps' models takes four times as long as
    pickling their data and validating it again)."""

    def unsuppressed(self) -> list[Finding]:
        """Its findings that no suppression comment of the file silences (before cross-file
        checks, which `lint_paths` adds)."""
        return [f for f in self.findings if not self.suppressions.silences(f.rule, f.line)]

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        if self.data is not None:
            state["document"] = None  # rebuilt from `data` on the other side
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        if self.document is None and self.data is not None:
            self.document = validate_document(self.data)


@dataclass
class LintRun:
    """A finished lint: the report, plus files that could not be read at all."""

    report: LintReport
    io_errors: list[str]
    results: list[FileResult] = field(default_factory=list)
    """Each linted file's result (with its document when `lint_paths(keep_documents=True)`)."""


def owners_registry(results: Sequence[FileResult]) -> dict[str, Owner]:
    """The owners registries of every project linted, in one: a team that several projects
    register is described by the first project, by its root's path."""
    registry: dict[str, Owner] = {}
    projects = {r.target.project.root: r.target.project.settings for r in results}
    for root in sorted(projects):
        for team_id, owner in (projects[root].owners or {}).items():
            registry.setdefault(team_id, owner)
    return registry

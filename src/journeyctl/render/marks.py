"""Lint findings placed on the picture (`render --lint`): on a step, a stage or the document.

Findings come from `journeyctl.lint.engine.lint_paths`, so a render marks exactly what `lint`
reports, with the project's settings and suppressions applied. Each finding's element id
(`journey:x/stage:y/step:z/...`) says where it belongs.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from journeyctl.core.finding import Finding

if TYPE_CHECKING:
    from journeyctl.core.model import Journey, Persona, Workflow


@dataclass(frozen=True)
class Mark:
    """One finding as the picture shows it."""

    rule: str
    severity: str
    message: str

    @property
    def text(self) -> str:
        """`rule: message`, for tooltips."""
        return f"{self.rule}: {self.message}"


@dataclass
class Marks:
    """The findings of one document, by where they belong."""

    steps: dict[tuple[str, str], list[Mark]] = field(default_factory=dict)
    stages: dict[str, list[Mark]] = field(default_factory=dict)
    document: list[Mark] = field(default_factory=list)

    def step(self, stage_id: str, step_id: str) -> list[Mark]:
        """The marks of one step (empty when it has none)."""
        return self.steps.get((stage_id, step_id), [])

    def stage(self, stage_id: str) -> list[Mark]:
        """The marks of a stage itself, not of its steps."""
        return self.stages.get(stage_id, [])

    def add(self, finding: Finding) -> None:
        """Put a finding where its element id says it belongs."""
        mark = Mark(finding.rule, finding.severity.label, finding.message)
        parts = finding.element.split("/")
        stage = parts[1].removeprefix("stage:") if len(parts) > 1 else None
        step = parts[2].removeprefix("step:") if len(parts) > 2 else None
        if stage is not None and parts[1].startswith("stage:"):
            if step is not None and parts[2].startswith("step:"):
                self.steps.setdefault((stage, step), []).append(mark)
            else:
                self.stages.setdefault(stage, []).append(mark)
        else:
            self.document.append(mark)

    def __bool__(self) -> bool:
        return bool(self.steps or self.stages or self.document)


NO_MARKS = Marks()
"""What a render without `--lint` shows: nothing."""


def rules_of(marks: Iterable[Mark]) -> list[str]:
    """The distinct rule names of some marks, in order of first appearance."""
    return list(dict.fromkeys(mark.rule for mark in marks))


@dataclass
class Linted:
    """What one lint run gives a render: marks, and the documents lint loaded, so that a
    render with `--lint` loads each file once. Both are by resolved path."""

    marks: dict[Path, Marks] = field(default_factory=dict)
    documents: dict[Path, Journey | Workflow | Persona] = field(default_factory=dict)

    def marks_of(self, path: Path) -> Marks:
        """The marks of one file (none when lint found nothing there)."""
        return self.marks.get(resolved(path), Marks())

    def document(self, path: Path) -> Journey | Workflow | Persona | None:
        """The document lint loaded from this file, if it loaded one."""
        return self.documents.get(resolved(path))


def resolved(path: Path) -> Path:
    """The path with links followed: the key of `Linted`. A link loop is not an error here
    (`Path.resolve` raises one): reading the file names it."""
    return Path(os.path.realpath(path))


def lint_documents(paths: Sequence[Path]) -> Linted:
    """Lint the files: their findings as marks, and their documents."""
    from journeyctl.lint.engine import lint_paths

    run = lint_paths(list(paths), keep_documents=True)
    linted = Linted()
    for finding in run.report.findings:
        if finding.rule == "unused-suppression":
            continue  # about a comment, not about the journey
        linted.marks.setdefault(resolved(Path(finding.path)), Marks()).add(finding)
    for result in run.results:
        if result.document is not None:
            linted.documents[resolved(result.target.path)] = result.document
    return linted


def lint_marks(paths: Sequence[Path]) -> dict[Path, Marks]:
    """Lint the files and return their findings as marks, by resolved path."""
    return lint_documents(paths).marks

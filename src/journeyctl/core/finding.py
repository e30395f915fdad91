"""The one value every check produces and every reporter consumes."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    """How serious a finding is; higher is worse."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        """The lower-case name users write and read: ``error``, ``warning``, ``info``."""
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """Turn ``error``/``warning``/``info`` into a severity; raise ValueError otherwise."""
        try:
            return cls[text.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r}") from None


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one place: sorted by file, then position, then rule."""

    path: str
    line: int
    column: int
    rule: str
    severity: Severity
    message: str
    element: str = field(default="", compare=False)
    """Where in the document, by ids (`journey:x/stage:y/step:z`), not by line: see diff."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: 1-based line and column, severity as a word."""
        data: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity.label,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }
        if self.element:
            data["element"] = self.element
        return data


@dataclass
class LintReport:
    """Everything one lint run found, ready for a reporter."""

    findings: list[Finding]
    files: int

    def count(self, severity: Severity) -> int:
        """How many findings have exactly this severity."""
        return sum(1 for finding in self.findings if finding.severity is severity)

    def summary(self) -> dict[str, int]:
        """The JSON summary block: files linted and findings per severity."""
        return {
            "files": self.files,
            "errors": self.count(Severity.ERROR),
            "warnings": self.count(Severity.WARNING),
            "infos": self.count(Severity.INFO),
        }

"""The file is not valid, safe YAML that journeyctl can read.

Reported by the loader, never by a check: invalid UTF-8, binary content, tabs used for
indentation, duplicate keys, unclosed quotes, Python tags, anchors that expand beyond a sane
bound, nesting too deep, empty files, several documents in one file, or a document that is not
a mapping. The finding points at the exact line and column where reading stopped.

Bad:

    journeyctl: 1
    kind: journey
    id: onboarding
    id: onboarding-v2

Good:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages: []
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeyctl.core.finding import Severity

if TYPE_CHECKING:
    from journeyctl.workspace.load import LoadError

NAME = "parse-error"
SEVERITY = Severity.ERROR


def found(error: LoadError) -> tuple[int, int, str]:
    """The line, column and message of the finding: where reading stopped, and why."""
    return error.line, error.column, error.message

"""Measure one blob from history: lint its bytes as `lint` checks a file, then count.

The file-level lint runs (`lint.engine.check_content`) with the file's inline suppressions
applied; cross-file checks (a persona that does not exist, a duplicate document) need every
other file at that commit and do not run. A blob that does not load or validate is still a
point: its parse or schema errors are its findings, its numbers are null.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from journeyctl.core.model import Flow
from journeyctl.lint.engine import Target, check_content
from journeyctl.trend.points import no_numbers, point_numbers

Identity = tuple[str, str, str | None]
"""What a document is, wherever its file moves: kind, id and state."""


@dataclass(frozen=True)
class BlobJob:
    """A blob to measure, as the file it was at some commit."""

    raw: bytes
    target: Target
    today: date


@dataclass(frozen=True)
class Outcome:
    """What a blob is: a journey or workflow with its numbers, a persona (no numbers), a file
    that does not load (`identity` None, `error` says why), or no journeyctl file at all."""

    identity: Identity | None
    numbers: dict[str, Any] | None
    error: str | None = None
    foreign: bool = False


FOREIGN = Outcome(None, None, foreign=True)


def measure(job: BlobJob) -> Outcome:
    """Lint one blob and count what a trend shows (never raises for bad content)."""
    result = check_content(job.target, job.raw, job.today, keep_document=True)
    if not result.linted and not result.findings:
        return FOREIGN
    findings = result.unsuppressed()
    document = result.document
    if result.doc is not None and document is not None:
        identity = (result.doc.kind, result.doc.id, result.doc.state)
        if not isinstance(document, Flow):
            return Outcome(identity, None)
        return Outcome(identity, point_numbers(document, findings))
    first = min(result.findings, default=None)
    error = f"{first.line}:{first.column} {first.rule}: {first.message}" if first else None
    return Outcome(None, no_numbers(len(findings)), error)


def too_large(reason: str) -> Outcome:
    """A blob over the size cap: not read, so neither numbers nor findings."""
    return Outcome(None, no_numbers(None), f"cannot read: {reason}")

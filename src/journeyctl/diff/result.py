"""What a diff produces: one `DocumentDiff` per document (changes, summary, findings delta),
and the `DiffReport` of a whole `journeyctl diff` run."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from journeyctl.core.finding import Finding, Severity
from journeyctl.diff.change_model import Change, Document
from journeyctl.diff.summary_model import Summary


@dataclass(frozen=True)
class FindingsDelta:
    """Lint findings of both sides, and which the change introduces and which it fixes."""

    before: tuple[Finding, ...] = ()
    after: tuple[Finding, ...] = ()
    introduced: tuple[Finding, ...] = ()
    fixed: tuple[Finding, ...] = ()

    def counts(self, side: Literal["before", "after", "introduced", "fixed"]) -> dict[str, int]:
        """Findings per severity on one side: ``{"errors", "warnings", "infos"}``."""
        findings: tuple[Finding, ...] = getattr(self, side)
        tally = Counter(finding.severity for finding in findings)
        return {
            "errors": tally[Severity.ERROR],
            "warnings": tally[Severity.WARNING],
            "infos": tally[Severity.INFO],
        }

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: introduced and fixed findings, and counts on both sides."""
        return {
            "introduced": [finding.to_dict() for finding in self.introduced],
            "fixed": [finding.to_dict() for finding in self.fixed],
            "before": self.counts("before"),
            "after": self.counts("after"),
        }


@dataclass(frozen=True)
class SideInfo:
    """Which document one side of a diff is, and where it was read from."""

    label: str
    """A path, or `REV:path` for a side read from git."""
    kind: str
    id: str
    state: str | None
    title: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "path": self.label,
            "kind": self.kind,
            "id": self.id,
            "state": self.state,
            "title": self.title,
        }


@dataclass(frozen=True)
class DocumentDiff:
    """The diff of one document: old and new side (None when the file was added or deleted)."""

    old: SideInfo | None
    new: SideInfo | None
    changes: tuple[Change, ...]
    summary: Summary | None
    findings: FindingsDelta = field(default_factory=FindingsDelta)
    names: dict[tuple[str, str], str] = field(default_factory=dict)
    """("stage" or "step", id) -> name, from the new side where the item exists there."""
    owners: dict[str, str | None] = field(default_factory=dict)
    """Step id -> the team accountable for it (its own owner, else its stage's), new side
    first."""

    def name_of(self, kind: str, item_id: str) -> str:
        """The name of a stage or step (the new one if renamed); the id when unknown."""
        return self.names.get((kind, item_id), item_id)

    @property
    def status(self) -> str:
        """added, deleted, modified or unchanged."""
        if self.old is None:
            return "added"
        if self.new is None:
            return "deleted"
        return "modified" if self.changes else "unchanged"

    @property
    def subject(self) -> SideInfo:
        """The side that names the document: the new one, or the old one if it was deleted."""
        side = self.new or self.old
        assert side is not None
        return side

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: the contract of design §5, with both sides described."""
        return {
            "old": self.old.to_dict() if self.old else None,
            "new": self.new.to_dict() if self.new else None,
            "status": self.status,
            "changes": [change.to_dict() for change in self.changes],
            "summary": self.summary.to_dict() if self.summary else None,
            "findings": self.findings.to_dict(),
        }


@dataclass(frozen=True)
class BaseInfo:
    """What `--base REV` compared with: the revision as given, and the commits it named."""

    rev: str
    compared: str
    """The commit diffed against: where HEAD branched off `rev` (the merge base)."""
    commit: str
    """The commit `rev` names."""


@dataclass(frozen=True)
class DiffReport:
    """Everything one `journeyctl diff` run compared."""

    diffs: tuple[DocumentDiff, ...]
    base: BaseInfo | None = None
    documents: tuple[tuple[Document | None, Document | None], ...] = ()
    """The (old, new) documents of each diff, for pictures."""

"""The whole diff of one document from its two sides: changes, summary and findings."""

from __future__ import annotations

from collections.abc import Iterable

from journeyctl.core.finding import Finding
from journeyctl.core.model import Flow, Persona, step_owner
from journeyctl.diff.change_model import Document
from journeyctl.diff.changes import diff_documents
from journeyctl.diff.findings import compare_findings
from journeyctl.diff.result import DocumentDiff, SideInfo
from journeyctl.diff.summary import summarize


def side_info(label: str, doc: Document) -> SideInfo:
    """Describe one side for reports."""
    title = doc.name if isinstance(doc, Persona) else doc.title
    return SideInfo(label, doc.kind, doc.id, getattr(doc, "state", None), title)


def diff_sides(
    old: tuple[str, Document] | None,
    new: tuple[str, Document] | None,
    old_findings: Iterable[Finding] = (),
    new_findings: Iterable[Finding] = (),
) -> DocumentDiff:
    """The whole diff of one document: changes, summary and findings; each side is
    (label, document), or None for a file that does not exist on that side."""
    if old is None and new is None:
        raise ValueError("a diff needs at least one side")
    old_doc = old[1] if old else None
    new_doc = new[1] if new else None
    changes = diff_documents(old_doc, new_doc)
    summary = summarize(old_doc, new_doc, changes)
    return DocumentDiff(
        old=side_info(*old) if old else None,
        new=side_info(*new) if new else None,
        changes=tuple(changes),
        summary=summary,
        findings=compare_findings(old_findings, new_findings),
        names=_names(old_doc) | _names(new_doc),
        owners=_step_owners(old_doc) | _step_owners(new_doc),
    )


def _step_owners(doc: Document | None) -> dict[str, str | None]:
    owners: dict[str, str | None] = {}
    if isinstance(doc, Flow):
        for stage in doc.stages:
            for step in stage.steps:
                owners.setdefault(step.id, step_owner(step, stage))
    return owners


def _names(doc: Document | None) -> dict[tuple[str, str], str]:
    names: dict[tuple[str, str], str] = {}
    if isinstance(doc, Flow):
        for stage in doc.stages:
            names.setdefault(("stage", stage.id), stage.name)
            for step in stage.steps:
                names.setdefault(("step", step.id), step.name)
    return names

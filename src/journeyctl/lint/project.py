"""What lint checks across files, and the suppressions applied at the end of a run.

Cross-file rules (a persona that does not exist, a duplicate document) see every linted
document and the other documents of the linted files' projects, which are only skimmed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path

from journeyctl.core.finding import Finding, LintReport
from journeyctl.lint.result import FileResult, LintRun
from journeyctl.lint.rules import REGISTRY, DocRef, unused_suppression
from journeyctl.lint.stamp import Stamper
from journeyctl.workspace.discover import (
    Target,
    display_path,
    looks_like_journeyctl,
    resolved,
    walk,
)
from journeyctl.workspace.read import LoadError, read_regular, scannable


def project_refs(targets: list[Target]) -> list[DocRef]:
    """Documents of the linted files' projects that were not linted, for cross-file checks.

    Linting one file (as pre-commit does) still resolves its persona and finds a duplicate
    elsewhere in the project. These files are only skimmed for their top-level keys; nothing
    is reported on them.
    """
    roots = sorted({t.project.root for t in targets if t.project.source is not None})
    linted = {resolved(t.path) for t in targets if t.error is None}
    refs: list[DocRef] = []
    for root in roots:
        for path, error in walk(root):
            if error is not None or resolved(path) in linted:
                continue
            try:
                text = scannable(read_regular(path))  # one copy of a big file, not two
            except (OSError, RuntimeError, LoadError):
                continue
            if looks_like_journeyctl(text):
                ref = _skim(path, text)
                if ref is not None:
                    refs.append(ref)
    return refs


_KEY = r"(kind|id|state|persona)[ \t]*:[ \t]*['\"]?([A-Za-z0-9_-]+)"
_TOP_LEVEL = (re.compile(_KEY), re.compile("\n" + _KEY))
_TOP_LEVEL_BYTES = (re.compile(_KEY.encode()), re.compile(b"\n" + _KEY.encode()))
"""A top-level key and its value: at the start of the text, or after a newline (searched for
by the newline, which is quicker than trying `^` with re.M at every character)."""


def _skim(path: Path, text: str | bytes) -> DocRef | None:
    """Kind, id, state and persona of a file from its top-level lines, without parsing it."""
    values: dict[str, str] = {}
    id_line = 1
    first, after_newline = _TOP_LEVEL_BYTES if isinstance(text, bytes) else _TOP_LEVEL
    found = itertools.chain([first.match(text)], after_newline.finditer(text))  # type: ignore[arg-type]
    for match in found:
        if match is None:
            continue
        key, value = (_str(group) for group in match.group(1, 2))
        if key not in values:
            values[key] = value
            if key == "id":
                newline = b"\n" if isinstance(text, bytes) else "\n"
                id_line = text.count(newline, 0, match.start(1)) + 1  # type: ignore[arg-type]
    kind, doc_id = values.get("kind"), values.get("id")
    if kind is None or doc_id is None:
        return None
    state = values.get("state", "current") if kind != "persona" else None
    return DocRef(
        display_path(path), kind, doc_id, state, values.get("persona"), (id_line, 1), None
    )


def _str(group: str | bytes) -> str:
    return group.decode("ascii") if isinstance(group, bytes) else group


def finish(results: list[FileResult], context: list[DocRef]) -> LintRun:
    """The run's report: every file's findings and the cross-file ones, less what is
    suppressed, plus the suppressions that silenced nothing."""
    by_path = {r.target.display: r for r in results}
    findings: list[Finding] = [f for r in results for f in r.findings]
    findings.extend(_cross_file_findings(results, context))
    kept = [f for f in findings if not by_path[f.path].suppressions.silences(f.rule, f.line)]
    kept.extend(_unused_suppressions(results))
    linted = sum(1 for r in results if r.linted)
    io_errors = [r.io_error for r in results if r.io_error is not None]
    return LintRun(LintReport(sorted(kept), linted), io_errors, results)


def _cross_file_findings(results: list[FileResult], context: list[DocRef]) -> Iterator[Finding]:
    by_path = {r.target.display: r for r in results}
    docs = [r.doc for r in results if r.doc is not None] + context
    for rule in REGISTRY.values():
        if rule.check_project is None:
            continue
        for problem in rule.check_project(docs):
            owner = by_path.get(problem.path)
            if owner is None:
                continue  # a file skimmed only for cross-file checks is not reported on
            severity = Stamper(owner.target).severity(rule)
            if severity is None:
                continue
            doc = owner.doc
            element = f"{doc.kind}:{doc.id}" if doc is not None else ""
            yield Finding(
                problem.path,
                problem.line,
                problem.column,
                rule.name,
                severity,
                problem.message,
                element,
            )


def _unused_suppressions(results: list[FileResult]) -> Iterator[Finding]:
    rule = REGISTRY[unused_suppression.NAME]
    for result in results:
        severity = Stamper(result.target).severity(rule)
        if severity is None:
            continue
        for line, column, message in unused_suppression.found(result.suppressions, REGISTRY):
            yield Finding(result.target.display, line, column, rule.name, severity, message)

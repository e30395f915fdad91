"""Lint a set of paths: find the files, check each one, run cross-file checks, apply suppressions.

Files are checked independently (in parallel processes when there are many); `stamp` turns
what the rules find into findings, and `project` adds the cross-file checks and applies the
suppressions.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from functools import partial
from pathlib import Path

from journeyctl.core.finding import Finding
from journeyctl.core.model import Flow
from journeyctl.core.validation import Invalid, validate_document
from journeyctl.lint.project import finish, project_refs
from journeyctl.lint.result import FileResult, LintRun
from journeyctl.lint.rules import REGISTRY, Context, parse_error, schema_error
from journeyctl.lint.stamp import Stamper, doc_ref
from journeyctl.workspace.discover import (
    NO_FILES_WARNING,
    Target,
    discover,
    journeyctl_document,
    lenient_text,
)
from journeyctl.workspace.lifetime import hold
from journeyctl.workspace.load import Loaded, LoadError
from journeyctl.workspace.parallel import gc_paused, map_in_processes, workers_for
from journeyctl.workspace.read import read_regular
from journeyctl.workspace.settings import SettingsFinder
from journeyctl.workspace.suppress import read_suppressions

__all__ = [
    "NO_FILES_WARNING",
    "FileResult",
    "LintRun",
    "Target",
    "check_content",
    "check_file",
    "check_loaded",
    "lint_paths",
    "project_refs",
    "settings_finder",
]


def settings_finder() -> SettingsFinder:
    """A settings finder that knows the names of lint's rules."""
    return SettingsFinder(REGISTRY)


def lint_paths(
    paths: Sequence[Path],
    today: date | None = None,
    jobs: int | None = None,
    ignore_foreign: bool = False,
    keep_documents: bool = False,
    use_cache: bool = False,
) -> LintRun:
    """Lint files and directories; raise UsageError when a path does not exist.

    A named file that is not a journeyctl file is reported, unless `ignore_foreign` (for
    pre-commit, which names every YAML file) treats it like a file found in a directory.
    With `keep_documents`, each result keeps its validated document (`render --lint` draws
    them, so that each file is loaded once). With `use_cache` (and no documents kept),
    unchanged files' results come from the content-hash cache (`lint.cached`).
    """
    targets = list(discover(paths, settings_finder(), ignore_foreign))
    day = today or date.today()
    check = partial(check_file, today=day, keep_document=keep_documents)
    with gc_paused():  # the loader makes millions of small acyclic objects; see perf-notes
        if use_cache and not keep_documents:
            from journeyctl.lint.cached import lint_with_cache

            results = lint_with_cache(targets, day, workers_for(jobs))
        else:
            results = map_in_processes(check, targets, workers_for(jobs), _total_size(targets))
    return finish(results, project_refs(targets))


def _total_size(targets: list[Target]) -> int:
    total = 0
    for target in targets:
        try:
            total += target.path.stat().st_size
        except OSError:
            continue
    return total


def check_file(target: Target, today: date, keep_document: bool = False) -> FileResult:
    """Read, load, validate and check one file; never raises for bad content."""
    if target.error is not None:
        return FileResult(target, linted=False, io_error=f"{target.display}: {target.error}")
    try:
        raw = read_regular(target.path)
    except OSError as error:
        reason = error.strerror or error
        return FileResult(target, linted=False, io_error=f"{target.display}: cannot read: {reason}")
    return check_content(target, raw, today, keep_document)


def check_content(
    target: Target, raw: bytes, today: date, keep_document: bool = False
) -> FileResult:
    """Check the bytes of one file (read from disk or from git); never raises for bad content.

    Findings here are before suppressions and cross-file checks (see `lint_paths`).
    """
    document = journeyctl_document(raw, target.path, target.explicit)
    if isinstance(document, LoadError):
        return check_loaded(target, document, today, keep_document, lenient_text(raw))
    return check_loaded(target, document, today, keep_document)


def check_loaded(
    target: Target,
    loaded: Loaded | LoadError | None,
    today: date,
    keep_document: bool = False,
    text: str = "",
) -> FileResult:
    """Check a file already loaded (see `journeyctl_document`): its document, its load error
    (with the file's `text`, for its suppressions), or None for a file that is not a
    journeyctl file."""
    result = FileResult(target)
    stamp = Stamper(target)
    if loaded is None:
        result.linted = False
        return result
    if isinstance(loaded, LoadError):
        result.findings.append(stamp.at(parse_error.NAME, *parse_error.found(loaded)))
        result.suppressions = read_suppressions(text)
        return result
    result.suppressions = read_suppressions(loaded.text)
    if "journeyctl" not in loaded.data:  # only a named file gets here without the key
        result.findings.append(stamp.at(schema_error.NAME, 1, 1, schema_error.NOT_JOURNEYCTL))
        return result
    try:
        doc = validate_document(loaded.data)
    except Invalid as invalid:
        for spot in schema_error.found(invalid, loaded.root):
            result.findings.append(stamp.at(schema_error.NAME, *spot))
        return result
    hold(doc, len(loaded.text))
    stamp.kind = doc.kind
    result.doc = doc_ref(target, loaded, doc.kind, doc.id, getattr(doc, "state", None))
    if keep_document:
        result.document, result.data = doc, loaded.data
    if isinstance(doc, Flow):
        context = Context(settings=target.project.settings, today=today)
        result.findings.extend(_rule_findings(stamp, loaded, doc, context))
    return result


def _rule_findings(
    stamp: Stamper, loaded: Loaded, doc: Flow, context: Context
) -> Iterator[Finding]:
    """What each rule that is on in the file's project finds in a journey or workflow."""
    for rule in REGISTRY.values():
        if rule.check is None or stamp.severity(rule) is None:
            continue
        for problem in rule.check(doc, context):
            yield stamp.problem(rule, problem, loaded, doc)

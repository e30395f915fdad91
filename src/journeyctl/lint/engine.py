"""Lint a set of paths: find the files, check each one, run cross-file checks, apply suppressions.

Files are checked independently (in parallel processes when there are many); the linter stamps
each rule's name and severity on what the rules find and turns document paths into positions.
"""

from __future__ import annotations

import gc
import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from multiprocessing import get_context
from pathlib import Path

from journeyctl.core.errors import UsageError
from journeyctl.core.finding import Finding, LintReport, Severity
from journeyctl.core.model import Flow, Journey, Persona, Workflow
from journeyctl.core.validation import Invalid, validate_document
from journeyctl.lint.rules import REGISTRY, Context, DocRef, Problem, Rule
from journeyctl.workspace.load import Loaded, LoadError, locate, parse_yaml
from journeyctl.workspace.settings import SETTINGS_NAMES, ProjectSettings, SettingsFinder
from journeyctl.workspace.suppress import Suppressions, read_suppressions

MARKER = re.compile(rb"""^["']?journeyctl["']?[ \t]*:""", re.MULTILINE)
NO_FILES_WARNING = "warning: no journeyctl files found (files need a top-level `journeyctl: 1` key)"
"""What lint and fmt say when the paths they were given hold no journeyctl file."""
_SKIP_DIRS = frozenset({"node_modules", "__pycache__", "venv"})
PARALLEL_MIN_BYTES = 4_000_000
"""Below this much YAML, starting worker processes costs more than it saves."""


@dataclass(frozen=True)
class Target:
    """One file to lint, how to show its path, and the settings that govern it."""

    path: Path
    display: str
    explicit: bool
    project: ProjectSettings


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


@dataclass
class LintRun:
    """A finished lint: the report, plus files that could not be read at all."""

    report: LintReport
    io_errors: list[str]


def lint_paths(
    paths: Sequence[Path],
    today: date | None = None,
    jobs: int | None = None,
    ignore_foreign: bool = False,
) -> LintRun:
    """Lint files and directories; raise UsageError when a path does not exist.

    A named file that is not a journeyctl file is reported, unless `ignore_foreign` (for
    pre-commit, which names every YAML file) treats it like a file found in a directory.
    """
    finder = SettingsFinder()
    targets = list(discover(paths, finder, ignore_foreign))
    context_day = today or date.today()
    gc_was_enabled = gc.isenabled()
    gc.disable()  # the loader makes millions of small acyclic objects; see perf-notes
    try:
        results = _check_all(targets, context_day, jobs)
    finally:
        if gc_was_enabled:
            gc.enable()
    return _finish(results, project_refs(targets))


def discover(
    paths: Sequence[Path], finder: SettingsFinder, ignore_foreign: bool = False
) -> Iterator[Target]:
    """Every file to lint under the given paths, each once, in a stable order."""
    seen: set[Path] = set()
    for given in paths:
        if not given.exists():
            raise UsageError(f"{given}: no such file or directory")
        if given.is_dir():
            candidates: Iterable[tuple[Path, bool]] = ((path, False) for path in _walk(given))
        else:
            candidates = [(given, not ignore_foreign)]
        for path, explicit in candidates:
            key = path.resolve()
            if key in seen:
                continue
            project = finder.for_path(path)  # also validates a settings file
            if path.name in SETTINGS_NAMES:
                continue
            if given.is_dir() and not included(key, project):
                continue
            seen.add(key)
            yield Target(path, display_path(path), explicit, project)


def _walk(directory: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS)
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")) and name not in SETTINGS_NAMES:
                yield Path(root, name)


def included(path: Path, project: ProjectSettings) -> bool:
    """Whether the project's `include` and `exclude` globs let journeyctl see this (resolved)
    file."""
    try:
        relative = path.relative_to(project.root).as_posix()
    except ValueError:
        relative = path.as_posix()
    settings = project.settings
    return any(glob_match(relative, g) for g in settings.include) and not any(
        glob_match(relative, g) for g in settings.exclude
    )


def glob_match(path: str, pattern: str) -> bool:
    """Match a POSIX relative path against a glob where `**` spans directories."""
    return _glob_regex(pattern).fullmatch(path) is not None


_GLOB_CACHE: dict[str, re.Pattern[str]] = {}


def _glob_regex(pattern: str) -> re.Pattern[str]:
    if pattern not in _GLOB_CACHE:
        parts = re.split(r"(\*\*/|\*\*|\*|\?)", pattern.strip("/"))
        tokens = {"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}
        _GLOB_CACHE[pattern] = re.compile("".join(tokens.get(p, re.escape(p)) for p in parts))
    return _GLOB_CACHE[pattern]


def display_path(path: Path) -> str:
    try:
        # abspath, not resolve(): a symlink is shown by its own name
        return Path(os.path.abspath(path)).relative_to(Path.cwd()).as_posix()  # noqa: PTH100
    except ValueError:
        return path.as_posix()


def _check_all(targets: list[Target], today: date, jobs: int | None) -> list[FileResult]:
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers > 1 and len(targets) > 1 and _total_size(targets) >= PARALLEL_MIN_BYTES:
        with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
            chunk = max(1, len(targets) // (workers * 8))
            return list(pool.map(check_file, targets, [today] * len(targets), chunksize=chunk))
    return [check_file(target, today) for target in targets]


def _total_size(targets: list[Target]) -> int:
    total = 0
    for target in targets:
        try:
            total += target.path.stat().st_size
        except OSError:
            continue
    return total


def check_file(target: Target, today: date) -> FileResult:
    """Load, validate and check one file; never raises for bad content."""
    result = FileResult(target)
    try:
        raw = read_regular(target.path)
    except OSError as error:
        result.io_error = f"{target.display}: cannot read: {error.strerror or error}"
        result.linted = False
        return result
    return check_content(target, raw, today)


def read_regular(path: Path) -> bytes:
    """The bytes of a regular file; a FIFO or device would block or never end, so refuse it."""
    if not stat.S_ISREG(path.stat().st_mode):
        raise OSError(0, "not a regular file")
    return path.read_bytes()


def check_content(
    target: Target, raw: bytes, today: date, keep_document: bool = False
) -> FileResult:
    """Check the bytes of one file (read from disk or from git); never raises for bad content.

    Findings here are before suppressions and cross-file checks (see `lint_paths`).
    """
    result = FileResult(target)
    if not target.explicit and MARKER.search(raw) is None:
        result.linted = False
        return result
    stamp = _Stamper(target)
    try:
        loaded = parse_yaml(raw, target.path)
    except LoadError as error:
        result.findings.append(stamp.at("parse-error", error.line, error.column, error.message))
        result.suppressions = read_suppressions(raw.decode("utf-8", "replace"))
        return result
    result.suppressions = read_suppressions(loaded.text)
    if "journeyctl" not in loaded.data:
        if not target.explicit:
            result.linted = False
        else:
            result.findings.append(
                stamp.at("schema-error", 1, 1, "not a journeyctl file: add `journeyctl: 1` first")
            )
        return result
    try:
        doc = validate_document(loaded.data)
    except Invalid as invalid:
        for mismatch in invalid.problems:
            line, column = locate(loaded.root, mismatch.where, mismatch.at_key)
            result.findings.append(stamp.at("schema-error", line, column, mismatch.message))
        return result
    stamp.kind = doc.kind
    result.doc = _doc_ref(target, loaded, doc.kind, doc.id, getattr(doc, "state", None))
    if keep_document:
        result.document = doc
    if isinstance(doc, Flow):
        context = Context(settings=target.project.settings, today=today)
        for rule in REGISTRY.values():
            if rule.check is None or stamp.severity(rule) is None:
                continue
            for problem in rule.check(doc, context):
                result.findings.append(stamp.problem(rule, problem, loaded, doc))
    return result


def _doc_ref(target: Target, loaded: Loaded, kind: str, doc_id: str, state: str | None) -> DocRef:
    persona = loaded.data.get("persona") if kind != "persona" else None
    return DocRef(
        path=target.display,
        kind=kind,
        id=doc_id,
        state=state,
        persona=persona if isinstance(persona, str) else None,
        id_position=locate(loaded.root, ("id",)),
        persona_position=locate(loaded.root, ("persona",)) if persona else None,
    )


class _Stamper:
    """Stamps rule name and the severity the project's settings give it on what rules find."""

    def __init__(self, target: Target) -> None:
        self.target = target
        self.kind = ""

    def severity(self, rule: Rule) -> Severity | None:
        configured = self.target.project.settings.rules.get(rule.name)
        if configured == "off":
            return None
        if configured is not None:
            return Severity.parse(configured)
        return rule.severity_for(self.kind)

    def at(self, rule_name: str, line: int, column: int, message: str) -> Finding:
        severity = self.severity(REGISTRY[rule_name]) or Severity.ERROR
        return Finding(self.target.display, line, column, rule_name, severity, message)

    def problem(self, rule: Rule, problem: Problem, loaded: Loaded, doc: Flow) -> Finding:
        line, column = locate(loaded.root, problem.where, problem.at_key)
        severity = self.severity(rule) or rule.severity
        return Finding(
            self.target.display,
            line,
            column,
            rule.name,
            severity,
            problem.message,
            element_of(doc, problem.where, problem.subject),
        )


def element_of(doc: Flow, where: Sequence[str | int], subject: str = "") -> str:
    """A name for the element a path points into that survives edits elsewhere in the file.

    For example `journey:x/stage:onboarding/step:sso-setup/pain:Slow SSO`: line numbers change
    with every edit, ids and texts do not, so diffs and baselines compare findings by this.
    A problem's `subject` (such as `lifecycle:decision`) is added at the end.
    """
    parts: list[str] = [f"{doc.kind}:{doc.id}"]
    node: object = doc
    index = 0
    while index < len(where):
        part = where[index]
        following = where[index + 1] if index + 1 < len(where) else None
        items = getattr(node, str(part), None)
        if isinstance(following, int) and isinstance(items, list) and following < len(items):
            node = items[following]
            parts.append(_item_name(str(part), node, following))
            index += 2
            continue
        if part != "id":
            parts.append(str(part))
        index += 1
    if subject:
        parts.append(subject)
    return "/".join(parts)


_ITEM_LABELS = {
    "stages": ("stage", "id"),
    "steps": ("step", "id"),
    "metrics": ("metric", "name"),
    "opportunities": ("opportunity", "text"),
    "evidence": ("evidence", "source"),
    "pain_points": ("pain", ""),
}


def _item_name(field_name: str, item: object, index: int) -> str:
    label, attribute = _ITEM_LABELS.get(field_name, (field_name, ""))
    value = getattr(item, attribute, None) if attribute else item
    return f"{label}:{value}" if isinstance(value, str) else f"{field_name}[{index}]"


def project_refs(targets: list[Target]) -> list[DocRef]:
    """Documents of the linted files' projects that were not linted, for cross-file checks.

    Linting one file (as pre-commit does) still resolves its persona and finds a duplicate
    elsewhere in the project. These files are only skimmed for their top-level keys; nothing
    is reported on them.
    """
    roots = sorted({t.project.root for t in targets if t.project.source is not None})
    linted = {t.path.resolve() for t in targets}
    refs: list[DocRef] = []
    for root in roots:
        for path in _walk(root):
            if path.resolve() in linted:
                continue
            try:
                raw = read_regular(path)
            except OSError:
                continue
            if MARKER.search(raw) is not None:
                ref = _skim(path, raw)
                if ref is not None:
                    refs.append(ref)
    return refs


_TOP_LEVEL = re.compile(rb"^(kind|id|state|persona)[ \t]*:[ \t]*['\"]?([A-Za-z0-9_-]+)", re.M)


def _skim(path: Path, raw: bytes) -> DocRef | None:
    """Kind, id, state and persona of a file from its top-level lines, without parsing it."""
    values: dict[str, str] = {}
    id_line = 1
    for match in _TOP_LEVEL.finditer(raw):
        key = match.group(1).decode()
        if key not in values:
            values[key] = match.group(2).decode()
            if key == "id":
                id_line = raw.count(b"\n", 0, match.start()) + 1
    kind, doc_id = values.get("kind"), values.get("id")
    if kind is None or doc_id is None:
        return None
    state = values.get("state", "current") if kind != "persona" else None
    return DocRef(
        display_path(path), kind, doc_id, state, values.get("persona"), (id_line, 1), None
    )


def _finish(results: list[FileResult], context: list[DocRef]) -> LintRun:
    by_path = {r.target.display: r for r in results}
    findings: list[Finding] = [f for r in results for f in r.findings]
    docs = [r.doc for r in results if r.doc is not None] + context
    for rule in REGISTRY.values():
        if rule.check_project is None:
            continue
        for problem in rule.check_project(docs):
            owner = by_path.get(problem.path)
            if owner is None:
                continue  # a file skimmed only for cross-file checks is not reported on
            severity = _Stamper(owner.target).severity(rule)
            if severity is not None:
                doc = owner.doc
                element = f"{doc.kind}:{doc.id}" if doc is not None else ""
                findings.append(
                    Finding(
                        problem.path,
                        problem.line,
                        problem.column,
                        rule.name,
                        severity,
                        problem.message,
                        element,
                    )
                )
    kept = [f for f in findings if not by_path[f.path].suppressions.silences(f.rule, f.line)]
    kept.extend(_unused_suppressions(results))
    linted = sum(1 for r in results if r.linted)
    io_errors = [r.io_error for r in results if r.io_error is not None]
    return LintRun(LintReport(sorted(kept), linted), io_errors)


def _unused_suppressions(results: list[FileResult]) -> Iterator[Finding]:
    rule = REGISTRY["unused-suppression"]
    for result in results:
        severity = _Stamper(result.target).severity(rule)
        if severity is None:
            continue
        for entry in result.suppressions.unused():
            if entry.rule != "all" and entry.rule not in REGISTRY:
                message = f"suppression names unknown rule '{entry.rule}'"
            else:
                message = f"suppression of '{entry.rule}' silences nothing; remove it"
            yield Finding(
                result.target.display, entry.line, entry.column, rule.name, severity, message
            )

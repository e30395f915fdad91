"""Lint's use of the content-hash cache (`workspace.cache`, namespace `lint`).

A file's result before cross-file checks and suppressions (its findings, its suppression
comments, the reference cross-file checks need, whether it is a journeyctl file) depends only
on its bytes, the settings that govern it, the date (stale reviews, overdue opportunities),
the path it is shown by, whether it was named, the libraries that parse and validate it
(PyYAML, pydantic: their messages are findings) and journeyctl's code (the store's salt).
The key covers each of them; `project.finish` still runs the cross-file checks and applies the
suppressions on every lint. A file that cannot be read is never cached.
"""

from __future__ import annotations

import os
from datetime import date
from functools import partial
from typing import Any

from journeyctl.core.finding import Finding, Severity
from journeyctl.lint.engine import check_content, check_file
from journeyctl.lint.result import FileResult
from journeyctl.lint.rules import DocRef
from journeyctl.workspace.cache import Store, digest, open_store
from journeyctl.workspace.discover import Target
from journeyctl.workspace.parallel import map_in_processes
from journeyctl.workspace.read import max_file_bytes, read_regular
from journeyctl.workspace.suppress import Suppression, Suppressions

NAMESPACE = "lint"
MAX_POSITION = 1 << 31
_SEVERITIES = {severity.label: severity for severity in Severity}


def lint_with_cache(targets: list[Target], today: date, workers: int) -> list[FileResult]:
    """`check_file` for every target, each unchanged file's result from the cache; the new
    results are stored (one write per run)."""
    store = open_store(NAMESPACE)
    keys = _Keys(today)
    results: list[FileResult | None] = []
    missed: list[tuple[int, os.stat_result | None]] = []
    jobs: list[_Job] = []
    for target in targets:
        found, result, read = _lookup(store, keys, target)
        if result is None:
            missed.append((len(results), found))
            jobs.append((target, read))
        results.append(result)
    check = partial(_check, today=today)
    size = sum(found.st_size for _, found in missed if found is not None)
    fresh = map_in_processes(check, jobs, workers, size)
    for (index, found), (result, content_hash) in zip(missed, fresh, strict=True):
        results[index] = result
        value = encode(result)
        if content_hash is None or value is None:
            continue
        if found is not None:
            store.remember(result.target.path, found, content_hash)
        store.put(keys.of(result.target, content_hash), value)
    store.save()
    return [r for r in results if r is not None]


class _Keys:
    """The cache key of a file's result: everything it depends on but the code."""

    def __init__(self, today: date) -> None:
        self.today = today.isoformat()
        self.libraries = _libraries()
        self.max_bytes = max_file_bytes()  # a file over the cap is an error, never a result
        self._settings: dict[int, str] = {}

    def of(self, target: Target, content_hash: str) -> str:
        settings = target.project.settings
        fingerprint = self._settings.get(id(settings))
        if fingerprint is None:
            fingerprint = digest(settings.model_dump_json().encode("utf-8"))
            self._settings[id(settings)] = fingerprint
        named = "named" if target.explicit else "found"
        parts = (content_hash, fingerprint, self.today, named, target.display, self.libraries)
        return digest("\0".join(parts).encode("utf-8", "surrogateescape"))


def _libraries() -> str:
    """The versions of Python and of the libraries whose behaviour and messages a result
    holds (pydantic pins its pydantic-core); imported by every lint already."""
    import sys

    import pydantic_core
    import yaml

    return f"{sys.version} {pydantic_core.__version__} {yaml.__version__} {yaml.__with_libyaml__}"


_Read = tuple[bytes, str]
"""A file's bytes and their content hash, read once."""
_Job = tuple[Target, "_Read | None"]
"""A file to check, with its bytes when the look-up read them already."""


def _lookup(
    store: Store, keys: _Keys, target: Target
) -> tuple[os.stat_result | None, FileResult | None, _Read | None]:
    """The file's stat (taken before it is read), its cached result if any, and its bytes
    when they had to be read to look it up (so that checking it reads nothing again)."""
    if target.error is not None:
        return None, None, None
    try:
        found = os.stat(target.path)  # noqa: PTH116
    except OSError:
        return None, None, None
    if found.st_size > keys.max_bytes:
        return found, None, None
    content_hash = store.known_hash(target.path, found)
    if content_hash is not None:
        return found, decode(store.get(keys.of(target, content_hash)), target), None
    if not store.entries:
        return found, None, None  # nothing to find: the workers read the file once
    try:
        raw = read_regular(target.path)
    except OSError:
        return found, None, None
    content_hash = digest(raw)
    store.remember(target.path, found, content_hash)
    return found, decode(store.get(keys.of(target, content_hash)), target), (raw, content_hash)


def _check(job: _Job, today: date) -> tuple[FileResult, str | None]:
    """`check_file`, and the content hash of the bytes checked (None when none were read)."""
    target, read = job
    if read is not None:
        raw, content_hash = read
        return check_content(target, raw, today), content_hash
    if target.error is None:
        try:
            raw = read_regular(target.path)
        except OSError:
            pass
        else:
            return check_content(target, raw, today), digest(raw)
    return check_file(target, today), None


def encode(result: FileResult) -> dict[str, Any] | None:
    """A result as JSON data; None for one that is not cached (a read error)."""
    display = result.target.display
    doc = result.doc
    if result.io_error is not None or any(f.path != display for f in result.findings):
        return None
    if doc is not None and doc.path != display:
        return None
    return {
        "findings": [
            [f.line, f.column, f.rule, f.severity.label, f.message, f.element]
            for f in result.findings
        ],
        "doc": None
        if doc is None
        else [
            doc.kind,
            doc.id,
            doc.state,
            doc.persona,
            list(doc.id_position),
            None if doc.persona_position is None else list(doc.persona_position),
        ],
        "suppressions": [
            [s.rule, s.line, s.column, s.whole_file] for s in result.suppressions.entries
        ],
        "linted": result.linted,
    }


def decode(value: Any, target: Target) -> FileResult | None:
    """A cached result for `target`, or None when `value` is not one (any other shape)."""
    if type(value) is not dict or type(value.get("linted")) is not bool:
        return None
    try:
        findings = [_finding(row, target.display) for row in value["findings"]]
        doc = None if value["doc"] is None else _doc(value["doc"], target.display)
        entries = [_suppression(row) for row in value["suppressions"]]
    except (KeyError, TypeError, ValueError):  # KeyError: no such severity, or key
        return None
    return FileResult(target, findings, doc, Suppressions(entries), value["linted"])


def _finding(row: Any, path: str) -> Finding:
    """A finding from its row (checked inline: a cached lint decodes thousands of them)."""
    if type(row) is not list or len(row) != 6:
        raise TypeError("not a finding")
    line, column, rule, severity, message, element = row
    if not (
        type(line) is int
        and type(column) is int
        and 0 <= line < MAX_POSITION
        and 0 <= column < MAX_POSITION
        and type(rule) is str
        and type(message) is str
        and type(element) is str
    ):
        raise TypeError("not a finding")
    return Finding(path, line, column, rule, _SEVERITIES[_text(severity)], message, element)


def _doc(row: Any, path: str) -> DocRef:
    kind, doc_id, state, persona, id_position, persona_position = row
    _check_types((kind, str), (doc_id, str))
    for optional in (state, persona):
        if optional is not None:
            _check_types((optional, str))
    return DocRef(
        path, kind, doc_id, state, persona, _position(id_position), _maybe(persona_position)
    )


def _suppression(row: Any) -> Suppression:
    rule, line, column, whole_file = row
    _check_types((rule, str), (line, int), (column, int), (whole_file, bool))
    return Suppression(rule, line, column, whole_file)


def _position(row: Any) -> tuple[int, int]:
    line, column = row
    _check_types((line, int), (column, int))
    return line, column


def _maybe(row: Any) -> tuple[int, int] | None:
    return None if row is None else _position(row)


def _text(value: Any) -> str:
    _check_types((value, str))
    return str(value)


def _check_types(*pairs: tuple[Any, type[Any]]) -> None:
    """TypeError unless each value is exactly of its type (a bool is no int here); an int
    must be a plausible line or column."""
    for value, kind in pairs:
        if type(value) is not kind:
            raise TypeError(f"not a {kind.__name__}")
        if isinstance(value, int) and not 0 <= value < MAX_POSITION:
            raise TypeError("not a line or column")

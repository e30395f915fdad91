"""What `journeyctl diff` compares, and each side loaded as `lint` would load it.

Three ways to name the documents: two sides (each a file or ``REV:path`` read from git);
``--base REV`` (every journeyctl file changed since REV, added, deleted and renamed ones
included, against the working tree); ``--journey ID`` (its `current` and `optimized`
documents). Each side is linted with `check_content` (suppressions and cross-file checks
applied) under the settings of the working tree; a side that does not load is a UsageError.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from journeyctl.core.errors import UsageError

if TYPE_CHECKING:
    from journeyctl.core.finding import Finding
    from journeyctl.diff import BaseInfo, DiffReport, Document, DocumentDiff
    from journeyctl.lint.engine import FileResult
    from journeyctl.workspace.discover import Target
    from journeyctl.workspace.git import Git
    from journeyctl.workspace.settings import SettingsFinder


def build_report(
    sides: list[str], base: str | None, journey: str | None, today: date | None = None
) -> DiffReport:
    """Resolve the command line into the diffs to show; UsageError for bad input.

    `today` is the day rules such as stale-review judge by (tests fix it).
    """
    from journeyctl.workspace.parallel import gc_paused

    if base is not None and journey is not None:
        raise UsageError("--base and --journey do not go together: choose one")
    with gc_paused():  # loading makes millions of small acyclic objects, as in lint_paths
        return _build_report(sides, base, journey, today or date.today())


def _build_report(
    sides: list[str], base: str | None, journey: str | None, today: date
) -> DiffReport:
    if base is not None:
        return _diff_changed_files(base, sides, today)
    if journey is not None:
        if len(sides) > 1:
            raise UsageError(f"--journey takes one directory, not {len(sides)} paths")
        return _diff_journey(journey, Path(sides[0] if sides else "."), today)
    if len(sides) != 2:
        raise UsageError(
            "give two files to compare (OLD NEW, each a path or REV:path), "
            "or --base REV, or --journey ID"
        )
    return _diff_pair(sides[0], sides[1], today)


# --------------------------------------------------------------------------------------------
# Loading one side
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Side:
    """One loaded side: its label, document, findings, and the target it was linted as."""

    label: str
    doc: Document
    findings: list[Finding]
    result: FileResult


class SideLoader:
    """Loads sides with shared settings look-ups and a shared git runner."""

    def __init__(self, today: date) -> None:
        from journeyctl.lint.engine import settings_finder

        self.today = today
        self.finder: SettingsFinder = settings_finder()
        self._git: Git | None = None

    @property
    def git(self) -> Git:
        from journeyctl.workspace.git import Git

        if self._git is None:
            self._git = Git()
        return self._git

    def target(self, label: str, where: Path) -> Target:
        """A lint target shown as `label`, governed by the settings found from `where`."""
        from journeyctl.workspace.discover import Target

        return Target(where, label, explicit=True, project=self.finder.for_path(where))

    def spec(self, spec: str) -> tuple[str, bytes, Path]:
        """Read `spec`, a file or REV:path: (label, bytes, working-tree path for settings)."""
        from journeyctl.workspace.git import split_rev_path

        path = Path(spec)
        if path.is_dir():
            raise UsageError(
                f"{spec}: is a directory; give two files, or use --base REV {spec} to diff "
                f"every changed file, or --journey ID {spec} to pair current and optimized"
            )
        if path.exists():
            return _display(path), _read_file(path), path
        rev_path = split_rev_path(spec) if ":" in spec else None
        if rev_path is None:
            raise UsageError(f"{spec}: no such file (a side is a path or REV:path)")
        raw = self.git.read(rev_path)
        if rev_path.path.startswith(("./", "../")):
            where = Path(rev_path.path)
        else:
            where = self.git.toplevel / rev_path.path
        return rev_path.label, raw, where

    def load(self, label: str, raw: bytes, where: Path) -> Side:
        """Lint and load one side; UsageError when it is not a valid journeyctl document."""
        return self.load_many([(label, raw, where)])[0]

    def load_many(self, items: Sequence[tuple[str, bytes, Path]]) -> list[Side]:
        """Lint and load sides, each (label, bytes, working-tree path for settings), in order.

        Large inputs are loaded one process per side and core, as `lint` does: parsing
        dominates the time of a diff. When every side has a core, this process loads the first
        side itself, so that only the others pay for being sent back.
        """
        from journeyctl.workspace.parallel import map_in_processes, workers_for

        targets = [self.target(label, where) for label, _, where in items]
        jobs = [
            (target, raw, self.today) for target, (_, raw, _) in zip(targets, items, strict=True)
        ]
        size = sum(len(raw) for _, raw, _ in items)
        return map_in_processes(load_side, jobs, workers_for(None), size, here_too=True)


def load_side(job: tuple[Target, bytes, date]) -> Side:
    """Lint one side with `check_content`, as `lint` would, and build its document."""
    from journeyctl.lint.engine import check_content

    target, raw, today = job
    label = target.display
    result = check_content(target, raw, today, keep_document=True)
    broken = [f for f in result.findings if f.rule in ("parse-error", "schema-error")]
    doc = result.document
    if broken or doc is None:
        first = broken[0] if broken else None
        where_text = f"{label}:{first.line}:{first.column}" if first else label
        message = first.message if first else "not a journeyctl document"
        more = f" (and {len(broken) - 1} more; see `journeyctl lint`)" if len(broken) > 1 else ""
        raise UsageError(f"{where_text}: cannot diff: {message}{more}")
    kept = [f for f in result.findings if not result.suppressions.silences(f.rule, f.line)]
    return Side(label, doc, kept, result)


def _read_file(path: Path) -> bytes:
    from journeyctl.workspace.read import read_regular

    try:
        return read_regular(path)
    except OSError as error:
        raise UsageError(f"{path}: cannot read: {error.strerror or error}") from None


def _display(path: Path) -> str:
    """A path as the user would type it (as everywhere: `workspace.discover.display_path`)."""
    from journeyctl.workspace.discover import display_path

    return display_path(path)


def _finish(
    loader: SideLoader, pairs: list[tuple[Side | None, Side | None]], base: BaseInfo | None = None
) -> DiffReport:
    """Add cross-file findings to every side, then diff each pair."""
    from journeyctl.diff import DiffReport, diff_sides

    loaded = [side for pair in pairs for side in pair if side is not None]
    extra = _cross_file_findings(loader, loaded)
    diffs: list[DocumentDiff] = []
    for old, new in pairs:
        diffs.append(
            diff_sides(
                (old.label, old.doc) if old else None,
                (new.label, new.doc) if new else None,
                (old.findings + extra.get(id(old), [])) if old else (),
                (new.findings + extra.get(id(new), [])) if new else (),
            )
        )
    documents = tuple((old.doc if old else None, new.doc if new else None) for old, new in pairs)
    return DiffReport(tuple(diffs), base, documents)


def _cross_file_findings(loader: SideLoader, sides: list[Side]) -> dict[int, list[Finding]]:
    """Findings of the cross-file rules (persona references, duplicate documents) for each
    side, checked against the other documents of its project in the working tree."""
    from journeyctl.core.finding import Finding, Severity
    from journeyctl.lint.engine import project_refs
    from journeyctl.lint.rules import REGISTRY

    targets = [side.result.target for side in sides]
    context = project_refs(targets)
    found: dict[int, list[Finding]] = {}
    for side in sides:
        ref = side.result.doc
        if ref is None:
            continue
        settings = side.result.target.project.settings
        for rule in REGISTRY.values():
            configured = settings.rules.get(rule.name)
            if rule.check_project is None or configured == "off":
                continue
            severity = Severity.parse(configured) if configured else rule.severity_for(ref.kind)
            for problem in rule.check_project([ref, *context]):
                if problem.path != ref.path:
                    continue
                finding = Finding(
                    ref.path,
                    problem.line,
                    problem.column,
                    rule.name,
                    severity,
                    problem.message,
                    f"{ref.kind}:{ref.id}",
                )
                if not side.result.suppressions.silences(rule.name, problem.line):
                    found.setdefault(id(side), []).append(finding)
    return found


# --------------------------------------------------------------------------------------------
# The three modes
# --------------------------------------------------------------------------------------------


def _diff_pair(old_spec: str, new_spec: str, today: date) -> DiffReport:
    loader = SideLoader(today)
    old, new = loader.load_many([loader.spec(old_spec), loader.spec(new_spec)])
    if old.doc.kind != new.doc.kind and "persona" in (old.doc.kind, new.doc.kind):
        raise UsageError(
            f"cannot diff a {old.doc.kind} ({old.label}) with a {new.doc.kind} ({new.label})"
        )
    return _finish(loader, [(old, new)])


def _diff_changed_files(rev: str, pathspecs: list[str], today: date) -> DiffReport:
    from journeyctl.diff import BaseInfo
    from journeyctl.workspace.discover import included, lenient_text, looks_like_journeyctl

    loader = SideLoader(today)
    git = loader.git
    commit = git.commit(rev)
    base = git.merge_base(commit)
    top = git.toplevel
    changed = [
        c
        for c in git.changed_files(base, pathspecs)
        if any(_is_yaml(p) for p in (c.old, c.new) if p is not None)
    ]
    old_bytes = git.read_many(base, [c.old for c in changed if c.old is not None])
    items: list[tuple[str, bytes, Path]] = []
    slots: list[tuple[int | None, int | None]] = []  # indexes into items: old, new
    for change in changed:
        old_raw = old_bytes.get(change.old) if change.old is not None else None
        new_path = top / change.new if change.new is not None else None
        new_raw = _read_file(new_path) if new_path is not None and new_path.is_file() else None
        old_raw = old_raw if old_raw and looks_like_journeyctl(lenient_text(old_raw)) else None
        new_raw = new_raw if new_raw and looks_like_journeyctl(lenient_text(new_raw)) else None
        if old_raw is None and new_raw is None:
            continue  # not a journeyctl file on either side
        where = new_path if new_path is not None else top / str(change.old)
        if not included(where.resolve(), loader.finder.for_path(where)):
            continue
        old_slot = new_slot = None
        if old_raw is not None:
            old_slot = len(items)
            items.append((f"{rev}:{change.old}", old_raw, top / str(change.old)))
        if new_raw is not None:
            new_slot = len(items)
            items.append((_display(where), new_raw, where))
        slots.append((old_slot, new_slot))
    sides = loader.load_many(items)
    pairs: list[tuple[Side | None, Side | None]] = []
    for old_slot, new_slot in slots:
        old = sides[old_slot] if old_slot is not None else None
        new = sides[new_slot] if new_slot is not None else None
        if old is not None and new is not None and not _same_document(old.doc, new.doc):
            # git pairs similar files as a rename; another document is a delete and an add
            pairs.extend([(old, None), (None, new)])
            continue
        pairs.append((old, new))
    return _finish(loader, pairs, BaseInfo(rev, base, commit))


def _same_document(old: Document, new: Document) -> bool:
    """Whether two versions are one document: the same id, and a journey or workflow on both
    sides or a persona on both."""
    return old.id == new.id and (old.kind == "persona") == (new.kind == "persona")


def _is_yaml(path: str) -> bool:
    from journeyctl.workspace.settings import SETTINGS_NAMES

    name = path.rsplit("/", 1)[-1]
    return name.endswith((".yaml", ".yml")) and name not in SETTINGS_NAMES


def _diff_journey(journey_id: str, directory: Path, today: date) -> DiffReport:
    import difflib

    from journeyctl.workspace.discover import discover, lenient_text, looks_like_journeyctl

    if not directory.is_dir():
        raise UsageError(f"{directory}: not a directory (--journey ID [DIR])")
    loader = SideLoader(today)
    wanted = re.compile(r"^id[ \t]*:[ \t]*['\"]?" + re.escape(journey_id) + r"\b", re.M)
    found: dict[str, list[Side]] = {"current": [], "optimized": []}
    known: set[str] = set()
    files: list[tuple[str, bytes, Path]] = []
    for target in discover([directory], loader.finder):
        if target.error is not None:
            raise UsageError(f"{target.display}: {target.error}")
        raw = _read_file(target.path)
        text = lenient_text(raw)
        if not looks_like_journeyctl(text):
            continue
        known.update(re.findall(r"^id[ \t]*:[ \t]*['\"]?([a-z0-9-]+)", text, re.M))
        if wanted.search(text) is not None:
            files.append((target.display, raw, target.path))
    for side in loader.load_many(files):
        state = getattr(side.doc, "state", None)
        if side.doc.id == journey_id and state in found:
            found[state].append(side)
    for state, candidates in found.items():
        kinds = {side.doc.kind for side in candidates}
        if "journey" in kinds and len(kinds) > 1:  # a workflow may share a journey's id
            found[state] = [side for side in candidates if side.doc.kind == "journey"]
    for state, candidates in found.items():
        if not candidates:
            close = difflib.get_close_matches(journey_id, sorted(known), n=1)
            hint = f"; did you mean '{close[0]}'?" if close and close[0] != journey_id else ""
            other = "optimized" if state == "current" else "current"
            have = f" (found only the {other} one)" if found[other] else ""
            raise UsageError(f"no {state} version of '{journey_id}' under {directory}{have}{hint}")
        if len(candidates) > 1:
            labels = ", ".join(side.label for side in candidates)
            raise UsageError(
                f"{len(candidates)} {state} documents with id '{journey_id}': {labels} "
                "(rule duplicate-id); keep one"
            )
    return _finish(loader, [(found["current"][0], found["optimized"][0])])

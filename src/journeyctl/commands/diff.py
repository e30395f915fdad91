"""`journeyctl diff`: a semantic diff of journeys for review (design §5).

Three ways to name what to compare:

- ``journeyctl diff OLD NEW``: each side a file or ``REV:path`` read from git;
- ``journeyctl diff --base REV [PATHS...]``: every journeyctl file that changed since REV
  (added, deleted and renamed files included), against the working tree;
- ``journeyctl diff --journey ID [DIR]``: the `current` and `optimized` documents with that id.

Both sides are loaded with the loader and models that `lint` uses and linted with
`check_content` (suppressions and cross-file checks applied), under the settings of the
working tree, so the findings a change introduces or fixes are the document's doing. A side
that does not load (bad YAML, not the format) is an input error: exit code 2.

Only Typer and the standard library are imported at the top; the rest inside the command.
"""

from __future__ import annotations

import enum
import gc
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from journeyctl.errors import UsageError

if TYPE_CHECKING:
    from journeyctl.diff import Document, DocumentDiff
    from journeyctl.diff_report import BaseInfo, DiffReport
    from journeyctl.finding import Finding
    from journeyctl.gitio import Git
    from journeyctl.linter import FileResult, Target
    from journeyctl.settings import SettingsFinder


class DiffFormat(enum.StrEnum):
    """Formats of `journeyctl diff`: reports, and pictures (the flow view, coloured)."""

    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"
    SVG = "svg"
    PNG = "png"
    PDF = "pdf"
    DOT = "dot"

    @property
    def is_picture(self) -> bool:
        """Whether this format draws the flow view rather than writing a report."""
        return self in (DiffFormat.SVG, DiffFormat.PNG, DiffFormat.PDF, DiffFormat.DOT)


_SUFFIX_FORMATS = {
    ".md": DiffFormat.MARKDOWN,
    ".markdown": DiffFormat.MARKDOWN,
    ".json": DiffFormat.JSON,
    ".svg": DiffFormat.SVG,
    ".png": DiffFormat.PNG,
    ".pdf": DiffFormat.PDF,
    ".dot": DiffFormat.DOT,
    ".gv": DiffFormat.DOT,
}


class FailOnNew(enum.StrEnum):
    """Which findings introduced by the change make `journeyctl diff` exit 1."""

    NEW_ERRORS = "new-errors"
    NEW_WARNINGS = "new-warnings"


def diff(
    sides: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="OLD NEW | PATHS...",
            help="Two files to compare, each a path or REV:path (e.g. "
            "origin/main:journeys/onboarding.yaml). With --base: paths to limit the search "
            "(default: everything). With --journey: the directory to search (default: .).",
            show_default=False,
        ),
    ] = None,
    base: Annotated[
        str | None,
        typer.Option(
            "--base",
            metavar="REV",
            help="Diff every journeyctl file that changed since this git revision (from where "
            "HEAD branched off it, as a pull request does) against the working tree.",
        ),
    ] = None,
    journey: Annotated[
        str | None,
        typer.Option(
            "--journey",
            metavar="ID",
            help="Diff the current and the optimized document with this id.",
        ),
    ] = None,
    output_format: Annotated[
        DiffFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text (colour on a terminal), markdown (a pull-request comment), json; or "
            "a picture of the flow with added steps green, changed amber, removed red and "
            "dashed: svg, png, pdf (these need Graphviz) or dot. Default: from the suffix of "
            "--output-file, else text.",
            show_default=False,
        ),
    ] = None,
    output_file: Annotated[
        Path | None,
        typer.Option("--output-file", "-o", help="Write the diff to this file, not stdout."),
    ] = None,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit 1 when there is any difference, as git diff does."),
    ] = False,
    fail_on: Annotated[
        FailOnNew | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when the change introduces findings at this level: new-errors, or "
            "new-warnings (warnings and errors).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Show what changed between two versions of a journey, and whether the map got worse.

    Stages and steps are matched by id: moves, renames and field changes per stage; pain
    points, opportunities, owners, emotion and targets before and after; and the lint
    findings the change introduces and fixes.
    """
    from journeyctl.diff_report import render_report
    from journeyctl.fileio import emit, stdout_has_color
    from journeyctl.finding import Severity

    gc_was_enabled = gc.isenabled()
    gc.disable()  # loading makes millions of small acyclic objects, as in lint_paths
    try:
        report = build_report(sides or [], base, journey)
    finally:
        if gc_was_enabled:
            gc.enable()
    chosen = output_format or _SUFFIX_FORMATS.get(
        output_file.suffix.lower() if output_file else "", DiffFormat.TEXT
    )
    if chosen.is_picture:
        _draw(report, chosen, output_file)
    else:
        color = output_file is None and chosen is DiffFormat.TEXT and stdout_has_color()
        text = render_report(report, chosen.value, color=color)
        if not report.diffs and base is not None:
            typer.echo(f"journeyctl: no journeyctl file changed since {base}", err=True)
        emit(text, output_file)
    if fail_on is not None:
        threshold = Severity.ERROR if fail_on is FailOnNew.NEW_ERRORS else Severity.WARNING
        introduced = [f for d in report.diffs for f in d.findings.introduced]
        if any(finding.severity >= threshold for finding in introduced):
            raise typer.Exit(1)
    if exit_code and any(d.status != "unchanged" for d in report.diffs):
        raise typer.Exit(1)


def build_report(
    sides: list[str], base: str | None, journey: str | None, today: date | None = None
) -> DiffReport:
    """Resolve the command line into the diffs to show; UsageError for bad input.

    `today` is the day rules such as stale-review judge by (tests fix it).
    """
    if base is not None and journey is not None:
        raise UsageError("--base and --journey do not go together: choose one")
    today = today or date.today()
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


class _Loader:
    """Loads sides with shared settings look-ups and a shared git runner."""

    def __init__(self, today: date) -> None:
        from journeyctl.settings import SettingsFinder

        self.today = today
        self.finder: SettingsFinder = SettingsFinder()
        self._git: Git | None = None

    @property
    def git(self) -> Git:
        from journeyctl.gitio import Git

        if self._git is None:
            self._git = Git()
        return self._git

    def target(self, label: str, where: Path) -> Target:
        """A lint target shown as `label`, governed by the settings found from `where`."""
        from journeyctl.linter import Target

        return Target(where, label, explicit=True, project=self.finder.for_path(where))

    def spec(self, spec: str) -> tuple[str, bytes, Path]:
        """Read `spec`, a file or REV:path: (label, bytes, working-tree path for settings)."""
        from journeyctl.gitio import split_rev_path

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
        from journeyctl.linter import PARALLEL_MIN_BYTES

        targets = [self.target(label, where) for label, _, where in items]
        jobs = [
            (target, raw, self.today) for target, (_, raw, _) in zip(targets, items, strict=True)
        ]
        workers = min(len(jobs), os.cpu_count() or 1)
        size = sum(len(raw) for _, raw, _ in items)
        if workers < 2 or size < PARALLEL_MIN_BYTES or "fork" not in _start_methods():
            return [_load_side(job) for job in jobs]
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context

        context = get_context("fork")
        if len(jobs) > workers:  # more sides than cores: every core works in the pool
            with ProcessPoolExecutor(workers, mp_context=context) as pool:
                return list(pool.map(_load_side, jobs))
        with ProcessPoolExecutor(workers - 1, mp_context=context) as pool:
            others = pool.map(_load_side, jobs[1:])
            first = _load_side(jobs[0])
            return [first, *others]


def _start_methods() -> list[str]:
    import multiprocessing

    return multiprocessing.get_all_start_methods()


def _load_side(job: tuple[Target, bytes, date]) -> Side:
    """Lint one side with `check_content`, as `lint` would, and build its document."""
    from journeyctl.linter import check_content

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
    from journeyctl.linter import read_regular

    try:
        return read_regular(path)
    except OSError as error:
        raise UsageError(f"{path}: cannot read: {error.strerror or error}") from None


def _display(path: Path) -> str:
    """A path as the user would type it from here: relative to the current directory."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive (Windows)
        return path.as_posix()


def _finish(
    loader: _Loader, pairs: list[tuple[Side | None, Side | None]], base: BaseInfo | None = None
) -> DiffReport:
    """Add cross-file findings to every side, then diff each pair."""
    from journeyctl.diff import diff_sides
    from journeyctl.diff_report import DiffReport

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


def _cross_file_findings(loader: _Loader, sides: list[Side]) -> dict[int, list[Finding]]:
    """Findings of the cross-file rules (persona references, duplicate documents) for each
    side, checked against the other documents of its project in the working tree."""
    from journeyctl.finding import Finding, Severity
    from journeyctl.linter import project_refs
    from journeyctl.rules import REGISTRY

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
    loader = _Loader(today)
    old, new = loader.load_many([loader.spec(old_spec), loader.spec(new_spec)])
    if old.doc.kind != new.doc.kind and "persona" in (old.doc.kind, new.doc.kind):
        raise UsageError(
            f"cannot diff a {old.doc.kind} ({old.label}) with a {new.doc.kind} ({new.label})"
        )
    return _finish(loader, [(old, new)])


def _diff_changed_files(rev: str, pathspecs: list[str], today: date) -> DiffReport:
    from journeyctl.diff_report import BaseInfo
    from journeyctl.linter import MARKER

    loader = _Loader(today)
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
        old_raw = old_raw if old_raw is not None and MARKER.search(old_raw) else None
        new_raw = new_raw if new_raw is not None and MARKER.search(new_raw) else None
        if old_raw is None and new_raw is None:
            continue  # not a journeyctl file on either side
        where = new_path if new_path is not None else top / str(change.old)
        if not _included(loader, where):
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


def _included(loader: _Loader, where: Path) -> bool:
    """Whether the project's `include` and `exclude` globs let journeyctl see this file."""
    from journeyctl.linter import glob_match

    project = loader.finder.for_path(where)
    try:
        relative = where.resolve().relative_to(project.root).as_posix()
    except ValueError:
        relative = where.as_posix()
    settings = project.settings
    return any(glob_match(relative, g) for g in settings.include) and not any(
        glob_match(relative, g) for g in settings.exclude
    )


def _same_document(old: Document, new: Document) -> bool:
    """Whether two versions are one document: the same id, and a journey or workflow on both
    sides or a persona on both."""
    return old.id == new.id and (old.kind == "persona") == (new.kind == "persona")


def _is_yaml(path: str) -> bool:
    from journeyctl.settings import SETTINGS_NAMES

    name = path.rsplit("/", 1)[-1]
    return name.endswith((".yaml", ".yml")) and name not in SETTINGS_NAMES


def _diff_journey(journey_id: str, directory: Path, today: date) -> DiffReport:
    import difflib

    from journeyctl.linter import MARKER, discover

    if not directory.is_dir():
        raise UsageError(f"{directory}: not a directory (--journey ID [DIR])")
    loader = _Loader(today)
    wanted = re.compile(rb"^id[ \t]*:[ \t]*['\"]?" + re.escape(journey_id.encode()) + rb"\b", re.M)
    found: dict[str, list[Side]] = {"current": [], "optimized": []}
    known: set[str] = set()
    files: list[tuple[str, bytes, Path]] = []
    for target in discover([directory], loader.finder):
        raw = _read_file(target.path)
        if MARKER.search(raw) is None:
            continue
        known.update(
            m.decode() for m in re.findall(rb"^id[ \t]*:[ \t]*['\"]?([a-z0-9-]+)", raw, re.M)
        )
        if wanted.search(raw) is not None:
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


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------


def draw_diff(
    old: str, new: str, output_file: Path | None, output_format: str | None = None
) -> None:
    """Draw the changes from `old` to `new` (each a file or REV:path) as the flow view.

    The entry point for ``journeyctl render --diff OLD NEW -o OUT``: the format is
    `output_format` (svg, png, pdf or dot), else the suffix of `output_file`, else dot.
    UsageError for bad input, as everywhere.
    """
    chosen = DiffFormat(output_format) if output_format else None
    if chosen is None and output_file is not None:
        chosen = _SUFFIX_FORMATS.get(output_file.suffix.lower())
    chosen = chosen or DiffFormat.DOT
    if not chosen.is_picture:
        raise UsageError(f"cannot draw a diff as {chosen.value}: use svg, png, pdf or dot")
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        report = build_report([old, new], None, None)
    finally:
        if gc_was_enabled:
            gc.enable()
    _draw(report, chosen, output_file)


def _draw(report: DiffReport, output_format: DiffFormat, output_file: Path | None) -> None:
    """Draw the flow view of one journey's diff and write it."""
    from journeyctl.diff_report.flow import diff_source
    from journeyctl.fileio import emit
    from journeyctl.model import Flow

    if len(report.diffs) != 1:
        raise UsageError(
            f"a picture shows one journey, and {len(report.diffs)} changed: "
            "give OLD NEW (or --journey ID), or use --format markdown"
        )
    diff, (old, new) = report.diffs[0], report.documents[0]
    if not isinstance(old, Flow | None) or not isinstance(new, Flow | None):
        raise UsageError("a persona has no flow to draw; use --format text or markdown")
    binary = output_format in (DiffFormat.PNG, DiffFormat.PDF)
    if binary and output_file is None and sys.stdout.isatty():
        raise UsageError(f"{output_format.value} is binary: write it with -o FILE")
    source = diff_source(old, new, diff.changes, _picture_title(diff))
    if output_format is DiffFormat.DOT:
        emit(source, output_file)
        return
    from journeyctl.render import Format
    from journeyctl.render.output import find_dot, run_dot, write_output

    drawn = run_dot(source, Format(output_format.value), find_dot())
    if output_file is None:
        sys.stdout.buffer.write(drawn.data)
        sys.stdout.flush()
    else:
        write_output(output_file, drawn.data)


def _picture_title(diff: DocumentDiff) -> str:
    """``changes from current to optimized``, or between the two files (or git revisions)."""
    if diff.old is None or diff.new is None:
        return f"new file {diff.new.label}" if diff.new else f"deleted {diff.subject.label}"
    if diff.old.state != diff.new.state:
        return f"changes from {diff.old.state} to {diff.new.state}"
    return f"changes from {diff.old.label} to {diff.new.label}"

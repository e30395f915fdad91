"""What `journeyctl diff` compares, and the report of the whole run.

Three ways to name the documents: two sides (each a file or ``REV:path`` read from git);
``--base REV`` (every journeyctl file changed since REV, added, deleted and renamed ones
included, against the working tree: `changed_files`); ``--journey ID`` (its `current` and
`optimized` documents: `journey_pair`). Each side is linted as `lint` would (`side_loader`)
under the settings of the working tree; a side that does not load is a UsageError. Here the
cross-file findings are added to every side and each pair is diffed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from journeyctl.core.errors import UsageError
from journeyctl.diff.side_loader import Side, SideLoader, SidePair

if TYPE_CHECKING:
    from journeyctl.core.finding import Finding
    from journeyctl.diff import BaseInfo, DiffReport, DocumentDiff


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
    from journeyctl.diff.changed_files import changed_sides
    from journeyctl.diff.journey_pair import journey_sides

    loader = SideLoader(today)
    if base is not None:
        return finish(*changed_sides(loader, base, sides))
    if journey is not None:
        if len(sides) > 1:
            raise UsageError(f"--journey takes one directory, not {len(sides)} paths")
        directory = Path(sides[0] if sides else ".")
        return finish([journey_sides(loader, journey, directory)])
    if len(sides) != 2:
        raise UsageError(
            "give two files to compare (OLD NEW, each a path or REV:path), "
            "or --base REV, or --journey ID"
        )
    return finish([_pair(loader, sides[0], sides[1])])


def _pair(loader: SideLoader, old_spec: str, new_spec: str) -> SidePair:
    """The two sides of ``diff OLD NEW``: any two journeys or workflows, or two personas."""
    old, new = loader.load_many([loader.spec(old_spec), loader.spec(new_spec)])
    if old.doc.kind != new.doc.kind and "persona" in (old.doc.kind, new.doc.kind):
        raise UsageError(
            f"cannot diff a {old.doc.kind} ({old.label}) with a {new.doc.kind} ({new.label})"
        )
    return old, new


def finish(pairs: list[SidePair], base: BaseInfo | None = None) -> DiffReport:
    """Add cross-file findings to every side, then diff each pair."""
    from journeyctl.diff import DiffReport, diff_sides

    loaded = [side for pair in pairs for side in pair if side is not None]
    extra = cross_file_findings(loaded)
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


def cross_file_findings(sides: list[Side]) -> dict[int, list[Finding]]:
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

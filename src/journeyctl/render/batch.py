"""Drawing what a `Plan` says: one view of one file, or every document under a path into a
folder, one file per document and view named `<id>.<state>.<view>.<ext>`.

Graphviz runs in a few threads for a folder (it is a separate process, so threads are
enough). Files are written through the one writer, which never overwrites an input. Nothing
here prints: skipped files and failed writes come back in a `FolderResult`, and progress is
reported through `Hooks`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from journeyctl.core.errors import UsageError
from journeyctl.render import Format, View, source
from journeyctl.render.inputs import NotDrawable, Unreadable, marks_for, read_flow
from journeyctl.render.output import run_dot, write_output
from journeyctl.render.persona import PersonaFinder
from journeyctl.render.plan import Plan
from journeyctl.workspace.write import check_target

if TYPE_CHECKING:
    from journeyctl.core.model import Flow
    from journeyctl.render.marks import Linted, Marks
    from journeyctl.render.pages import Page
    from journeyctl.render.persona import PersonaRef

Target = tuple[Path, str, bool]
"""A file to consider: its path, how to name it, and whether it was named explicitly."""


def _nothing(*_: object) -> None:
    return None


@dataclass(frozen=True)
class Hooks:
    """What a folder render tells its caller as it goes (e.g. to move a progress bar)."""

    starting: Callable[[str], None] = _nothing
    """Called with each file's display name before it is read."""
    done: Callable[[], None] = _nothing
    """Called once per file when it is finished or skipped (from any thread)."""


@dataclass
class FolderResult:
    """What a folder render did: files written, documents drawn, warnings, files that could
    not be read (the run exits 2) and failures."""

    written: list[Path] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    """`<id>.<state>` of each document drawn -> the file it came from."""
    warnings: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def draw(text: str, output_format: Format, executable: str | None) -> str | bytes:
    """DOT or Mermaid text as the output format: through Graphviz when `executable` is set."""
    if executable is None:
        return text
    return run_dot(text, output_format, executable).data


def render_one(plan: Plan, executable: str | None, lint: bool) -> str | bytes:
    """The one view (or the deck) of the one file the plan names, drawn; written when the plan
    says a file."""
    doc, marks = _read_one(plan, lint)
    view = None if plan.deck else plan.views[0]
    persona = PersonaFinder().for_doc(doc, plan.path) if view in (None, View.MAP) else None
    if view is None:
        data: str | bytes = _deck(doc, marks, persona, plan.page)(executable)
    else:
        text = source(doc, view, plan.output_format, marks, persona)
        data = draw(text, plan.output_format, executable)
    if plan.file is not None:
        write_output(plan.file, data, [plan.path])
    return data


def render_pages(plan: Plan, executable: str | None, lint: bool) -> tuple[list[Path], bytes]:
    """The sheets of the one view at the plan's page size: the files written (none for
    stdout), and the PDF when it goes to stdout."""
    from journeyctl.render.paged import page_sources, sheet_files, write_sheets

    assert plan.page is not None
    doc, marks = _read_one(plan, lint)
    texts = page_sources(doc, plan.views[0], marks, plan.page, executable)
    if plan.file is None:
        data = sheet_files(Path("-"), texts, plan.output_format, executable)[Path("-")]
        return [], data if isinstance(data, bytes) else data.encode("utf-8")
    files = sheet_files(plan.file, texts, plan.output_format, executable)
    return write_sheets(files, [plan.path]), b""


def _read_one(plan: Plan, lint: bool) -> tuple[Flow, Marks]:
    """The document the plan names, and its lint marks; the output file checked first."""
    linted = marks_for(plan.path, lint)
    try:
        doc = read_flow(plan.path, str(plan.path), True, linted.document(plan.path))
    except NotDrawable as error:
        raise UsageError(str(error)) from None
    assert doc is not None  # an explicit file is drawable or raises
    if plan.file is not None:
        if os.path.realpath(plan.file) == os.path.realpath(plan.path):  # a loop: no error
            raise UsageError(f"{plan.file} is an input file: refusing to overwrite it")
        check_target(plan.file, [plan.path])
    return doc, linted.marks_of(plan.path)


def _deck(
    doc: Flow, marks: Marks, persona: PersonaRef | None, page: Page | None
) -> Callable[[str | None], bytes]:
    """What draws a document's deck with Graphviz (which a deck always needs)."""

    def drawn(executable: str | None) -> bytes:
        from journeyctl.render.deck import deck_pdf

        assert executable is not None  # a deck is a PDF
        return deck_pdf(doc, marks, persona, page, executable)

    return drawn


def targets(path: Path, unread: list[str] | None = None) -> list[Target]:
    """Every file to consider under `path` (or `path` itself, named explicitly); a file or a
    subdirectory found but not readable (a link loop, a folder that cannot be listed) is
    added to `unread` as a message naming it."""
    return list(_targets(path, [] if unread is None else unread))


def _targets(path: Path, unread: list[str]) -> Iterator[Target]:
    if not path.is_dir():
        yield path, str(path), True
        return
    from journeyctl.lint.engine import settings_finder
    from journeyctl.workspace.discover import discover

    for target in discover([path], settings_finder()):
        if target.error is not None:
            unread.append(f"{target.display}: {target.error}")
        else:
            yield target.path, target.display, False


def render_folder(
    plan: Plan,
    files: list[Target],
    executable: str | None,
    lint: bool,
    hooks: Hooks = Hooks(),
) -> FolderResult:
    """Draw every view of every document in `files` into the plan's folder."""
    assert plan.folder is not None
    result = FolderResult()
    inputs = [file for file, _, _ in files]
    linted = marks_for(plan.path, lint)
    workers = min(os.cpu_count() or 1, 8) if executable else 1
    personas = PersonaFinder()
    with ThreadPoolExecutor(workers) as pool:
        pending: list[tuple[Future[None], str]] = []
        for target in files:
            display = target[1]
            hooks.starting(display)
            jobs = _jobs(plan, result, target, inputs, linted, personas, executable)
            if not jobs:
                hooks.done()
                continue
            future = pool.submit(_finish, jobs, plan.output_format, executable, inputs)
            future.add_done_callback(lambda _: hooks.done())
            pending.append((future, display))
        for future, display in pending:
            failure = future.exception()
            if failure is not None:
                result.failures.append(f"{display}: {failure}")
    return result


def _jobs(
    plan: Plan,
    result: FolderResult,
    target: Target,
    inputs: list[Path],
    linted: Linted,
    personas: PersonaFinder,
    executable: str | None = None,
) -> list[Job]:
    """The files to write for one input, with their text; none when it is skipped."""
    file, display, explicit = target
    try:
        doc = read_flow(file, display, explicit, linted.document(file))
    except Unreadable as error:
        if explicit:
            raise UsageError(str(error)) from None
        result.unread.append(str(error))
        return []
    except NotDrawable as error:
        if explicit:
            raise UsageError(str(error)) from None
        result.warnings.append(f"warning: {error} (skipped)")
        return []
    if doc is None:
        return []
    key = f"{doc.id}.{doc.state}"
    if key in result.names:
        result.warnings.append(
            f"warning: {display}: {doc.kind} '{doc.id}' ({doc.state}) is also in "
            f"{result.names[key]}; skipped (see rule duplicate-id)"
        )
        return []
    result.names[key] = display
    marks = linted.marks_of(file)
    assert plan.folder is not None
    jobs: list[Job] = []
    for view in plan.views:
        output = plan.folder / f"{key}.{view.value}.{plan.output_format.value}"
        if plan.page is not None:
            from journeyctl.render.paged import page_sources, sheet_paths

            texts = page_sources(doc, view, marks, plan.page, executable)
            paths = sheet_paths(output, len(texts), plan.output_format)
        else:
            persona = personas.for_doc(doc, file) if view is View.MAP else None
            texts, paths = [source(doc, view, plan.output_format, marks, persona)], [output]
        for path in paths:
            check_target(path, inputs)
        jobs.append((output, texts, plan.page is not None))
        result.written.extend(paths)
    if plan.deck:
        output = plan.folder / f"{key}.deck.pdf"
        check_target(output, inputs)
        jobs.append((output, _deck(doc, marks, personas.for_doc(doc, file), plan.page), False))
        result.written.append(output)
    return jobs


Job = tuple[Path, "list[str] | Callable[[str | None], bytes]", bool]
"""A file to write (the first of a paged view's), its DOT or Mermaid texts (or what draws
it: a deck), whether paged."""


def _finish(
    jobs: list[Job], output_format: Format, executable: str | None, inputs: list[Path]
) -> None:
    from journeyctl.render.paged import sheet_files, write_sheets

    for target, texts, paged in jobs:
        if callable(texts):
            write_output(target, texts(executable), inputs)
        elif paged:
            write_sheets(sheet_files(target, texts, output_format, executable), inputs)
        else:
            write_output(target, draw(texts[0], output_format, executable), inputs)

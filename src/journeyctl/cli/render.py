"""`journeyctl render`: flow, map and blueprint diagrams of journeys and workflows (design §6).

Where the output goes decides the rest:

- ``journeyctl render FILE``: DOT on stdout (or the `--format`: Mermaid, SVG; PNG and PDF
  only when stdout is not a terminal);
- ``journeyctl render FILE -o OUT.svg``: one view into one file, the format from the suffix
  (`.svg .png .pdf .dot .mmd`) unless `--format` says;
- ``journeyctl render PATH -o DIR`` (PATH a directory, or OUT a folder or a name without a
  suffix): every journey and workflow into the folder, one file per document and view,
  named `<id>.<state>.<view>.<ext>`, with a progress bar when there are more than a few.

A file named on the command line that cannot be read or is not a valid journey or workflow
is an error (exit 2, one line with its file:line:col); in a directory such a file is
skipped with a warning. Files are written atomically and an input file is never overwritten.

Only Typer and the standard library (and the light `journeyctl.render` enums) are imported at
the top; the rest inside the command, so that `journeyctl --version` stays fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from journeyctl.core.errors import JourneyError, UsageError
from journeyctl.render import SUFFIXES, Format, View

if TYPE_CHECKING:
    from concurrent.futures import Future

    from rich.progress import Progress

    from journeyctl.core.model import Flow, Journey, Persona, Workflow
    from journeyctl.render.marks import Linted

PROGRESS_MIN = 4
"""Show a progress bar from this many files on (when stderr is a terminal)."""


def render(
    path: Annotated[
        Path,
        typer.Argument(
            help="A journey or workflow file, or a directory to render every one under it.",
            metavar="PATH",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="OUT",
            help="Where to write: a file (its suffix gives the format: .svg .png .pdf .dot "
            ".mmd), or a folder (a directory, or a name without a suffix) for one file per "
            "document and view. Default: stdout.",
            show_default=False,
        ),
    ] = None,
    views: Annotated[
        list[View] | None,
        typer.Option(
            "--view",
            metavar="VIEW",
            help="flow (the step graph), map (the journey-map grid) or blueprint (service-"
            "blueprint lanes); repeat it for several. Default: flow (map for .mmd), all "
            "three into a folder.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="svg, png, pdf (these need Graphviz), dot or mmd (Mermaid). Default: from "
            "OUT's suffix; dot on stdout; svg into a folder.",
            show_default=False,
        ),
    ] = None,
    lint: Annotated[
        bool,
        typer.Option(
            "--lint", help="Mark what `journeyctl lint` finds on the steps and stages it concerns."
        ),
    ] = False,
    diff: Annotated[
        str | None,
        typer.Option(
            "--diff",
            metavar="OLD",
            help="Draw what changed from OLD (a file or REV:path) to PATH as the flow view: "
            "added steps green, changed amber, removed red and dashed.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Draw journeys and workflows: a flow diagram, a journey map or a service blueprint."""
    if diff is not None:
        _render_diff(diff, path, output, views, output_format)
        return
    plan = make_plan(path, output, views, output_format)
    executable = None
    if plan.output_format.needs_graphviz:
        from journeyctl.render.output import find_dot

        executable = find_dot()
    from journeyctl.workspace.parallel import gc_paused

    with gc_paused():  # loading makes millions of small acyclic objects (see perf-notes)
        if plan.folder is None:
            _render_one(plan, executable, lint)
        else:
            _render_folder(plan, executable, lint)


def _render_diff(
    old: str, new: Path, output: Path | None, views: list[View] | None, fmt: Format | None
) -> None:
    """`render --diff OLD NEW`: the flow view of the change, drawn by `journeyctl diff`."""
    from journeyctl.cli.diff import draw_diff

    if views and any(view.value != "flow" for view in views):
        raise UsageError("--diff draws the flow view only")
    if fmt is not None and fmt.value == "mmd":
        raise UsageError("--diff draws svg, png, pdf or dot, not Mermaid")
    draw_diff(old, str(new), output, fmt.value if fmt is not None else None)


# --------------------------------------------------------------------------------------
# What to do
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """The command line, decided: what to read, which views, which format, where to write."""

    path: Path
    views: tuple[View, ...]
    output_format: Format
    file: Path | None = None
    """The output file of a single render; None with `folder` or for stdout."""
    folder: Path | None = None


def make_plan(
    path: Path, output: Path | None, views: Sequence[View] | None, output_format: Format | None
) -> Plan:
    """Check the options against each other; UsageError says what does not fit."""
    if not path.exists():
        raise UsageError(f"{path}: no such file or directory")
    to_stdout = output is None or str(output) == "-"
    if output is None or to_stdout:
        if path.is_dir():
            raise UsageError(
                f"{path} is a directory: name a folder to write the diagrams into with -o DIR"
            )
        chosen_format = output_format or Format.DOT
        chosen = _views(views, chosen_format, folder=False)
        if not chosen_format.is_text and sys.stdout.isatty():
            raise UsageError(
                f"refusing to write {chosen_format.value.upper()} to a terminal: "
                "write it to a file with -o OUT, or redirect stdout"
            )
        return Plan(path, chosen, chosen_format)
    if path.is_dir() or output.is_dir() or str(output).endswith(("/", os.sep)) or not output.suffix:
        if output.exists() and not output.is_dir():
            raise UsageError(f"{output} is a file: rendering {path} needs a folder for -o")
        chosen_format = output_format or Format.SVG
        return Plan(path, _views(views, chosen_format, folder=True), chosen_format, folder=output)
    by_suffix = SUFFIXES.get(output.suffix.lower())
    if by_suffix is not None and output_format is not None and by_suffix is not output_format:
        raise UsageError(
            f"{output} looks like {by_suffix.value} but --format says {output_format.value}: "
            "make them agree"
        )
    named = output_format or by_suffix
    if named is None:
        known = " ".join(sorted(SUFFIXES))
        raise UsageError(
            f"{output}: cannot tell the format from '{output.suffix}' (known: {known}); "
            "say --format"
        )
    return Plan(path, _views(views, named, folder=False), named, file=output)


def _views(views: Sequence[View] | None, output_format: Format, folder: bool) -> tuple[View, ...]:
    from journeyctl.render import supports

    if views:
        chosen = tuple(dict.fromkeys(views))
        for view in chosen:
            if not supports(view, output_format):
                raise UsageError(
                    f"the {view.value} view cannot be written as {output_format.value}: "
                    "Mermaid has no service-blueprint diagram (use svg, png, pdf or dot)"
                )
    elif folder:
        chosen = tuple(view for view in View if supports(view, output_format))
    else:
        chosen = (View.MAP,) if output_format is Format.MMD else (View.FLOW,)
    if len(chosen) > 1 and not folder:
        raise UsageError(
            "one output holds one view: pass a single --view, or -o a folder to write "
            f"{' and '.join(view.value for view in chosen)}"
        )
    return chosen


# --------------------------------------------------------------------------------------
# Reading documents
# --------------------------------------------------------------------------------------


class NotDrawable(JourneyError):
    """A file that cannot be drawn, and why (with file:line:col where known)."""


def read_flow(
    path: Path, display: str, explicit: bool, known: Journey | Workflow | Persona | None = None
) -> Flow | None:
    """Load and validate one file; None for a file that is not a journey or workflow.

    `known` is the document when lint loaded it already (`render --lint`). A file that cannot
    be read, parsed or validated raises NotDrawable; so does a named (`explicit`) file that is
    not a journeyctl file or is a persona.
    """
    from journeyctl.core.model import Flow

    doc = known if known is not None else _read_document(path, display, explicit)
    if doc is None:
        return None
    if not isinstance(doc, Flow):
        if not explicit:
            return None
        raise NotDrawable(f"{display}: a persona has no steps to draw; render its journeys")
    return doc


def _read_document(path: Path, display: str, explicit: bool) -> Journey | Workflow | Persona | None:
    from journeyctl.core.validation import Invalid, validate_document
    from journeyctl.workspace.discover import journeyctl_document
    from journeyctl.workspace.load import LoadError, locate
    from journeyctl.workspace.read import read_regular

    try:
        raw = read_regular(path)
    except OSError as error:
        raise NotDrawable(f"{display}: cannot read: {error.strerror or error}") from None
    loaded = journeyctl_document(raw, path, explicit)
    if loaded is None:
        return None
    if isinstance(loaded, LoadError):
        raise NotDrawable(f"{display}:{loaded.line}:{loaded.column}: {loaded.message}")
    if "journeyctl" not in loaded.data:
        raise NotDrawable(f"{display}: not a journeyctl file (it needs `journeyctl: 1` first)")
    try:
        return validate_document(loaded.data)
    except Invalid as invalid:
        first = invalid.problems[0]
        line, column = locate(loaded.root, first.where, first.at_key)
        more = len(invalid.problems) - 1
        hint = f" (and {more} more; `journeyctl lint {display}` lists them)" if more else ""
        raise NotDrawable(f"{display}:{line}:{column}: {first.message}{hint}") from None


def _marks_for(path: Path, lint: bool) -> Linted:
    from journeyctl.render.marks import Linted, lint_documents

    return lint_documents([path]) if lint else Linted()


# --------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------


def _render_one(plan: Plan, executable: str | None, lint: bool) -> None:
    from journeyctl.render import source

    linted = _marks_for(plan.path, lint)
    try:
        doc = read_flow(plan.path, str(plan.path), True, linted.document(plan.path))
    except NotDrawable as error:
        raise UsageError(str(error)) from None
    assert doc is not None  # an explicit file is drawable or raises
    if plan.file is not None:
        _refuse_to_overwrite(plan.file, [plan.path])
    marks = linted.marks_of(plan.path)
    text = source(doc, plan.views[0], plan.output_format, marks)
    data = _draw(text, plan.output_format, executable)
    if plan.file is None:
        stream = typer.get_binary_stream("stdout")
        stream.write(data.encode("utf-8") if isinstance(data, str) else data)
        stream.flush()
        return
    from journeyctl.render.output import write_output

    write_output(plan.file, data)
    typer.echo(f"journeyctl: wrote {plan.file} ({plan.views[0].value} view)", err=True)


def _draw(text: str, output_format: Format, executable: str | None) -> str | bytes:
    if executable is None:
        return text
    from journeyctl.render.output import run_dot

    return run_dot(text, output_format, executable).data


def _refuse_to_overwrite(target: Path, inputs: Sequence[Path]) -> None:
    resolved = target.resolve()
    for source_path in inputs:
        if resolved == source_path.resolve():
            raise UsageError(f"{target} is an input file: refusing to overwrite it")


@dataclass
class _Folder:
    """The state of a folder render: what was written, skipped and failed."""

    plan: Plan
    folder: Path
    written: list[Path] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)


def _targets(path: Path) -> Iterator[tuple[Path, str, bool]]:
    """Every file to consider: (path, display, named explicitly)."""
    if not path.is_dir():
        yield path, str(path), True
        return
    from journeyctl.lint.engine import settings_finder
    from journeyctl.workspace.discover import discover

    for target in discover([path], settings_finder()):
        if target.error is not None:
            typer.echo(f"journeyctl: warning: {target.display}: {target.error} (skipped)", err=True)
            continue
        yield target.path, target.display, False


def _render_folder(plan: Plan, executable: str | None, lint: bool) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from journeyctl.render import source
    from journeyctl.render.output import write_output

    assert plan.folder is not None
    state = _Folder(plan, plan.folder)
    targets = list(_targets(plan.path))
    inputs = [file for file, _, _ in targets]
    linted = _marks_for(plan.path, lint)
    workers = min(os.cpu_count() or 1, 8) if executable else 1
    with ThreadPoolExecutor(workers) as pool, _progress(len(targets)) as progress:
        pending: list[tuple[Future[None], str]] = []
        for file, display, explicit in targets:
            if progress is not None:
                progress.update(progress.task_ids[0], description=display)
            try:
                doc = read_flow(file, display, explicit, linted.document(file))
            except NotDrawable as error:
                if explicit:
                    raise UsageError(str(error)) from None
                typer.echo(f"journeyctl: warning: {error} (skipped)", err=True)
                doc = None
            if doc is None:
                _advance(progress)
                continue
            key = f"{doc.id}.{doc.state}"
            if key in state.names:
                typer.echo(
                    f"journeyctl: warning: {display}: {doc.kind} '{doc.id}' ({doc.state}) is "
                    f"also in {state.names[key]}; skipped (see rule duplicate-id)",
                    err=True,
                )
                _advance(progress)
                continue
            state.names[key] = display
            marks = linted.marks_of(file)
            jobs = []
            for view in plan.views:
                target = state.folder / f"{key}.{view.value}.{plan.output_format.value}"
                _refuse_to_overwrite(target, inputs)
                jobs.append((target, source(doc, view, plan.output_format, marks)))
                state.written.append(target)

            def finish(jobs: list[tuple[Path, str]] = jobs) -> None:
                for target, text in jobs:
                    write_output(target, _draw(text, plan.output_format, executable))

            future = pool.submit(finish)
            future.add_done_callback(lambda _: _advance(progress))
            pending.append((future, display))
        for future, display in pending:
            failure = future.exception()
            if failure is not None:
                state.failures.append(f"{display}: {failure}")
    if state.failures:
        for message in state.failures[1:]:
            typer.echo(f"journeyctl: {message}", err=True)
        raise UsageError(state.failures[0])
    documents = len(state.names)
    if not documents:
        typer.echo(f"journeyctl: warning: no journeys or workflows found in {plan.path}", err=True)
        return
    noun = "document" if documents == 1 else "documents"
    typer.echo(
        f"journeyctl: wrote {len(state.written)} files ({documents} {noun}; "
        f"{', '.join(view.value for view in plan.views)}) to {state.folder}",
        err=True,
    )


class _NoProgress:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *_: object) -> None:
        return None


def _progress(total: int) -> _NoProgress | Progress:
    """A rich progress bar on stderr for many files on a terminal; otherwise nothing."""
    from rich.console import Console

    console = Console(stderr=True)
    if total < PROGRESS_MIN or not console.is_terminal:
        return _NoProgress()
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(
        TextColumn("rendering"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}", style="dim"),
        console=console,
        transient=True,
    )
    progress.add_task("", total=total)
    return progress


def _advance(progress: Progress | None) -> None:
    if progress is not None:
        progress.advance(progress.task_ids[0])

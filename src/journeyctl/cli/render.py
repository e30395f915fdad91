"""`journeyctl render`: flow, map and blueprint diagrams of journeys and workflows (design §6).

This module is the command line: the options, the progress bar and the messages. What to
draw and where is decided by `journeyctl.render.plan`, and drawn by `journeyctl.render.batch`;
`--diff OLD` draws the change through `journeyctl diff`'s picture.

A file named on the command line that cannot be read or is not a valid journey or workflow
is an error (exit 2, one line with its file:line:col); in a directory such a file is
skipped with a warning. Files are written through the one writer: atomically, and never
over an input or a journeyctl file.

Only Typer and the standard library (and the light `journeyctl.render` enums) are imported at
the top; the rest inside the command, so that `journeyctl --version` stays fast.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from journeyctl.cli.options import output_option
from journeyctl.core.errors import UsageError
from journeyctl.render import Choice, Format
from journeyctl.render.pages import Page

if TYPE_CHECKING:
    from rich.progress import Progress

    from journeyctl.render.batch import Hooks
    from journeyctl.render.plan import Plan

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
        output_option(
            "Where to write: a file (its suffix gives the format: .svg .png .pdf .dot "
            ".mmd), or a folder (a directory, or a name without a suffix) for one file per "
            "document and view. Default: stdout.",
            metavar="OUT",
        ),
    ] = None,
    views: Annotated[
        list[Choice] | None,
        typer.Option(
            "--view",
            metavar="VIEW",
            help="flow (the step graph), map (the journey-map grid), blueprint (service-"
            "blueprint lanes) or deck (one PDF to present: cover, the three views, pain "
            "points; e.g. `-o deck.pdf --view deck`); repeat it for several. Default: flow "
            "(map for .mmd), flow, map and blueprint into a folder.",
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
            "OUT's suffix; dot on stdout; svg into a folder; pdf for a deck alone.",
            show_default=False,
        ),
    ] = None,
    lint: Annotated[
        bool,
        typer.Option(
            "--lint", help="Mark what `journeyctl lint` finds on the steps and stages it concerns."
        ),
    ] = False,
    page: Annotated[
        Page | None,
        typer.Option(
            "--page",
            metavar="SIZE",
            case_sensitive=False,
            help="Cut the picture into landscape pages: 16:9 or 4:3 (slides), a4, a3 or "
            "letter. Map and blueprint are cut between step columns (and between rows when "
            "they do not fit), each sheet repeating the row headings and stage header, no "
            "text under 9 pt; a flow that fits is one page. PDF: one file, a page per sheet; "
            "svg, png, dot: OUT-1.svg, OUT-2.svg, ... Also the deck's page size (default "
            "16:9). Example: render journey.yaml -o map.pdf --view map --page 16:9",
            show_default=False,
        ),
    ] = None,
    diff: Annotated[
        str | None,
        typer.Option(
            "--diff",
            metavar="OLD",
            help="Draw what changed from OLD (a file or REV:path) to PATH as the flow view: "
            "added steps green, changed orange, moved purple and dotted, removed red and "
            "dashed, each saying how it changed.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Draw journeys and workflows: a flow diagram, a journey map or a service blueprint."""
    if diff is not None:
        if page is not None:
            raise UsageError("--diff draws one picture: --page is for the views of a file")
        _render_diff(diff, path, output, views, output_format)
        return
    from journeyctl.render.plan import make_plan

    plan = make_plan(path, output, views, output_format, page)
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
    old: str, new: Path, output: Path | None, views: list[Choice] | None, fmt: Format | None
) -> None:
    """`render --diff OLD NEW`: the flow view of the change, drawn by `journeyctl diff`."""
    from journeyctl.cli.diff import draw_diff

    if views and any(view.value != "flow" for view in views):
        raise UsageError("--diff draws the flow view only")
    if fmt is not None and fmt.value == "mmd":
        raise UsageError("--diff draws svg, png, pdf or dot, not Mermaid")
    draw_diff(old, str(new), output, fmt.value if fmt is not None else None)


def _render_one(plan: Plan, executable: str | None, lint: bool) -> None:
    """One view of one file: on stdout, or written to the plan's file."""
    from journeyctl.cli.present import emit
    from journeyctl.render.batch import render_one
    from journeyctl.workspace.messages import say

    if plan.page is not None and not plan.deck:
        _render_pages(plan, executable, lint)
        return
    data = render_one(plan, executable, lint)
    if plan.file is None:
        emit(data, None)
        return
    say(f"wrote {plan.file} ({'deck' if plan.deck else plan.views[0].value + ' view'})")


def _render_pages(plan: Plan, executable: str | None, lint: bool) -> None:
    """One view of one file cut into sheets: files, or a PDF on stdout."""
    from journeyctl.cli.present import emit
    from journeyctl.render.batch import render_pages
    from journeyctl.workspace.messages import say

    assert plan.page is not None
    written, data = render_pages(plan, executable, lint)
    if not written:
        emit(data, None)
        return
    view = f"{plan.views[0].value} view, {plan.page.value}"
    if len(written) == 1:
        say(f"wrote {written[0]} ({view})")
    else:
        say(f"wrote {len(written)} sheets, {written[0]} to {written[-1].name} ({view})")
    from journeyctl.render.paged import stale_sheets

    assert plan.file is not None
    stale = stale_sheets(plan.file, len(written), plan.output_format)
    if stale:
        say(
            f"note: {len(stale)} older sheet{'s' if len(stale) > 1 else ''} from an earlier "
            f"run {'are' if len(stale) > 1 else 'is'} still there, not part of this one: "
            f"{stale[0]}{f' to {stale[-1].name}' if len(stale) > 1 else ''}"
        )


def _render_folder(plan: Plan, executable: str | None, lint: bool) -> None:
    """Every document under the plan's path into its folder, with a progress bar."""
    from journeyctl.render.batch import render_folder, targets
    from journeyctl.workspace.messages import say

    unread: list[str] = []
    files = targets(plan.path, unread)
    with _progress(len(files)) as progress:
        result = render_folder(plan, files, executable, lint, _hooks(progress))
    for warning in result.warnings:
        say(warning)
    for message in unread + result.unread:  # as lint and fmt do: named, and exit 2 at the end
        say(message)
    if result.failures:
        for message in result.failures[1:]:
            say(message)
        raise UsageError(result.failures[0])
    documents = len(result.names)
    if not documents:
        say(f"warning: no journeys or workflows found in {plan.path}")
    else:
        noun = "document" if documents == 1 else "documents"
        views = ", ".join([view.value for view in plan.views] + ["deck"] * plan.deck)
        written = "file" if len(result.written) == 1 else "files"
        say(f"wrote {len(result.written)} {written} ({documents} {noun}; {views}) to {plan.folder}")
    if unread or result.unread:
        raise typer.Exit(2)


def _progress(total: int) -> contextlib.nullcontext[None] | Progress:
    """A rich progress bar on stderr for many files on a terminal; otherwise nothing."""
    from rich.console import Console

    console = Console(stderr=True)
    if total < PROGRESS_MIN or not console.is_terminal:
        return contextlib.nullcontext()
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


def _hooks(progress: Progress | None) -> Hooks:
    """Move the progress bar as files start and finish; file names shown sanitized."""
    from journeyctl.render.batch import Hooks
    from journeyctl.workspace.messages import markup_safe

    if progress is None:
        return Hooks()
    task = progress.task_ids[0]
    return Hooks(
        starting=lambda display: progress.update(task, description=markup_safe(display)),
        done=lambda: progress.advance(task),
    )

"""What `journeyctl render` draws and where: the command line, decided into a `Plan`.

Where the output goes decides the rest:

- no `-o` (or `-o -`): one view of one file on stdout, DOT unless `--format` says (PNG and
  PDF only when stdout is not a terminal);
- `-o OUT.svg`: one view into one file, the format from the suffix unless `--format` says;
- `-o DIR` (PATH a directory, or OUT a folder or a name without a suffix): every journey and
  workflow into the folder, one file per document and view.

Each function checks one of these; a UsageError says what does not fit.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from journeyctl.core.errors import UsageError
from journeyctl.render import Choice, Format, View, supports
from journeyctl.render.pages import Page
from journeyctl.workspace.write import SUFFIX_FORMATS, format_of

_FORMATS = {member.value for member in Format}
SUFFIXES = sorted(suffix for suffix, name in SUFFIX_FORMATS.items() if name in _FORMATS)
"""The output suffixes that name a render format."""


@dataclass(frozen=True)
class Plan:
    """The command line, decided: what to read, which views, which format, where to write."""

    path: Path
    views: tuple[View, ...]
    output_format: Format
    file: Path | None = None
    """The output file of a single render; None with `folder` or for stdout."""
    folder: Path | None = None
    page: Page | None = None
    """With `--page`: cut each view into sheets of this size (a deck without it is 16:9)."""
    deck: bool = False
    """Whether to write the deck (`--view deck`), besides `views`."""


def make_plan(
    path: Path,
    output: Path | None,
    views: Sequence[View | Choice] | None,
    output_format: Format | None,
    page: Page | None = None,
) -> Plan:
    """Check the options against each other; UsageError says what does not fit."""
    if not path.exists():
        raise UsageError(f"{path}: {_missing(path)}")
    deck = Choice.DECK in (views or ())
    drawn = [View(view.value) for view in views or () if view != Choice.DECK] or None
    to_file = output is not None and str(output) != "-" and not _is_folder(path, output)
    if deck and drawn is None and output_format is None and not to_file:
        output_format = Format.PDF  # a deck alone, on stdout or into a folder
    if output is None or str(output) == "-":
        plan = _to_stdout(path, drawn, output_format)
    elif _is_folder(path, output):
        plan = _to_folder(path, output, drawn, output_format)
    else:
        chosen = _file_format(output, output_format)
        plan = Plan(path, choose_views(drawn, chosen, folder=False), chosen, file=output)
    if deck:
        plan = _with_deck(plan, only=drawn is None)
    return _paged(plan, page) if page is not None else plan


def _with_deck(plan: Plan, only: bool) -> Plan:
    """The plan with the deck: a PDF, alone unless it goes into a folder (where the views
    are written in the plan's format and the deck as PDF)."""
    if plan.output_format is not Format.PDF and (only or plan.folder is None):
        raise UsageError(
            f"the deck is one PDF of many pages, not {plan.output_format.value}: write it "
            "with -o NAME.pdf (or --format pdf)"
        )
    if not only and plan.folder is None:
        raise UsageError(
            "one output holds one view: pass --view deck alone, or -o a folder to write "
            "the deck and the views"
        )
    return replace(plan, views=() if only else plan.views, deck=True)


def _paged(plan: Plan, page: Page) -> Plan:
    """`--page` fits svg, png, pdf and dot; several sheets need files (a PDF holds them all)."""
    if plan.output_format is Format.MMD:
        raise UsageError(
            f"--page {page.value} cuts svg, png, pdf and dot output into sheets: "
            "Mermaid (.mmd) has no pages"
        )
    if plan.file is None and plan.folder is None and plan.output_format is not Format.PDF:
        raise UsageError(
            "--page writes one file per sheet: name one with -o OUT "
            f"(OUT-1.{plan.output_format.value}, OUT-2.{plan.output_format.value}, ...), "
            "or write PDF (one page per sheet)"
        )
    return replace(plan, page=page)


def _missing(path: Path) -> str:
    """Why `path` is not there: a link loop or a dangling link says so."""
    try:
        path.stat()
    except OSError as error:
        if path.is_symlink() and error.strerror:
            return f"cannot read: {error.strerror.lower()} (a symbolic link)"
    return "no such file or directory"


def _to_stdout(path: Path, views: Sequence[View] | None, output_format: Format | None) -> Plan:
    """One view of one file on stdout, never binary to a terminal."""
    if path.is_dir():
        raise UsageError(
            f"{path} is a directory: name a folder to write the diagrams into with -o DIR"
        )
    chosen_format = output_format or Format.DOT
    chosen = choose_views(views, chosen_format, folder=False)
    if not chosen_format.is_text and sys.stdout.isatty():
        raise UsageError(
            f"refusing to write {chosen_format.value.upper()} to a terminal: "
            "write it to a file with -o OUT, or redirect stdout"
        )
    return Plan(path, chosen, chosen_format)


def _is_folder(path: Path, output: Path) -> bool:
    """Whether the output is a folder: PATH is a directory, or OUT is one or looks like one."""
    looks_like_folder = str(output).endswith(("/", os.sep)) or not output.suffix
    return path.is_dir() or output.is_dir() or looks_like_folder


def _to_folder(
    path: Path, output: Path, views: Sequence[View] | None, output_format: Format | None
) -> Plan:
    """Every document under PATH into the folder OUT; all views unless --view says."""
    if output.exists() and not output.is_dir():
        raise UsageError(f"{output} is a file: rendering {path} needs a folder for -o")
    named = format_of(output)
    if not output.exists() and named in _FORMATS:
        raise UsageError(
            f"{path} is a directory, rendered one file per document into a folder, but "
            f"{output} looks like one {named} file: name a folder (e.g. -o "
            f"{output.with_suffix('')} --format {named})"
        )
    chosen_format = output_format or Format.SVG
    chosen = choose_views(views, chosen_format, folder=True)
    return Plan(path, chosen, chosen_format, folder=output)


def _file_format(output: Path, output_format: Format | None) -> Format:
    """The format of one output file: its suffix and --format must agree; one is enough."""
    named = format_of(output)
    by_suffix = Format(named) if named is not None and named in _FORMATS else None
    if by_suffix is not None and output_format is not None and by_suffix is not output_format:
        raise UsageError(
            f"{output} looks like {by_suffix.value} but --format says {output_format.value}: "
            "make them agree"
        )
    chosen = output_format or by_suffix
    if chosen is None:
        raise UsageError(
            f"{output}: cannot tell the format from '{output.suffix}' "
            f"(known: {' '.join(SUFFIXES)}); say --format"
        )
    return chosen


def choose_views(
    views: Sequence[View] | None, output_format: Format, folder: bool
) -> tuple[View, ...]:
    """The views to draw: those asked for (each must fit the format), else the default."""
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

"""Paged output (`render --page`): the sheets of a view at a page size, drawn and written.

- `sheet_sources`: the DOT of each sheet of a `map` or `blueprint` (cut by `render.sheets`
  at the scale `render.sheet_fit` picks, written by `render.sheet_dot`), each at exactly the
  page's size;
- `page_sources`: the same for any view (the flow through `render.flow_pages`);
- `draw_sheets`: Graphviz over many DOT texts at once: one `dot` process reads a batch of
  graphs and writes one file per graph (`-O`), a batch per core;
- `pdf_of`: the sheets as one PDF, a page each;
- `sheet_paths` and `write_sheets`: `NAME.svg` for one sheet, `NAME-1.svg`, `NAME-2.svg`, ...
  for more (a PDF is always one file), written through the one writer.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from journeyctl.core.errors import UsageError
from journeyctl.core.model import Flow
from journeyctl.render import Format, View
from journeyctl.render.marks import Marks
from journeyctl.render.pages import Page

PNG_DPI = 144
"""Resolution of PNG sheets (as `render.output` draws PNG)."""


def sheet_sources(doc: Flow, view: str, marks: Marks, page: Page) -> list[str]:
    """The DOT text of every sheet of a grid view (`map` or `blueprint`) at `page`'s size,
    in reading order."""
    from journeyctl.render.sheet_dot import sheet_source
    from journeyctl.render.sheet_fit import fitted
    from journeyctl.render.sheets import measure, poster_of

    poster, sheets = fitted(doc, measure(poster_of(doc, view, marks)), page)
    return [sheet_source(poster, sheet, page) for sheet in sheets]


def page_sources(
    doc: Flow, view: View, marks: Marks, page: Page, executable: str | None
) -> list[str]:
    """The DOT of every sheet of any view; the flow needs Graphviz to know its size."""
    if view is not View.FLOW:
        return sheet_sources(doc, view.value, marks, page)
    from journeyctl.render.flow_pages import flow_sheets
    from journeyctl.render.output import find_dot

    return flow_sheets(doc, marks, page, executable or find_dot())


def draw_sheets(texts: Sequence[str], output_format: Format, executable: str) -> list[bytes]:
    """Every DOT text drawn as `output_format`, in order; a batch of graphs per `dot` run."""
    if not texts:
        return []
    workers = max(1, min(os.cpu_count() or 1, 4, len(texts)))
    size = -(-len(texts) // workers)
    batches = [texts[start : start + size] for start in range(0, len(texts), size)]
    with ThreadPoolExecutor(len(batches)) as pool:
        drawn = pool.map(lambda batch: _draw_batch(batch, output_format, executable), batches)
        return [data for batch in drawn for data in batch]


def _draw_batch(texts: Sequence[str], output_format: Format, executable: str) -> list[bytes]:
    """One `dot` process for several graphs, read from stdin: `-O` writes `noname.gv.svg`,
    `noname.gv.2.svg`, ... into the (temporary) folder it runs in."""
    kind = output_format.value
    with tempfile.TemporaryDirectory(prefix="journeyctl-sheets-") as folder:
        command = [executable, f"-T{kind}", "-O"]
        if output_format is Format.PNG:
            command.append(f"-Gdpi={PNG_DPI}")
        try:
            done = subprocess.run(
                command,
                input="".join(texts).encode("utf-8"),
                capture_output=True,
                check=False,
                cwd=folder,
            )
        except OSError as error:
            raise UsageError(f"cannot run {executable}: {error.strerror or error}") from None
        names = [f"noname.gv.{kind}"] + [f"noname.gv.{n}.{kind}" for n in range(2, len(texts) + 1)]
        outputs = [Path(folder) / name for name in names]
        if done.returncode != 0 or not all(path.is_file() for path in outputs):
            warnings = done.stderr.decode("utf-8", "replace").strip().splitlines()
            first = warnings[0] if warnings else f"exit code {done.returncode}"
            raise UsageError(f"Graphviz failed to draw the {kind} sheets: {first}")
        return [path.read_bytes() for path in outputs]


def pdf_of(texts: Sequence[str], executable: str) -> bytes:
    """The sheets as one PDF document, one page each, in order."""
    from journeyctl.render.pdf import merge_pdfs

    return merge_pdfs(draw_sheets(texts, Format.PDF, executable))


def sheet_paths(target: Path, count: int, output_format: Format) -> list[Path]:
    """Where the sheets go: `target` for a PDF or a single sheet, else NAME-1.ext, ..."""
    if output_format is Format.PDF or count == 1:
        return [target]
    return [target.with_name(f"{target.stem}-{n}{target.suffix}") for n in range(1, count + 1)]


def stale_sheets(target: Path, count: int, output_format: Format) -> list[Path]:
    """Sheets of an earlier run that this one did not write: `NAME-(count+1)` on, while they
    exist (an earlier, longer run left them; they are not removed, only named)."""
    if output_format is Format.PDF:
        return []
    found: list[Path] = []
    number = count + 1 if count > 1 else 1
    while (path := target.with_name(f"{target.stem}-{number}{target.suffix}")).is_file():
        found.append(path)
        number += 1
    return found


def sheet_files(
    target: Path, texts: Sequence[str], output_format: Format, executable: str | None
) -> dict[Path, str | bytes]:
    """The files of the sheets, drawn: names and contents."""
    paths = sheet_paths(target, len(texts), output_format)
    if output_format is Format.DOT or executable is None:
        return dict(zip(paths, texts, strict=True))
    if output_format is Format.PDF:
        return {target: pdf_of(texts, executable)}
    return dict(zip(paths, draw_sheets(texts, output_format, executable), strict=True))


def write_sheets(files: dict[Path, str | bytes], inputs: Sequence[Path]) -> list[Path]:
    """Write the sheets' files through the one writer: every target is checked first (none
    is written when one would overwrite an input), then each is written atomically."""
    from journeyctl.workspace.write import check_target, write_file

    for path in files:
        check_target(path, inputs)
    for path, data in files.items():
        write_file(path, data, inputs, parents=True)
    return list(files)

"""The header of a sheet of a paged grid: the document's title block on the first sheet, a
short line (title, "sheet 2 of 5") on the others.

Both are one fixed-size HTML-like table whose height is estimated here, so that the sheet
knows where its grid starts; the legend is broken into rows that fit the sheet's width.
"""

from __future__ import annotations

import html as html_module
import re

from journeyctl.core.model import Flow
from journeyctl.render import style
from journeyctl.render.dot import Html
from journeyctl.render.graphviz import br, font, meta_items
from journeyctl.render.marks import Marks, rules_of
from journeyctl.render.text import html, text_width, wrap

LINE = 1.25
"""Line height of header text as a multiple of its size (a little more than Graphviz uses)."""
ROW_PAD = 6.0
"""Padding of one header row (3 points above and below)."""
FIT = 0.97
"""The part of a row's width that its text is wrapped to: estimated widths may be short by
a little, and Graphviz widens a fixed-size table that its text does not fit."""
LEGEND_ROW = 33.0
"""Height of one row of the legend (a 27-point table and its padding)."""


def first_header(doc: Flow, marks: Marks, legend: str, width: float, total: int) -> Html:
    """The title block of the first sheet, `width` points wide."""
    where = f"sheet\u00a01\u00a0of\u00a0{total}"  # no-break spaces: one piece
    return _table(title_rows(doc, marks, legend, width, where, FIT), width)


def title_rows(
    doc: Flow, marks: Marks, legend: str, width: float, where: str, fit: float
) -> list[tuple[str, float]]:
    """The rows of a first page's title block and their heights: the title, what the
    document is and `where` this page is, the description, the legend in rows that fit
    `width`, the document's findings. Text is wrapped to `fit` of the width."""
    meta = " · ".join([*meta_items(doc), where])
    rows = [
        _text_row(doc.title, 20, width, fit, bold=True, max_lines=2),
        _text_row(meta, 11, width, fit, color=style.MUTED, max_lines=2),
    ]
    if doc.description:
        rows.append(_text_row(doc.description, 11, width, fit, max_lines=3))
    rows += [(f'<TD ALIGN="LEFT">{row}</TD>', LEGEND_ROW) for row in legend_rows(legend, width)]
    if marks.document:
        found = f"{style.LINT} document: {', '.join(rules_of(marks.document))}"
        cell, height = _text_row(found, 11, width, fit)
        rows.append((cell.replace("<TD ", f'<TD BGCOLOR="{style.LINT_FILL}" ', 1), height))
    return rows


def later_header(doc: Flow, number: int, total: int, width: float) -> Html:
    """The one-line header of sheet `number`: the title and which sheet this is."""
    where = f"sheet {number} of {total}"
    room = width - text_width(where, 11) - 24
    title = wrap(doc.title, max(room, 40.0), 12, True, max_lines=1)
    cells = (
        f'<TD ALIGN="LEFT">{font(br(title, 12, bold=True), 12)}</TD>'
        f'<TD ALIGN="RIGHT">{font(html(where), 11, style.MUTED)}</TD>'
    )
    return _table([(cells, 12 * LINE + ROW_PAD)], width)


def header_height(label: Html) -> float:
    """The height given to a header made here (it is written into its table)."""
    found = re.search(r'HEIGHT="(\d+)"', label)
    assert found is not None
    return float(found.group(1))


def _text_row(
    text: str,
    size: float,
    width: float,
    fit: float = FIT,
    *,
    bold: bool = False,
    color: str | None = None,
    max_lines: int = 0,
) -> tuple[str, float]:
    lines = wrap(text, (width - 8) * fit, size, bold, max_lines)
    markup = br(lines, size, bold=bold)
    cell = f'<TD ALIGN="LEFT" BALIGN="LEFT">{font(markup, size, color)}</TD>'
    return cell, len(lines) * size * LINE + ROW_PAD


def _table(rows: list[tuple[str, float]], width: float) -> Html:
    height = sum(height for _, height in rows)
    return Html(
        f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3" FIXEDSIZE="TRUE" '
        f'WIDTH="{round(width)}" HEIGHT="{round(height)}">'
        + "".join(f"<TR>{cell}</TR>" for cell, _ in rows)
        + "</TABLE>"
    )


_LEGEND = re.compile(
    r'^(<TABLE ALIGN="LEFT" FIXEDSIZE="TRUE" WIDTH=")(\d+)(".*?<TR>)(.*)(</TR></TABLE>)$'
)
_CELL = re.compile(r"(?:<TD> </TD>)?<TD[^>]*>.*?</TD>")
_TAG = re.compile(r"<[^>]*>")


def legend_rows(legend: str, width: float) -> list[str]:
    """The legend table as one or more tables, each no wider than `width`: a legend made by
    `graphviz.legend` is one row of cells, broken here between them."""
    found = _LEGEND.match(legend)
    if found is None or int(found.group(2)) <= width - 12:
        return [legend]
    start, _, attributes, cells, end = found.groups()
    room = width - 12  # the padding of the header's cell
    rows: list[list[str]] = [[]]
    widths = [12.0]
    for cell in _CELL.findall(cells):
        cell = str(cell)
        plain = html_module.unescape(_TAG.sub("", cell))
        needed = text_width(plain, 10, bold=True) + (24 if cell.startswith("<TD> ") else 14)
        if rows[-1] and widths[-1] + needed > room:
            rows.append([])
            widths.append(12.0)
        rows[-1].append(cell)
        widths[-1] += needed
    return [
        f"{start}{round(min(used, room))}{attributes}{''.join(row)}{end}"
        for row, used in zip(rows, widths, strict=True)
    ]

"""``--format text`` (the default): findings grouped by file, each with its source line.

::

    examples/journeys/onboarding.current.yaml:12:9: error[unowned-step] step 'sees-ad' ...
       |
    12 |       - id: sees-ad
       |         ^

The first line is ``path:line:col:`` so editors and terminals can jump to it. Colour is
added only on request; user text is never read as rich markup, and file names, messages and
source lines go through the one sanitizer (`journeyctl.workspace.messages`): control
characters are shown escaped, so a file cannot drive the terminal or start a line of its own.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from itertools import groupby
from pathlib import Path

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from journeyctl.core.finding import Finding, LintReport, Severity
from journeyctl.lint.report import ReportOptions
from journeyctl.workspace.messages import printable, printable_path

_SEVERITY_STYLES = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "bold yellow",
    Severity.INFO: "bold blue",
}
_GUTTER_STYLE = "bold blue"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def render(report: LintReport, options: ReportOptions) -> str:
    """Findings by file, then (unless quiet) a one-line summary."""
    lines: list[Text] = []
    by_file = groupby(sorted(report.findings), key=lambda finding: finding.path)
    for number, (path, group) in enumerate(by_file):
        if number:
            lines.append(Text())
        in_file = list(group)
        source = _read_lines(path)
        gutter = len(str(max(finding.line for finding in in_file)))
        for index, finding in enumerate(in_file):
            if index and source is not None:
                lines.append(Text())  # a snippet per finding: keep them apart, as ruff does
            lines.extend(_finding_lines(finding, source, gutter))
    if not options.quiet:
        if lines:
            lines.append(Text())
        lines.append(summary_line(report, options.baselined))
    return to_string(lines, options.color)


def summary_line(report: LintReport, baselined: int | None = None) -> Text:
    """``Found 3 errors, 1 warning and 2 infos in 4 files.`` or the all-clear line; with a
    baseline, also how many findings it hid (``...; 3 findings hidden by the baseline.``)."""
    files = _plural(report.files, "file")
    counts = [
        _plural(report.count(severity), word)
        for severity, word in (
            (Severity.ERROR, "error"),
            (Severity.WARNING, "warning"),
            (Severity.INFO, "info"),
        )
        if report.count(severity)
    ]
    hidden = ""
    if baselined is not None:
        hidden = f"; {_plural(baselined, 'finding')} hidden by the baseline"
    if not counts:
        return Text(f"All checked: {files}, no findings{hidden}.", style="bold green")
    listed = counts[0] if len(counts) == 1 else ", ".join(counts[:-1]) + " and " + counts[-1]
    return Text(f"Found {listed} in {files}{hidden}.", style="bold")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _finding_lines(finding: Finding, source: list[str] | None, gutter: int) -> Iterator[Text]:
    style = _SEVERITY_STYLES[finding.severity]
    yield Text.assemble(
        (f"{printable_path(finding.path)}:{finding.line}:{finding.column}:", "bold"),
        " ",
        (finding.severity.label, style),
        ("[", "dim"),
        (finding.rule, "bold"),
        ("]", "dim"),
        " ",
        printable(finding.message),
    )
    if source is None or not 1 <= finding.line <= len(source):
        return
    line = source[finding.line - 1]
    column = min(max(finding.column, 1), len(line) + 1)
    shown = _printable(line)
    offset = cell_len(_printable(line[: column - 1]))
    number = str(finding.line).rjust(gutter)
    blank = " " * gutter
    yield Text.assemble((f"{blank} |", _GUTTER_STYLE))
    yield Text.assemble((f"{number} |", _GUTTER_STYLE), " ", shown.rstrip())
    yield Text.assemble((f"{blank} |", _GUTTER_STYLE), " ", " " * offset, ("^", style))


def _read_lines(path: str) -> list[str] | None:
    """The file's lines, split on YAML line breaks only; None when it cannot be read."""
    from journeyctl.workspace.discover import lenient_text
    from journeyctl.workspace.read import read_regular

    try:
        content = lenient_text(read_regular(Path(path)))  # BOMs, UTF-16, CR line ends
    except (OSError, ValueError):
        return None
    return _LINE_BREAK.split(content)


def _printable(text: str) -> str:
    """A quoted source line: control characters escaped, tabs expanded to 8-cell stops."""
    shown = Text(printable(text, keep_tabs=True))
    shown.expand_tabs(8)
    return shown.plain


def to_string(lines: list[Text], color: bool) -> str:
    """Lines of rich Text as plain text, or with ANSI colours (16 basic ones) when asked."""
    if not lines:
        return ""
    if not color:
        return "".join(f"{line.plain}\n" for line in lines)
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=True,
        no_color=False,
        color_system="standard",
        width=100_000,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=True,
    )
    for line in lines:
        console.print(line)
    return buffer.getvalue()

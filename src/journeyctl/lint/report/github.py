"""``--format github``: GitHub Actions workflow commands, shown as annotations on the diff.

One line per finding: ``::error file=PATH,line=L,col=C,title=RULE::MESSAGE``, PATH relative
to the repository root (`ReportOptions.root`, default the git top level around the current
directory, else the settings root) so GitHub can place it from any folder; escaped as
the Actions toolkit does (``escapeData`` / ``escapeProperty``) so no value can end the
command early or start another; other control characters (ESC, BEL, ...) go through the one
sanitizer (`journeyctl.workspace.messages`) first and are shown escaped.
"""

from __future__ import annotations

from journeyctl.core.finding import LintReport, Severity
from journeyctl.lint.report import ReportOptions
from journeyctl.workspace.messages import printable_but_line_breaks
from journeyctl.workspace.root import from_root, repository_root

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message: ``%``, CR and LF; other control characters shown escaped."""
    clean = printable_but_line_breaks(text)
    return clean.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as data, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: LintReport, options: ReportOptions) -> str:
    """One workflow command per finding, sorted; empty when there are none."""
    lines = []
    root = options.root or repository_root()
    for finding in sorted(report.findings):
        properties = ",".join(
            f"{key}={escape_property(value)}"
            for key, value in (
                ("file", from_root(finding.path, root)),
                ("line", str(finding.line)),
                ("col", str(finding.column)),
                ("title", finding.rule),
            )
        )
        message = escape_data(finding.message)
        lines.append(f"::{_COMMANDS[finding.severity]} {properties}::{message}\n")
    return "".join(lines)

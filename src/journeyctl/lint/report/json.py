"""``--format json``: every finding with 1-based positions, and the summary counts (with
``--baseline``, also ``baselined``: how many findings the baseline hid).

The text is what ``json.dumps(document, indent=2)`` writes, byte for byte; the findings are
written field by field with the json module's C string encoder, because with an indent the
json module encodes in pure Python, ten times slower (a 15,000-finding report took 0.5 s).
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring_ascii

from journeyctl.core.finding import LintReport
from journeyctl.lint.report import ReportOptions
from journeyctl.workspace.messages import unicode_safe


def render(report: LintReport, options: ReportOptions) -> str:
    """``{"findings": [...], "summary": {...}}``, findings sorted, indented by 2."""
    summary = report.summary()
    if options.baselined is not None:
        summary["baselined"] = options.baselined
    findings = [_finding(finding.to_dict()) for finding in sorted(report.findings)]
    listed = "[\n" + ",\n".join(findings) + "\n  ]" if findings else "[]"
    indented_summary = json.dumps(summary, indent=2).replace("\n", "\n  ")
    return '{\n  "findings": ' + listed + ',\n  "summary": ' + indented_summary + "\n}\n"


def _finding(entry: dict[str, object]) -> str:
    """One finding as `json.dumps` indents it, four levels in; its text valid Unicode (a
    non-UTF-8 file name shown escaped)."""
    fields = ",\n".join(
        f"      {encode_basestring_ascii(key)}: {_value(v)}" for key, v in entry.items()
    )
    return "    {\n" + fields + "\n    }"


def _value(value: object) -> str:
    if isinstance(value, str):
        return encode_basestring_ascii(unicode_safe(value))
    if type(value) is int:
        return str(value)
    return json.dumps(value, indent=2).replace("\n", "\n      ")

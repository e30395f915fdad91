"""``--format junit``: JUnit XML, as CI servers (GitLab, Jenkins) show test results.

One ``<testsuite>`` per file with findings, one ``<testcase>`` per finding (named by its
position and message), and a final passing suite ``journeyctl`` that records how many files
were checked, so a clean run still reports one passing test. A finding fails its test case when
it fails the run (``--fail-on``); a milder one passes, with its text in ``<system-out>``, so
the test report and the exit code agree. File names, and the text of each result (which CI
logs print), go through the one sanitizer: a name cannot start a line of a CI log. Output is
pure ASCII (other characters become character references), so it is valid UTF-8 whatever the
console encoding.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import groupby

from journeyctl.core.finding import Finding, LintReport
from journeyctl.lint.report import ReportOptions
from journeyctl.workspace.messages import printable

# Characters XML 1.0 does not allow at all, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def render(report: LintReport, options: ReportOptions) -> str:
    """The ``<testsuites>`` document, indented, with an XML declaration."""
    findings = sorted(report.findings)
    threshold = options.fail_on

    def fails(finding: Finding) -> bool:
        return threshold is not None and finding.severity >= threshold

    root = ET.Element(
        "testsuites",
        name="journeyctl",
        tests=str(len(findings) + 1),
        failures=str(sum(map(fails, findings))),
        errors="0",
    )
    for path, group in groupby(findings, key=lambda finding: finding.path):
        in_file = list(group)
        suite = ET.SubElement(
            root,
            "testsuite",
            name=_xml_safe(printable(path)),
            tests=str(len(in_file)),
            failures=str(sum(map(fails, in_file))),
            errors="0",
            skipped="0",
        )
        for finding in in_file:
            _testcase(suite, finding, fails(finding))
    checked = ET.SubElement(
        root, "testsuite", name="journeyctl", tests="1", failures="0", errors="0", skipped="0"
    )
    noun = "file" if report.files == 1 else "files"
    ET.SubElement(
        checked, "testcase", classname="journeyctl", name=f"{report.files} {noun} checked"
    )
    ET.indent(root)
    body = ET.tostring(root, encoding="us-ascii", xml_declaration=False).decode("ascii")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def _testcase(suite: ET.Element, finding: Finding, failed: bool) -> None:
    where = f"{printable(finding.path)}:{finding.line}:{finding.column}"
    case = ET.SubElement(
        suite,
        "testcase",
        classname=_xml_safe(f"journeyctl.{finding.rule}"),
        name=_xml_safe(f"{where}: {finding.message}"),  # unique, as CI servers expect
    )
    # the element's text, which CI logs print, on one line (attributes keep line breaks as &#10;)
    text = printable(f"{where} {finding.severity.label} {finding.rule} {finding.message}")
    if failed:
        failure = ET.SubElement(
            case, "failure", type=finding.severity.label, message=_xml_safe(finding.message)
        )
        failure.text = text
    else:
        ET.SubElement(case, "system-out").text = text

"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run; the driver lists every registered rule (documentation included), and each result
points at a repository-relative URI under ``%SRCROOT%`` with a 1-based line and column
counted in Unicode code points.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import journeyctl
from journeyctl.core.finding import Finding, LintReport, Severity
from journeyctl.lint.report import ReportOptions

if TYPE_CHECKING:
    from journeyctl.lint.rules import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/journeyctl/journeyctl"
SRCROOT = "%SRCROOT%"

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(report: LintReport, options: ReportOptions) -> str:
    """The SARIF log as indented JSON."""
    from journeyctl.lint.rules import REGISTRY

    rules = list(REGISTRY.values())
    index = {rule.name: i for i, rule in enumerate(rules)}
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "journeyctl",
                        "version": journeyctl.__version__,
                        "semanticVersion": journeyctl.__version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule(rule) for rule in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_result(f, index.get(f.rule)) for f in sorted(report.findings)],
            }
        ],
    }
    return json.dumps(log, indent=2) + "\n"


def _rule(rule: Rule) -> dict[str, Any]:
    doc = rule.doc.strip()
    description = doc.split("\nBad:", 1)[0].strip()
    return {
        "id": rule.name,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": description},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
    }


def _result(finding: Finding, rule_index: int | None) -> dict[str, Any]:
    result: dict[str, Any] = {"ruleId": finding.rule}
    if rule_index is not None:
        result["ruleIndex"] = rule_index
    result["level"] = _LEVELS[finding.severity]
    result["message"] = {"text": finding.message}
    result["locations"] = [
        {
            "physicalLocation": {
                "artifactLocation": artifact_location(finding.path),
                "region": {
                    "startLine": max(finding.line, 1),
                    "startColumn": max(finding.column, 1),
                },
            }
        }
    ]
    return result


def artifact_location(path: str) -> dict[str, str]:
    """A relative path as a URI under ``%SRCROOT%``; an absolute one as a ``file:`` URI.

    Absolute paths inside the current directory are made relative to it first.
    """
    pure = PurePath(path)
    if pure.is_absolute():
        try:
            pure = Path(path).relative_to(Path.cwd())
        except ValueError:
            return {"uri": Path(path).as_uri()}
    return {"uri": quote(pure.as_posix()), "uriBaseId": SRCROOT}

"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run; the driver lists every registered rule (documentation and a link to it included),
and each result points at a URI relative to the repository root (``%SRCROOT%``, given in
``originalUriBaseIds``) with a 1-based line and column counted in Unicode code points, and
carries a fingerprint made of its rule and element id, which survives lines moving.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import journeyctl
from journeyctl.core.finding import Finding, LintReport, Severity
from journeyctl.lint.report import ReportOptions
from journeyctl.workspace.messages import unicode_safe
from journeyctl.workspace.root import repository_root

if TYPE_CHECKING:
    from journeyctl.lint.rules import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/journeyctl/journeyctl"
RULES_DOC = f"{INFORMATION_URI}/blob/main/docs/rules.md"
SRCROOT = "%SRCROOT%"
FINGERPRINT = "journeyctl/v1"

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_PROBLEM_SEVERITY = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "recommendation",
}


def render(report: LintReport, options: ReportOptions) -> str:
    """The SARIF log as indented JSON."""
    from journeyctl.lint.rules import REGISTRY

    rules = list(REGISTRY.values())
    index = {rule.name: i for i, rule in enumerate(rules)}
    root = options.root or repository_root()
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
                "originalUriBaseIds": {SRCROOT: {"uri": root.as_uri().rstrip("/") + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": _results(sorted(report.findings), index, root),
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
        "helpUri": f"{RULES_DOC}#{rule.name}",
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {
            "precision": "very-high",
            "problem.severity": _PROBLEM_SEVERITY[rule.severity],
        },
    }


def _results(findings: list[Finding], index: dict[str, int], root: Path) -> list[dict[str, Any]]:
    """One result per finding; findings of one file that share rule and identity (schema
    errors and unused suppressions have no element) are told apart by their order."""
    seen: Counter[tuple[str, str]] = Counter()
    results = []
    for finding in findings:
        first = (finding.path, fingerprint(finding))
        unique = fingerprint(finding, seen[first])
        seen[first] += 1
        results.append(_result(finding, index.get(finding.rule), root, unique))
    return results


def _result(
    finding: Finding, rule_index: int | None, root: Path, fingerprinted: str
) -> dict[str, Any]:
    result: dict[str, Any] = {"ruleId": finding.rule}
    if rule_index is not None:
        result["ruleIndex"] = rule_index
    result["level"] = _LEVELS[finding.severity]
    result["message"] = {"text": unicode_safe(finding.message)}
    result["locations"] = [
        {
            "physicalLocation": {
                "artifactLocation": artifact_location(finding.path, root),
                "region": {
                    "startLine": max(finding.line, 1),
                    "startColumn": max(finding.column, 1),
                },
            }
        }
    ]
    result["partialFingerprints"] = {FINGERPRINT: fingerprinted}
    return result


def fingerprint(finding: Finding, occurrence: int = 0) -> str:
    """The same for the same problem wherever its lines move: rule and element id (or, for
    findings without one, such as parse errors, the rule and message), and after the first,
    which occurrence of that pair in its file it is (GitHub merges equal fingerprints)."""
    identity = finding.element or finding.message
    key = f"{finding.rule}\0{identity}" + (f"\0{occurrence}" if occurrence else "")
    return hashlib.sha256(key.encode(errors="replace")).hexdigest()


def artifact_location(path: str, root: Path) -> dict[str, str]:
    """A path (as shown, relative to the current directory) as a URI relative to `root` under
    ``%SRCROOT%``; one outside `root` as a ``file:`` URI. Bytes that are not UTF-8 in a file
    name are percent-encoded as they are."""
    absolute = Path(os.path.abspath(path))  # noqa: PTH100 - keep symlinked names
    try:
        relative = absolute.relative_to(root)
    except ValueError:
        return {"uri": "file://" + quote(os.fsencode(absolute.as_posix()))}
    return {"uri": quote(os.fsencode(relative.as_posix())), "uriBaseId": SRCROOT}

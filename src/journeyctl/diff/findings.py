"""Lint findings of the two sides compared by rule and element id (`stage:x/step:y/...`),
never by line, so edits elsewhere in a file do not make a finding look new."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from journeyctl.core.finding import Finding
from journeyctl.diff.result import FindingsDelta


def finding_key(finding: Finding) -> tuple[str, str]:
    """What identifies a finding across versions: its rule and element id, without the
    document's own `kind:id` (so a renamed document keeps its findings); the message for
    findings without an element (parse and schema errors, cross-file checks)."""
    _, _, element = finding.element.partition("/")
    return finding.rule, element or "message:" + finding.message


def compare_findings(before: Iterable[Finding], after: Iterable[Finding]) -> FindingsDelta:
    """Split findings into the ones the change introduces and the ones it fixes."""
    old, new = tuple(sorted(before)), tuple(sorted(after))
    return FindingsDelta(old, new, _unmatched(new, old), _unmatched(old, new))


def _unmatched(findings: Sequence[Finding], others: Sequence[Finding]) -> tuple[Finding, ...]:
    remaining = Counter(finding_key(finding) for finding in others)
    unmatched: list[Finding] = []
    for finding in findings:
        key = finding_key(finding)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            unmatched.append(finding)
    return tuple(unmatched)

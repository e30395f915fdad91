"""Baselines: record today's findings so that only new ones fail, and see which got fixed.

A finding is identified by rule, file and element id (`journey:x/stage:y/step:z`), not by line,
so edits elsewhere in a file do not invalidate the baseline. Findings without an element (parse
and schema errors) are identified by their message instead. A `/` in a name is escaped in
element ids (`lint.element`); entries written before that still match.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from journeyctl.core.errors import UsageError
from journeyctl.core.finding import Finding
from journeyctl.lint.element import SEPARATOR, split
from journeyctl.workspace.read import read_regular
from journeyctl.workspace.write import write_file

FORMAT_VERSION = 1

Key = tuple[str, str, str]


def key_of(finding: Finding) -> Key:
    """What stays the same about a finding while the file around it changes."""
    return finding.rule, finding.path, finding.element or finding.message


@dataclass(frozen=True)
class Comparison:
    """Findings not in the baseline, and baseline entries no longer found."""

    new: list[Finding]
    fixed: list[Key]


def write_baseline(path: Path, findings: Iterable[Finding], inputs: Sequence[Path] = ()) -> int:
    """Write the baseline file (never over one of the run's `inputs` or a journeyctl file);
    return how many findings it holds."""
    entries = [
        {"rule": rule, "path": file, "element": element}
        for rule, file, element in sorted(key_of(finding) for finding in findings)
    ]
    document = {"journeyctl-baseline": FORMAT_VERSION, "findings": entries}
    text = json.dumps(document, indent=2, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a file name that is not UTF-8: written as \udcff, read back
        text = json.dumps(document, indent=2)
    write_file(path, text + "\n", inputs)
    return len(entries)


def read_baseline(path: Path) -> Counter[Key]:
    """Read a baseline file written by `write_baseline`."""
    try:
        document = json.loads(read_regular(path).decode("utf-8"))
    except OSError as error:
        raise UsageError(f"{path}: cannot read baseline: {error.strerror or error}") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise UsageError(f"{path}: not a journeyctl baseline: {error}") from None
    except RecursionError:
        raise UsageError(f"{path}: not a journeyctl baseline: nested too deeply") from None
    if not isinstance(document, dict) or document.get("journeyctl-baseline") != FORMAT_VERSION:
        raise UsageError(f"{path}: not a journeyctl baseline (version {FORMAT_VERSION})")
    try:
        return Counter(
            (str(e["rule"]), str(e["path"]), str(e["element"])) for e in document["findings"]
        )
    except (KeyError, TypeError) as error:
        raise UsageError(f"{path}: malformed baseline entry: {error}") from None


def compare(findings: Iterable[Finding], baseline: Counter[Key]) -> Comparison:
    """Split findings into new ones; baseline entries left over were fixed."""
    remaining = Counter(baseline)
    still_found: set[Key] = set()
    new: list[Finding] = []
    for finding in sorted(findings):
        key = key_of(finding)
        combined = _combined(key)
        if remaining[key] > 0:
            remaining[key] -= 1
        elif (legacy := _unescaped(key)) != key and remaining[legacy] > 0:
            remaining[legacy] -= 1
        elif combined is not None and baseline[combined] > 0:
            still_found.add(combined)
        else:
            new.append(finding)
    for key in still_found:
        del remaining[key]
    fixed = sorted(remaining.elements())
    return Comparison(new, fixed)


def _unescaped(key: Key) -> Key:
    """The key as baselines wrote it before a `/` in a name was escaped in element ids
    (`metric:trial/paid`, now `metric:trial%2Fpaid`), so that such entries still match."""
    rule, path, element = key
    return (rule, path, SEPARATOR.join(split(element))) if "%" in element else key


def _combined(key: Key) -> Key | None:
    """The key of a missing-stage finding in baselines written before each missing stage was
    a finding of its own (one finding per journey, at `.../stages`); such an entry still
    covers every missing stage of its journey."""
    rule, path, element = key
    stages, found, _ = element.rpartition("/lifecycle:")
    return (rule, path, stages) if rule == "missing-stage" and found else None

"""Inline suppression comments, read from the raw lines of a file.

`# journeyctl: disable=rule-a,rule-b` silences those rules on its own line and the line below;
`# journeyctl: disable-file=rule-a` silences them in the whole file; `all` names every rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_COMMENT = re.compile(r"#\s*journeyctl:\s*(disable|disable-file)\s*=\s*([A-Za-z0-9_,\s-]+)")
_NAME = re.compile(r"[A-Za-z0-9_-]+")
_MARKER = "journeyctl:"


@dataclass(frozen=True)
class Suppression:
    """One rule named in one suppression comment."""

    rule: str
    line: int
    column: int
    whole_file: bool


@dataclass
class Suppressions:
    """The suppression comments of one file, and which of them silenced something."""

    entries: list[Suppression] = field(default_factory=list)
    used: set[Suppression] = field(default_factory=set)

    def silences(self, rule: str, line: int) -> bool:
        """True (and the comment counts as used) when a comment silences `rule` at `line`."""
        hit = False
        for entry in self.entries:
            if entry.rule not in (rule, "all"):
                continue
            if entry.whole_file or entry.line in (line, line - 1):
                self.used.add(entry)
                hit = True
        return hit

    def unused(self) -> list[Suppression]:
        """Entries that silenced nothing, in file order."""
        return [entry for entry in self.entries if entry not in self.used]


def read_suppressions(text: str) -> Suppressions:
    """Find every suppression comment in the text of a file."""
    result = Suppressions()
    if _MARKER not in text or "disable" not in text:
        return result
    for number, line in enumerate(text.splitlines(), start=1):
        if "disable" not in line:
            continue
        match = _COMMENT.search(line)
        if match is None:
            continue
        whole_file = match.group(1) == "disable-file"
        for name in _NAME.finditer(match.group(2)):
            column = match.start(2) + name.start() + 1
            result.entries.append(Suppression(name.group(), number, column, whole_file))
    return result

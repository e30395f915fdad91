"""A `# journeyctl: disable=...` comment suppresses nothing, or names an unknown rule.

Suppressions outlive the problems they hid; remove them once the problem is fixed.
`# journeyctl: disable=RULE` applies to its own line and the line below it;
`# journeyctl: disable-file=RULE` to the whole file. Several rules are separated by commas.

Bad:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: decision
        name: Decision
        owner: sales
        steps:
          # journeyctl: disable=unowned-step
          - {id: buys, name: Buys, terminal: true}

Good:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: decision
        name: Decision
        steps:
          # journeyctl: disable=unowned-step
          - {id: buys, name: Buys, terminal: true}
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import TYPE_CHECKING

from journeyctl.core.finding import Severity

if TYPE_CHECKING:
    from journeyctl.workspace.suppress import Suppressions

NAME = "unused-suppression"
SEVERITY = Severity.INFO


def found(
    suppressions: Suppressions, known_rules: Collection[str]
) -> Iterator[tuple[int, int, str]]:
    """The line, column and message of each suppression that silenced nothing, or that names
    a rule there is no such rule (`known_rules`); call it after suppressions were applied."""
    for entry in suppressions.unused():
        if entry.rule != "all" and entry.rule not in known_rules:
            message = f"suppression names unknown rule '{entry.rule}'"
        else:
            message = f"suppression of '{entry.rule}' silences nothing; remove it"
        yield entry.line, entry.column, message

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

from journeyctl.core.finding import Severity

NAME = "unused-suppression"
SEVERITY = Severity.INFO

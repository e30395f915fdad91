"""The document does not match the journeyctl format (wrong type, unknown key, bad value).

Keys are checked against the model so that typos never pass silently: an unknown key is
reported at that key, a bad value at that value, a missing required key at the mapping that
lacks it. Keys that start with `x-` are your own extensions and are allowed anywhere.

Bad:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: awareness
        name: Awareness
        steps:
          - id: sees-ad
            name: Sees an ad
            ownr: marketing
            emotion: 5

Good:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: awareness
        name: Awareness
        steps:
          - id: sees-ad
            name: Sees an ad
            owner: marketing
            emotion: 2
            x-jira: GROW-12
"""

from journeyctl.core.finding import Severity

NAME = "schema-error"
SEVERITY = Severity.ERROR

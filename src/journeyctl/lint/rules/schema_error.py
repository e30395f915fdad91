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

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from journeyctl.core.finding import Severity

if TYPE_CHECKING:
    from journeyctl.core.validation import Invalid
    from journeyctl.workspace.positions import Spot

NAME = "schema-error"
SEVERITY = Severity.ERROR
NOT_JOURNEYCTL = "not a journeyctl file: add `journeyctl: 1` first"
"""The finding on a named file that loads but has no top-level `journeyctl` key."""


def found(invalid: Invalid, root: Spot) -> Iterator[tuple[int, int, str]]:
    """The line, column and message of each way the document does not fit the model."""
    from journeyctl.workspace.load import locate

    for mismatch in invalid.problems:
        line, column = locate(root, mismatch.where, mismatch.at_key)
        yield line, column, mismatch.message

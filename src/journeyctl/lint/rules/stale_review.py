"""The document's `reviewed` date is older than the project's `review_every` (default 90d).

Maps go stale silently; a review date makes it visible. Documents without `reviewed` are
not checked.

Bad (reviewed long ago):

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    reviewed: 2020-01-01
    stages: []

Good (reviewed recently):

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    reviewed: 2999-01-01
    stages: []
"""

from collections.abc import Iterator

from journeyctl.core.fields import parse_duration
from journeyctl.core.finding import Severity
from journeyctl.core.model import Flow
from journeyctl.lint.rules.base import Context, Problem

NAME = "stale-review"
SEVERITY = Severity.WARNING


def check(doc: Flow, ctx: Context) -> Iterator[Problem]:
    """Report a `reviewed` date further back than `review_every` from today."""
    if doc.reviewed is None:
        return
    limit = parse_duration(ctx.settings.review_every)
    age = ctx.today - doc.reviewed
    if age > limit:
        yield Problem(
            ("reviewed",),
            f"last reviewed {doc.reviewed.isoformat()}, {age.days} days ago; "
            f"reviews are due every {ctx.settings.review_every}",
        )

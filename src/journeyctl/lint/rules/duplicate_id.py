"""Two stages or two steps share an id in one document, or two documents share kind, id and state.

Step ids are what `next` refers to, so they must be unique across the whole document, not only
within a stage. A journey's `current` and `optimized` versions share an id and differ in state;
two files with the same kind, id and state make every reference ambiguous; each of them is
reported.

Bad:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: awareness
        name: Awareness
        steps:
          - {id: sees-ad, name: Sees an ad}
      - id: consideration
        name: Consideration
        steps:
          - {id: sees-ad, name: Sees a retargeting ad}

Good:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: awareness
        name: Awareness
        steps:
          - {id: sees-ad, name: Sees an ad}
      - id: consideration
        name: Consideration
        steps:
          - {id: sees-retargeting-ad, name: Sees a retargeting ad}
"""

from collections import defaultdict
from collections.abc import Iterator

from journeyctl.core.finding import Severity
from journeyctl.core.model import Flow
from journeyctl.lint.rules.base import Context, DocRef, Problem, ProjectProblem

NAME = "duplicate-id"
SEVERITY = Severity.ERROR


def check(doc: Flow, ctx: Context) -> Iterator[Problem]:
    """Report every stage or step id after its first use in the document."""
    stage_seen: dict[str, int] = {}
    step_seen: dict[str, str] = {}
    for si, stage in enumerate(doc.stages):
        if stage.id in stage_seen:
            yield Problem(
                ("stages", si, "id"),
                f"stage id '{stage.id}' is already used by stage #{stage_seen[stage.id] + 1}",
            )
        else:
            stage_seen[stage.id] = si
        for ti, step in enumerate(stage.steps):
            if step.id in step_seen:
                yield Problem(
                    ("stages", si, "steps", ti, "id"),
                    f"step id '{step.id}' is already used in stage '{step_seen[step.id]}'",
                )
            else:
                step_seen[step.id] = stage.id


SHOWN_PLACES = 3
"""How many other places a finding names before it says "and N more"."""


def check_project(docs: list[DocRef]) -> Iterator[ProjectProblem]:
    """Report every document whose kind, id and state another document has too, naming a
    handful of the other places (linear in the number of documents, however many share)."""
    groups: dict[tuple[str, str, str | None], list[DocRef]] = defaultdict(list)
    for ref in docs:
        groups[(ref.kind, ref.id, ref.state)].append(ref)
    for group in groups.values():
        if len(group) < 2:
            continue
        for index, ref in enumerate(group):
            state = f" ({ref.state})" if ref.state else ""
            yield ProjectProblem(
                ref.path,
                *ref.id_position,
                f"{ref.kind} '{ref.id}'{state} is also defined in {_others(group, index)}",
            )


def _others(group: list[DocRef], index: int) -> str:
    """The first few places of the group other than `index`, and how many more there are."""
    shown = [f"{other.path}:{other.id_position[0]}" for other in group[: SHOWN_PLACES + 1]]
    if index <= SHOWN_PLACES:
        del shown[index]
    shown = shown[:SHOWN_PLACES]
    more = len(group) - 1 - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more else "")

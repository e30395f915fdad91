"""A `next`, `persona`, owner or actor names something that does not exist.

`next` must name step ids of the same document; `persona` must name a persona document of the
project; owners (of the document, stages, steps and opportunities) and team actors must be ids
of the `owners` registry in journeyctl.yaml, when the project has one. `customer` and
`system` are always valid actors.

Bad:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: awareness
        name: Awareness
        steps:
          - {id: sees-ad, name: Sees an ad, next: [visit-pricing]}
          - {id: visits-pricing, name: Visits pricing, terminal: true}

Good:

    journeyctl: 1
    kind: journey
    id: onboarding
    title: Onboarding
    stages:
      - id: awareness
        name: Awareness
        steps:
          - {id: sees-ad, name: Sees an ad, next: [visits-pricing]}
          - {id: visits-pricing, name: Visits pricing, terminal: true}
"""

from collections.abc import Iterator

from journeyctl.core.finding import Severity
from journeyctl.core.model import Flow, Opportunity
from journeyctl.core.suggest import did_you_mean, listed
from journeyctl.lint.rules.base import Context, DocRef, Path, Problem, ProjectProblem, steps_of

NAME = "dangling-reference"
SEVERITY = Severity.ERROR

BUILTIN_ACTORS = frozenset({"customer", "system"})


def check(doc: Flow, ctx: Context) -> Iterator[Problem]:
    """Check `next` against the document's steps and owners against the registry."""
    step_ids = {step.id for stage in doc.stages for step in stage.steps}
    for si, ti, where in steps_of(doc):
        step = doc.stages[si].steps[ti]
        for ni, target in enumerate(step.next or ()):
            if target not in step_ids:
                yield Problem(
                    (*where, "next", ni),
                    f"step '{step.id}' goes next to '{target}', "
                    f"which is no step of this {doc.kind}{did_you_mean(target, step_ids)}",
                )
    owners = ctx.owners
    if owners is None:
        return
    yield from _unknown_owner(doc.owner, ("owner",), owners)
    for si, stage in enumerate(doc.stages):
        yield from _unknown_owner(stage.owner, ("stages", si, "owner"), owners)
        yield from _opportunity_owners(stage.opportunities, ("stages", si), owners)
    for si, ti, where in steps_of(doc):
        step = doc.stages[si].steps[ti]
        yield from _unknown_owner(step.owner, (*where, "owner"), owners)
        if step.actor is not None and step.actor not in BUILTIN_ACTORS:
            yield from _unknown_owner(step.actor, (*where, "actor"), owners, what="actor")
        yield from _opportunity_owners(step.opportunities, where, owners)


def _opportunity_owners(
    opportunities: list[Opportunity], where: Path, owners: frozenset[str]
) -> Iterator[Problem]:
    for oi, opportunity in enumerate(opportunities):
        yield from _unknown_owner(opportunity.owner, (*where, "opportunities", oi, "owner"), owners)


def _unknown_owner(
    owner: str | None, where: Path, owners: frozenset[str], what: str = "owner"
) -> Iterator[Problem]:
    if owner is not None and owner not in owners:
        hint = did_you_mean(owner, owners, f" (known: {listed(owners)})")
        yield Problem(where, f"{what} '{owner}' is not in the owners registry{hint}")


def check_project(docs: list[DocRef]) -> Iterator[ProjectProblem]:
    """Check every `persona:` against the persona documents of the project."""
    personas = {ref.id for ref in docs if ref.kind == "persona"}
    for ref in docs:
        if ref.persona is None or ref.persona in personas or ref.persona_position is None:
            continue
        yield ProjectProblem(
            ref.path,
            *ref.persona_position,
            f"persona '{ref.persona}' names no persona document in the project",
        )

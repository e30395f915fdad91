"""Pydantic models of journeyctl files: the single source of truth for the format and its schema.

Unknown keys are errors so that typos never pass silently. Keys starting with ``x-`` are a
user's own extensions: the loader sets them aside before validation and the JSON Schema
allows them.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic.config import JsonDict

from journeyctl.core.fields import (
    Duration,
    Emotion,
    GithubHandle,
    IsoDate,
    Link,
    Slug,
    Text,
    Version,
)

# JSON Schema lets `x-` extension keys through, as the loader does.
_EXTENSIONS: JsonDict = {"patternProperties": {"^x-": {}}}


class Strict(BaseModel):
    """Base of every model: unknown keys are errors; `x-` keys are allowed by the schema."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_EXTENSIONS, frozen=True)


class Channel(StrEnum):
    """Where a touchpoint happens."""

    WEB = "web"
    EMAIL = "email"
    PHONE = "phone"
    CHAT = "chat"
    SOCIAL = "social"
    ADS = "ads"
    IN_APP = "in-app"
    IN_PERSON = "in-person"
    EVENT = "event"
    PARTNER = "partner"
    OTHER = "other"


class Layer(StrEnum):
    """The service-blueprint lane of a step."""

    FRONTSTAGE = "frontstage"
    BACKSTAGE = "backstage"
    SUPPORT = "support"


class Priority(StrEnum):
    """How urgent an opportunity is."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Status(StrEnum):
    """Where an opportunity stands."""

    OPEN = "open"
    PLANNED = "planned"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    DROPPED = "dropped"


CLOSED = frozenset({Status.DONE, Status.DROPPED})
"""Statuses of opportunities nobody needs to act on any more."""


class EvidenceKind(StrEnum):
    """What backs a claim about the journey."""

    ANALYTICAL = "analytical"
    ANECDOTAL = "anecdotal"
    OBSERVED = "observed"
    SURVEY = "survey"
    ASSUMPTION = "assumption"


class Metric(Strict):
    """A number that shows whether a stage works."""

    name: Text = Field(description="What is measured, e.g. `visit-to-signup`.")
    target: float | None = Field(None, description="The value the team aims for.")
    actual: float | None = Field(None, description="The value measured most recently.")
    unit: str | None = Field(None, description="Unit of target and actual, e.g. `ratio`, `days`.")
    better: Literal["higher", "lower"] = Field(
        "higher", description="Whether a higher or a lower actual is better (default higher)."
    )

    def misses_target(self) -> bool:
        """Its `actual` is on the wrong side of its `target` (rule missed-target; stats)."""
        if self.target is None or self.actual is None:
            return False
        if self.better == "higher":
            return self.actual < self.target
        return self.actual > self.target


class Opportunity(Strict):
    """An idea that would remove a pain point, with someone to act on it."""

    text: Text = Field(description="What could be done.")
    priority: Priority | None = Field(None, description="high | medium | low")
    owner: Slug | None = Field(None, description="Team that will act on it (an owners id).")
    due: IsoDate | None = Field(None, description="When it should be done.")
    status: Status = Field(
        Status.OPEN, description="open | planned | in-progress | done | dropped (default open)"
    )
    link: Link | None = Field(
        None, description="Where the work is tracked: a URL or `owner/repo#123`."
    )

    def is_overdue(self, today: date) -> bool:
        """Past its `due` date and neither done nor dropped."""
        return self.due is not None and self.due < today and self.status not in CLOSED


class Evidence(Strict):
    """Research that backs what the map says."""

    kind: EvidenceKind = Field(
        description="analytical | anecdotal | observed | survey | assumption"
    )
    source: Text = Field(description="Where it comes from, e.g. `GA4 funnel 2026-Q3`.")
    note: str | None = Field(None, description="What it shows.")


class Step(Strict):
    """One thing the customer (or a team) does, at one touchpoint."""

    id: Slug = Field(description="Unique within the document; referenced by `next`.")
    name: Text = Field(description="Short name shown on diagrams.")
    actor: Slug | None = Field(None, description="Who acts: `customer`, `system` or a team id.")
    owner: Slug | None = Field(
        None, description="Accountable team (an owners id); falls back to the stage owner."
    )
    channel: Channel | None = Field(None, description="Channel of the touchpoint.")
    touchpoint: str | None = Field(None, description="Where the customer meets the company.")
    layer: Layer | None = Field(None, description="Service-blueprint lane.")
    action: str | None = Field(None, description="What happens in the step.")
    outcome: str | None = Field(None, description="What the step achieves when it goes well.")
    thoughts: str | None = Field(None, description="What the customer thinks here.")
    emotion: Emotion | None = None
    sla: Duration | None = Field(None, description="How soon after the previous step it happens.")
    pain_points: list[Text] = Field(default_factory=list, description="What hurts here.")
    opportunities: list[Opportunity] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    systems: list[Text] = Field(default_factory=list, description="Tools involved.")
    next: list[Slug] | None = Field(
        None,
        description="Step ids that follow; default the next step in document order; "
        "`[]` means no successor.",
    )
    terminal: bool = Field(
        False, strict=True, description="True where the journey may end (purchase, churn)."
    )


class Stage(Strict):
    """A phase of the journey, such as awareness or onboarding."""

    id: Slug = Field(description="Unique within the document, e.g. `awareness`.")
    name: Text = Field(description="Shown as the column or cluster title.")
    owner: Slug | None = Field(None, description="Default owner of the stage's steps.")
    goal: str | None = Field(None, description="What the customer wants from this stage.")
    trigger: str | None = Field(None, description="What starts the stage.")
    outcome: str | None = Field(None, description="The milestone that ends the stage.")
    duration: Duration | None = Field(None, description="Expected time in the stage.")
    metrics: list[Metric] = Field(default_factory=list)
    opportunities: list[Opportunity] = Field(
        default_factory=list, description="Opportunities that concern the whole stage."
    )
    steps: list[Step] = Field(default_factory=list, description="The steps, in order.")

    @field_validator("steps", mode="before")
    @classmethod
    def _null_steps_are_empty(cls, value: Any) -> Any:
        """`steps:` with nothing after it is an empty stage (rule empty-stage), not a typo."""
        return [] if value is None else value


def step_owner(step: Step, stage: Stage) -> str | None:
    """A step's accountable team: its own owner, else its stage's (rule unowned-step)."""
    return step.owner or stage.owner


class Header(Strict):
    """Keys every journeyctl document starts with."""

    journeyctl: Version = Field(description="Format version; always 1.")
    kind: Literal["journey", "workflow", "persona"] = Field(
        description="journey | workflow | persona"
    )
    id: Slug = Field(description="Unique per kind and state.")


class Flow(Header):
    """What journeys and workflows share: stages of steps."""

    kind: Literal["journey", "workflow"]
    title: Text = Field(description="Human title.")
    state: Literal["current", "optimized"] = Field(
        "current", description="`current` (as is) or `optimized` (to be)."
    )
    persona: Slug | None = Field(None, description="Id of a persona document.")
    owner: Slug | None = Field(None, description="Team accountable for the whole document.")
    reviewed: IsoDate | None = Field(
        None, description="Date of the last review (rule stale-review)."
    )
    segment: str | None = None
    description: str | None = None
    stages: list[Stage] = Field(description="The stages, in order.")


class Journey(Flow):
    """How a customer moves from first contact to loyal advocate."""

    kind: Literal["journey"]


class Workflow(Flow):
    """An internal process behind a journey: every action with an owner and an outcome."""

    kind: Literal["workflow"]


class Persona(Header):
    """A customer archetype that journeys are drawn for."""

    kind: Literal["persona"]
    name: Text
    role: str | None = None
    goals: list[Text] = Field(default_factory=list)
    pain_points: list[Text] = Field(default_factory=list)
    demographics: dict[str, str | int | float] = Field(default_factory=dict)
    quote: str | None = None


Document = Journey | Workflow | Persona
DOCUMENT_MODELS: dict[str, type[Journey] | type[Workflow] | type[Persona]] = {
    "journey": Journey,
    "workflow": Workflow,
    "persona": Persona,
}


class Owner(Strict):
    """A team that may own steps."""

    name: Text = Field(description="Display name of the team.")
    lead: str | None = Field(None, description="Who leads it.")
    github: GithubHandle | None = Field(
        None, description="Its GitHub team or user, for `journeyctl owners --codeowners`."
    )


RuleSetting = Literal["error", "warning", "info", "off"]


class Settings(Strict):
    """Project settings: `journeyctl.yaml` or `[tool.journeyctl]` in pyproject.toml."""

    journeyctl: Version | None = Field(None, description="Format version; 1.")
    owners: dict[Slug, Owner] | None = Field(
        None, description="Registry of teams that may own steps; owners outside it are errors."
    )
    lifecycle: list[Slug] | None = Field(
        None, description="Ordered stage ids every journey is expected to cover."
    )
    review_every: Duration = Field("90d", description="How often maps must be reviewed.")
    rules: dict[str, RuleSetting] = Field(
        default_factory=dict, description="Severity per rule name, or `off`."
    )
    include: list[str] = Field(
        default_factory=lambda: ["**/*.yaml", "**/*.yml"],
        description="Globs of files to lint, relative to the settings file.",
    )
    exclude: list[str] = Field(default_factory=list, description="Globs of files to skip.")

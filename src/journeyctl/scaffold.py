"""What `journeyctl init` writes: a small project that lints clean and teaches the format.

Every file starts with a `# yaml-language-server: $schema=...` modeline that points, by a
relative path, at the JSON Schemas written beside it in `schemas/`, so an editor with the
YAML language server (VS Code: redhat.vscode-yaml) completes and checks keys offline, against
the schema of the journeyctl version that wrote them. `journeyctl schema -o schemas`
refreshes them after an upgrade.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path, PurePosixPath

from journeyctl.core.errors import UsageError
from journeyctl.schema import dump, schemas
from journeyctl.workspace.cache import ignoring_cache
from journeyctl.workspace.read import read_regular
from journeyctl.workspace.settings import SETTINGS_NAMES, read_pyproject_settings
from journeyctl.workspace.write import check_target, write_file, write_files

SCHEMA_DIR = "schemas"
DOCUMENT_SCHEMA = f"{SCHEMA_DIR}/journey.schema.json"
SETTINGS_SCHEMA = f"{SCHEMA_DIR}/settings.schema.json"
PERSONA_PATH = "personas/new-customer.yaml"
JOURNEY_PATH = "journeys/first-purchase.yaml"


def modeline(file: str, schema: str) -> str:
    """The modeline of `file` pointing at `schema`, both relative to the project root."""
    depth = len(PurePosixPath(file).parent.parts)
    return f"# yaml-language-server: $schema={'../' * depth}{schema}\n"


SETTINGS = """\
#
# journeyctl project settings. journeyctl finds this file by walking up from the path it
# checks, so `journeyctl lint` anywhere in the project uses it.
journeyctl: 1

# The teams that may own journeys, stages, steps and opportunities. An `owner:` (or a team
# `actor:`) missing from this list is a `dangling-reference` error, so typos never pass.
# `customer` and `system` are always valid actors.
owners:
  marketing:
    name: Marketing
  sales:
    name: Sales
  customer-success:
    name: Customer Success
  support:
    name: Support
  product:
    name: Product

# The stages every journey is expected to cover, in order (rule `missing-stage`).
lifecycle: [awareness, consideration, decision, onboarding, loyalty]

# A map whose `reviewed:` date is older than this is flagged by `stale-review`.
review_every: 90d

# Severity per rule: error | warning | info | off; `journeyctl rules` lists them all.
# rules:
#   emotion-cliff: error        # make a big drop in emotion fail CI
#   stale-review: "off"
#   missed-target: warning

# Which files to check, relative to this file (these are the defaults):
# include: ["**/*.yaml", "**/*.yml"]
# exclude: []
"""

PERSONA = """\
#
# A persona: the customer a journey is drawn for. Journeys name it with
# `persona: new-customer`.
journeyctl: 1
kind: persona
id: new-customer
name: Sam, the new customer
role: Buys for a small team and sets the product up
goals:
  - Solve the team's problem this quarter without a long evaluation
  - Get the team using the product in the first week
pain_points:
  - Cannot tell which plan fits before talking to sales
demographics:
  company_size: 10-50 employees
quote: "If I can't try it today, I'll try something else."
"""

JOURNEY = """\
#
# A journey: the stages and steps a customer goes through, with who owns each step.
# `journeyctl lint` checks it; `journeyctl explain RULE` explains a finding.
journeyctl: 1
kind: journey
id: first-purchase
title: From first visit to loyal customer
state: current                # current (as is) | optimized (to be)
persona: new-customer         # the id of personas/new-customer.yaml
owner: customer-success       # accountable for the journey as a whole
reviewed: {today}             # rule stale-review: older than review_every is flagged
stages:
  - id: awareness
    name: Awareness
    owner: marketing          # default owner of the stage's steps
    goal: Find a tool for the team's problem
    outcome: Visits the website
    duration: 14d
    metrics:
      - {{name: visit-rate, target: 0.02, unit: ratio}}
    steps:
      - id: reads-article
        name: Reads a comparison article
        actor: customer
        channel: web
        touchpoint: Blog post
        layer: frontstage
        outcome: Clicks through to the home page
        emotion: 0
        next: [visits-site]   # optional: by default the next step in document order

      - id: visits-site
        name: Visits the website
        actor: customer
        channel: web
        touchpoint: Home page
        layer: frontstage
        outcome: Looks at pricing
        emotion: 1

  - id: consideration
    name: Consideration
    owner: marketing
    goal: Decide whether the product fits
    outcome: Starts a trial
    duration: 7d
    metrics:
      - {{name: visit-to-trial, target: 0.05, unit: ratio}}
    steps:
      - id: compares-plans
        name: Compares plans
        actor: customer
        channel: web
        touchpoint: Pricing page
        layer: frontstage
        outcome: Picks a plan to try
        thoughts: "Which plan do we need?"
        emotion: -1           # -2 (very negative) .. 2 (very positive)
        pain_points: ["Plan limits are hard to compare"]
        opportunities:
          - {{text: Add a plan comparison table, priority: high, owner: marketing}}

  - id: decision
    name: Decision
    owner: sales
    goal: Buy the right plan
    outcome: A paid subscription
    duration: 14d
    metrics:
      - {{name: trial-to-paid, target: 0.2, unit: ratio}}
    steps:
      - id: buys
        name: Buys a subscription
        actor: customer
        channel: in-app
        touchpoint: Checkout
        layer: frontstage
        outcome: Subscription paid
        emotion: 1
        sla: 14d              # another team takes over: how soon (rule handoff-without-sla)
        systems: [Billing]

  - id: onboarding
    name: Onboarding
    owner: customer-success
    goal: Get the team using the product
    outcome: The team uses the product every week
    duration: 2w
    metrics:
      - {{name: weekly-active-teams, target: 0.6, unit: ratio}}
    steps:
      - id: sets-up
        name: Sets up the workspace
        actor: customer
        channel: in-app
        touchpoint: Setup checklist
        layer: frontstage
        outcome: Workspace ready and team invited
        emotion: 1
        sla: 2d

  - id: loyalty
    name: Loyalty
    owner: customer-success
    goal: Keep getting value
    outcome: Renews the subscription
    duration: 52w
    metrics:
      - {{name: renewal-rate, target: 0.9, unit: ratio}}
    steps:
      - id: renews
        name: Renews
        actor: customer
        channel: email
        touchpoint: Renewal reminder
        layer: frontstage
        outcome: Subscription renewed
        emotion: 2
        terminal: true        # the journey may end here
"""


def project_files(today: date, folder_name: str = "") -> dict[str, str]:
    """Every file `init` writes, by path relative to the project directory.

    `folder_name` is the name of that directory: a subfolder of the same name is not repeated
    (`init journeys/` writes `journeys/first-purchase.yaml`, not `journeys/journeys/...`), and
    the modelines point at wherever the schemas are.
    """

    def placed(name: str) -> str:
        first, *rest = PurePosixPath(name).parts
        return "/".join(rest) if rest and first == folder_name else name

    document_schema, settings_schema = placed(DOCUMENT_SCHEMA), placed(SETTINGS_SCHEMA)
    persona, journey = placed(PERSONA_PATH), placed(JOURNEY_PATH)
    files = {
        "journeyctl.yaml": modeline("journeyctl.yaml", settings_schema) + SETTINGS,
        persona: modeline(persona, document_schema) + PERSONA,
        journey: modeline(journey, document_schema) + JOURNEY.format(today=today.isoformat()),
    }
    for name, content in schemas().items():
        files[placed(f"{SCHEMA_DIR}/{name}")] = dump(content)
    return files


def check_free(directory: Path, files: dict[str, str]) -> None:
    """Raise UsageError, naming it, when anything `init` would write is already there.

    Another settings file in the directory counts too: a new journeyctl.yaml would silently
    take its place.
    """
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{directory}: not a directory")
    for name in files:
        path = directory / name
        for parent in reversed(PurePosixPath(name).parents[:-1]):
            folder = directory / parent
            if folder.exists() and not folder.is_dir():
                raise UsageError(f"{folder}: exists and is not a directory; nothing written")
        if path.exists() or path.is_symlink():
            raise UsageError(f"{path}: already exists; nothing written (init never overwrites)")
    for name in SETTINGS_NAMES:
        if (directory / name).exists():
            raise UsageError(
                f"{directory / name}: the project already has settings; nothing written"
            )
    pyproject = directory / "pyproject.toml"
    if pyproject.is_file() and read_pyproject_settings(pyproject) is not None:
        raise UsageError(
            f"{pyproject}: the project already has [tool.journeyctl] settings; nothing written"
        )


def write_project(directory: Path, files: dict[str, str]) -> list[tuple[Path, str]]:
    """Write the project's files, all or nothing, with a .gitignore that ignores journeyctl's
    cache: a new one among the files, or a line added to the existing one (written first, and
    put back should the others fail). Returns each path written, and "created" or "updated"."""
    targets: dict[Path, str | bytes] = {directory / name: text for name, text in files.items()}
    ignore = directory / ".gitignore"
    try:
        before = read_regular(ignore) if ignore.exists() or ignore.is_symlink() else None
    except OSError as error:
        raise UsageError(
            f"{ignore}: cannot read: {error.strerror or error}; nothing written"
        ) from None
    after = ignoring_cache(before)
    if after is None or before is None:
        targets.update({ignore: after} if after is not None else {})
        return [(path, "created") for path in write_files(targets)]
    for path in (ignore, *targets):
        check_target(path)
    write_file(ignore, after)
    try:
        written = write_files(targets)
    except UsageError:
        write_file(ignore, before)
        raise
    return [(ignore, "updated"), *((path, "created") for path in written)]

#!/usr/bin/env python3
"""Benchmark `journeyctl lint` against yamllint and a bare PyYAML load.

Generates a synthetic repository of journey maps (deterministic, seeded), then times each
command of `cases()` in a fresh subprocess, round-robin, and prints a table and the
ratios that the targets are expressed in. Every time is the wall-clock time of the whole
subprocess, interpreter start-up and exit included, measured the same way for every case.
Peak memory (`ru_maxrss`) is measured in one extra run of the cases that ask for it, each
the only child of a small launcher process.

    python bench/run.py                 # full corpus (500 files, ~28 MB), median of 3
    python bench/run.py --quick         # 50 files, median of 1: a smoke run
    python bench/run.py --regenerate    # rebuild the corpus even if it exists
    python bench/run.py --check         # also validate the corpus against the models
    python bench/run.py --huge          # also lint, diff and render 100,000 steps, once each

A benchmark is a report, not a gate: the exit code is 0 whatever the numbers, and 1 only
when a command crashed (or exited with a code its case does not expect).
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CORPUS = BENCH / "corpus"
CORPUS_QUICK = BENCH / "corpus-quick"
CORPUS_BIG = BENCH / "corpus-big"
CORPUS_HUGE = BENCH / "corpus-huge"
CORPUS_HISTORY = BENCH / "corpus-history"  # a git repository: see history.py
MANIFEST = ".bench-manifest.json"

GENERATOR_VERSION = 1
SEED = 20261124
FILES = 500
QUICK_FILES = 50
STEPS_PER_FILE = 120
BIG_STEPS = 10_000
RENDER_STEPS = 1_000  # the journey `render` draws to SVG, Graphviz layout included
HUGE_STEPS = 100_000  # --huge: the same commands at 100,000 steps, to show the cost is linear

# --------------------------------------------------------------------------------------
# Vocabulary of the synthetic corpus
# --------------------------------------------------------------------------------------
# fmt: off

TEAMS: dict[str, tuple[str, str]] = {
    "marketing": ("Marketing", "Priya Natarajan"),
    "growth": ("Growth", "Jonas Berg"),
    "sales": ("Sales", "Marcus Webb"),
    "sdr": ("Sales Development", "Aisha Bello"),
    "sales-ops": ("Sales Operations", "Ines Carvalho"),
    "solutions": ("Solutions Engineering", "Ravi Menon"),
    "customer-success": ("Customer Success", "Dana Okafor"),
    "onboarding": ("Onboarding Services", "Chloe Martin"),
    "support": ("Support", "Tomasz Nowak"),
    "product": ("Product", "Lena Fischer"),
    "engineering": ("Engineering", "Sam Whitaker"),
    "security": ("Security and Compliance", "Yuki Tanaka"),
    "billing": ("Billing and RevOps", "Grace Liu"),
    "legal": ("Legal", "Omar Haddad"),
}
TEAM_IDS = sorted(TEAMS)
LIFECYCLE = ["awareness", "consideration", "decision", "onboarding", "loyalty"]
# Extra stages some journeys have, after the lifecycle stage they follow.
EXTRA_STAGES = {
    "awareness": ["research"],
    "consideration": ["evaluation", "pilot"],
    "decision": ["procurement", "security-review"],
    "onboarding": ["adoption", "training"],
    "loyalty": ["expansion", "advocacy", "renewal"],
}
STAGE_OWNERS = {
    "awareness": ["marketing", "growth"], "research": ["marketing"],
    "consideration": ["sales", "sdr", "growth"], "evaluation": ["sales", "solutions"],
    "pilot": ["solutions", "customer-success"], "decision": ["sales"],
    "procurement": ["sales-ops", "legal"], "security-review": ["security"],
    "onboarding": ["onboarding", "customer-success"], "adoption": ["customer-success", "product"],
    "training": ["onboarding"], "loyalty": ["customer-success"],
    "expansion": ["sales", "customer-success"], "advocacy": ["marketing", "customer-success"],
    "renewal": ["billing", "customer-success"],
}
TOUCHPOINTS: dict[str, list[str]] = {
    "web": ["Pricing page", "Trust portal", "Docs site", "Comparison page", "Sign-up form",
            "Status page", "Community forum", "Help center", "ROI calculator"],
    "email": ["Welcome email", "Nurture sequence", "Renewal quote", "Invoice email",
              "Product update newsletter", "Trial expiry notice", "Order form"],
    "phone": ["Discovery call", "Kickoff call", "QBR call", "Support hotline", "Demo call",
              "Reference call"],
    "chat": ["In-app chat", "Slack Connect channel", "Website chat bot"],
    "social": ["LinkedIn post", "G2 reviews", "Reddit thread", "YouTube tutorial"],
    "ads": ["LinkedIn sponsored post", "Google search ad", "Retargeting banner"],
    "in-app": ["Admin console: SSO settings", "Onboarding checklist", "CSV importer",
               "Workflow builder", "Billing settings", "Usage dashboard", "Integrations page",
               "Audit log", "Role editor"],
    "in-person": ["On-site workshop", "Executive dinner", "Office visit"],
    "event": ["SaaStr booth", "User conference", "Partner webinar", "Local meetup"],
    "partner": ["Reseller portal", "Marketplace listing", "SI partner workshop"],
    "other": ["CRM record", "Health score", "Feature flag console", "Data warehouse job",
              "Security questionnaire", "Subscription record", "Jira ticket"],
}
CHANNEL_WEIGHTS = {"web": 14, "email": 12, "phone": 8, "chat": 6, "social": 3, "ads": 3,
                   "in-app": 16, "in-person": 2, "event": 2, "partner": 2, "other": 10}
VERBS = ["reviews", "compares", "configures", "imports", "exports", "invites", "approves",
         "requests", "signs", "books", "tests", "connects", "escalates", "renews", "downloads",
         "reads", "updates", "submits", "schedules", "migrates", "audits", "cancels",
         "upgrades", "shares", "checks", "maps", "answers", "prepares", "publishes", "flags"]
OBJECTS = ["pricing", "sso", "scim", "security questionnaire", "order form", "dpa", "invoice",
           "user list", "workflow", "dashboard", "api key", "audit log", "roles", "trial",
           "demo", "proposal", "renewal quote", "health score", "integration", "data export",
           "onboarding plan", "success plan", "contract", "seat count", "sandbox", "webhook",
           "report", "reference", "case study", "support ticket"]
DONE = ["done", "agreed", "ready", "live", "sent", "approved", "confirmed"]
SYSTEMS = ["Salesforce", "HubSpot", "Gainsight", "Zendesk", "Intercom", "Okta", "Entra ID",
           "Stripe Billing", "NetSuite", "DocuSign", "Ironclad", "Jira", "Slack", "Segment",
           "Snowflake", "Gong", "Outreach", "Calendly", "LaunchDarkly", "SafeBase", "Looker",
           "Customer.io", "Pendo", "Amplitude", "Zoom", "Google Sheets", "Notion", "Confluence"]
ADVERBS = ["quickly", "after two reminders", "with help from a colleague", "on the second try",
           "before the weekly sync", "late on a Friday", "during the pilot", "for the audit",
           "for the whole team", "from the mobile app", "with the account executive",
           "while waiting on legal", "without asking support"]
THOUGHTS = [
    "Is this going to work with our Okta?", "Why does this take three emails?",
    "Nice, that was easier than I expected.", "Who do I even ask about this?",
    "I need this before the audit next month.", "The docs say one thing, the UI another.",
    "Finally, someone who understands our setup.", "Do I have to do this for every team?",
    "Our CFO will want to see the numbers first.", "That's a lot of clicks for one change.",
    "I hope we don't lose the data we already have.", "Can I undo this if it breaks?",
    "This would have saved us a week last quarter.", "Will finance sign off on this?",
]
PAINS = [
    "The error message doesn't say which field is wrong", "Nobody answers for two days",
    "Pricing is only available after a call", "The setup guide shows an old version of the UI",
    "Has to repeat the same context to a new person", "Import fails silently on large files",
    "Approvals wait on a VP who is travelling",
    "Security questionnaire answers live in spreadsheets",
    "Renewal quote arrives two weeks before the deadline", "Two teams give different answers",
    "The invoice does not match the order form", "Permissions are all or nothing",
    "No way to test this before buying", "The webhook retries flood the customer's endpoint",
    "Usage report shows logins, not value",
]
OPPORTUNITIES = [
    "Show the failing field and a fix in the error",
    "Set a 4-hour first-response SLA for admins in onboarding",
    "Publish starting prices on the pricing page", "Refresh the screenshots with every UI release",
    "Carry the discovery notes into the CSM handoff",
    "Stream large imports and show per-row errors",
    "Pre-approved discount bands in the CPQ",
    "Self-serve trust portal with a pre-answered questionnaire",
    "Send renewal quotes 90 days ahead", "One owner per channel in each stage",
    "Generate invoices from the signed order form",
    "Granular roles with a preview of what each can do", "Allow SSO in trials with a user cap",
    "Exponential backoff and a webhook delivery log",
    "Put hours saved per workflow in the QBR deck",
]
EVIDENCE_SOURCES = {
    "analytical": ["GA4 funnel 2026-Q3", "Amplitude cohort report", "Salesforce stage report",
                   "Looker dashboard: onboarding", "Zendesk ticket tags 2026-Q3"],
    "anecdotal": ["Interview #3", "Interview #7", "CSM notes", "Sales call recording",
                  "Customer advisory board"],
    "observed": ["FullStory sessions", "Onboarding shadowing", "Usability test round 2"],
    "survey": ["NPS survey 2026-Q3", "Onboarding CSAT", "Trial exit survey"],
    "assumption": ["Design review", "Team workshop", "Product hypothesis"],
}
EVIDENCE_NOTES = ["62% bounce", "38% of onboarding tickets", "4 of 6 interviewees mentioned it",
                  "median 21 days", "n=48, 83% agree", "seen in 9 of 12 sessions",
                  "to be verified after launch", "CSAT 3.4 of 5", "roughly one in three trials"]
# (name, unit, better, target)
METRICS = [
    ("visit-to-signup", "ratio", "higher", 0.05), ("trial-to-paid", "ratio", "higher", 0.2),
    ("time-to-first-value", "days", "lower", 14.0), ("csat", "score-of-5", "higher", 4.3),
    ("first-response-hours", "hours", "lower", 4.0), ("win-rate", "ratio", "higher", 0.25),
    ("net-revenue-retention", "ratio", "higher", 1.1), ("gross-churn", "ratio", "lower", 0.08),
    ("nps", "score", "higher", 40.0), ("tickets-per-account", "count", "lower", 3.0),
    ("weekly-active-ratio", "ratio", "higher", 0.6), ("days-in-stage", "days", "lower", 21.0),
]
SEGMENTS = ["smb", "mid-market", "enterprise", "public-sector", "startup"]
PRODUCTS = ["workflows", "analytics", "identity", "billing", "messaging", "docs", "api",
            "mobile", "marketplace", "reporting"]
PERSONAS = ["it-admin", "head-of-operations", "finance-controller", "developer", "end-user",
            "security-officer"]
GENERATED_ON = date(2026, 11, 1)
"""The day the corpora describe (due dates, review dates): lint runs judge by it (`--today`),
so that no finding comes or goes as the real date moves on."""
# The findings planted on purpose: a few of these in every file.
DELIBERATE = ["unowned-step", "unaddressed-pain", "dangling-reference", "emotion-cliff",
              "dead-end", "orphan-opportunity", "missing-outcome", "missed-target",
              "conflicting-touchpoint", "unmeasured-stage", "missing-stage"]

# fmt: on

# --------------------------------------------------------------------------------------
# YAML emission (by hand, to control comments and styles; see `scalar` for quoting)
# --------------------------------------------------------------------------------------

Value = str | int | float | bool | date | list["Value"] | dict[str, "Value"] | None
Mapping_ = dict[str, Value]

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.'()/+%-]*[A-Za-z0-9.)%]|[A-Za-z]")
_PLAIN_FLOW = re.compile(r"[A-Za-z][A-Za-z0-9 .'()/+%-]*[A-Za-z0-9.)%]|[A-Za-z]")
_DURATION = re.compile(r"[0-9]+[hdw]")  # plain in YAML 1.1 and 1.2: not a number
_RESERVED = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}


def scalar(value: Value, flow: bool = False) -> str:
    """One YAML scalar; strings are plain when safe, else JSON-quoted (valid YAML)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = f"{value:.3f}".rstrip("0")
        return text + "0" if text.endswith(".") else text
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return "null"
    assert isinstance(value, str)
    pattern = _PLAIN_FLOW if flow else _PLAIN
    if (pattern.fullmatch(value) and value.lower() not in _RESERVED) or _DURATION.fullmatch(value):
        return value
    return json.dumps(value, ensure_ascii=False)


def flow(value: Value) -> str:
    """A value in flow style: `[a, b]` or `{k: v}`."""
    if isinstance(value, list):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    return scalar(value, flow=True)


class Emitter:
    """Writes a document line by line; list-of-mapping style varies with the file."""

    def __init__(self, rng: random.Random) -> None:
        self.lines: list[str] = []
        self.flow_items = rng.random() < 0.6  # metrics/evidence/opportunities as {…}

    def mapping(
        self,
        data: Mapping_,
        indent: int,
        comments: dict[str, str] | None = None,
        dash: bool = False,
    ) -> None:
        comments = comments or {}
        pad = " " * indent
        for position, (key, value) in enumerate(data.items()):
            lead = (" " * (indent - 2) + "- ") if dash and position == 0 else pad
            tail = f"  # {comments[key]}" if key in comments else ""
            if isinstance(value, list):
                if not value:
                    self.lines.append(f"{lead}{key}: []{tail}")
                elif all(not isinstance(item, (dict, list)) for item in value) and (
                    key in ("systems", "next") or len(flow(value)) < 60
                ):
                    self.lines.append(f"{lead}{key}: {flow(value)}{tail}")
                else:
                    self.lines.append(f"{lead}{key}:{tail}")
                    for item in value:
                        if isinstance(item, dict):
                            if self.flow_items and key != "steps" and key != "stages":
                                self.lines.append(f"{pad}  - {flow(item)}")
                            else:
                                self.mapping(item, indent + 4, dash=True)
                        else:
                            self.lines.append(f"{pad}  - {scalar(item)}")
            elif isinstance(value, dict):
                self.lines.append(f"{lead}{key}:{tail}")
                self.mapping(value, indent + 2)
            else:
                self.lines.append(f"{lead}{key}: {scalar(value)}{tail}")

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


# --------------------------------------------------------------------------------------
# Corpus generation
# --------------------------------------------------------------------------------------


@dataclass
class Draft:
    """A step being built, with the generator's bookkeeping beside the document keys."""

    data: Mapping_
    stage: int
    comment: str | None = None
    key_comments: dict[str, str] = field(default_factory=dict)
    branch: bool = False  # already has a `next` or is a structural exit; leave alone


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def sentence(rng: random.Random) -> str:
    verb, obj = rng.choice(VERBS), rng.choice(OBJECTS)
    return f"{verb.capitalize()} the {obj} {rng.choice(ADVERBS)}"


def opportunity(rng: random.Random, today: date, orphan: bool = False) -> Mapping_:
    item: Mapping_ = {"text": rng.choice(OPPORTUNITIES)}
    if orphan:
        if rng.random() < 0.5:
            item["priority"] = rng.choice(["high", "medium", "low"])
        return item
    item["priority"] = rng.choice(["high", "medium", "medium", "low"])
    item["owner"] = rng.choice(TEAM_IDS)
    if rng.random() < 0.6:
        item["due"] = today + timedelta(days=rng.randint(14, 240))
    return item


def evidence(rng: random.Random) -> Mapping_:
    kind = rng.choice(list(EVIDENCE_SOURCES))
    item: Mapping_ = {"kind": kind, "source": rng.choice(EVIDENCE_SOURCES[kind])}
    if rng.random() < 0.7:
        item["note"] = rng.choice(EVIDENCE_NOTES)
    return item


def metric(rng: random.Random, missed: bool = False) -> Mapping_:
    name, unit, better, target = rng.choice(METRICS)
    scale = 1.0 + rng.uniform(0.01, 0.25)
    good, bad = (
        (target * scale, target / scale) if better == "higher" else (target / scale, target * scale)
    )
    item: Mapping_ = {"name": name, "target": round(target, 3)}
    if missed:
        item["actual"] = round(bad, 3)
    elif rng.random() < 0.6:
        item["actual"] = round(good, 3)
    item["unit"] = unit
    if better == "lower":
        item["better"] = "lower"
    return item


def make_step(
    rng: random.Random,
    index: int,
    stage: int,
    owner_of: dict[tuple[str, str], str],
    stage_owner: str,
    emotion: int,
    today: date,
) -> tuple[Draft, int]:
    """One ordinary, lint-clean step; returns it and the emotion to continue from."""
    verb, obj = rng.choice(VERBS), rng.choice(OBJECTS)
    name = f"{verb.capitalize()} the {obj}"
    data: Mapping_ = {"id": f"{slug(name)}-{index}", "name": name}
    roll = rng.random()
    actor = "customer" if roll < 0.55 else "system" if roll < 0.7 else rng.choice(TEAM_IDS)
    if rng.random() < 0.92:
        data["actor"] = actor
    owner = rng.choice(TEAM_IDS) if rng.random() < 0.35 else None
    channel = rng.choices(list(CHANNEL_WEIGHTS), weights=list(CHANNEL_WEIGHTS.values()))[0]
    touchpoint = rng.choice(TOUCHPOINTS[channel])
    has_touchpoint = rng.random() < 0.9
    if has_touchpoint:
        # Keep each channel+touchpoint with one owner per stage (no accidental conflicts).
        key = (channel, touchpoint.casefold())
        effective = owner_of.setdefault(key, owner or stage_owner)
        if effective != stage_owner or owner is not None:
            owner = effective
    if owner is not None:
        data["owner"] = owner
    if has_touchpoint:
        data["channel"] = channel
        data["touchpoint"] = touchpoint
    customer = actor == "customer"
    layer = "frontstage" if customer else rng.choice(["frontstage", "backstage", "support"])
    if rng.random() < 0.8:
        data["layer"] = layer
    if rng.random() < 0.7:
        data["action"] = sentence(rng)
    data["outcome"] = f"{obj.capitalize()} {rng.choice(DONE)}"
    if customer and rng.random() < 0.5:
        data["thoughts"] = rng.choice(THOUGHTS)
    if customer and layer == "frontstage" and rng.random() < 0.9:
        emotion = max(-2, min(2, emotion + rng.choice([-1, 0, 0, 1])))
        data["emotion"] = emotion
    if rng.random() < 0.6:
        data["sla"] = f"{rng.randint(1, 14)}{rng.choice('hdw')}"
    if rng.random() < 0.25:
        data["pain_points"] = rng.sample(PAINS, rng.choice([1, 1, 2]))
        data["opportunities"] = [opportunity(rng, today) for _ in range(rng.choice([1, 1, 2]))]
    elif rng.random() < 0.08:
        data["opportunities"] = [opportunity(rng, today)]
    if rng.random() < 0.3:
        data["evidence"] = [evidence(rng) for _ in range(rng.choice([1, 1, 2]))]
    if rng.random() < 0.5:
        data["systems"] = rng.sample(SYSTEMS, rng.randint(1, 3))
    if rng.random() < 0.03:
        data["x-jira"] = f"CX-{rng.randint(100, 9999)}"
    draft = Draft(data, stage)
    if rng.random() < 0.04:
        draft.comment = rng.choice(
            [
                "TODO: confirm with the support data",
                "Seen in 3 of 5 interviews; keep an eye on it",
                "Changed after the October workshop",
            ]
        )
    return draft, emotion


def stage_plan(rng: random.Random, n_steps: int, many: bool) -> list[tuple[str, int]]:
    """Stage ids in order with their step counts (>= 3 each)."""
    ids: list[str] = []
    for base in LIFECYCLE:
        ids.append(base)
        for extra in EXTRA_STAGES[base]:
            if many or rng.random() < 0.35:
                ids.append(extra)
    if many:  # the big file: repeat phases (e.g. one map per region), numbered
        rounds = max(1, n_steps // 250 // len(ids))
        ids = ids + [f"{sid}-{r}" for r in range(2, rounds + 1) for sid in ids]
    weights = [rng.uniform(0.6, 1.4) for _ in ids]
    total = sum(weights)
    counts = [max(3, round(n_steps * w / total)) for w in weights]
    counts[-1] = max(3, counts[-1] + n_steps - sum(counts))
    return list(zip(ids, counts, strict=True))


def journey(
    rng: random.Random,
    doc_id: str,
    state: str,
    persona: str,
    n_steps: int,
    schema: str,
    many_stages: bool = False,
) -> tuple[str, list[str]]:
    """The YAML text of one journey and the deliberate findings planted in it."""
    today = GENERATED_ON
    plan = stage_plan(rng, n_steps, many_stages)
    chosen = [] if many_stages else rng.sample(DELIBERATE, rng.randint(2, 5))
    if many_stages:  # one of each, scaled: a few per 120 steps
        chosen = [kind for kind in DELIBERATE for _ in range(max(1, n_steps // 600))]
    chosen.sort(key=lambda kind: kind != "unowned-step")  # it re-owns a stage: plant it first
    if "missing-stage" in chosen:  # its steps go to the stage before it
        dropped = rng.choice(LIFECYCLE[1:-1])
        drop = next(i for i, (sid, _) in enumerate(plan) if sid == dropped)
        plan[drop - 1] = (plan[drop - 1][0], plan[drop - 1][1] + plan[drop][1])
        del plan[drop]
    stages: list[Mapping_] = []
    drafts: list[Draft] = []
    emotion = 0
    for si, (sid, count) in enumerate(plan):
        base = sid.rsplit("-", 1)[0] if sid[-1].isdigit() else sid
        owner = rng.choice(STAGE_OWNERS[base])
        stage: Mapping_ = {"id": sid, "name": sid.replace("-", " ").capitalize(), "owner": owner}
        if rng.random() < 0.8:
            stage["goal"] = sentence(rng)
        if rng.random() < 0.7:
            stage["trigger"] = sentence(rng)
        stage["outcome"] = f"{rng.choice(OBJECTS).capitalize()} {rng.choice(DONE[1:4])}"
        stage["duration"] = f"{rng.randint(1, 6)}{rng.choice('dw')}"
        stage["metrics"] = [metric(rng) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.25:
            stage["opportunities"] = [opportunity(rng, today)]
        stages.append(stage)
        owner_of: dict[tuple[str, str], str] = {}
        for _ in range(count):
            draft, emotion = make_step(rng, len(drafts) + 1, si, owner_of, owner, emotion, today)
            drafts.append(draft)

    n = len(drafts)

    def ident(i: int) -> str:
        value = drafts[i].data["id"]
        assert isinstance(value, str)
        return value

    # Structure: branches to a terminal exit (churn, drop-out), rework loops, terminal end.
    i = 2
    while i < n - 4:
        roll = rng.random()
        if roll < 0.04:
            drafts[i].data["next"] = [ident(i + 2), ident(i + 1)]
            exit_step = drafts[i + 1]
            exit_step.data["terminal"] = True
            if "emotion" in exit_step.data:
                exit_step.data["emotion"] = max(-2, _emotion(drafts[i]) - 2)
            exit_step.comment = "an exit: the journey may end here"
            drafts[i].branch = exit_step.branch = True
            i += 4
            continue
        # Rework loop back two steps; never an emotion drop of 3 along the back edge.
        if (
            roll < 0.06
            and not drafts[i - 2].branch
            and _emotion(drafts[i]) - _emotion(drafts[i - 2], _emotion(drafts[i])) < 3
        ):
            drafts[i].data["next"] = [ident(i + 1), ident(i - 2)]
            drafts[i].branch = True
            i += 3
            continue
        i += 1
    drafts[-1].data["terminal"] = True
    drafts[-1].data.pop("next", None)
    drafts[-1].branch = True

    # Deliberate findings, each placed on an ordinary step away from branches and each other.
    free = list(range(2, n - 2))
    rng.shuffle(free)

    def take() -> int | None:
        while free:
            k = free.pop()
            if not any(drafts[j].branch for j in range(k - 2, k + 3)):
                return k
        return None

    untouched = rng.sample(range(len(stages)), len(stages))  # stages for metric findings
    planted: list[str] = []
    for kind in chosen:
        if kind == "missing-stage":
            planted.append(kind)
        elif kind in ("missed-target", "unmeasured-stage"):
            if not untouched:
                continue
            stage = stages[untouched.pop()]
            if kind == "unmeasured-stage":
                stage.pop("metrics")
            else:
                metrics = stage["metrics"]
                assert isinstance(metrics, list)
                metrics[0] = metric(rng, missed=True)
            planted.append(f"{kind}@{stage['id']}")
        else:
            k = take()
            if k is not None and _plant(kind, k, drafts, stages, rng, today):
                mark = " (suppressed inline)" if drafts[k].key_comments else ""
                planted.append(f"{kind}@{ident(k)}{mark}")

    _agree_handoffs(drafts, stages, rng)
    # Stitch steps into their stages.
    for draft in drafts:
        steps = stages[draft.stage].setdefault("steps", [])
        assert isinstance(steps, list)
        steps.append(draft.data)

    doc: Mapping_ = {
        "journeyctl": 1,
        "kind": "journey",
        "id": doc_id,
        "title": f"{doc_id.split('-')[0].capitalize()} journey ({state})",
        "state": state,
        "persona": persona,
        "owner": rng.choice(["customer-success", "product", "marketing"]),
        "reviewed": today - timedelta(days=rng.randint(0, 40)),
        "segment": rng.choice(SEGMENTS),
        "description": f"Synthetic journey for benchmarks. {sentence(rng)}.",
    }
    return render(rng, doc, stages, drafts, planted, schema), planted


def _emotion(draft: Draft, default: int = 0) -> int:
    value = draft.data.get("emotion", default)
    return value if isinstance(value, int) else default


def _plant(
    kind: str, k: int, drafts: list[Draft], stages: list[Mapping_], rng: random.Random, today: date
) -> bool:
    """Turn step k into a deliberate instance of the finding `kind`; False if it can't."""
    step = drafts[k].data
    stage = stages[drafts[k].stage]
    drafts[k].branch = True
    if kind == "unowned-step":
        if "owner" in stage:  # every other step of the stage gets its own owner
            stage.pop("owner")
            for other in drafts:
                if other.stage == drafts[k].stage and other is not drafts[k]:
                    other.data.setdefault("owner", rng.choice(TEAM_IDS))
                    _reorder(other.data)
        step.pop("owner", None)
        # Any step of the stage owning a shared touchpoint now needs one owner per touchpoint.
        _unify_touchpoints(drafts, drafts[k].stage)
    elif kind == "unaddressed-pain":
        step["pain_points"] = [rng.choice(PAINS)]
        step.pop("opportunities", None)
        stage.pop("opportunities", None)
        _reorder(step)
    elif kind == "dangling-reference":
        step["next"] = [str(drafts[k + 1].data["id"]), f"{step['id']}-typo"]
    elif kind == "emotion-cliff":
        drafts[k - 1].data["emotion"] = 2
        drafts[k - 1].data.setdefault("actor", "customer")
        step["emotion"] = -1
        step.pop("next", None)
        _reorder(drafts[k - 1].data)
        _reorder(step)
        if "emotion" in drafts[k + 1].data:
            drafts[k + 1].data["emotion"] = 0
        if rng.random() < 0.2:
            drafts[k].key_comments["emotion"] = "journeyctl: disable=emotion-cliff"
    elif kind == "dead-end":
        # A branch to a step that goes nowhere and is not terminal; the main path skips it.
        drafts[k - 1].data["next"] = [str(drafts[k + 1].data["id"]), str(step["id"])]
        drafts[k - 1].branch = True
        step["next"] = []
        step.pop("terminal", None)
        if "emotion" in step:
            step["emotion"] = max(-2, _emotion(drafts[k - 1]) - 1)
        _reorder(drafts[k - 1].data)
    elif kind == "orphan-opportunity":
        step["opportunities"] = [opportunity(rng, today, orphan=True)]
        _reorder(step)
    elif kind == "missing-outcome":
        step.pop("outcome", None)
    elif kind == "conflicting-touchpoint":
        if drafts[k - 1].stage != drafts[k].stage:
            return False
        prev = drafts[k - 1].data
        prev_owner = prev.get("owner") or stage.get("owner") or rng.choice(TEAM_IDS)
        prev["owner"] = prev_owner
        if "touchpoint" not in prev:  # a touchpoint no other step uses
            prev["channel"], prev["touchpoint"] = "email", "Shared team inbox"
        _reorder(prev)
        step["channel"], step["touchpoint"] = prev["channel"], prev["touchpoint"]
        step["owner"] = rng.choice([t for t in TEAM_IDS if t != prev_owner])
        _reorder(step)
        drafts[k - 1].branch = True
    return True


def _unify_touchpoints(drafts: list[Draft], stage: int) -> None:
    owner_of: dict[tuple[str, str], Value] = {}
    for draft in drafts:
        data = draft.data
        if draft.stage != stage or "touchpoint" not in data or "owner" not in data:
            continue
        key = (str(data.get("channel")), str(data["touchpoint"]).casefold())
        data["owner"] = owner_of.setdefault(key, data["owner"])


_STEP_ORDER = [
    "id",
    "name",
    "actor",
    "owner",
    "channel",
    "touchpoint",
    "layer",
    "action",
    "outcome",
    "thoughts",
    "emotion",
    "sla",
    "pain_points",
    "opportunities",
    "evidence",
    "systems",
    "next",
    "terminal",
]


def _agree_handoffs(drafts: list[Draft], stages: list[Mapping_], rng: random.Random) -> None:
    """Give a step an `sla` where the accountable team changes from the step before it, as a
    team that hands leads over agrees how soon the next one acts: hand-offs without one are
    then rare (branches), like the other findings, not a fifth of all steps."""

    def team(draft: Draft) -> Value:
        return draft.data.get("owner") or stages[draft.stage].get("owner")

    for before, step in itertools.pairwise(drafts):
        giver, receiver = team(before), team(step)
        if (
            giver is not None
            and receiver is not None
            and giver != receiver
            and "sla" not in step.data
        ):
            step.data["sla"] = f"{rng.randint(1, 14)}{rng.choice('hdw')}"
            _reorder(step.data)


def _reorder(data: Mapping_) -> None:
    """Put keys back in canonical order after a mutation (extension keys last)."""
    items = sorted(
        data.items(),
        key=lambda kv: _STEP_ORDER.index(kv[0]) if kv[0] in _STEP_ORDER else len(_STEP_ORDER),
    )
    data.clear()
    data.update(items)


def render(
    rng: random.Random,
    doc: Mapping_,
    stages: list[Mapping_],
    drafts: list[Draft],
    planted: list[str],
    schema: str,
) -> str:
    out = Emitter(rng)
    out.lines += [
        f"# yaml-language-server: $schema={schema}",
        "# Generated by bench/run.py: a synthetic journey for benchmarks. Do not edit.",
        f"# Deliberate findings: {', '.join(planted) or 'none'}",
    ]
    out.mapping(doc, 0)
    out.lines.append("")
    out.lines.append("stages:")
    step_of = {id(d.data): d for d in drafts}
    for stage in stages:
        out.lines.append(f"  # {'-' * 60} {stage['id']}")
        steps = stage.pop("steps", [])
        out.mapping(stage, 4, dash=True)
        out.lines.append("    steps:")
        assert isinstance(steps, list)
        for step in steps:
            assert isinstance(step, dict)
            draft = step_of[id(step)]
            if draft.comment:
                out.lines.append(f"      # {draft.comment}")
            out.mapping(step, 8, comments=draft.key_comments, dash=True)
            if rng.random() < 0.3:
                out.lines.append("")
    return out.text()


def settings_text() -> str:
    out = Emitter(random.Random(0))
    out.lines.append("# yaml-language-server: $schema=../../schemas/settings.schema.json")
    out.lines.append("# Generated by bench/run.py. Settings of the synthetic benchmark corpus.")
    owners: Mapping_ = {team: {"name": name, "lead": lead} for team, (name, lead) in TEAMS.items()}
    out.mapping({"journeyctl": 1, "owners": owners}, 0)
    out.lines.append(f"lifecycle: {flow(list(LIFECYCLE))}")
    out.lines.append("review_every: 90d")
    out.lines.append("rules: {}   # all defaults")
    return out.text()


def persona_text(persona: str, rng: random.Random) -> str:
    out = Emitter(rng)
    out.lines.append("# yaml-language-server: $schema=../../../schemas/journey.schema.json")
    data: Mapping_ = {
        "journeyctl": 1,
        "kind": "persona",
        "id": persona,
        "name": persona.replace("-", " ").title(),
        "role": persona.replace("-", " "),
        "goals": [sentence(rng) for _ in range(3)],
        "pain_points": rng.sample(PAINS, 3),
        "demographics": {
            "company_size": rng.choice(["50-200", "200-800", "800-5000"]),
            "years_in_role": rng.randint(1, 12),
        },
        "quote": rng.choice(THOUGHTS),
    }
    out.mapping(data, 0)
    return out.text()


def generate_corpus(directory: Path, files: int, steps: int) -> dict[str, object]:
    """Write the multi-file corpus; return its manifest."""
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    (directory / "journeyctl.yaml").write_text(settings_text(), encoding="utf-8")
    (directory / "personas").mkdir()
    for index, persona in enumerate(PERSONAS):
        text = persona_text(persona, random.Random(f"{SEED}-persona-{index}"))
        (directory / "personas" / f"{persona}.yaml").write_text(text, encoding="utf-8")
    planted: dict[str, list[str]] = {}
    for index in range(files):
        rng = random.Random(f"{SEED}-{index}")
        product = PRODUCTS[index % len(PRODUCTS)]
        state = "current" if index % 2 == 0 else "optimized"
        doc_id = f"{product}-{index // 2:03d}"
        n_steps = rng.randint(steps - 20, steps + 20)
        text, findings = journey(
            rng,
            doc_id,
            state,
            rng.choice(PERSONAS),
            n_steps,
            "../../../../schemas/journey.schema.json",
        )
        path = directory / "journeys" / product / f"{doc_id}.{state}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        planted[str(path.relative_to(directory))] = findings
    return {"files": files, "steps": steps, "planted": planted}


def generate_big(directory: Path, steps: int) -> dict[str, object]:
    """Write one journey of `steps` steps (plus settings and the persona it names)."""
    if directory.exists():
        shutil.rmtree(directory)
    (directory / "personas").mkdir(parents=True)
    (directory / "journeyctl.yaml").write_text(settings_text(), encoding="utf-8")
    rng = random.Random(f"{SEED}-big")
    (directory / "personas" / "it-admin.yaml").write_text(
        persona_text("it-admin", rng), encoding="utf-8"
    )
    text, findings = journey(
        rng,
        "enterprise-rollout",
        "current",
        "it-admin",
        steps,
        "../../schemas/journey.schema.json",
        many_stages=True,
    )
    (directory / "big.yaml").write_text(text, encoding="utf-8")
    (directory / "big.optimized.yaml").write_text(redesigned(text), encoding="utf-8")
    rng = random.Random(f"{SEED}-render")
    drawn, _ = journey(
        rng,
        "partner-rollout",
        "current",
        "it-admin",
        RENDER_STEPS,
        "../../schemas/journey.schema.json",
        many_stages=True,
    )
    (directory / "render.yaml").write_text(drawn, encoding="utf-8")
    (directory / "render.optimized.yaml").write_text(redesigned(drawn), encoding="utf-8")
    return {"steps": steps, "planted": {"big.yaml": findings}}


def generate_huge(directory: Path, steps: int) -> dict[str, object]:
    """Write one journey of `steps` steps and its redesign (for `--huge`)."""
    if directory.exists():
        shutil.rmtree(directory)
    (directory / "personas").mkdir(parents=True)
    (directory / "journeyctl.yaml").write_text(settings_text(), encoding="utf-8")
    rng = random.Random(f"{SEED}-huge")
    (directory / "personas" / "it-admin.yaml").write_text(
        persona_text("it-admin", rng), encoding="utf-8"
    )
    text, findings = journey(
        rng,
        "global-rollout",
        "current",
        "it-admin",
        steps,
        "../../schemas/journey.schema.json",
        many_stages=True,
    )
    (directory / "huge.yaml").write_text(text, encoding="utf-8")
    (directory / "huge.optimized.yaml").write_text(redesigned(text), encoding="utf-8")
    return {"steps": steps, "planted": {"huge.yaml": findings}}


_STEP_START = re.compile(r"^      - id: ")
_STAGE_START = re.compile(r"^  (?:- id: |# -)")


def redesigned(text: str) -> str:
    """The `optimized` version of a generated journey, for timing `journeyctl diff`: the same
    text with, deterministically, about 1% of the steps renamed, 3% with a better emotion,
    0.5% removed, 0.4% re-sequenced and 0.4% new ones added (a few hundred changes)."""
    blocks: list[tuple[bool, list[str]]] = []  # (a step?, its lines)
    for line in text.splitlines(keepends=True):
        if _STEP_START.match(line):
            blocks.append((True, [line]))
        elif _STAGE_START.match(line) or not blocks:
            blocks.append((False, [line]))
        else:
            blocks[-1][1].append(line)
    referenced = set(re.findall(r"[a-z0-9-]+", " ".join(re.findall(r"next: \[(.*)\]", text))))

    def plain(lines: list[str]) -> bool:
        """A step the flow does not hinge on: not a `next` target, no `next`, not an exit."""
        step_id = lines[0].split("id: ", 1)[1].strip()
        return step_id not in referenced and not any(
            line.startswith(("        next:", "        terminal:")) for line in lines
        )

    out: list[str] = []
    step = index = 0
    while index < len(blocks):
        is_step, lines = blocks[index]
        index += 1
        if not is_step:
            out.extend(lines)
            continue
        number, step = step, step + 1
        if number % 211 == 7 and plain(lines):
            continue  # removed
        if (
            number % 251 == 9
            and index < len(blocks)
            and blocks[index][0]
            and plain(lines)
            and plain(blocks[index][1])
        ):
            out.extend(blocks[index][1])  # swapped with the next step: re-sequenced
            index, step = index + 1, step + 1
        for line in lines:
            if number % 97 == 3 and line.startswith("        name: "):
                line = line.rstrip("\n") + " (redesigned)\n"
            elif number % 31 == 1 and line.startswith("        emotion: "):
                value, hash_, comment = line.split(":", 1)[1].partition("#")
                tail = f"  #{comment.rstrip()}" if hash_ else ""  # a planted finding's note
                line = f"        emotion: {min(2, int(value) + 1)}{tail}\n"
            out.append(line)
        if number % 250 == 11:
            out.append(
                f"      - {{id: new-step-{number}, name: New step, owner: support, "
                "outcome: Done}\n\n"
            )
    result = "".join(out).replace("\nstate: current\n", "\nstate: optimized\n", 1)
    return result.replace(" (current)\n", " (optimized)\n", 1)


def generate_history_corpus() -> dict[str, object]:
    """The git history the `trend` case reads (`history.py`), built afresh."""
    from history import generate_history

    if CORPUS_HISTORY.exists():
        shutil.rmtree(CORPUS_HISTORY)
    return generate_history(CORPUS_HISTORY)


def ensure(
    directory: Path,
    params: dict[str, object],
    make: Callable[[], dict[str, object]],
    regenerate: bool,
) -> int:
    """Generate `directory` unless its manifest matches; return the corpus size in bytes."""
    manifest = directory / MANIFEST
    wanted = {"generator": GENERATOR_VERSION, "seed": SEED, **params}
    if not regenerate and manifest.exists():
        found = json.loads(manifest.read_text(encoding="utf-8"))
        if {k: found.get(k) for k in wanted} == wanted:
            return int(found["bytes"])
    started = time.perf_counter()
    print(f"generating {directory.relative_to(ROOT)} ...", file=sys.stderr, flush=True)
    info = make()
    size = sum(p.stat().st_size for p in directory.rglob("*.yaml"))
    manifest.write_text(json.dumps({**wanted, **info, "bytes": size}, indent=1), encoding="utf-8")
    print(f"  {size / 1e6:.1f} MB in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return size


# --------------------------------------------------------------------------------------
# Timing
# --------------------------------------------------------------------------------------

PYYAML_LOAD = """
import sys, time
from pathlib import Path
import yaml
started = time.perf_counter()
count = 0
for path in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    with path.open("rb") as stream:
        yaml.load(stream, Loader=yaml.CSafeLoader)
    count += 1
print(f"loaded {count} files in {time.perf_counter() - started:.2f} s in-process")
"""

VALIDATE = """
import sys
from pathlib import Path
import yaml
from journeyctl.core.model import DOCUMENT_MODELS, Settings

def strip(value):
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items() if not str(k).startswith("x-")}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value

bad = 0
paths = sorted(Path(sys.argv[1]).rglob("*.yaml"))
for path in paths:
    data = strip(yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader))
    try:
        if path.name == "journeyctl.yaml":
            Settings.model_validate(data)
        else:
            DOCUMENT_MODELS[data["kind"]].model_validate(data)
    except Exception as error:
        bad += 1
        print(f"{path}: {error}")
print(f"{len(paths) - bad} of {len(paths)} files match the models")
sys.exit(1 if bad else 0)
"""


PEAK_RSS = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(code)
"""


@dataclass(frozen=True)
class Case:
    """One command to time. Add render/diff timings by appending to `cases()`."""

    name: str
    argv: Sequence[str]
    target: float | None = None  # seconds; None: judged by the ratios, or informative only
    ok_codes: frozenset[int] = frozenset({0})
    memory_argv: Sequence[str] | None = None  # also measure this command's peak RSS, once
    runs: int | None = None  # at most this many runs, whatever --repeat says (the 100k cases)
    warm_up: bool = False  # run once, untimed, before the first round (fills the cache)


@dataclass
class Result:
    case: Case
    seconds: list[float] = field(default_factory=list)
    peak_rss: int | None = None  # bytes
    error: str | None = None
    stdout: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds else None


@dataclass(frozen=True)
class Ratio:
    """numerator / denominator of two cases' medians, judged against a target (if any)."""

    name: str
    numerator: str
    denominator: str
    at_least: float | None = None
    at_most: float | None = None
    stretch: float | None = None  # an at_most that is nice to reach


def cases(corpus: Path, big: Path, huge: Path | None = None) -> list[Case]:
    """What is timed, in this order, every round. Extension point: append render/diff here.

    With `huge` (``--huge``), lint, diff and render to DOT also run once each at 100,000 steps.
    """
    py = sys.executable
    jc = [py, "-m", "journeyctl"]
    rel = str(corpus.relative_to(ROOT))
    big_file = str((big / "big.yaml").relative_to(ROOT))
    big_optimized = str((big / "big.optimized.yaml").relative_to(ROOT))
    render_file = str((big / "render.yaml").relative_to(ROOT))
    render_optimized = str((big / "render.optimized.yaml").relative_to(ROOT))
    today = ["--today", GENERATED_ON.isoformat()]  # the corpora's own day: see GENERATED_ON
    cached_lint = [*jc, "lint", rel, "--format", "json", "--fail-on", "never", *today]
    lint = [*cached_lint, "--no-cache"]  # every other lint case times a cold lint
    linted = frozenset({0, 1})
    timed = [
        # Memory is measured with --jobs 1: one process then holds everything (ru_maxrss is
        # the peak of one process, not the sum over parallel workers).
        Case("journeyctl lint corpus", lint, memory_argv=[*lint, "--jobs", "1"]),
        Case("journeyctl lint corpus --jobs 1", [*lint, "--jobs", "1"]),
        Case("journeyctl stats corpus", [*jc, "stats", rel, "--format", "json", *today]),
        Case("journeyctl lint, repeat (cache warm)", cached_lint, target=0.3, warm_up=True),
        Case(
            "yamllint -d relaxed corpus",
            [py, "-m", "yamllint", "-d", "relaxed", rel],
            ok_codes=linted,
        ),
        Case("pyyaml CSafeLoader load corpus", [py, "-c", PYYAML_LOAD, rel]),
        Case(
            "journeyctl lint big.yaml",
            [*jc, "lint", big_file, "--no-cache", *today],
            target=1.0,
            ok_codes=linted,
            memory_argv=[*jc, "lint", big_file, "--no-cache", *today],
        ),
        Case(
            "journeyctl diff big.yaml optimized",
            [*jc, "diff", big_file, big_optimized, "--format", "json"],
            target=1.0,
            memory_argv=[*jc, "diff", big_file, big_optimized],
        ),
        Case(
            "journeyctl render big.yaml to DOT",
            [*jc, "render", big_file, "-o", "bench/out/render-big.dot"],
            target=1.0,
        ),
        Case(
            f"journeyctl lint {RENDER_STEPS:,} steps",
            [*jc, "lint", render_file, "--no-cache", *today],
            ok_codes=linted,
        ),
        Case(
            f"journeyctl render {RENDER_STEPS:,} steps to DOT",
            [*jc, "render", render_file, "-o", "bench/out/render.dot"],
        ),
        Case(
            f"journeyctl diff {RENDER_STEPS:,}-step journeys",
            [*jc, "diff", render_file, render_optimized, "--format", "json"],
        ),
        Case(
            f"journeyctl render {RENDER_STEPS:,} steps to SVG",
            [*jc, "render", render_file, "-o", "bench/out/render.svg"],
            target=5.0,
        ),
        Case(
            f"journeyctl render {RENDER_STEPS:,} steps, 3 views to SVG",
            [*jc, "render", render_file, "-o", "bench/out/render-views", "--format", "svg"],
            target=4.0,
        ),
        Case(
            f"journeyctl render {RENDER_STEPS:,} steps, map --page a3 to PDF",
            [
                *jc,
                "render",
                render_file,
                *("-o", "bench/out/render-a3.pdf"),
                *("--view", "map", "--page", "a3"),
            ],
            target=10.0,
        ),
        Case(
            f"journeyctl render {RENDER_STEPS:,} steps, the 16:9 deck",
            [*jc, "render", render_file, "-o", "bench/out/render-deck.pdf", "--view", "deck"],
        ),
        Case(
            "journeyctl trend 200 commits x 50 files",
            [*jc, "trend", str(CORPUS_HISTORY.relative_to(ROOT)), "--format", "json"],
            target=30.0,
        ),
        Case(
            "journeyctl --version",
            [*jc, "--version"],
            target=0.15,
            memory_argv=[*jc, "--version"],
        ),
    ]
    if huge is None:
        return timed
    huge_file = str((huge / "huge.yaml").relative_to(ROOT))
    huge_optimized = str((huge / "huge.optimized.yaml").relative_to(ROOT))
    steps = f"{HUGE_STEPS:,}"
    return [
        *timed,
        Case(
            f"journeyctl lint {steps} steps",
            [*jc, "lint", huge_file, "--no-cache", *today],
            ok_codes=linted,
            runs=1,
        ),
        Case(
            f"journeyctl diff {steps}-step journeys",
            [*jc, "diff", huge_file, huge_optimized, "--format", "json"],
            runs=1,
        ),
        Case(
            f"journeyctl render {steps} steps to DOT",
            [*jc, "render", huge_file, "-o", "bench/out/render-huge.dot"],
            runs=1,
        ),
    ]


SCALING = {
    "lint": (
        f"journeyctl lint {RENDER_STEPS:,} steps",
        "journeyctl lint big.yaml",
        f"journeyctl lint {HUGE_STEPS:,} steps",
    ),
    "diff": (
        f"journeyctl diff {RENDER_STEPS:,}-step journeys",
        "journeyctl diff big.yaml optimized",
        f"journeyctl diff {HUGE_STEPS:,}-step journeys",
    ),
    "render to DOT": (
        f"journeyctl render {RENDER_STEPS:,} steps to DOT",
        "journeyctl render big.yaml to DOT",
        f"journeyctl render {HUGE_STEPS:,} steps to DOT",
    ),
}
"""The same command at 1,000, 10,000 and 100,000 steps (the last with --huge)."""


def scaling(results: dict[str, Result]) -> list[dict[str, object]]:
    """Print each command's times at 1k, 10k and 100k steps and its cost per 1,000 steps
    between sizes (flat when the cost is linear: start-up is paid once, at every size)."""
    rows: list[dict[str, object]] = []
    sizes = (RENDER_STEPS, BIG_STEPS, HUGE_STEPS)
    shown = False
    for command, names in SCALING.items():
        medians = [results[n].median if n in results else None for n in names]
        if sum(m is not None for m in medians) < 2:
            continue
        if not shown:
            print(
                f"\n{'scaling (median s; s per 1,000 more steps)':44} {'1k':>7} {'10k':>7} "
                f"{'100k':>8}  {'1k->10k':>8} {'10k->100k':>9}"
            )
            shown = True
        cells = [f"{m:7.3f}" if m is not None else f"{'-':>7}" for m in medians]
        slopes: list[float | None] = []
        for (a, ma), (b, mb) in itertools.pairwise(zip(sizes, medians, strict=True)):
            slopes.append(None if ma is None or mb is None else (mb - ma) / ((b - a) / 1000))
        shown_slopes = [f"{x:8.4f}" if x is not None else f"{'-':>8}" for x in slopes]
        print(
            f"{command:44} {cells[0]} {cells[1]} {cells[2]:>8}  {shown_slopes[0]} "
            f"{shown_slopes[1]:>9}"
        )
        rows.append({"name": f"scaling: {command}", "medians": medians, "per_1000": slopes})
    return rows


RATIOS = [
    Ratio(
        "yamllint / journeyctl",
        "yamllint -d relaxed corpus",
        "journeyctl lint corpus",
        at_least=10.0,
    ),
    Ratio(
        "journeyctl / pyyaml-load",
        "journeyctl lint corpus",
        "pyyaml CSafeLoader load corpus",
        at_most=1.0,
        stretch=0.4,
    ),
    # Informative: one core each, like for like.
    Ratio(
        "journeyctl --jobs 1 / pyyaml-load",
        "journeyctl lint corpus --jobs 1",
        "pyyaml CSafeLoader load corpus",
    ),
]
MEMORY_CASE = "journeyctl lint corpus"
MEMORY_FACTOR = 10  # peak RSS below this many times the corpus size


def child_env() -> dict[str, str]:
    """The environment of the children: src/ on the path when journeyctl is not installed."""
    env = dict(os.environ)
    env["JOURNEYCTL_CACHE_DIR"] = str(ROOT / "bench" / "out" / "cache")  # not the repo's
    if importlib.util.find_spec("journeyctl") is None:
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(ROOT / "src"), env.get("PYTHONPATH", "")) if p
        )
    return env


def run_once(
    argv: Sequence[str], env: dict[str, str], timeout: float
) -> tuple[float, int, str, str]:
    """Wall-clock seconds of the whole subprocess, its exit code, stdout and stderr."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        code = subprocess.run(
            argv, cwd=ROOT, env=env, stdout=out, stderr=err, timeout=timeout, check=False
        ).returncode
        elapsed = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        return (
            elapsed,
            code,
            out.read().decode(errors="replace"),
            err.read().decode(errors="replace"),
        )


def peak_rss(argv: Sequence[str], env: dict[str, str], timeout: float) -> int | None:
    """Peak RSS in bytes of `argv`, run as the only child of a small launcher process.

    The launcher keeps run.py's own memory out of the figure: on Linux a child's ru_maxrss
    starts from the RSS of the process it was forked from, and this one holds the corpus
    generator. The launcher's own ~10 MB is the floor of the measurement.
    """
    proc = subprocess.run(
        [sys.executable, "-c", PEAK_RSS, *argv],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    lines = proc.stdout.strip().splitlines()
    if not lines or not lines[-1].isdigit():
        return None
    value = int(lines[-1])
    return value if sys.platform == "darwin" else value * 1024  # KiB on Linux, bytes on macOS


def measure(all_cases: list[Case], repeat: int, timeout: float) -> dict[str, Result]:
    """Run the cases round-robin (so drift hits all alike), then the memory runs."""
    env = child_env()
    results = {case.name: Result(case) for case in all_cases}
    for case in all_cases:
        if case.warm_up:
            run_once(case.argv, env, timeout)
    for round_ in range(1, repeat + 1):
        for case in all_cases:
            result = results[case.name]
            if result.error or (case.runs is not None and len(result.seconds) >= case.runs):
                continue
            try:
                seconds, code, stdout, stderr = run_once(case.argv, env, timeout)
            except (OSError, subprocess.TimeoutExpired) as error:
                result.error = str(error)
                print(f"[{round_}/{repeat}] {case.name:34} FAILED: {error}", file=sys.stderr)
                continue
            if code not in case.ok_codes:
                tail = (stderr.strip() or stdout.strip()).splitlines()[-5:]
                result.error = f"exit {code}: " + " | ".join(tail)
                print(
                    f"[{round_}/{repeat}] {case.name:34} FAILED ({result.error})", file=sys.stderr
                )
                continue
            result.seconds.append(seconds)
            result.stdout = stdout
            print(
                f"[{round_}/{repeat}] {case.name:34} {seconds:8.2f} s", file=sys.stderr, flush=True
            )
    for case in all_cases:
        result = results[case.name]
        if case.memory_argv is None or result.error:
            continue
        try:
            result.peak_rss = peak_rss(case.memory_argv, env, timeout)
        except subprocess.TimeoutExpired as error:
            result.error = str(error)
        shown = "?" if result.peak_rss is None else f"{result.peak_rss / 2**20:.0f} MB"
        print(f"[memory] {case.name:34} {shown}", file=sys.stderr, flush=True)
    return results


# --------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------


def verdict(ok: bool | None) -> str:
    return "-" if ok is None else "pass" if ok else "FAIL"


def report(results: dict[str, Result], corpus_bytes: int, corpus: Path) -> list[dict[str, object]]:
    """Print the table and the ratios; return them as rows for --json."""
    rows: list[dict[str, object]] = []
    corpus_text = f"corpus: {corpus.relative_to(ROOT)} ({corpus_bytes / 1e6:.1f} MB). "
    print(
        f"\n{corpus_text if corpus_bytes else ''}Times are the wall-clock of each whole "
        "subprocess (start-up and exit included), median of runs."
    )
    print(f"{'case':36} {'median s':>9} {'min s':>8} {'target':>9}  {'result':6} {'peak MB':>8}")
    for name, result in results.items():
        target, median = result.case.target, result.median
        if median is None:
            print(f"{name:36} {'-':>9} {'-':>8} {'':>9}  ERROR: {result.error}")
            rows.append({"name": name, "error": result.error})
            continue
        ok = None if target is None else median < target
        shown_target = f"< {target:g} s" if target is not None else ""
        peak = "" if result.peak_rss is None else f"{result.peak_rss / 2**20:.0f}"
        print(
            f"{name:36} {median:9.3f} {min(result.seconds):8.3f} {shown_target:>9}  "
            f"{verdict(ok):6} {peak:>8}"
        )
        rows.append(
            {
                "name": name,
                "median": median,
                "runs": result.seconds,
                "peak_rss": result.peak_rss,
                "target": target,
                "pass": ok,
            }
        )
    print()
    for ratio in RATIOS:
        if ratio.numerator not in results or ratio.denominator not in results:
            continue
        top, bottom = results[ratio.numerator].median, results[ratio.denominator].median
        if top is None or bottom is None or bottom == 0:
            print(f"{ratio.name:36} {'-':>9}  (a case failed)")
            continue
        value = top / bottom
        if ratio.at_least is None and ratio.at_most is None:
            print(f"{ratio.name:36} {value:9.2f}  (informative)")
            rows.append({"name": ratio.name, "ratio": value, "pass": None})
            continue
        ok = (ratio.at_least is None or value >= ratio.at_least) and (
            ratio.at_most is None or value <= ratio.at_most
        )
        goal = f">= {ratio.at_least:g}" if ratio.at_least is not None else f"<= {ratio.at_most:g}"
        extra = ""
        if ratio.stretch is not None:
            extra = f"; stretch <= {ratio.stretch:g}: {verdict(value <= ratio.stretch)}"
        print(f"{ratio.name:36} {value:9.2f}  target {goal}: {verdict(ok)}{extra}")
        rows.append({"name": ratio.name, "ratio": value, "pass": ok})
    memory = results.get(MEMORY_CASE)
    if memory is not None and memory.peak_rss is not None:
        peak_bytes = memory.peak_rss
        ok = peak_bytes < MEMORY_FACTOR * corpus_bytes
        print(
            f"{'peak RSS (--jobs 1) / corpus size':36} {peak_bytes / corpus_bytes:9.2f}  "
            f"target < {MEMORY_FACTOR}: {verdict(ok)} ({peak_bytes / 2**20:.0f} MB)"
        )
        if corpus_bytes < 20 * 2**20:
            print(
                f"{'':36} {'':9}  (meant for the full corpus: on a small one the "
                "interpreter and imports dominate; see the --version row)"
            )
        rows.append(
            {"name": "peak RSS / corpus size", "ratio": peak_bytes / corpus_bytes, "pass": ok}
        )
    load = results.get("pyyaml CSafeLoader load corpus")
    if load is not None and load.stdout.strip():
        print(f"\n(the pyyaml-load child reports: {load.stdout.strip()})")
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--repeat",
        type=int,
        default=None,
        help="runs per case; the median is reported (default 3, --quick 1)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"smoke run on {QUICK_FILES} files (bench/corpus-quick)",
    )
    parser.add_argument("--files", type=int, default=None, help="override the number of files")
    parser.add_argument("--regenerate", action="store_true", help="rebuild the corpora")
    parser.add_argument("--generate-only", action="store_true", help="build corpora, time nothing")
    parser.add_argument(
        "--check",
        action="store_true",
        help="validate every generated file against journeyctl.core.model first",
    )
    parser.add_argument(
        "--huge",
        action="store_true",
        help=f"also time lint, diff and render to DOT once each at {HUGE_STEPS:,} steps "
        "(bench/corpus-huge, ~87 MB, generated on first use)",
    )
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per run")
    parser.add_argument("--json", type=Path, default=None, help="also write results here")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="TEXT",
        help="time only the cases whose name contains TEXT (repeatable), e.g. --only render",
    )
    args = parser.parse_args(argv)

    files = args.files or (QUICK_FILES if args.quick else FILES)
    repeat = args.repeat or (1 if args.quick else 3)
    corpus = CORPUS_QUICK if args.quick or files != FILES else CORPUS
    all_cases = cases(corpus, CORPUS_BIG, CORPUS_HUGE if args.huge else None)
    if args.only:
        all_cases = [c for c in all_cases if any(text in c.name for text in args.only)]
        if not all_cases:
            names = ", ".join(c.name for c in cases(corpus, CORPUS_BIG))
            print(f"--only matches no case; the cases: {names}", file=sys.stderr)
            return 2
    # The multi-file corpus takes minutes to write: only when a chosen case reads it.
    uses_corpus = any(str(corpus.relative_to(ROOT)) in c.argv for c in all_cases)
    corpus_bytes = 0
    if uses_corpus or args.check or args.generate_only:
        corpus_bytes = ensure(
            corpus,
            {"files": files, "steps": STEPS_PER_FILE},
            lambda: generate_corpus(corpus, files, STEPS_PER_FILE),
            args.regenerate,
        )
    ensure(
        CORPUS_BIG,
        {"steps": BIG_STEPS, "optimized": 2, "render": RENDER_STEPS},
        lambda: generate_big(CORPUS_BIG, BIG_STEPS),
        args.regenerate,
    )
    if any("trend" in c.argv for c in all_cases):
        import history

        ensure(
            CORPUS_HISTORY,
            {"files": history.FILES, "commits": history.COMMITS, "steps": history.STEPS},
            generate_history_corpus,
            args.regenerate,
        )
    if args.huge:
        ensure(
            CORPUS_HUGE,
            {"steps": HUGE_STEPS, "optimized": 2},
            lambda: generate_huge(CORPUS_HUGE, HUGE_STEPS),
            args.regenerate,
        )

    crashed = False
    if args.check:
        for directory in (corpus, CORPUS_BIG):
            proc = subprocess.run(
                [sys.executable, "-c", VALIDATE, str(directory)],
                cwd=ROOT,
                env=child_env(),
                check=False,
                capture_output=True,
                text=True,
            )
            print((proc.stdout + proc.stderr).strip().splitlines()[-1], f"({directory.name})")
            crashed |= proc.returncode != 0
    if args.generate_only:
        return 1 if crashed else 0

    if importlib.util.find_spec("yamllint") is None:
        print("yamllint is not installed here: skipping it (pip install yamllint)", file=sys.stderr)
        all_cases = [c for c in all_cases if "yamllint" not in c.argv]
    if shutil.which("dot") is None and not os.environ.get("JOURNEYCTL_DOT"):
        print("Graphviz's dot is not installed: skipping render to SVG", file=sys.stderr)
        all_cases = [c for c in all_cases if not c.argv[-1].endswith(".svg")]
    results = measure(all_cases, repeat, args.timeout)
    rows = report(results, corpus_bytes, corpus)
    rows += scaling(results)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps({"corpus_bytes": corpus_bytes, "repeat": repeat, "results": rows}, indent=1),
            encoding="utf-8",
        )
    crashed |= any(result.error for result in results.values())
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())

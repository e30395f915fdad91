"""The semantic diff engine: matching by id, every kind of change, the summary, findings."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from journeyctl.core.finding import Finding, Severity
from journeyctl.core.model import Journey, Persona, Workflow
from journeyctl.core.validation import validate_document
from journeyctl.diff import (
    Change,
    DocumentDiff,
    compare_findings,
    diff_documents,
    diff_sides,
    finding_key,
)
from journeyctl.workspace.load import parse_yaml

BASE = """\
journeyctl: 1
kind: journey
id: signup
title: Signup
owner: growth
stages:
  - id: discover
    name: Discover
    owner: marketing
    duration: 7d
    metrics: [{name: visits, target: 100, actual: 80}]
    steps:
      - {id: sees-ad, name: Sees an ad, actor: customer, channel: ads, layer: frontstage, emotion: 0, sla: 1d}
      - id: reads-page
        name: Reads the page
        channel: web
        emotion: -1
        pain_points: [Pricing is hidden]
        opportunities: [{text: Show pricing, priority: high, owner: marketing}]
        evidence: [{kind: analytical, source: GA4, note: 60% exit}]
      - {id: signs-up, name: Signs up, channel: web, emotion: 1}
  - id: buy
    name: Buy
    owner: sales
    duration: 14d
    steps:
      - {id: demo, name: Demo, channel: phone, emotion: 2}
      - {id: pays, name: Pays, channel: web, emotion: 1, terminal: true}
"""


def doc(text: str) -> Journey | Workflow | Persona:
    return validate_document(parse_yaml(textwrap.dedent(text).encode(), Path("x.yaml")).data)


def changed(old: str, new: str) -> list[Change]:
    return diff_documents(doc(old), doc(new))


def ops(changes: list[Change]) -> list[tuple[str, str, str]]:
    return [(c.op, c.kind, c.id) for c in changes]


def full(old: str, new: str) -> DocumentDiff:
    return diff_sides(("old.yaml", doc(old)), ("new.yaml", doc(new)))


def test_identical_documents_have_no_changes() -> None:
    result = full(BASE, "# a comment\n" + BASE)
    assert result.changes == ()
    assert result.status == "unchanged"


def test_added_and_removed_steps() -> None:
    new = BASE.replace(
        "      - {id: signs-up,",
        "      - {id: compares, name: Compares plans, owner: growth}\n      - {id: signs-up,",
    ).replace("      - {id: demo, name: Demo, channel: phone, emotion: 2}\n", "")
    assert ops(changed(BASE, new)) == [
        ("added", "step", "compares"),
        ("removed", "step", "demo"),
    ]
    added = changed(BASE, new)[0]
    assert added.stage == "discover"
    assert added.new == {"id": "compares", "name": "Compares plans", "owner": "growth"}


def test_a_step_moved_to_another_stage_is_one_move_not_removed_and_added() -> None:
    new = BASE.replace("      - {id: signs-up, name: Signs up, channel: web, emotion: 1}\n", "")
    new = new.replace(
        "      - {id: demo,",
        "      - {id: signs-up, name: Signs up, channel: web, emotion: 1}\n      - {id: demo,",
    )
    changes = changed(BASE, new)
    assert ops(changes) == [("moved", "step", "signs-up")]
    move = changes[0]
    assert move.field == "stage"
    assert move.stage == "buy"
    assert move.old == {"stage": "discover", "index": 3, "after": "reads-page"}
    assert move.new == {"stage": "buy", "index": 1, "after": None}


def test_a_new_id_is_removed_and_added_even_at_the_same_position() -> None:
    new = BASE.replace("id: signs-up,", "id: registers,")
    assert ops(changed(BASE, new)) == [
        ("removed", "step", "signs-up"),
        ("added", "step", "registers"),
    ]


def test_re_sequencing_marks_only_the_step_that_left_the_order() -> None:
    sees = "      - {id: sees-ad, name: Sees an ad, actor: customer, channel: ads, layer: frontstage, emotion: 0, sla: 1d}\n"
    new = BASE.replace(sees, "").replace("      - {id: signs-up,", sees + "      - {id: signs-up,")
    changes = changed(BASE, new)
    assert ops(changes) == [("moved", "step", "sees-ad")]
    assert changes[0].field == "position"
    assert changes[0].old == {"stage": "discover", "index": 1, "after": None}
    assert changes[0].new == {"stage": "discover", "index": 2, "after": "reads-page"}
    summary = full(BASE, new).summary
    assert summary is not None  # in CJML's words, an irregular order of a touchpoint
    assert summary.touchpoint_deviations == {"ad_hoc": 0, "missing": 0, "resequenced": 1}


def test_insertions_and_removals_do_not_make_other_steps_look_moved() -> None:
    new = BASE.replace(
        "      - {id: sees-ad,", "      - {id: hears, name: Hears of us}\n      - {id: sees-ad,"
    ).replace("      - {id: signs-up, name: Signs up, channel: web, emotion: 1}\n", "")
    assert [c.op for c in changed(BASE, new)] == ["added", "removed"]


def test_same_id_with_a_new_name_is_a_rename() -> None:
    new = BASE.replace("name: Signs up,", "name: Creates an account,")
    changes = changed(BASE, new)
    assert ops(changes) == [("renamed", "step", "signs-up")]
    assert (changes[0].field, changes[0].old, changes[0].new) == (
        "name",
        "Signs up",
        "Creates an account",
    )


@pytest.mark.parametrize(
    ("before", "after", "field", "old", "new"),
    [
        ("channel: phone, emotion: 2}", "channel: chat, emotion: 2}", "channel", "phone", "chat"),
        ("channel: phone, emotion: 2}", "channel: phone, emotion: -2}", "emotion", 2, -2),
        (
            "channel: phone, emotion: 2}",
            "channel: phone, emotion: 2, owner: solutions}",
            "owner",
            None,
            "solutions",
        ),
        ("channel: phone, emotion: 2}", "channel: phone, emotion: 2, sla: 2d}", "sla", None, "2d"),
        ("channel: phone, emotion: 2}", "channel: phone, emotion: 2, next: []}", "next", None, []),
        (
            "channel: phone, emotion: 2}",
            "channel: phone, emotion: 2, terminal: true}",
            "terminal",
            False,
            True,
        ),
        (
            "channel: phone, emotion: 2}",
            "channel: phone, emotion: 2, layer: backstage}",
            "layer",
            None,
            "backstage",
        ),
        (
            "channel: phone, emotion: 2}",
            "channel: phone, emotion: 2, systems: [Zoom]}",
            "systems",
            [],
            ["Zoom"],
        ),
    ],
)
def test_changed_step_fields_carry_old_and_new_values(
    before: str, after: str, field: str, old: Any, new: Any
) -> None:
    changes = changed(BASE, BASE.replace(before, after))
    assert [(c.op, c.kind, c.id, c.stage, c.field, c.old, c.new) for c in changes] == [
        ("changed", "step", "demo", "buy", field, old, new)
    ]


def test_stage_changes_added_removed_moved_renamed_changed() -> None:
    discover, buy = BASE.split("  - id: buy\n")
    head, discover_stage = discover.split("  - id: discover\n")
    swapped = head + "  - id: buy\n" + buy + "  - id: discover\n" + discover_stage
    moved = changed(BASE, swapped)
    assert ops(moved) == [("moved", "stage", "discover")]
    assert moved[0].old == {"index": 1, "after": None}
    assert moved[0].new == {"index": 2, "after": "buy"}

    renamed = changed(BASE, BASE.replace("name: Buy\n", "name: Purchase\n"))
    assert ops(renamed) == [("renamed", "stage", "buy")]

    edited = changed(BASE, BASE.replace("duration: 14d", "duration: 10d"))
    assert [(c.op, c.kind, c.field, c.old, c.new) for c in edited] == [
        ("changed", "stage", "duration", "14d", "10d")
    ]

    extra = (
        BASE + "  - id: renew\n    name: Renew\n    steps:\n      - {id: renews, name: Renews}\n"
    )
    assert ops(changed(BASE, extra)) == [("added", "stage", "renew"), ("added", "step", "renews")]
    assert ops(changed(extra, BASE)) == [
        ("removed", "stage", "renew"),
        ("removed", "step", "renews"),
    ]


def test_items_without_ids_are_matched_by_their_text() -> None:
    new = BASE.replace("pain_points: [Pricing is hidden]", "pain_points: [Plans are confusing]")
    new = new.replace("priority: high, owner: marketing", "priority: low, owner: marketing")
    new = new.replace("note: 60% exit", "note: 55% exit")
    new = new.replace("actual: 80}", "actual: 90}, {name: signups, target: 10}")
    changes = changed(BASE, new)
    assert [(c.op, c.kind, c.id, c.step, c.field, c.old, c.new) for c in changes] == [
        ("changed", "metric", "visits", None, "actual", 80.0, 90.0),
        ("added", "metric", "signups", None, None, None, {"name": "signups", "target": 10.0}),
        ("removed", "pain_point", "Pricing is hidden", "reads-page", None, None, None),
        ("added", "pain_point", "Plans are confusing", "reads-page", None, None, None),
        ("changed", "opportunity", "Show pricing", "reads-page", "priority", "high", "low"),
        ("changed", "evidence", "GA4", "reads-page", "note", "60% exit", "55% exit"),
    ]


def test_removing_a_step_resolves_its_pain_points_and_drops_its_opportunities() -> None:
    new = BASE.replace(
        BASE[BASE.index("      - id: reads-page") : BASE.index("      - {id: signs-up")], ""
    )
    assert ops(changed(BASE, new)) == [
        ("removed", "step", "reads-page"),
        ("removed", "pain_point", "Pricing is hidden"),
        ("removed", "opportunity", "Show pricing"),
        ("removed", "evidence", "GA4"),
    ]
    summary = full(BASE, new).summary
    assert summary is not None
    assert (summary.pain_resolved, summary.pain_introduced) == (1, 0)


def test_document_fields_but_not_the_state() -> None:
    new = BASE.replace("title: Signup", "title: Sign-up\nstate: optimized")
    new = new.replace("owner: growth\n", "owner: product\n", 1)
    assert [(c.op, c.kind, c.field) for c in changed(BASE, new)] == [
        ("changed", "journey", "title"),
        ("changed", "journey", "owner"),
    ]


def test_duplicate_ids_are_matched_in_order_instead_of_crashing() -> None:
    dup = BASE.replace("id: signs-up,", "id: sees-ad,")
    assert changed(dup, dup) == []
    assert ops(changed(BASE, dup)) == [
        ("removed", "step", "signs-up"),
        ("added", "step", "sees-ad"),
    ]


def test_added_and_deleted_documents() -> None:
    journey = doc(BASE)
    added = diff_documents(None, journey)
    assert ops(added)[:3] == [
        ("added", "journey", "signup"),
        ("added", "stage", "discover"),
        ("added", "step", "sees-ad"),
    ]
    assert "stages" not in added[0].new
    deleted = diff_sides(("gone.yaml", journey), None)
    assert deleted.status == "deleted"
    assert ops(list(deleted.changes))[0] == ("removed", "journey", "signup")
    assert deleted.summary is not None
    assert (deleted.summary.steps.before, deleted.summary.steps.after) == (5, 0)


def test_personas_are_diffed_by_field() -> None:
    old = "journeyctl: 1\nkind: persona\nid: admin\nname: Ada\ngoals: [SSO]\n"
    new = "journeyctl: 1\nkind: persona\nid: admin\nname: Ada\ngoals: [SSO, SCIM]\nrole: IT\n"
    result = full(old, new)
    assert [(c.op, c.kind, c.field) for c in result.changes] == [
        ("changed", "persona", "role"),
        ("changed", "persona", "goals"),
    ]
    assert result.summary is None


def test_summary_for_the_reviewer() -> None:
    new = BASE.replace("emotion: -1", "emotion: 1").replace("    owner: sales\n", "")
    new = new.replace("duration: 14d", "duration: 7d")
    new = new.replace("      - {id: demo, name: Demo, channel: phone, emotion: 2}\n", "")
    result = full(BASE, new)
    summary = result.summary
    assert summary is not None
    assert (summary.steps.before, summary.steps.after) == (5, 4)
    assert (summary.stage_hours.before, summary.stage_hours.after) == (21 * 24, 14 * 24)
    assert summary.sla_hours.before == 24
    assert (summary.emotion.before, summary.emotion.after) == (0.6, 0.75)
    assert summary.lowest.before is not None and summary.lowest.before.step == "reads-page"
    assert summary.lowest.after is not None and summary.lowest.after.step == "sees-ad"
    assert (summary.unowned_steps.before, summary.unowned_steps.after) == (0, 1)
    assert (summary.dead_ends.before, summary.dead_ends.after) == (0, 0)
    assert summary.owners_removed == ("sales",)
    sales = next(team for team in summary.teams if team.team == "sales")
    assert (sales.steps.before, sales.steps.after, sales.lost) == (2, 0, ("demo", "pays"))
    buy = next(stage for stage in summary.stage_summaries if stage.id == "buy")
    assert (buy.steps.before, buy.steps.after, buy.duration.after) == (2, 1, "7d")
    assert summary.step_ops == {"added": 0, "removed": 1, "changed": 1, "moved": 0, "renamed": 0}
    data = result.to_dict()
    assert set(data) == {"old", "new", "status", "changes", "summary", "findings"}
    assert set(data["changes"][0]) == {"op", "kind", "id", "stage", "step", "field", "old", "new"}


def _finding(rule: str, line: int, element: str, severity: Severity = Severity.WARNING) -> Finding:
    return Finding("x.yaml", line, 1, rule, severity, f"{rule} here", element)


def test_findings_are_compared_by_rule_and_element_not_by_line() -> None:
    before = [
        _finding("dead-end", 10, "journey:a/stage:s/step:x"),
        _finding("unowned-step", 12, "journey:a/stage:s/step:y", Severity.ERROR),
    ]
    after = [
        _finding("dead-end", 40, "journey:a/stage:s/step:x"),  # moved down: the same finding
        _finding("dead-end", 44, "journey:a/stage:s/step:z"),  # new
    ]
    delta = compare_findings(before, after)
    assert [(f.rule, f.line) for f in delta.introduced] == [("dead-end", 44)]
    assert [(f.rule, f.line) for f in delta.fixed] == [("unowned-step", 12)]
    assert delta.counts("after") == {"errors": 0, "warnings": 2, "infos": 0}


def test_a_renamed_document_keeps_its_findings() -> None:
    old = _finding("dead-end", 10, "journey:old-id/stage:s/step:x")
    new = _finding("dead-end", 10, "journey:new-id/stage:s/step:x")
    assert finding_key(old) == finding_key(new)
    assert compare_findings([old], [new]).introduced == ()


def test_findings_without_an_element_are_compared_by_message() -> None:
    a = Finding("x.yaml", 1, 1, "schema-error", Severity.ERROR, "unknown key 'x'")
    b = Finding("x.yaml", 9, 1, "schema-error", Severity.ERROR, "unknown key 'y'")
    assert compare_findings([a], [a]).introduced == ()
    assert compare_findings([a], [b]).introduced == (b,)

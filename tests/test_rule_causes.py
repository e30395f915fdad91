"""Issue 15: one broken thing is one finding at its cause, and the new rules' severities."""

from __future__ import annotations

from pathlib import Path

from journeyctl.core.finding import Severity
from journeyctl.core.graph import StepGraph
from journeyctl.core.model import Journey
from journeyctl.core.reach import reach_of
from journeyctl.core.scc import components
from journeyctl.lint.rules import REGISTRY, Context
from tests.helpers import lint, run, write

FLOW_RULES = {"duplicate-id", "dangling-reference", "unreachable-step", "dead-end", "trapped-loop"}

TWELVE_STEPS = """\
journeyctl: 1
kind: journey
id: j
title: J
stages:
  - id: a
    name: A
    steps:
      - {id: visits, name: Visits}
      - {id: signs-up, name: Signs up}
      - {id: books-demo, name: Books a demo}
      - {id: gets-demo, name: Gets the demo}
      - {id: asks-quote, name: Asks for a quote}
      - {id: gets-quote, name: Gets the quote, next: [STEP7]}
      - {id: reviews, name: Reviews the quote, next: [gets-demo]}
      - {id: gets-demo, name: Negotiates, next: [signs]}
      - {id: signs, name: Signs}
      - {id: onboards, name: Onboards}
      - {id: trains, name: Trains the team}
      - {id: renews, name: Renews, terminal: true}
"""


def _flow_findings(tmp_path: Path, text: str) -> list[tuple[str, int]]:
    write(tmp_path, "doc.yaml", text)
    return [(f.rule, f.line) for f in lint(tmp_path) if f.rule in FLOW_RULES]


def test_a_duplicated_id_in_the_middle_is_one_finding_not_a_flood(tmp_path: Path) -> None:
    # Step 8 is a copy of step 4 that kept its id; step 7 names it, meaning the copy. Read as
    # the first 'gets-demo', that made a loop (4-7) and cut off steps 8-12 (before issue 15:
    # five unreachable-step warnings). The reference may mean either step: nothing else fires.
    assert _flow_findings(tmp_path, TWELVE_STEPS.replace("STEP7", "reviews")) == [
        ("duplicate-id", 16)
    ]


def test_a_next_to_a_missing_step_is_one_finding_not_a_flood(tmp_path: Path) -> None:
    # A typo in step 6's next: before issue 15, steps 7-12 were all "unreachable" too.
    text = TWELVE_STEPS.replace("STEP7", "review").replace(
        "id: gets-demo, name: Neg", "id: x, name: N"
    )
    assert _flow_findings(tmp_path, text) == [("dangling-reference", 14)]


def test_a_duplicated_id_still_shows_what_renaming_would_not_fix(tmp_path: Path) -> None:
    # The copy's next loops back, so whichever step 'reviews' means, leads never finish.
    text = TWELVE_STEPS.replace("STEP7", "reviews").replace("next: [signs]", "next: [reviews]")
    assert _flow_findings(tmp_path, text) == [
        ("trapped-loop", 12),
        ("duplicate-id", 16),
        ("unreachable-step", 17),
        ("unreachable-step", 18),
        ("unreachable-step", 19),
        ("unreachable-step", 20),
    ]
    messages = [f.message for f in lint(tmp_path) if f.rule == "unreachable-step"]
    assert all(m.endswith("because of the loop at 'gets-demo'") for m in messages)


HANDOFF = """\
journeyctl: 1
kind: KIND
id: x
title: X
stages:
  - id: a
    name: A
    steps:
      - {id: s1, name: S1, owner: sales, outcome: Done}
      - {id: s2, name: S2, owner: ops, outcome: Done, terminal: true}
"""


def test_a_hand_off_is_info_in_a_journey_and_a_warning_in_a_workflow(tmp_path: Path) -> None:
    write(tmp_path, "j/doc.yaml", HANDOFF.replace("KIND", "journey"))
    write(tmp_path, "w/doc.yaml", HANDOFF.replace("KIND", "workflow"))
    found = {
        Path(f.path).parent.name: f.severity
        for f in lint(tmp_path)
        if f.rule == "handoff-without-sla"
    }
    assert found == {"j": Severity.INFO, "w": Severity.WARNING}


def test_the_cli_lists_and_explains_the_new_rules() -> None:
    listed = run("rules", "--markdown")
    assert listed.exit_code == 0
    assert "| `handoff-without-sla` | info (warning in workflows) |" in listed.stdout
    for name in ("trapped-loop", "handoff-without-sla", "silent-stage"):
        assert f"| `{name}` |" in listed.stdout
        explained = run("explain", name)
        assert explained.exit_code == 0
        assert explained.stdout.startswith(f"{name} [")
        assert "Bad:" in explained.stdout and "Good:" in explained.stdout


def test_sarif_describes_the_new_rules_and_a_workflow_hand_off_is_a_warning(
    tmp_path: Path,
) -> None:
    import json

    write(tmp_path, "w.yaml", HANDOFF.replace("KIND", "workflow"))
    result = run("lint", str(tmp_path), "--format", "sarif", "--fail-on", "never")
    (sarif_run,) = json.loads(result.stdout)["runs"]
    described = {rule["id"] for rule in sarif_run["tool"]["driver"]["rules"]}
    assert {"trapped-loop", "handoff-without-sla", "silent-stage"} <= described
    levels = {(r["ruleId"], r["level"]) for r in sarif_run["results"]}
    assert ("handoff-without-sla", "warning") in levels


def _chain(steps: int, back_to: str | None) -> Journey:
    rows: list[dict[str, object]] = [{"id": f"s{n}", "name": "S"} for n in range(steps)]
    rows[-1].update({"next": [back_to]} if back_to else {"terminal": True})
    data = {"journeyctl": 1, "kind": "journey", "id": "j", "title": "J"}
    return Journey.model_validate({**data, "stages": [{"id": "a", "name": "A", "steps": rows}]})


def test_ten_thousand_steps_in_one_loop_need_no_recursion() -> None:
    doc = _chain(10_000, back_to="s0")
    reach = reach_of(StepGraph(doc))
    assert [(loop.first, len(loop.steps), loop.into) for loop in reach.loops] == [
        ("s0", 10_000, None)
    ]
    (problem,) = REGISTRY["trapped-loop"].check(doc, Context())  # type: ignore[misc]
    assert problem.message.startswith("leads go round 's0', 's1', ")
    assert "'s9' and 9990 more and never finish" in problem.message


def test_a_long_chain_with_no_loop_has_no_trapped_steps() -> None:
    reach = reach_of(StepGraph(_chain(10_000, back_to=None)))
    assert len(reach.reached) == 10_000
    assert reach.loops == ()


def test_components_come_sinks_first_and_leave_out_outside_nodes() -> None:
    edges = {"a": ["b"], "b": ["a", "c"], "c": ["d"], "d": ["d", "e"], "e": []}
    found = components(["a", "b", "c", "d"], edges.__getitem__)
    assert [sorted(part) for part in found] == [["d"], ["c"], ["a", "b"]]


def test_the_flow_rules_share_one_reach_per_document() -> None:
    doc = _chain(3, back_to=None)
    context = Context()
    assert context.reach(doc) is context.reach(doc)


def _brute_force_loops(graph: StepGraph) -> list[tuple[str, frozenset[str]]]:
    """Trapped loops by their definition, path by path (quadratic; small graphs only)."""
    ids: dict[str, list[str]] = {}
    for node in graph.nodes:
        ids.setdefault(node.step.id, []).append(node.key)

    def after(key: str) -> list[str]:
        step = graph.by_id[key].step
        if step.next is None:
            return graph.successors[key]
        return [k for target in step.next for k in ids.get(target, [])]

    def closure(key: str) -> set[str]:
        seen, todo = {key}, [key]
        while todo:
            for target in after(todo.pop()):
                if target not in seen:
                    seen.add(target)
                    todo.append(target)
        return seen

    def way_out(key: str) -> bool:
        step = graph.by_id[key].step
        missing = any(target not in ids for target in step.next or [])
        return step.terminal or not after(key) or missing

    reached = closure(graph.nodes[0].key)
    trapped = [n.key for n in graph.nodes if n.key in reached]
    trapped = [k for k in trapped if not any(way_out(o) for o in closure(k))]
    loops: list[tuple[str, frozenset[str]]] = []
    for key in trapped:
        part = frozenset(o for o in trapped if key in closure(o) and o in closure(key))
        cyclic = len(part) > 1 or key in after(key)
        if cyclic and not any(part == seen for _, seen in loops):
            loops.append((key, part))
    return loops


def test_trapped_loops_match_their_definition_on_random_graphs() -> None:
    import random

    rng = random.Random(15)
    with_loops = 0
    for _ in range(1000):
        count = rng.randint(1, 7)
        names = [f"s{rng.randint(0, count)}" for _ in range(count)]  # some ids repeat
        rows: list[dict[str, object]] = []
        for name in names:
            row: dict[str, object] = {"id": name, "name": "S"}
            pick = rng.random()
            if pick < 0.5:
                row["next"] = rng.sample([*names, "gone"], rng.randint(0, 2))
            if 0.4 < pick < 0.6:  # some with a `next` too: the journey may end or go on
                row["terminal"] = True
            rows.append(row)
        data = {"journeyctl": 1, "kind": "journey", "id": "j", "title": "J"}
        doc = Journey.model_validate({**data, "stages": [{"id": "a", "name": "A", "steps": rows}]})
        graph = StepGraph(doc)
        found = [(loop.first, frozenset(loop.steps)) for loop in reach_of(graph).loops]
        assert found == _brute_force_loops(graph), rows
        with_loops += bool(found)
    assert with_loops > 50  # the graphs drawn do have trapped loops to compare

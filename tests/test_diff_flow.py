"""A diff as a picture: the flow view of the new version, steps coloured by what happened."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from journeyctl.core.model import Journey
from journeyctl.diff import diff_documents
from journeyctl.diff.report.picture import ADDED, CHANGED, REMOVED, diff_source, merged, step_status
from tests.helpers import run, write
from tests.test_diff import BASE, doc

NEW = (
    BASE.replace("name: Reads the page", "name: Reads the pricing page")
    .replace(
        "      - {id: sees-ad,", "      - {id: hears, name: Hears of us}\n      - {id: sees-ad,"
    )
    .replace("      - {id: demo, name: Demo, channel: phone, emotion: 2}\n", "")
)


def flows() -> tuple[Journey, Journey]:
    old, new = doc(BASE), doc(NEW)
    assert isinstance(old, Journey) and isinstance(new, Journey)
    return old, new


def test_each_step_gets_its_status() -> None:
    old, new = flows()
    assert step_status(diff_documents(old, new)) == {
        "hears": "added",
        "reads-page": "changed",
        "demo": "removed",
    }


def test_removed_steps_are_put_back_where_they_were_without_changing_the_flow() -> None:
    old, new = flows()
    both = merged(old, new)
    assert [[s.id for s in stage.steps] for stage in both.stages] == [
        ["hears", "sees-ad", "reads-page", "signs-up"],
        ["demo", "pays"],
    ]
    steps = {s.id: s for stage in both.stages for s in stage.steps}
    assert steps["demo"].next == [] and not steps["demo"].terminal
    assert steps["signs-up"].next == ["pays"]  # the new flow, not into the removed step


def test_a_removed_stage_comes_back_after_the_stage_it_followed() -> None:
    old = doc(
        BASE + "  - id: renew\n    name: Renew\n    steps:\n      - {id: renews, name: Renews}\n"
    )
    new = doc(BASE)
    assert isinstance(old, Journey) and isinstance(new, Journey)
    assert [stage.id for stage in merged(old, new).stages] == ["discover", "buy", "renew"]


def test_the_dot_colours_the_nodes_and_says_so_in_the_legend() -> None:
    old, new = flows()
    dot = diff_source(old, new, diff_documents(old, new), "changes from a to b")
    assert dot.rstrip().endswith("}")
    styled = dict(re.findall(r'^\s*(\S+) \[color="(#[0-9a-f]{6})", penwidth', dot, re.M))
    names = dict(re.findall(r'^\s*(\S+) \[.*\bid="step-([a-z0-9-]+)"', dot, re.M))
    colours = {names[name]: colour for name, colour in styled.items()}
    assert colours == {"hears": ADDED, "reads-page": CHANGED, "demo": REMOVED}
    assert "changes from a to b" in dot
    assert "removed (dashed border)" in dot and "moved (dotted border)" in dot


def test_diff_writes_dot_by_suffix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "old.yaml", BASE)
    write(tmp_path, "new.yaml", NEW)
    result = run("diff", "old.yaml", "new.yaml", "-o", "changes.dot")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "changes.dot").read_text().startswith("digraph")
    many = run("diff", "--journey", "signup", ".", "--format", "dot")
    assert many.exit_code == 2  # both files are `current`: no optimized version
    persona = "journeyctl: 1\nkind: persona\nid: p\nname: P\n"
    write(tmp_path, "p1.yaml", persona)
    write(tmp_path, "p2.yaml", persona.replace("name: P", "name: Q"))
    refused = run("diff", "p1.yaml", "p2.yaml", "--format", "dot")
    assert refused.exit_code == 2
    assert "a persona has no flow to draw" in refused.stderr


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_diff_draws_svg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "old.yaml", BASE)
    write(tmp_path, "new.yaml", NEW)
    result = run("diff", "old.yaml", "new.yaml", "-o", "changes.svg", "--fail-on", "new-errors")
    assert result.exit_code == 0, result.output
    svg = (tmp_path / "changes.svg").read_text()
    assert svg.lstrip().startswith("<?xml") or "<svg" in svg[:400]
    classes = set(re.findall(r'class="node step diff(?:-|&#45;)(\w+)"', svg))
    assert classes == {"added", "changed", "removed"}


def test_draw_diff_is_ready_for_render(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`journeyctl render --diff OLD NEW -o OUT` calls this."""
    from journeyctl.cli.diff import draw_diff
    from journeyctl.core.errors import UsageError

    monkeypatch.chdir(tmp_path)
    write(tmp_path, "old.yaml", BASE)
    write(tmp_path, "new.yaml", NEW)
    draw_diff("old.yaml", "new.yaml", tmp_path / "out.gv")
    assert (tmp_path / "out.gv").read_text().startswith("digraph")
    with pytest.raises(UsageError, match="cannot draw a diff as json"):
        draw_diff("old.yaml", "new.yaml", tmp_path / "out.json")


def test_render_diff_draws_the_change_as_the_flow_view(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent / "examples" / "journeys"
    out = tmp_path / "change.dot"
    result = run(
        "render",
        "--diff",
        str(root / "b2b-onboarding.current.yaml"),
        str(root / "b2b-onboarding.optimized.yaml"),
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    dot = out.read_text(encoding="utf-8")
    assert 'class="step diff-added"' in dot and 'id="step-tests-sso-in-trial"' in dot
    assert 'class="step diff-removed"' in dot and 'id="step-trial-lapses"' in dot
    refused = run("render", "--diff", "a.yaml", "b.yaml", "--view", "map")
    assert refused.exit_code == 2
    assert "--diff draws the flow view only" in refused.stderr

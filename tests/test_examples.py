"""The example project teaches the format: the optimized journey is clean, the current one is not."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import lint

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_optimized_journey_workflow_and_personas_are_clean() -> None:
    clean = [
        EXAMPLES / "journeys" / "b2b-onboarding.optimized.yaml",
        EXAMPLES / "workflows",
        EXAMPLES / "personas",
    ]
    assert lint(*clean) == []


def test_current_journey_shows_the_problems_the_optimized_one_fixes() -> None:
    findings = lint(EXAMPLES)
    assert {Path(f.path).name for f in findings} == {"b2b-onboarding.current.yaml"}
    rules = {f.rule for f in findings}
    assert {
        "unowned-step",
        "dead-end",
        "unaddressed-pain",
        "emotion-cliff",
        "missed-target",
        "unmeasured-stage",
        "orphan-opportunity",
        "conflicting-touchpoint",
        "overdue-opportunity",
    } <= rules


def test_one_opportunity_is_overdue_and_the_clean_examples_stay_clean_until_mid_2027() -> None:
    """The chat fix was due 2026-11-16 and is still in progress; every other open `due` of
    the examples is far enough ahead that the clean ones stay clean (done items never count)."""
    from datetime import date

    from journeyctl.lint.engine import lint_paths

    overdue = [f for f in lint(EXAMPLES) if f.rule == "overdue-opportunity"]
    assert [(Path(f.path).name, f.message) for f in overdue] == [
        (
            "b2b-onboarding.current.yaml",
            "opportunity 'One owner for the in-app chat; CSMs follow up by email' is 8 days "
            "overdue: due 2026-11-16, status in-progress",
        )
    ]
    clean = [EXAMPLES / "journeys" / "b2b-onboarding.optimized.yaml", EXAMPLES / "workflows"]
    later = lint_paths(clean, today=date(2027, 6, 29), jobs=1).report.findings
    assert [f for f in later if f.rule == "overdue-opportunity"] == []


def test_every_example_document_is_linted() -> None:
    from journeyctl.lint.engine import lint_paths

    report = lint_paths([EXAMPLES], jobs=1).report
    assert report.files == len(list(EXAMPLES.rglob("*.yaml"))) - 1  # all but journeyctl.yaml


def test_one_file_resolves_personas_from_its_project() -> None:
    # personas/ is not named, but the project's journeyctl.yaml marks where to look for them
    assert lint(EXAMPLES / "journeys" / "b2b-onboarding.optimized.yaml") == []

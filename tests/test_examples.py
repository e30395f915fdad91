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
    } <= rules


def test_every_example_document_is_linted() -> None:
    from journeyctl.lint.engine import lint_paths

    report = lint_paths([EXAMPLES], jobs=1).report
    assert report.files == len(list(EXAMPLES.rglob("*.yaml"))) - 1  # all but journeyctl.yaml


def test_one_file_resolves_personas_from_its_project() -> None:
    # personas/ is not named, but the project's journeyctl.yaml marks where to look for them
    assert lint(EXAMPLES / "journeys" / "b2b-onboarding.optimized.yaml") == []

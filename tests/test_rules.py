"""Data-driven rule tests: one case file per rule, plus every rule's documented examples."""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from journeyctl.lint.rules import REGISTRY
from tests.helpers import lint, write

CASES_DIR = Path(__file__).parent / "rule_cases"


def _load_cases() -> list[Any]:
    params = []
    for case_file in sorted(CASES_DIR.glob("*.yaml")):
        spec = yaml.safe_load(case_file.read_text(encoding="utf-8"))
        for case in spec["cases"]:
            params.append(pytest.param(spec["rule"], case, id=f"{spec['rule']}: {case['name']}"))
    return params


def _positions(
    tmp_path: Path, rule: str, files: dict[str, str], settings: str | None
) -> list[list[int | str]]:
    if settings is not None:
        write(tmp_path, "journeyctl.yaml", "journeyctl: 1\n" + settings)
    for name, text in files.items():
        write(tmp_path, name, text)
    found = [f for f in lint(tmp_path) if f.rule == rule]
    return [[f.line, f.column, f.message] for f in found]


@pytest.mark.parametrize(("rule", "case"), _load_cases())
def test_rule_case(tmp_path: Path, rule: str, case: dict[str, Any]) -> None:
    """Each expected finding is [line, column], or [line, column, message] to pin its words."""
    files = case.get("files") or {"doc.yaml": case["document"]}
    found = _positions(tmp_path, rule, files, case.get("settings"))
    widths = [len(spot) for spot in case["expect"]] + [3] * len(found)
    assert [spot[:width] for spot, width in zip(found, widths, strict=False)] == case["expect"]


def test_every_rule_has_a_case_file() -> None:
    covered = {p.stem for p in CASES_DIR.glob("*.yaml")}
    assert set(REGISTRY) <= covered


_EXAMPLE = re.compile(
    r"^(Bad|Good)(?: \((?:with `(?P<settings>[^`]+)`|[^)]*)\))?:\n\n(?P<body>(?:    .*\n|\n)+)",
    re.M,
)


def _examples(doc: str) -> list[tuple[str, str, str | None]]:
    text = inspect.cleandoc(doc) + "\n"
    return [
        (m.group(1), inspect.cleandoc(m.group("body")), m.group("settings"))
        for m in _EXAMPLE.finditer(text)
    ]


@pytest.mark.parametrize("rule", sorted(REGISTRY))
def test_documented_examples(tmp_path: Path, rule: str) -> None:
    examples = _examples(REGISTRY[rule].doc)
    assert [kind for kind, _, _ in examples] == ["Bad", "Good"], (
        "doc needs a Bad and a Good example"
    )
    for kind, body, settings in examples:
        folder = tmp_path / kind
        folder.mkdir()
        settings_text = (
            (settings + "\n")
            if settings
            else "owners: {sales: {name: Sales}, marketing: {name: Marketing}, customer-success: {name: CS}, product: {name: Product}, sales-ops: {name: Sales ops}}\n"
        )
        found = _positions(folder, rule, {"doc.yaml": body + "\n"}, settings_text)
        if kind == "Bad":
            assert found, f"the Bad example of {rule} finds nothing"
        else:
            assert not found, f"the Good example of {rule} finds {found}"

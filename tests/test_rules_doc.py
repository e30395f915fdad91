"""docs/rules.md (where SARIF's helpUri points) is the registry's documentation today."""

from __future__ import annotations

from pathlib import Path

from journeyctl.lint.catalog import rules_page
from journeyctl.lint.rules import REGISTRY

PAGE = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def test_docs_rules_md_is_current() -> None:
    assert PAGE.read_text(encoding="utf-8") == rules_page(), "run bash scripts/render-docs.sh"


def test_every_rule_has_its_own_heading_for_the_help_link() -> None:
    headings = [line[3:] for line in rules_page().splitlines() if line.startswith("## ")]
    assert headings == list(REGISTRY)

"""Documentation generated from code stays current."""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers import run

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_rules_table_is_current() -> None:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"<!-- rules:start[^>]*-->\n(.*?)<!-- rules:end -->", text, re.S)
    assert match, "README.md lost its rules markers"
    assert match.group(1) == run("rules", "--markdown").stdout, (
        "README rules table is stale: paste `journeyctl rules --markdown`"
    )


def test_readme_names_the_scripts_ci_runs() -> None:
    text = README.read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in text
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in ci


def test_readme_diff_excerpt_matches_the_snapshot() -> None:
    text = README.read_text(encoding="utf-8")
    start = text.index("> ✅ **Map quality:**")
    excerpt = text[start : text.index("\n\n## ", start)]
    snapshot = README.parent / "tests" / "snapshots" / "diff-b2b-onboarding.md"
    assert excerpt in snapshot.read_text(encoding="utf-8"), "README's diff excerpt is stale"

"""The layout promises of docs/architecture.md that import-linter does not check."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "journeyctl"
MAX_LINES = 300
LOADER = {"workspace/load.py", "workspace/yaml_nodes.py"}
"""The one place that turns bytes into a document (fmt's ruamel round trip edits text)."""


def _modules() -> dict[str, str]:
    return {
        path.relative_to(SRC).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(SRC.rglob("*.py"))
    }


def test_no_module_is_longer_than_300_lines() -> None:
    long = {name: text.count("\n") for name, text in _modules().items()}
    assert {name: n for name, n in long.items() if n > MAX_LINES} == {}


def test_only_the_loader_composes_or_loads_yaml() -> None:
    pattern = re.compile(r"\byaml\.(?:compose|load|safe_load|full_load|unsafe_load)\(")
    found = {name for name, text in _modules().items() if pattern.search(text)}
    assert found <= LOADER, f"{sorted(found - LOADER)} turn bytes into documents themselves"


def test_nothing_writes_files_but_the_writer() -> None:
    pattern = re.compile(
        r"\.write_(?:text|bytes)\(|\bopen\([^)]*['\"][wax]b?['\"]|os\.(?:replace|rename)\("
        r"|mkstemp\(|fdopen\("
    )
    found = {name for name, text in _modules().items() if pattern.search(text)}
    assert found == {"workspace/write.py"}, f"{sorted(found)}: only workspace/write.py writes"

"""The fast paths of issue 11 (speed at 10,000 steps) give what the slow ones gave.

- a side of a diff loaded in a worker process comes back as plain data, validated again;
- overwriting a drawing does not parse it as YAML to the end;
- tooltips in any script take the one-regex path of `quoted_lines`, with the same text;
- the process ends at once after the command, with its output flushed and its exit code.
"""

from __future__ import annotations

import io
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from journeyctl.diff.side_loader import SideLoader, load_side
from journeyctl.render.text import clean, quoted_lines
from journeyctl.workspace.discover import is_journeyctl
from tests.helpers import TODAY, write

JOURNEY = """\
    journeyctl: 1
    kind: journey
    id: checkout
    title: Checkout
    stages:
      - id: buy
        name: Buy
        owner: sales
        steps:
          - id: pick
            name: Picks a plan
            emotion: -1
            pain_points: [Price is hidden]
            opportunities: [{text: Show prices, priority: high}]
          - {id: pay, name: Pays, terminal: true}
"""


class _Recording(pickle.Unpickler):
    """An unpickler that notes every class the pickle names."""

    def __init__(self, stream: io.BytesIO) -> None:
        super().__init__(stream)
        self.classes: list[tuple[str, str]] = []

    def find_class(self, module: str, name: str) -> Any:
        self.classes.append((module, name))
        return super().find_class(module, name)


def test_a_side_sent_from_a_worker_carries_data_not_models(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, "checkout.yaml", JOURNEY)
    loader = SideLoader(TODAY)
    label, raw, where = loader.spec(str(path))
    side = load_side((loader.target(label, where), raw, loader.today))
    sent = pickle.dumps(side, protocol=pickle.HIGHEST_PROTOCOL)
    unpickler = _Recording(io.BytesIO(sent))
    received = unpickler.load()
    models = {name for module, name in unpickler.classes if module == "journeyctl.core.model"}
    assert models <= {"Settings", "Owner"}  # the project's settings; no part of the journey
    assert received.doc == side.doc
    assert received.result.document is received.doc
    assert received.findings == side.findings
    assert received.result.target.display == side.result.target.display


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b'digraph "x" {\n  graph [class="journeyctl flow"];\n  a -> b;\n}\n', False),
        (b'<?xml version="1.0"?>\n<svg class="journeyctl map"><g/></svg>\n', False),
        (b"- journeyctl\n- 1\n", False),
        (b"journeyctl: 1\n", True),
        (b"{journeyctl}", True),
        (b"? journeyctl\n", True),
        (b"&a journeyctl: 1\n", True),
        (b"x: 1\n<<: {journeyctl: 1}\n", True),
        (b'"journ\\x65yctl": 1\n', True),
        (b"a: [\n", False),
    ],
)
def test_is_journeyctl_with_and_without_a_mapping_root(text: bytes, expected: bool) -> None:
    assert is_journeyctl(text) is expected


def _slow_quoted_lines(lines: list[str]) -> str:
    """What quoted_lines wrote for every line before its fast path took any script."""
    joined = "\n".join(filter(None, map(clean, lines)))
    joined = joined.replace("&", "&amp;").replace("\\", "\\\\\\\\").replace('"', '\\"')
    return '"' + joined.replace("\n", "\\n") + '"'


@pytest.mark.parametrize(
    "lines",
    [
        ["\u25b2 Price is hidden", "\u25c6 Show prices", "\u65e5\u672c\u8a9e \u0645\u0631\u062d"],
        ["<b>bold</b> & co", 'say "hi"', "back\\slash \\N \\G"],
        ["rtl\u202emark", "zero\u200bwidth", "nbsp\u00a0end\u00a0", "\u3000ideographic"],
        ["line\nbreak", "", "  spaced  out  ", "tab\there", "ctl\x07bell\x85nel"],
        ["bom\ufeff", "sep\u2028para\u2029", "lone \ud800 surrogate", "\u2003em space"],
        [],
        [""],
    ],
)
def test_quoted_lines_fast_path_writes_what_the_slow_one_did(lines: list[str]) -> None:
    assert quoted_lines(lines) == _slow_quoted_lines(lines)


def test_the_process_ends_with_its_exit_code_and_output(tmp_path: Path) -> None:
    path = write(tmp_path, "checkout.yaml", JOURNEY.replace("        owner: sales\n", ""))
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "journeyctl", "lint", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 1  # a warning about the unowned steps; the default fail-on
    assert '"rule": "unowned-step"' in done.stdout
    assert done.stdout.rstrip().endswith("}")  # flushed whole before the process ended

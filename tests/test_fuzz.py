"""Whatever the input, the loader and linter end with findings or a clean error, never an exception."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeyctl.lint.engine import Target, check_file
from journeyctl.workspace.settings import ProjectSettings

KEYS = st.sampled_from(
    [
        "journeyctl",
        "kind",
        "id",
        "title",
        "stages",
        "steps",
        "name",
        "owner",
        "next",
        "emotion",
        "terminal",
        "pain_points",
        "opportunities",
        "metrics",
        "reviewed",
        "persona",
        "x-own",
        "<<",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.sampled_from(["journey", "persona", "workflow", "a", "2026-01-01"]),
)
STRUCTURES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(KEYS, children, max_size=6)
    ),
    max_leaves=40,
)
FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _check(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(raw)
    target = Target(path, "fuzz.yaml", True, ProjectSettings(root=tmp_path))
    result = check_file(target, date(2026, 11, 24))
    for finding in result.findings:
        assert finding.line >= 1 and finding.column >= 1
        assert finding.message


@FUZZ
@given(text=st.text(max_size=300))
def test_arbitrary_text(tmp_path: Path, text: str) -> None:
    _check(tmp_path, text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(raw=st.binary(max_size=200))
def test_arbitrary_bytes(tmp_path: Path, raw: bytes) -> None:
    _check(tmp_path, b"journeyctl: 1\n" + raw)


@FUZZ
@given(body=st.dictionaries(KEYS, STRUCTURES, max_size=8))
def test_arbitrary_yaml_structures(tmp_path: Path, body: dict[str, Any]) -> None:
    document = {"journeyctl": 1, "kind": "journey", **body}
    _check(tmp_path, yaml.safe_dump(document, allow_unicode=True).encode())


@FUZZ
@given(
    stages=st.lists(
        st.fixed_dictionaries(
            {"id": st.sampled_from(["a", "b", "c"]), "name": st.just("S")},
            optional={
                "owner": st.sampled_from(["sales", "x"]),
                "steps": st.lists(
                    st.fixed_dictionaries(
                        {"id": st.sampled_from(["s1", "s2", "s3", "s4"]), "name": st.just("N")},
                        optional={
                            "next": st.lists(st.sampled_from(["s1", "s2", "s9"]), max_size=3),
                            "terminal": st.booleans(),
                            "emotion": st.integers(-2, 2),
                            "pain_points": st.lists(st.text(min_size=1, max_size=5), max_size=2),
                        },
                    ),
                    max_size=5,
                ),
            },
        ),
        max_size=4,
    )
)
def test_valid_shaped_journeys_run_every_rule(tmp_path: Path, stages: list[Any]) -> None:
    document = {"journeyctl": 1, "kind": "journey", "id": "j", "title": "J", "stages": stages}
    _check(tmp_path, yaml.safe_dump(document).encode())

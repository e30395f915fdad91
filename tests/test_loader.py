"""Every bad input gives one parse-error finding with a position, never a traceback or a hang."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeyctl.workspace.load import LoadError, locate, parse_yaml
from tests.helpers import lint

HEADER = b"journeyctl: 1\nkind: journey\nid: j\ntitle: J\n"

BAD_INPUTS = [
    pytest.param(
        b"journeyctl: 1\nkind: journey\nkind: persona\n",
        3,
        1,
        "duplicate key 'kind'",
        id="duplicate key",
    ),
    pytest.param(
        HEADER
        + b"a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        b"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
        b"g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n",
        None,
        None,
        "billion-laughs",
        id="billion laughs",
    ),
    pytest.param(HEADER + b"title: caf\xe9\n", 5, 11, "invalid UTF-8", id="invalid utf-8"),
    pytest.param(b"\x7fELF\x02\x01\x01\x00\x00\x00journeyctl:", 1, 1, "binary file", id="binary"),
    pytest.param(HEADER + b"stages:\n\t- id: a\n", 6, 1, "tab character", id="tab indentation"),
    pytest.param(
        HEADER + b"stages:\n  - id: a\n    name: A\n\tsteps: []\n",
        None,
        None,
        "tab character: YAML indentation must use spaces",
        id="tab inside a block",
    ),
    pytest.param(b"", 1, 1, "empty file", id="empty file"),
    pytest.param(b"   \n\n", 1, 1, "empty file", id="blank file"),
    pytest.param(b"# only a comment\n", 1, 1, "no YAML document", id="only comments"),
    pytest.param(b"- journeyctl: 1\n", 1, 1, "is a list", id="list document"),
    pytest.param(b"just text\n", 1, 1, "single value", id="scalar document"),
    pytest.param(
        HEADER + b"---\njourneyctl: 1\n", 5, 1, "several YAML documents", id="multi-document"
    ),
    pytest.param(
        HEADER + b'description: "never closed\nstages: []\n',
        5,
        14,
        "unclosed quote",
        id="unclosed quote",
    ),
    pytest.param(
        HEADER + b"x: !!python/object/apply:os.system [ls]\n",
        5,
        4,
        "unsupported tag '!!python/object/apply:os.system'",
        id="python tag",
    ),
    pytest.param(HEADER + b"x: !custom 1\n", 5, 4, "unsupported tag '!custom'", id="local tag"),
    pytest.param(
        b"journeyctl: " + b"[" * 5000 + b"]" * 5000 + b"\n",
        1,
        None,
        "nesting too deep",
        id="deep flow nesting",
    ),
    pytest.param(
        b"journeyctl: " + b"[" * 200 + b"]" * 200 + b"\n",
        1,
        None,
        "nesting deeper than",
        id="nesting beyond the loader bound",
    ),
    pytest.param(b"journeyctl: 1\n" + b"- " * 3000 + b"x\n", 2, None, "", id="deep block nesting"),
    pytest.param(HEADER + b"a: *nowhere\n", 5, 4, "never defined", id="undefined alias"),
    pytest.param(
        HEADER + b"? [complex, key]\n: value\n",
        5,
        3,
        "mapping keys must be plain text",
        id="complex key",
    ),
    pytest.param(
        HEADER + b"reviewed: !!timestamp not-a-date\n",
        5,
        11,
        "not a valid timestamp",
        id="bad explicit tag value",
    ),
]


@pytest.mark.parametrize(("content", "line", "column", "message"), BAD_INPUTS)
def test_bad_input_is_one_parse_error(
    tmp_path: Path, content: bytes, line: int | None, column: int | None, message: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    findings = lint(path)
    assert [f.rule for f in findings] == ["parse-error"], findings
    finding = findings[0]
    assert message in finding.message
    assert finding.path.endswith("bad.yaml")
    if line is not None:
        assert finding.line == line
    if column is not None:
        assert finding.column == column


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(b"journeyctl: 1\nkind: [\n")
    (tmp_path / "b.yaml").write_bytes(
        HEADER + b"stages:\n  - {id: s, name: S, steps: [{id: t, name: T}]}\n"
    )
    rules = {(Path(f.path).name, f.rule) for f in lint(tmp_path)}
    assert ("a.yaml", "parse-error") in rules
    assert ("b.yaml", "unowned-step") in rules


def test_directory_skips_files_that_are_not_journeyctl_files(tmp_path: Path) -> None:
    (tmp_path / "ci.yml").write_text("on: push\njobs: {}\n")
    (tmp_path / "broken-helm.yaml").write_text("{{ .Values.x }}: [\n")
    assert lint(tmp_path) == []


def test_a_named_file_that_is_not_a_journeyctl_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "ci.yml"
    path.write_text("on: push\n")
    [finding] = lint(path)
    assert (finding.rule, finding.line, finding.column) == ("schema-error", 1, 1)
    assert "journeyctl: 1" in finding.message


def test_yaml_12_scalars_and_merge_keys() -> None:
    loaded = parse_yaml(
        b"a: no\nb: on\nc: 1:20\nd: 2026-10-01\ne: 0x1f\nf: 1.5\ng: ~\nh: true\n"
        b"base: &base {owner: sales}\nstep:\n  <<: *base\n  name: S\n",
        Path("x.yaml"),
    )
    data = loaded.data
    assert (data["a"], data["b"], data["c"], data["e"], data["f"], data["g"], data["h"]) == (
        "no",
        "on",
        "1:20",
        31,
        1.5,
        None,
        True,
    )
    assert str(data["d"]) == "2026-10-01"
    assert data["step"] == {"owner": "sales", "name": "S"}
    assert locate(loaded.root, ("step", "owner")) == (9, 21)  # where the merged value is


def test_x_keys_are_set_aside() -> None:
    data = parse_yaml(b"journeyctl: 1\nx-notes: [1]\nk: {x-a: 1, b: 2}\n", Path("x.yaml")).data
    assert data == {"journeyctl": 1, "k": {"b": 2}}


def test_locate_points_at_key_value_or_the_mapping_that_lacks_it() -> None:
    root = parse_yaml(b"a:\n  b: 1\n  c: [x, y]\n", Path("x.yaml")).root
    assert locate(root, ("a", "b")) == (2, 6)
    assert locate(root, ("a", "b"), at_key=True) == (2, 3)
    assert locate(root, ("a", "c", 1)) == (3, 10)
    assert locate(root, ("a", "missing")) == (2, 3)


def test_load_error_carries_position() -> None:
    with pytest.raises(LoadError) as raised:
        parse_yaml(b"a: 1\na: 2\n", Path("x.yaml"))
    assert (raised.value.line, raised.value.column) == (2, 1)


def test_an_opportunity_is_overdue_only_while_open() -> None:
    """Past its due date and not done or dropped; no due date is never overdue."""
    from datetime import date

    from journeyctl.core.model import Opportunity

    today = date(2026, 12, 2)
    due = date(2026, 12, 1)
    assert Opportunity(text="t", due=due).is_overdue(today)
    assert Opportunity.model_validate(
        {"text": "t", "due": due, "status": "in-progress"}
    ).is_overdue(today)
    assert not Opportunity.model_validate({"text": "t", "due": due, "status": "done"}).is_overdue(
        today
    )
    assert not Opportunity.model_validate(
        {"text": "t", "due": due, "status": "dropped"}
    ).is_overdue(today)
    assert not Opportunity(text="t", due=today).is_overdue(today)
    assert not Opportunity(text="t").is_overdue(today)

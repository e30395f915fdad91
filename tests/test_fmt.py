"""`journeyctl fmt`: canonical key order from the models, comments and `x-` keys kept, safe writes."""

from __future__ import annotations

import random
import stat
import textwrap
from pathlib import Path

import pytest

from journeyctl.core.model import Journey, Persona, Settings, Stage, Step
from journeyctl.fmt import FormatError, format_text, key_order
from tests.helpers import run, write

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").rglob("*.yaml"))

MESSY = """\
# yaml-language-server: $schema=../schemas/journey.schema.json
x-review-notes: keep me      # an extension key
title: Messy                 # beside title
# above id
id: messy
kind: journey
journeyctl: 1
stages:
- name: Buy
  steps:
  - {name: Pays, id: pays, terminal: true, outcome: Paid}
  id: buy
  owner: sales
"""

MESSY_FORMATTED = """\
# yaml-language-server: $schema=../schemas/journey.schema.json
journeyctl: 1
kind: journey
# above id
id: messy
title: Messy                 # beside title
stages:
  - id: buy
    name: Buy
    owner: sales
    steps:
      - {id: pays, name: Pays, outcome: Paid, terminal: true}
x-review-notes: keep me      # an extension key
"""


def fmt(text: str) -> str:
    return format_text(textwrap.dedent(text))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- key order ---------------------------------------------------------------------------------


def test_key_order_is_the_models_field_order_with_kind_after_the_version() -> None:
    assert key_order(Journey)[:5] == ("journeyctl", "kind", "id", "title", "state")
    assert key_order(Journey)[-1] == "stages"
    assert key_order(Persona)[:4] == ("journeyctl", "kind", "id", "name")
    assert key_order(Stage) == tuple(Stage.model_fields)
    assert key_order(Step) == tuple(Step.model_fields)
    assert key_order(Settings) == tuple(Settings.model_fields)


def test_keys_are_reordered_at_every_level_and_layout_is_canonical() -> None:
    assert format_text(MESSY) == MESSY_FORMATTED


def test_nested_models_are_reordered_in_lists_and_flow_mappings() -> None:
    assert fmt("""\
        journeyctl: 1
        kind: journey
        id: j
        title: J
        stages:
          - id: s
            name: S
            metrics:
              - {unit: ratio, target: 0.5, name: conversion}
            steps:
              - id: a
                name: A
                evidence:
                  - note: "62% bounce"
                    source: GA4
                    kind: analytical
                opportunities: [{owner: sales, priority: high, text: Call back}]
        """) == textwrap.dedent("""\
        journeyctl: 1
        kind: journey
        id: j
        title: J
        stages:
          - id: s
            name: S
            metrics:
              - {name: conversion, target: 0.5, unit: ratio}
            steps:
              - id: a
                name: A
                opportunities: [{text: Call back, priority: high, owner: sales}]
                evidence:
                  - kind: analytical
                    source: GA4
                    note: "62% bounce"
        """)


def test_user_keys_are_never_reordered() -> None:
    # owners, rules and demographics are the user's own mappings: their order is theirs
    text = """\
        journeyctl: 1
        owners:
          zeta: {lead: Z, name: Zeta}
          alpha: {name: Alpha}
        rules:
          stale-review: "off"
          dead-end: error
        lifecycle: [b, a]
        """
    assert format_text(textwrap.dedent(text), settings=True) == textwrap.dedent("""\
        journeyctl: 1
        owners:
          zeta: {name: Zeta, lead: Z}
          alpha: {name: Alpha}
        lifecycle: [b, a]
        rules:
          stale-review: "off"
          dead-end: error
        """)


def test_x_keys_and_unknown_keys_keep_their_order_after_the_known_ones() -> None:
    assert fmt("""\
        x-b: 1
        name: P
        nmae: typo
        x-a: {z: 1, a: 2}
        kind: persona
        journeyctl: 1
        id: p
        """) == textwrap.dedent("""\
        journeyctl: 1
        kind: persona
        id: p
        name: P
        x-b: 1
        nmae: typo
        x-a: {z: 1, a: 2}
        """)


def test_unknown_kind_is_laid_out_but_not_reordered() -> None:
    assert fmt("zeta: 1\njourneyctl: 1\nkind: bogus\nlist:\n- a\n") == (
        "zeta: 1\njourneyctl: 1\nkind: bogus\nlist:\n  - a\n"
    )


# -- comments ------------------------------------------------------------------------------


def test_comments_above_and_beside_a_moved_key_move_with_it() -> None:
    assert fmt("""\
        journeyctl: 1
        kind: persona
        name: P
        # above role, which moves up
        role: Buyer   # beside role
        # above id, which moves up
        # (two lines)
        id: p         # beside id
        quote: "Q"
        """) == textwrap.dedent("""\
        journeyctl: 1
        kind: persona
        # above id, which moves up
        # (two lines)
        id: p         # beside id
        name: P
        # above role, which moves up
        role: Buyer   # beside role
        quote: "Q"
        """)


def test_comments_stay_with_the_block_they_are_indented_into() -> None:
    assert fmt("""\
        journeyctl: 1
        kind: journey
        title: T
        stages:
          # the first stage
          - name: One
            steps:
              - id: a
                name: A
                pain_points:
                  - Slow
                  # a pain point for later
                terminal: true
              # a step for later
            # above the id of stage one
            id: one

          # the second stage
          - id: two
            name: Two
        id: t   # beside id
        # the end of the file
        """) == textwrap.dedent("""\
        journeyctl: 1
        kind: journey
        id: t   # beside id
        title: T
        stages:
          # the first stage
          # above the id of stage one
          - id: one
            name: One
            steps:
              - id: a
                name: A
                pain_points:
                  - Slow
                  # a pain point for later
                terminal: true
              # a step for later

          # the second stage
          - id: two
            name: Two
        # the end of the file
        """)


def test_a_comment_above_a_key_that_becomes_first_in_a_list_item_goes_above_the_dash() -> None:
    assert fmt("""\
        journeyctl: 1
        kind: journey
        id: j
        title: J
        stages:
          - name: S
            # the id
            id: s
        """).endswith("stages:\n  # the id\n  - id: s\n    name: S\n")


def test_comments_after_flow_collections_stay_where_they_are() -> None:
    # ruamel keeps a comment below a flow collection with whatever comes next
    assert fmt("""\
        journeyctl: 1
        kind: journey
        id: j
        title: J
        stages:
          - id: s
            name: S
            steps:
              - id: a
                name: A
                systems: [CRM]
                # the end of step a

              - id: b
                name: B
                next: []
            metrics: [{name: m}]
          # above the second stage
          - id: t
            name: T
        """) == textwrap.dedent("""\
        journeyctl: 1
        kind: journey
        id: j
        title: J
        stages:
          - id: s
            name: S
            metrics: [{name: m}]
            steps:
              - id: a
                name: A
                systems: [CRM]
                # the end of step a

              - id: b
                name: B
                next: []
          # above the second stage
          - id: t
            name: T
        """)


def test_a_blank_line_after_the_header_stays() -> None:
    assert fmt("# modeline\n\nkind: persona\njourneyctl: 1\nid: p\nname: P\n") == (
        "# modeline\n\njourneyctl: 1\nkind: persona\nid: p\nname: P\n"
    )


def test_header_comments_stay_on_top_and_blank_lines_go_with_the_next_key() -> None:
    assert fmt("""\
        # yaml-language-server: $schema=../schemas/journey.schema.json
        #
        # The file's description.

        # about kind
        kind: persona
        journeyctl: 1
        id: p


        name: P
        """) == textwrap.dedent("""\
        # yaml-language-server: $schema=../schemas/journey.schema.json
        #
        # The file's description.
        journeyctl: 1

        # about kind
        kind: persona
        id: p

        name: P
        """)


def test_block_scalars_and_their_comments_are_kept() -> None:
    text = """\
        journeyctl: 1
        kind: persona
        id: p
        quote: |   # beside the indicator
          Line one
          # not a comment: part of the text

        # above name
        name: P
        """
    assert fmt(text) == textwrap.dedent("""\
        journeyctl: 1
        kind: persona
        id: p

        # above name
        name: P
        quote: |   # beside the indicator
          Line one
          # not a comment: part of the text
        """)


def test_a_comment_inside_a_flow_collection_is_never_lost() -> None:
    with pytest.raises(FormatError) as raised:
        fmt("""\
            journeyctl: 1
            kind: persona
            id: p
            goals: [a,   # inside
              b]
            name: P
            """)
    assert "'# inside'" in raised.value.message
    assert (raised.value.line, raised.value.column) == (4, 14)


# -- what is kept as written ---------------------------------------------------------------


def test_quotes_flow_style_long_lines_and_scalars_are_kept() -> None:
    long = "x" * 300
    text = f"""\
journeyctl: 1
kind: persona
id: 'p'
name: "Pat {long}"
goals: ['one', "two", three]
demographics: {{size: 10, since: 2026-01-01, ratio: 1e3, hex: 0x1F, no: no}}
quote: >-
  Folded
  text
"""
    assert format_text(text) == text


def test_nulls_and_booleans_have_one_spelling() -> None:
    assert fmt("""\
        journeyctl: 1
        kind: persona
        id: p
        name: P
        role: ~
        x-flags: [True, FALSE, ~]
        x-items:
          - ~
          -
        """) == textwrap.dedent("""\
        journeyctl: 1
        kind: persona
        id: p
        name: P
        role:
        x-flags: [true, false, null]
        x-items:
          - null
          - null
        """)


def test_crlf_and_explicit_document_start_are_kept() -> None:
    text = "# before\r\n---  # start\r\nname: P\r\njourneyctl: 1\r\nkind: persona\r\nid: p\r\n"
    assert format_text(text) == (
        "# before\r\n---  # start\r\njourneyctl: 1\r\nkind: persona\r\nid: p\r\nname: P\r\n"
    )


def test_an_anchor_that_would_move_into_its_alias_keeps_the_order() -> None:
    text = """\
        journeyctl: 1
        kind: journey
        id: j
        title: J
        x-defaults: &defaults
          owner: sales
        stages:
          - <<: *defaults
            name: S
            id: s
        """
    assert fmt(text) == textwrap.dedent(text)


# -- idempotence ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_is_already_canonical_and_formatting_is_idempotent(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    settings = path.name == "journeyctl.yaml"
    once = format_text(text, settings)
    assert once == text
    assert format_text(once, settings) == once


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_shuffled_examples_format_back_to_the_examples(seed: int) -> None:
    """Shuffle every mapping's keys (comments travel with their keys), then format."""
    for path in EXAMPLES:
        text = path.read_text(encoding="utf-8")
        settings = path.name == "journeyctl.yaml"
        shuffled = _shuffled(text, random.Random(f"{seed}{path.name}"))
        assert shuffled != text
        formatted = format_text(shuffled, settings)
        assert formatted == text, path.name
        assert format_text(formatted, settings) == formatted


def _shuffled(text: str, rng: random.Random) -> str:
    """The text with the keys of every mapping that fmt orders shuffled.

    The first key of a list item keeps its place: a comment above it is the item's.
    """
    from io import StringIO

    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from journeyctl.core.model import DOCUMENT_MODELS
    from journeyctl.fmt.comments import Comments
    from journeyctl.fmt.layout import round_trip_yaml
    from journeyctl.fmt.order import nested_models

    yaml_rt = round_trip_yaml()
    root = yaml_rt.load(text)
    comments = Comments(text.split("\n"))
    comments.harvest(root)

    def shuffle(node: object, model: type, in_list: bool) -> None:
        if not isinstance(node, CommentedMap):
            return
        keys = list(node)
        rest = keys[1:] if in_list else keys
        rng.shuffle(rest)
        for key in (keys[:1] if in_list else []) + rest:
            node.move_to_end(key)
        for name, (shape, nested) in nested_models(model).items():
            value = node.get(name)
            if shape == "model":
                shuffle(value, nested, False)
            elif shape == "list" and isinstance(value, CommentedSeq):
                for item in value:
                    shuffle(item, nested, True)
            elif shape == "dict" and isinstance(value, CommentedMap):
                for item in value.values():
                    shuffle(item, nested, False)

    shuffle(root, Settings if "kind" not in root else DOCUMENT_MODELS[root["kind"]], False)
    comments.restore(root)
    out = StringIO()
    yaml_rt.dump(root, out)
    return out.getvalue()


# -- the command -------------------------------------------------------------------------------


def test_fmt_rewrites_files_and_says_which(project: Path) -> None:
    messy = write(project, "journeys/messy.yaml", MESSY)
    clean = write(project, "journeys/clean.yaml", MESSY_FORMATTED.replace("messy", "clean"))
    before = clean.stat().st_mtime_ns
    result = run("fmt")
    assert result.exit_code == 0, result.output
    assert result.stdout == "reformatted journeys/messy.yaml\n"
    assert "1 file reformatted, 1 unchanged" in result.stderr
    assert messy.read_text(encoding="utf-8") == MESSY_FORMATTED
    assert clean.stat().st_mtime_ns == before  # an unchanged file is not rewritten
    assert run("fmt", "--check").exit_code == 0


def test_check_lists_files_exits_1_and_writes_nothing(project: Path) -> None:
    messy = write(project, "messy.yaml", MESSY)
    result = run("fmt", "--check", ".")
    assert result.exit_code == 1
    assert result.stdout == "would reformat messy.yaml\n"
    assert "1 file would be reformatted" in result.stderr
    assert messy.read_text(encoding="utf-8") == MESSY


def test_diff_prints_a_unified_diff_exits_1_and_writes_nothing(project: Path) -> None:
    messy = write(project, "messy.yaml", MESSY)
    result = run("fmt", "--diff", "messy.yaml")
    assert result.exit_code == 1
    assert result.stdout.startswith("--- a/messy.yaml\n+++ b/messy.yaml\n@@ ")
    assert "+journeyctl: 1\n" in result.stdout
    assert "-- name: Buy\n" in result.stdout
    assert messy.read_text(encoding="utf-8") == MESSY
    write(project, "messy.yaml", MESSY_FORMATTED)
    clean = run("fmt", "--diff", "messy.yaml")
    assert (clean.exit_code, clean.stdout) == (0, "")


def test_a_bad_file_is_named_and_untouched_while_the_others_are_formatted(project: Path) -> None:
    bad = project / "bad.yaml"
    bad.write_bytes(b"journeyctl: 1\nkind: persona\nid: a\nid: b\nname:   X\n")
    messy = write(project, "messy.yaml", MESSY)
    result = run("fmt", ".")
    assert result.exit_code == 2
    assert "journeyctl: bad.yaml:4:1: duplicate key 'id'" in result.stderr
    assert bad.read_bytes() == b"journeyctl: 1\nkind: persona\nid: a\nid: b\nname:   X\n"
    assert messy.read_text(encoding="utf-8") == MESSY_FORMATTED
    assert "Traceback" not in result.output


def test_a_file_that_would_lose_a_comment_is_left_alone(project: Path) -> None:
    text = "journeyctl: 1\nkind: persona\nid: p\nname: P\ngoals: [a,  # why\n  b]\n"
    path = write(project, "p.yaml", text)
    result = run("fmt", "p.yaml")
    assert result.exit_code == 2
    assert "p.yaml:5:13: formatting would lose the comment '# why'" in result.stderr
    assert path.read_text(encoding="utf-8") == text


def test_a_named_file_that_is_not_a_journeyctl_file_is_refused(project: Path) -> None:
    ci = write(project, ".github/ci.yml", "on: push\njobs: {}\n")
    result = run("fmt", ".github/ci.yml")
    assert result.exit_code == 2
    assert "ci.yml:1:1: not a journeyctl file" in result.stderr
    assert ci.read_text(encoding="utf-8") == "on: push\njobs: {}\n"
    assert run("fmt", "--ignore-foreign", ".github/ci.yml").exit_code == 0


def test_foreign_and_broken_yaml_in_a_directory_is_skipped(project: Path) -> None:
    write(project, "compose.yaml", "services: {web: {image: x}}\n")
    write(project, "broken.yaml", "services: [oops\n")
    assert run("fmt", ".").exit_code == 0


def test_a_directory_without_journeyctl_files_warns_as_lint_does(project: Path) -> None:
    (project / "empty").mkdir()
    result = run("fmt", "empty")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == (
        "journeyctl: warning: no journeyctl files found (files need a top-level "
        "`journeyctl: 1` key)\n"
    )
    assert run("lint", "empty").stderr == result.stderr


def test_a_missing_path_is_a_usage_error(project: Path) -> None:
    result = run("fmt", "nope.yaml")
    assert result.exit_code == 2
    assert result.stderr == "journeyctl: nope.yaml: no such file or directory\n"


def test_directories_honour_include_and_exclude(project: Path) -> None:
    write(project, "journeyctl.yaml", "exclude: ['drafts/**']\njourneyctl: 1\n")
    draft = write(project, "drafts/messy.yaml", MESSY)
    result = run("fmt", ".")
    assert result.exit_code == 0, result.output
    assert draft.read_text(encoding="utf-8") == MESSY
    # the settings file itself is formatted with the settings' key order
    assert (project / "journeyctl.yaml").read_text() == "journeyctl: 1\nexclude: ['drafts/**']\n"


def test_a_named_settings_file_is_formatted(project: Path) -> None:
    write(project, "journeyctl.yaml", "lifecycle: [a, b]\njourneyctl: 1\n")
    assert run("fmt", "journeyctl.yaml").exit_code == 0
    assert (project / "journeyctl.yaml").read_text() == "journeyctl: 1\nlifecycle: [a, b]\n"


def test_writes_are_atomic_and_keep_permissions(project: Path) -> None:
    messy = write(project, "messy.yaml", MESSY)
    messy.chmod(0o640)
    inode = messy.stat().st_ino
    assert run("fmt", "messy.yaml").exit_code == 0
    assert stat.S_IMODE(messy.stat().st_mode) == 0o640
    assert messy.stat().st_ino != inode  # replaced by a rename, never written in place
    assert sorted(p.name for p in project.iterdir()) == ["messy.yaml"]  # no temporary left


def test_a_symbolic_link_stays_a_link(project: Path) -> None:
    target = write(project, "real/messy.yaml", MESSY)
    link = project / "link.yaml"
    link.symlink_to(target)
    assert run("fmt", "link.yaml").exit_code == 0
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == MESSY_FORMATTED


def test_formatted_files_still_lint_the_same(project: Path) -> None:
    from tests.helpers import lint

    examples = ROOT / "examples"
    before = [(f.rule, f.message) for f in lint(examples)]
    for path in EXAMPLES:
        text = _shuffled(path.read_text(encoding="utf-8"), random.Random(7))
        write(project, str(path.relative_to(examples)), text)
    assert run("fmt", ".").exit_code == 0
    assert [(f.rule, f.message) for f in lint(project)] == before


@pytest.mark.parametrize(
    ("before", "after", "where"),
    [
        ("a: 1\nb: 2\n", "b: 2\na: 1\n", None),  # order is not data
        ("a: 1\nb: [x, y]\n", "a: 1\nb: [x, z]\n", (2, 8)),  # the first differing value
        ("a: 1\nb: [x, y]\n", "a: 1\nb: [x]\n", (2, 4)),  # a list that lost an item
        ("a: 1\nb: 2\n", "a: 1\nc: 2\n", (1, 1)),  # a mapping whose keys differ
        ("a: {x: 1}\nb: 2\n", "a: {x: 9}\nc: 2\n", (1, 8)),  # what comes first is named
        ("a: TRUE\nb: ~\nc: 0x1F\n", "a: true\nb:\nc: 31\n", None),  # written otherwise
        ("a: yes\nb: 2\n", "a: true\nb: 2\n", (1, 4)),  # YAML 1.2: `yes` is text, not true
        ("a: .nan\n", "a: .NaN\n", None),  # not a number equals itself here
    ],
)
def test_the_data_check_names_where_the_formatted_text_first_differs(
    before: str, after: str, where: tuple[int, int] | None
) -> None:
    from journeyctl.fmt.verify import verify_formatted

    if where is None:
        verify_formatted(before, after)
        return
    with pytest.raises(FormatError) as raised:
        verify_formatted(before, after)
    assert "would change the data" in raised.value.message
    assert (raised.value.line, raised.value.column) == where

"""What a user sees from each `--format`: exact text, escaping, and valid machine formats."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from journeyctl.core.finding import Finding, LintReport, Severity
from journeyctl.lint.report import FORMATS, REPORTERS, ReportOptions, get_reporter
from journeyctl.workspace.messages import unicode_safe

SARIF_SCHEMA = Path("/work/shared/reference/sarif-schema-2.1.0.json")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
PLAIN = ReportOptions()

JOURNEY = """\
journeyctl: 1
kind: journey
id: onboarding
stages:
  - id: awareness
    steps:
      - id: sees-ad
"""


def render(name: str, report: LintReport, options: ReportOptions = PLAIN) -> str:
    return get_reporter(name)(report, options)


def finding(
    path: str = "a.yaml",
    line: int = 1,
    column: int = 1,
    rule: str = "unowned-step",
    severity: Severity = Severity.ERROR,
    message: str = "step 'sees-ad' has no owner",
) -> Finding:
    return Finding(path, line, column, rule, severity, message)


@pytest.fixture
def journey(tmp_path: Path) -> str:
    path = tmp_path / "onboarding.yaml"
    path.write_text(JOURNEY, encoding="utf-8")
    return str(path)


# --- registry of formats ----------------------------------------------------------------


def test_format_names_are_listed_without_importing_rich() -> None:
    code = (
        "import sys; from journeyctl.lint.report import FORMATS, REPORTERS; "
        "print(','.join(FORMATS), ','.join(REPORTERS), 'rich' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["text,json,github,sarif,junit", "text,json,github,sarif,junit", "False"]


def test_unknown_format_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown format 'yaml'"):
        get_reporter("yaml")


@pytest.mark.parametrize("name", FORMATS)
def test_registry_entry_renders_like_get_reporter(name: str) -> None:
    report = LintReport([finding()], files=1)
    assert REPORTERS[name](report, PLAIN) == render(name, report)


# --- json -------------------------------------------------------------------------------


def test_json_has_sorted_findings_with_1_based_positions_and_summary() -> None:
    report = LintReport(
        [
            finding("b.yaml", 3, 7, "dead-end", Severity.WARNING, "step 'x' leads nowhere"),
            finding("a.yaml", 1, 1, "parse-error", Severity.ERROR, "bad YAML"),
        ],
        files=2,
    )
    data = json.loads(render("json", report))
    assert data == {
        "findings": [
            {
                "rule": "parse-error",
                "severity": "error",
                "path": "a.yaml",
                "line": 1,
                "column": 1,
                "message": "bad YAML",
            },
            {
                "rule": "dead-end",
                "severity": "warning",
                "path": "b.yaml",
                "line": 3,
                "column": 7,
                "message": "step 'x' leads nowhere",
            },
        ],
        "summary": {"files": 2, "errors": 1, "warnings": 1, "infos": 0},
    }


def test_json_without_findings_still_has_summary() -> None:
    out = render("json", LintReport([], files=3))
    assert json.loads(out) == {
        "findings": [],
        "summary": {"files": 3, "errors": 0, "warnings": 0, "infos": 0},
    }
    assert out.startswith('{\n  "findings"')


@pytest.mark.parametrize("baselined", [None, 4])
@pytest.mark.parametrize("count", [0, 1, 3])
def test_json_is_what_json_dumps_indents_byte_for_byte(count: int, baselined: int | None) -> None:
    """The fast writer and `json.dumps(indent=2)` agree, hostile text included."""
    hostile = ['"q" \\ \n\t\x00\x1b[31m', "caf\u00e9 \u202e \U0001f3ab", "a\udcffb", "</script>"]
    findings = [
        Finding(f"d/{hostile[i % 4]}.yaml", i + 1, 2, "dead-end", Severity.INFO, hostile[i % 4])
        for i in range(count)
    ]
    findings += [
        Finding("x.yaml", 9, 9, "unowned-step", Severity.ERROR, "m", element="journey:j/step:s")
    ] * min(count, 1)
    report = LintReport(findings, files=2)
    out = render("json", report, ReportOptions(baselined=baselined))
    summary = report.summary() | ({} if baselined is None else {"baselined": baselined})
    entries = [
        {k: unicode_safe(v) if isinstance(v, str) else v for k, v in f.to_dict().items()}
        for f in sorted(findings)
    ]
    assert out == json.dumps({"findings": entries, "summary": summary}, indent=2) + "\n"


# --- github -----------------------------------------------------------------------------


def test_github_one_command_per_finding_by_severity() -> None:
    report = LintReport(
        [
            finding("a.yaml", 2, 3, "dead-end", Severity.WARNING, "w"),
            finding("a.yaml", 1, 1, "parse-error", Severity.ERROR, "e"),
            finding("b.yaml", 4, 5, "stale-review", Severity.INFO, "i"),
        ],
        files=2,
    )
    assert render("github", report).splitlines() == [
        "::error file=a.yaml,line=1,col=1,title=parse-error::e",
        "::warning file=a.yaml,line=2,col=3,title=dead-end::w",
        "::notice file=b.yaml,line=4,col=5,title=stale-review::i",
    ]


def test_github_escapes_message_and_path() -> None:
    report = LintReport(
        [finding("dir,1/a:b.yaml", 12, 9, message="100% broken\r\nsee: docs, now")], files=1
    )
    assert render("github", report) == (
        "::error file=dir%2C1/a%3Ab.yaml,line=12,col=9,title=unowned-step"
        "::100%25 broken%0D%0Asee: docs, now\n"
    )


def test_github_prints_nothing_without_findings() -> None:
    assert render("github", LintReport([], files=5)) == ""


# --- text -------------------------------------------------------------------------------


def test_text_shows_source_line_with_caret_under_the_column(journey: str) -> None:
    report = LintReport([finding(journey, 7, 9)], files=1)
    assert render("text", report) == (
        f"{journey}:7:9: error[unowned-step] step 'sees-ad' has no owner\n"
        "  |\n"
        "7 |       - id: sees-ad\n"
        "  |         ^\n"
        "\n"
        "Found 1 error in 1 file.\n"
    )


def test_text_gutter_widens_for_two_digit_lines(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    path.write_text("a: 1\n" * 11 + "key:   value\n", encoding="utf-8")
    out = render(
        "text", LintReport([finding(str(path), 12, 8)], files=1), ReportOptions(quiet=True)
    )
    assert out.splitlines()[1:] == ["   |", "12 | key:   value", "   |        ^"]


def test_text_caret_counts_wide_characters_and_tabs(tmp_path: Path) -> None:
    path = tmp_path / "wide.yaml"
    path.write_text("name: 日本\tx\n", encoding="utf-8")
    # Column 10 is the "x". "name: 日本" fills 10 terminal cells, the tab pads to cell 16.
    out = render(
        "text", LintReport([finding(str(path), 1, 10)], files=1), ReportOptions(quiet=True)
    )
    source, caret = out.splitlines()[2:4]
    assert source == "1 | name: 日本" + " " * 6 + "x"
    assert caret == "  | " + " " * 16 + "^"


def test_text_groups_by_file_in_sorted_order(tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    report = LintReport(
        [
            finding(str(b), 1, 1, message="in b"),
            finding(str(a), 2, 1, message="second in a"),
            finding(str(a), 1, 1, message="first in a"),
        ],
        files=2,
    )
    out = render("text", report)  # files do not exist: no snippets
    assert out == (
        f"{a}:1:1: error[unowned-step] first in a\n"
        f"{a}:2:1: error[unowned-step] second in a\n"
        "\n"
        f"{b}:1:1: error[unowned-step] in b\n"
        "\n"
        "Found 3 errors in 2 files.\n"
    )


def test_text_aligns_gutters_within_a_file(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    path.write_text("".join(f"k{n}: v\n" for n in range(1, 13)), encoding="utf-8")
    report = LintReport([finding(str(path), 12, 1), finding(str(path), 3, 2)], files=1)
    out = render("text", report, ReportOptions(quiet=True))
    assert out.splitlines()[1:4] == ["   |", " 3 | k3: v", "   |  ^"]
    assert out.splitlines()[6:9] == ["   |", "12 | k12: v", "   | ^"]
    assert out.splitlines()[4] == ""  # findings with snippets are kept apart


def test_text_omits_snippet_when_line_does_not_exist(journey: str) -> None:
    out = render("text", LintReport([finding(journey, 99, 1)], files=1), ReportOptions(quiet=True))
    assert out == f"{journey}:99:1: error[unowned-step] step 'sees-ad' has no owner\n"


@pytest.mark.parametrize(
    ("severities", "files", "expected"),
    [
        ([Severity.ERROR], 1, "Found 1 error in 1 file."),
        (
            [Severity.ERROR] * 3 + [Severity.WARNING] + [Severity.INFO] * 2,
            4,
            "Found 3 errors, 1 warning and 2 infos in 4 files.",
        ),
        ([Severity.WARNING] * 2 + [Severity.INFO], 3, "Found 2 warnings and 1 info in 3 files."),
        ([], 4, "All checked: 4 files, no findings."),
        ([], 1, "All checked: 1 file, no findings."),
    ],
)
def test_text_summary_line(severities: list[Severity], files: int, expected: str) -> None:
    findings = [finding(line=i + 1, severity=s) for i, s in enumerate(severities)]
    out = render("text", LintReport(findings, files=files))
    assert out.endswith(f"\n{expected}\n") or out == f"{expected}\n"


def test_text_quiet_prints_findings_only() -> None:
    quiet = ReportOptions(quiet=True)
    report = LintReport([finding("missing.yaml", 1, 2)], files=3)
    assert render("text", report, quiet) == (
        "missing.yaml:1:2: error[unowned-step] step 'sees-ad' has no owner\n"
    )
    assert render("text", LintReport([], files=3), quiet) == ""


def test_text_has_no_escape_codes_without_colour_and_some_with(journey: str) -> None:
    report = LintReport([finding(journey, 7, 9)], files=1)
    plain = render("text", report, ReportOptions(color=False))
    coloured = render("text", report, ReportOptions(color=True))
    assert "\x1b" not in plain
    assert "\x1b[" in coloured
    assert "\x1b[1;31merror" in coloured  # errors in bold red
    assert ANSI.sub("", coloured) == plain


@pytest.mark.parametrize("color", [False, True])
def test_text_prints_rich_markup_in_messages_literally(color: bool) -> None:
    message = "title '[bold]Sign up[/bold]' uses :smile: and [red]"
    report = LintReport([finding("missing.yaml", message=message)], files=1)
    out = ANSI.sub("", render("text", report, ReportOptions(color=color)))
    assert f"error[unowned-step] {message}\n" in out


def test_text_escapes_control_characters_from_user_text() -> None:
    report = LintReport([finding("missing.yaml", message="id 'a\x1b[2Jb'\nnext")], files=1)
    out = render("text", report, ReportOptions(quiet=True))
    assert out == "missing.yaml:1:1: error[unowned-step] id 'a\\x1b[2Jb'\\x0anext\n"


# --- junit ------------------------------------------------------------------------------


def test_junit_parses_with_one_suite_per_file_and_a_passing_summary() -> None:
    report = LintReport(
        [
            finding("a.yaml", 1, 2, "parse-error", Severity.ERROR, 'bad <yaml> & "quotes"'),
            finding("a.yaml", 3, 4, "dead-end", Severity.WARNING, "w"),
            finding("b.yaml", 5, 6, "stale-review", Severity.INFO, "i"),
        ],
        files=4,
    )
    out = render("junit", report, ReportOptions(fail_on=Severity.INFO))
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("4", "3", "0")
    suites = root.findall("testsuite")
    assert [(s.get("name"), s.get("tests"), s.get("failures")) for s in suites] == [
        ("a.yaml", "2", "2"),
        ("b.yaml", "1", "1"),
        ("journeyctl", "1", "0"),
    ]
    case = suites[0].findall("testcase")[0]
    assert (case.get("classname"), case.get("name")) == (
        "journeyctl.parse-error",
        'a.yaml:1:2: bad <yaml> & "quotes"',
    )
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("type") == "error"
    assert failure.get("message") == 'bad <yaml> & "quotes"'
    assert failure.text == 'a.yaml:1:2 error parse-error bad <yaml> & "quotes"'
    summary_cases = suites[2].findall("testcase")
    assert [c.get("name") for c in summary_cases] == ["4 files checked"]
    assert summary_cases[0].find("failure") is None


@pytest.mark.parametrize(
    ("fail_on", "failing"),
    [
        (Severity.ERROR, ["a.yaml:1:1: e"]),
        (Severity.WARNING, ["a.yaml:1:1: e", "a.yaml:2:1: w"]),
        (None, []),
    ],
)
def test_junit_fails_only_the_findings_that_fail_the_run(
    fail_on: Severity | None, failing: list[str]
) -> None:
    report = LintReport(
        [
            finding("a.yaml", 1, 1, "unowned-step", Severity.ERROR, "e"),
            finding("a.yaml", 2, 1, "dead-end", Severity.WARNING, "w"),
            finding("a.yaml", 3, 1, "emotion-cliff", Severity.INFO, "i"),
        ],
        files=1,
    )
    root = ET.fromstring(render("junit", report, ReportOptions(fail_on=fail_on)).encode())
    assert root.get("failures") == str(len(failing))
    assert root.findall("testsuite")[0].get("failures") == str(len(failing))
    cases = root.findall("testsuite")[0].findall("testcase")
    assert [c.get("name") for c in cases if c.find("failure") is not None] == failing
    passing = [c for c in cases if c.find("failure") is None]
    assert len(passing) == 3 - len(failing)
    for case in passing:  # a milder finding still shows its text
        out = case.find("system-out")
        assert out is not None and out.text is not None
        where, _, message = str(case.get("name")).partition(": ")
        assert out.text.startswith(f"{where} ") and out.text.endswith(f" {message}")


def test_junit_test_cases_at_one_place_have_distinct_names() -> None:
    message = "journey does not cover lifecycle stage '{}'"
    report = LintReport(
        [finding(rule="missing-stage", message=message.format(s)) for s in ("buy", "renew")],
        files=1,
    )
    root = ET.fromstring(render("junit", report).encode())
    names = [(c.get("classname"), c.get("name")) for c in root.iter("testcase")]
    assert len(names) == len(set(names)) == 3


def test_junit_clean_run_is_one_passing_test() -> None:
    root = ET.fromstring(render("junit", LintReport([], files=1)).encode("utf-8"))
    assert (root.get("tests"), root.get("failures")) == ("1", "0")
    assert [c.get("name") for c in root.iter("testcase")] == ["1 file checked"]


def test_junit_stays_well_formed_with_newlines_control_characters_and_unicode() -> None:
    message = "line one\nline two \x1b[0m \x00 café"
    out = render("junit", LintReport([finding(message=message)], files=1))
    assert out.isascii()
    failure = ET.fromstring(out.encode("utf-8")).find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == "line one\nline two \\x1b[0m \\x00 café"


# --- sarif ------------------------------------------------------------------------------


def sarif(report: LintReport) -> dict[str, Any]:
    pytest.importorskip("journeyctl.lint.rules", reason="the rule registry does not import yet")
    data: dict[str, Any] = json.loads(render("sarif", report))
    return data


SARIF_REPORT = LintReport(
    [
        finding("examples/journeys/on boarding.yaml", 12, 9, "unowned-step", Severity.ERROR),
        finding("b.yaml", 3, 1, "stale-review", Severity.INFO, "review is old"),
        finding("b.yaml", 1, 1, "no-such-rule", Severity.WARNING, "from a plugin"),
    ],
    files=2,
)


def test_sarif_validates_against_the_official_schema() -> None:
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"SARIF 2.1.0 schema not found at {SARIF_SCHEMA}")
    from jsonschema import Draft4Validator, FormatChecker

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = Draft4Validator(schema, format_checker=FormatChecker())
    for data in (sarif(SARIF_REPORT), sarif(LintReport([], files=0))):
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
        assert errors == []


def test_sarif_driver_lists_every_registered_rule() -> None:
    data = sarif(SARIF_REPORT)
    from journeyctl import __version__
    from journeyctl.lint.rules import REGISTRY

    run = data["runs"][0]
    assert data["version"] == "2.1.0"
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("journeyctl", __version__)
    assert [r["id"] for r in driver["rules"]] == list(REGISTRY)
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for entry, rule in zip(driver["rules"], REGISTRY.values(), strict=True):
        assert entry["name"] == rule.name
        assert entry["shortDescription"]["text"] == rule.summary
        assert entry["help"]["markdown"] == rule.doc.strip()
        assert entry["defaultConfiguration"]["level"] == levels[rule.severity.label]


def test_sarif_results_point_at_rule_and_region() -> None:
    data = sarif(SARIF_REPORT)
    run = data["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["no-such-rule", "stale-review", "unowned-step"]

    unknown, stale, unowned = results
    assert "ruleIndex" not in unknown
    assert unknown["level"] == "warning"
    assert rule_ids[stale["ruleIndex"]] == "stale-review"
    assert stale["level"] == "note"
    assert stale["message"] == {"text": "review is old"}
    assert rule_ids[unowned["ruleIndex"]] == "unowned-step"
    assert unowned["level"] == "error"
    location = unowned["locations"][0]["physicalLocation"]
    assert location == {
        "artifactLocation": {
            "uri": "examples/journeys/on%20boarding.yaml",
            "uriBaseId": "%SRCROOT%",
        },
        "region": {"startLine": 12, "startColumn": 9},
    }


def test_sarif_makes_absolute_paths_under_the_working_directory_relative(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    inside = str(tmp_path / "journeys" / "a.yaml")
    data = sarif(LintReport([finding(inside)], files=1))
    location = data["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "journeys/a.yaml", "uriBaseId": "%SRCROOT%"}

"""The committed JSON Schemas match the models, and accept every example."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from journeyctl.schema import dump, schemas

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DOCUMENTS = sorted(p for p in EXAMPLES.rglob("*.yaml") if p.name != "journeyctl.yaml")


def test_committed_schemas_are_up_to_date() -> None:
    for name, content in schemas().items():
        committed = (ROOT / "schemas" / name).read_text(encoding="utf-8")
        assert committed == dump(content), (
            f"schemas/{name} is stale: run `journeyctl schema -o schemas`"
        )


def test_every_example_starts_with_the_schema_modeline() -> None:
    for path in [*DOCUMENTS, EXAMPLES / "journeyctl.yaml"]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target.is_file(), f"{path}: modeline points at {target}"


def _check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("check-jsonschema is not installed (pip install -e '.[dev]')")
    return subprocess.run(
        [exe, "--schemafile", str(ROOT / "schemas" / schema), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_jsonschema_accepts_every_example() -> None:
    assert DOCUMENTS
    done = _check_jsonschema("journey.schema.json", *DOCUMENTS)
    assert done.returncode == 0, done.stdout + done.stderr
    done = _check_jsonschema("settings.schema.json", EXAMPLES / "journeyctl.yaml")
    assert done.returncode == 0, done.stdout + done.stderr


def test_check_jsonschema_rejects_an_unknown_key(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("journeyctl: 1\nkind: persona\nid: p\nname: P\nnmae: typo\nx-fine: 1\n")
    done = _check_jsonschema("journey.schema.json", bad)
    assert done.returncode == 1
    assert "nmae" in done.stdout


def test_settings_schema_rejects_what_journeyctl_rejects(tmp_path: Path) -> None:
    """An owner id that is not a slug, and a rule no rule has: editors must show both."""
    from tests.helpers import run

    cases = {
        "owner": "owners:\n  Marketing Team: {name: Marketing}\n",
        "rule": "rules:\n  unowned-stepp: warning\n",
        "github": "owners:\n  marketing: {name: M, github: acme/marketing}\n",
    }
    for name, text in cases.items():
        project = tmp_path / name
        project.mkdir()
        settings = project / "journeyctl.yaml"
        settings.write_text(text, encoding="utf-8")
        (project / "p.yaml").write_text("journeyctl: 1\nkind: persona\nid: p\nname: P\n")
        done = _check_jsonschema("settings.schema.json", settings)
        assert done.returncode == 1, (name, done.stdout)
        linted = run("lint", str(project))
        assert linted.exit_code == 2 and "bad settings" in linted.stderr, (name, linted.stderr)
    good = tmp_path / "good.yaml"
    good.write_text(
        "owners:\n  marketing: {name: M, github: '@acme/marketing'}\nrules:\n  dead-end: 'off'\n"
    )
    assert _check_jsonschema("settings.schema.json", good).returncode == 0


@pytest.mark.parametrize(
    ("version", "emotion", "valid"),
    [
        ("1", "1", True),
        ("1.0", "-2.0", True),  # JSON Schema's integers include 1.0
        ("true", "1", False),  # true is no version, though Python's True == 1
        ("1", "true", False),
        ("1", "1.5", False),
        ("1", "3.0", False),
    ],
)
def test_schema_and_lint_agree_on_the_version_and_emotions(
    tmp_path: Path, version: str, emotion: str, valid: bool
) -> None:
    """What an editor's schema check accepts, lint accepts (and the other way round)."""
    from tests.helpers import run

    journey = tmp_path / "j.yaml"
    journey.write_text(
        f"journeyctl: {version}\nkind: journey\nid: j\ntitle: J\nstages:\n"
        "  - id: s\n    name: S\n    owner: a\n    steps:\n"
        f"      - {{id: a, name: A, emotion: {emotion}, terminal: true}}\n",
        encoding="utf-8",
    )
    done = _check_jsonschema("journey.schema.json", journey)
    assert (done.returncode == 0) is valid, done.stdout
    linted = run("lint", str(journey), "--format", "json")
    assert ("schema-error" not in linted.stdout) is valid, linted.stdout


@pytest.mark.parametrize(
    ("extra", "valid"),
    [
        ("status: in-progress, link: 'https://linear.app/acme/issue/GRO-12'", True),
        ("status: done, link: 'acme/web#123'", True),
        ("status: open", True),
        ("status: finished", False),
        ("status: Done", False),
        ("link: 'acme/web'", False),
        ("link: 'see the board'", False),
        ("link: 'javascript:alert(1)'", False),
        ("link: 'https://a b'", False),
    ],
)
def test_schema_and_lint_agree_on_opportunity_status_and_link(
    tmp_path: Path, extra: str, valid: bool
) -> None:
    """An opportunity's status is one of five words; its link a URL or owner/repo#N."""
    from tests.helpers import run

    journey = tmp_path / "j.yaml"
    journey.write_text(
        "journeyctl: 1\nkind: journey\nid: j\ntitle: J\nstages:\n"
        "  - id: s\n    name: S\n    owner: a\n    steps:\n"
        "      - id: a\n        name: A\n        terminal: true\n        opportunities:\n"
        f"          - {{text: T, {extra}}}\n",
        encoding="utf-8",
    )
    done = _check_jsonschema("journey.schema.json", journey)
    assert (done.returncode == 0) is valid, done.stdout
    linted = run("lint", str(journey), "--format", "json")
    assert ("schema-error" not in linted.stdout) is valid, linted.stdout

"""`journeyctl init`: a project that lints clean, with schemas its modelines resolve to."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from journeyctl.schema import dump, schemas
from tests.helpers import run, write

CREATED = [
    "journeyctl.yaml",
    "personas/new-customer.yaml",
    "journeys/first-purchase.yaml",
    "schemas/journey.schema.json",
    "schemas/settings.schema.json",
]


@pytest.fixture
def cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _files(directory: Path) -> list[str]:
    return sorted(p.relative_to(directory).as_posix() for p in directory.rglob("*") if p.is_file())


def test_init_creates_a_project_that_lints_clean(cwd: Path) -> None:
    result = run("init", "project")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        *(f"created project/{name}" for name in CREATED),
        "created project/.gitignore",
        "",
        "next: journeyctl lint project",
    ]
    assert _files(cwd / "project") == sorted([*CREATED, ".gitignore"])
    lint = run("lint", "project", "--fail-on", "info")
    assert lint.exit_code == 0, lint.output
    assert "2 files, no findings" in lint.stdout


def test_init_defaults_to_the_current_directory(cwd: Path) -> None:
    result = run("init")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "created journeyctl.yaml"
    assert result.stdout.splitlines()[-1] == "next: journeyctl lint"
    assert run("lint", "--fail-on", "info").exit_code == 0


def test_the_journey_covers_the_lifecycle_and_is_reviewed_today(cwd: Path) -> None:
    from journeyctl.workspace.load import read_yaml

    assert run("init").exit_code == 0
    journey = read_yaml(cwd / "journeys" / "first-purchase.yaml").data
    settings = read_yaml(cwd / "journeyctl.yaml").data
    stages = [stage["id"] for stage in journey["stages"]]
    assert stages == settings["lifecycle"]
    assert stages == ["awareness", "consideration", "decision", "onboarding", "loyalty"]
    assert journey["reviewed"] == date.today()
    assert settings["review_every"] == "90d"
    assert len(settings["owners"]) >= 3
    text = (cwd / "journeyctl.yaml").read_text(encoding="utf-8")
    assert "\n# rules:\n#   " in text  # commented examples of rules


def test_every_modeline_resolves_to_the_schema_written_beside_it(cwd: Path) -> None:
    assert run("init", "p").exit_code == 0
    expected = {"journeyctl.yaml": "settings.schema.json"}
    for name in CREATED:
        if not name.endswith(".yaml"):
            continue
        path = cwd / "p" / name
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        relative = first.split("$schema=", 1)[1]
        assert not Path(relative).is_absolute()
        target = (path.parent / relative).resolve()
        assert target == (cwd / "p" / "schemas" / expected.get(name, "journey.schema.json"))
    for name, content in schemas().items():
        assert (cwd / "p" / "schemas" / name).read_text(encoding="utf-8") == dump(content)


def test_check_jsonschema_accepts_the_generated_files(cwd: Path) -> None:
    exe = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("check-jsonschema is not installed (pip install -e '.[dev]')")
    assert run("init", "p").exit_code == 0
    project = cwd / "p"
    for schema, files in [
        ("journey.schema.json", ["personas/new-customer.yaml", "journeys/first-purchase.yaml"]),
        ("settings.schema.json", ["journeyctl.yaml"]),
    ]:
        done = subprocess.run(
            [exe, "--schemafile", str(project / "schemas" / schema)]
            + [str(project / f) for f in files],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr


def test_the_generated_files_are_already_formatted(cwd: Path) -> None:
    assert run("init").exit_code == 0
    result = run("fmt", "--check", ".")
    assert result.exit_code == 0, result.output
    assert "3 unchanged" in result.stderr


@pytest.mark.parametrize("existing", CREATED)
def test_init_refuses_to_overwrite_and_writes_nothing(cwd: Path, existing: str) -> None:
    mine = write(cwd, existing, "my own content: keep\n")
    mine.chmod(0o600)
    result = run("init")
    assert result.exit_code == 2
    assert result.stderr == (
        f"journeyctl: {existing}: already exists; nothing written (init never overwrites)\n"
    )
    assert mine.read_bytes() == b"my own content: keep\n"
    assert _files(cwd) == [existing]  # nothing else was written


@pytest.mark.parametrize("settings", [".journeyctl.yaml", "journeyctl.yml"])
def test_init_refuses_when_the_project_has_other_settings(cwd: Path, settings: str) -> None:
    write(cwd, settings, "journeyctl: 1\n")
    result = run("init")
    assert result.exit_code == 2
    assert f"{settings}: the project already has settings" in result.stderr
    assert _files(cwd) == [settings]


def test_init_refuses_when_pyproject_has_settings(cwd: Path) -> None:
    write(cwd, "pyproject.toml", "[tool.journeyctl]\nreview_every = '30d'\n")
    result = run("init")
    assert result.exit_code == 2
    assert "[tool.journeyctl]" in result.stderr
    assert _files(cwd) == ["pyproject.toml"]
    write(cwd, "pyproject.toml", "[project]\nname = 'x'\n")
    assert run("init").exit_code == 0  # a pyproject without journeyctl settings is fine


def test_init_refuses_a_file_where_a_folder_goes(cwd: Path) -> None:
    write(cwd, "schemas", "not a folder\n")
    result = run("init")
    assert result.exit_code == 2
    assert "schemas: exists and is not a directory" in result.stderr
    assert _files(cwd) == ["schemas"]


def test_init_into_a_file_is_a_usage_error(cwd: Path) -> None:
    write(cwd, "file.txt", "x\n")
    result = run("init", "file.txt")
    assert result.exit_code == 2
    assert result.stderr == "journeyctl: file.txt: not a directory\n"


def test_init_writes_atomically_with_ordinary_permissions(cwd: Path) -> None:
    assert run("init").exit_code == 0
    assert not [p for p in cwd.rglob(".*") if p.name.endswith(".tmp")]
    ordinary = write(cwd, "ordinary.txt", "x\n")  # created the usual way, under the umask
    for name in CREATED:
        assert (cwd / name).stat().st_mode & 0o777 == ordinary.stat().st_mode & 0o777

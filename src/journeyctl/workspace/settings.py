"""Find and read project settings: `journeyctl.yaml`, or `[tool.journeyctl]` in pyproject.toml.

Settings are looked up by walking up from each linted path; the nearest file wins. A bad
settings file is a usage error (exit 2) that names its position.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from journeyctl.core.errors import UsageError
from journeyctl.core.model import Settings
from journeyctl.core.validation import Invalid, validate
from journeyctl.workspace.load import LoadError, locate, read_yaml
from journeyctl.workspace.read import read_regular

SETTINGS_NAMES = ("journeyctl.yaml", "journeyctl.yml", ".journeyctl.yaml")


@dataclass(frozen=True)
class ProjectSettings:
    """Settings and the directory they apply to (globs are relative to it)."""

    root: Path
    settings: Settings = field(default_factory=Settings)
    source: Path | None = None


class SettingsFinder:
    """Finds the settings that govern a path, reading each settings file once.

    `known_rules` are the rule names a settings file may configure (the lint rule registry's
    names); any other name is a usage error with a did-you-mean.
    """

    def __init__(self, known_rules: Collection[str]) -> None:
        self.known_rules = known_rules
        self._by_dir: dict[Path, ProjectSettings | None] = {}

    def for_path(self, path: Path) -> ProjectSettings:
        """The nearest settings above `path`, or defaults rooted at the path's directory."""
        try:
            start = path.resolve()
        except (OSError, RuntimeError):  # a symbolic link that loops
            start = Path(os.path.abspath(path))  # noqa: PTH100
        directory = start if _is(start, "dir") else start.parent
        found = self._search(directory)
        return found if found is not None else ProjectSettings(root=directory)

    def _search(self, directory: Path) -> ProjectSettings | None:
        chain: list[Path] = []
        found: ProjectSettings | None = None
        for candidate in (directory, *directory.parents):
            if candidate in self._by_dir:
                found = self._by_dir[candidate]
                break
            chain.append(candidate)
            found = read_settings_in(candidate, self.known_rules)
            if found is not None:
                break
        for visited in chain:
            self._by_dir[visited] = found
        return found


def read_settings_in(directory: Path, known_rules: Collection[str]) -> ProjectSettings | None:
    """Read the settings file of this directory, if it has one."""
    for name in SETTINGS_NAMES:
        candidate = directory / name
        if _present(candidate):
            return ProjectSettings(directory, read_yaml_settings(candidate, known_rules), candidate)
    pyproject = directory / "pyproject.toml"
    if _present(pyproject):
        settings = read_pyproject_settings(pyproject, known_rules)
        if settings is not None:
            return ProjectSettings(directory, settings, pyproject)
    return None


def _present(path: Path) -> bool:
    """Whether a settings file is there: anything but a folder, even a FIFO or a link that
    leads nowhere, so that reading it says what is wrong instead of using the defaults."""
    return os.path.lexists(path) and not _is(path, "dir")


def _is(path: Path, kind: str) -> bool:
    """Whether the path is a directory (or a file); False when it cannot be looked at (inside
    a directory that cannot be entered), where `is_dir` would raise."""
    try:
        return path.is_dir() if kind == "dir" else path.is_file()
    except OSError:
        return False


def read_yaml_settings(path: Path, known_rules: Collection[str]) -> Settings:
    """Read and validate a journeyctl.yaml file."""
    try:
        loaded = read_yaml(path)
    except LoadError as error:
        raise UsageError(f"{path}:{error.line}:{error.column}: {error.message}") from None
    except OSError as error:
        raise UsageError(f"{path}: cannot read settings: {error.strerror or error}") from None
    try:
        settings = validate(Settings, loaded.data)
    except Invalid as invalid:
        problem = invalid.problems[0]
        line, column = locate(loaded.root, problem.where, problem.at_key)
        raise UsageError(f"{path}:{line}:{column}: bad settings: {problem.message}") from None
    unknown = _unknown_rule(settings, known_rules)
    if unknown is not None:
        line, column = locate(loaded.root, ("rules", unknown), at_key=True)
        message = _unknown_rule_message(unknown, known_rules)
        raise UsageError(f"{path}:{line}:{column}: bad settings: {message}")
    return settings


def _unknown_rule(settings: Settings, known_rules: Collection[str]) -> str | None:
    return next((name for name in settings.rules if name not in known_rules), None)


def _unknown_rule_message(name: str, known_rules: Collection[str]) -> str:
    close = difflib.get_close_matches(name, list(known_rules), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else "; `journeyctl rules` lists them"
    return f"unknown rule '{name}'{hint}"


def read_pyproject_settings(
    path: Path, known_rules: Collection[str] | None = None
) -> Settings | None:
    """Read `[tool.journeyctl]` from pyproject.toml; None when the table is absent.

    Rule names are checked against `known_rules` when given.
    """
    try:
        text = read_regular(path).decode("utf-8")
        data = tomllib.loads(text)
    except OSError as error:
        raise UsageError(f"{path}: cannot read settings: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise UsageError(f"{path}: cannot read settings: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{path}: not valid TOML: {error}") from None
    tools = data.get("tool")
    table = tools.get("journeyctl") if isinstance(tools, dict) else None  # `tool = 1` is no table
    if table is None:
        return None
    match = re.search(r"^[ \t]*(?:\[tool\.journeyctl\]|journeyctl[ \t]*=)", text, re.MULTILINE)
    line = text.count("\n", 0, match.start()) + 1 if match else 1
    try:
        settings = validate(Settings, table)
    except Invalid as invalid:
        raise UsageError(
            f"{path}:{line}:1: bad [tool.journeyctl] settings: {invalid.problems[0].message}"
        ) from None
    unknown = _unknown_rule(settings, known_rules) if known_rules is not None else None
    if unknown is not None:
        message = _unknown_rule_message(unknown, known_rules or ())
        raise UsageError(f"{path}:{line}:1: bad [tool.journeyctl] settings: {message}")
    return settings

"""The persona a journey names (`persona: ID`), found in the journey's project.

The project is the folder of the nearest settings file (`journeyctl.yaml`, or
`[tool.journeyctl]` in pyproject.toml) above the rendered file; without one, the file's own
folder and the folders under it. Its files are found as `lint` finds them (`discover`, with the
project's include and exclude globs) and loaded through the one load path. A persona that is
not there, or does not validate, is still drawn: as its id and why it is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from journeyctl.core.errors import UsageError
from journeyctl.core.model import Flow, Persona
from journeyctl.core.validation import Invalid, validate_document
from journeyctl.workspace.discover import discover, display_path, journeyctl_document
from journeyctl.workspace.load import LoadError, locate
from journeyctl.workspace.read import read_regular
from journeyctl.workspace.settings import SettingsFinder

NOT_FOUND = "persona not found"


@dataclass(frozen=True)
class PersonaRef:
    """A journey's persona: the document when found, else its id and, where known, why not."""

    id: str
    persona: Persona | None = None
    problem: str | None = None
    """Why a file with this persona's id cannot be used (file:line:col and the message)."""


_KIND = re.compile(rb"^kind[ \t]*:[ \t]*['\"]?([A-Za-z]+)", re.M)
_ID = re.compile(rb"^id[ \t]*:[ \t]*['\"]?([a-z0-9][a-z0-9-]*)", re.M)


class PersonaFinder:
    """Looks personas up by id, reading each project's persona files once."""

    def __init__(self, settings: SettingsFinder | None = None) -> None:
        self._settings = settings
        self._projects: dict[Path, dict[str, PersonaRef]] = {}

    def for_doc(self, doc: Flow, path: Path) -> PersonaRef | None:
        """The persona `doc` (read from `path`) names; None when it names none."""
        if doc.persona is None:
            return None
        if self._settings is None:
            from journeyctl.lint.engine import settings_finder

            self._settings = settings_finder()
        try:  # the project: where the nearest settings file is, else the file's folder
            root = self._settings.for_path(path).root
            if root not in self._projects:
                self._projects[root] = _index(root, self._settings)
        except UsageError as error:  # a bad settings file: lint says so; here, the card does
            return PersonaRef(doc.persona, problem=str(error))
        return self._projects[root].get(doc.persona) or PersonaRef(doc.persona)


def _index(root: Path, settings: SettingsFinder) -> dict[str, PersonaRef]:
    """Every persona of the project by id: the first valid one, else the first problem."""
    found: dict[str, PersonaRef] = {}
    for target in discover([root], settings):
        if target.error is not None:
            continue
        ref = _read(target.path)
        if ref is None:
            continue
        known = found.get(ref.id)
        if known is None or (known.persona is None and ref.persona is not None):
            found[ref.id] = ref
    return found


def _read(path: Path) -> PersonaRef | None:
    """The persona in one file; None when the file is not a persona document."""
    try:
        raw = read_regular(path)
    except (OSError, LoadError):
        return None
    kind = _KIND.search(raw)
    if kind is not None and kind.group(1) != b"persona":
        return None  # a journey or a workflow: not loaded
    if kind is None and b"persona" not in raw:
        return None
    loaded = journeyctl_document(raw, path, explicit=False)
    if isinstance(loaded, LoadError):
        named = _ID.search(raw)
        if kind is None or named is None:
            return None
        where = f"{display_path(path)}:{loaded.line}:{loaded.column}"
        return PersonaRef(named.group(1).decode("ascii"), problem=f"{where}: {loaded.message}")
    if loaded is None:
        return None
    data = loaded.data
    doc_id = data.get("id")
    if data.get("kind") != "persona" or not isinstance(doc_id, str):
        return None
    try:
        doc = validate_document(data)
    except Invalid as invalid:
        first = invalid.problems[0]
        line, column = locate(loaded.root, first.where, first.at_key)
        return PersonaRef(doc_id, problem=f"{display_path(path)}:{line}:{column}: {first.message}")
    assert isinstance(doc, Persona)
    return PersonaRef(doc_id, doc)

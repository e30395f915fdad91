"""``diff --base REV``: every journeyctl file changed since REV (where this branch left it),
added, deleted and renamed ones included, against the working tree.

Three steps: pick the changed journeyctl files and their bytes on each side; load the sides
(all at once, so that large ones load in parallel) and pair them again; split a pair that git
calls a rename but that is really another document into a delete and an add.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from journeyctl.diff.side_loader import Item, SideLoader, SidePair, read_file
from journeyctl.workspace.discover import display_path

if TYPE_CHECKING:
    from journeyctl.diff import BaseInfo, Document
    from journeyctl.workspace.git import ChangedFile

ItemPair = tuple[Item | None, Item | None]
"""The old and new side of one changed file, still unread by lint."""


def changed_sides(
    loader: SideLoader, rev: str, pathspecs: list[str]
) -> tuple[list[SidePair], BaseInfo]:
    """The loaded sides of every journeyctl file changed since `rev` under `pathspecs`, and
    what was compared with."""
    from journeyctl.diff import BaseInfo

    commit = loader.git.commit(rev)
    base = loader.git.merge_base(commit)
    files = changed_journeyctl_files(loader, rev, base, pathspecs)
    return split_renames(load_pairs(loader, files)), BaseInfo(rev, base, commit)


def changed_journeyctl_files(
    loader: SideLoader, rev: str, base: str, pathspecs: list[str]
) -> list[ItemPair]:
    """The YAML files changed since commit `base` that are journeyctl files on at least one
    side and that the settings include, each with its bytes on both sides."""
    git = loader.git
    changed = [
        change
        for change in git.changed_files(base, pathspecs)
        if any(is_yaml(path) for path in (change.old, change.new) if path is not None)
    ]
    old_bytes = git.read_many(base, [c.old for c in changed if c.old is not None])
    files: list[ItemPair] = []
    for change in changed:
        old_raw = old_bytes.get(change.old) if change.old is not None else None
        pair = _item_pair(loader, rev, change, old_raw)
        if pair is not None:
            files.append(pair)
    return files


def _item_pair(
    loader: SideLoader, rev: str, change: ChangedFile, old_raw: bytes | None
) -> ItemPair | None:
    """Both sides of one changed file; None when it is a journeyctl file on neither side or
    the settings exclude it."""
    from journeyctl.workspace.discover import included

    top = loader.git.toplevel
    new_path = top / change.new if change.new is not None else None
    new_raw = read_file(new_path) if new_path is not None and new_path.is_file() else None
    old_raw, new_raw = _journeyctl_bytes(old_raw), _journeyctl_bytes(new_raw)
    if old_raw is None and new_raw is None:
        return None
    where = new_path if new_path is not None else top / str(change.old)
    if not included(where.resolve(), loader.finder.for_path(where)):
        return None
    old_where = top / str(change.old)
    old = (f"{rev}:{_from_here(old_where, top)}", old_raw, old_where) if old_raw else None
    # a file git found, shown the way one would type it from here (../ where it is above)
    new = (display_path(Path(os.path.relpath(where))), new_raw, where) if new_raw else None
    return old, new


def _from_here(where: Path, top: Path) -> str:
    """A path in REV:path as git reads it typed here: from the top of the work tree, or, below
    it, from the current folder (`./a.yaml`, `../b.yaml`), as the new side's path is shown."""
    if Path.cwd().resolve() == top.resolve():
        return where.relative_to(top).as_posix()
    relative = Path(os.path.relpath(where)).as_posix()
    return relative if relative.startswith("../") else f"./{relative}"


def _journeyctl_bytes(raw: bytes | None) -> bytes | None:
    """`raw` when it is a journeyctl file's (not empty, with a top-level `journeyctl` key)."""
    from journeyctl.workspace.discover import is_journeyctl

    return raw if raw and is_journeyctl(raw) else None


def load_pairs(loader: SideLoader, files: list[ItemPair]) -> list[SidePair]:
    """Load every side at once, in order, and pair them again."""
    items = [item for pair in files for item in pair if item is not None]
    sides = iter(loader.load_many(items))
    return [
        (next(sides) if old is not None else None, next(sides) if new is not None else None)
        for old, new in files
    ]


def split_renames(pairs: list[SidePair]) -> list[SidePair]:
    """Pairs as they are, except that git pairs similar files as a rename: when the two sides
    are not one document, that is a delete and an add."""
    split: list[SidePair] = []
    for old, new in pairs:
        if old is not None and new is not None and not same_document(old.doc, new.doc):
            split.extend([(old, None), (None, new)])
        else:
            split.append((old, new))
    return split


def same_document(old: Document, new: Document) -> bool:
    """Whether two versions are one document: the same id, and a journey or workflow on both
    sides or a persona on both."""
    return old.id == new.id and (old.kind == "persona") == (new.kind == "persona")


def is_yaml(path: str) -> bool:
    """Whether a changed path may be a journeyctl file: YAML, and not a settings file."""
    from journeyctl.workspace.settings import SETTINGS_NAMES

    name = path.rsplit("/", 1)[-1]
    return name.endswith((".yaml", ".yml")) and name not in SETTINGS_NAMES

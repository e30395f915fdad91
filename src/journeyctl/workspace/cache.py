"""A content-hash cache on disk: results that depend only on a file's bytes and known inputs.

The cache folder is `.journeyctl-cache/` in the project root (`root.project_root`: the
nearest folder at or above the current one with a journeyctl settings file, else the git work
tree's top, else the current folder), or the folder `JOURNEYCTL_CACHE_DIR` names (CI caching). It
holds a `.gitignore` of `*` and a `CACHEDIR.TAG` (never committed nor backed up) and one JSON
file per namespace (`lint.json`), loaded once and written once per run (for 500 files, 3-6 ms):

- `files`: path -> [size, mtime_ns, inode, ctime_ns, content hash, last use]: a file whose
  stat is unchanged is not read again (a file changed less than `RACY_NS` before the store
  was opened, so before the run took its stat, is re-read next time: its stat could still
  change without changing these numbers, on a file system that keeps whole seconds);
- `entries`: key -> [last use, value]: the user's key covers everything the value depends on.

Only JSON, never pickle, salted with a local key (`workspace.cache_key`): a repository could
commit a crafted cache. A file that is not ours (bad JSON, wrong types, another key or code)
is an empty cache; each user checks the shape of every value it reads back. Saving is atomic
(`workspace.write.write_own_file`: a temporary file renamed over the old one), so concurrent
runs never corrupt it (the last to save wins; the other's work is done again next time).
Bounded: a save drops what no run used for `MAX_AGE` seconds, beyond `MAX_ENTRIES` the least
recently used. A cache that cannot be written (a read-only checkout) is simply not written.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import time
from pathlib import Path
from typing import Any

from journeyctl.workspace.cache_key import local_key
from journeyctl.workspace.read import read_regular
from journeyctl.workspace.root import project_root
from journeyctl.workspace.write import write_own_file

FOLDER_NAME = ".journeyctl-cache"
CACHE_DIR_ENV = "JOURNEYCTL_CACHE_DIR"
TAG_NAME = "CACHEDIR.TAG"
TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by journeyctl.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)
FORMAT = 1
MAX_AGE = 14 * 86_400
MAX_ENTRIES = 50_000
MAX_BYTES = 256_000_000
"""A namespace file larger than this is not read (it is no cache journeyctl wrote)."""
RACY_NS = 2_000_000_000
RESTAMP = 3_600
"""A row's last use is rewritten only when older than this (an unchanged run writes nothing)."""


def cache_folder(start: Path | None = None) -> Path:
    """Where the cache lives: `JOURNEYCTL_CACHE_DIR`, else `.journeyctl-cache` in the root."""
    chosen = os.environ.get(CACHE_DIR_ENV, "").strip()
    return Path(chosen) if chosen else project_root(start) / FOLDER_NAME


def is_cache_folder(folder: Path) -> bool:
    """Whether `folder` is a real folder (no symbolic link) holding journeyctl's tag."""
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            return False
        tag = folder / TAG_NAME
        return stat.S_ISREG(os.lstat(tag).st_mode) and tag.read_text("utf-8") == TAG
    except (OSError, UnicodeDecodeError):
        return False


def digest(data: bytes) -> str:
    """The content hash of some bytes."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def code_salt() -> str:
    """journeyctl's version and its source files' names and contents (5 ms): other code's cache
    (an upgrade, an edit) is not used; the same release installed again (CI) finds its own."""
    from journeyctl import __version__

    package = Path(__file__).resolve().parent.parent
    hashed = hashlib.blake2b(__version__.encode(), digest_size=20)
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(f for f in files if f.endswith(".py")):
            where = Path(folder, name)
            hashed.update(f"\n{where.relative_to(package)}\n".encode("utf-8", "replace"))
            with contextlib.suppress(OSError):
                hashed.update(where.read_bytes())
    return hashed.hexdigest()


class Store:
    """One namespace of the cache: loaded by `open_store`, written by `save`."""

    def __init__(self, path: Path | None, salt: str, data: dict[str, Any] | None = None) -> None:
        self.path = path
        self.salt = salt
        self.now = int(time.time())
        self.opened_ns = time.time_ns()  # before the run takes any file's stat
        files = data.get("files") if data else None
        entries = data.get("entries") if data else None
        self.files: dict[str, Any] = files if isinstance(files, dict) else {}
        self.entries: dict[str, Any] = entries if isinstance(entries, dict) else {}
        self.changed = False

    def known_hash(self, path: Path, found: os.stat_result) -> str | None:
        """The content hash recorded for a file whose stat is still `found`, or None."""
        row = self.files.get(os.path.abspath(path))  # noqa: PTH100
        if (
            type(row) is list
            and len(row) == 6
            and row[:4] == [found.st_size, found.st_mtime_ns, found.st_ino, found.st_ctime_ns]
            and type(row[4]) is str
        ):
            self._used(row, 5)
            return row[4]
        return None

    def _used(self, row: list[Any], index: int) -> None:
        if type(row[index]) is not int or self.now - row[index] > RESTAMP:
            row[index] = self.now
            self.changed = True

    def remember(self, path: Path, found: os.stat_result, content_hash: str) -> None:
        """Record a file's content hash under its stat (taken before it was read)."""
        identity = [found.st_size, found.st_mtime_ns, found.st_ino, found.st_ctime_ns]
        self.files[os.path.abspath(path)] = [*identity, content_hash, self.now]  # noqa: PTH100
        self.changed = True

    def file_hash(self, path: Path) -> str | None:
        """A file's content hash: from the index while its stat is unchanged, else read (a
        regular file, up to the size cap) and recorded; None when it cannot be read."""
        try:
            found = os.stat(path)  # noqa: PTH116 - before the read: a later change is seen
            known = self.known_hash(path, found)
            if known is None:
                known = digest(read_regular(path))
                self.remember(path, found, known)
        except OSError:
            return None
        return known

    def get(self, key: str) -> Any:
        """The value stored under `key` (to be checked by the caller), or None."""
        entry = self.entries.get(key)
        if type(entry) is list and len(entry) == 2:
            self._used(entry, 0)
            return entry[1]
        return None

    def put(self, key: str, value: Any) -> None:
        """Store a JSON value under `key`."""
        self.entries[key] = [self.now, value]
        self.changed = True

    def save(self) -> bool:
        """Write the namespace (atomically, pruned) when it changed; False when it cannot be
        written."""
        if not self.changed:
            return True
        if self.path is None or not _ready(self.path.parent):
            return False
        data = {
            "journeyctl-cache": FORMAT,
            "salt": self.salt,
            "files": _pruned(self.files, self.now, 5, racy=self.opened_ns - RACY_NS),
            "entries": _pruned(self.entries, self.now, 0),
        }
        try:
            write_own_file(self.path, json.dumps(data, separators=(",", ":")).encode("utf-8"))
        except OSError:
            return False
        return True


def open_store(namespace: str, folder: Path | None = None) -> Store:
    """Load a namespace of the cache in `folder` (default: `cache_folder()`); an empty store
    when there is none, or it is not ours, or the folder is a symbolic link."""
    folder = cache_folder() if folder is None else folder
    path = folder / f"{namespace}.json"
    own = os.environ.get(CACHE_DIR_ENV, "").strip()  # the user's own folder keeps its key
    key = (local_key(folder) if _ready(folder) else None) if own else local_key(None)
    salt = digest(f"{code_salt()}\n{key}".encode())
    if key is None or folder.is_symlink():  # nothing to trust a cache by, or not ours
        return Store(None, salt)
    try:
        data = None if path.is_symlink() else _parsed(read_regular(path, MAX_BYTES), salt)
    except OSError:  # none yet, too large, or no regular file
        data = None
    if data is None or data.get("journeyctl-cache") != FORMAT or data.get("salt") != salt:
        data = None
    return Store(path, salt, data)


def _parsed(payload: bytes, salt: str) -> dict[str, Any] | None:
    """A namespace file's JSON; None, unparsed, unless it starts as this code saves one."""
    if not payload.startswith(_header(salt)):
        return None
    try:
        data = json.loads(payload)
    except (ValueError, RecursionError):  # bad JSON or text, a huge number, deep nesting
        return None
    return data if isinstance(data, dict) else None


def _header(salt: str) -> bytes:  # how `save` starts a namespace file: its first two keys
    return f'{{"journeyctl-cache":{FORMAT},"salt":{json.dumps(salt)}'.encode()


def _pruned(
    rows: dict[str, Any], now: int, used_at: int, racy: int | None = None
) -> dict[str, Any]:
    """The rows used in the last MAX_AGE seconds, at most MAX_ENTRIES, most recent first."""
    kept = []
    for key, row in rows.items():
        if type(row) is not list or len(row) <= used_at:
            continue
        used = row[used_at]
        recent = type(used) is int and now - MAX_AGE <= used <= now
        if recent and (racy is None or (type(row[1]) is int and row[1] < racy)):
            kept.append((used, key, row))
    if len(kept) > MAX_ENTRIES:
        kept.sort(key=lambda item: item[0], reverse=True)
        del kept[MAX_ENTRIES:]
    return {key: row for _, key, row in kept}


def _ready(folder: Path) -> bool:
    """Make the cache folder with its `.gitignore` and tag; False when it cannot be made or
    is not ours (a symbolic link, or a folder with something else in it)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    if is_cache_folder(folder):
        return True
    if folder.is_symlink() or any(folder.iterdir()):
        return False
    try:
        write_own_file(folder / ".gitignore", b"# Made by journeyctl: never commit the cache.\n*\n")
        write_own_file(folder / TAG_NAME, TAG.encode("utf-8"))
    except OSError:
        return False
    return True


def ignoring_cache(gitignore: bytes | None) -> bytes | None:
    """A .gitignore's bytes with a line for the cache folder added; None when it has one."""
    text = gitignore or b""
    name = FOLDER_NAME.encode()
    if any(line.strip().strip(b"/") == name for line in text.splitlines()):
        return None
    if text and not text.endswith(b"\n"):
        text += b"\n"
    return text + b"# journeyctl's cache (`journeyctl cache clean` removes it)\n" + name + b"/\n"


def remove_cache(folder: Path) -> list[Path]:
    """Remove journeyctl's cache folder (only one that `is_cache_folder`; symbolic links
    inside are removed, never followed); the paths removed, the folder last."""
    import shutil

    if not is_cache_folder(folder):
        return []
    removed = sorted(folder.iterdir())
    shutil.rmtree(folder)
    return [*removed, folder]

"""The cache's local key: a random secret kept outside the project, so that a cache committed
to a repository (or crafted in a pull request) is never taken for one this user's runs made.

It is part of every cache salt (`workspace.cache.open_store`). It lives in the user's cache
home (`$XDG_CACHE_HOME/journeyctl/`, else `~/.cache/journeyctl/`), or, when
`JOURNEYCTL_CACHE_DIR` names the cache folder (the user's own folder outside the checkout, as
in CI caching), in that folder. It is made once (32 random bytes, readable by its owner only);
where it can be neither read nor made, nothing is cached.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
from pathlib import Path

from journeyctl.workspace.write import create_private_file

KEY_NAME = "journeyctl-cache.key"
_KEY = re.compile(rb"[0-9a-f]{64}\n?")


def local_key(cache_dir: Path | None) -> str | None:
    """The key kept in `cache_dir` (the folder `JOURNEYCTL_CACHE_DIR` names), or in the user's
    cache home when None; made when there is none; None when it can be neither read nor made."""
    home = cache_dir if cache_dir is not None else _user_cache_home()
    if home is None:
        return None
    path = home / KEY_NAME
    try:
        found = _read(path)
        if found is None:
            home.mkdir(parents=True, exist_ok=True, mode=0o700)
            create_private_file(path, secrets.token_hex(32).encode("ascii") + b"\n")
            found = _read(path)
    except OSError:
        return None
    return found


def _read(path: Path) -> str | None:
    """The key in `path`: a regular file (no link) of 64 hex digits; None when there is none.
    OSError for anything else that is there (it is not replaced: it may be someone's file)."""
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(found.st_mode) or found.st_size > 65:
        raise OSError(f"{path}: not a journeyctl cache key")
    data = path.read_bytes()
    if not _KEY.fullmatch(data):
        raise OSError(f"{path}: not a journeyctl cache key")
    return data.decode("ascii").strip()


def _user_cache_home() -> Path | None:
    """`$XDG_CACHE_HOME/journeyctl`, else `~/.cache/journeyctl`; None without a home."""
    chosen = os.environ.get("XDG_CACHE_HOME", "").strip()
    if chosen and Path(chosen).is_absolute():
        return Path(chosen) / "journeyctl"
    try:
        return Path.home() / ".cache" / "journeyctl"
    except RuntimeError:  # no home directory can be found
        return None

"""Fixtures for every test."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test lints with an empty cache of its own (`JOURNEYCTL_CACHE_DIR`), never the
    repository's: a test sees the same cold lint as before the cache, and tests of the cache
    (tests/test_cache*.py) say where theirs is."""
    monkeypatch.setenv("JOURNEYCTL_CACHE_DIR", str(tmp_path_factory.mktemp("cache") / "c"))
    # The cache's local key (workspace.cache_key) is made in the user's cache home: a test's own.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("home-cache")))

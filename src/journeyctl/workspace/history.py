"""Read a branch's history from git: what each commit changed, and the blobs it wrote.

`first_parent_history` runs ONE `git log --first-parent --raw -z` for the whole history (a
merge is compared with its first parent only), and `BlobReader` runs ONE
`git cat-file --batch` that streams every blob asked for: no process per file per commit.
Paths are NUL-separated (`-z`), so any name works (spaces, non-ASCII, newlines), and
pathspecs are literal. Blob ids come with the changes, so a blob two commits share is read
(and measured) once.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import IO

from journeyctl.core.errors import UsageError
from journeyctl.workspace.git import Git, first_line

_LOG_FORMAT = "%x00commit %H %cs"
_BLOB_MODES = frozenset({"100644", "100755"})
"""Regular files; symbolic links (120000) and submodules (160000) have no text to measure."""
_CHUNK = 1 << 20


@dataclass(frozen=True)
class FileChange:
    """One file a commit changed (paths from the top of the repository).

    `old` is None for an added file, `new` None for a deleted one; a rename has both. `blob`
    is the id of the new content when it is a regular file, else None.
    """

    old: str | None
    new: str | None
    blob: str | None


@dataclass(frozen=True)
class HistoryCommit:
    """A commit of the first-parent history and the files it changed."""

    commit: str
    date: str
    """The committer date, YYYY-MM-DD."""
    changes: tuple[FileChange, ...]


def first_parent_history(
    git: Git, pathspecs: Sequence[str], since: str | None = None
) -> list[HistoryCommit]:
    """Commits of HEAD's first-parent history that changed a file under `pathspecs`, oldest
    first; after `since` (a revision, exclusive) when given. Renames are detected."""
    revisions = f"{git.commit(since)}..HEAD" if since is not None else "HEAD"
    if not has_commits(git):
        return []
    done = git.run(
        *("-c", "log.showRoot=true", "-c", "core.quotePath=false", "--literal-pathspecs"),
        *("-c", "log.follow=false", "-c", "diff.relative=false"),  # a user's config changes both
        "log",
        *("--first-parent", "--reverse", "--raw", "--no-abbrev", "-z", "--find-renames"),
        *("--no-color", "--no-show-signature", "--no-ext-diff", f"--format={_LOG_FORMAT}"),
        revisions,
        "--",
        *pathspecs,
    )
    if done.returncode != 0:
        raise UsageError(f"git log failed: {first_line(done)}")
    return list(_parse_log(done.stdout))


def has_commits(git: Git) -> bool:
    """Whether HEAD names a commit (a repository just made with `git init` has none)."""
    git.toplevel  # noqa: B018 - a clear error outside a repository comes first
    return git.run("rev-parse", "--verify", "--quiet", "HEAD^{commit}").returncode == 0


def shallow_start(git: Git) -> str | None:
    """In a shallow clone, the oldest commit there is (`git log` starts there); else None."""
    done = git.run("rev-parse", "--is-shallow-repository")
    if done.stdout.strip() != b"true":
        return None
    oldest = git.run("rev-list", "--first-parent", "--max-parents=0", "HEAD")
    found = oldest.stdout.decode("ascii", "replace").split()
    return found[-1] if found else None


def _parse_log(output: bytes) -> Iterator[HistoryCommit]:
    """Parse `git log --raw -z`: a `commit ID DATE` field, then per file a `:modes ids
    status` field followed by one path (two for a rename or copy)."""
    fields = output.split(b"\0")
    header: list[str] | None = None
    changes: list[FileChange] = []
    index = 0
    while index < len(fields):
        field = fields[index].lstrip(b"\n")
        index += 1
        if field.startswith(b":"):
            meta = field[1:].decode("ascii").split(" ")
            count = 2 if meta[4][:1] in ("R", "C") else 1
            paths = [os.fsdecode(name) for name in fields[index : index + count]]
            index += count
            changes.append(_change(meta, paths))
        elif field.startswith(b"commit "):
            if header is not None:
                yield HistoryCommit(header[1], header[2], tuple(changes))
            header, changes = field.decode("ascii").split(" "), []
    if header is not None:
        yield HistoryCommit(header[1], header[2], tuple(changes))


def _change(meta: list[str], paths: list[str]) -> FileChange:
    """A FileChange from a raw line's modes, ids and status, and its paths."""
    _old_mode, new_mode, _old_blob, new_blob, status = meta[:5]
    blob = new_blob if new_mode in _BLOB_MODES else None
    if status[:1] == "A":
        return FileChange(None, paths[0], blob)
    if status[:1] == "D":
        return FileChange(paths[0], None, None)
    if status[:1] == "C":  # a copy leaves its source where it was
        return FileChange(None, paths[1], blob)
    if status[:1] == "R":
        return FileChange(paths[0], paths[1], blob)
    return FileChange(paths[0], paths[0], blob)


class BlobTooLargeError(Exception):
    """A blob over the size cap: its bytes were skipped, not read into memory."""


class BlobReader:
    """One `git cat-file --batch` process that reads blobs by id, one after another.

    Use it as a context manager; `read` returns a blob's bytes, or raises BlobTooLargeError
    for one larger than `max_bytes` (its content is skipped in chunks, never held).
    """

    def __init__(self, git: Git, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._process = git.start("cat-file", "--batch")

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def read(self, blob: str) -> bytes:
        """The bytes of a blob; UsageError when git does not have it or stops."""
        try:
            size = self._request(blob)
            if size > self.max_bytes:
                self._skip(size + 1)
                raise BlobTooLargeError(
                    f"larger than {self.max_bytes / 1_000_000:g} MB, the most journeyctl reads"
                )
            content = self._stdout.read(size + 1)
        except OSError as error:
            raise UsageError(f"git cat-file failed reading blob {blob[:12]}: {error}") from None
        if len(content) != size + 1:
            raise UsageError(f"git cat-file stopped while reading blob {blob[:12]}")
        return content[:size]

    @property
    def _stdout(self) -> IO[bytes]:
        assert self._process.stdout is not None
        return self._process.stdout

    def _request(self, blob: str) -> int:
        """Ask for a blob; its size, from the answer's header."""
        stdin = self._process.stdin
        assert stdin is not None
        stdin.write(blob.encode("ascii") + b"\n")
        stdin.flush()
        header = self._stdout.readline().split(b" ")
        if len(header) != 3 or header[1] != b"blob":
            raise UsageError(f"git has no blob {blob[:12]} (a partial clone without it?)")
        return int(header[2])

    def _skip(self, count: int) -> None:
        while count > 0:
            chunk = self._stdout.read(min(count, _CHUNK))
            if not chunk:
                return
            count -= len(chunk)

    def close(self) -> None:
        """Let git finish (its input closed), or stop it when it does not within seconds."""
        process = self._process
        for pipe in (process.stdin, process.stdout):
            if pipe is not None:
                pipe.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

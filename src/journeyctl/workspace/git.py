"""Read files and changed paths from git, for `journeyctl diff` (and `history.py`, for `trend`).

git runs as a subprocess with an argument list, never through a shell, and every revision is
checked before use (``rev-parse --verify --end-of-options``), so neither a revision nor a path
can be taken for an option. Whatever goes wrong (git missing, not a repository, an unknown
revision, a path that is not in it) is a `UsageError` with one clear line: exit code 2.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from journeyctl.core.errors import UsageError

_TIMEOUT = 120


@dataclass(frozen=True)
class RevPath:
    """A file in a git revision: `REV:path`, the path as git reads it."""

    rev: str
    path: str

    @property
    def label(self) -> str:
        """How the user wrote it: ``REV:path``."""
        return f"{self.rev}:{self.path}"


@dataclass(frozen=True)
class ChangedFile:
    """A file that differs between a revision and the working tree (paths from the top level).

    `old` is None for a file added since the revision, `new` None for a deleted one; a renamed
    file has both, and they differ.
    """

    old: str | None
    new: str | None


def split_rev_path(spec: str) -> RevPath | None:
    """`REV:path` as a RevPath, or None when `spec` has no colon to split at.

    The split is at the first colon, as git does: revisions may not contain one, paths may.
    """
    rev, colon, path = spec.partition(":")
    if not colon:
        return None
    if not rev:
        raise UsageError(f"{spec}: no revision before ':' (write e.g. HEAD:{path})")
    if not path:
        raise UsageError(f"{spec}: no path after ':' (write e.g. {rev}:journeys/onboarding.yaml)")
    return RevPath(rev, path)


class Git:
    """git commands run in one directory (the repository is found from there)."""

    def __init__(self, cwd: Path | None = None) -> None:
        self.cwd = cwd or Path.cwd()
        self._toplevel: Path | None = None

    def run(
        self, *args: str, input_bytes: bytes | None = None
    ) -> subprocess.CompletedProcess[bytes]:
        """Run git with these arguments; raise UsageError when git cannot be run at all."""
        try:
            return subprocess.run(
                _argv(args),
                cwd=self.cwd,
                input=input_bytes,
                capture_output=True,
                env=_env(),
                timeout=_TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.SubprocessError) as error:
            raise UsageError(f"cannot run git: {error}") from None

    def start(self, *args: str) -> subprocess.Popen[bytes]:
        """Start a long-running git process (`cat-file --batch`) with pipes for stdin and
        stdout; raise UsageError when git cannot be run at all."""
        try:
            return subprocess.Popen(
                _argv(args),
                cwd=self.cwd,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=_env(),
            )
        except (OSError, subprocess.SubprocessError) as error:
            raise UsageError(f"cannot run git: {error}") from None

    @property
    def toplevel(self) -> Path:
        """The top directory of the repository; UsageError outside one."""
        if self._toplevel is None:
            done = self.run("rev-parse", "--show-toplevel")
            if done.returncode != 0:
                raise UsageError(f"{self.cwd}: not inside a git repository ({first_line(done)})")
            self._toplevel = Path(os.fsdecode(done.stdout.rstrip(b"\n")))
        return self._toplevel

    def commit(self, rev: str) -> str:
        """The commit id a revision names; UsageError for an unknown revision."""
        self.toplevel  # noqa: B018 - a clear error outside a repository comes first
        if rev.startswith("-"):
            raise UsageError(f"unknown revision '{rev}': revisions cannot start with '-'")
        done = self.run("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
        if done.returncode != 0:
            raise UsageError(
                f"unknown revision '{rev}': no such branch, tag or commit here "
                "(in CI, fetch it first, e.g. `git fetch origin main` or "
                "actions/checkout with fetch-depth: 0)"
            )
        return done.stdout.decode("ascii").strip()

    def merge_base(self, commit: str) -> str:
        """Where HEAD left `commit`'s history (as a pull request compares); the commit itself
        when there is none to find (a shallow clone, unrelated histories)."""
        done = self.run("merge-base", commit, "HEAD")
        if done.returncode != 0:
            return commit
        return done.stdout.decode("ascii").strip()

    def read(self, spec: RevPath) -> bytes:
        """The bytes of `REV:path`; UsageError for an unknown revision or a path not in it.

        The path is read as git reads it: from the top of the repository, or from the current
        directory when it starts with ``./`` or ``../``.
        """
        commit = self.commit(spec.rev)
        done = self.run("cat-file", "blob", f"{commit}:{spec.path}")
        if done.returncode == 0:
            return done.stdout
        kind = self.run("cat-file", "-t", f"{commit}:{spec.path}")
        if kind.returncode == 0 and kind.stdout.strip() == b"tree":
            raise UsageError(f"{spec.label}: is a directory in {spec.rev}, not a file")
        hint = ""
        if not spec.path.startswith(("./", "../")) and self.cwd.resolve() != self.toplevel:
            hint = " (paths are read from the top of the repository; write ./PATH for here)"
        raise UsageError(f"{spec.label}: no such file in {spec.rev}{hint}")

    def read_many(self, commit: str, paths: Sequence[str]) -> dict[str, bytes]:
        """The bytes of many files of one commit (top-level-relative paths) with one git
        process; a path that is not a file there is left out."""
        wanted = [path for path in paths if "\n" not in path]
        found: dict[str, bytes] = {}
        if wanted:
            request = os.fsencode("".join(f"{commit}:{path}\n" for path in wanted))
            done = self.run("cat-file", "--batch", input_bytes=request)
            if done.returncode != 0:
                raise UsageError(f"cannot read files of {commit[:12]}: {first_line(done)}")
            found = _parse_batch(done.stdout, wanted)
        for path in paths:
            if path not in wanted:  # a newline in the name: the batch protocol cannot say it
                single = self.run("cat-file", "blob", f"{commit}:{path}")
                if single.returncode == 0:
                    found[path] = single.stdout
        return found

    def changed_files(self, commit: str, pathspecs: Sequence[str]) -> list[ChangedFile]:
        """Files that differ between `commit` and the working tree, untracked files included,
        limited to `pathspecs` (relative to the current directory; none means everything).
        Renames are detected, so a moved file keeps its history."""
        specs = ["--", *(pathspecs or [":/"])]  # ":/" is the whole repository, from anywhere
        done = self.run(
            "-c",
            "core.quotePath=false",
            "-c",
            "diff.relative=false",  # a user's `diff.relative=true` would hide the rest of the tree
            "diff",
            "--name-status",
            "-z",
            "--find-renames",
            "--no-ext-diff",
            "--no-textconv",
            "--ignore-submodules",
            commit,
            *specs,
        )
        if done.returncode != 0:
            raise UsageError(f"git diff failed: {first_line(done)}")
        changed = _parse_name_status(done.stdout)
        untracked = self.run(
            "ls-files", "--others", "--exclude-standard", "--full-name", "-z", *specs
        )
        if untracked.returncode != 0:
            raise UsageError(f"git ls-files failed: {first_line(untracked)}")
        changed.extend(
            ChangedFile(None, os.fsdecode(name)) for name in untracked.stdout.split(b"\0") if name
        )
        return changed


def _env() -> dict[str, str]:
    return {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}


def _argv(args: Sequence[str]) -> list[str]:
    """git and its arguments; UsageError when git is not installed."""
    executable = shutil.which("git")
    if executable is None:
        raise UsageError(
            "git is not installed or not on PATH; it is needed to read REV:path and history"
        )
    return [executable, *args]


def _parse_batch(output: bytes, paths: Sequence[str]) -> dict[str, bytes]:
    """Parse `git cat-file --batch` output: per request a header line, then the content."""
    found: dict[str, bytes] = {}
    offset = 0
    for path in paths:
        end = output.index(b"\n", offset)
        header = output[offset:end].split(b" ")
        offset = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            found[path] = output[offset : offset + size]
            offset += size + 1
        elif len(header) == 3:  # a tree or another object: skip its content
            offset += int(header[2]) + 1
    return found


def _parse_name_status(output: bytes) -> list[ChangedFile]:
    fields = [os.fsdecode(part) for part in output.split(b"\0")]
    changed: list[ChangedFile] = []
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index][:1]
        if status in ("R", "C"):
            old, new = fields[index + 1], fields[index + 2]
            changed.append(ChangedFile(old if status == "R" else None, new))
            index += 3
            continue
        path = fields[index + 1]
        if status == "A":
            changed.append(ChangedFile(None, path))
        elif status == "D":
            changed.append(ChangedFile(path, None))
        else:  # M, T (type change), U (unmerged)
            changed.append(ChangedFile(path, path))
        index += 2
    return changed


def first_line(done: subprocess.CompletedProcess[bytes]) -> str:
    """The first line of what git said on stderr, without its `fatal: ` or `error: `."""
    text = done.stderr.decode("utf-8", "replace").strip()
    text = text.removeprefix("fatal: ").removeprefix("error: ")
    return text.splitlines()[0] if text else f"exit code {done.returncode}"

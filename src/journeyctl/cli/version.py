"""The version line, and what happens when stdout cannot take it (or any other output).

Light on purpose: `python -m journeyctl --version` prints through `print_version` before
Typer is imported, and the Typer app's `--version` calls the same function.
"""

from __future__ import annotations

import contextlib
import os
import sys


def print_version() -> int:
    """Print ``journeyctl VERSION`` on stdout; return the exit code."""
    from journeyctl import __version__

    try:
        sys.stdout.write(f"journeyctl {__version__}\n")
        sys.stdout.flush()
    except OSError as error:
        return stdout_failed(error)
    return 0


def stdout_failed(error: OSError) -> int:
    """After a failed write to stdout: say why on stderr and return the exit code.

    Nothing more goes to this stdout, not even the flush at exit. A reader that has gone
    (`journeyctl ... | head -1`) is not an error: exit 0, silently.
    """
    with contextlib.suppress(OSError, ValueError):  # ValueError: a stdout without a file
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    if isinstance(error, BrokenPipeError):
        return 0
    sys.stderr.write(f"journeyctl: cannot write to stdout: {error.strerror or error}\n")
    return 2

"""Where a command's output goes: stdout, or a file through the one writer."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path


def emit(text: str | bytes, output: Path | None, inputs: Sequence[Path] = ()) -> None:
    """Print text (or bytes) on stdout, or write it to `output` through the one writer, which
    refuses the run's `inputs`, any journeyctl file, and anything that is not a plain file.
    Text is made encodable first: a report that quotes a file name which is not UTF-8 is
    written (with U+FFFD for its odd bytes), never a UnicodeEncodeError."""
    if isinstance(text, str):
        from journeyctl.workspace.messages import encodable

        text = encodable(text)
    if output is not None and str(output) != "-":
        from journeyctl.workspace.write import write_file

        write_file(output, text, inputs)
        return
    try:
        if isinstance(text, str):
            sys.stdout.write(text)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
        sys.stdout.flush()
    except OSError as error:
        from journeyctl.cli.version import stdout_failed

        raise SystemExit(stdout_failed(error)) from None


def say_unread(io_errors: Sequence[str], files: int, left_out: Iterable[str] = ()) -> None:
    """Name every file that could not be read, then what the command left out (`left_out`,
    one line each); warn when there was no journeyctl file at all."""
    from journeyctl.workspace.discover import NO_FILES_WARNING
    from journeyctl.workspace.messages import say

    for message in [*io_errors, *left_out]:
        say(message)
    if files == 0 and not io_errors:
        say(NO_FILES_WARNING)

"""Run journeyctl: the `journeyctl` command and ``python -m journeyctl``.

`journeyctl --version` on its own is answered before the command-line library is imported
(importing Typer is most of the start-up time); everything else goes to `journeyctl.cli.app`.

When the command is done and its output flushed, the process ends at once (`os._exit`):
tearing the interpreter down would free every object a large file made, one by one, which
costs a tenth of a second after a 10,000-step journey and changes nothing (journeyctl
registers no exit handlers; every file it writes is closed, and flushed, by the writer).
The cyclic garbage collector is off for the whole run, as it is while a command loads files
(`workspace.parallel.gc_paused`): it would walk the millions of objects a large file makes, for
nothing (they hold no cycles, and reference counting frees what is dropped).
"""

from __future__ import annotations

import gc
import os
import sys


def main() -> None:
    """Print the version at once, or run the command line."""
    if sys.argv[1:] == ["--version"]:
        from journeyctl.cli.version import print_version

        raise SystemExit(print_version())
    gc.disable()
    from journeyctl.workspace.lifetime import ends_at_once

    ends_at_once()
    from journeyctl.cli.app import main as run

    try:
        run()
    except SystemExit as done:
        _end(done)
        raise


def _end(done: SystemExit) -> None:
    """End the process now with `done`'s exit code, once stdout and stderr are flushed; return
    (and let the interpreter end as usual) when the code is a message or flushing fails."""
    code = done.code
    if code is not None and not isinstance(code, int):
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed or failing stream: the usual exit reports it
        return
    os._exit(code or 0)


if __name__ == "__main__":
    main()

"""Run journeyctl: the `journeyctl` command and ``python -m journeyctl``.

`journeyctl --version` on its own is answered before the command-line library is imported
(importing Typer is most of the start-up time); everything else goes to `journeyctl.cli.app`.
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn


def main() -> None:
    """Print the version at once, or run the command line."""
    if sys.argv[1:] == ["--version"]:
        _version()
    from journeyctl.cli.app import main as run

    run()


def _version() -> NoReturn:
    from journeyctl import __version__

    try:
        sys.stdout.write(f"journeyctl {__version__}\n")
        sys.stdout.flush()
    except OSError as error:
        # Nothing more goes to this stdout, not even the flush at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        if isinstance(error, BrokenPipeError):  # the reader has gone: `--version | true`
            raise SystemExit(0) from None
        sys.stderr.write(f"journeyctl: cannot write to stdout: {error.strerror or error}\n")
        raise SystemExit(2) from None
    raise SystemExit(0)


if __name__ == "__main__":
    main()

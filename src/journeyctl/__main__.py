"""Run journeyctl: the `journeyctl` command and ``python -m journeyctl``.

`journeyctl --version` is answered before the command-line library is imported (importing
Typer is most of the start-up time); everything else goes to `journeyctl.cli`.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Print the version at once, or run the command line."""
    if sys.argv[1:] == ["--version"]:
        from journeyctl import __version__

        sys.stdout.write(f"journeyctl {__version__}\n")
        raise SystemExit(0)
    from journeyctl.cli import main as run

    run()


if __name__ == "__main__":
    main()

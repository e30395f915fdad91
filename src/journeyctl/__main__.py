"""Run journeyctl: the `journeyctl` command and ``python -m journeyctl``.

`journeyctl --version` on its own is answered before the command-line library is imported
(importing Typer is most of the start-up time); everything else goes to `journeyctl.cli.app`.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Print the version at once, or run the command line."""
    if sys.argv[1:] == ["--version"]:
        from journeyctl.cli.version import print_version

        raise SystemExit(print_version())
    from journeyctl.cli.app import main as run

    run()


if __name__ == "__main__":
    main()

"""From DOT text to a file: find Graphviz's `dot`, run it, write the result (atomically,
through the one writer).

`dot` is found through the `JOURNEYCTL_DOT` environment variable (a path to the executable),
then on PATH. Without it, SVG, PNG and PDF cannot be made; `.dot` and `.mmd` output never
needs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from journeyctl.core.errors import UsageError
from journeyctl.render import Format
from journeyctl.workspace.write import write_file

DOT_ENV = "JOURNEYCTL_DOT"
INSTALL_HINT = (
    "install Graphviz (Debian/Ubuntu: sudo apt-get install --no-install-recommends graphviz; "
    "macOS: brew install graphviz; Windows: winget install graphviz) or point "
    f"{DOT_ENV} at its dot executable; .dot and .mmd output need no Graphviz"
)
PNG_DPI = 144
"""Resolution of PNG output: sharp on high-density screens and in slides."""


def find_dot() -> str:
    """The `dot` executable to run; UsageError with install instructions when there is none."""
    configured = os.environ.get(DOT_ENV)
    if configured:
        found = shutil.which(configured)
        if found is None:
            raise UsageError(f"{DOT_ENV}={configured} is not an executable; {INSTALL_HINT}")
        return found
    found = shutil.which("dot")
    if found is None:
        raise UsageError(f"Graphviz's dot was not found on PATH: {INSTALL_HINT}")
    return found


@dataclass(frozen=True)
class Drawn:
    """What `dot` made, and what it warned about (layout problems, not fatal)."""

    data: bytes
    warnings: str


def run_dot(dot_source: str, output_format: Format, executable: str) -> Drawn:
    """Lay out and draw DOT text with Graphviz; UsageError when Graphviz fails."""
    command = [executable, f"-T{output_format.value}"]
    if output_format is Format.PNG:
        command.append(f"-Gdpi={PNG_DPI}")
    try:
        done = subprocess.run(
            command, input=dot_source.encode("utf-8"), capture_output=True, check=False
        )
    except OSError as error:
        raise UsageError(f"cannot run {executable}: {error.strerror or error}") from None
    warnings = done.stderr.decode("utf-8", "replace").strip()
    if done.returncode != 0 or not done.stdout:
        first = warnings.splitlines()[0] if warnings else f"exit code {done.returncode}"
        raise UsageError(f"Graphviz failed to draw the {output_format.value}: {first}")
    return Drawn(done.stdout, warnings)


def write_output(path: Path, data: str | bytes, inputs: Sequence[Path] = ()) -> None:
    """Write a drawing through the one writer (atomic; never over an input or a journeyctl
    file), creating its folder."""
    write_file(path, data, inputs, parents=True)

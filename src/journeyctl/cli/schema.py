"""`journeyctl schema`: the JSON Schemas of journeyctl files, for editors and CI checks.

Only Typer and the standard library are imported at the top; the rest inside the command.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from journeyctl.cli.options import output_option


def schema(
    output: Annotated[
        Path | None,
        output_option(
            "Write every schema file into this directory; or, for a name ending in .json, "
            "the document schema into that file.",
            "--output-dir",
            metavar="OUT",
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of journeyctl documents, or write every schema into a directory."""
    from journeyctl.cli.present import emit
    from journeyctl.schema import dump, schemas
    from journeyctl.workspace.messages import printable
    from journeyctl.workspace.write import write_files

    generated = schemas()
    if output is None or (output.suffix.lower() == ".json" and not output.is_dir()):
        emit(dump(generated["journey.schema.json"]), output)
        if output is not None:
            typer.echo(printable(f"wrote journey.schema.json to {output}"), err=True)
        return
    write_files({output / name: dump(content) for name, content in generated.items()})
    typer.echo(printable(f"wrote {', '.join(sorted(generated))} to {output}"), err=True)

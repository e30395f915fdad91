"""`journeyctl cache clean`: remove the project's cache of per-file results.

The cache (`journeyctl.workspace.cache`) is `.journeyctl-cache/` in the project root, or the
folder `JOURNEYCTL_CACHE_DIR` names. Only a folder that carries journeyctl's CACHEDIR.TAG is
removed; a symbolic link is never followed. Only Typer and the standard library are imported
at the top; the rest inside the command.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

cache_app = typer.Typer(
    name="cache",
    help="Manage the cache of per-file results (.journeyctl-cache/).",
    no_args_is_help=True,
)


def clean(
    path: Annotated[
        Path | None,
        typer.Argument(
            help="A folder in the project (default: the current one); its project's cache "
            "is removed.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Remove the project's cache folder (only one journeyctl made; it is rebuilt as needed)."""
    from journeyctl.core.errors import UsageError
    from journeyctl.workspace.cache import FOLDER_NAME, cache_folder, remove_cache
    from journeyctl.workspace.discover import display_path
    from journeyctl.workspace.messages import printable

    if path is not None and not path.is_dir():
        raise UsageError(f"{path}: not a directory")
    folder = cache_folder(path)
    if not folder.exists() and not folder.is_symlink():
        typer.echo(printable(f"no cache to remove: {display_path(folder)} does not exist"))
        return
    removed = remove_cache(folder)
    if not removed:
        raise UsageError(
            f"{display_path(folder)}: not a journeyctl cache (no journeyctl CACHEDIR.TAG, or a "
            f"symbolic link); nothing removed. journeyctl's cache is a {FOLDER_NAME} folder"
        )
    files = len(removed) - 1
    noun = "file" if files == 1 else "files"
    typer.echo(printable(f"removed {display_path(folder)} ({files} {noun})"))

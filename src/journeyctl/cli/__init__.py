"""The command line: the Typer app and one module per command."""

from journeyctl.cli.app import app as app

"""The command line: the Typer app (`journeyctl.cli.app`) and one module per command.

This package imports nothing itself, so that `journeyctl --version` can print the version
(`journeyctl.cli.version`) without loading the command-line library.
"""

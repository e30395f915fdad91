"""Commands of the command line that live in their own module (see `journeyctl.cli`).

Each module holds one Typer command as a plain function; `cli.py` registers it. A command
module imports only Typer and the standard library at the top, and everything heavy inside
the function, so that `journeyctl --version` stays fast.
"""

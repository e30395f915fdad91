"""`journeyctl rules` and `journeyctl explain`: what each rule finds, and one rule's docs.

Only Typer and the standard library are imported at the top; the rule registry inside the
commands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from journeyctl.core.errors import UsageError

if TYPE_CHECKING:
    from journeyctl.lint.rules import Rule


def rules(
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print a Markdown table (as in README.md).")
    ] = False,
) -> None:
    """List every rule with its default severity and what it finds."""
    from journeyctl.lint.rules import REGISTRY

    if markdown:
        lines = ["| rule | default severity | finds |", "| --- | --- | --- |"]
        lines += [f"| `{r.name}` | {_severity(r)} | {r.summary} |" for r in REGISTRY.values()]
        typer.echo("\n".join(lines))
        return

    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, pad_edge=False)
    table.add_column("rule", no_wrap=True, style="bold")
    table.add_column("default severity")
    table.add_column("finds")
    for rule in REGISTRY.values():
        table.add_row(rule.name, _severity(rule), rule.summary)
    Console(highlight=False).print(table)


def _severity(rule: Rule) -> str:
    if rule.workflow_severity is None:
        return rule.severity.label
    return f"{rule.severity.label} ({rule.workflow_severity.label} in workflows)"


def explain(rule: Annotated[str, typer.Argument(help="A rule name, e.g. unowned-step.")]) -> None:
    """Show one rule's documentation with a bad and a good example."""
    import difflib
    import inspect

    from journeyctl.lint.rules import REGISTRY

    found = REGISTRY.get(rule)
    if found is None:
        close = difflib.get_close_matches(rule, REGISTRY, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else "; `journeyctl rules` lists them"
        raise UsageError(f"unknown rule '{rule}'{hint}")
    severity = found.severity.label
    if found.workflow_severity is not None:
        severity += f", {found.workflow_severity.label} in workflows"
    typer.echo(f"{found.name} [{severity}]\n")
    typer.echo(inspect.cleandoc(found.doc))

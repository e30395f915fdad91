"""The rules as documentation: the README table and docs/rules.md, made from the registry."""

from __future__ import annotations

import inspect

from journeyctl.lint.rules import REGISTRY, Rule

PAGE_TITLE = "# journeyctl rules"


def severity_text(rule: Rule) -> str:
    """`warning`, or `warning (error in workflows)` for rules that are stricter there."""
    if rule.workflow_severity is None:
        return rule.severity.label
    return f"{rule.severity.label} ({rule.workflow_severity.label} in workflows)"


def markdown_table() -> str:
    """One row per rule: name, default severity, what it finds (as in README.md)."""
    lines = ["| rule | default severity | finds |", "| --- | --- | --- |"]
    lines += [f"| `{r.name}` | {severity_text(r)} | {r.summary} |" for r in REGISTRY.values()]
    return "\n".join(lines)


def rules_page() -> str:
    """docs/rules.md: every rule under a heading of its own name (the anchor SARIF links to),
    with its default severity and its documentation, bad and good examples included."""
    parts = [
        PAGE_TITLE,
        "",
        "Generated from the rules' docstrings by `bash scripts/render-docs.sh`; "
        "`journeyctl explain RULE` prints the same. Severities can be changed per project "
        "under `rules:` in journeyctl.yaml.",
    ]
    for rule in REGISTRY.values():
        parts += ["", f"## {rule.name}", "", f"Default severity: **{severity_text(rule)}**."]
        parts += ["", inspect.cleandoc(rule.doc)]
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    print(rules_page(), end="")

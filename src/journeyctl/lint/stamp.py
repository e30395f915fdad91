"""Turn what rules find into findings: rule name, the severity the project gives it, the file
position of the document path, and an element id that survives edits elsewhere in the file."""

from __future__ import annotations

from collections.abc import Sequence

from journeyctl.core.finding import Finding, Severity
from journeyctl.core.model import Flow
from journeyctl.lint.element import escape, join
from journeyctl.lint.rules import REGISTRY, DocRef, Problem, Rule
from journeyctl.workspace.discover import Target
from journeyctl.workspace.load import Loaded, locate


class Stamper:
    """Stamps rule name and the severity the project's settings give it on what rules find."""

    def __init__(self, target: Target, kind: str = "") -> None:
        self.target = target
        self.kind = kind

    def severity(self, rule: Rule) -> Severity | None:
        """The rule's severity in this file's project; None when it is turned off."""
        configured = self.target.project.settings.rules.get(rule.name)
        if configured == "off":
            return None
        if configured is not None:
            return Severity.parse(configured)
        return rule.severity_for(self.kind)

    def at(self, rule_name: str, line: int, column: int, message: str) -> Finding:
        """A finding of a rule at a known position (even when the rule is turned off)."""
        severity = self.severity(REGISTRY[rule_name]) or Severity.ERROR
        return Finding(self.target.display, line, column, rule_name, severity, message)

    def problem(self, rule: Rule, problem: Problem, loaded: Loaded, doc: Flow) -> Finding:
        """A finding of a rule's check: the problem's document path as a file position."""
        line, column = locate(loaded.root, problem.where, problem.at_key)
        severity = self.severity(rule) or rule.severity
        return Finding(
            self.target.display,
            line,
            column,
            rule.name,
            severity,
            problem.message,
            element_of(doc, problem.where, problem.subject),
        )


def doc_ref(target: Target, loaded: Loaded, kind: str, doc_id: str, state: str | None) -> DocRef:
    """A loaded document as cross-file checks see it."""
    persona = loaded.data.get("persona") if kind != "persona" else None
    return DocRef(
        path=target.display,
        kind=kind,
        id=doc_id,
        state=state,
        persona=persona if isinstance(persona, str) else None,
        id_position=locate(loaded.root, ("id",)),
        persona_position=locate(loaded.root, ("persona",)) if persona else None,
    )


def element_of(doc: Flow, where: Sequence[str | int], subject: str = "") -> str:
    """A name for the element a path points into that survives edits elsewhere in the file.

    For example `journey:x/stage:onboarding/step:sso-setup/pain:Slow SSO`: line numbers change
    with every edit, ids and texts do not, so diffs and baselines compare findings by this.
    A problem's `subject` (such as `lifecycle:decision`) is added at the end. A `/` in a name
    is escaped (`lint.element`), so the id splits back into its parts.
    """
    parts: list[str] = [f"{doc.kind}:{doc.id}"]
    node: object = doc
    index = 0
    while index < len(where):
        part = where[index]
        following = where[index + 1] if index + 1 < len(where) else None
        items = getattr(node, str(part), None)
        if isinstance(following, int) and isinstance(items, list) and following < len(items):
            node = items[following]
            parts.append(_item_name(str(part), node, following))
            index += 2
            continue
        if part != "id":
            parts.append(str(part))
        index += 1
    if subject:
        parts.append(subject)
    return join(parts)


_ITEM_LABELS = {
    "stages": ("stage", "id"),
    "steps": ("step", "id"),
    "metrics": ("metric", "name"),
    "opportunities": ("opportunity", "text"),
    "evidence": ("evidence", "source"),
    "pain_points": ("pain", ""),
}


def _item_name(field_name: str, item: object, index: int) -> str:
    label, attribute = _ITEM_LABELS.get(field_name, (field_name, ""))
    value = getattr(item, attribute, None) if attribute else item
    return f"{label}:{escape(value)}" if isinstance(value, str) else f"{field_name}[{index}]"

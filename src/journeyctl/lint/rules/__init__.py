"""The rule registry: each rule is one module with NAME, SEVERITY, a docstring and a check.

A rule module's docstring is its documentation (`journeyctl explain`): a summary line, a
paragraph, then a ``Bad:`` and a ``Good:`` example. Rules only yield `Problem`s; the linter
stamps the rule name and severity and turns paths into file positions.
"""

from __future__ import annotations

from journeyctl.lint.rules.base import (
    Context,
    DocRef,
    Path,
    Problem,
    ProjectProblem,
    Rule,
    steps_of,
)

__all__ = [
    "REGISTRY",
    "Context",
    "DocRef",
    "Path",
    "Problem",
    "ProjectProblem",
    "Rule",
    "steps_of",
]


def _registry() -> dict[str, Rule]:
    from journeyctl.lint.rules import (
        conflicting_touchpoint,
        dangling_reference,
        dead_end,
        duplicate_id,
        emotion_cliff,
        empty_stage,
        handoff_without_sla,
        missed_target,
        missing_outcome,
        missing_stage,
        orphan_opportunity,
        overdue_opportunity,
        parse_error,
        schema_error,
        silent_stage,
        stale_review,
        trapped_loop,
        unaddressed_pain,
        unmeasured_stage,
        unowned_step,
        unreachable_step,
        unused_suppression,
    )

    modules = [
        parse_error,
        schema_error,
        duplicate_id,
        dangling_reference,
        unowned_step,
        empty_stage,
        missing_stage,
        dead_end,
        unreachable_step,
        trapped_loop,
        missing_outcome,
        unaddressed_pain,
        unmeasured_stage,
        silent_stage,
        emotion_cliff,
        handoff_without_sla,
        conflicting_touchpoint,
        orphan_opportunity,
        overdue_opportunity,
        stale_review,
        missed_target,
        unused_suppression,
    ]
    return {rule.name: rule for rule in map(Rule.from_module, modules)}


REGISTRY: dict[str, Rule] = _registry()

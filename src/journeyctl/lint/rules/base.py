"""What rules are made of: problems, the context they see, and the Rule record."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from types import ModuleType

from journeyctl.core.finding import Severity
from journeyctl.core.graph import StepGraph
from journeyctl.core.model import Flow, Settings
from journeyctl.core.reach import Reach, reach_of

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """What a rule found, and where in the document: a path of keys and indexes.

    `subject` names what the problem is about when the path cannot (a lifecycle stage the
    journey lacks); it ends the finding's element id, so diffs and baselines tell such
    problems apart.
    """

    where: Path
    message: str
    at_key: bool = False
    subject: str = ""


@dataclass(frozen=True)
class Context:
    """What a rule may know besides the document: project settings and today's date."""

    settings: Settings = field(default_factory=Settings)
    today: date = field(default_factory=date.today)
    _graphs: dict[int, StepGraph] = field(default_factory=dict, repr=False, compare=False)
    _reaches: dict[int, tuple[StepGraph, Reach]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def graph(self, doc: Flow) -> StepGraph:
        """The step graph of a document, built once for all the rules that need it."""
        graph = self._graphs.get(id(doc))
        if graph is None or graph.doc is not doc:
            graph = self._graphs[id(doc)] = StepGraph(doc)
        return graph

    def reach(self, doc: Flow) -> Reach:
        """Where leads go in a document (`core.reach`), worked out once for the flow rules."""
        graph = self.graph(doc)
        found = self._reaches.get(id(doc))
        if found is None or found[0] is not graph:
            found = self._reaches[id(doc)] = (graph, reach_of(graph))
        return found[1]

    @property
    def owners(self) -> frozenset[str] | None:
        """The ids of the owners registry, or None when the project has none."""
        if self.settings.owners is None:
            return None
        return frozenset(self.settings.owners)


@dataclass(frozen=True)
class DocRef:
    """A loaded document as cross-file checks see it, with positions already resolved."""

    path: str
    kind: str
    id: str
    state: str | None
    persona: str | None
    id_position: tuple[int, int]
    persona_position: tuple[int, int] | None


@dataclass(frozen=True)
class ProjectProblem:
    """What a cross-file check found: a file and a position in it."""

    path: str
    line: int
    column: int
    message: str


DocumentCheck = Callable[[Flow, Context], Iterable[Problem]]
ProjectCheck = Callable[[list[DocRef]], Iterable[ProjectProblem]]


@dataclass(frozen=True)
class Rule:
    """A registered rule: its name, default severity, documentation and checks."""

    name: str
    severity: Severity
    doc: str
    check: DocumentCheck | None = None
    check_project: ProjectCheck | None = None
    workflow_severity: Severity | None = None

    @property
    def summary(self) -> str:
        """The first line of the documentation."""
        return self.doc.strip().splitlines()[0]

    def severity_for(self, kind: str) -> Severity:
        """The default severity of this rule in a document of this kind."""
        if kind == "workflow" and self.workflow_severity is not None:
            return self.workflow_severity
        return self.severity

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        """Build a rule from a module that defines NAME, SEVERITY, a docstring and checks."""
        return cls(
            name=module.NAME,
            severity=module.SEVERITY,
            doc=module.__doc__ or "",
            check=getattr(module, "check", None),
            check_project=getattr(module, "check_project", None),
            workflow_severity=getattr(module, "WORKFLOW_SEVERITY", None),
        )


def steps_of(doc: Flow) -> Iterator[tuple[int, int, Path]]:
    """Every step as (stage index, step index, path to the step), in document order."""
    for si, stage in enumerate(doc.stages):
        for ti in range(len(stage.steps)):
            yield si, ti, ("stages", si, "steps", ti)

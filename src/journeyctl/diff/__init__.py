"""Semantic diff of two versions of a journeyctl document, and the summary a reviewer reads first.

Pure functions over the models, except the inputs of a run, which read the sides (files,
git) and lint them: `inputs` (the run's report, `build_report`, and cross-file findings),
`side_loader` (one side, as `lint` loads it), `changed_files` (``--base``) and `journey_pair`
(``--journey``). In this package:

- `change_model`, `summary_model`, `result`: the data classes a diff produces (one change;
  the reviewer's summary; a document's diff and a run's `DiffReport`), and their JSON forms;
- `changes`: the change list, stages and steps matched by id (`diff_documents`), with
  `item_changes` (fields, and items without an id) and `matching` (pairing and order);
- `measures`: the measures of one side, taken in one pass;
- `summary`: the reviewer's summary, both sides' measures compared (`summarize`);
- `findings`: lint findings compared by rule and element id (`compare_findings`);
- `sides`: changes, summary and findings of one document, from its two sides (`diff_sides`).
"""

from journeyctl.diff.change_model import Change, Document
from journeyctl.diff.changes import diff_documents
from journeyctl.diff.findings import compare_findings, finding_key
from journeyctl.diff.result import BaseInfo, DiffReport, DocumentDiff
from journeyctl.diff.sides import diff_sides
from journeyctl.diff.summary_model import (
    MetricSummary,
    Moment,
    Pair,
    StageSummary,
    Summary,
    TeamSummary,
)

__all__ = [
    "BaseInfo",
    "Change",
    "DiffReport",
    "Document",
    "DocumentDiff",
    "MetricSummary",
    "Moment",
    "Pair",
    "StageSummary",
    "Summary",
    "TeamSummary",
    "compare_findings",
    "diff_documents",
    "diff_sides",
    "finding_key",
]

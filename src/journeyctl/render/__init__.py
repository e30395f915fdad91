"""Diagrams of journeys and workflows (design §6): `journeyctl render`.

Three views of one document:

- ``flow``: the step graph, stages as clusters left to right, steps filled by emotion;
- ``map``: the journey-map grid, one column per step under its stage, rows for steps,
  touchpoints, owners, thoughts, the emotion curve, pain points, opportunities, metrics;
- ``blueprint``: service-blueprint lanes (customer, frontstage, backstage, support) with
  the lines of interaction, visibility and internal interaction.

`--view deck` is not a view but all of them in one PDF to present (`deck`): a cover, the
flow, the map, the blueprint and the pain points with their opportunities.

Each view is built as text here, without Graphviz: DOT (`flow_view` and its `flow_nodes`,
`map_view`, `blueprint_view`) or Mermaid (`mermaid`). `output` finds the `dot` executable and
turns DOT into SVG, PNG or PDF.

This module stays light to import (the CLI imports it to list the choices of `--view` and
`--format`); the view builders, and the models they need, are imported when used.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from journeyctl.core.errors import UsageError

if TYPE_CHECKING:
    from journeyctl.core.model import Flow
    from journeyctl.render.marks import Marks
    from journeyctl.render.persona import PersonaRef


class View(enum.StrEnum):
    """What to draw."""

    FLOW = "flow"
    MAP = "map"
    BLUEPRINT = "blueprint"


class Choice(enum.StrEnum):
    """What `--view` names: one of the views, or `deck` (all of them as one PDF)."""

    FLOW = "flow"
    MAP = "map"
    BLUEPRINT = "blueprint"
    DECK = "deck"


class Format(enum.StrEnum):
    """What to write; `dot` and `mmd` are text and need no Graphviz."""

    SVG = "svg"
    PNG = "png"
    PDF = "pdf"
    DOT = "dot"
    MMD = "mmd"

    @property
    def is_text(self) -> bool:
        """Whether the output is text (it may then go to a terminal)."""
        return self in (Format.SVG, Format.DOT, Format.MMD)

    @property
    def needs_graphviz(self) -> bool:
        """Whether Graphviz's `dot` must run to produce it."""
        return self in (Format.SVG, Format.PNG, Format.PDF)


def supports(view: View, output_format: Format) -> bool:
    """Whether a view can be written in a format (Mermaid has no blueprint)."""
    return not (output_format is Format.MMD and view is View.BLUEPRINT)


def source(
    doc: Flow,
    view: View,
    output_format: Format,
    marks: Marks | None = None,
    persona: PersonaRef | None = None,
) -> str:
    """The DOT or Mermaid text of one view of a document; `persona` (the one it names) is
    drawn as a card at the top of the map."""
    from journeyctl.render.marks import Marks

    found = marks if marks is not None else Marks()
    if output_format is Format.MMD:
        from journeyctl.render import mermaid

        if view is View.FLOW:
            return mermaid.flowchart(doc, found)
        if view is View.MAP:
            return mermaid.journey(doc, found)
        raise UsageError(
            "Mermaid has no service-blueprint diagram: write the blueprint view as "
            ".svg, .png, .pdf or .dot (mmd supports --view map and --view flow)"
        )
    if view is View.FLOW:
        from journeyctl.render.flow_view import flow

        return flow(doc, found)
    if view is View.MAP:
        from journeyctl.render.map_view import journey_map

        return journey_map(doc, found, persona)
    from journeyctl.render.blueprint_view import blueprint

    return blueprint(doc, found)


__all__ = ["Choice", "Format", "View", "source", "supports"]

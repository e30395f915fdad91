"""What the deck says in numbers, and how its own pages (cover, pain points) are drawn.

The key numbers of a journey: its steps, the steps nobody owns (no owner on the step or its
stage), the pain points addressed (a pain point is addressed when its step or its stage has an
opportunity, as rule `unaddressed-pain` has it) and the lowest moment (the first step with the
lowest emotion). A deck page is one HTML-like table of exactly the page's size, drawn by
Graphviz with no padding, so the PDF page is the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeyctl.core.model import Flow, Stage, Step, step_owner
from journeyctl.render.dot import Dot, Html, Raw
from journeyctl.render.pages import MIN_TEXT_PT, Page
from journeyctl.render.text import FONT

SLIDE_HEIGHT = 540.0
"""The height the deck's type sizes are set for (16:9 and 4:3); larger pages scale them up."""


@dataclass(frozen=True)
class KeyNumbers:
    """The numbers on a deck's cover."""

    steps: int
    unowned: int
    pains: int
    addressed: int
    lowest: tuple[Step, Stage] | None
    """The first step with the lowest emotion, and its stage; None when none records one."""


def addressed(step: Step, stage: Stage) -> bool:
    """Whether the pain points of a step are addressed: its step or stage has an opportunity."""
    return bool(step.opportunities or stage.opportunities)


def key_numbers(doc: Flow) -> KeyNumbers:
    """Count a document's steps, unowned steps and addressed pain points; find its low point."""
    steps = unowned = pains = done = 0
    lowest: tuple[Step, Stage] | None = None
    low = 3  # above any emotion
    for stage in doc.stages:
        for step in stage.steps:
            steps += 1
            unowned += step_owner(step, stage) is None
            pains += len(step.pain_points)
            done += len(step.pain_points) if addressed(step, stage) else 0
            if step.emotion is not None and step.emotion < low:
                lowest, low = (step, stage), step.emotion
    return KeyNumbers(steps, unowned, pains, done, lowest)


def type_scale(page: Page) -> float:
    """How much larger than on a slide the deck's type is on this page (at least 1)."""
    return max(1.0, page.size[1] / SLIDE_HEIGHT)


def pt(size: float, scale: float) -> float:
    """A type size on the page: scaled, rounded to a half point, never under 9 pt."""
    return max(MIN_TEXT_PT, round(size * scale * 2) / 2)


def page_source(name: str, css: str, page: Page, content: str) -> str:
    """DOT for one deck page: `content` (table rows of markup) in a table the page's size."""
    width, height = page.size
    dot = Dot(name)
    dot.defaults(
        "graph",
        {
            "layout": "dot",  # stated: in a batch of graphs, dot keeps the last one's engine
            "pad": 0,
            "margin": 0,
            "bgcolor": "white",
            "fontname": FONT,
            "class": Raw(css),
        },
    )
    dot.defaults("node", {"shape": "plain", "fontname": FONT, "fontsize": 10})
    table = (
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0" FIXEDSIZE="TRUE" '
        f'WIDTH="{round(width)}" HEIGHT="{round(height)}" ALIGN="LEFT" VALIGN="TOP">'
        f"{content}</TABLE>"
    )
    dot.node("page", {"label": Html(table)})
    return dot.source()

"""The deck's last pages: every pain point with what is done about it, grouped by stage.

A table per page: the step, its pain points, and its opportunities with owner, priority and
due date (or the stage's opportunities, which address the pain points of all its steps). A
pain point with no opportunity says so. Rows that do not fit go to the next page, under the
stage's name again ("Consideration, continued").
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from journeyctl.core.model import Flow, Opportunity, Stage, Step
from journeyctl.render import style
from journeyctl.render.deck_cover import BAND_INK, Text
from journeyctl.render.deck_facts import addressed, key_numbers, page_source, pt, type_scale
from journeyctl.render.pages import Page
from journeyctl.render.text import text_width as measure

COLUMNS = (("Step", 0.17), ("Pain points", 0.28), ("Opportunity", 0.27), ("Owner", 0.13),
           ("Priority", 0.07), ("Due", 0.08))  # fmt: skip
"""The table's columns and their share of the width."""
RULE = "#d5dbe1"
PRIORITY_INK = {"high": style.PAIN_INK, "medium": "#a65c00", "low": style.MUTED}


@dataclass(frozen=True)
class Group:
    """One step's rows (or a stage's own opportunities, `step` None), with their height."""

    stage: Stage
    step: Step | None
    pains: tuple[str, ...]
    opportunities: tuple[Opportunity, ...]
    continued: bool = False


def pains_sources(doc: Flow, page: Page) -> list[str]:
    """The pain-point pages of a document's deck, as DOT, one per page (at least one)."""
    width, height = page.size
    scale = type_scale(page)
    layout = _Layout(width - 2 * round(36 * scale), scale)
    numbers = key_numbers(doc)
    summary = f"{numbers.addressed} of {numbers.pains} pain points addressed \u00b7 {doc.title}"
    band, band_height = _band("Pain points and what is done about them", summary, width, scale)
    room = height - band_height - layout.header_height - round(34 * scale)
    pages = _balanced(doc, layout, room)
    sources = []
    margin = round(36 * scale)
    table_width = sum(layout.widths)
    right = round(width) - margin - table_width - 4
    for number, rows in enumerate(pages or [[]], 1):
        body = layout.table(rows) if rows else layout.empty()
        content = (
            f'<TR><TD COLSPAN="3" BGCOLOR="{style.HEADER_FILL}" ALIGN="LEFT">{band}</TD></TR>'
            f'<TR><TD COLSPAN="3" HEIGHT="{round(16 * scale)}"></TD></TR>'
            f'<TR><TD WIDTH="{margin}"></TD><TD WIDTH="{table_width}" ALIGN="LEFT" '
            f'VALIGN="TOP">{body}</TD><TD WIDTH="{right}"></TD></TR>'
        )
        name = f"{doc.id}-pains-{number}"
        sources.append(page_source(name, "journeyctl deck pains", page, content))
    return sources


def _groups(doc: Flow) -> Iterator[Group]:
    """The steps with pain points, each with its opportunities; then the stage's own."""
    for stage in doc.stages:
        painful = [step for step in stage.steps if step.pain_points]
        for step in painful:
            yield Group(stage, step, tuple(step.pain_points), tuple(step.opportunities))
        if painful and stage.opportunities:
            yield Group(stage, None, (), tuple(stage.opportunities))


Heading = tuple[Stage, bool]
"""A stage's name over its rows, and whether it continues from the page before."""
Row = Group | Heading


def _balanced(doc: Flow, layout: _Layout, room: float) -> list[list[Row]]:
    """As few pages as fit, their rows spread evenly (no last page with a single row)."""
    pages = list(_paginate(doc, layout, room))
    for share in (0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5):
        tighter = list(_paginate(doc, layout, room * share))
        if len(tighter) > len(pages):
            break
        pages = tighter
    return pages


def _paginate(doc: Flow, layout: _Layout, room: float) -> Iterator[list[Row]]:
    """Rows for each page: a stage heading, then its groups; the heading is repeated on a
    new page ("continued"); a group taller than a page is cut into parts that fit."""
    rows: list[Row] = []
    used = 0.0
    current: Stage | None = None
    for whole in _groups(doc):
        for group in layout.fitted(whole, room - layout.heading_height):
            need = layout.height(group)
            new_stage = group.stage is not current
            if rows and used + need + new_stage * layout.heading_height > room:
                yield rows
                rows, used = [], 0.0
                if not new_stage:
                    rows.append((group.stage, True))
                    used += layout.heading_height
            if new_stage:
                rows.append((group.stage, False))
                used += layout.heading_height
                current = group.stage
            rows.append(group)
            used += need
    if rows:
        yield rows


class _Layout:
    """Sizes of the table's parts at one width and type scale, and their markup."""

    def __init__(self, width: float, scale: float) -> None:
        self.size = pt(10, scale)
        self.small = pt(9, scale)
        self.pad = round(5 * scale)
        self.widths = self._widths(width)
        self.header_height = self.small * 1.16 + 2 * self.pad + 2
        self.heading_height = pt(12, scale) * 1.16 + 2 * self.pad + 8

    def _widths(self, width: float) -> list[int]:
        """Each column's share of the width; the short columns (owner, priority, due) at
        least as wide as their heading and a date, the text columns sharing the rest."""
        least = [
            max(measure(name.upper(), self.small, bold=True), measure("2027-12-31", self.small))
            + 2 * self.pad
            + 6
            for name, _ in COLUMNS
        ]
        fixed = [max(width * share, least[i]) for i, (_, share) in enumerate(COLUMNS) if i >= 3]
        text_share = sum(share for _, share in COLUMNS[:3])
        rest = width - sum(fixed)
        return [round(rest * share / text_share) for _, share in COLUMNS[:3]] + [
            round(w) for w in fixed
        ]

    def text_width(self, column: int) -> float:
        return self.widths[column] - 2 * self.pad - 2

    def _pain(self, pain: str) -> Text:
        return Text(f"{style.PAIN} {pain}", self.size, self.text_width(1), max_lines=4)

    def _idea(self, idea: Opportunity) -> Text:
        return Text(f"{style.IDEA} {idea.text}", self.size, self.text_width(2), max_lines=4)

    def _step(self, group: Group) -> list[Text]:
        name = "Stage-wide" if group.step is None else group.step.name
        if group.continued:
            name += " (continued)"
        texts = [Text(name, self.size, self.text_width(0), bold=True, max_lines=4)]
        if group.step is not None and group.step.emotion is not None:
            label = f"emotion {style.emotion_label(group.step.emotion)}"
            texts.append(Text(label, self.small, self.text_width(0), color=style.MUTED))
        elif group.step is None:
            note = "addresses the stage's pain points"
            texts.append(Text(note, self.small, self.text_width(0), color=style.MUTED, max_lines=2))
        return texts

    def height(self, group: Group) -> float:
        """The height of a group's rows."""
        cell = 2 * self.pad + 1
        step = sum(t.height for t in self._step(group)) + cell
        pains = sum(self._pain(p).height for p in group.pains) + cell
        ideas = sum(self._idea(i).height + cell for i in group.opportunities)
        return max(step, pains, ideas, self.size * 1.16 + cell) + 1

    def fitted(self, group: Group, room: float) -> Iterator[Group]:
        """The group, or parts of it that each fit `room` (a long list is cut)."""
        part = group
        while self.height(part) > room and max(len(part.pains), len(part.opportunities)) > 1:
            count = max(len(part.pains), len(part.opportunities))
            keep = max(1, count - 1)
            while keep > 1 and self.height(_cut(part, keep)) > room:
                keep -= 1
            yield _cut(part, keep)
            part = Group(part.stage, part.step, part.pains[keep:], part.opportunities[keep:], True)
        yield part

    def table(self, rows: Sequence[Row]) -> str:
        """The table of one page."""
        head = "".join(
            f'<TD WIDTH="{w}" ALIGN="LEFT" BORDER="1" SIDES="B" COLOR="{style.BORDER}">'
            f'<FONT POINT-SIZE="{self.small:g}" COLOR="{style.MUTED}"><B>{name.upper()}</B>'
            "</FONT></TD>"
            for (name, _), w in zip(COLUMNS, self.widths, strict=True)
        )
        body = [f"<TR>{head}</TR>"]
        for row in rows:
            body.append(self._heading(*row) if isinstance(row, tuple) else self._group(row))
        return (
            f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="{self.pad}">'
            + "".join(body)
            + "</TABLE>"
        )

    def empty(self) -> str:
        """What a page says when there is nothing to list."""
        note = Text("No pain points are recorded.", self.size * 1.4, sum(self.widths))
        return (
            f'<TABLE BORDER="0" CELLBORDER="0"><TR><TD ALIGN="LEFT">{note.markup}</TD></TR></TABLE>'
        )

    def _heading(self, stage: Stage, continued: bool) -> str:
        steps = [s for s in stage.steps if s.pain_points]
        total = sum(len(s.pain_points) for s in steps)
        done = sum(len(s.pain_points) for s in steps if addressed(s, stage))
        title = f"{stage.name}, continued" if continued else stage.name
        name = Text(title, pt(12, self.size / 10), self.widths[0] * 3, bold=True, max_lines=1)
        count = f"{style.plural(total, 'pain point')} \u00b7 {done} addressed"
        return (
            f'<TR><TD COLSPAN="{len(COLUMNS)}" HEIGHT="6"></TD></TR>'
            f'<TR><TD COLSPAN="{len(COLUMNS)}" ALIGN="LEFT" BGCOLOR="{style.ROW_HEAD_FILL}">'
            f'{name.markup}<FONT POINT-SIZE="{self.small:g}" COLOR="{style.MUTED}">   '
            f"{count}</FONT></TD></TR>"
        )

    def _group(self, group: Group) -> str:
        span = max(1, len(group.opportunities))
        rule = f'BORDER="1" SIDES="B" COLOR="{RULE}"'
        step = "<BR/>".join(t.markup for t in self._step(group))
        pains = "<BR/>".join(self._pain(p).markup for p in group.pains)
        cells = (
            f'<TD ROWSPAN="{span}" {rule} ALIGN="LEFT" VALIGN="TOP" BALIGN="LEFT">{step}</TD>'
            f'<TD ROWSPAN="{span}" {rule} ALIGN="LEFT" VALIGN="TOP" BALIGN="LEFT">{pains}</TD>'
        )
        if not group.opportunities:
            none = Text("No opportunity yet", self.size, self.text_width(2), color=style.PAIN_INK)
            return (
                f'<TR>{cells}<TD COLSPAN="4" {rule} ALIGN="LEFT" VALIGN="TOP">'
                f"<I>{none.markup}</I></TD></TR>"
            )
        rows = []
        for index, idea in enumerate(group.opportunities):
            last = index == len(group.opportunities) - 1
            sides = rule if last else ""
            rows.append(f"<TR>{cells if index == 0 else ''}{self._idea_cells(idea, sides)}</TR>")
        return "".join(rows)

    def _idea_cells(self, idea: Opportunity, sides: str) -> str:
        owner = idea.owner or "nobody"
        priority = idea.priority.value if idea.priority else "\u2013"
        due = idea.due.isoformat() if idea.due else "\u2013"
        owner_ink = style.TEXT if idea.owner else style.PAIN_INK
        ink = PRIORITY_INK.get(priority)
        values = [
            self._idea(idea),
            Text(owner, self.small, self.text_width(3), color=owner_ink, max_lines=2),
            Text(priority, self.small, self.text_width(4), color=ink, bold=True),
            Text(due, self.small, self.text_width(5)),
        ]
        return "".join(
            f'<TD {sides} ALIGN="LEFT" VALIGN="TOP" BALIGN="LEFT">{text.markup}</TD>'
            for text in values
        )


def _cut(group: Group, keep: int) -> Group:
    """The first `keep` pain points and opportunities of a group."""
    pains, ideas = group.pains[:keep], group.opportunities[:keep]
    return Group(group.stage, group.step, pains, ideas, group.continued)


def _band(title: str, summary: str, width: float, scale: float) -> tuple[str, float]:
    """The dark band at the top of a page: the page's title and a summary line."""
    margin = round(36 * scale)
    inner = width - 2 * margin
    head = Text(title, pt(20, scale), inner, color=style.HEADER_TEXT, bold=True, max_lines=1)
    line = Text(summary, pt(11, scale), inner, color=BAND_INK, max_lines=1)
    top = round(18 * scale)
    height = round(head.height + line.height + 2 * top + 8)
    band = (
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1" FIXEDSIZE="TRUE" '
        f'WIDTH="{round(width)}" HEIGHT="{round(height)}" ALIGN="LEFT" VALIGN="TOP">'
        f'<TR><TD COLSPAN="3" HEIGHT="{top}"></TD></TR>'
        f'<TR><TD WIDTH="{margin}"></TD><TD ALIGN="LEFT">{head.markup}</TD>'
        f'<TD WIDTH="{margin}"></TD></TR>'
        f'<TR><TD></TD><TD ALIGN="LEFT">{line.markup}</TD><TD></TD></TR>'
        f'<TR><TD COLSPAN="3" HEIGHT="{top}"></TD></TR></TABLE>'
    )
    return band, float(height)

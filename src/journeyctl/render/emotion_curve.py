"""The emotion row of the `map` grid: a level per emotion, and curves through the steps.

One solid line joins the steps of the main path that record an emotion, left to right. Each
alternative has its own dashed line: from the step it branches from, through its own steps,
and back to the main path's step where it rejoins, when that is further right. No line
joins two alternatives' steps except at a branch, nor an alternative to a main step it does
not branch from or rejoin. Each segment's tooltip names the two step keys it joins:
`emotion: FROM -> TO` (in SVG, the `xlink:title` of the segment's link).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from journeyctl.render import style
from journeyctl.render.canvas import Canvas
from journeyctl.render.headings import HEAD_W, row_heading
from journeyctl.render.map_layout import COL_W, Band, MapLayout

LEVEL = 18.0
"""Vertical distance between two emotion levels on the curve."""
OFFSET = 15.0
"""How far right of its column's centre an alternative's point sits (per lane), so that it
does not hide the main path's point in the same column."""

Point = tuple[float, float]
"""The centre of an emotion point."""


def emotion_row(canvas: Canvas, layout: MapLayout, y: float) -> float:
    """Draw the emotion row at `y` across the map; return the y below it."""
    top = y + 14
    height = 4 * LEVEL + 28

    def level_y(emotion: int) -> float:
        return _level(top, emotion)

    row_heading(canvas, "Emotion", y, height)
    for emotion in range(2, -3, -1):
        label = f'<FONT POINT-SIZE="8" COLOR="{style.EMOTION_INK[emotion]}">'
        label += f"<B>{style.emotion_label(emotion)}</B></FONT>"
        canvas.text(HEAD_W - 12, level_y(emotion), label, css="axis")
        canvas.line(
            (HEAD_W + 2, level_y(emotion)),
            (layout.right - 2, level_y(emotion)),
            color="#9a9a9a" if emotion == 0 else "#e2e2e2",
            width=1.0,
            dashes="dashed" if emotion == 0 else "solid",
            css="level",
        )
    for column in layout.columns:
        canvas.cell(column.x, y, COL_W, height, "", fill="transparent", css="cell row-emotion")
    centres = _centres(layout, top)
    main = set(layout.paths.main)
    names = {
        key: _point(canvas, layout, key, x, point_y, main=key in main)
        for key, (x, point_y) in centres.items()
    }
    _curve(canvas, [key for key in layout.paths.main if key in centres], names, main=True)
    for band in layout.bands:
        _curve(canvas, _alternative_chain(layout, band, centres), names, main=False)
    return y + height


def _level(top: float, emotion: int) -> float:
    return top + (2 - emotion) * LEVEL


def _centres(layout: MapLayout, top: float) -> dict[str, Point]:
    """Where the point of each step with an emotion goes, main path first."""
    placed = [(key, layout.x_of[key] + COL_W / 2) for key in layout.paths.main]
    for band in layout.bands:
        shift = COL_W / 2 + OFFSET * (band.lane % 4 + 1)
        placed += [(card.node.key, card.x + shift) for card in band.cards]
    centres: dict[str, Point] = {}
    for key, x in placed:
        emotion = layout.graph.by_id[key].step.emotion
        if emotion is not None:
            centres[key] = (x, _level(top, emotion))
    return centres


def _alternative_chain(layout: MapLayout, band: Band, centres: dict[str, Point]) -> list[str]:
    """The keys an alternative's dashed line goes through: its branch, its steps, its rejoin."""
    keys = [card.node.key for card in band.cards]
    if band.branch is not None:
        keys.insert(0, band.branch.key)
    rejoins = band.rejoins
    if (
        rejoins is not None
        and rejoins.key in layout.paths.main
        and layout.x_of[rejoins.key] > band.cards[-1].x
    ):
        keys.append(rejoins.key)
    return [key for key in keys if key in centres]


def _curve(canvas: Canvas, keys: Sequence[str], names: dict[str, str], *, main: bool) -> None:
    """Segments between the points of consecutive keys, each titled with the two keys."""
    for tail, head in itertools.pairwise(keys):
        canvas.dot.edge(
            names[tail],
            names[head],
            {
                "dir": "none",
                "color": "#404040" if main else "#707070",
                "penwidth": 2.0 if main else 1.6,
                "style": "solid" if main else "dashed",
                "class": "emotion-curve " + ("main-path" if main else "alternative"),
                "tooltip": f"emotion: {tail} -> {head}",
            },
        )


def _point(canvas: Canvas, layout: MapLayout, key: str, x: float, y: float, *, main: bool) -> str:
    step = layout.graph.by_id[key].step
    assert step.emotion is not None
    words = style.EMOTION_WORDS[step.emotion]
    where = "" if main else "alternative: "
    css = f"emotion-point emotion-{str(step.emotion).replace('-', 'n')}"
    return canvas.point(
        x,
        y,
        color=style.EMOTION_INK[step.emotion],
        size=11 if main else 9,
        css=css if main else css + " alternative",
        tooltip=f"{where}{step.name}: {style.emotion_label(step.emotion)} ({words})",
    )

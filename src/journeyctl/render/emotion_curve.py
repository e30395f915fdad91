"""The emotion row of the `map` grid: a level per emotion and a curve through the steps."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from journeyctl.render import style
from journeyctl.render.canvas import Canvas
from journeyctl.render.headings import HEAD_W, row_heading
from journeyctl.render.map_layout import COL_W, Column

LEVEL = 18.0
"""Vertical distance between two emotion levels on the curve."""


def emotion_row(canvas: Canvas, columns: Sequence[Column], right: float, y: float) -> float:
    """Draw the emotion row at `y` across the map up to `right`; return the y below it."""
    top = y + 14
    height = 4 * LEVEL + 28

    def level_y(emotion: int) -> float:
        return top + (2 - emotion) * LEVEL

    row_heading(canvas, "Emotion", y, height)
    for emotion in range(2, -3, -1):
        label = f'<FONT POINT-SIZE="8" COLOR="{style.EMOTION_INK[emotion]}">'
        label += f"<B>{style.emotion_label(emotion)}</B></FONT>"
        canvas.text(HEAD_W - 12, level_y(emotion), label, css="axis")
        canvas.line(
            (HEAD_W + 2, level_y(emotion)),
            (right - 2, level_y(emotion)),
            color="#9a9a9a" if emotion == 0 else "#e2e2e2",
            width=1.0,
            dashes="dashed" if emotion == 0 else "solid",
            css="level",
        )
    points: list[str] = []
    for column in columns:
        canvas.cell(column.x, y, COL_W, height, "", fill="transparent", css="cell row-emotion")
        step = column.step
        if step is None or step.emotion is None:
            continue
        words = style.EMOTION_WORDS[step.emotion]
        points.append(
            canvas.point(
                column.x + COL_W / 2,
                level_y(step.emotion),
                color=style.EMOTION_INK[step.emotion],
                size=11,
                css=f"emotion-point emotion-{str(step.emotion).replace('-', 'n')}",
                tooltip=f"{step.name}: {style.emotion_label(step.emotion)} ({words})",
            )
        )
    for tail, head in itertools.pairwise(points):
        canvas.dot.edge(
            tail,
            head,
            {"dir": "none", "color": "#404040", "penwidth": 2.0, "class": "emotion-curve"},
        )
    return y + height

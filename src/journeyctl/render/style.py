"""Colours and symbols shared by every view, so the three pictures read the same.

Emotion uses ColorBrewer's RdBu diverging scheme, which stays distinguishable with the common
colour-vision deficiencies (red-orange for negative, blue for positive, grey for neutral).
Every colour is also said in text (the emotion value, a symbol), so a print in greyscale
loses nothing.
"""

from __future__ import annotations

EMOTION_FILL = {-2: "#f4a582", -1: "#fddbc7", 0: "#ebebeb", 1: "#d1e5f0", 2: "#92c5de"}
"""Node and cell backgrounds: light enough for black text."""
EMOTION_INK = {-2: "#b2182b", -1: "#d6604d", 0: "#7f7f7f", 1: "#4393c3", 2: "#2166ac"}
"""Points of the emotion curve: the strong end of the same scale."""
NO_EMOTION_FILL = "#ffffff"
EMOTION_WORDS = {
    -2: "very negative",
    -1: "negative",
    0: "neutral",
    1: "positive",
    2: "very positive",
}

TEXT = "#1a1a1a"
MUTED = "#555555"
BORDER = "#8c8c8c"
GRID = "#c8c8c8"
STAGE_FILL = "#f6f6f6"
HEADER_FILL = "#2d3e50"
HEADER_TEXT = "#ffffff"
ROW_HEAD_FILL = "#eef1f4"
PAIN_INK = "#b2182b"
PAIN_FILL = "#fdf0ec"
IDEA_INK = "#1b6e3c"
IDEA_FILL = "#edf7f0"
LINT_FILL = "#ffe08a"
LINT_INK = "#000000"
EDGE = "#6b6b6b"

PAIN = "▲"
IDEA = "◆"
LINT = "⚑"
END = "◉"
MINUS = "\u2212"
"""A real minus sign, as wide as the plus sign."""


def emotion_label(emotion: int) -> str:
    """`+2`, `0` or `-1` (written with a real minus sign, U+2212)."""
    if emotion > 0:
        return f"+{emotion}"
    return f"{MINUS}{-emotion}" if emotion < 0 else "0"


def emotion_fill(emotion: int | None) -> str:
    """The background of a step with this emotion (white when none is recorded)."""
    return NO_EMOTION_FILL if emotion is None else EMOTION_FILL[emotion]


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """`1 pain point`, `2 pain points`; `nouns` for irregular plurals."""
    return f"{count} {noun}" if count == 1 else f"{count} {nouns or noun + 's'}"

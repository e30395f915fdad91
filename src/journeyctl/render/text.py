"""User text made safe and measured: escaping for DOT and HTML-like labels, wrapping by width.

Every string that comes from a document passes through `clean` (no control characters, no
lone surrogates, one line) and then through `html` (inside an HTML-like label ``<...>``) or
`quoted` (inside a DOT ``"..."`` string). Nothing a user writes can end a label, start
markup, or turn into a Graphviz escape such as ``\\N`` or ``\\G``: Graphviz reads escapes in
HTML-like labels too (``\\\\`` there is one backslash), and a tooltip is unescaped twice, so
`quoted_lines` writes each backslash of a tooltip as four.

Every view names one font, DejaVu Sans (`FONT`; `scripts/bootstrap.sh` installs
fonts-dejavu-core), so Graphviz lays the same text out the same way on every machine: a
generic name such as ``Helvetica,Arial,sans-serif`` is whatever fontconfig maps it to there
(Liberation Sans where fonts-liberation is installed, DejaVu Sans where it is not), and the
pictures came out with different widths. Widths are estimated with DejaVu Sans's advance
widths (measured with Graphviz 2.43, in em). Characters it lacks come from a fallback font:
CJK (1 em in Noto Sans CJK) and emoji (up to 1.25 em) are estimated wider than they draw,
and are taller than DejaVu's line, so `text_block.stacked` gives their lines more room.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from html import escape as html_escape

FONT = "DejaVu Sans,Verdana,sans-serif"
"""The font of every label. Graphviz draws with DejaVu Sans wherever bootstrap.sh ran; the
SVG names the rest for viewers without it (Verdana is as wide, so the text still fits)."""

# Advance widths in em of the printable ASCII characters 32..126, regular and bold.
# fmt: off
_REGULAR = (
    0.316, 0.398, 0.458, 0.841, 0.638, 0.953, 0.78, 0.278, 0.391, 0.391, 0.503, 0.841, 0.316,
    0.36, 0.316, 0.338, 0.638, 0.638, 0.638, 0.638, 0.638, 0.638, 0.638, 0.638, 0.638, 0.638,
    0.338, 0.338, 0.841, 0.841, 0.841, 0.533, 0.998, 0.712, 0.683, 0.698, 0.773, 0.63, 0.578,
    0.773, 0.75, 0.293, 0.293, 0.653, 0.555, 0.863, 0.75, 0.788, 0.601, 0.788, 0.698, 0.638,
    0.594, 0.736, 0.683, 0.991, 0.683, 0.608, 0.683, 0.391, 0.338, 0.391, 0.841, 0.503, 0.503,
    0.616, 0.638, 0.548, 0.638, 0.616, 0.345, 0.638, 0.638, 0.278, 0.278, 0.578, 0.278, 0.976,
    0.638, 0.616, 0.638, 0.638, 0.392, 0.518, 0.391, 0.638, 0.593, 0.818, 0.593, 0.593, 0.525,
    0.638, 0.338, 0.638, 0.841,
)
_BOLD = (
    0.345, 0.458, 0.518, 0.841, 0.698, 1.006, 0.871, 0.308, 0.458, 0.458, 0.525, 0.841, 0.383,
    0.413, 0.383, 0.368, 0.698, 0.698, 0.698, 0.698, 0.698, 0.698, 0.698, 0.698, 0.698, 0.698,
    0.398, 0.398, 0.841, 0.841, 0.841, 0.578, 0.998, 0.773, 0.765, 0.736, 0.833, 0.683, 0.683,
    0.818, 0.841, 0.376, 0.376, 0.773, 0.638, 0.998, 0.841, 0.848, 0.736, 0.848, 0.773, 0.677,
    0.704, 0.81, 0.773, 1.103, 0.773, 0.728, 0.728, 0.458, 0.368, 0.458, 0.841, 0.503, 0.503,
    0.675, 0.713, 0.593, 0.713, 0.675, 0.406, 0.713, 0.713, 0.345, 0.345, 0.668, 0.345, 1.043,
    0.713, 0.691, 0.713, 0.713, 0.495, 0.593, 0.48, 0.713, 0.653, 0.923, 0.645, 0.653, 0.586,
    0.713, 0.368, 0.713, 0.841,
)
# fmt: on
_MEASURED = {
    "\u00b7": 0.383,  # middle dot
    "\u2022": 0.638,  # bullet
    "\u2013": 0.503,  # en dash
    "\u2014": 0.998,  # em dash
    "\u2019": 0.383,  # right single quote
    "\u201c": 0.661,  # left double quote
    "\u201d": 0.661,  # right double quote
    "\u2026": 0.998,  # ellipsis
    "\u2030": 1.449,  # per mille
    "\u2192": 0.841,  # right arrow
    "\u2212": 0.841,  # minus sign
    "\u20ac": 0.698,  # euro sign
    "\u25b2": 0.773,  # pain point
    "\u25c6": 0.773,  # opportunity
    "\u25c9": 0.9,  # end
    "\u25cf": 0.871,  # point
    "\u2691": 0.901,  # lint flag
    "\u2713": 0.841,  # check mark
    "\u2717": 0.841,  # ballot x
}
"""Measured widths (the wider of regular and bold) of symbols this package writes."""
_WIDE = 1.05
"""Width of East Asian wide and fullwidth characters (1 em in CJK fonts), with a margin."""
_EMOJI = 1.3
"""Width of emoji and pictographs (1.25 em in Noto Color Emoji, 1.06 as a missing glyph)."""
_OTHER = {False: 1.0, True: 1.1}
"""Width of other non-ASCII letters and symbols, regular and bold: most Latin ones are near
0.65, but Cyrillic capitals such as Ж and Ш are 1.1 (bold 1.25)."""
_ZERO_WIDTH = frozenset(("Mn", "Me", "Cf"))
"""Categories drawn with no advance: combining marks, variation selectors, joiners (ZWJ)
and direction marks."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")
_SPACES = re.compile(r"[ \t\r\n]+")


_CLEAN = re.compile(r"(?:[!-~]+ )*[!-~]+|")
"""Printable ASCII words separated by single spaces: text that `clean` leaves as it is."""


def clean(text: str) -> str:
    """One line of printable text: controls and lone surrogates dropped, runs of space joined."""
    if _CLEAN.fullmatch(text):
        return text
    return _SPACES.sub(" ", _CONTROL.sub("", text)).strip()


def html(text: str) -> str:
    """Clean text and escape it for an HTML-like label: ``& < > " '`` become entities."""
    return escape(clean(text))


_NO_MARKUP = re.compile(r"[^&<>\"'\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]*")


def escape(text: str) -> str:
    """Escape a piece of already cleaned text (spaces kept) for an HTML-like label.

    A backslash is doubled: Graphviz expands ``\\G``, ``\\N`` and ``\\E`` even in an HTML-like
    label, and shows ``\\\\`` as one backslash.
    """
    if _NO_MARKUP.fullmatch(text):
        return text
    # html.escape writes ' as &#x27;; the labels have always said &#39; (the same character).
    # No other &#x27; can be left: every & of the text itself is already &amp;.
    escaped = html_escape(_CONTROL.sub("", text)).replace("&#x27;", "&#39;")
    return escaped.replace("\\", "\\\\")


_PLAIN = re.compile(r"(?:[!#-\[\]-~]+ )*[!#-\[\]-~]+|")
"""Clean text without `"` or `\\`: the same in a DOT quoted string (most attribute values)."""


def quoted(text: str) -> str:
    """A DOT double-quoted string whose content Graphviz shows literally (escString-safe)."""
    if _PLAIN.fullmatch(text):
        return f'"{text}"'
    body = clean(text).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{body}"'


_WORD = (
    r"[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
    r"\ufeff\ud800-\udfff\"\\&]"
)
_MULTI_PLAIN = re.compile(f"(?:{_WORD}+[ \n])*{_WORD}+|")
"""Lines without `"`, `\\`, `&`, controls or other spaces than single ones between words (a
pain point's mark, a name in any script is fine): the same in a tooltip."""


def quoted_lines(lines: Sequence[str]) -> str:
    """Several lines of user text as one DOT quoted string with escString newlines.

    Each line is cleaned (a line break inside one becomes a space); empty lines are dropped.
    Graphviz unescapes a tooltip twice (``\\\\G`` would still be the graph's name), so each
    backslash is written as four; and it reads entities in it (``&amp;`` would show as ``&``),
    so each ``&`` is written as ``&amp;``.
    """
    joined = "\n".join(lines)
    if joined.count("\n") >= len(lines):  # a line break inside a line: it becomes a space
        joined = "\n".join(" ".join(line.split("\n")) for line in lines)
    if not _MULTI_PLAIN.fullmatch(joined) or "\n\n" in joined:
        joined = "\n".join(filter(None, map(clean, lines)))
        joined = joined.replace("&", "&amp;").replace("\\", "\\\\\\\\").replace('"', '\\"')
    return '"' + joined.replace("\n", "\\n") + '"'


def _char_width(char: str, bold: bool) -> float:
    code = ord(char)
    if 32 <= code < 127:
        return (_BOLD if bold else _REGULAR)[code - 32]
    if char in _MEASURED:
        return _MEASURED[char]
    if unicodedata.category(char) in _ZERO_WIDTH:
        return 0.0
    if code >= 0x1F000 or 0x2600 <= code < 0x2800:
        return _EMOJI
    if unicodedata.east_asian_width(char) in "WF":
        return _WIDE
    return _OTHER[bold]


_TALL = re.compile(
    "[\u0900-\u0dff\u1100-\u115f\u231a\u231b\u23e9-\u23f3\u2b1b\u2b1c"
    "\u2b50\u2b55\u2e80-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe0f\ufe10-\ufe19"
    "\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6\U0001f000-\U0010ffff]"
)
"""Characters DejaVu Sans lacks whose fallback glyphs are taller than its line: CJK and
the other East Asian wide scripts, emoji and pictographs, Indic scripts."""


def tall(text: str) -> bool:
    """Whether a line has characters taller than DejaVu Sans's line (CJK, emoji, Indic)."""
    return _TALL.search(text) is not None


class _Widths(dict[str, float]):
    """Character widths in em, computed once per character."""

    def __init__(self, bold: bool) -> None:
        super().__init__()
        self.bold = bold

    def __missing__(self, char: str) -> float:
        width = self[char] = _char_width(char, self.bold)
        return width


_WIDTHS = {False: _Widths(bold=False), True: _Widths(bold=True)}


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width in points of one line of text at a font size."""
    return sum(map(_WIDTHS[bold].__getitem__, text)) * size


def wrap(text: str, width: float, size: float, bold: bool = False, max_lines: int = 0) -> list[str]:
    """Break cleaned text into lines no wider than `width` points; long words are split.

    With `max_lines`, what does not fit ends in an ellipsis on the last line.
    """
    cleaned = clean(text)
    if text_width(cleaned, size, bold) <= width:
        return [cleaned] if cleaned else []
    space = text_width(" ", size, bold)
    lines: list[str] = []
    line, used = "", 0.0
    for word in cleaned.split(" "):
        needed = text_width(word, size, bold)
        if line and used + space + needed <= width:
            line, used = f"{line} {word}", used + space + needed
            continue
        if line:
            lines.append(line)
        while needed > width:
            cut = _fit(word, width, size, bold)
            lines.append(word[:cut])
            word = word[cut:]
            needed = text_width(word, size, bold)
        line, used = word, needed
    if line:
        lines.append(line)
    if max_lines and len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + " …", size, bold) > width:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last.rstrip() + " …"]
    return lines


def _fit(word: str, width: float, size: float, bold: bool) -> int:
    """How many leading characters of a word fit in `width` (at least one)."""
    total = 0.0
    widths = _WIDTHS[bold]
    for index, char in enumerate(word):
        total += widths[char] * size
        if total > width:
            return max(1, index)
    return len(word)

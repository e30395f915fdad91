"""A small DOT writer that cannot be tricked by user text.

Attribute values are written according to their type: an `Html` value (built only from
`text.html`-escaped parts) as an HTML-like label ``<...>``; a `Raw` value (a colour, a slug,
a class list this package made) as it is, quoted; `Lines` (user text for a tooltip) line by
line through `text.quoted_lines`; and every other string through `text.quoted`, so that a
user string can never become HTML, end a quoted string or smuggle a Graphviz escape such as
``\\N`` in. A tooltip is always written as `Lines`, whatever it was given as: Graphviz
unescapes tooltips once more than other strings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from journeyctl.render.text import quoted, quoted_lines


class Html(str):
    """An HTML-like label assembled from escaped parts; written as ``<...>``."""

    __slots__ = ()


class Raw(str):
    """A value this package made (a colour, a slug id, a class list): written as it is, quoted.

    It must not contain `"` or a backslash; `value` refuses one that does.
    """

    __slots__ = ()


class Lines(tuple[str, ...]):
    """Lines of user text for an escString attribute such as a tooltip, joined by newlines."""

    __slots__ = ()


Value = str | int | float | bool | Html | Raw | Lines


_EMPTY = re.compile(r"<(B|I|U|O|S|SUB|SUP)></\1>|<FONT[^>]*></FONT>")
"""A text element with nothing in it: Graphviz rejects the label (a name of only spaces
or control characters is cleaned to nothing)."""


def _filled(label: str) -> str:
    """The label without empty text elements (an element emptied may empty its parent)."""
    while "></" in label:
        label, count = _EMPTY.subn("", label)
        if not count:
            break
    return label


def value(item: Value) -> str:
    """One attribute value in DOT syntax."""
    if isinstance(item, Html):
        return f"<{_filled(item)}>"
    if isinstance(item, Raw):
        if '"' in item or "\\" in item:
            raise ValueError(f"not a raw DOT value: {item!r}")
        return f'"{item}"'
    if isinstance(item, Lines):
        return quoted_lines(item)
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, int):
        return str(item)
    if isinstance(item, float):
        return f"{item:.2f}".rstrip("0").rstrip(".")
    return quoted(item)


_TWICE_UNESCAPED = frozenset({"tooltip", "labeltooltip", "headtooltip", "tailtooltip"})


def attribute(key: str, item: Value) -> str:
    """`key=value`; a tooltip's text as `Lines`, escaped for Graphviz's second unescaping."""
    if key in _TWICE_UNESCAPED and isinstance(item, str) and not isinstance(item, Html | Raw):
        item = Lines((item,))
    return f"{key}={value(item)}"


def attributes(values: Mapping[str, Value]) -> str:
    """`[a=1, b="x"]`, or the empty string when there are none."""
    if not values:
        return ""
    return " [" + ", ".join(attribute(key, item) for key, item in values.items()) + "]"


class Dot:
    """Collects the statements of one graph and writes them out."""

    def __init__(self, name: str, directed: bool = True) -> None:
        self.name = name
        self.directed = directed
        self.lines: list[str] = []
        self.depth = 1

    def _add(self, statement: str) -> None:
        self.lines.append("  " * self.depth + statement)

    def defaults(self, kind: str, values: Mapping[str, Value]) -> None:
        """`graph [...]`, `node [...]` or `edge [...]`."""
        self._add(f"{kind}{attributes(values)};")

    def node(self, name: str, values: Mapping[str, Value]) -> None:
        """A node; `name` is an identifier this package made up, never user text."""
        self._add(f"{quoted(name)}{attributes(values)};")

    def edge(self, tail: str, head: str, values: Mapping[str, Value] | None = None) -> None:
        """An edge between two nodes named by this package."""
        arrow = "->" if self.directed else "--"
        self._add(f"{quoted(tail)} {arrow} {quoted(head)}{attributes(values or {})};")

    def open(self, name: str, values: Mapping[str, Value] | None = None) -> None:
        """Start a subgraph (a cluster when `name` starts with `cluster`)."""
        self._add(f"subgraph {quoted(name)} {{")
        self.depth += 1
        for key, item in (values or {}).items():
            self._add(f"{attribute(key, item)};")

    def close(self) -> None:
        """End the innermost subgraph."""
        self.depth -= 1
        self._add("}")

    def same_rank(self, names: Iterable[str]) -> None:
        """Keep these nodes on one rank."""
        self._add("{rank=same; " + " ".join(f"{quoted(n)};" for n in names) + "}")

    def source(self) -> str:
        """The whole graph as DOT text."""
        kind = "digraph" if self.directed else "graph"
        return "\n".join([f"{kind} {quoted(self.name)} {{", *self.lines, "}"]) + "\n"

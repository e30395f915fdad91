"""Composed YAML nodes to plain data: YAML 1.2 core scalars, safe tags only, bounded aliases.

The fast route (see perf-notes): libyaml composes a node tree, which keeps every line and
column; `Builder` turns the nodes into dicts, lists and scalars and refuses what is unsafe or
ambiguous (unknown tags, duplicate keys, deep nesting, a billion laughs).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from journeyctl.workspace.read import LoadError

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_DEPTH = 64
"""Deeper nesting than this is refused; journeyctl files are about 8 levels deep."""
ALIAS_ALLOWANCE = 100_000
"""Nodes that aliases may add beyond the file's size before it counts as a billion-laughs."""

_TAG = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ = _TAG + "str", _TAG + "map", _TAG + "seq"
_SCALAR_TAGS = frozenset(_TAG + name for name in ("null", "bool", "int", "float", "timestamp"))
_PLAIN = "?"
"""The tag of a plain scalar that this module resolves itself (YAML 1.2 core schema)."""
_MAYBE_NOT_TEXT = frozenset("0123456789+-.~nNtTfF")
"""First characters of plain scalars that may be numbers, booleans, nulls or dates."""
_INT_RE = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT_RE = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL_FLOATS = {
    ".inf": float("inf"),
    "+.inf": float("inf"),
    "-.inf": float("-inf"),
    ".nan": float("nan"),
}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_DATE_RE = re.compile(
    r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    r"(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
    r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?"
)


class NodeLoader(_BaseLoader):
    """libyaml's composer with tag resolution left to this module: much faster, YAML 1.2 rules."""

    def __init__(self, stream: bytes) -> None:
        super().__init__(stream)
        # The composer calls these two hooks (for path resolvers, which this loader has none
        # of) around every node: built-in no-ops instead of Python methods save ~7% of it.
        self.descend_resolver = {}.get  # type: ignore[method-assign,assignment]
        self.ascend_resolver = tuple  # type: ignore[method-assign,assignment]

    def resolve(self, kind: type[Node], value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            return _PLAIN if implicit[0] else _STR
        return _MAP if kind is MappingNode else _SEQ


def position(node: Node) -> tuple[int, int]:
    """The 1-based (line, column) where a node starts."""
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


class Builder:
    """Turns composed nodes into plain data, refusing unsafe tags and duplicate keys."""

    def build(self, node: Node, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise LoadError(f"nesting deeper than {MAX_DEPTH} levels", *position(node))
        if isinstance(node, ScalarNode):
            tag = node.tag
            if tag == _STR:
                return node.value
            if tag == _PLAIN:
                value = node.value
                return _plain(value) if not value or value[0] in _MAYBE_NOT_TEXT else value
            return _scalar(node)
        if isinstance(node, MappingNode):
            return self.mapping(node, depth)
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ:
                raise _bad_tag(node)
            return [self.build(item, depth + 1) for item in node.value]
        raise LoadError(f"unsupported YAML node {type(node).__name__}", *position(node))

    def mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        if node.tag != _MAP:
            raise _bad_tag(node)
        result: dict[str, Any] = {}
        merged: list[Node] = []
        extensions = False
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode:
                raise LoadError("mapping keys must be plain text", *position(key_node))
            key = key_node.value
            if key in result:
                raise _duplicate(node, key_node)
            if key == "<<" and key_node.tag == _PLAIN:
                merged.append(value_node)
                continue
            extensions = extensions or key.startswith("x-")
            # the common case, a quoted or plain string value, without a call
            if value_node.__class__ is ScalarNode and value_node.tag == _STR:
                result[key] = value_node.value
            else:
                result[key] = self.build(value_node, depth + 1)
        if extensions:
            for key in [key for key in result if key.startswith("x-")]:
                del result[key]
        for source in merged:
            for extra in self._merge_sources(source, depth):
                for key, value in extra.items():
                    result.setdefault(key, value)
        return result

    def _merge_sources(self, node: Node, depth: int) -> list[dict[str, Any]]:
        if isinstance(node, MappingNode):
            return [self.mapping(node, depth + 1)]
        if isinstance(node, SequenceNode) and all(
            isinstance(item, MappingNode) for item in node.value
        ):
            return [self.mapping(item, depth + 1) for item in node.value]
        raise LoadError("`<<` merges only a mapping or a list of mappings", *position(node))


class AliasCountingBuilder(Builder):
    """A builder that stops anchors and aliases from expanding beyond a sane bound."""

    def __init__(self, size: int) -> None:
        self.budget = size + ALIAS_ALLOWANCE

    def build(self, node: Node, depth: int) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise LoadError(
                "anchors and aliases expand far beyond the file's size (a billion-laughs "
                "document?); refusing to expand them",
                *position(node),
            )
        return super().build(node, depth)


def _duplicate(mapping: MappingNode, key_node: Node) -> LoadError:
    first = next(k for k, _ in mapping.value if k.value == key_node.value)
    return LoadError(
        f"duplicate key '{key_node.value}' (first defined on line {position(first)[0]})",
        *position(key_node),
    )


def _bad_tag(node: Node) -> LoadError:
    tag = str(node.tag).replace(_TAG, "!!")
    return LoadError(f"unsupported tag '{tag}': only plain YAML data is allowed", *position(node))


def _plain(value: str) -> Any:
    """Resolve a plain scalar with YAML 1.2 core rules (so `no`, `on` and `1:20` stay text)."""
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if _INT_RE.fullmatch(value):
        return _int(value)
    if _FLOAT_RE.fullmatch(value):
        return float(value)
    if value.lower() in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[value.lower()]
    if _DATE_RE.fullmatch(value):
        return _date(value)
    return value


def _int(value: str) -> int | str:
    """An integer; one too long for Python to convert (over 4,300 digits) stays text."""
    try:
        return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
    except ValueError:
        return value


def _date(value: str) -> date | datetime | str:
    """A YAML timestamp as a date or datetime; an impossible one such as 2026-02-30 stays text."""
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        return datetime.fromisoformat(value.replace("t", "T").replace(" ", "T", 1))
    except ValueError:
        return value


def _scalar(node: ScalarNode) -> Any:
    """Resolve a scalar with an explicit tag such as `!!int 3`; refuse any other tag."""
    tag, value = node.tag, node.value
    resolved = _plain(value)
    expected = {
        _TAG + "null": type(None),
        _TAG + "bool": bool,
        _TAG + "int": int,
        _TAG + "float": float,
    }.get(tag)
    if expected is not None and type(resolved) is expected:
        return resolved
    if tag == _TAG + "float" and type(resolved) is int:
        return float(resolved)
    if tag == _TAG + "timestamp" and isinstance(resolved, date):
        return resolved
    if tag in _SCALAR_TAGS:
        raise LoadError(f"'{value}' is not a valid {tag.removeprefix(_TAG)}", *position(node))
    raise _bad_tag(node)

"""Read a YAML file safely into plain data, keeping the node tree for source positions.

The fast route (see perf-notes): libyaml composes a node tree, which keeps every line and
column; this module turns the nodes into dicts, lists and scalars with YAML 1.2 core rules and
refuses what is unsafe or ambiguous. Positions are looked up in the node tree only for the
paths that have findings (`locate`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from journeyctl.core.errors import JourneyError

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


class _Loader(_BaseLoader):
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


class LoadError(JourneyError):
    """The file cannot be read as safe YAML: a `parse-error` at a 1-based line and column."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class Loaded:
    """A parsed file: its text, its node tree (for positions) and its plain data."""

    path: Path
    text: str
    root: MappingNode
    data: dict[str, Any]


def read_yaml(path: Path) -> Loaded:
    """Read and parse one file; raise LoadError for bad content, OSError when unreadable."""
    raw = path.read_bytes()
    return parse_yaml(raw, path)


def parse_yaml(raw: bytes, path: Path) -> Loaded:
    """Parse the bytes of one file that should hold one mapping document."""
    text = _decode(raw)
    if not text.strip():
        raise LoadError("empty file: expected a mapping such as `journeyctl: 1`")
    try:
        root = yaml.compose(raw, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        raise _marked_error(error, text) from None
    except yaml.YAMLError as error:
        raise LoadError(f"not valid YAML: {error}") from None
    except RecursionError:
        raise LoadError(f"nesting deeper than {MAX_DEPTH} levels") from None
    if root is None:
        raise LoadError("the file holds no YAML document, only comments")
    if not isinstance(root, MappingNode):
        kind = "a list" if isinstance(root, SequenceNode) else "a single value"
        line, column = position(root)
        raise LoadError(
            f"the document is {kind}; a journeyctl file is a mapping (key: value)", line, column
        )
    builder = _AliasCountingBuilder(len(raw)) if b"&" in raw else _Builder()
    data = builder.mapping(root, 0)
    return Loaded(path, text, root, data)


def _decode(raw: bytes) -> str:
    if b"\x00" in raw[:8192]:
        raise LoadError("binary file: not YAML text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        column = len(raw[line_start : error.start].decode("utf-8", "replace")) + 1
        raise LoadError(
            f"invalid UTF-8: byte 0x{raw[error.start]:02x} cannot start or continue a character",
            line,
            column,
        ) from None
    return text.removeprefix("\ufeff")


def _marked_error(error: yaml.MarkedYAMLError, text: str) -> LoadError:
    problem = error.problem or "not valid YAML"
    mark = error.problem_mark or error.context_mark
    context = error.context or ""
    if "end of stream" in problem and "quoted scalar" in context and error.context_mark:
        mark = error.context_mark
        message = "unclosed quote: the quoted string starting here never ends"
    elif "another document" in problem:
        message = "several YAML documents in one file (`---`); put each in its own file"
    elif "tab character" in problem or (
        "cannot start any token" in problem and _char_at(text, mark) == "\t"
    ):
        message = "tab character: YAML indentation must use spaces"
    elif "maximum nesting depth" in problem:
        message = "nesting too deep: the YAML nests more than 1000 levels"
    elif "undefined alias" in problem:
        message = "alias refers to an anchor that was never defined (`*name` needs `&name`)"
    else:
        message = f"{context}: {problem}" if context else problem
        message = message.replace("\n", " ")
    if mark is None:
        return LoadError(message)
    return LoadError(message, mark.line + 1, mark.column + 1)


def _char_at(text: str, mark: yaml.Mark | None) -> str:
    if mark is None:
        return ""
    lines = text.split("\n", mark.line + 1)
    line = lines[mark.line] if mark.line < len(lines) else ""
    return line[mark.column : mark.column + 1]


def position(node: Node) -> tuple[int, int]:
    """The 1-based (line, column) where a node starts."""
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


class _Builder:
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


class _AliasCountingBuilder(_Builder):
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
        return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
    if _FLOAT_RE.fullmatch(value):
        return float(value)
    if value.lower() in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[value.lower()]
    if _DATE_RE.fullmatch(value):
        return _date(value)
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


def locate(root: Node, where: Sequence[str | int], at_key: bool = False) -> tuple[int, int]:
    """The 1-based position of the value (or key) at `where`, or of its deepest existing parent.

    A missing key resolves to the mapping that lacks it, which is where it must be added.
    """
    node = root
    for index, part in enumerate(where):
        last = index == len(where) - 1
        child: Node | None = None
        key_node: Node | None = None
        if isinstance(node, MappingNode) and isinstance(part, str):
            key_node, child = _lookup(node, part)
        elif isinstance(node, SequenceNode) and isinstance(part, int):
            child = node.value[part] if 0 <= part < len(node.value) else None
        if child is None:
            return position(node)
        if last and at_key and key_node is not None:
            return position(key_node)
        node = child
    return position(node)


def _lookup(node: MappingNode, key: str) -> tuple[Node | None, Node | None]:
    merged: list[Node] = []
    for key_node, value_node in node.value:
        is_merge = key_node.tag == _PLAIN and key_node.value == "<<"
        if isinstance(key_node, ScalarNode) and key_node.value == key and not is_merge:
            return key_node, value_node
        if is_merge:
            merged.extend(
                value_node.value if isinstance(value_node, SequenceNode) else [value_node]
            )
    for source in merged:
        if isinstance(source, MappingNode):
            key_node, value_node = _lookup(source, key)
            if value_node is not None:
                return key_node, value_node
    return None, None

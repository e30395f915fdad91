"""The one path from bytes to a document with positions: `parse_yaml` (and `read_yaml`).

Every command and discovery itself load through here: the bytes are decoded (`read.decode`:
BOMs, UTF-16/32, line endings), composed by libyaml into a node tree that keeps every line and
column, and built into plain data (`yaml_nodes`). Positions are looked up in the node tree only
for the paths that have findings (`locate`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from journeyctl.workspace.read import MAX_BYTES, LoadError, decode, encoding_of, read_regular
from journeyctl.workspace.yaml_nodes import (
    MAX_DEPTH,
    AliasCountingBuilder,
    Builder,
    NodeLoader,
    position,
)

__all__ = ["LoadError", "Loaded", "locate", "parse_yaml", "position", "read_yaml"]

_PLAIN = "?"
"""The tag of a plain scalar (see `yaml_nodes`): a `<<` key with it is a merge."""


@dataclass
class Loaded:
    """A parsed file: its text, its node tree (for positions) and its plain data."""

    path: Path
    text: str
    root: MappingNode
    data: dict[str, Any]


def read_yaml(path: Path, max_bytes: int = MAX_BYTES) -> Loaded:
    """Read and parse one file; raise LoadError for bad content, OSError when unreadable."""
    return parse_yaml(read_regular(path, max_bytes), path)


def parse_yaml(raw: bytes, path: Path, text: str | None = None) -> Loaded:
    """Parse the bytes of one file that should hold one mapping document.

    `text` is `decode(raw)` when the caller has it already (discovery does).
    """
    if text is None:
        text = decode(raw)
    if not text.strip():
        raise LoadError("empty file: expected a mapping such as `journeyctl: 1`")
    source = raw if _parser_reads(raw) else text.encode("utf-8")
    try:
        root = yaml.compose(source, Loader=NodeLoader)
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
    builder = AliasCountingBuilder(len(source)) if b"&" in source else Builder()
    data = builder.mapping(root, 0)
    return Loaded(path, text, root, data)


def _parser_reads(raw: bytes) -> bool:
    """Whether libyaml can take the file's own bytes: UTF-8 without a mark or a CR.

    Anything else is given as the decoded text in UTF-8, which has the same lines.
    """
    return encoding_of(raw)[1] == 0 and b"\r" not in raw


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
        message = message.replace("\n", " ") + _quote_hint(problem, text, mark)
    if mark is None:
        return LoadError(message)
    return LoadError(message, mark.line + 1, mark.column + 1)


def _char_at(text: str, mark: yaml.Mark | None) -> str:
    return _line_at(text, mark)[mark.column : mark.column + 1] if mark is not None else ""


def _line_at(text: str, mark: yaml.Mark | None) -> str:
    if mark is None:
        return ""
    lines = text.split("\n", mark.line + 1)
    return lines[mark.line] if mark.line < len(lines) else ""


_PLAIN_VALUE = re.compile(r"([ \t]*(?:-[ \t]+)?[^\s#'\"{}\[\]][^:#]*:[ \t]+)([^'\"{}\[\]#&*!|>].*)")
"""A `key: value` line whose value is plain text (not quoted, not a flow collection)."""


def _quote_hint(problem: str, text: str, mark: yaml.Mark | None) -> str:
    """For `key: text with: a colon`, how to write it: the text in double quotes."""
    if "mapping values are not allowed" not in problem:
        return ""
    match = _PLAIN_VALUE.fullmatch(_line_at(text, mark).rstrip())
    if match is None or ": " not in match.group(2):
        return ""
    key = match.group(1).strip().removeprefix("-").strip()
    value = match.group(2).replace("\\", "\\\\").replace('"', '\\"')
    return f"; text with ': ' in it must be quoted: {key} \"{value}\""


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

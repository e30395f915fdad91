"""The one path from bytes to a document with positions: `parse_yaml` (and `read_yaml`).

Every command and discovery itself load through here: the bytes are decoded (`read.decode`:
BOMs, UTF-16/32, line endings), parsed by libyaml and built into plain data (`yaml_nodes`),
keeping where each key and value starts (`positions`); `locate` turns the document path of a
finding into a line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.events import MappingStartEvent, SequenceStartEvent

from journeyctl.workspace.lifetime import hold
from journeyctl.workspace.positions import Spot, locate
from journeyctl.workspace.read import LoadError, decode, encoding_of, read_regular
from journeyctl.workspace.yaml_nodes import MAX_DEPTH, Builder, NodeLoader

__all__ = ["LoadError", "Loaded", "Spot", "locate", "parse_yaml", "read_yaml"]


@dataclass
class Loaded:
    """A parsed file: its text, where each of its parts is (`locate`) and its plain data."""

    path: Path
    text: str
    root: Spot
    data: dict[str, Any]


def read_yaml(path: Path, max_bytes: int | None = None) -> Loaded:
    """Read and parse one file; raise LoadError for bad content, OSError when unreadable."""
    return parse_yaml(read_regular(path, max_bytes), path)


def parse_yaml(raw: bytes, path: Path, text: str | None = None) -> Loaded:
    """Parse the bytes of one file that should hold one mapping document.

    `text` is `decode(raw)` when the caller has it already (discovery does).
    """
    if text is None:
        text = decode(raw)
    if not text or text.isspace():
        raise LoadError("empty file: expected a mapping such as `journeyctl: 1`")
    source = raw if _parser_reads(raw) else text.encode("utf-8")
    try:
        event, data, root = Builder(NodeLoader(source), len(source)).document()
    except yaml.MarkedYAMLError as error:
        raise _marked_error(error, text) from None
    except yaml.YAMLError as error:
        raise LoadError(f"not valid YAML: {error}") from None
    except RecursionError:
        raise LoadError(f"nesting deeper than {MAX_DEPTH} levels") from None
    if event is None:
        raise LoadError("the file holds no YAML document, only comments")
    if not isinstance(event, MappingStartEvent):
        kind = "a list" if isinstance(event, SequenceStartEvent) else "a single value"
        mark = event.start_mark
        raise LoadError(
            f"the document is {kind}; a journeyctl file is a mapping (key: value)",
            mark.line + 1,
            mark.column + 1,
        )
    loaded = Loaded(path, text, root, data)
    hold(loaded, len(raw))
    return loaded


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

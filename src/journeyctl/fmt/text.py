"""Formatting one file's text: read with ruamel.yaml, reorder, keep comments, write, verify."""

from __future__ import annotations

import re
from typing import Any

from journeyctl.core.model import DOCUMENT_MODELS, Settings
from journeyctl.fmt.comments import Comments
from journeyctl.fmt.errors import FormatError
from journeyctl.fmt.layout import emit, round_trip_yaml
from journeyctl.fmt.order import anchors_of, put_in_order, reorder
from journeyctl.fmt.verify import verify_formatted
from journeyctl.workspace.suppress import read_suppressions

_DOCUMENT_START = re.compile(r"---[ \t]*(?:#.*)?")


def format_text(text: str, settings: bool = False) -> str:
    """The canonical form of one journeyctl file (a settings file when `settings`).

    Raise FormatError when ruamel cannot read it, or when the result would lose a comment or
    change the data; the caller then leaves the file as it is.
    """
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    text = text.removeprefix("\ufeff")
    ending = _line_ending(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    prefix, body, offset = _split_prefix(text)
    formatted = prefix + _format_body(body, settings, offset)
    verify_formatted(text, formatted)
    if ending != "\n":
        formatted = formatted.replace("\n", ending)
    return bom + formatted


def _line_ending(text: str) -> str:
    """The file's line ending, kept in the formatted text: CRLF, old Mac CR, or LF (a file
    that mixes them gets the first of these it uses throughout)."""
    if "\r\n" in text:
        return "\r\n"
    return "\r" if "\r" in text else "\n"


def _split_prefix(text: str) -> tuple[str, str, int]:
    """Keep what precedes an explicit `---` verbatim: ruamel drops comments written there.

    Returns the prefix, the body after it and the number of lines in the prefix.
    """
    lines = text.split("\n")
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "%")):
            continue
        if _DOCUMENT_START.fullmatch(stripped):
            return "\n".join(lines[: index + 1]) + "\n", "\n".join(lines[index + 1 :]), index + 1
        break
    return "", text, 0


def _format_body(body: str, settings: bool, offset: int) -> str:
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml_rt = round_trip_yaml()
    try:
        root = yaml_rt.load(body)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1 + offset, mark.column + 1) if mark else (1, 1)
        raise FormatError(f"cannot read for formatting: {error.problem}", line, column) from None
    except YAMLError as error:
        raise FormatError(f"cannot read for formatting: {error}") from None
    if not isinstance(root, CommentedMap):
        raise FormatError("the document is not a mapping")
    comments = Comments(body.split("\n"))
    comments.harvest(root)
    model = Settings if settings else DOCUMENT_MODELS.get(str(root.get("kind")))
    if model is not None:
        anchors = anchors_of(root)
        moved: list[tuple[Any, list[Any]]] = []
        reorder(root, model, moved)
        if anchors and anchors_of(root) != anchors:
            # reordering would move an anchor's definition into one of its aliases: keep the
            # order the author chose (the layout and comments are still formatted)
            for node, keys in reversed(moved):
                put_in_order(node, keys)
        else:
            _keep_suppressed(moved, suppressed_lines(body))
    comments.restore(root)
    return emit(yaml_rt, root)


def suppressed_lines(text: str) -> set[int]:
    """The 0-based lines that a line suppression (`# journeyctl: disable=...`) covers: its
    own and the next."""
    lines: set[int] = set()
    for entry in read_suppressions(text).entries:
        if not entry.whole_file:
            lines.update((entry.line - 1, entry.line))
    return lines


def _keep_suppressed(moved: list[tuple[Any, list[Any]]], lines: set[int]) -> None:
    """Keep the author's key order in each mapping with a key on a line that a suppression
    covers: reordered, other keys would come onto those lines (or these keys leave them), and
    the suppression would silence something else (issue 10)."""
    if not lines:
        return
    for node, keys in reversed(moved):
        if any(node.lc.data.get(key, (None,))[0] in lines for key in keys):
            put_in_order(node, keys)

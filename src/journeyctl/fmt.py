"""`journeyctl fmt`: canonical key order and layout, with every comment kept (design §3).

The key order is the field order of the models in `journeyctl.model` (the order of the design's
example: `journeyctl`, `kind`, `id`, ...). Keys the models do not know (`x-` extensions, typos)
keep their relative order after the known ones. Indentation is two spaces, with sequences
indented under their key. Flow collections stay flow (`{name: x, target: 1}`), quotes stay as
written, long lines are never re-wrapped; runs of blank lines become one, and `~`/`null` are
written as an empty value.

ruamel.yaml's round-trip loader keeps comments, but stores a full-line comment on whatever comes
*before* it (often a scalar deep inside the previous key's value), so moving a key would leave
the comments above it behind. This module therefore first gives every full-line comment (and
blank line) to the key or list item it stands above, or to the end of the block it is indented
into, then reorders, then writes the comments back into ruamel's slots.

Nothing is trusted blindly: the output must hold the same data and every comment of the input
(checked with libyaml, independently of ruamel), otherwise the file is left alone with a message.
ruamel.yaml is imported only when a file is formatted.
"""

from __future__ import annotations

import bisect
import gc
import itertools
import re
import stat
import types
import typing
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from io import StringIO
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from journeyctl.errors import JourneyError
from journeyctl.loader import LoadError, parse_yaml
from journeyctl.model import DOCUMENT_MODELS, Settings

try:
    from yaml import CSafeLoader as _YamlLoader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader as _YamlLoader  # type: ignore[assignment]

INDENT = {"mapping": 2, "sequence": 4, "offset": 2}
"""ruamel's indentation settings: keys 2 deeper, list dashes 2 deeper than their key."""
WIDTH = 1 << 30
"""Line width for ruamel: large, so that long strings are never re-wrapped."""


class FormatError(JourneyError):
    """The file cannot be formatted safely; `line` and `column` are 1-based."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


# --------------------------------------------------------------------------------------------
# Key order, from the models
# --------------------------------------------------------------------------------------------


@cache
def key_order(model: type[BaseModel]) -> tuple[str, ...]:
    """The canonical order of a model's keys: the order of its fields."""
    return tuple(model.model_fields)


@cache
def _nested_models(model: type[BaseModel]) -> dict[str, tuple[str, type[BaseModel]]]:
    """Fields whose values hold models: name -> ("model" | "list" | "dict", the model)."""
    nested: dict[str, tuple[str, type[BaseModel]]] = {}
    for name, info in model.model_fields.items():
        found = _model_in(info.annotation)
        if found is not None:
            nested[name] = found
    return nested


def _model_in(annotation: Any) -> tuple[str, type[BaseModel]] | None:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _model_in(args[0])
    if origin is typing.Union or origin is types.UnionType:
        return next((found for arg in args if (found := _model_in(arg)) is not None), None)
    if origin is list and args:
        inner = _model_in(args[0])
        return ("list", inner[1]) if inner is not None and inner[0] == "model" else None
    if origin is dict and len(args) == 2:
        inner = _model_in(args[1])
        return ("dict", inner[1]) if inner is not None and inner[0] == "model" else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return ("model", annotation)
    return None


def _reorder(node: Any, model: type[BaseModel], moved: list[tuple[Any, list[Any]]]) -> None:
    """Put the keys of `node` (and of the models nested in it) in canonical order.

    Each mapping changed is added to `moved` with its old order, so that it can be undone.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if not isinstance(node, CommentedMap) or _opaque(node):
        return
    order = key_order(model)
    new_order = [key for key in order if key in node] + [key for key in node if key not in order]
    if list(node) != new_order:
        moved.append((node, list(node)))
        _put_in_order(node, new_order)
    for name, (shape, nested) in _nested_models(model).items():
        value = node.get(name)
        if shape == "model":
            _reorder(value, nested, moved)
        elif shape == "list" and isinstance(value, CommentedSeq):
            for item in value:
                _reorder(item, nested, moved)
        elif shape == "dict" and isinstance(value, CommentedMap) and not _opaque(value):
            for item in value.values():
                _reorder(item, nested, moved)


def _put_in_order(node: Any, keys: list[Any]) -> None:
    for key in keys:
        node.move_to_end(key)


def _anchors(node: Any, path: tuple[Any, ...] = (), found: dict[str, Any] | None = None) -> Any:
    """Where each anchor (`&name`) is defined, in document order: name -> path."""
    found = {} if found is None else found
    anchor = getattr(getattr(node, "anchor", None), "value", None)
    if anchor is not None:
        if anchor in found:
            return found  # an alias: it is written as *name, its content is not walked
        found[anchor] = path
    if isinstance(node, dict):
        merged = getattr(node, "merge", None) or []
        for entry in merged:  # written first, as `<<: *name` or `<<: &name ...`
            source = entry[1] if isinstance(entry, tuple) else entry  # (position, map) < 0.19
            _anchors(source, (*path, "<<"), found)
        mapping: Any = node
        for key, value in mapping.non_merged_items() if merged else mapping.items():
            _anchors(value, (*path, key), found)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            _anchors(value, (*path, index), found)
    return found


def _opaque(node: Any) -> bool:
    """A mapping with `<<` merge keys is left exactly as it is (order and comments)."""
    return bool(getattr(node, "merge", None))


# --------------------------------------------------------------------------------------------
# Formatting one text
# --------------------------------------------------------------------------------------------

_DOCUMENT_START = re.compile(r"---[ \t]*(?:#.*)?")


def format_text(text: str, settings: bool = False) -> str:
    """The canonical form of one journeyctl file (a settings file when `settings`).

    Raise FormatError when ruamel cannot read it, or when the result would lose a comment or
    change the data; the caller then leaves the file as it is.
    """
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    text = text.removeprefix("\ufeff")
    crlf = "\r\n" in text
    text = text.replace("\r\n", "\n")
    prefix, body, offset = _split_prefix(text)
    formatted = prefix + _format_body(body, settings, offset)
    _verify(text, formatted)
    if crlf:
        formatted = formatted.replace("\n", "\r\n")
    return bom + formatted


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
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml_rt = YAML(typ="rt")
    yaml_rt.preserve_quotes = True
    yaml_rt.width = WIDTH
    yaml_rt.indent(**INDENT)
    yaml_rt.brace_single_entry_mapping_in_flow_sequence = True  # [{name: m}], not [name: m]
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
    comments = _Comments(body.split("\n"))
    comments.harvest(root)
    model = Settings if settings else DOCUMENT_MODELS.get(str(root.get("kind")))
    if model is not None:
        anchors = _anchors(root)
        moved: list[tuple[Any, list[Any]]] = []
        _reorder(root, model, moved)
        if anchors and _anchors(root) != anchors:
            # reordering would move an anchor's definition into one of its aliases: keep the
            # order the author chose (the layout and comments are still formatted)
            for node, keys in reversed(moved):
                _put_in_order(node, keys)
    comments.restore(root)
    _spell_null_items(root, set())
    yaml_rt.representer.add_representer(_NullItem, _represent_null_item)
    out = StringIO()
    yaml_rt.dump(root, out)
    return out.getvalue().rstrip("\n") + "\n"


class _NullItem:
    """A null list item: ruamel would write it as `- ` with a trailing space, not `- null`."""


def _spell_null_items(node: Any, seen: set[int]) -> None:
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, dict):
        for value in node.values():
            _spell_null_items(value, seen)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if value is None:
                node[index] = _NullItem()
            else:
                _spell_null_items(value, seen)


def _represent_null_item(representer: Any, data: _NullItem) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


# --------------------------------------------------------------------------------------------
# Comments: who owns each full-line comment, and putting them back after reordering
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    """A full-line comment (its indentation and text) or, with `indent` None, a blank line."""

    indent: int | None
    text: str = ""


_BLANK = _Line(None)


@dataclass
class _Notes:
    """The comments of one block mapping or sequence, by key or index."""

    before: dict[Any, list[_Line]] = field(default_factory=dict)
    eol: dict[Any, tuple[str, int]] = field(default_factory=dict)
    scalar: dict[Any, Any] = field(default_factory=dict)
    """The comment on the `|` or `>` line of a block scalar, as ruamel keeps it."""
    end: list[_Line] = field(default_factory=list)


class _Comments:
    """Moves comments from ruamel's load-time slots to their owners, and back."""

    def __init__(self, source: list[str]) -> None:
        self.source = source
        self.notes: dict[int, _Notes] = {}
        self.pending: list[_Line] = []
        self.seen: set[int] = set()
        self.header: list[_Line] = []
        self.restored: set[int] = set()
        self.after: dict[int, list[Any]] = {}
        """Comments to read when a block ends (see `_look_ahead`), by the block's id."""

    # -- harvest: read every comment and decide who owns it ---------------------------------

    def harvest(self, root: Any) -> None:
        self._mapping(root, 0, is_root=True)
        end = _collapse(self.notes[id(root)].end + self.pending)
        while end and end[-1].indent is None:
            end.pop()
        self.notes[id(root)].end = end
        self.pending = []

    def _block(self, node: Any, column: int) -> None:
        from ruamel.yaml.comments import CommentedMap

        if isinstance(node, CommentedMap):
            self._mapping(node, column)
        else:
            self._sequence(node, column)

    def _mapping(self, node: Any, column: int, is_root: bool = False) -> None:
        notes = self.notes[id(node)] = _Notes()
        self._container_comments(node)
        keys = list(node)
        for index, key in enumerate(keys):
            slots = node.ca.items.get(key) or [None, None, None, None]
            key_comment = self._post(slots[0], node[key])  # on a complex key: rare
            if key_comment is not None:
                self.pending.append(_Line(column, key_comment[0]))
            self._pre(slots[1])
            before = self._take()
            if is_root and index == 0:
                self.header, before = _split_header(before)
            notes.before[key] = before
            value = node[key]
            eol = self._post(slots[2], value)
            if eol is not None:
                notes.eol[key] = eol
            if _is_block_scalar(value) and slots[3]:
                notes.scalar[key] = slots[3]
            else:
                self._pre(slots[3])
            if _is_block(value) and id(value) not in self.notes:
                following = keys[index + 1] if index + 1 < len(keys) else None
                self._look_ahead(node, following, value)
                self._block(value, column + INDENT["mapping"])
        self._pre(getattr(node.ca, "end", None))
        notes.end = self._exit(node, column)

    def _sequence(self, node: Any, column: int) -> None:
        notes = self.notes[id(node)] = _Notes()
        self._container_comments(node)
        for index, value in enumerate(node):
            slots = node.ca.items.get(index) or [None, None, None, None]
            before = self._take()
            self._pre(slots[1])  # comments right after the dash: moved above it
            notes.before[index] = before + self._take()
            eol = self._post(slots[0], value)
            if eol is not None:
                notes.eol[index] = eol
            self._post(slots[2], value)
            self._pre(slots[3])
            if _is_block(value) and id(value) not in self.notes:
                following = index + 1 if index + 1 < len(node) else None
                self._look_ahead(node, following, value)
                self._block(value, column + INDENT["sequence"] - INDENT["offset"])
        self._pre(getattr(node.ca, "end", None))
        notes.end = self._exit(node, column)

    def _look_ahead(self, node: Any, following: Any, value: Any) -> None:
        """Find comments that follow the block `value` but are stored with what comes next.

        After a flow collection, ruamel keeps the comments below it on the next key or item
        (or at the end of the enclosing block). They belong where they are written: they are
        handed to the block that ends with that flow collection, when it ends.
        """
        if following is None:
            stored = getattr(node.ca, "end", None) or []
        else:
            stored = (node.ca.items.get(following) or [None, None])[1] or []
        own_lines = [
            token
            for token in stored
            if token is not None
            and not isinstance(token, str)
            and self._starts_line(token.start_mark.line, token.start_mark.column)
        ]
        if own_lines:
            container = _last_leaf(value)[0]
            self.after.setdefault(id(container), []).extend(own_lines)

    def _container_comments(self, node: Any) -> None:
        comment = node.ca.comment
        if comment:
            self._post(comment[0], None)
            if len(comment) > 1:
                self._pre(comment[1])

    def _pre(self, tokens: Any) -> None:
        """Comments stored as a list before something: all full lines."""
        if not tokens:
            return
        for token in tokens if isinstance(tokens, list) else [tokens]:
            if token is None or id(token) in self.seen:
                continue
            self.seen.add(id(token))
            if isinstance(token, str):
                self.pending.extend(_lines(token, None))
            else:
                self.pending.extend(_lines(token.value, token.start_mark.column))

    def _post(self, token: Any, value: Any) -> tuple[str, int] | None:
        """A comment stored after a value: an end-of-line comment, then full lines."""
        if token is None or id(token) in self.seen:
            return None
        self.seen.add(id(token))
        if isinstance(token, list):
            self._pre(token)
            return None
        text, line, column = token.value, token.start_mark.line, token.start_mark.column
        if _is_block_scalar(value):  # the scalar ends its own line: all full lines
            self.pending.extend(_lines(text, column))
            return None
        head, _, rest = text.partition("\n")
        eol: tuple[str, int] | None = None
        if head.strip():
            if self._starts_line(line, column):
                self.pending.append(_Line(column, head.strip()))
            else:
                eol = (head.strip(), column)
        self.pending.extend(_lines(rest, None))
        return eol

    def _starts_line(self, line: int, column: int) -> bool:
        return 0 <= line < len(self.source) and not self.source[line][:column].strip()

    def _take(self) -> list[_Line]:
        taken, self.pending = _collapse(self.pending), []
        return taken

    def _exit(self, node: Any, column: int) -> list[_Line]:
        """Leaving a block: the pending comments indented into it are its end comments."""
        stored_later = self.after.pop(id(node), [])
        self._pre(sorted(stored_later, key=lambda token: token.start_mark.line))
        last = -1
        for index, line in enumerate(self.pending):
            if line.indent is None:
                continue
            if line.indent < column:
                break
            last = index
        end, self.pending = self.pending[: last + 1], self.pending[last + 1 :]
        return _collapse(end)

    # -- restore: write the comments back into ruamel's slots -------------------------------

    def restore(self, root: Any) -> None:
        notes = self.notes[id(root)]
        first = next(iter(root), None)
        if first is not None:
            notes.before[first] = self.header + notes.before.get(first, [])
        self._restore_mapping(root, 0, None)

    def _restore_block(self, node: Any, column: int, hoist: list[_Line] | None) -> None:
        from ruamel.yaml.comments import CommentedMap

        if isinstance(node, CommentedMap):
            self._restore_mapping(node, column, hoist)
        else:
            self._restore_sequence(node, column)

    def _restore_mapping(self, node: Any, column: int, hoist: list[_Line] | None) -> None:
        notes = self.notes.get(id(node))
        if notes is None or id(node) in self.restored:
            return
        self.restored.add(id(node))
        node.ca.items.clear()
        node.ca.comment = None
        for index, key in enumerate(node):
            value = node[key]
            before = notes.before.get(key, [])
            if index == 0 and hoist is not None:
                # above the first key of a list item means above the item's dash
                hoist.extend(before)
                before = []
            if _is_block(value):
                self._restore_block(value, column + INDENT["mapping"], None)
            slots = [
                None,
                _pre_tokens(before, column),
                _post_token(notes.eol.get(key)),
                notes.scalar.get(key),
            ]
            if any(slot is not None for slot in slots):
                node.ca.items[key] = slots
        self._append_end(node, notes.end, column)

    def _restore_sequence(self, node: Any, column: int) -> None:
        notes = self.notes.get(id(node))
        if notes is None or id(node) in self.restored:
            return
        self.restored.add(id(node))
        node.ca.items.clear()
        node.ca.comment = None
        for index, value in enumerate(node):
            before = list(notes.before.get(index, []))
            if _is_block(value):
                inner = column + INDENT["sequence"] - INDENT["offset"]
                self._restore_block(value, inner, before)
            slots = [_post_token(notes.eol.get(index)), _pre_tokens(before, column), None, None]
            if any(slot is not None for slot in slots):
                node.ca.items[index] = slots
        self._append_end(node, notes.end, column)

    def _append_end(self, node: Any, lines: list[_Line], column: int) -> None:
        """Comments at the end of a block follow its last scalar, as ruamel keeps them."""
        if not lines:
            return
        from ruamel.yaml.error import CommentMark
        from ruamel.yaml.tokens import CommentToken

        container, key, slot, value = _last_leaf(node)
        slots = container.ca.items.setdefault(key, [None, None, None, None])
        text = "".join(
            " " * column + line.text + "\n" if line.indent is not None else "\n" for line in lines
        )
        token = slots[slot]
        if token is not None:
            token.value = token.value.rstrip("\n") + "\n" + text
        elif _is_block_scalar(value):
            first = lines[0]
            head = first.text + "\n" if first.indent is not None else "\n"
            rest = text.split("\n", 1)[1]
            slots[slot] = CommentToken(head + rest, CommentMark(column), None)
        else:
            slots[slot] = CommentToken("\n" + text, CommentMark(0), None)


def _lines(text: str, first_column: int | None) -> list[_Line]:
    """Split a comment token's text into lines; the first may take its column from the mark."""
    raw_lines = text.split("\n")
    if raw_lines and raw_lines[-1] == "":
        raw_lines.pop()
    lines: list[_Line] = []
    for index, raw in enumerate(raw_lines):
        stripped = raw.strip()
        if not stripped:
            lines.append(_BLANK)
        elif index == 0 and first_column is not None and raw == raw.lstrip():
            lines.append(_Line(first_column, stripped))
        else:
            lines.append(_Line(len(raw) - len(raw.lstrip()), stripped))
    return lines


def _collapse(lines: list[_Line]) -> list[_Line]:
    """At most one blank line in a row."""
    kept: list[_Line] = []
    for line in lines:
        if line.indent is None and kept and kept[-1].indent is None:
            continue
        kept.append(line)
    return kept


def _trim(lines: list[_Line]) -> list[_Line]:
    """Without blank lines at either end."""
    lines = _collapse(lines)
    while lines and lines[-1].indent is None:
        lines.pop()
    while lines and lines[0].indent is None:
        lines.pop(0)
    return lines


def _split_header(lines: list[_Line]) -> tuple[list[_Line], list[_Line]]:
    """Split the comments above the first key into the file's header and the key's own.

    The header (the schema modeline, a description of the file) stays at the top whatever key
    comes first; comments after its last blank line (and that blank line) are the first key's
    and move with it.
    """
    lines = _collapse(lines)
    while lines and lines[0].indent is None:
        lines.pop(0)
    blanks = [index for index, line in enumerate(lines) if line.indent is None]
    if not blanks or blanks[-1] == len(lines) - 1:
        return lines, []  # no comment after the last blank line: all header
    return lines[: blanks[-1]], lines[blanks[-1] :]


def _pre_tokens(lines: list[_Line], column: int) -> list[Any] | None:
    if not lines:
        return None
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    return [
        CommentToken(line.text + "\n", CommentMark(column), None)
        if line.indent is not None
        else CommentToken("\n", CommentMark(0), None)
        for line in lines
    ]


def _post_token(eol: tuple[str, int] | None) -> Any:
    if eol is None:
        return None
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    text, column = eol
    return CommentToken(text + "\n", CommentMark(column), None)


def _last_leaf(node: Any) -> tuple[Any, Any, int, Any]:
    """The container, key and comment slot of the scalar that a block ends with."""
    from ruamel.yaml.comments import CommentedMap

    if isinstance(node, CommentedMap):
        key = next(reversed(node))
        value = node[key]
        if _is_block(value) and not _opaque(value):
            return _last_leaf(value)
        return node, key, 2, value
    index = len(node) - 1
    value = node[index]
    if _is_block(value) and not _opaque(value):
        return _last_leaf(value)
    return node, index, 0, value


def _is_block(value: Any) -> bool:
    """A non-empty block-style mapping or sequence (flow collections count as scalars)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if not isinstance(value, CommentedMap | CommentedSeq) or not value:
        return False
    return not value.fa.flow_style() and not _opaque(value)


def _is_block_scalar(value: Any) -> bool:
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    return isinstance(value, LiteralScalarString | FoldedScalarString)


# --------------------------------------------------------------------------------------------
# Verification: same data, same comments (read with libyaml, not with ruamel)
# --------------------------------------------------------------------------------------------


def _verify(before: str, after: str) -> None:
    lost = Counter(text for text, _, _ in _comments_of(after))
    for text, line, column in _comments_of(before):
        if lost[text] > 0:
            lost[text] -= 1
            continue
        raise FormatError(
            f"formatting would lose the comment {text!r} (comments inside flow collections "
            "such as [a, b] or {a: 1} cannot be kept): move it to a line of its own",
            line,
            column,
        )
    try:
        old_root = yaml.compose(before, Loader=_YamlLoader)
        new_root = yaml.compose(after, Loader=_YamlLoader)
    except yaml.YAMLError as error:  # pragma: no cover - a ruamel bug
        raise FormatError(f"the formatted text would not be valid YAML: {error}") from None
    where = _difference(old_root, new_root, yaml.constructor.SafeConstructor())
    if where is not None:
        line, column = where
        raise FormatError(
            "formatting would change the data here (a journeyctl bug; please report it)",
            line,
            column,
        )


def _comments_of(text: str) -> Iterator[tuple[str, int, int]]:
    """Every comment in the text: what lies between tokens and starts with `#`."""
    starts = [0]
    for text_line in text.split("\n"):
        starts.append(starts[-1] + len(text_line) + 1)
    try:
        tokens = list(yaml.scan(text, Loader=_YamlLoader))
    except yaml.YAMLError:  # pragma: no cover - the input was parsed before
        return
    for previous, following in itertools.pairwise(tokens):
        start = starts[previous.end_mark.line] + previous.end_mark.column
        stop = starts[following.start_mark.line] + following.start_mark.column
        gap = text[start:stop]
        for match in re.finditer(r"#[^\n]*", gap):
            offset = start + match.start()
            line = bisect.bisect_right(starts, offset) - 1
            yield match.group().rstrip(), line + 1, offset - starts[line] + 1


def _difference(
    old: Node | None, new: Node | None, constructor: yaml.constructor.SafeConstructor
) -> tuple[int, int] | None:
    """Where two composed documents first differ in content, or None when they do not."""
    if old is None or new is None:
        return None if old is new else (1, 1)
    here = (old.start_mark.line + 1, old.start_mark.column + 1)
    if type(old) is not type(new):
        return here
    if isinstance(old, ScalarNode):
        assert isinstance(new, ScalarNode)
        return None if _scalar(old, constructor) == _scalar(new, constructor) else here
    if isinstance(old, SequenceNode):
        if len(old.value) != len(new.value):
            return here
        for old_item, new_item in zip(old.value, new.value, strict=True):
            found = _difference(old_item, new_item, constructor)
            if found is not None:
                return found
        return None
    assert isinstance(old, MappingNode)
    new_items = {_key(k, constructor): v for k, v in new.value}
    if len(new_items) != len(old.value):
        return here
    for key_node, value_node in old.value:
        key = _key(key_node, constructor)
        if key not in new_items:
            return here
        found = _difference(value_node, new_items[key], constructor)
        if found is not None:
            return found
    return None


def _key(node: Node, constructor: yaml.constructor.SafeConstructor) -> Any:
    return _scalar(node, constructor) if isinstance(node, ScalarNode) else repr(node)


def _scalar(node: ScalarNode, constructor: yaml.constructor.SafeConstructor) -> tuple[str, str]:
    """A scalar's value as data, so that `True`/`true` and `~`/empty compare equal."""
    try:
        return (node.tag, repr(constructor.construct_object(node)))
    except (yaml.YAMLError, ValueError, TypeError, OverflowError):
        return (node.tag, node.value)


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What formatting one file came to: its new text, or why it was left alone."""

    path: Path
    display: str
    original: str = ""
    formatted: str = ""
    error: str | None = None

    @property
    def changed(self) -> bool:
        return self.error is None and self.formatted != self.original


def format_paths(paths: Sequence[Path], ignore_foreign: bool = False) -> Iterator[Outcome]:
    """Format every journeyctl file under the paths, one at a time; never writes.

    Files are found as `journeyctl lint` finds them (include/exclude apply). A settings file
    (`journeyctl.yaml`) is formatted too: when named, or when it governs a file found in a
    directory argument. Raise UsageError (before anything else) when a path does not exist.
    """
    from journeyctl.linter import discover
    from journeyctl.settings import SETTINGS_NAMES, SettingsFinder

    finder = SettingsFinder()
    named_settings = [p for p in paths if p.name in SETTINGS_NAMES and p.is_file()]
    targets = list(discover(paths, finder, ignore_foreign))
    directories = [p.resolve() for p in paths if p.is_dir()]
    projects = [finder.for_path(d) for d in directories] + [t.project for t in targets]
    governing = {
        p.source for p in projects if p.source is not None and p.source.name in SETTINGS_NAMES
    }
    found_settings = [s for s in sorted(governing) if any(s.is_relative_to(d) for d in directories)]
    seen: set[Path] = set()
    for path in [*named_settings, *found_settings]:
        if path.resolve() not in seen:
            seen.add(path.resolve())
            outcome = format_file(path, _display(path), explicit=True, settings=True)
            if outcome is not None:
                yield outcome
    for target in targets:
        if target.path.resolve() not in seen:
            seen.add(target.path.resolve())
            outcome = format_file(target.path, target.display, target.explicit)
            if outcome is not None:
                yield outcome


def format_file(path: Path, display: str, explicit: bool, settings: bool = False) -> Outcome | None:
    """Format one file in memory; an Outcome with `error` when it must be left alone.

    None for a file found in a directory that is not a journeyctl file (it is skipped).
    """
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise OSError(0, "not a regular file")
        raw = path.read_bytes()
    except OSError as error:
        return Outcome(path, display, error=f"{display}: cannot read: {error.strerror or error}")
    from journeyctl.linter import MARKER  # the quick test lint uses for `journeyctl:`

    if not explicit and MARKER.search(raw) is None:
        return None
    try:
        loaded = parse_yaml(raw, path)
    except LoadError as error:
        return _left_alone(path, display, error.line, error.column, error.message)
    text = raw.decode("utf-8")
    if "journeyctl" not in loaded.data:
        if explicit:
            return _left_alone(
                path, display, 1, 1, "not a journeyctl file (no top-level `journeyctl: 1`)"
            )
        return None
    gc_was_enabled = gc.isenabled()
    gc.disable()  # ruamel makes many small objects; the collector would triple the time
    try:
        formatted = format_text(text, settings)
    except FormatError as error:
        return _left_alone(path, display, error.line, error.column, error.message)
    finally:
        if gc_was_enabled:
            gc.enable()
    return Outcome(path, display, text, formatted)


def _left_alone(path: Path, display: str, line: int, column: int, message: str) -> Outcome:
    return Outcome(path, display, error=f"{display}:{line}:{column}: {message}; left unchanged")


def _display(path: Path) -> str:
    from journeyctl.linter import display_path as display  # how lint shows paths

    return display(path)

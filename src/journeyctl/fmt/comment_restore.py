"""Writing the comments `Comments.harvest` gave to keys and items back into ruamel.yaml's
slots, once the keys are in order: above each key or item, at its line's end, and at the end of
each block."""

from __future__ import annotations

from typing import Any

from journeyctl.fmt.comment_lines import Line, Notes
from journeyctl.fmt.layout import INDENT
from journeyctl.fmt.nodes import is_block, is_block_scalar, last_leaf


def restore_comments(root: Any, notes: dict[int, Notes]) -> None:
    """Write `notes` (by the id of each block) back into the slots of `root` and its blocks."""
    _Restorer(notes).mapping(root, 0, None)


class _Restorer:
    """Restores each block at most once, from the notes harvested for it."""

    def __init__(self, notes: dict[int, Notes]) -> None:
        self.notes = notes
        self.restored: set[int] = set()

    def _block(self, node: Any, column: int, hoist: list[Line] | None) -> None:
        from ruamel.yaml.comments import CommentedMap

        if isinstance(node, CommentedMap):
            self.mapping(node, column, hoist)
        else:
            self._sequence(node, column)

    def _unrestored(self, node: Any) -> Notes | None:
        """The notes of a block not restored yet, with ruamel's comment slots cleared for them."""
        notes = self.notes.get(id(node))
        if notes is None or id(node) in self.restored:
            return None
        self.restored.add(id(node))
        node.ca.items.clear()
        node.ca.comment = None
        return notes

    def mapping(self, node: Any, column: int, hoist: list[Line] | None) -> None:
        notes = self._unrestored(node)
        if notes is None:
            return
        for index, key in enumerate(node):
            value = node[key]
            before = notes.before.get(key, [])
            if index == 0 and hoist is not None:
                # above the first key of a list item means above the item's dash
                hoist.extend(before)
                before = []
            if is_block(value):
                self._block(value, column + INDENT["mapping"], None)
            slots = [
                None,
                _pre_tokens(before, column),
                _post_token(notes.eol.get(key)),
                notes.scalar.get(key),
            ]
            if any(slot is not None for slot in slots):
                node.ca.items[key] = slots
        _append_end(node, notes.end, column)

    def _sequence(self, node: Any, column: int) -> None:
        notes = self._unrestored(node)
        if notes is None:
            return
        for index, value in enumerate(node):
            before = list(notes.before.get(index, []))
            if is_block(value):
                inner = column + INDENT["sequence"] - INDENT["offset"]
                self._block(value, inner, before)
            slots = [_post_token(notes.eol.get(index)), _pre_tokens(before, column), None, None]
            if any(slot is not None for slot in slots):
                node.ca.items[index] = slots
        _append_end(node, notes.end, column)


def _append_end(node: Any, lines: list[Line], column: int) -> None:
    """Comments at the end of a block follow its last scalar, as ruamel keeps them."""
    if not lines:
        return
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    container, key, slot, value = last_leaf(node)
    slots = container.ca.items.setdefault(key, [None, None, None, None])
    text = "".join(
        " " * column + line.text + "\n" if line.indent is not None else "\n" for line in lines
    )
    token = slots[slot]
    if token is not None:
        token.value = token.value.rstrip("\n") + "\n" + text
    elif is_block_scalar(value):
        first = lines[0]
        head = first.text + "\n" if first.indent is not None else "\n"
        rest = text.split("\n", 1)[1]
        slots[slot] = CommentToken(head + rest, CommentMark(column), None)
    else:
        slots[slot] = CommentToken("\n" + text, CommentMark(0), None)


def _pre_tokens(lines: list[Line], column: int) -> list[Any] | None:
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

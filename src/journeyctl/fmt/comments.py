"""Giving every full-line comment to the key or item it stands above, and back to ruamel.

ruamel.yaml's round-trip loader keeps comments, but stores a full-line comment on whatever comes
*before* it (often a scalar deep inside the previous key's value), so moving a key would leave
the comments above it behind. `Comments.harvest` therefore gives every full-line comment (and
blank line) to the key or list item it stands above, or to the end of the block it is indented
into; after reordering, `Comments.restore` writes them back into ruamel's slots.
"""

from __future__ import annotations

from typing import Any

from journeyctl.fmt.comment_lines import Line, Notes, collapse, split_comment, split_header
from journeyctl.fmt.comment_restore import restore_comments
from journeyctl.fmt.layout import INDENT
from journeyctl.fmt.nodes import is_block, is_block_scalar, last_leaf


class Comments:
    """Moves comments from ruamel's load-time slots to their owners, and back."""

    def __init__(self, source: list[str]) -> None:
        self.source = source
        self.notes: dict[int, Notes] = {}
        self.pending: list[Line] = []
        self.seen: set[int] = set()
        self.header: list[Line] = []
        self.after: dict[int, list[Any]] = {}
        """Comments to read when a block ends (see `_look_ahead`), by the block's id."""

    def harvest(self, root: Any) -> None:
        """Read every comment of the document `root` and give it to its key, item or block."""
        self._mapping(root, 0, is_root=True)
        end = collapse(self.notes[id(root)].end + self.pending)
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
        notes = self.notes[id(node)] = Notes()
        self._container_comments(node)
        keys = list(node)
        for index, key in enumerate(keys):
            slots = node.ca.items.get(key) or [None, None, None, None]
            key_comment = self._post(slots[0], node[key])  # on a complex key: rare
            if key_comment is not None:
                self.pending.append(Line(column, key_comment[0]))
            self._pre(slots[1])
            before = self._take()
            if is_root and index == 0:
                self.header, before = split_header(before)
            notes.before[key] = before
            value = node[key]
            eol = self._post(slots[2], value)
            if eol is not None:
                notes.eol[key] = eol
            if is_block_scalar(value) and slots[3]:
                notes.scalar[key] = slots[3]
            else:
                self._pre(slots[3])
            if is_block(value) and id(value) not in self.notes:
                following = keys[index + 1] if index + 1 < len(keys) else None
                self._look_ahead(node, following, value)
                self._block(value, column + INDENT["mapping"])
        self._pre(getattr(node.ca, "end", None))
        notes.end = self._exit(node, column)

    def _sequence(self, node: Any, column: int) -> None:
        notes = self.notes[id(node)] = Notes()
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
            if is_block(value) and id(value) not in self.notes:
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
            container = last_leaf(value)[0]
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
                self.pending.extend(split_comment(token, None))
            else:
                self.pending.extend(split_comment(token.value, token.start_mark.column))

    def _post(self, token: Any, value: Any) -> tuple[str, int] | None:
        """A comment stored after a value: an end-of-line comment, then full lines."""
        if token is None or id(token) in self.seen:
            return None
        self.seen.add(id(token))
        if isinstance(token, list):
            self._pre(token)
            return None
        text, line, column = token.value, token.start_mark.line, token.start_mark.column
        if is_block_scalar(value):  # the scalar ends its own line: all full lines
            self.pending.extend(split_comment(text, column))
            return None
        head, _, rest = text.partition("\n")
        eol: tuple[str, int] | None = None
        if head.strip():
            if self._starts_line(line, column):
                self.pending.append(Line(column, head.strip()))
            else:
                eol = (head.strip(), column)
        self.pending.extend(split_comment(rest, None))
        return eol

    def _starts_line(self, line: int, column: int) -> bool:
        return 0 <= line < len(self.source) and not self.source[line][:column].strip()

    def _take(self) -> list[Line]:
        taken, self.pending = collapse(self.pending), []
        return taken

    def _exit(self, node: Any, column: int) -> list[Line]:
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
        return collapse(end)

    def restore(self, root: Any) -> None:
        """Write the comments back into ruamel's slots (see `comment_restore`), the file's
        header above whatever key now comes first."""
        notes = self.notes[id(root)]
        first = next(iter(root), None)
        if first is not None:
            notes.before[first] = self.header + notes.before.get(first, [])
        restore_comments(root, self.notes)

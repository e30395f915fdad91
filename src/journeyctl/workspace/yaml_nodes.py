"""libyaml's events to plain data: YAML 1.2 core scalars, safe tags only, bounded aliases.

libyaml parses; `Builder` turns its events straight into dicts, lists and scalars, refusing
what is unsafe or ambiguous (unknown tags, duplicate keys, deep nesting, a billion laughs), and
keeps only the positions `locate` needs (`positions.Spot`). No node tree is made: it would
take about 25 bytes of memory for every byte of the file (issue 10).
"""

from __future__ import annotations

from collections.abc import Callable
from sys import intern
from typing import Any

from yaml.composer import ComposerError
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from journeyctl.workspace.positions import BITS, Entry, Spot, event_at, pack_mark, unpack
from journeyctl.workspace.read import LoadError
from journeyctl.workspace.scalars import (
    MAP,
    MAYBE_NOT_TEXT,
    PLAIN,
    SEQ,
    bad_tag,
    resolve_plain,
    scalar_tag,
    scalar_value,
)

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_DEPTH = 64
"""Deeper nesting than this is refused; journeyctl files are about 8 levels deep."""
ALIAS_ALLOWANCE = 100_000
"""Nodes that aliases may add beyond the file's size before it counts as a billion-laughs."""


class NodeLoader(_BaseLoader):
    """libyaml's parser (its events are all `Builder` reads: tags are resolved here)."""


_Built = tuple[Any, Entry, int]
"""What building one node gives: its data, its positions, and how many nodes it holds."""
# Events (yaml.events, made by libyaml) are typed Any here: their attributes depend on the kind.


class Builder:
    """Builds one document's data and positions from the parser's events.

    Aliases share what their anchor built (its data is never changed after it is built), and
    count its nodes against a budget: the file's size plus `ALIAS_ALLOWANCE`.
    """

    def __init__(self, loader: NodeLoader, size: int) -> None:
        self.next_event: Callable[[], Any] = loader.get_event
        self.anchors: dict[str, tuple[Any, _Built | None]] = {}
        self.budget = size + ALIAS_ALLOWANCE

    def document(self) -> tuple[Any | None, dict[str, Any], Spot]:
        """The root event and, when it starts a mapping, the document's data and positions."""
        event = self.next_event()
        while event is not None and not isinstance(event, _NODE_EVENTS):
            if isinstance(event, StreamEndEvent):
                return None, {}, Spot(0, {})
            event = self.next_event()
        if isinstance(event, AliasEvent):
            self._anchored(event)  # raises: nothing is anchored yet
        if not isinstance(event, MappingStartEvent):
            self.drain()
            return event, {}, Spot(0, {})
        try:
            data, spot, _ = self.mapping(event, 0)
        except LoadError:
            self.drain()  # a YAML error later in the file is reported first, as it always was
            raise
        self.drain()
        return event, data, spot

    def drain(self) -> None:
        """Parse to the end: raise the first YAML error, or a second document."""
        event = self.next_event()
        while event is not None and not isinstance(event, DocumentEndEvent):
            event = self.next_event()
        following = self.next_event()
        if following is not None and not isinstance(following, StreamEndEvent):
            raise ComposerError(
                "expected a single document in the stream",
                None,
                "but found another document",
                following.start_mark,
            )

    def node(self, event: Any, depth: int, check: bool = True) -> _Built:
        """Build the node that `event` starts, `depth` levels down (a deeper one is refused)."""
        if check and depth > MAX_DEPTH:
            raise LoadError(f"nesting deeper than {MAX_DEPTH} levels", *event_at(event))
        cls = event.__class__
        if cls is AliasEvent:
            return self.alias(event)
        if cls is ScalarEvent:
            self._anchor(event)
            built: _Built = (scalar_value(event), pack_mark(event), 1)
        elif cls is MappingStartEvent:
            built = self.mapping(event, depth)
        else:
            built = self.sequence(event, depth)
        if event.anchor is not None:
            self.anchors[event.anchor] = (event, built)
        return built

    def alias(self, event: Any) -> _Built:
        start, built = self._anchored(event)
        if built is None:  # an alias inside its own anchor: it would nest forever
            raise LoadError(f"nesting deeper than {MAX_DEPTH} levels", *event_at(start))
        self.budget -= built[2]
        if self.budget < 0:
            raise LoadError(
                "anchors and aliases expand far beyond the file's size (a billion-laughs "
                "document?); refusing to expand them",
                *event_at(event),
            )
        return built

    def _anchored(self, event: Any) -> tuple[Any, _Built | None]:
        anchored = self.anchors.get(event.anchor)
        if anchored is None:
            raise ComposerError(
                None, None, f"found undefined alias {event.anchor!r}", event.start_mark
            )
        return anchored

    def _begin(self, event: Any, expected: str) -> None:
        tag = event.tag
        if tag is not None and tag != "!" and tag != expected:
            raise _bad_tag(tag, event)
        self._anchor(event)

    def _anchor(self, event: Any) -> None:
        """Note where an anchor starts (an alias inside it would nest forever)."""
        anchor = event.anchor
        if anchor is not None:
            if anchor in self.anchors:
                raise ComposerError(
                    "found duplicate anchor; first occurrence",
                    self.anchors[anchor][0].start_mark,
                    "second occurrence",
                    event.start_mark,
                )
            self.anchors[anchor] = (event, None)

    def sequence(self, start: Any, depth: int) -> _Built:
        self._begin(start, SEQ)
        items: list[Any] = []
        spots: list[Entry] = []
        count = 1
        next_event = self.next_event
        event = next_event()
        while event.__class__ is not SequenceEndEvent:
            spot: Entry
            if event.__class__ is MappingStartEvent and event.anchor is None and depth < MAX_DEPTH:
                value, spot, nodes = self.mapping(event, depth + 1)  # a step, a stage: most items
            else:
                value, spot, nodes = self.node(event, depth + 1)
            items.append(value)
            spots.append(spot)
            count += nodes
            event = next_event()
        return items, Spot(pack_mark(start), spots), count

    def mapping(self, start: Any, depth: int) -> tuple[dict[str, Any], Spot, int]:
        self._begin(start, MAP)
        result: dict[str, Any] = {}
        entries: dict[str, Entry] = {}
        spot = Spot(pack_mark(start), entries)
        merged: list[tuple[Any, Entry, Any]] = []
        extensions = False
        count = 1
        next_event = self.next_event  # the loop below runs once per key of the file: kept lean
        event = next_event()
        while event.__class__ is not MappingEndEvent:
            if event.__class__ is ScalarEvent and event.anchor is None and event.tag is None:
                key = intern(event.value)  # one string for every `name:` of the file
                if key in entries:
                    raise _duplicate(key, entries[key], event)
                mark: Any = event.start_mark
                key_at = mark.line << BITS | mark.column
                merge = key == "<<" and event.implicit[0]
            else:
                key, key_at, merge = self.key(event, entries)
            event = next_event()
            if (
                event.__class__ is ScalarEvent
                and event.anchor is None
                and event.tag is None
                and (
                    not event.implicit[0] or (event.value and event.value[0] not in MAYBE_NOT_TEXT)
                )
                and depth < MAX_DEPTH
            ):  # text, quoted or plain, that cannot be a number, a date or null: nearly all
                mark = event.start_mark
                value, where, nodes = event.value, mark.line << BITS | mark.column, 1
            else:
                value, where, nodes = self.value(event, depth)
            count += nodes + 1
            if merge:
                merged.append((value, where, event))
            else:
                extensions = extensions or key[:2] == "x-"
                result[key] = value
                entries[key] = key_at << 64 | where if isinstance(where, int) else (key_at, where)
            event = next_event()
        if extensions:
            for key in [key for key in result if key.startswith("x-")]:
                del result[key]
        if merged:
            spot.merges = self.merge(result, merged)
        return result, spot, count

    def key(self, event: Any, entries: dict[str, Entry]) -> tuple[str, int, bool]:
        """A mapping key, where it is, and whether it is the merge key `<<`."""
        cls = event.__class__
        if cls is AliasEvent:
            event = self._anchored(event)[0]  # the key is the anchored node, where it is
        elif cls is ScalarEvent and event.anchor is not None:
            self.node(event, 0, check=False)
        if event.__class__ is not ScalarEvent:
            raise LoadError("mapping keys must be plain text", *event_at(event))
        key = intern(event.value)  # one string for every `name:` of the file, not one each
        if key in entries:
            raise _duplicate(key, entries[key], event)
        mark: Any = event.start_mark
        return key, mark.line << BITS | mark.column, key == "<<" and scalar_tag(event) == PLAIN

    def value(self, event: Any, depth: int) -> _Built:
        """A mapping value; a scalar without an anchor or a tag (nearly all) without a call."""
        if event.__class__ is ScalarEvent and event.anchor is None and event.tag is None:
            mark: Any = event.start_mark
            where = mark.line << BITS | mark.column
            text: str = event.value
            if not event.implicit[0]:
                return text, where, 1  # quoted
            if depth + 1 > MAX_DEPTH:
                raise LoadError(f"nesting deeper than {MAX_DEPTH} levels", *event_at(event))
            if text and text[0] not in MAYBE_NOT_TEXT:
                return text, where, 1  # plain text that cannot be a number, a date or null
            return resolve_plain(text), where, 1
        return self.node(event, depth + 1)

    def merge(self, result: dict[str, Any], merged: list[tuple[Any, Entry, Any]]) -> list[Spot]:
        """Add what `<<` keys merge in (a key of the mapping's own wins); their spots."""
        spots: list[Spot] = []
        for value, where, event in merged:
            sources = [value] if isinstance(value, dict) else value
            if not isinstance(sources, list) or not all(isinstance(s, dict) for s in sources):
                raise LoadError(
                    "`<<` merges only a mapping or a list of mappings", *event_at(event)
                )
            if isinstance(where, Spot):  # always: a mapping or a list of them has a Spot
                items = [where] if isinstance(value, dict) else where.entries
                spots.extend(item for item in items if isinstance(item, Spot))
            for source in sources:
                for key, item in source.items():
                    result.setdefault(key, item)
        return spots


_NODE_EVENTS = (ScalarEvent, MappingStartEvent, SequenceStartEvent, AliasEvent)


def _duplicate(key: str, first: Entry, event: Any) -> LoadError:
    packed = first >> 64 if isinstance(first, int) else first[0] if isinstance(first, tuple) else 0
    line = unpack(packed)[0]
    return LoadError(f"duplicate key '{key}' (first defined on line {line})", *event_at(event))


def _bad_tag(tag: str, event: Any) -> LoadError:
    return LoadError(bad_tag(tag), *event_at(event))

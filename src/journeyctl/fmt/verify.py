"""Checking a formatted text against its input: same data, same comments.

Both texts are read with libyaml (PyYAML), independently of ruamel.yaml.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from journeyctl.fmt.errors import FormatError

try:
    from yaml import CSafeLoader as _YamlLoader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader as _YamlLoader  # type: ignore[assignment]


def verify_formatted(before: str, after: str) -> None:
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
    for pair in _children(old, new, constructor):
        if pair is None:
            return here
        found = _difference(*pair, constructor)
        if found is not None:
            return found
    return None


def _children(
    old: Node, new: Node, constructor: yaml.constructor.SafeConstructor
) -> Iterator[tuple[Node, Node] | None]:
    """The items of two sequences, or the values of two mappings by key, in pairs, in the old
    order; None where the two differ in length or keys (and nothing after it)."""
    if isinstance(old, SequenceNode):
        if len(old.value) != len(new.value):
            yield None
            return
        yield from zip(old.value, new.value, strict=True)
        return
    assert isinstance(old, MappingNode)
    new_items = {_key(k, constructor): v for k, v in new.value}
    if len(new_items) != len(old.value):
        yield None
        return
    for key_node, value_node in old.value:
        key = _key(key_node, constructor)
        if key not in new_items:
            yield None
            return
        yield value_node, new_items[key]


def _key(node: Node, constructor: yaml.constructor.SafeConstructor) -> Any:
    return _scalar(node, constructor) if isinstance(node, ScalarNode) else repr(node)


def _scalar(node: ScalarNode, constructor: yaml.constructor.SafeConstructor) -> tuple[str, str]:
    """A scalar's value as data, so that `True`/`true` and `~`/empty compare equal."""
    try:
        return (node.tag, repr(constructor.construct_object(node)))
    except (yaml.YAMLError, ValueError, TypeError, OverflowError):
        return (node.tag, node.value)

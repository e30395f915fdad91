"""What kind of node ruamel.yaml loaded: block or flow, block scalar, merged mapping."""

from __future__ import annotations

from typing import Any


def opaque(node: Any) -> bool:
    """A mapping with `<<` merge keys is left exactly as it is (order and comments)."""
    return bool(getattr(node, "merge", None))


def is_block(value: Any) -> bool:
    """A non-empty block-style mapping or sequence (flow collections count as scalars)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if not isinstance(value, CommentedMap | CommentedSeq) or not value:
        return False
    return not value.fa.flow_style() and not opaque(value)


def is_block_scalar(value: Any) -> bool:
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    return isinstance(value, LiteralScalarString | FoldedScalarString)


def last_leaf(node: Any) -> tuple[Any, Any, int, Any]:
    """The container, key and comment slot of the scalar that a block ends with."""
    from ruamel.yaml.comments import CommentedMap

    if isinstance(node, CommentedMap):
        key = next(reversed(node))
        value = node[key]
        if is_block(value) and not opaque(value):
            return last_leaf(value)
        return node, key, 2, value
    index = len(node) - 1
    value = node[index]
    if is_block(value) and not opaque(value):
        return last_leaf(value)
    return node, index, 0, value

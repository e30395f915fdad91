"""The canonical key order, taken from the models in `journeyctl.core.model`, and reordering by it.

The key order is the field order of the models (the order of the design's example:
`journeyctl`, `kind`, `id`, ...). Keys the models do not know (`x-` extensions, typos) keep their
relative order after the known ones. Mappings with `<<` merge keys are left as they are.
"""

from __future__ import annotations

import types
import typing
from functools import cache
from typing import Any

from pydantic import BaseModel

from journeyctl.fmt.nodes import opaque


@cache
def key_order(model: type[BaseModel]) -> tuple[str, ...]:
    """The canonical order of a model's keys: the order of its fields."""
    return tuple(model.model_fields)


@cache
def nested_models(model: type[BaseModel]) -> dict[str, tuple[str, type[BaseModel]]]:
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


def reorder(node: Any, model: type[BaseModel], moved: list[tuple[Any, list[Any]]]) -> None:
    """Put the keys of `node` (and of the models nested in it) in canonical order.

    Each mapping changed is added to `moved` with its old order, so that it can be undone.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if not isinstance(node, CommentedMap) or opaque(node):
        return
    order = key_order(model)
    new_order = [key for key in order if key in node] + [key for key in node if key not in order]
    if list(node) != new_order:
        moved.append((node, list(node)))
        put_in_order(node, new_order)
    for name, (shape, nested) in nested_models(model).items():
        value = node.get(name)
        if shape == "model":
            reorder(value, nested, moved)
        elif shape == "list" and isinstance(value, CommentedSeq):
            for item in value:
                reorder(item, nested, moved)
        elif shape == "dict" and isinstance(value, CommentedMap) and not opaque(value):
            for item in value.values():
                reorder(item, nested, moved)


def put_in_order(node: Any, keys: list[Any]) -> None:
    for key in keys:
        node.move_to_end(key)


def anchors_of(node: Any, path: tuple[Any, ...] = (), found: dict[str, Any] | None = None) -> Any:
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
            anchors_of(source, (*path, "<<"), found)
        mapping: Any = node
        for key, value in mapping.non_merged_items() if merged else mapping.items():
            anchors_of(value, (*path, key), found)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            anchors_of(value, (*path, index), found)
    return found

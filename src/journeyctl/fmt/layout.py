"""The canonical layout, as ruamel.yaml writes it.

Indentation is two spaces, with sequences indented under their key. Flow collections stay flow
(`{name: x, target: 1}`), quotes stay as written, long lines are never re-wrapped, and a null
list item is written `- null`.
"""

from __future__ import annotations

from io import StringIO
from typing import Any

INDENT = {"mapping": 2, "sequence": 4, "offset": 2}
"""ruamel's indentation settings: keys 2 deeper, list dashes 2 deeper than their key."""
WIDTH = 1 << 30
"""Line width for ruamel: large, so that long strings are never re-wrapped."""


def round_trip_yaml() -> Any:
    """ruamel's round-trip loader and dumper, set up for the canonical layout."""
    from ruamel.yaml import YAML

    yaml_rt = YAML(typ="rt")
    yaml_rt.preserve_quotes = True
    yaml_rt.width = WIDTH
    yaml_rt.indent(**INDENT)
    yaml_rt.brace_single_entry_mapping_in_flow_sequence = True  # [{name: m}], not [name: m]
    return yaml_rt


def emit(yaml_rt: Any, root: Any) -> str:
    """The text of `root`, loaded and reordered with `yaml_rt`, in the canonical layout."""
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

"""Checking a formatted text against its input: same data, same comments.

Both texts are read as journeyctl reads every file (`workspace.load`), independently of the
ruamel.yaml round trip that wrote the new one; comments are found with libyaml's scanner.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from journeyctl.fmt.errors import FormatError
from journeyctl.workspace.load import LoadError, locate, parse_yaml

try:
    from yaml import CSafeLoader as _YamlLoader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader as _YamlLoader  # type: ignore[assignment]

DataPath = tuple[str | int, ...]
_CHECKED = Path("<formatted text>")


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
    where = _data_difference(before, after)
    if where is not None:
        line, column = where
        raise FormatError(
            "formatting would change the data here (a journeyctl bug; please report it)",
            line,
            column,
        )


def _data_difference(before: str, after: str) -> tuple[int, int] | None:
    """Where the two texts, read as journeyctl reads every file, first differ in data."""
    try:
        old = parse_yaml(before.encode("utf-8"), _CHECKED)
        new = parse_yaml(after.encode("utf-8"), _CHECKED)
    except LoadError as error:  # pragma: no cover - a ruamel bug
        raise FormatError(f"the formatted text would not be valid YAML: {error}") from None
    path = _first_difference(old.data, new.data, ())
    return None if path is None else locate(old.root, path)


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


def _first_difference(old: Any, new: Any, path: DataPath) -> DataPath | None:
    """The path of the first place, in the old order, where two data trees differ: a value,
    or a list or mapping whose length or keys differ (and nothing after it)."""
    if isinstance(old, dict) and isinstance(new, dict):
        return _mapping_difference(old, new, path)
    if isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            return path
        for index, (old_item, new_item) in enumerate(zip(old, new, strict=True)):
            found = _first_difference(old_item, new_item, (*path, index))
            if found is not None:
                return found
        return None
    return None if _same_value(old, new) else path


def _mapping_difference(
    old: dict[Any, Any], new: dict[Any, Any], path: DataPath
) -> DataPath | None:
    if len(old) != len(new):
        return path
    for key, value in old.items():
        if key not in new:
            return path
        found = _first_difference(value, new[key], (*path, key))
        if found is not None:
            return found
    return None


def _same_value(old: Any, new: Any) -> bool:
    """Equal scalars of the same type (`.nan` equals `.nan`; `1` does not equal `1.0`)."""
    return type(old) is type(new) and (old == new or (old != old and new != new))

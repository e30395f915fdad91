"""Plain scalars resolved with YAML 1.2 core rules, and scalars with an explicit safe tag.

`no`, `on` and `1:20` stay text; an integer too long to convert stays text; an impossible date
such as 2026-02-30 stays text; any tag other than YAML's own scalar tags is refused.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from journeyctl.workspace.positions import event_at
from journeyctl.workspace.read import LoadError

TAG = "tag:yaml.org,2002:"
STR, MAP, SEQ = TAG + "str", TAG + "map", TAG + "seq"
PLAIN = "?"
"""The tag of a plain scalar, which `resolve_plain` resolves (YAML 1.2 core schema)."""
MAYBE_NOT_TEXT = frozenset("0123456789+-.~nNtTfF")
"""First characters of plain scalars that may be numbers, booleans, nulls or dates."""
_SCALAR_TAGS = frozenset(TAG + name for name in ("null", "bool", "int", "float", "timestamp"))
_INT_RE = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT_RE = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL_FLOATS = {
    ".inf": float("inf"),
    "+.inf": float("inf"),
    "-.inf": float("-inf"),
    ".nan": float("nan"),
}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_DATE_RE = re.compile(
    r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    r"(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
    r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?"
)


def resolve_plain(value: str) -> Any:
    """Resolve a plain scalar with YAML 1.2 core rules (so `no`, `on` and `1:20` stay text)."""
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if _INT_RE.fullmatch(value):
        return _int(value)
    if _FLOAT_RE.fullmatch(value):
        return float(value)
    if value.lower() in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[value.lower()]
    if _DATE_RE.fullmatch(value):
        return _date(value)
    return value


def _int(value: str) -> int | str:
    """An integer; one too long for Python to convert (over 4,300 digits) stays text."""
    try:
        return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
    except ValueError:
        return value


def _date(value: str) -> date | datetime | str:
    """A YAML timestamp as a date or datetime; an impossible one such as 2026-02-30 stays text."""
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        return datetime.fromisoformat(value.replace("t", "T").replace(" ", "T", 1))
    except ValueError:
        return value


def resolve_tagged(tag: str, value: str) -> Any:
    """Resolve a scalar with an explicit tag such as `!!int 3`; ValueError for a value that
    does not fit its tag, or for any other tag (the message says which)."""
    resolved = resolve_plain(value)
    expected = {
        TAG + "null": type(None),
        TAG + "bool": bool,
        TAG + "int": int,
        TAG + "float": float,
    }.get(tag)
    if expected is not None and type(resolved) is expected:
        return resolved
    if tag == TAG + "float" and type(resolved) is int:
        return float(resolved)
    if tag == TAG + "timestamp" and isinstance(resolved, date):
        return resolved
    if tag in _SCALAR_TAGS:
        shown = value if len(value) <= 60 else f"{value[:50]}... ({len(value)} characters)"
        raise ValueError(f"'{shown}' is not a valid {tag.removeprefix(TAG)}")
    raise ValueError(bad_tag(tag))


def bad_tag(tag: str) -> str:
    """Why a node with this tag is refused."""
    shown = str(tag).replace(TAG, "!!")
    return f"unsupported tag '{shown}': only plain YAML data is allowed"


def plainly_text(event: Any) -> bool:
    """A quoted scalar, or a plain one that cannot be a number, a date or null."""
    value: str = event.value
    return not event.implicit[0] or (bool(value) and value[0] not in MAYBE_NOT_TEXT)


def scalar_tag(event: Any) -> str:
    """The tag of a scalar event: its own, or plain (`?`, resolved here) or `str` (quoted)."""
    tag = event.tag
    if tag is None or tag == "!":
        return PLAIN if event.implicit[0] else STR
    return str(tag)


def scalar_value(event: Any) -> Any:
    """The data a scalar event stands for, under YAML 1.2 core rules and its tag."""
    tag = scalar_tag(event)
    value = event.value
    if tag == STR:
        return value
    if tag == PLAIN:
        return resolve_plain(value) if not value or value[0] in MAYBE_NOT_TEXT else value
    try:
        return resolve_tagged(tag, value)
    except ValueError as error:
        raise LoadError(str(error), *event_at(event)) from None

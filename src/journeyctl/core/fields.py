"""The field types of journeyctl files: slugs, durations, dates, emotions, the format version.

Each is a Pydantic `Annotated` type whose JSON Schema says the same as its validation, so an
editor's schema check and `journeyctl lint` agree on every value: an emotion of `1.0` is the
integer 1 in both (JSON Schema compares numbers by value), `true` is no version and no
emotion in either.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
DURATION_PATTERN = r"^[0-9]{1,6}[hdw]$"
"""Hours, days or weeks; six digits at most (about 19,000 years) keep every date sum in range."""

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN),
    Field(description="A slug: lower-case letters, digits and hyphens, e.g. `sees-ad`."),
]
Duration = Annotated[
    str,
    StringConstraints(pattern=DURATION_PATTERN),
    Field(
        description="A duration: a whole number of hours, days or weeks, e.g. `4h`, `14d`, `2w`."
    ),
]
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _written_as_date(value: Any) -> Any:
    """A date is written YYYY-MM-DD: not a number (0 is not 1970-01-01), nor with a time."""
    if type(value) is date or (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        return value
    raise PydanticCustomError("date_parsing", "not a date")


IsoDate = Annotated[date, BeforeValidator(_written_as_date)]


def _whole_number(value: Any) -> Any:
    """`1.0` is the whole number 1, as in JSON Schema; `true` is not a number."""
    if type(value) is float and value.is_integer():
        return int(value)
    return value


def _not_a_boolean(value: Any) -> Any:
    """`true` equals 1 in Python, but it is no format version (nor anything numeric)."""
    if isinstance(value, bool):
        raise PydanticCustomError("literal_error", "Input should be 1")
    return _whole_number(value)


Emotion = Annotated[
    int,
    Field(
        strict=True,
        ge=-2,
        le=2,
        description="How the customer feels here: -2 (very negative) .. 2 (very positive).",
    ),
    BeforeValidator(_whole_number),
]
Text = Annotated[str, Field(min_length=1)]

LINK_PATTERN = r"^(https?://[^\s]+|[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9_.-]+#[0-9]+)$"
Link = Annotated[
    str,
    StringConstraints(pattern=LINK_PATTERN),
    Field(
        description="A URL (`https://...`) or a GitHub issue (`owner/repo#123`).",
        examples=["https://linear.app/acme/issue/GRO-12", "acme/web#123"],
    ),
]

GITHUB_HANDLE_PATTERN = r"^@[A-Za-z0-9]+(-[A-Za-z0-9]+)*(/[A-Za-z0-9_][A-Za-z0-9_-]*)?$"
"""`@user` or `@org/team`: GitHub's letters, digits and inner hyphens; a team slug may also
hold underscores (CODEOWNERS refuses dots in it)."""
GithubHandle = Annotated[
    str,
    StringConstraints(pattern=GITHUB_HANDLE_PATTERN, max_length=100),
    Field(
        description="A GitHub user (`@user`) or team (`@org/team`), for CODEOWNERS.",
        examples=["@acme/growth", "@priya"],
    ),
]

_HOURS_PER_UNIT = {"h": 1, "d": 24, "w": 24 * 7}


def parse_duration(text: str) -> timedelta:
    """Turn ``14d``, ``4h`` or ``2w`` into a timedelta; raise ValueError otherwise."""
    match = re.fullmatch(DURATION_PATTERN, text)
    if match is None:
        raise ValueError(f"not a duration: {text!r} (expected e.g. 4h, 14d, 2w; 6 digits at most)")
    return timedelta(hours=int(text[:-1]) * _HOURS_PER_UNIT[text[-1]])


Version = Annotated[Literal[1], BeforeValidator(_not_a_boolean)]
"""The format version, `journeyctl: 1`."""

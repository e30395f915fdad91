"""Validate plain data against the models and word Pydantic's errors for people."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from journeyctl.core import model
from journeyctl.core.fields import DURATION_PATTERN, GITHUB_HANDLE_PATTERN, SLUG_PATTERN
from journeyctl.core.model import DOCUMENT_MODELS, Journey, Persona, Workflow
from journeyctl.core.suggest import did_you_mean

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class SchemaProblem:
    """One reason the data does not fit the model, at a path in the document."""

    where: tuple[str | int, ...]
    message: str
    at_key: bool = False


class Invalid(Exception):
    """The data does not fit the model; `problems` says where and why."""

    def __init__(self, problems: list[SchemaProblem]) -> None:
        super().__init__("; ".join(problem.message for problem in problems))
        self.problems = problems


def validate_document(data: dict[str, Any]) -> Journey | Workflow | Persona:
    """Build the document model that `kind` names; raise Invalid otherwise."""
    kind = data.get("kind")
    kinds = ", ".join(DOCUMENT_MODELS)
    if kind is None:
        raise Invalid([SchemaProblem((), f"missing required key 'kind' ({kinds})")])
    document_model = DOCUMENT_MODELS.get(kind) if isinstance(kind, str) else None
    if document_model is None:
        raise Invalid([SchemaProblem(("kind",), f"unknown kind {kind!r}: expected {kinds}")])
    return validate(document_model, data)


def validate(model_class: type[M], data: Any) -> M:
    """Validate data against one model; raise Invalid with every problem found."""
    try:
        return model_class.model_validate(data)
    except ValidationError as error:
        raise Invalid(list(_problems(error))) from None


HINTED_KEYS = 1000
"""Unknown keys of one document that get a did-you-mean; thousands of them are no typos, and
comparing each with every known key would take most of the time of linting the file."""


def _problems(error: ValidationError) -> Iterator[SchemaProblem]:
    unknown = 0
    for detail in error.errors(include_url=False):
        loc = tuple(detail["loc"])
        at_key = detail["type"] == "extra_forbidden"
        unknown += at_key
        yield SchemaProblem(loc, _message(detail, hint=unknown <= HINTED_KEYS), at_key=at_key)


def _message(detail: ErrorDetails, hint: bool = True) -> str:
    loc = detail["loc"]
    field = next((str(part) for part in reversed(loc) if isinstance(part, str)), "document")
    kind = detail["type"]
    value = detail.get("input")
    if kind == "extra_forbidden":
        hinted = _key_hint(field) if hint else ""
        return f"unknown key '{field}'{hinted} (own extensions must start with 'x-')"
    if kind.startswith(("date", "datetime")):
        return f"{field}: {value!r} is not a date: write YYYY-MM-DD, e.g. 2026-11-30"
    if kind == "missing":
        return f"missing required key '{field}'"
    if kind == "string_pattern_mismatch":
        pattern = (detail.get("ctx") or {}).get("pattern")
        if pattern == SLUG_PATTERN:
            return f"{field}: {value!r} is not a valid id: use lower-case letters, digits, hyphens"
        if pattern == DURATION_PATTERN:
            return f"{field}: {value!r} is not a duration: write e.g. 4h, 14d or 2w (6 digits)"
        if pattern == GITHUB_HANDLE_PATTERN:
            return f"{field}: {value!r} is not a GitHub handle: write @user or @org/team"
    message = _in_yaml_words(detail["msg"])
    if kind == "bool_type" and isinstance(value, str):
        return f"{field}: {message} (got {value!r}; write true or false)"
    if isinstance(value, str | int | float | bool) or value is None:
        return f"{field}: {message} (got {_shown(value)})"
    return f"{field}: {message}"


def _shown(value: object, limit: int = 80) -> str:
    """A value as quoted in a message, as YAML writes it (`true`, `null`), cut short when it
    is long (a 5,000-digit number)."""
    if value is None or isinstance(value, bool):
        return "null" if value is None else str(value).lower()
    shown = repr(value)
    return (
        shown
        if len(shown) <= limit
        else f"{shown[: limit - 5]}...{shown[-1]} ({len(str(value))} characters)"
    )


def _in_yaml_words(message: str) -> str:
    """Pydantic speaks Python ("a valid dictionary"); say it as a YAML author would."""
    message = re.sub(r"a valid dictionary or instance of (\w+)", r"a mapping (\1)", message)
    message = message.replace("a valid dictionary", "a mapping")
    return message.replace("Input should be", "should be")


@lru_cache(maxsize=4096)
def _key_hint(key: str) -> str:
    """Where a key that is right elsewhere belongs, or the nearest known key to a typo."""
    homes = _known_keys().get(key)
    if homes:
        return f" here; it is a key of {' and '.join(homes[:3])}"
    return did_you_mean(key, _known_keys())


_PLACES = {"Settings": "journeyctl.yaml"}
"""How a model is named in a message where its class name would puzzle a reader."""


@cache
def _known_keys() -> dict[str, list[str]]:
    """Every key any model accepts, with the models that accept it (to suggest fixes)."""
    classes = [
        value
        for value in vars(model).values()
        if isinstance(value, type) and issubclass(value, BaseModel)
    ]
    keys: dict[str, list[str]] = {}
    for cls in sorted(classes, key=lambda c: c.__name__):
        for name in cls.model_fields:
            noun = cls.__name__.lower()
            place = _PLACES.get(cls.__name__, f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}")
            keys.setdefault(name, []).append(place)
    return keys

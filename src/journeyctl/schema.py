"""JSON Schemas generated from the models, for editors and check-jsonschema."""

from __future__ import annotations

import json
from typing import Annotated, Any

from pydantic import Field, TypeAdapter

from journeyctl.core.fields import SLUG_PATTERN
from journeyctl.core.model import Journey, Persona, Settings, Workflow

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schemas() -> dict[str, dict[str, Any]]:
    """Every schema by file name: documents of any kind, and the settings file."""
    document = TypeAdapter(
        Annotated[Journey | Workflow | Persona, Field(discriminator="kind")]
    ).json_schema()
    settings = _as_strict_as_journeyctl(Settings.model_json_schema())
    return {
        "journey.schema.json": _header(
            document, "journeyctl document", "A journey, workflow or persona file."
        ),
        "settings.schema.json": _header(
            settings, "journeyctl settings", "journeyctl.yaml: owners, lifecycle, rules."
        ),
    }


def _as_strict_as_journeyctl(settings: dict[str, Any]) -> dict[str, Any]:
    """Reject in editors what journeyctl rejects: an owner id that is not a slug, and a rule
    name that no rule has (Pydantic's schema lets both through)."""
    from journeyctl.lint.rules import REGISTRY

    properties = settings["properties"]
    owners = next(s for s in properties["owners"]["anyOf"] if s.get("type") == "object")
    owners["propertyNames"] = {**owners.get("propertyNames", {}), "pattern": SLUG_PATTERN}
    owners["additionalProperties"] = False
    properties["rules"]["propertyNames"] = {
        "description": "A rule name, as `journeyctl rules` lists them.",
        "enum": list(REGISTRY),
    }
    return settings


def _header(schema: dict[str, Any], title: str, description: str) -> dict[str, Any]:
    return {"$schema": SCHEMA_DIALECT, **schema, "title": title, "description": description}


def dump(schema: dict[str, Any]) -> str:
    """The text of a schema file, stable across runs."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"

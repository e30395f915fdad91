"""JSON Schemas generated from the models, for editors and check-jsonschema."""

from __future__ import annotations

import json
from typing import Annotated, Any

from pydantic import Field, TypeAdapter

from journeyctl.core.model import Journey, Persona, Settings, Workflow

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schemas() -> dict[str, dict[str, Any]]:
    """Every schema by file name: documents of any kind, and the settings file."""
    document = TypeAdapter(
        Annotated[Journey | Workflow | Persona, Field(discriminator="kind")]
    ).json_schema()
    settings = Settings.model_json_schema()
    return {
        "journey.schema.json": _header(
            document, "journeyctl document", "A journey, workflow or persona file."
        ),
        "settings.schema.json": _header(
            settings, "journeyctl settings", "journeyctl.yaml: owners, lifecycle, rules."
        ),
    }


def _header(schema: dict[str, Any], title: str, description: str) -> dict[str, Any]:
    return {"$schema": SCHEMA_DIALECT, **schema, "title": title, "description": description}


def dump(schema: dict[str, Any]) -> str:
    """The text of a schema file, stable across runs."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"

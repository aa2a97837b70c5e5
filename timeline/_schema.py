"""The JSON Schema of seed files, generated from the pydantic models.

Editors with a YAML language server (VS Code's YAML extension, Neovim, JetBrains) read it from the
``# yaml-language-server: $schema=...`` header of ``events.yaml`` and offer completion, hover help
(the field descriptions) and checks as people type. ``timeline schema -o schema/events.schema.json``
writes it; a test fails when the committed file drifts from the models.

The models are the source of truth; two short forms that the models accept on input are added,
because they are what seed files contain: a date as its shorthand (``late 2025-12``, or a bare year
``2024``, which YAML reads as a number) and a span as a ``[start, end]`` pair.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from ._seeds import DATE_NOTATIONS, SeedFile

__all__ = ["SCHEMA_DIALECT", "seed_schema", "seed_schema_text"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _date_forms(reading: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": "Date",
        "description": f"A date in short form ({DATE_NOTATIONS}), a bare year, or the full reading.",
        "anyOf": [
            {"type": "string", "minLength": 1, "examples": [s.strip() for s in DATE_NOTATIONS.split(",")]},
            {"type": "integer", "description": "A year, e.g. 2024."},
            reading,
        ],
    }


def _span_forms(span: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": "Span",
        "description": "Character offsets [start, end) into the article text, written as a pair: [1034, 1221].",
        "anyOf": [
            {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 2, "maxItems": 2},
            span,
        ],
    }


def seed_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of an ``events.yaml`` seed file."""
    schema = copy.deepcopy(SeedFile.model_json_schema())
    defs = schema.get("$defs", {})
    if "DateReading" in defs:
        defs["DateReading"] = _date_forms(defs["DateReading"])
    if "Span" in defs:
        defs["Span"] = _span_forms(defs["Span"])
    return {"$schema": SCHEMA_DIALECT, **schema}


def seed_schema_text() -> str:
    """The schema as written to ``schema/events.schema.json`` (stable key order, trailing newline)."""
    return json.dumps(seed_schema(), indent=2, ensure_ascii=False) + "\n"

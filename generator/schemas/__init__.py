"""The table schemas: the single source of truth for fields, types and YAML paths.

Each resource's JSON file is a Frictionless Table Schema plus a few `x-` properties:
`x-record` (which record type fills it), per field `x-yaml` (where the value sits in
the record, `[]` marking a list) and `x-default` (the value an absent field takes)
and `x-nb` (Norwegian title and description).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_DIR = Path(__file__).parent

# Order matters: referenced resources come before the ones that reference them.
# The sources came last (issue 17), so the resources published before them keep their order.
RESOURCES = (
    "schemes",
    "categories",
    "suppliers",
    "admissions",
    "awards",
    "award_suppliers",
    "scheme_sources",
    "award_sources",
)
COMPUTED = ("indicators",)  # published with the records' resources, computed from them

# The dates of things that happened, by resource. None can lie after the day the data is checked, and the
# newest of them is the data's "today" (its reference date). Deadlines, validity, contract dates, a supplier's
# leaving and a termination may be planned ahead, so they are not among them.
EVENT_DATES = {
    "schemes": ("published",),
    "admissions": ("requested", "admitted", "admitted_by"),  # admitted_by: the day of the call-off it comes from
    "awards": ("invited", "awarded"),
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    yaml: str | None  # None for a computed resource (indicators), which no record holds
    default: str | None
    required: bool


@cache
def table_schema(resource: str) -> dict[str, Any]:
    """The resource's table schema as written in its JSON file."""
    schema: dict[str, Any] = json.loads((SCHEMA_DIR / f"{resource}.json").read_text(encoding="utf-8"))
    return schema


def frictionless_schema(resource: str) -> dict[str, Any]:
    """The table schema without our `x-` extensions' non-standard top-level keys."""
    keep = ("fields", "primaryKey", "foreignKeys", "missingValues")
    return {k: v for k, v in table_schema(resource).items() if k in keep}


@cache
def columns(resource: str) -> tuple[Column, ...]:
    return tuple(
        Column(
            name=f["name"],
            type=f["type"],
            yaml=f.get("x-yaml"),
            default=f.get("x-default"),
            required=bool(f.get("constraints", {}).get("required")),
        )
        for f in table_schema(resource)["fields"]
    )


def resources_of(record: str) -> tuple[str, ...]:
    """The resources a record type fills, e.g. a scheme fills schemes and categories."""
    return tuple(r for r in RESOURCES if table_schema(r)["x-record"] == record)


def primary_key(resource: str) -> tuple[str, ...]:
    return tuple(table_schema(resource)["primaryKey"])

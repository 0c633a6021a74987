"""The Frictionless data package descriptor (datapackage.json) for the CSVs, whole or cut to one scheme."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from typing import Any

from generator import schemas

# NLOD 2.0 is the licence Norwegian public bodies publish open data under; its section 9 lists
# CC BY 4.0 (and OGL 1.0-3.0, ODC-BY 1.0 for databases) as compatible, so reusers may combine it with those.
LICENCE = {
    "name": "NLOD-2.0",
    "path": "https://data.norge.no/nlod/no/2.0",
    "title": "Norsk lisens for offentlige data (NLOD) 2.0 / Norwegian Licence for Open Government Data 2.0",
}
SOURCES = [
    {"title": "Doffin, the Norwegian national notice database", "path": "https://www.doffin.no/"},
    {"title": "TED, Tenders Electronic Daily (EU)", "path": "https://ted.europa.eu/"},
]
CsvStats = dict[str, tuple[int, str]]  # resource -> (bytes, sha256 hex) of its CSV

# RFC 4180: comma, double quotes doubled, CRLF between records; a header row.
DIALECT: dict[str, Any] = {
    "delimiter": ",",
    "lineTerminator": "\r\n",
    "quoteChar": '"',
    "doubleQuote": True,
    "header": True,
}

# `x-record`, `x-yaml` and `x-default` describe the YAML records, not the CSVs; a reader of the CSV could
# take `x-default` for a rule to fill empty cells, which it is not (the CSV already holds the default).
_RECORD_ONLY = ("x-record", "x-yaml", "x-default")


def resource_schema(resource: str) -> dict[str, Any]:
    """The table schema as published: fields with English and Norwegian (`x-nb`) titles, keys."""
    schema = schemas.table_schema(resource)
    fields = [{k: v for k, v in f.items() if k not in _RECORD_ONLY} for f in schema["fields"]]
    published: dict[str, Any] = {"fields": fields, "missingValues": [""], "primaryKey": list(schema["primaryKey"])}
    if "foreignKeys" in schema:
        published["foreignKeys"] = schema["foreignKeys"]
    return published


def content_version(csv_sha256: dict[str, str]) -> str:
    """A version that changes when, and only when, a CSV's bytes change: a hash of their hashes.

    >>> content_version({"schemes": "00"}) == content_version({"schemes": "00"}) != content_version({"schemes": "01"})
    True
    """
    listing = "".join(f"{name}.csv {digest}\n" for name, digest in csv_sha256.items())
    return hashlib.sha256(listing.encode("utf-8")).hexdigest()[:16]


def descriptor(
    name: str, title: str, title_nb: str, description: str, description_nb: str, csv_stats: CsvStats
) -> dict[str, Any]:
    """A tabular data package of one CSV per resource (`<resource>.csv` next to datapackage.json)."""
    digests = {resource: digest for resource, (_, digest) in csv_stats.items()}
    resources = []
    for resource, (size, digest) in csv_stats.items():
        schema = schemas.table_schema(resource)
        resources.append(
            {
                "name": resource,
                "path": f"{resource}.csv",
                "profile": "tabular-data-resource",
                "title": schema["title"],
                "description": schema["description"],
                "x-nb": schema["x-nb"],
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": size,
                "hash": f"sha256:{digest}",
                "dialect": DIALECT,
                "schema": resource_schema(resource),
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": name,
        "title": title,
        "description": description,
        "x-nb": {"title": title_nb, "description": description_nb},
        "version": content_version(digests),
        "licenses": [LICENCE],
        "sources": SOURCES,
        "resources": resources,
    }


def main_descriptor(csv_stats: CsvStats) -> dict[str, Any]:
    return descriptor(
        "dps-apenhet",
        "Dynamic purchasing systems in Norway: schemes, admitted suppliers and awards",
        "Dynamiske innkjøpsordninger i Norge: ordninger, leverandører som er tatt opp, og tildelinger",
        "Every dynamic purchasing system (DPS) recorded, its categories, the suppliers admitted to it and the "
        "contracts awarded in its call-offs (Directive 2014/24/EU Art. 34, FOA §§ 26-4 to 26-7).",
        "Alle dynamiske innkjøpsordninger som er registrert, kategoriene deres, leverandørene som er tatt opp, og "
        "kontraktene som er tildelt i konkurransene (direktiv 2014/24/EU art. 34, FOA §§ 26-4 til 26-7).",
        csv_stats,
    )


def scheme_descriptor(scheme_id: str, scheme_title: str, csv_stats: CsvStats) -> dict[str, Any]:
    return descriptor(
        f"dps-{scheme_id}",
        f"Dynamic purchasing system: {scheme_title}",
        f"Dynamisk innkjøpsordning: {scheme_title}",
        f"The scheme {scheme_id}, its categories, admitted suppliers and awards; a cut of the whole package.",
        f"Ordningen {scheme_id}, kategoriene, leverandørene som er tatt opp, og tildelingene; utdrag av hele pakken.",
        csv_stats,
    )


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def _nested(text: str, level: int) -> str:
    """JSON text as json.dumps writes it nested `level` deep (no raw line feed is inside a JSON string)."""
    return text.replace("\n", "\n" + "  " * level)


@cache
def _schema_texts(resource: str) -> tuple[dict[str, Any], str]:
    schema = resource_schema(resource)
    return schema, _nested(_dumps(schema), 3)


def _schema_text(resource: str, schema: dict[str, Any]) -> str:
    published, text = _schema_texts(resource)
    return text if schema == published else _nested(_dumps(schema), 3)


def _resource_item(resource: str, key: str, value: Any) -> tuple[str, str]:
    return key, _schema_text(resource, value) if key == "schema" else _nested(_dumps(value), 3)


def _object_text(items: list[tuple[str, str]], level: int) -> str:
    """A JSON object as json.dumps(indent=2) writes it `level` deep, from its keys and values' (nested) texts."""
    inner = "\n" + "  " * (level + 1)
    return "{" + ",".join(f"{inner}{_dumps(k)}: {v}" for k, v in items) + "\n" + "  " * level + "}"


def descriptor_text(descriptor: dict[str, Any]) -> str:
    """json.dumps(descriptor, ensure_ascii=False, indent=2) and a line feed, as written to datapackage.json.

    The same, only faster: each resource's schema is written once per export, not once per scheme.
    """
    resources = [
        _object_text([_resource_item(r["name"], key, value) for key, value in r.items()], 2)
        for r in descriptor["resources"]
    ]
    listing = "[" + ",".join(f"\n    {r}" for r in resources) + "\n  ]" if resources else "[]"
    items = [(k, listing if k == "resources" else _nested(_dumps(v), 1)) for k, v in descriptor.items()]
    return _object_text(items, 0) + "\n"

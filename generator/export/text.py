"""The text downloads: one CSV and one JSON file per resource, numbers written as their exact decimal text."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal
from typing import Any

from .package import DIALECT
from .tables import ExportError, Record, cell_text, field_types, number_text


def csv_bytes(resource: str, records: list[Record]) -> bytes:
    """RFC 4180 CSV in UTF-8 without a byte-order mark: a header row, then one row per record.

    >>> csv_bytes("award_suppliers", [{"scheme_id": "a", "award_id": "1,2", "supplier_id": 'x"y'}])
    b'scheme_id,award_id,supplier_id\\r\\na,"1,2","x""y"\\r\\n'
    """
    names = list(field_types(resource))
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=DIALECT["delimiter"], lineterminator=DIALECT["lineTerminator"])
    writer.writerow(names)
    writer.writerows([cell_text(record[name]) for name in names] for record in records)
    return out.getvalue().encode("utf-8")


def json_value(value: Any) -> str:
    """A value as JSON: numbers with their exact decimal text (no float on the way), dates as ISO strings.

    >>> [json_value(v) for v in (None, 3, Decimal("123456789012.34"), date(2024, 1, 2), 'Å "x"')]
    ['null', '3', '123456789012.34', '"2024-01-02"', '"Å \\\\"x\\\\""']
    """
    if value is None:
        return "null"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        raise ExportError(f"unexpected boolean {value!r}")
    if isinstance(value, int | Decimal):
        return number_text(value)
    if isinstance(value, date):
        return f'"{value.isoformat()}"'
    raise ExportError(f"unexpected value {value!r} of type {type(value).__name__}")


def json_bytes(resource: str, records: list[Record]) -> bytes:
    """A JSON array with one object per row (keys in column order, one row per line, so diffs stay readable)."""
    names = [(name, json.dumps(name)) for name in field_types(resource)]
    lines = ["{" + ", ".join(f"{key}: {json_value(record[name])}" for name, key in names) + "}" for record in records]
    body = "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n"
    return body.encode("utf-8")

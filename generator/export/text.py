"""The text downloads: one CSV and one JSON file per resource, numbers written as their exact decimal text."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from .package import DIALECT
from .tables import ExportError, Record, cell_text, field_types, number_text


class _Echo:
    """A file for csv.writer that hands back each line instead of storing it (writerow returns it)."""

    def write(self, line: str) -> str:
        return line


def csv_lines(resource: str, records: list[Record]) -> Iterator[str]:
    """RFC 4180 CSV lines: a header row, then one row per record (write them as UTF-8 without a byte-order mark).

    >>> list(csv_lines("award_suppliers", [{"scheme_id": "a", "award_id": "1,2", "supplier_id": 'x"y'}]))
    ['scheme_id,award_id,supplier_id\\r\\n', 'a,"1,2","x""y"\\r\\n']
    """
    names = list(field_types(resource))
    writer = csv.writer(_Echo(), delimiter=DIALECT["delimiter"], lineterminator=DIALECT["lineTerminator"])
    yield writer.writerow(names)
    for record in records:
        yield writer.writerow([cell_text(record[name]) for name in names])


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


def json_lines(resource: str, records: list[Record]) -> Iterator[str]:
    """A JSON array with one object per row and line (keys in column order), so diffs stay readable.

    >>> print("".join(json_lines("award_suppliers", [{"scheme_id": "a", "award_id": "1", "supplier_id": "x"}] * 2)))
    [
    {"scheme_id": "a", "award_id": "1", "supplier_id": "x"},
    {"scheme_id": "a", "award_id": "1", "supplier_id": "x"}
    ]
    <BLANKLINE>
    """
    names = [(name, json.dumps(name)) for name in field_types(resource)]
    if not records:
        yield "[]\n"
        return
    for i, record in enumerate(records):
        start = "[\n" if i == 0 else ",\n"
        yield start + "{" + ", ".join(f"{key}: {json_value(record[name])}" for name, key in names) + "}"
    yield "\n]\n"

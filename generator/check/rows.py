"""Check, layer 1: each row against its table schema, with frictionless, one row at a time.

Frictionless sees the text as written and casts it by the schema itself; each error it reports is mapped
back to the record file, line and YAML field it came from. It is given the fields alone, without the
primary and foreign keys: what a row breaks on its own (a type, a required value, an enum, a pattern, a
range, a length) depends on that row alone, so the rows of a record file that did not change need not be
checked again (generator.check.remembered). Keys span whole tables: generator.check.keys checks them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from operator import itemgetter
from typing import Any

from frictionless import Dialect, Resource, Schema, formats

from generator import schemas
from generator.check.values import URL_MESSAGE, pattern_message
from generator.check.values import at as _at
from generator.check.values import quoted as _quoted
from generator.load import Row
from generator.load.plan import yaml_path
from generator.problems import Problem, error

_TYPE_HINTS = {
    "date": "write the date as YYYY-MM-DD",
    "integer": "write a whole number in plain digits, e.g. 150 (no leading zero, sign, spaces or exponent)",
    "number": "write a plain decimal number, e.g. 850000.50 (no leading zero, plus sign, separators or exponent)",
}
# Resources whose rows come from a list inside a record: a field of the record itself (its id) is reported once,
# on the record's own resource.
CHILD_RESOURCES = frozenset({"categories", "admissions", "award_suppliers", "scheme_sources", "award_sources"})
_CONSTRAINT_RULES = {"required": "required", "enum": "enum", "pattern": "pattern"}
_BLANK_HINT = "write the record's fields, or delete the file"
_KEYS = ("primaryKey", "foreignKeys")  # checked over whole tables, by generator.check.keys
# Every property of the CSV dialect stated, so frictionless guesses none of them from a sample.
_CSV: dict[str, Any] = {
    "delimiter": ",",
    "quote_char": '"',
    "double_quote": True,
    "skip_initial_space": False,
    "line_terminator": "\r\n",
}


def _csv_bytes(rows: list[Row], columns: list[str]) -> bytes:
    """The rows' text as written (absent: empty), as CSV; csv writes None as an empty cell."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    if len(columns) == 1:  # itemgetter of one key gives the value, not a tuple
        writer.writerows((row.text[columns[0]],) for row in rows)
    else:
        pick = itemgetter(*columns)
        writer.writerows(pick(row.text) for row in rows)
    return out.getvalue().encode("utf-8")


def frictionless_resource(resource: str, rows: list[Row]) -> Resource:
    """The rows as frictionless reads them: their text as CSV, with the resource's fields and no keys."""
    schema = {k: v for k, v in schemas.frictionless_schema(resource).items() if k not in _KEYS}
    return Resource(
        name=resource,
        data=_csv_bytes(rows, [f["name"] for f in schema["fields"]]),
        format="csv",
        encoding="utf-8",
        dialect=Dialect(controls=[formats.CsvControl(**_CSV)]),
        schema=Schema.from_descriptor(schema),
    )


def row_problems(resource: str, rows: list[Row]) -> list[Problem]:
    """What each row breaks on its own: frictionless' errors, and the casts it cannot see."""
    report = frictionless_resource(resource, rows).validate(limit_errors=1_000_000)
    seen_type_errors: set[tuple[int, str]] = set()
    problems = []
    for task in report.tasks:
        for err in task.errors:
            row_number = getattr(err, "row_number", None)
            if row_number is None:  # resource or schema level: our own schemas are broken
                raise RuntimeError(f"table schema problem in {task.name}: {err.message}")
            row = rows[row_number - 2]
            column = getattr(err, "field_name", None)
            if err.type == "constraint-error" and _uncast(row, column):
                continue  # text that is no value of its type is reported once, as a type problem
            if err.type == "type-error":
                seen_type_errors.add((id(row), str(column)))
            found = _problem(resource, row, err)
            if found is not None:
                problems.append(found)
    problems += _uncaught_casts(resource, rows, seen_type_errors)
    return problems


def _uncast(row: Row, column: str | None) -> bool:
    return column is not None and row.text.get(column) not in (None, "") and row.values.get(column) is None


def _uncaught_casts(resource: str, rows: list[Row], seen: set[tuple[int, str]]) -> Iterator[Problem]:
    """Our casting must never be looser than frictionless': text we could not cast is an error too."""
    for col in schemas.columns(resource):
        if col.type == "string":
            continue
        name = col.name
        for row in rows:
            if row.values[name] is None:
                text = row.text[name]
                if text and (id(row), name) not in seen:  # text written, but no value
                    yield _at(row, name, "type", f"{_quoted(text)} is not a valid {col.type}; {_TYPE_HINTS[col.type]}")


def _yaml_path(resource: str, column: str) -> str:
    return next(yaml_path(c) for c in schemas.columns(resource) if c.name == column)


def _field_doc(resource: str, column: str) -> dict[str, Any]:
    return next(f for f in schemas.table_schema(resource)["fields"] if f["name"] == column)


def _problem(resource: str, row: Row, err: Any) -> Problem | None:
    column: str = getattr(err, "field_name", None) or ""  # an error about a cell names its column; others none
    if err.type == "type-error":
        kind = _field_doc(resource, column)["type"]
        if _field_doc(resource, column).get("format") == "uri":
            return _at(row, column, "type", f"{_quoted(err.cell)} {URL_MESSAGE}")
        return _at(
            row, column, "type", f"{_quoted(err.cell)} is not a valid {kind}; {_TYPE_HINTS.get(kind, '')}".rstrip("; ")
        )
    if err.type == "constraint-error":
        doc = _field_doc(resource, column)
        constraint = err.note.split('"')[1]
        rule = _CONSTRAINT_RULES.get(constraint, "range")
        if constraint == "required" and resource in CHILD_RESOURCES and "[]" not in _yaml_path(resource, column):
            return None  # a field of the record itself (its id): reported once, on the record's own resource
        if constraint == "required":
            return _at(row, column, rule, f"{row.spot(column)[0]} is required: {doc['description']}")
        value = doc["constraints"][constraint]
        if constraint == "enum":
            return _at(row, column, rule, f"{_quoted(err.cell)} is not one of: {', '.join(value)}")
        if constraint == "pattern":
            return _at(row, column, rule, pattern_message(err.cell, doc["description"]))
        if constraint == "maxLength":
            message = f"{_quoted(err.cell)} is longer than {value} characters: {doc['description']}"
            return _at(row, column, rule, message)
        return _at(row, column, rule, f"{_quoted(err.cell)} breaks the limit {constraint} {value}")
    if err.type == "blank-row":
        return error(err.type, row.file, row.line, "", f"every field of the {resource} row is empty: {_BLANK_HINT}")
    # no other error is about a row on its own (the CSV has every column); said without frictionless' row number,
    # which counts the rows handed to it, not the record's
    return error(err.type, row.file, row.line, column, f"{err.title}: {err.note}" if err.note else err.title)

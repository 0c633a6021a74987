"""Check, layer 1: the rows against their table schemas, with frictionless.

Frictionless sees the text as written and casts it by the schema itself; each error
it reports is mapped back to the record file, line and YAML field it came from.

Each resource is handed to frictionless as CSV text, checked on its own with only the key
columns of the resources its foreign keys point to; at national scale the resources are
checked in forked worker processes, side by side (generator.runtime.map_forked).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import partial
from operator import itemgetter
from typing import Any

from frictionless import Dialect, Package, Resource, Schema, formats

from generator import schemas
from generator.check.values import URL_MESSAGE, pattern_message, value_problems
from generator.check.values import at as _at
from generator.check.values import quoted as _quoted
from generator.load import Dataset, Row
from generator.load.plan import yaml_path
from generator.problems import Problem, error
from generator.runtime import map_forked

_TYPE_HINTS = {
    "date": "write the date as YYYY-MM-DD",
    "integer": "write a whole number in plain digits, e.g. 150 (no leading zero, sign, spaces or exponent)",
    "number": "write a plain decimal number, e.g. 850000.50 (no leading zero, plus sign, separators or exponent)",
}
_CHILD_RESOURCES = frozenset({"categories", "admissions", "award_suppliers", "scheme_sources", "award_sources"})
_CONSTRAINT_RULES = {"required": "required", "enum": "enum", "pattern": "pattern"}
# Every property of the CSV dialect stated, so frictionless guesses none of them from a sample.
_CSV: dict[str, Any] = {
    "delimiter": ",",
    "quote_char": '"',
    "double_quote": True,
    "skip_initial_space": False,
    "line_terminator": "\r\n",
}
PARALLEL_FROM_ROWS = 50_000  # fewer rows check faster in this process than a worker takes to start


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


def _csv_resource(name: str, schema: dict[str, Any], rows: list[Row]) -> Resource:
    return Resource(
        name=name,
        data=_csv_bytes(rows, [f["name"] for f in schema["fields"]]),
        format="csv",
        encoding="utf-8",
        dialect=Dialect(controls=[formats.CsvControl(**_CSV)]),
        schema=Schema.from_descriptor(schema),
    )


def frictionless_package(dataset: Dataset, resource: str) -> Package:
    """One resource in full, and of each resource its foreign keys point to only the columns they name.

    A foreign key needs no more: frictionless reads the referenced resource once per key, only to
    collect its keys, and the same columns with the same field definitions give the same keys.
    """
    schema = schemas.frictionless_schema(resource)
    wanted: dict[str, list[str]] = {}
    for key in schema.get("foreignKeys", []):
        target = key["reference"]["resource"]
        wanted.setdefault(target, [])
        wanted[target] += [f for f in key["reference"]["fields"] if f not in wanted[target]]
    resources = [_csv_resource(resource, schema, dataset.tables[resource])]
    for target, names in wanted.items():
        fields = [f for f in schemas.frictionless_schema(target)["fields"] if f["name"] in names]
        resources.append(_csv_resource(target, {"fields": fields}, dataset.tables[target]))
    return Package(resources=resources)


def _resource_problems(dataset: Dataset, schemes: set[str], today: date, resource: str) -> list[Problem]:
    """Every schema problem of one resource: frictionless' errors, and the casts it cannot see."""
    report = frictionless_package(dataset, resource).validate(name=resource, limit_errors=1_000_000)
    rows = dataset.tables[resource]
    seen_type_errors: set[tuple[int, str]] = set()
    problems = []
    for task in report.tasks:
        for err in task.errors:
            row_number = getattr(err, "row_number", None)
            if row_number is None:  # package or schema level: our own schemas are broken
                raise RuntimeError(f"table schema problem in {task.name}: {err.message}")
            row = rows[row_number - 2]
            column = getattr(err, "field_name", None)
            if err.type == "constraint-error" and _uncast(row, column):
                continue  # text that is no value of its type is reported once, as a type problem
            if err.type == "type-error":
                seen_type_errors.add((id(row), err.field_name))
            found = _problem(resource, row, rows, err, schemes)
            if found is not None:
                problems.append(found)
    problems += _uncaught_casts(resource, rows, seen_type_errors)
    problems += value_problems(resource, rows, today)
    return problems


def _by_cost(dataset: Dataset) -> list[str]:
    """The resources, the most cells first, so the last to start are short."""
    sizes = {r: len(dataset.tables[r]) * len(schemas.columns(r)) for r in schemas.RESOURCES}
    return sorted(schemas.RESOURCES, key=lambda r: -sizes[r])


@contextmanager
def started(dataset: Dataset, workers: int = 2, today: date | None = None) -> Iterator[Callable[[], list[Problem]]]:
    """Schema checking under way: in up to `workers` forked processes for a large dataset, else here when asked.

    Yields a function that returns every schema problem (waiting for the workers), so the caller can
    do other work in the meantime.

    >>> with started(dataset) as schema_problems:  # doctest: +SKIP
    ...     other = domain_problems(dataset)
    ...     problems = schema_problems()
    """
    schemes = {row.values["scheme_id"] for row in dataset.tables["schemes"]}
    check = partial(_resource_problems, dataset, schemes, today or date.today())
    rows = sum(len(dataset.tables[r]) for r in schemas.RESOURCES)
    with map_forked(check, _by_cost(dataset), workers if rows >= PARALLEL_FROM_ROWS else 1) as found:
        yield lambda: [p for problems in found for p in problems]


def schema_problems(dataset: Dataset, workers: int = 2, today: date | None = None) -> list[Problem]:
    """Every schema error frictionless finds, at its record's file and line."""
    with started(dataset, workers, today) as problems:
        return problems()


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


def _problem(resource: str, row: Row, rows: list[Row], err: Any, schemes: set[str]) -> Problem | None:
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
        if constraint == "required" and resource in _CHILD_RESOURCES and "[]" not in _yaml_path(resource, column):
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
    if err.type == "primary-key":
        key = schemas.primary_key(resource)
        position = re.search(r"([0-9]+)$", err.note)
        if position is None:
            return None  # an empty key: reported as required already
        first = rows[int(position.group(1)) - 2]
        if first.file != row.file and resource in _CHILD_RESOURCES:
            return None  # two records with one id: reported once, on the records' own resource
        shown = ", ".join(f"{c}={row.values[c]}" for c in key)
        where = f"{first.file}:{first.spot(key[-1])[1]}"
        return _at(row, key[-1], "unique", f"the {resource} key ({shown}) is used twice; first at {where}")
    if err.type == "foreign-key":
        return _foreign_key_problem(row, err, schemes)
    return error(err.type, row.file, row.line, column, err.message)


def _foreign_key_problem(row: Row, err: Any, schemes: set[str]) -> Problem | None:
    columns = list(err.field_names)
    if any(row.values[c] is None for c in columns):
        return None  # an absent reference is a required problem already
    values = ", ".join(f"{c} '{row.values[c]}'" for c in columns)
    target = err.reference_name
    if "scheme_id" in columns and row.values["scheme_id"] not in schemes:
        return _at(row, "scheme_id", "refs", f"no scheme with id '{row.values['scheme_id']}' exists")
    if target == "categories":
        message = (
            f"scheme '{row.values['scheme_id']}' has no category '{row.values['category_id']}'"
            " (a scheme without categories takes none; a scheme with categories needs one of its own)"
        )
    else:
        message = f"no {target[:-1].replace('_', ' ')} with {values} exists"
    return _at(row, columns[-1], "refs", message)

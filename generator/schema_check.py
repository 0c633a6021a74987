"""Check, layer 1: the rows against their table schemas, with frictionless.

Frictionless sees the text as written and casts it by the schema itself; each error
it reports is mapped back to the record file, line and YAML field it came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from frictionless import Package, Resource, Schema

from . import schemas
from .limits import MAX_DIGITS
from .load import Dataset, Row
from .problems import Problem, error

_TYPE_HINTS = {
    "date": "write the date as YYYY-MM-DD",
    "integer": "write a whole number in plain digits, e.g. 150 (no leading zero, sign, spaces or exponent)",
    "number": "write a plain decimal number, e.g. 850000.50 (no leading zero, plus sign, separators or exponent)",
}
_CHILD_RESOURCES = frozenset({"categories", "admissions", "award_suppliers"})
_CONSTRAINT_RULES = {"required": "required", "enum": "enum", "pattern": "pattern"}


def frictionless_package(dataset: Dataset) -> Package:
    """A package of inline resources holding the text of every row, in schema order."""
    resources = []
    for name in schemas.RESOURCES:
        header = [c.name for c in schemas.columns(name)]
        data: list[list[Any]] = [header]
        data += [[row.text[c] if row.text[c] is not None else "" for c in header] for row in dataset.tables[name]]
        resources.append(
            Resource(name=name, data=data, schema=Schema.from_descriptor(schemas.frictionless_schema(name)))
        )
    return Package(resources=resources)


def schema_problems(dataset: Dataset) -> Iterator[Problem]:
    """Every schema error frictionless finds, at its record's file and line."""
    report = frictionless_package(dataset).validate(limit_errors=1_000_000)
    seen_type_errors: set[tuple[int, str]] = set()
    schemes = {row.values["scheme_id"] for row in dataset.tables["schemes"]}
    for task in report.tasks:
        rows = dataset.tables[task.name]
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
            found = _problem(task.name, row, rows, err, schemes)
            if found is not None:
                yield found
        yield from _uncaught_casts(task.name, rows, seen_type_errors)
        yield from _number_bounds(task.name, rows)


def _uncast(row: Row, column: str | None) -> bool:
    return column is not None and row.text.get(column) not in (None, "") and row.values.get(column) is None


def _number_bounds(resource: str, rows: list[Row]) -> Iterator[Problem]:
    """Numbers an export could not carry exactly: spreadsheets and JavaScript keep 15 significant digits."""
    for col in schemas.columns(resource):
        if col.type not in ("integer", "number"):
            continue
        for row in rows:
            value = row.values[col.name]
            if value is not None and _significant_digits(Decimal(value)) > MAX_DIGITS:
                yield _at(
                    row,
                    col.name,
                    "range",
                    f"{_quoted(row.text[col.name])} needs more than {MAX_DIGITS} digits: spreadsheets and JavaScript"
                    f" keep {MAX_DIGITS}, so exports would change it; check the value",
                )


def _significant_digits(value: Decimal) -> int:
    """Digits written from the first non-zero one to the last non-zero one or the units, whichever is later.

    >>> _significant_digits(Decimal("850000.50")), _significant_digits(Decimal("1E+30"))
    (7, 31)
    """
    _, digits, exponent = value.normalize().as_tuple()
    assert isinstance(exponent, int)  # cast() makes only finite numbers
    stripped = "".join(map(str, digits)).lstrip("0")
    return len(stripped) + max(exponent, 0) if stripped else 0


def _uncaught_casts(resource: str, rows: list[Row], seen: set[tuple[int, str]]) -> Iterator[Problem]:
    """Our casting must never be looser than frictionless': text we could not cast is an error too."""
    for col in schemas.columns(resource):
        if col.type == "string":
            continue
        for row in rows:
            text = row.text[col.name]
            if text not in (None, "") and row.values[col.name] is None and (id(row), col.name) not in seen:
                yield _at(row, col.name, "type", f"{_quoted(text)} is not a valid {col.type}; {_TYPE_HINTS[col.type]}")


def _quoted(value: Any, limit: int = 60) -> str:
    """A value as quoted in a message: a long one is cut there (never in the data) and says how long it is.

    >>> _quoted("x" * 100)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' (100 characters)"
    """
    text = str(value)
    return f"'{text}'" if len(text) <= limit else f"'{text[:limit]}…' ({len(text):,} characters)"


def _at(row: Row, column: str, rule: str, message: str) -> Problem:
    path, line = row.spot(column)
    return error(rule, row.file, line, path, message)


def _yaml_path(resource: str, column: str) -> str:
    return next(c.yaml for c in schemas.columns(resource) if c.name == column)


def _field_doc(resource: str, column: str) -> dict[str, Any]:
    return next(f for f in schemas.table_schema(resource)["fields"] if f["name"] == column)


def _problem(resource: str, row: Row, rows: list[Row], err: Any, schemes: set[str]) -> Problem | None:
    column = getattr(err, "field_name", None)
    if err.type == "type-error":
        kind = _field_doc(resource, column)["type"]
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
            return _at(row, column, rule, f"{_quoted(err.cell)} has the wrong form: {doc['description']}")
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
    return error(err.type, row.file, row.line, column or "", err.message)


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

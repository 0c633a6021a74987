"""Check, layer 1: the keys, over whole tables: no two rows with one primary key, no reference to nothing.

Frictionless checked these until issue 16; this is its semantics kept exactly, so the problems are the ones it
found, and one path checks them whether or not the rows were checked before (generator.check.remembered):

- a key is compared by its cells' values as the table schema types them; a row whose key cells are all empty
  has no key (it is reported as required), while a key with some cells empty is still a key;
- a repeated key names the first row with that key (frictionless named the row before it, so with three equal keys
  the third said "first at" the second: not what it says);
- a reference whose cells are all empty refers to nothing; one with some empty is reported as required, not as
  a reference to nothing.

Each table is looked at as sets, at C speed; rows are looked at one by one only when a set says one is wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from operator import attrgetter, itemgetter
from typing import Any

from frictionless import Schema

from generator import schemas
from generator.check.rows import CHILD_RESOURCES
from generator.check.values import at
from generator.load import Dataset, Row
from generator.problems import Problem

Cells = Any  # a key's values: a tuple of them, or one column's value alone
_values_of = attrgetter("values")
_text_of = attrgetter("text")


def key_problems(dataset: Dataset) -> list[Problem]:
    """Every repeated primary key and every reference to a row that is not there, at its record's file and line."""
    schemes = {row.values["scheme_id"] for row in dataset.tables["schemes"]}
    cells = _Cells(dataset)
    problems: list[Problem] = []
    for resource in schemas.RESOURCES:
        rows = dataset.tables[resource]
        key = schemas.primary_key(resource)
        problems += _repeated(resource, rows, key, cells.of(resource, key), cells.known(resource, key))
        for foreign in schemas.frictionless_schema(resource).get("foreignKeys", []):
            columns, target = tuple(foreign["fields"]), foreign["reference"]["resource"]
            known = cells.known(target, tuple(foreign["reference"]["fields"]))  # a primary key: known already
            problems += _dangling(rows, columns, target, cells.of(resource, columns), known, schemes)
    return problems


class _Cells:
    """The cells of each table's keys: each table's rows read once for all its keys (its own, its references
    and what others refer to), each key's cells and their set made once."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.wide: dict[str, list[Cells]] = {}
        self.lists: dict[tuple[str, tuple[str, ...]], list[Cells]] = {}
        self.sets: dict[tuple[str, tuple[str, ...]], set[Cells]] = {}

    def of(self, resource: str, columns: tuple[str, ...]) -> list[Cells]:
        """Each row's values of these columns as frictionless types them: a tuple, or one column's value alone."""
        if (resource, columns) not in self.lists:
            if resource not in self.wide:
                self.wide[resource] = _cells(resource, self.dataset.tables[resource], _key_columns(resource))
            wide = self.wide[resource]
            pick = itemgetter(*(_key_columns(resource).index(c) for c in columns))
            self.lists[resource, columns] = wide if columns == _key_columns(resource) else list(map(pick, wide))
        return self.lists[resource, columns]

    def known(self, resource: str, columns: tuple[str, ...]) -> set[Cells]:
        if (resource, columns) not in self.sets:
            self.sets[resource, columns] = set(self.of(resource, columns))
        return self.sets[resource, columns]


@cache
def _key_columns(resource: str) -> tuple[str, ...]:
    """The columns of a resource that any key names: its primary key, its references, what refers to it."""
    named = list(schemas.primary_key(resource))
    for other in schemas.RESOURCES:
        for foreign in schemas.frictionless_schema(other).get("foreignKeys", []):
            if other == resource:
                named += foreign["fields"]
            if foreign["reference"]["resource"] == resource:
                named += foreign["reference"]["fields"]
    return tuple(dict.fromkeys(named))


def _cells(resource: str, rows: list[Row], columns: tuple[str, ...]) -> list[Cells]:
    """Each row's values of these columns, as frictionless types them: the loader's values, but for text it
    refuses that frictionless reads, such as 2024-1-5 as a date (that row has a type problem already)."""
    values = list(map(_values_of, rows))
    cells = list(map(itemgetter(*columns), values))
    for position, column in enumerate(columns):
        read = _frictionless_read(resource, column)
        if read is None:
            continue
        pick = itemgetter(column)
        texts = list(map(pick, map(_text_of, rows)))
        # an empty text has no value; text with no value (refused) is what makes more empty values than texts
        if list(map(pick, values)).count(None) == texts.count(None) + texts.count(""):
            continue  # nearly always: no text refused
        for i, row in enumerate(rows):
            if texts[i] and row.values[column] is None:
                value = read(str(texts[i]))
                cells[i] = (*cells[i][:position], value, *cells[i][position + 1 :]) if len(columns) > 1 else value
    return cells


@cache
def _frictionless_read(resource: str, column: str) -> Callable[[str], Any] | None:
    """How frictionless reads a column's text, or None where it reads it as the loader does (a string)."""
    doc = next(f for f in schemas.frictionless_schema(resource)["fields"] if f["name"] == column)
    if doc["type"] == "string":
        return None  # the text itself, empty as None: the loader's value
    field = Schema.from_descriptor({"fields": [doc]}).get_field(column)
    return lambda text: field.read_cell(text)[0]


def _repeated(
    resource: str, rows: list[Row], key: tuple[str, ...], cells: list[Cells], distinct: set[Cells]
) -> Iterator[Problem]:
    if len(distinct) == len(cells):
        return  # no key twice (nearly always): no row to look at
    nothing = (None,) * len(key) if len(key) > 1 else None
    first_seen: dict[Cells, int] = {}
    for i, found in enumerate(cells):
        if found == nothing:
            continue  # no key: its cells are reported as required
        before = first_seen.setdefault(found, i)
        if before == i:
            continue
        row, first = rows[i], rows[before]
        if first.file != row.file and resource in CHILD_RESOURCES:
            continue  # two records with one id: reported once, on the records' own resource
        shown = ", ".join(f"{c}={row.values[c]}" for c in key)
        where = f"{first.file}:{first.spot(key[-1])[1]}"
        yield at(row, key[-1], "unique", f"the {resource} key ({shown}) is used twice; first at {where}")


def _dangling(
    rows: list[Row], columns: tuple[str, ...], target: str, cells: list[Cells], known: set[Cells], schemes: set[str]
) -> Iterator[Problem]:
    if known.issuperset(cells):
        return  # every reference is to a row that is there (nearly always)
    nothing = (None,) * len(columns) if len(columns) > 1 else None
    for row, found in zip(rows, cells, strict=True):
        if found == nothing or found in known or any(row.values[c] is None for c in columns):
            continue  # a reference with an empty cell is a required problem already
        yield _reference_problem(row, columns, target, schemes)


def _reference_problem(row: Row, columns: tuple[str, ...], target: str, schemes: set[str]) -> Problem:
    if "scheme_id" in columns and row.values["scheme_id"] not in schemes:
        return at(row, "scheme_id", "refs", f"no scheme with id '{row.values['scheme_id']}' exists")
    if target == "categories":
        message = (
            f"scheme '{row.values['scheme_id']}' has no category '{row.values['category_id']}'"
            " (a scheme without categories takes none; a scheme with categories needs one of its own)"
        )
    else:
        values = ", ".join(f"{c} '{row.values[c]}'" for c in columns)
        message = f"no {target[:-1].replace('_', ' ')} with {values} exists"
    return at(row, columns[-1], "refs", message)

"""The rows every download is made of: typed values, sorted by primary key, cut per scheme.

Every format starts here, so every format holds the same rows in the same order.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from operator import itemgetter, methodcaller
from typing import Any, cast

from generator import schemas
from generator.load import Dataset

Record = dict[str, Any]
Tables = dict[str, list[Record]]
Cuts = dict[str, dict[str, list[int]]]  # scheme_id -> resource -> indices of the resource's rows in the cut
Column = tuple[Any, ...]
Blocks = list[list[Column]]  # a resource's rows, a block at a time, each block as its columns (see blocks)

# A 64-bit float (SQLite REAL, every Excel number) holds any decimal of up to 15 significant digits exactly.
FLOAT_DIGITS = 15
FLOAT_LIMIT: int = 10**FLOAT_DIGITS
# The formats are written a block of rows at a time, column by column: per-column work runs in C
# (map, join, csv), and a block bounds the memory of its texts.
BLOCK = 10_000


class ExportError(Exception):
    """A dataset that a download format cannot hold exactly; nothing is written."""


def field_types(resource: str) -> dict[str, str]:
    """Column name -> Table Schema type, in the schema's order.

    >>> field_types("award_suppliers")
    {'scheme_id': 'string', 'award_id': 'string', 'supplier_id': 'string'}
    """
    return {c.name: c.type for c in schemas.columns(resource)}


def sorted_records(dataset: Dataset, resource: str) -> list[Record]:
    """The resource's typed values, one dict per row (the loader's own), sorted by primary key.

    Every format reads a record's values by column name, in schema order (see blocks): sharing the loader's
    dicts saves a copy of every row (national: ~0.5 GB).
    """
    records = [row.values for row in dataset.tables[resource]]
    key = schemas.primary_key(resource)
    values = itemgetter(*key)
    if len(key) > 1 and not any(None in values(r) for r in records):
        return sorted(records, key=values)  # no absent key value: the key's tuples sort as below
    # by the key's columns in turn, absent values last (a key column holds one type, so values compare in their
    # natural order): a column at a time from the last, each sort stable, so the earlier columns decide first.
    # Each sort runs in C (a key per row made in Python cost seconds nationally)
    for name in reversed(key):
        value = itemgetter(name)
        present = [r for r in records if value(r) is not None]
        absent = [r for r in records if value(r) is None] if len(present) < len(records) else []
        records = sorted(present, key=value) + absent
    return records


def export_tables(dataset: Dataset) -> Tables:
    """Every resource of the package, in `schemas.RESOURCES` order."""
    return {resource: sorted_records(dataset, resource) for resource in schemas.RESOURCES}


def scheme_cuts(tables: Tables) -> Cuts:
    """The package cut to each scheme (in scheme order): the indices of its rows in each resource, in key order.

    A cut holds the scheme's row, categories, admissions, awards and award suppliers (and, with indicators,
    the scheme's and its categories' figures). Its suppliers are those admitted to the scheme or named on
    its awards, so every foreign key of the cut resolves inside it. One pass over the rows: at national
    scale a filter per scheme would read every row a thousand times.
    """
    cuts: Cuts = {s["scheme_id"]: {r: [] for r in tables} for s in tables["schemes"]}
    for resource in schemas.RESOURCES:
        if "scheme_id" in field_types(resource):
            for i, scheme_id in enumerate(map(itemgetter("scheme_id"), tables[resource])):
                cuts[scheme_id][resource].append(i)
    if "indicators" in tables:  # the scheme's own figures and its categories' ("scheme/category")
        for i, record in enumerate(tables["indicators"]):
            if record["scope"] in ("scheme", "category"):
                cuts[record["scope_id"].split("/", 1)[0]]["indicators"].append(i)
    suppliers = {s["supplier_id"]: i for i, s in enumerate(tables["suppliers"])}
    for cut in cuts.values():
        involved = {tables["admissions"][i]["supplier_id"] for i in cut["admissions"]}
        involved |= {tables["award_suppliers"][i]["supplier_id"] for i in cut["award_suppliers"]}
        cut["suppliers"] = [suppliers[i] for i in sorted(involved)]  # supplier_id is the key: still in key order
    return cuts


def blocks(resource: str, records: list[Record]) -> Blocks:
    """The records a block at a time, each block as its columns (schema order): the rows transposed.

    Every format is written from these; made once, they cost a pointer per value (national: ~40 MB).

    >>> blocks("award_suppliers", [{"scheme_id": "a", "award_id": "1", "supplier_id": "x"}] * 2)
    [[('a', 'a'), ('1', '1'), ('x', 'x')]]
    """
    names = list(field_types(resource))
    row = itemgetter(*names) if len(names) > 1 else lambda r: (r[names[0]],)
    return [
        list(zip(*map(row, records[start : start + BLOCK]), strict=True)) for start in range(0, len(records), BLOCK)
    ]


def all_blocks(tables: Tables) -> dict[str, Blocks]:
    return {resource: blocks(resource, records) for resource, records in tables.items()}


def kinds_in(column: Iterable[Any]) -> set[type]:
    """The types of a column's values (NoneType for absent ones): the common ones take the fast paths."""
    return set(map(type, column))


def number_text(value: Decimal | int) -> str:
    """A number written exactly as its value, never in scientific notation.

    >>> number_text(Decimal("850000.50")), number_text(Decimal("1E+3")), number_text(Decimal("1E-7"))
    ('850000.50', '1000', '0.0000001')
    """
    if isinstance(value, int):
        return str(value)
    if not value.is_finite():
        raise ExportError(f"{value} is not a finite number")
    return format(value, "f")  # format "f" keeps the scale (850000.50) and never uses an exponent


def cell_text(value: Any) -> str:
    """The text of a value in CSV: empty when absent, ISO dates, exact numbers, text as is.

    >>> [cell_text(v) for v in (None, 0, Decimal("0.50"), date(2024, 2, 29), "=1+1")]
    ['', '0', '0.50', '2024-02-29', '=1+1']
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        raise ExportError(f"unexpected boolean {value!r}")
    if isinstance(value, int | Decimal):
        return number_text(value)
    if isinstance(value, date):
        return value.isoformat()
    raise ExportError(f"unexpected value {value!r} of type {type(value).__name__}")


def as_float_exactly(value: Decimal | int) -> int | float:
    """The number as SQLite and Excel store it exactly: an int when whole, else a float.

    Raises ExportError when it has more than 15 significant digits: a 64-bit float would change
    it, in SQLite (REAL) and in Excel (every number), and Excel shows only 15 digits.

    >>> as_float_exactly(Decimal("123456789012.34")), as_float_exactly(Decimal("45000000.00"))
    (123456789012.34, 45000000)
    >>> as_float_exactly(Decimal("1234567890123456.7"))
    Traceback (most recent call last):
    ...
    generator.export.tables.ExportError: 1234567890123456.7 has more than 15 significant digits; ...
    """
    exact = Decimal(value)
    digits = exact.normalize().as_tuple().digits
    if exact and (len(digits) > FLOAT_DIGITS or abs(exact) >= Decimal(10) ** FLOAT_DIGITS):
        raise ExportError(
            f"{number_text(value)} has more than {FLOAT_DIGITS} significant digits; "
            "SQLite and Excel store numbers as 64-bit floats and would change it. "
            "Round it in the record (amounts to øre, two decimals)."
        )
    if exact == exact.to_integral_value():
        return int(exact)
    number = float(exact)
    if Decimal(repr(number)) != exact:  # e.g. 1E-400: few digits, but beyond a float's range
        raise ExportError(f"{number_text(value)} is out of a 64-bit float's range")
    return number


def where(resource: str, record: Record, column: str) -> str:
    """A row's place for messages: `awards (tolk-fjordvik, 2024-001) value_amount`."""
    key = ", ".join(cell_text(record[c]) for c in schemas.primary_key(resource))
    return f"{resource} ({key}) {column}"


def plainly_exact(value: Any) -> bool:
    """A cheap sufficient test that as_float_exactly takes the value as it is: an int or a decimal of up to 15
    digits (trailing zeros counted), less than 10**15 and far from a float's smallest numbers; most amounts are.

    >>> [plainly_exact(v) for v in (3, Decimal("850000.50"), Decimal("1E+15"), Decimal("1.0000000000000000"))]
    [True, True, False, False]
    """
    if type(value) is int:
        return -FLOAT_LIMIT < value < FLOAT_LIMIT
    if type(value) is Decimal:
        _, digits, exponent = value.as_tuple()
        return type(exponent) is int and exponent >= -300 and len(digits) + max(exponent, 0) <= FLOAT_DIGITS
    return False


def stored_number(value: Decimal | int) -> int | float:
    """as_float_exactly's value of a number it takes, without its checks: an int when whole, else the float of
    the same value. For numbers check_numbers has checked (every number, before its resource is written).

    >>> stored_number(Decimal("45000000.00")), stored_number(Decimal("0.50")), stored_number(7)
    (45000000, 0.5, 7)
    """
    if type(value) is int:
        return value
    return int(value) if value == cast(Decimal, value).to_integral_value() else float(value)


def check_numbers(resource: str, records: list[Record], rows: Blocks) -> None:
    """Raise ExportError, naming the row, before the resource's files are written if a float-based format would
    change one of its records' numbers (rows: their blocks, all_blocks)."""
    kinds = field_types(resource).items()
    for block_start, block in zip(range(0, len(records), BLOCK), rows, strict=True):
        for (name, kind), column in zip(kinds, block, strict=True):
            present = [v for v in column if v is not None] if kind in ("number", "integer") else []
            if whole_and_exact(present) or short_decimals(present) or all(map(plainly_exact, present)):
                continue
            for i, value in enumerate(column, block_start):
                if value is not None:
                    try:
                        as_float_exactly(value)
                    except ExportError as failure:
                        raise ExportError(f"{where(resource, records[i], name)}: {failure}") from None


def short_decimals(present: list[Any]) -> bool:
    """A cheap sufficient test that as_float_exactly takes each value as it is, a column at a time: finite
    decimals written (format "f", as number_text writes them) with at most 15 digits, leading zeros counted.

    >>> short_decimals([Decimal("850000.50"), Decimal("-0.001")]), short_decimals([Decimal("1234567890123.456")])
    (True, False)
    """
    if not kinds_in(present) <= {Decimal} or not all(map(Decimal.is_finite, present)):
        return False
    digits = map(methodcaller("replace", ".", ""), map(methodcaller("lstrip", "-"), map("{:f}".format, present)))
    return max(map(len, digits), default=0) <= FLOAT_DIGITS


def whole_and_exact(present: list[Any]) -> bool:
    """Whether the values are all ints a float holds exactly (SQLite and Excel take them as they are).

    >>> whole_and_exact([0, 10**15 - 1]), whole_and_exact([10**15]), whole_and_exact([1, Decimal(1)])
    (True, False, False)
    """
    return kinds_in(present) <= {int} and (not present or -FLOAT_LIMIT < min(present) <= max(present) < FLOAT_LIMIT)


def row_count(tables: Tables) -> int:
    return sum(len(records) for records in tables.values())

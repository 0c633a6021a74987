"""The text downloads: one CSV and one JSON file per resource, numbers written as their exact decimal text."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from json.encoder import encode_basestring  # json.dumps(text, ensure_ascii=False)
from types import NoneType
from typing import Any

from generator.export.package import DIALECT
from generator.export.tables import Blocks, Column, ExportError, cell_text, field_types, kinds_in, number_text

# A text cell starting with one of these is run as a formula by a spreadsheet that opens a CSV file. The Excel
# download writes every text as text; CSV written for spreadsheets (the awards explorer's) puts an apostrophe
# before such a text, which spreadsheets show as text and do not display.
FORMULA_STARTS = "=+-@\t\r"


def column_text(kind: str, column: Column) -> Column | list[str]:
    """A column's values as CSV text: cell_text, per column (the common types in one C call)."""
    found = kinds_in(column)
    if kind == "string" and found <= {str, NoneType}:
        return column if NoneType not in found else ["" if v is None else v for v in column]
    if kind == "date" and found <= {date, NoneType}:
        if NoneType not in found:
            return list(map(date.isoformat, column))
        return ["" if v is None else v.isoformat() for v in column]
    if kind in ("number", "integer") and found <= {int, Decimal, NoneType}:
        return _number_texts(column, found, "")
    return ["" if v is None else cell_text(v) for v in column]


def _number_texts(column: Column, found: set[type], absent: str) -> list[str]:
    """number_text of each value, `absent` for None; a column of finite decimals without the per-value checks."""
    if found == {int}:
        return list(map(str, column))
    if found <= {Decimal, NoneType} and all(map(Decimal.is_finite, filter(None, column))):
        return [absent if v is None else format(v, "f") for v in column]  # as number_text: keeps the scale, no exponent
    return [absent if v is None else number_text(v) for v in column]


class _Lines(list[str]):
    """A file for csv.writer that keeps each line it is given."""

    write = list.append


def _csv_lines(rows: Iterable[Iterable[str]]) -> list[str]:
    lines = _Lines()
    csv.writer(lines, delimiter=DIALECT["delimiter"], lineterminator=DIALECT["lineTerminator"]).writerows(rows)
    return lines


# What makes csv.writer (QUOTE_MINIMAL, no escape character) quote a field: the delimiter, the quote character,
# or a character of the line terminator
_QUOTED_FOR = (DIALECT["delimiter"], DIALECT["quoteChar"], *DIALECT["lineTerminator"])
# one search in C per text (a generator of `in` tests per text cost a national export a second)
_needs_quotes = re.compile("[" + re.escape("".join(_QUOTED_FOR)) + "]").search


def _as_csv_fields(column: Column | list[str]) -> Column | list[str]:
    """A column's texts as csv.writer writes them as fields: as they are, or, holding a character _QUOTED_FOR,
    in quotes with each quote doubled. A look at the whole column first: most hold no such character."""
    joined = "".join(column)
    if not any(char in joined for char in _QUOTED_FOR):
        return column
    quote = DIALECT["quoteChar"]
    return [quote + text.replace(quote, quote * 2) + quote if _needs_quotes(text) else text for text in column]


def _joined_lines(texts: list[Column | list[str]]) -> list[str]:
    """The CSV lines of rows given as their columns' texts, as _csv_lines makes them, of rows of two fields or
    more (a row of one empty field is quoted whole): quoted per column, then joined by one template per row
    (csv.writer looks at every character of every field in turn)."""
    if len(texts) < 2:
        return _csv_lines(zip(*texts, strict=True))
    template = DIALECT["delimiter"].join(["%s"] * len(texts)) + DIALECT["lineTerminator"]
    return list(map(template.__mod__, zip(*map(_as_csv_fields, texts), strict=True)))


def csv_header(resource: str) -> str:
    return _csv_lines([field_types(resource)])[0]


def _first_line(text: str) -> str:
    return text.partition("\n")[0]


def widen(longest: list[int], kinds: Iterable[str], texts: list[Column | list[str]]) -> None:
    """Raise each column's `longest` to the length of its longest first line in texts (column_text's, per column)."""
    for i, (kind, column) in enumerate(zip(kinds, texts, strict=True)):
        if kind == "string" and "\n" in "".join(column):
            column = list(map(_first_line, column))
        longest[i] = max(longest[i], max(map(len, column), default=0))


def csv_rows(resource: str, rows: Blocks, longest: list[int] | None = None) -> list[str]:
    """The RFC 4180 CSV line of each record (CRLF ended), in order: write them as UTF-8 without a byte-order mark.

    Given `longest` (a zero per column), it also becomes each column's longest first line (see widen).

    >>> csv_header("award_suppliers")
    'scheme_id,award_id,supplier_id\\r\\n'
    >>> csv_rows("award_suppliers", [[("a",), ("1,2",), ('x"y',)]])
    ['a,"1,2","x""y"\\r\\n']
    """
    kinds = field_types(resource).values()
    lines = []
    for block in rows:
        texts = list(map(column_text, kinds, block))
        lines += _joined_lines(texts)
        if longest is not None:
            widen(longest, kinds, texts)
    return lines


def json_value(value: Any) -> str:
    """A value as JSON: numbers with their exact decimal text (no float on the way), dates as ISO strings.

    >>> [json_value(v) for v in (None, 3, Decimal("123456789012.34"), date(2024, 1, 2), 'Å "x"')]
    ['null', '3', '123456789012.34', '"2024-01-02"', '"Å \\\\"x\\\\""']
    """
    if value is None:
        return "null"
    if isinstance(value, str):
        return encode_basestring(value)
    if isinstance(value, bool):
        raise ExportError(f"unexpected boolean {value!r}")
    if isinstance(value, int | Decimal):
        return number_text(value)
    if isinstance(value, date):
        return f'"{value.isoformat()}"'
    raise ExportError(f"unexpected value {value!r} of type {type(value).__name__}")


def _column_json(kind: str, column: Column) -> Column | list[str]:
    """A column's values as JSON: json_value, per column (the common types in one C call)."""
    found = kinds_in(column)
    if kind == "string" and found <= {str, NoneType}:
        if NoneType not in found:
            return list(map(encode_basestring, column))
        return ["null" if v is None else encode_basestring(v) for v in column]
    if kind == "date" and found == {date}:
        return list(map('"{}"'.format, map(date.isoformat, column)))
    if kind == "date" and found <= {date, NoneType}:
        return ["null" if v is None else f'"{v.isoformat()}"' for v in column]
    if kind in ("number", "integer") and found <= {int, Decimal, NoneType}:
        return _number_texts(column, found, "null")
    return list(map(json_value, column))


def json_rows(resource: str, rows: Blocks) -> str:
    """The rows as the JSON download writes them: an object per row (keys in column order), one per line, with
    ",\n" between them; the file is "[\n", the rows and "\n]\n" (or "[]\n"), so diffs stay readable.

    >>> print(json_rows("award_suppliers", [[("a", "a"), ("1", "1"), ("x", "x")]]))
    {"scheme_id": "a", "award_id": "1", "supplier_id": "x"},
    {"scheme_id": "a", "award_id": "1", "supplier_id": "x"}
    """
    types = field_types(resource)
    # one %-template per row: the keys are fixed, each value is already JSON text
    row = "{" + ", ".join(json.dumps(name).replace("%", "%%") + ": %s" for name in types) + "}"
    return ",\n".join(
        ",\n".join(map(row.__mod__, zip(*map(_column_json, types.values(), block), strict=True))) for block in rows
    )

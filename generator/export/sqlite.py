"""The SQLite database, for sqlite3 and Datasette: typed columns, keys, indexes, a few named views and full-text
search on names and titles.

Column types: TEXT for text, codes and ISO dates (they sort and compare correctly as text);
INTEGER for counts; NUMERIC for amounts, holding an INTEGER when whole and a REAL otherwise.
A REAL is a 64-bit float, so the export refuses amounts of more than 15 significant digits
(tables.as_float_exactly) rather than storing some amounts as TEXT: a column that mixes text
and numbers sorts text after every number and sums it as 0, which would mislead quietly.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from generator import schemas
from generator.export.segments import Segments, rows_in
from generator.export.tables import Blocks, Column, ExportError, field_types, stored_number, whole_and_exact

SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "NUMERIC", "date": "TEXT"}

# the columns people join and filter on that no primary key already leads with
INDEXES: dict[str, list[tuple[str, ...]]] = {
    "schemes": [("buyer_id",)],
    "admissions": [("supplier_id",), ("admitted",)],
    "awards": [("scheme_id", "category_id"), ("buyer_id",), ("invited",), ("awarded",)],
    "award_suppliers": [("supplier_id",)],
}

VIEWS = {
    "awards_named": """
-- One row per award and supplier (one row with empty supplier columns for an award without suppliers).
-- value_amount is the award's total, repeated on each of its suppliers' rows: do not add it up per row.
SELECT a.*, s.title AS scheme_title, c.title AS category_title,
       w.supplier_id, p.name AS supplier_name, p.size AS supplier_size
FROM awards AS a
JOIN schemes AS s ON s.scheme_id = a.scheme_id
JOIN categories AS c ON c.scheme_id = a.scheme_id AND c.category_id = a.category_id
LEFT JOIN award_suppliers AS w ON w.scheme_id = a.scheme_id AND w.award_id = a.award_id
LEFT JOIN suppliers AS p ON p.supplier_id = w.supplier_id""",
    "admissions_named": """
-- One row per admission, with the supplier's name and size and the scheme's and category's titles.
SELECT d.*, p.name AS supplier_name, p.size AS supplier_size, s.title AS scheme_title, c.title AS category_title
FROM admissions AS d
JOIN suppliers AS p ON p.supplier_id = d.supplier_id
JOIN schemes AS s ON s.scheme_id = d.scheme_id
JOIN categories AS c ON c.scheme_id = d.scheme_id AND c.category_id = d.category_id""",
}

# Full-text search on names and titles, as sqlite-utils sets it up for Datasette: an FTS5 table <table>_fts whose
# content is the table's rows (by rowid), filled once at export (the file is never written to again).
FULL_TEXT: dict[str, tuple[str, ...]] = {
    "schemes": ("title", "description", "buyer_name"),
    "categories": ("title", "description"),
    "suppliers": ("name",),
    "awards": ("title", "description", "buyer_name"),
}


def quoted(name: str) -> str:
    """An SQL identifier, quoted: some column names (left, type) are SQL keywords."""
    return '"' + name.replace('"', '""') + '"'


def _names(columns: list[str] | tuple[str, ...]) -> str:
    return ", ".join(quoted(c) for c in columns)


def create_table(resource: str) -> str:
    """CREATE TABLE with each column's English title as a comment (shown by sqlite3's .schema)."""
    schema = schemas.table_schema(resource)
    required = {c.name for c in schemas.columns(resource) if c.required}
    columns = [
        f"{quoted(f['name'])} {SQL_TYPES[f['type']]}{' NOT NULL' * (f['name'] in required)}, -- {f['title']}"
        for f in schema["fields"]
    ]
    constraints = [f"PRIMARY KEY ({_names(schema['primaryKey'])})"]
    for fk in schema.get("foreignKeys", []):
        ref = fk["reference"]
        constraints.append(
            f"FOREIGN KEY ({_names(fk['fields'])}) REFERENCES {quoted(ref['resource'])} ({_names(ref['fields'])})"
        )
    body = "\n  ".join([*columns, ",\n  ".join(constraints)])
    return f"CREATE TABLE {quoted(resource)} ( -- {schema['title']}: {schema['description']}\n  {body}\n)"


def stored(kind: str, column: Column) -> Column | list[object]:
    """A column's values as stored: text as is, dates as ISO text (sqlite3's own date adapter is deprecated),
    numbers as an INTEGER when whole and a REAL otherwise.

    The export checked every number first (tables.check_numbers), so stored_number's cheap way holds.
    """
    if kind == "date":
        return [None if v is None else v.isoformat() for v in column]
    if kind in ("number", "integer"):
        if whole_and_exact([v for v in column if v is not None]):
            return column
        return [None if v is None else stored_number(v) for v in column]
    return column


class Earlier(NamedTuple):
    """The previous export's database and, per resource, its rows' segments (generator.export.segments)."""

    path: Path
    segments: dict[str, Segments]


def write_database(
    columns: dict[str, Blocks],
    path: Path,
    segments: dict[str, Segments] | None = None,
    earlier: Earlier | None = None,
) -> None:
    """Build the database at path (a new file). Same tables, same bytes: rows go in in key order (a row's rowid
    is its place), then VACUUM, then the full-text tables; the header's write counters are set to fixed values.

    With the segments of the rows and an earlier database of the same resources, that database is copied and
    only the segments whose rows changed are deleted, moved or inserted: VACUUM writes the same file from the
    same rows in the same order, whatever their pages were before.

    The rows are put in a work file beside path, which VACUUM INTO writes to path: VACUUM in place would write
    the database twice (to a temporary file, then back), national: 190 MB each time."""
    if path.exists():
        raise FileExistsError(path)
    work = path.with_name(path.name + ".work")
    work.unlink(missing_ok=True)
    if earlier is not None and segments is not None and set(earlier.segments) == set(columns):
        shutil.copyfile(earlier.path, work)
    else:
        earlier = None
    try:
        _filled(work, path, columns, segments, earlier)
    finally:
        work.unlink(missing_ok=True)
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode = OFF")  # the file is new, and thrown away if anything fails
        # after VACUUM, which may renumber the rowids the full-text tables point to
        con.execute("BEGIN")
        for resource, indexed in FULL_TEXT.items():
            fts = quoted(f"{resource}_fts")
            con.execute(f"CREATE VIRTUAL TABLE {fts} USING FTS5 ({_names(indexed)}, content='{resource}')")
            con.execute(f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')")
        con.execute("COMMIT")
    finally:
        con.close()
    _fix_counters(path)


def _filled(
    work: Path, path: Path, columns: dict[str, Blocks], segments: dict[str, Segments] | None, earlier: Earlier | None
) -> None:
    """The rows in the work file (new, or the earlier database's copy), VACUUMed INTO path (a new file)."""
    con = sqlite3.connect(work, isolation_level=None)
    try:
        # a fixed page size; no journal: the file is new and is thrown away if anything fails.
        # Foreign keys are checked once at the end (faster than on every insert, and says which).
        con.executescript("PRAGMA page_size = 4096; PRAGMA journal_mode = OFF; BEGIN;")
        if earlier is not None and segments is not None:
            for resource in FULL_TEXT:  # made again after VACUUM (write_database), as in a new database
                con.execute(f"DROP TABLE {quoted(f'{resource}_fts')}")
            for resource, rows in columns.items():
                _update(con, resource, rows, segments[resource], earlier.segments[resource])
        else:
            _create(con, columns)
        broken = con.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise ExportError(f"foreign keys that do not resolve in the database: {broken[:5]}")
        con.execute("COMMIT")
        con.execute("VACUUM INTO ?", (str(path),))
    finally:
        con.close()


def _create(con: sqlite3.Connection, columns: dict[str, Blocks]) -> None:
    for resource, rows in columns.items():
        kinds = list(field_types(resource).values())
        con.execute(create_table(resource))
        insert = f"INSERT INTO {quoted(resource)} VALUES ({', '.join('?' * len(kinds))})"
        for block in rows:
            con.executemany(insert, _stored_rows(kinds, block))
        for indexed in INDEXES.get(resource, []):
            index = quoted("_".join((resource, *indexed)))
            con.execute(f"CREATE INDEX {index} ON {quoted(resource)} ({_names(indexed)})")
    for name, select in VIEWS.items():
        con.execute(f"CREATE VIEW {quoted(name)} AS{select}")


def _stored_rows(kinds: list[str], block: list[Column]) -> Iterator[tuple[object, ...]]:
    return zip(*map(stored, kinds, block), strict=True)


_AWAY = 1 << 40  # rowids are moved out of the way there first, so no two rows ever share one


def _update(con: sqlite3.Connection, resource: str, rows: Blocks, now: Segments, before: Segments) -> None:
    """Make the table's rows those of `now`, from the rows of the segments `before` (each row's rowid its place):
    segments gone are deleted, those kept move to their new place, new ones are inserted. A resource whose
    segments cannot be told apart by their text (Segments.reusable) is deleted and inserted whole."""
    table = quoted(resource)
    if now.reusable and before.reusable:
        kept = {s.digest: s for s in before.spans}
        staying = {s.digest for s in now.spans}
        for gone in (s for s in before.spans if s.digest not in staying):
            con.execute(f"DELETE FROM {table} WHERE rowid BETWEEN ? AND ?", (gone.start + 1, gone.end))
    else:
        kept = {}
        con.execute(f"DELETE FROM {table}")
    moved = [(kept[s.digest], s) for s in now.spans if s.digest in kept and kept[s.digest].start != s.start]
    for old, new in moved:
        shift = _AWAY + new.start - old.start
        con.execute(
            f"UPDATE {table} SET rowid = rowid + ? WHERE rowid BETWEEN ? AND ?", (shift, old.start + 1, old.end)
        )
    if moved:
        con.execute(f"UPDATE {table} SET rowid = rowid - ? WHERE rowid > ?", (_AWAY, _AWAY // 2))
    kinds = list(field_types(resource).values())
    names = _names(list(field_types(resource)))
    insert = f"INSERT INTO {table} (rowid, {names}) VALUES ({', '.join('?' * (len(kinds) + 1))})"
    for segment in now.spans:
        if segment.digest not in kept:
            rowids = range(segment.start + 1, segment.end + 1)
            values = [row for block in rows_in(rows, segment.start, segment.end) for row in _stored_rows(kinds, block)]
            con.executemany(insert, ((rowid, *row) for rowid, row in zip(rowids, values, strict=True)))


# The header's file change counter and its copy (offsets 24 and 92: equal, so the header's page count holds) and
# the schema cookie (40) count the writes and schema changes the file went through, not what it holds.
_COUNTERS = (24, 40, 92)


def _fix_counters(path: Path) -> None:
    with path.open("r+b") as file:
        for offset in _COUNTERS:
            file.seek(offset)
            file.write((1).to_bytes(4, "big"))

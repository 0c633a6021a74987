"""The Excel workbook: one sheet per resource; text stays text, dates are dates, amounts are numbers.

openpyxl writes the workbook around the data (styles, sheets with their header row, frozen pane,
filter and column widths); the data rows are written here, straight into each sheet's XML, while the
zip is rewritten with fixed timestamps. openpyxl's cell objects cost about 17 µs a cell: 80 s for the
4.6 million cells of a national dataset, against a few seconds this way.

A sheet's rows are deflated a segment at a time (generator.export.segments, generator.export.zipped), so a
segment whose rows and row numbers are the previous export's is copied from its workbook, not written again.
"""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from itertools import repeat
from operator import sub
from pathlib import Path
from types import NoneType
from typing import Any, BinaryIO, NamedTuple
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.writer.excel import ExcelWriter

from generator.export.segments import Segments, rows_in
from generator.export.tables import (
    BLOCK,
    Blocks,
    Column,
    ExportError,
    Record,
    Tables,
    field_types,
    kinds_in,
    where,
)
from generator.export.text import column_text, widen
from generator.export.zipped import Piece, deflated, joined, write_zip
from generator.model.facts import newest_event

MAX_ROWS = 1_048_576  # per sheet, header included
MAX_CELL_CHARS = 32_767  # openpyxl would silently cut longer text
MAX_WIDTH = 60
FIRST_DATE = date(1900, 3, 1)  # Excel's day numbers are wrong before this (its 1900 leap-year bug)
EXCEL_DAY_ZERO = date(1899, 12, 30)  # from FIRST_DATE on, Excel's day number is the days since this
SHEET = "xl/worksheets/sheet{}.xml"
# Characters a cell cannot hold as written: XML forbids most control characters and XML parsers turn
# a carriage return into a line feed.
_UNFAITHFUL = re.compile(r"[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")
# Excel reads `_x0041_` in a cell's text as an escape for "A" (ECMA-376, ST_Xstring). An underscore that
# begins such a sequence is written as the escape `_x005F_`, so Excel shows the text as written. Every such
# underscore, overlapping ones included ("_x0041_x0042_"), and `_X` too: escaping an underscore is always exact.
_EXCEL_ESCAPE = re.compile(r"_(?=[xX][0-9A-Fa-f]{4}_)")


def _refusal(value: Any) -> str | None:
    """Why a cell could not hold the value exactly as it is, or None."""
    if isinstance(value, str):
        if len(value) > MAX_CELL_CHARS:
            return f"{len(value)} characters; an Excel cell holds {MAX_CELL_CHARS}"
        found = _UNFAITHFUL.search(value)
        if found:
            return f"{found.group()!r} cannot be written to Excel as it is; remove it from the record"
    elif isinstance(value, date) and value < FIRST_DATE:
        return f"{value} is before {FIRST_DATE}, the first date Excel counts correctly"
    return None


def _fine_at_a_glance(kind: str, column: Column) -> bool:
    """Whether a whole column of text or dates is clearly one _refusal accepts (one C-speed look at all of it)."""
    found = kinds_in(column)
    if kind == "string" and found <= {str, NoneType}:
        present = list(filter(None, column))
        text = "\n".join(present)  # a match of _UNFAITHFUL is one character: none can span two values
        return max(map(len, present), default=0) <= MAX_CELL_CHARS and not _UNFAITHFUL.search(text)
    if kind == "date" and found <= {date, NoneType}:
        return min(filter(None, column), default=FIRST_DATE) >= FIRST_DATE
    return False


def check_sheet_size(resource: str, rows: int) -> None:
    """Raise ExportError if a sheet cannot hold this many rows of the resource (and its header)."""
    if rows + 1 > MAX_ROWS:
        raise ExportError(f"{resource} has {rows} rows; an Excel sheet holds {MAX_ROWS - 1}")


def check_cell_values(resource: str, records: list[Record], rows: Blocks) -> None:
    """Raise ExportError, naming the row, before the resource's files are written if the workbook could not hold
    one of its records' values (rows: their blocks)."""
    kinds = field_types(resource)
    for block_start, block in zip(range(0, len(records), BLOCK), rows, strict=True):
        for (name, kind), column in zip(kinds.items(), block, strict=True):
            if kind not in ("string", "date") or _fine_at_a_glance(kind, column):
                continue
            for i, value in enumerate(column, block_start):
                refusal = _refusal(value)
                if refusal:
                    raise ExportError(f"{where(resource, records[i], name)}: {refusal}")


def _widths(resource: str, longest: list[int]) -> list[float]:
    """Each column as wide as its longest first line (header included), at most MAX_WIDTH."""
    return [min(max(len(name), most), MAX_WIDTH) + 2 for name, most in zip(field_types(resource), longest, strict=True)]


def longest_lines(resource: str, rows: Blocks) -> list[int]:
    """Per column, the length of its longest first line as text (the CSV gives it too: text.csv_rows)."""
    longest = [0] * len(field_types(resource))
    for block in rows:
        widen(longest, field_types(resource).values(), list(map(column_text, field_types(resource).values(), block)))
    return longest


def _add_sheet(wb: Workbook, resource: str, records: list[Record], longest: list[int]) -> None:
    """The sheet as openpyxl writes it: header row, frozen pane, filter over every row, column widths."""
    names = list(field_types(resource))
    ws = wb.create_sheet(resource)
    ws.freeze_panes = "A2"
    ws.auto_filter = AutoFilter(ref=f"A1:{get_column_letter(len(names))}{len(records) + 1}")
    for i, width in enumerate(_widths(resource, longest), 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    header = []
    for name in names:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)


def _date_style(ws: WriteOnlyWorksheet) -> int:
    """The workbook's style index for dates shown as yyyy-mm-dd (asking for it adds it to styles.xml)."""
    cell = WriteOnlyCell(ws, value=date(2000, 1, 1))  # a date value gives the cell openpyxl's yyyy-mm-dd format
    style: int = cell.style_id  # openpyxl has no type hints
    return style


def _escaped(texts: list[str]) -> list[str]:
    """Each text as a cell's XML writes it: escape() for XML and _EXCEL_ESCAPE for Excel's `_xHHHH_`.

    A few C calls over all texts when they allow a separator; the regex only runs where an underscore occurs
    (one memchr-fast look; most columns hold none).

    >>> _escaped(["a & b", "_x0041_", "_x0041_x0042_", "_X004a_ x"])
    ['a &amp; b', '_x005F_x0041_', '_x005F_x0041_x005F_x0042_', '_x005F_X004a_ x']
    """
    joined = escape("\0".join(texts))
    if "_" in joined:
        joined = _EXCEL_ESCAPE.sub("_x005F_", joined)  # a match holds no "\0", so none spans two texts
    parts = joined.split("\0")
    if len(parts) == len(texts):
        return parts
    return [_EXCEL_ESCAPE.sub("_x005F_", escape(text)) for text in texts]


def _cell_values(kind: str, column: Column) -> list[Any]:
    """Per row, what goes between a cell's tags (None: no cell): escaped text, exact decimal text, a day number."""
    found = kinds_in(column)
    if kind == "date" and found == {date}:
        return list(map(sub, map(date.toordinal, column), repeat(EXCEL_DAY_ZERO.toordinal())))
    if kind == "date":
        return [None if v is None else (v - EXCEL_DAY_ZERO).days for v in column]
    texts = column_text(kind, column)  # the CSV text: "" when absent, exact decimals (check_numbers: they fit)
    if kind == "string":  # an inline string is text whatever it starts with: never a formula
        texts = _escaped(list(texts))
    if NoneType not in found:
        return list(texts)
    return [None if v is None else t for v, t in zip(column, texts, strict=True)]


def _cells(kind: str, column: Column, template: str, numbers: range) -> list[str]:
    """Per row, the XML of the column's cell ("" when absent): template filled with row number and value."""
    values = _cell_values(kind, column)
    if None not in column:
        return list(map(template.__mod__, zip(numbers, values, strict=True)))
    return ["" if v is None else template % (n, v) for n, v in zip(numbers, values, strict=True)]


def _cell_templates(resource: str, date_style: int) -> list[str]:
    """Per column, a cell's XML with %d for its row number and %s for _cell_values' text."""
    templates = {
        "string": '<c r="{}%d" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>',
        "number": '<c r="{}%d" t="n"><v>%s</v></c>',
        "integer": '<c r="{}%d" t="n"><v>%s</v></c>',
        "date": f'<c r="{{}}%d" s="{date_style}" t="n"><v>%s</v></c>',  # shown through the yyyy-mm-dd style
    }
    kinds = field_types(resource).values()
    return [templates[kind].format(get_column_letter(i)) for i, kind in enumerate(kinds, 1)]


def _rows_xml(resource: str, rows: Blocks, date_style: int, first: int) -> Iterator[str]:
    """The rows' XML, a block at a time, numbered from `first` (row 1 is the header)."""
    kinds = list(field_types(resource).values())
    templates = _cell_templates(resource, date_style)
    row = '<row r="%d">' + "%s" * len(kinds) + "</row>"
    for block in rows:
        numbers = range(first, first + len(block[0]))
        cells = [_cells(*column, numbers) for column in zip(kinds, block, templates, strict=True)]
        yield "".join(map(row.__mod__, zip(numbers, *cells, strict=True)))
        first += len(block[0])


class Earlier(NamedTuple):
    """The previous export's workbook and, per resource, where each segment's rows are in it (see Placed)."""

    path: Path
    placed: dict[str, dict[str, Placed]]  # resource -> segment digest -> where its rows are


class Placed(NamedTuple):
    """A segment's rows in a workbook: their first row's number, and their deflated piece (generator.export.zipped):
    where it starts in the file, its length, and the length and CRC-32 of its text."""

    first_row: int
    offset: int
    length: int
    size: int
    crc: int


def _segment_pieces(
    resource: str, rows: Blocks, segments: Segments, date_style: int, earlier: Earlier | None, file: BinaryIO | None
) -> list[Piece]:
    """Each segment's rows as a deflated piece: taken from the earlier workbook where it has the same rows at the
    same row numbers (a row's number is in its XML), else made."""
    placed = earlier.placed.get(resource, {}) if earlier is not None and segments.reusable else {}
    pieces = []
    for segment in segments.spans:
        known = placed.get(segment.digest)
        if known is not None and file is not None and known.first_row == segment.start + 2:
            file.seek(known.offset)
            data = file.read(known.length)
            if len(data) == known.length:
                pieces.append(Piece(data, known.size, known.crc))
                continue
        text = "".join(_rows_xml(resource, rows_in(rows, segment.start, segment.end), date_style, segment.start + 2))
        pieces.append(deflated(text.encode("utf-8")))
    return pieces


def _scaffold(tables: Tables, columns: dict[str, Blocks], longest: dict[str, list[int]] | None) -> tuple[bytes, int]:
    """The workbook as openpyxl writes it, without the data rows (a zip), and its style index for dates."""
    wb = Workbook(write_only=True)
    for resource, records in tables.items():
        _add_sheet(wb, resource, records, longest[resource] if longest else longest_lines(resource, columns[resource]))
    date_style = _date_style(wb.worksheets[0])
    when = datetime.combine(newest_event(tables) or date(1980, 1, 1), datetime.min.time())
    wb.properties.created = wb.properties.modified = when
    raw = io.BytesIO()
    # ExcelWriter directly: Workbook.save would stamp the current time into docProps/core.xml
    ExcelWriter(wb, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
    return raw.getvalue(), date_style


def write_workbook(
    path: Path,
    tables: Tables,
    columns: dict[str, Blocks],
    segments: dict[str, Segments],
    longest: dict[str, list[int]] | None = None,
    earlier: Earlier | None = None,
) -> dict[str, list[Placed]]:
    """Write the workbook to path (a new file), byte-identical for the same tables: fixed timestamps, its
    created/modified time the newest event in the data, [Content_Types].xml first. Return where each resource's
    segments (generator.export.segments) are in it, for the next export's `earlier`.

    columns: the tables' blocks (tables.all_blocks); longest: per resource, what longest_lines gives, if known.
    """
    scaffold, date_style = _scaffold(tables, columns, longest)
    source = zipfile.ZipFile(io.BytesIO(scaffold))
    names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
    sheets = {SHEET.format(i): resource for i, resource in enumerate(columns, 1)}
    members: list[tuple[str, Piece]] = []
    rows_at: dict[str, tuple[int, int, list[Piece]]] = {}  # resource -> (member's place, its head's length, rows)
    with contextlib.ExitStack() as stack:
        file = stack.enter_context(earlier.path.open("rb")) if earlier is not None and earlier.path.is_file() else None
        for name in names:
            part = source.read(name)
            if name not in sheets:
                members.append((name, deflated(part, last=True)))
                continue
            head, end, tail = part.partition(b"</sheetData>")
            if not end:
                raise ExportError(f"openpyxl wrote {name} without sheetData")
            resource = sheets[name]
            pieces = _segment_pieces(resource, columns[resource], segments[resource], date_style, earlier, file)
            first = deflated(head)
            rows_at[resource] = (len(members), len(first.data), pieces)
            members.append((name, joined([first, *pieces, deflated(end + tail, last=True)])))
    with path.open("xb") as target:
        starts = write_zip(target, members)
    placed: dict[str, list[Placed]] = {}
    for resource, (member, head_length, pieces) in rows_at.items():
        offset = starts[member] + head_length
        placed[resource] = []
        for segment, piece in zip(segments[resource].spans, pieces, strict=True):
            placed[resource].append(Placed(segment.start + 2, offset, len(piece.data), piece.size, piece.crc))
            offset += len(piece.data)
    return placed

"""The Excel workbook: one sheet per resource; text stays text, dates are dates, amounts are numbers.

Written with openpyxl in write-only mode (rows stream to disk, so national scale fits in memory),
then the zip is rewritten with fixed timestamps so the same data gives the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.writer.excel import ExcelWriter

from .tables import ExportError, Tables, as_float_exactly, cell_text, field_types, newest_event, where

MAX_ROWS = 1_048_576  # per sheet, header included
MAX_CELL_CHARS = 32_767  # openpyxl would silently cut longer text
MAX_WIDTH = 60
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold
# Characters a cell cannot hold as written: XML forbids most control characters, XML parsers turn
# a carriage return into a line feed, and Excel reads `_x0041_` as an escape for "A".
_UNFAITHFUL = re.compile(r"[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")


def check_text(tables: Tables) -> None:
    """Raise ExportError before anything is written if the workbook could not hold a value as it is."""
    for resource, records in tables.items():
        if len(records) + 1 > MAX_ROWS:
            raise ExportError(f"{resource} has {len(records)} rows; an Excel sheet holds {MAX_ROWS - 1}")
        text_columns = [name for name, kind in field_types(resource).items() if kind == "string"]
        for record in records:
            for name in text_columns:
                value = record[name]
                if value is None:
                    continue
                if len(value) > MAX_CELL_CHARS:
                    place = where(resource, record, name)
                    raise ExportError(f"{place}: {len(value)} characters; an Excel cell holds {MAX_CELL_CHARS}")
                found = _UNFAITHFUL.search(value)
                if found:
                    raise ExportError(
                        f"{where(resource, record, name)}: {found.group()!r} cannot be written to Excel as it is; "
                        "remove the control character or escape-like text from the record"
                    )


def _text(ws: WriteOnlyWorksheet, value: str, bold: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"  # set after the value: openpyxl makes "=..." a formula and "#N/A" an error
    if bold:
        cell.font = Font(bold=True)
    return cell


def _cell(ws: WriteOnlyWorksheet, value: Any, kind: str, place: str) -> Any:
    if value is None:
        return None
    if kind == "string":
        return _text(ws, value)
    if kind in ("number", "integer"):
        return as_float_exactly(value, place)
    if kind == "date":
        return value  # openpyxl stores a date as a serial number formatted yyyy-mm-dd
    raise ExportError(f"{place}: no Excel form for the type {kind}")


def _widths(names: list[str], records: list[dict[str, Any]]) -> list[float]:
    """Each column as wide as its longest first line (header included), at most MAX_WIDTH."""
    widest = [len(name) for name in names]
    for record in records:
        for i, name in enumerate(names):
            widest[i] = max(widest[i], len(cell_text(record[name]).partition("\n")[0]))
    return [min(w, MAX_WIDTH) + 2 for w in widest]


def _add_sheet(wb: Workbook, resource: str, records: list[dict[str, Any]]) -> None:
    kinds = field_types(resource)
    names = list(kinds)
    ws = wb.create_sheet(resource)
    ws.freeze_panes = "A2"
    last = get_column_letter(len(names))
    ws.auto_filter = AutoFilter(ref=f"A1:{last}{len(records) + 1}")
    for i, width in enumerate(_widths(names, records), 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.append([_text(ws, name, bold=True) for name in names])
    for record in records:
        ws.append([_cell(ws, record[n], kinds[n], where(resource, record, n)) for n in names])


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with fixed timestamps and permissions, [Content_Types].xml first, the rest sorted."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            target.writestr(info, source.read(name))
    return out.getvalue()


def workbook_bytes(tables: Tables) -> bytes:
    """The workbook, byte-identical for the same tables: its created/modified time is the newest event in the data."""
    wb = Workbook(write_only=True)
    for resource, records in tables.items():
        _add_sheet(wb, resource, records)
    when = datetime.combine(newest_event(tables) or date(1980, 1, 1), datetime.min.time())
    wb.properties.created = wb.properties.modified = when
    raw = io.BytesIO()
    # ExcelWriter directly: Workbook.save would stamp the current time into docProps/core.xml
    ExcelWriter(wb, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
    return _fixed_zip(raw.getvalue())

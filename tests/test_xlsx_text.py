"""Text that looks like Excel's `_xHHHH_` escape is written so Excel shows it as written, and the
downloads page tells spreadsheet users that CSV text starting with = + - @ is kept as written."""

from __future__ import annotations

import csv
import json
import re
import shutil
import sqlite3
import zipfile
from html import unescape as html_unescape
from pathlib import Path

import openpyxl
import pytest
import yaml
from openpyxl.utils.escape import unescape

from generator.export import export_folder
from generator.export.downloads import Written
from generator.load import load
from generator.model import build_model
from generator.render.pages import Inputs, render_pages

FIXTURE = Path(__file__).parent / "fixtures" / "valid"
# (file, field, sheet, column): a scheme title, a supplier name and an award description
PLACES = [
    ("schemes/tolk-fjordvik.yaml", "title", "schemes", "title"),
    ("suppliers/NO-BRC-312345692.yaml", "name", "suppliers", "name"),
    ("awards/tolk-fjordvik/2024-001.yaml", "description", "awards", "description"),
]
# text -> as a cell's XML holds it: each underscore that begins `_xHHHH_` written as the escape _x005F_
LOOKALIKES = {
    "_x0041_": "_x005F_x0041_",
    "a_x005F_b": "a_x005F_x005F_b",
    "_X004a_": "_x005F_X004a_",
    "__x0041__": "__x005F_x0041__",
    "_x0041_x0042_": "_x005F_x0041_x005F_x0042_",
    "Fjord_x00e5_ & <_x0020_> _x12_ _xZZZZ_": "Fjord_x005F_x00e5_ & <_x005F_x0020_> _x12_ _xZZZZ_",
}


def planted(tmp_path: Path, text: str) -> tuple[Path, dict[str, str]]:
    """The valid fixture with a distinct value holding `text` in each of PLACES."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    values = {}
    for file, field, _, column in PLACES:
        record = yaml.load((data / file).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # scalars as text
        record[field] = values[column] = f"{text} {column}"
        (data / file).write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return data, values


def sheet_xml(workbook: Path, sheet: str) -> str:
    with zipfile.ZipFile(workbook) as z:
        names = openpyxl.load_workbook(workbook, read_only=True).sheetnames
        return z.read(f"xl/worksheets/sheet{names.index(sheet) + 1}.xml").decode("utf-8")


def cells_of(xml: str) -> list[str]:
    """The text of the sheet's inline strings, as written in the XML (entities resolved, Excel's escapes not)."""
    return [html_unescape(t) for t in re.findall(r"<t xml:space=\"preserve\">(.*?)</t>", xml, re.S)]


@pytest.mark.parametrize(("text", "written"), LOOKALIKES.items())
def test_text_like_an_excel_escape_is_written_so_excel_shows_it_as_written(
    tmp_path: Path, text: str, written: str
) -> None:
    data, values = planted(tmp_path, text)
    out = tmp_path / "out"
    _, problems, entries = export_folder(data, out)
    assert entries is not None, problems
    book = openpyxl.load_workbook(out / "dps.xlsx")
    for _, _, sheet, column in PLACES:
        value = values[column]
        assert f"{written} {column}" in cells_of(sheet_xml(out / "dps.xlsx", sheet)), sheet
        header, *rows = book[sheet].iter_rows(values_only=True)
        read = [unescape(row[header.index(column)]) for row in rows if row[header.index(column)]]
        assert value in read, (sheet, read)
        # the other downloads hold the value exactly as written
        with (out / f"{sheet}.csv").open(encoding="utf-8", newline="") as f:
            assert value in [row[column] for row in csv.DictReader(f)]
        rows_json = json.loads((out / "json" / f"{sheet}.json").read_text(encoding="utf-8"))
        assert value in [row[column] for row in rows_json]
        with sqlite3.connect(out / "dps.sqlite") as db:
            assert value in [v for (v,) in db.execute(f'select "{column}" from "{sheet}"')]


def test_what_a_cell_cannot_hold_is_still_refused(tmp_path: Path) -> None:
    from generator.export import ExportError, write_downloads

    dataset, _ = load(FIXTURE)
    dataset.tables["suppliers"][0].values["name"] = "Linje\x0bskift _x0041_"
    with pytest.raises(ExportError, match="cannot be written to Excel"):
        write_downloads(dataset, tmp_path)
    assert list(tmp_path.iterdir()) == []


# --- the downloads page: CSV keeps formula-like text as written, the Excel file is the safe one ------------

CSV_NOTE = {
    "nb": "CSV-filene har teksten nøyaktig slik den er skrevet, også tekst som begynner med =, +, - eller @",
    "en": "The CSV files hold text exactly as written, including text that starts with =, +, - or @",
}


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_downloads_page_says_csv_text_may_run_as_a_formula_and_points_to_excel(lang: str) -> None:
    dataset, _ = load(FIXTURE)
    inputs = Inputs(build_model(dataset), downloads=Written([], {}))
    page = next(render_pages(inputs, lang, [p for p in inputs.pages if p.kind == "downloads"]))
    paragraphs = [html_unescape(p) for p in re.findall(r"<p>(.*?)</p>", page.body, re.S)]
    note = next(p for p in paragraphs if p.startswith(CSV_NOTE[lang]))
    assert ("formel" if lang == "nb" else "formula") in note and "Excel" in note

"""Markup, scripts, links, template syntax and formulas in every free-text field land as inert, exact text:
on every page, in titles, feeds and every download format."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import made_once
from tests.sitecheck import html_files

FIXTURE = Path(__file__).parent / "fixtures" / "valid"
PAYLOAD = (
    '<script>alert(1)</script><img src=x onerror=alert(2)> <a href="javascript:alert(3)">x</a> '
    "[md](javascript:alert(4)) **bold** | a | b | {{ 7*7 }} {% if 1 %}t{% endif %} ${x} "
    '=HYPERLINK("http://evil.example") &amp; \'single\' "double"'
)
# record file pattern -> YAML paths of its free-text fields (no pattern, enum or id format constrains them)
FIELDS = {
    "schemes/*.yaml": ["title", "description", "buyer.name", "notices.doffin", "notices.ted"],
    "suppliers/*.yaml": ["name"],
    "awards/*/*.yaml": ["title", "description", "notices.doffin"],
}


def plant(record: dict, path: str, value: str) -> None:
    *parents, last = path.split(".")
    for key in parents:
        record = record.setdefault(key, {})
    record[last] = value


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], Path]:
    """The fixture with a distinct hostile value in every free-text field; built into a site (once in a run)."""
    root = made_once(tmp_path_factory, "injection", plant_and_build)
    values = json.loads((root / "values.json").read_text(encoding="utf-8"))
    return root / "data", values, root / "site"


def plant_and_build(root: Path) -> None:
    """root/data: the planted records; root/values.json: each planted value by where it is; root/site: the site."""
    data = root / "data"
    shutil.copytree(FIXTURE, data)
    values: dict[str, str] = {}
    for pattern, paths in FIELDS.items():
        for file in sorted(data.glob(pattern)):
            record = yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # every scalar as text
            for path in paths:
                key = f"{file.relative_to(data).as_posix()}:{path}"
                value = f"{PAYLOAD} #{key}"
                plant(record, path, value)
                values[key] = value
            for category in record.get("categories", []):
                category["title"] = f"{PAYLOAD} #{category['id']}.title"
                values[f"{category['id']}.title"] = category["title"]
            file.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    scheme = data / "schemes/tolk-fjordvik.yaml"
    # a javascript: address is refused by validate (test_hostile); one that tries to leave its attribute is not
    text = scheme.read_text(encoding="utf-8").replace(
        "https://example.org/tolk", "https://example.org/t?q='onmouseover='alert(5)"
    )
    scheme.write_text(text, encoding="utf-8")
    assert len(values) == 2 * 5 + 2 + 3 * 1 + 3 * 3  # schemes, categories, suppliers, awards
    (root / "values.json").write_text(json.dumps(values), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--data", str(data), "--out", str(root / "site")])
    assert result.exit_code == 0, result.output


def test_every_planted_value_is_escaped_on_every_page(planted) -> None:
    _, values, site = planted
    pages = html_files(site)
    text = "\n".join(p.read_text(encoding="utf-8") for p in pages)
    assert "<script>alert(1)" not in text
    assert "<img src=x" not in text
    assert not re.search(r"""href=["']?\s*javascript:""", text, re.I)
    assert "'onmouseover='alert(5)" not in text  # the address stays inside its attribute
    assert "{{ 7*7 }} {% if 1 %}t{% endif %}" in text  # template syntax stays as written
    assert "<strong>bold</strong>" not in text  # no Markdown rendering of record text
    for key in (
        "schemes/tolk-fjordvik.yaml:title",
        "suppliers/NO-BRC-312345692.yaml:name",
        "awards/tolk-fjordvik/2024-001.yaml:title",
        "muntlig.title",
    ):
        escaped = values[key].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert escaped.split(" #")[0][:60] in text, key


def test_titles_and_descriptions_of_pages_are_escaped(planted) -> None:
    _, _, site = planted
    html = (site / "schemes/tolk-fjordvik/index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title.startswith("&lt;script&gt;alert(1)&lt;/script&gt;")
    description = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
    assert "<" not in description


def test_feeds_carry_the_values_as_text(planted) -> None:
    _, values, site = planted
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring((site / "feeds/awards.xml").read_bytes())
    titles = {e.findtext(f"{atom}title") for e in feed.iter(f"{atom}entry")}
    assert values["awards/tolk-fjordvik/2024-001.yaml:title"] in titles


def test_exports_hold_every_value_exactly(planted) -> None:
    _, values, site = planted
    downloads = site / "downloads"
    planted_values = set(values.values())

    def found(cells: list[str]) -> set[str]:
        return {c for c in cells if c in planted_values}

    csv_cells = [
        cell
        for path in downloads.glob("*.csv")
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))
        for cell in row
    ]
    json_cells = [
        v for path in (downloads / "json").glob("*.json") for v in _json_strings(json.loads(path.read_bytes()))
    ]
    book = openpyxl.load_workbook(downloads / "dps.xlsx")
    xlsx = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert all(c.data_type == "s" for c in xlsx), "a text cell that is not text could be a formula"
    database = sqlite3.connect(downloads / "dps.sqlite")
    tables = [r[0] for r in database.execute("select name from sqlite_master where type = 'table'")]
    sql_cells = [v for t in tables for row in database.execute(f'select * from "{t}"') for v in row]
    for name, cells in (
        ("csv", csv_cells),
        ("json", json_cells),
        ("xlsx", [c.value for c in xlsx]),
        ("sql", sql_cells),
    ):
        assert found([c for c in cells if isinstance(c, str)]) == planted_values, name


def _json_strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in _json_strings(v)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _json_strings(v)]
    return []

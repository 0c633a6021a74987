"""Downloads: every format read back with its usual reader equals the records; exports are byte-identical."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import sqlite3
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from frictionless import Package
from hypothesis import example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils.escape import unescape

from generator import schemas
from generator.cli import main
from generator.export import ExportError, write_downloads
from generator.export.tables import as_float_exactly
from generator.indicators import compute_indicators
from generator.load import Dataset, load
from generator.model import build_model

from .conftest import FIXTURES, Edit

TRICKY = FIXTURES / "tricky"
A1 = "2024-0001-oslo-rammeavtale-for-totalentreprise-med-svaert-langt-navn-som-tester"
LONG_SCHEME = "renhold-og-vaktmestertjenester-for-kommunale-bygg-i-nordre-follo-og-as-2024-2028"
Tables = dict[str, list[dict[str, Any]]]


def kinds(resource: str) -> dict[str, str]:
    return {c.name: c.type for c in schemas.columns(resource)}


def expected_tables(dataset: Dataset, indicators: list[dict[str, Any]] | None = None) -> Tables:
    """The loaded records, sorted by primary key, and the indicators if given: what every format must hold."""
    out = {}
    for resource in schemas.RESOURCES:
        key = schemas.primary_key(resource)
        out[resource] = sorted((dict(r.values) for r in dataset.tables[resource]), key=lambda v: [v[c] for c in key])
    if indicators is not None:
        out["indicators"] = indicators
    return out


def published(folder: Path) -> list[str]:
    """The resources the folder's datapackage.json lists."""
    return [r["name"] for r in json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))["resources"]]


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    loaded, problems = load(TRICKY)
    assert problems == []
    return loaded


@pytest.fixture(scope="module")
def indicators(dataset: Dataset) -> list[dict[str, Any]]:
    return compute_indicators(build_model(dataset), [])


@pytest.fixture(scope="module")
def expected(dataset: Dataset, indicators: list[dict[str, Any]]) -> Tables:
    return expected_tables(dataset, indicators)


@pytest.fixture(scope="module")
def exported(
    dataset: Dataset, indicators: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, list[dict[str, Any]]]:
    out = tmp_path_factory.mktemp("downloads")
    return out, write_downloads(dataset, out, indicators).entries


@pytest.fixture(scope="module")
def out(exported: tuple[Path, list[dict[str, Any]]]) -> Path:
    return exported[0]


def assert_faithful(read: Tables, expected: Tables) -> None:
    """Same rows, same order, same typed values as the records; then the values this fixture exists for."""
    assert list(read) == list(expected)
    for resource in expected:
        assert read[resource] == expected[resource], resource
    awards = {r["award_id"]: r for r in read["awards"]}
    suppliers = {r["supplier_id"]: r for r in read["suppliers"]}
    assert suppliers["NO-BRC-410000008"]["municipality"] == "0301"
    assert suppliers["NO-BRC-410000008"]["name"] == "Ærlige Østlandske Åkerfolk AS"
    assert suppliers["NO-BRC-510000005"]["name"] == "=1+2 Bygg AS"
    assert suppliers["GB-COH-01234567"]["municipality"] is None
    assert awards[A1]["value_amount"] == Decimal("123456789012.34")
    assert awards[A1]["title"] == "\tTittel som starter med tabulator"
    assert awards[A1]["description"] == 'Totalentreprise, "nytt" bygg; to leverandører.\nLinje to: æøå ÆØÅ.\n'
    assert awards["2024-002"]["value_amount"] == 0 and awards["2024-002"]["sme_tenders"] == 0
    assert awards["2024-002"]["doffin_notice"] == "000123456789012345678"
    assert awards["2024-003"]["value_amount"] is None and awards["2024-003"]["tenders"] == 0
    assert awards["2024-001"]["tenders"] is None and awards["2024-001"]["scheme_id"] == LONG_SCHEME


# --- readers: each format read back with its usual reader, typed by the table schema ----------


def from_text(kind: str, text: str) -> Any:
    if text == "":
        return None
    return {"string": str, "integer": int, "number": Decimal, "date": date.fromisoformat}[kind](text)


def read_csv(path: Path, resource: str) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8", newline="") as f:
        return [{k: from_text(kinds(resource)[k], v) for k, v in row.items()} for row in csv.DictReader(f)]


def read_csvs(folder: Path) -> Tables:
    return {r: read_csv(folder / f"{r}.csv", r) for r in published(folder)}


def read_json(folder: Path) -> Tables:
    out = {}
    for resource in published(folder):
        rows = json.loads((folder / "json" / f"{resource}.json").read_text(encoding="utf-8"), parse_float=Decimal)
        for row in rows:
            for name, kind in kinds(resource).items():
                if kind == "date" and row[name] is not None:
                    row[name] = date.fromisoformat(row[name])
        out[resource] = rows
    return out


def typed(resource: str, names: Any, values: Any, convert: Callable[[str, Any], Any]) -> dict[str, Any]:
    return {n: convert(kinds(resource)[n], v) for n, v in zip(names, values, strict=True)}


def from_sqlite(kind: str, value: Any) -> Any:
    if value is None or kind in ("string", "integer"):
        return value
    return date.fromisoformat(value) if kind == "date" else Decimal(repr(value))


def read_sqlite(folder: Path) -> Tables:
    con = sqlite3.connect(folder / "dps.sqlite")
    out = {}
    for resource in published(folder):
        cursor = con.execute(f'SELECT * FROM "{resource}"')  # rowid order: the insertion order
        names = [d[0] for d in cursor.description]
        out[resource] = [typed(resource, names, row, from_sqlite) for row in cursor]
    con.close()
    return out


def from_xlsx(kind: str, value: Any) -> Any:
    if kind == "string" and value is not None:
        return unescape(value)  # as Excel reads text: `_x0041_` is "A", `_x005F_` an underscore
    if value is None or kind == "integer":
        return value
    return value.date() if kind == "date" else Decimal(repr(value))


def read_xlsx(folder: Path) -> Tables:
    wb = load_workbook(folder / "dps.xlsx")
    assert wb.sheetnames == published(folder)
    out = {}
    for resource in published(folder):
        header, *rows = wb[resource].iter_rows(values_only=True)
        out[resource] = [typed(resource, header, row, from_xlsx) for row in rows]
    return out


def read_frictionless(folder: Path, resources: list[str] | None = None) -> Tables:
    package = Package(str(folder / "datapackage.json"))
    return {r: [row.to_dict() for row in package.get_resource(r).read_rows()] for r in resources or published(folder)}


READERS: dict[str, Callable[[Path], Tables]] = {
    "csv": read_csvs,
    "frictionless": read_frictionless,
    "json": read_json,
    "sqlite": read_sqlite,
    "xlsx": read_xlsx,
}


def read_back(folder: Path, resource: str) -> dict[str, list[dict[str, Any]]]:
    """One resource as each format's reader reads it. frictionless reads only it (and what it references): all
    eight resources took it half a second, for each example of the properties below."""
    return {
        reader: read_frictionless(folder, [resource])[resource] if reader == "frictionless" else read(folder)[resource]
        for reader, read in READERS.items()
    }


@pytest.mark.parametrize("reader", READERS)
def test_every_format_read_back_equals_the_records(reader: str, out: Path, expected: Tables) -> None:
    assert_faithful(READERS[reader](out), expected)


# --- each format's own promises ------------------------------------------------------------


def test_csv_is_utf8_rfc4180_with_exact_number_text(out: Path) -> None:
    data = (out / "awards.csv").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == 5  # header and four rows; the line breaks inside descriptions stay \n
    rows = list(csv.reader(data.decode("utf-8").splitlines(keepends=True)))
    header = rows[0]
    amounts = {row[header.index("award_id")]: row[header.index("value_amount")] for row in rows[1:]}
    assert amounts == {A1: "123456789012.34", "2024-002": "0", "2024-003": "", "2024-001": "2400000.50"}


def test_json_numbers_keep_their_decimal_text(out: Path) -> None:
    text = (out / "json" / "awards.json").read_text(encoding="utf-8")
    assert '"value_amount": 2400000.50,' in text and '"value_amount": 0,' in text
    assert '"value_amount": null,' in text and '"tenders": null,' in text


def test_xlsx_text_is_text_dates_are_dates_numbers_are_numbers_and_nothing_is_a_formula(out: Path) -> None:
    wb = load_workbook(out / "dps.xlsx")
    for resource in published(out):
        ws = wb[resource]
        names = list(kinds(resource))
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(names)).column_letter}{ws.max_row}"
        assert all(ws.column_dimensions[ws.cell(1, i).column_letter].width > 0 for i in range(1, len(names) + 1))
        for row in ws.iter_rows(min_row=2):
            for name, cell in zip(names, row, strict=True):
                kind = kinds(resource)[name]
                assert cell.data_type != "f"
                if cell.value is None:
                    continue
                if kind == "string":
                    assert cell.data_type == "s", (resource, name, cell.value)
                elif kind == "date":
                    assert isinstance(cell.value, datetime) and cell.number_format == "yyyy-mm-dd"
                else:
                    assert cell.data_type == "n" and isinstance(cell.value, int | float)
    with zipfile.ZipFile(out / "dps.xlsx") as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in sheets)
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert b"2024-06-03T00:00:00Z" in z.read("docProps/core.xml")  # the newest event in the data


def test_sqlite_has_types_keys_indexes_and_named_views(out: Path, dataset: Dataset) -> None:
    con = sqlite3.connect(out / "dps.sqlite")
    types = dict(con.execute("SELECT name, type FROM pragma_table_info('awards')").fetchall())
    assert types["value_amount"] == "NUMERIC" and types["tenders"] == "INTEGER" and types["invited"] == "TEXT"
    stored = con.execute("SELECT DISTINCT typeof(value_amount) FROM awards").fetchall()
    assert {t for (t,) in stored} == {"integer", "real", "null"}
    assert con.execute("SELECT count(DISTINCT id) FROM pragma_foreign_key_list('award_suppliers')").fetchone() == (2,)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    indexed = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"awards_buyer_id", "award_suppliers_supplier_id", "admissions_supplier_id", "awards_awarded"} <= indexed
    plan = " ".join(str(r) for r in con.execute("EXPLAIN QUERY PLAN SELECT * FROM awards WHERE buyer_id = 'x'"))
    assert "awards_buyer_id" in plan
    named = con.execute(
        "SELECT award_id, supplier_id, supplier_name, scheme_title, buyer_name FROM awards_named ORDER BY 1, 2"
    ).fetchall()
    winners = len(dataset.tables["award_suppliers"])
    assert len(named) == winners + 1  # the cancelled award without suppliers appears once
    assert ("2024-003", None, None, 'Bygg- og anleggsarbeid i Ørsta, Æra og Å: "alt i ett"', "Ørsta kommune") in named
    assert named[1][:3] == (A1, "NO-BRC-510000005", "=1+2 Bygg AS")
    admissions = con.execute("SELECT count(*), count(supplier_name), count(scheme_title) FROM admissions_named")
    assert admissions.fetchone() == (len(dataset.tables["admissions"]),) * 3
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_sqlite_finds_names_and_titles_by_full_text(out: Path) -> None:
    con = sqlite3.connect(out / "dps.sqlite")

    def found(table: str, key: str, query: str) -> list[str]:
        sql = f"SELECT t.{key} FROM {table}_fts JOIN {table} AS t ON t.rowid = {table}_fts.rowid"
        return [r[0] for r in con.execute(sql + f" WHERE {table}_fts MATCH ? ORDER BY rank, 1", (query,))]

    # a word of a name, Norwegian letters and all; a prefix; a word of a title; a phrase of a description
    assert found("suppliers", "supplier_id", "Åkerfolk") == ["NO-BRC-410000008"]
    assert found("suppliers", "supplier_id", "Ærlig*") == ["NO-BRC-410000008"]
    assert found("awards", "award_id", "tabulator") == [A1]
    assert found("awards", "award_id", '"to leverandører"') == [A1]
    assert found("schemes", "scheme_id", "nonexistentword") == []
    # each full-text table is over its table's rows, as sqlite-utils makes them (Datasette's search box uses them)
    for table in ("schemes", "categories", "suppliers", "awards"):
        sql = con.execute("SELECT sql FROM sqlite_master WHERE name = ?", (f"{table}_fts",)).fetchone()[0]
        assert f'content="{table}"' in sql.replace("'", '"'), sql
        rows = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        assert con.execute(f"SELECT count(*) FROM {table}_fts").fetchone()[0] == rows
        con.execute(f"INSERT INTO {table}_fts ({table}_fts) VALUES ('integrity-check')")  # raises if they differ


# --- the package, the cuts and the manifest ---------------------------------------------------


def validate_with_cli(package: Path) -> dict[str, Any]:
    """The report of `frictionless validate --json`: its command, run in this process (a process of its own took
    a second to start, five times what validating a package of the fixtures takes)."""
    from frictionless.console import console as frictionless_command
    from typer.testing import CliRunner as TyperRunner

    done = TyperRunner().invoke(frictionless_command, ["validate", "--json", str(package)])
    assert done.exit_code in (0, 1), done.output  # 1: the package is not valid, as the report says
    return json.loads(done.stdout)


def test_frictionless_validates_the_package_and_every_cut(out: Path) -> None:
    packages = [out / "datapackage.json", *sorted(out.glob("schemes/*/datapackage.json"))]
    assert len(packages) == 3
    for package in packages:
        report = validate_with_cli(package)
        assert report["valid"], (package, report["errors"], [t["errors"] for t in report["tasks"]])


def test_package_describes_itself(out: Path) -> None:
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "NLOD-2.0"
    assert package["licenses"][0]["path"] == "https://data.norge.no/nlod/no/2.0"
    assert [s["path"] for s in package["sources"]] == ["https://www.doffin.no/", "https://ted.europa.eu/"]
    assert package["title"] and package["x-nb"]["title"]
    assert [r["name"] for r in package["resources"]] == [*schemas.RESOURCES, *schemas.COMPUTED]
    for resource in package["resources"]:
        source = schemas.table_schema(resource["name"])
        assert resource["x-nb"] == source["x-nb"] and resource["dialect"]["lineTerminator"] == "\r\n"
        assert resource["schema"]["primaryKey"] == source["primaryKey"]
        assert resource["schema"].get("foreignKeys") == source.get("foreignKeys")
        for field in resource["schema"]["fields"]:
            assert field["description"] and field["x-nb"]["description"]
            assert "x-yaml" not in field and "x-default" not in field
    assert "version" in package and "created" not in package


def test_version_changes_with_the_data_and_only_then(
    dataset: Dataset, indicators: list[dict[str, Any]], out: Path, tmp_path: Path
) -> None:
    again = tmp_path / "again"
    again.mkdir()
    write_downloads(dataset, again, indicators)
    version = json.loads((out / "datapackage.json").read_text())["version"]
    assert json.loads((again / "datapackage.json").read_text())["version"] == version
    changed, _ = load(TRICKY)
    changed.tables["suppliers"][0].values["name"] = "Endret AS"
    other = tmp_path / "other"
    other.mkdir()
    write_downloads(changed, other, indicators)
    assert json.loads((other / "datapackage.json").read_text())["version"] != version


def test_two_exports_are_byte_identical(dataset: Dataset, out: Path, tmp_path: Path) -> None:
    write_downloads(
        dataset, tmp_path, compute_indicators(build_model(dataset), [])
    )  # computed afresh: they must be stable too
    files = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert [f for f in files if (out / f).read_bytes() != (tmp_path / f).read_bytes()] == []


def test_manifest_lists_every_file_with_true_bytes_hash_and_rows(exported: tuple[Path, list[dict[str, Any]]]) -> None:
    out, entries = exported
    manifest = (out / "downloads.json").read_text(encoding="utf-8")
    assert manifest == json.dumps(entries, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert [e["path"] for e in entries] == [f for f in files if f != "downloads.json"]
    counts = {r: len(rows) for r, rows in read_csvs(out).items()}
    for e in entries:
        data = (out / e["path"]).read_bytes()
        assert (e["bytes"], e["sha256"]) == (len(data), hashlib.sha256(data).hexdigest()), e["path"]
        if e["format"] == "csv":
            assert e["rows"] == len(read_csv(out / e["path"], e["resource"]))
        elif e["format"] == "json":
            assert e["rows"] == len(json.loads(data)) == counts[e["resource"]]
        elif e["format"] in ("xlsx", "sqlite"):
            assert e["rows"] == sum(counts.values())
        elif e["format"] == "ocds-json":  # one release per scheme and per call-off
            assert e["rows"] == len(json.loads(data)["releases"]) == _processes(counts, e["scheme"], out)
        elif e["format"] == "ocds-jsonl":
            assert e["rows"] == len(data.decode("utf-8").splitlines()) == _processes(counts, e["scheme"], out)
        else:
            assert e["format"] == "datapackage" and e["rows"] is None
        assert e["scheme"] == (e["path"].split("/")[1] if e["path"].startswith("schemes/") else None)
    scheme_entries = [e for e in entries if e["scheme"] == LONG_SCHEME]
    assert {e["resource"] for e in scheme_entries} == {*schemas.RESOURCES, *schemas.COMPUTED, None}


def _processes(counts: dict[str, int], scheme: str | None, out: Path) -> int:
    """The OCDS processes of the whole package or of one scheme's cut: the scheme(s) and their call-offs."""
    return (
        counts["schemes"] + counts["awards"]
        if scheme is None
        else 1 + len(read_csvs(out / "schemes" / scheme)["awards"])
    )


def test_each_cut_holds_only_its_scheme_and_every_row_lands_in_one_cut(out: Path) -> None:
    whole = read_csvs(out)
    cuts = {folder.name: read_csvs(folder) for folder in sorted((out / "schemes").iterdir())}
    assert sorted(cuts) == sorted(s["scheme_id"] for s in whole["schemes"])
    for scheme_id, cut in cuts.items():
        for resource in schemas.RESOURCES:
            if resource != "suppliers":
                assert all(r["scheme_id"] == scheme_id for r in cut[resource])
        used = {r["supplier_id"] for r in cut["admissions"] + cut["award_suppliers"]}
        assert {r["supplier_id"] for r in cut["suppliers"]} == used
        own = [r for r in whole["indicators"] if r["scope"] in ("scheme", "category") and r["scope_id"] is not None]
        assert cut["indicators"] == [r for r in own if r["scope_id"].split("/")[0] == scheme_id] != []
    for resource in schemas.RESOURCES:
        if resource != "suppliers":
            together = [r for cut in cuts.values() for r in cut[resource]]
            assert sorted(together, key=repr) == sorted(whole[resource], key=repr)
    assert [r["supplier_id"] for r in cuts[LONG_SCHEME]["suppliers"]] == ["NO-BRC-410000008", "NO-BRC-610000002"]


@pytest.mark.slow
def test_a_synthetic_small_dataset_exports_faithfully_and_validly(tmp_path: Path) -> None:
    from generator.synth import synthesize, write_dataset

    write_dataset(synthesize("small", 3), tmp_path / "data")
    dataset, problems = load(tmp_path / "data")
    assert problems == []
    out = tmp_path / "out"
    out.mkdir()
    write_downloads(dataset, out)
    expected = expected_tables(dataset)
    for reader in READERS.values():
        assert reader(out) == expected
    assert validate_with_cli(out / "datapackage.json")["valid"]


# --- what the formats cannot hold is refused, not changed ------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Linje\r\nskift AS", "cannot be written to Excel"),
        ("x" * 32_768, "an Excel cell holds 32767"),
    ],
)
def test_text_excel_cannot_hold_is_refused_before_writing(tmp_path: Path, name: str, message: str) -> None:
    dataset, _ = load(TRICKY)
    dataset.tables["suppliers"][0].values["name"] = name
    with pytest.raises(ExportError, match=message):
        write_downloads(dataset, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_amount_a_float_cannot_hold_is_refused_before_writing(tmp_path: Path) -> None:
    dataset, _ = load(TRICKY)
    dataset.tables["awards"][0].values["value_amount"] = Decimal("1234567890123.456")
    with pytest.raises(ExportError, match="more than 15 significant digits"):
        write_downloads(dataset, tmp_path)
    assert list(tmp_path.iterdir()) == []


@given(st.decimals(min_value=0, max_value=Decimal("9" * 13), places=2, allow_nan=False))
def test_amounts_of_up_to_15_digits_survive_a_float(amount: Decimal) -> None:
    assert Decimal(repr(as_float_exactly(amount))) == amount


_AMOUNTS = st.builds(
    lambda digits, places: Decimal(digits).scaleb(-places), st.integers(0, 10**15 - 1), st.integers(0, 9)
)


@settings(max_examples=10, deadline=None)
@given(amount=_AMOUNTS)
@example(amount=Decimal("0.0000001"))  # str() would write 1E-7
@example(amount=Decimal("123456789012.34"))
def test_any_amount_is_plain_decimal_text_and_reads_back_equal(amount: Decimal, tmp_path_factory: Any) -> None:
    dataset, _ = load(TRICKY)
    award = next(r for r in dataset.tables["awards"] if r.values["award_id"] == A1)
    award.values["value_amount"] = amount
    out = tmp_path_factory.mktemp("amounts")
    write_downloads(dataset, out)
    assert f'"value_amount": {amount:f},' in (out / "json" / "awards.json").read_text(encoding="utf-8")
    assert f",{amount:f},NOK," in (out / "awards.csv").read_text(encoding="utf-8")
    for rows in read_back(out, "awards").values():
        assert next(r["value_amount"] for r in rows if r["award_id"] == A1) == amount


_CELL_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00\ufffe\uffff"), min_size=1, max_size=40
).filter(lambda s: not any(0 < ord(c) < 32 and c not in "\t\n" for c in s))


@settings(max_examples=10, deadline=None)
@given(names=st.lists(_CELL_TEXT, min_size=4, max_size=4))
@example(names=["_x0041_", "a_x005F_b", "_X004a_", "__x0041_x0042__"])  # Excel's escape form, written escaped
def test_any_supplier_name_round_trips_through_every_format(names: list[str], tmp_path_factory: Any) -> None:
    dataset, _ = load(TRICKY)
    for row, name in zip(dataset.tables["suppliers"], names, strict=True):
        row.values["name"] = name
    out = tmp_path_factory.mktemp("names")
    write_downloads(dataset, out)
    expected = [r["name"] for r in expected_tables(dataset)["suppliers"]]
    for rows in read_back(out, "suppliers").values():
        assert [r["name"] for r in rows] == expected


# --- the command ---------------------------------------------------------------------------


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_export_writes_the_downloads_and_replaces_an_earlier_export(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "build" / "downloads"
    first = run("export", "--data", str(data), "--out", str(out))
    assert first.exit_code == 0, first.output
    manifest = json.loads((out / "downloads.json").read_text(encoding="utf-8"))
    assert first.stdout.startswith(f"wrote {len(manifest)} files (")
    (out / "stale.txt").write_text("from an older export")
    assert run("export", "--data", str(data), "--out", str(out)).exit_code == 0
    assert not (out / "stale.txt").exists()
    assert sorted(p.name for p in out.parent.iterdir()) == ["downloads"]  # no staging folder left behind


def test_export_with_errors_writes_nothing_and_prints_what_validate_prints(
    data: Path, edit: Edit, tmp_path: Path
) -> None:
    out = tmp_path / "downloads"
    assert run("export", "--data", str(data), "--out", str(out)).exit_code == 0
    before = snapshot(out)
    edit("awards/tolk-fjordvik/2024-001.yaml", "sme_tenders: 1", "sme_tenders: 3")
    result = run("export", "--data", str(data), "--out", str(out))
    assert result.exit_code == 1
    assert result.stdout == run("validate", "--data", str(data)).stdout
    assert "[counts]" in result.stdout and "Nothing written" in result.stderr
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "downloads"]
    fresh = tmp_path / "fresh"
    assert run("export", "--data", str(data), "--out", str(fresh)).exit_code == 1
    assert not fresh.exists()


def test_a_failure_midway_leaves_the_previous_export_whole(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "downloads"
    assert run("export", "--data", str(data), "--out", str(out)).exit_code == 0
    before = snapshot(out)

    def disk_full(*_: Any) -> None:
        raise ExportError("the disk is full")

    monkeypatch.setattr("generator.export.parts.write_database", disk_full)
    result = run("export", "--data", str(data), "--out", str(out))
    assert result.exit_code == 1 and "the disk is full" in result.stderr
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "downloads"]


def test_export_refuses_to_replace_a_folder_that_is_not_an_export(data: Path, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = run("export", "--data", str(data), "--out", str(tmp_path))
    assert result.exit_code == 2 and "not an earlier export" in result.output
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_the_tricky_fixture_exports_from_the_command_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(TRICKY, data)
    result = run("export", "--data", str(data), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert read_csvs(tmp_path / "out")["suppliers"][1]["municipality"] == "0301"

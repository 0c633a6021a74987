"""`dps import` of OCDS files: the real releases of ../shared/real-notices/ (Contracts Finder, Public Contracts
Scotland, Sell2Wales, a converted Norwegian call-off), each kind of bad input, the rules notices follow
(idempotent, hand-written fields kept, one value never split), and the round trip records → our OCDS export →
import into an empty folder → the same records, except the fields OCDS cannot carry (CANNOT_CARRY)."""

from __future__ import annotations

import copy
import hashlib
import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import schemas
from generator.cli import main
from generator.export.tables import export_tables
from generator.load import load
from generator.model.facts import as_of_date
from generator.ocds import DEFAULT_PREFIX, OcdsSettings, write_ocds
from tests.conftest import FIXTURES, ROOT
from tests.test_notices import NOTICES

CF = NOTICES / "contracts-finder-dps-releases.json"
KS = NOTICES / "ocds_2023-335407_ks_dps_calloff_award.json"
needs_real = pytest.mark.skipif(not CF.is_file(), reason=f"the real OCDS releases are not at {NOTICES} (../shared)")
SETTINGS = {"derandomize": True, "database": None, "deadline": None, "suppress_health_check": [HealthCheck.too_slow]}

# What OCDS 1.1 (with the four extensions the export declares) has no field for: the round trip leaves these
# empty, and only these. Each reason says why no OCDS field carries it.
CANNOT_CARRY: dict[tuple[str, str], str] = {
    ("schemes", "request_deadline"): "OCDS has one tender period; for a DPS the export makes it the time suppliers "
    "may join (publication to the end of validity), and no core or declared extension field holds the first "
    "deadline for requests to participate besides it",
    ("awards", "invited_count"): "bids.statistics' codelist counts requests, bids and bidders, not suppliers "
    "invited; a code of our own would be one no OCDS tool understands",
    ("suppliers", "country"): "OCDS 1.1's address has only countryName, free text; the ISO 3166-1 code field "
    "comes in OCDS 1.2",
    ("suppliers", "municipality"): "no OCDS field holds a Norwegian municipality number",
}


def run(data: Path, *paths: Path | str) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(main, ["import", "--data", str(data), "--format", "json", *map(str, paths)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.stdout)


def by_path(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each outcome by the release's JSON path (or the file's name, for a file that was not read whole)."""
    return {o["file"].split(": ")[-1] if ": " in o["file"] else Path(o["file"]).name: o for o in body["outcomes"]}


def problems(body: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for o in body["outcomes"] for p in o["problems"]] + body["problems"]


def record(data: Path, relative: str) -> Any:
    return yaml.load((data / relative).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def snapshot(data: Path) -> dict[str, str]:
    return {
        p.relative_to(data).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(data.rglob("*"))
        if p.is_file()
    }


def releases(*indexes: int) -> list[dict[str, Any]]:
    return [copy.deepcopy(json.loads(CF.read_text(encoding="utf-8"))["releases"][i]) for i in indexes]


def package(path: Path, releases: list[dict[str, Any]], version: str = "1.1") -> Path:
    path.write_text(json.dumps({"uri": "https://example.org/p.json", "version": version, "releases": releases}))
    return path


# --- the real files -----------------------------------------------------------------------------------------


@needs_real
def test_the_real_releases_give_their_dps_set_ups_and_report_call_offs_that_name_no_dps(tmp_path: Path) -> None:
    data = tmp_path / "data"
    code, body = run(data, CF, KS)
    assert code == 1  # the call-offs that name no DPS are errors, as a notice naming none is
    found = by_path(body)
    assert {k: o["status"] for k, o in found.items()} == {
        "releases[0]": "skipped",  # "Open procedure", awarded "under councils dynamic purchasing system": text only
        "releases[1]": "skipped",  # a Contracts Finder set-up titled "Dynamic Purchasing System for ...": text only
        "releases[2]": "skipped",
        "releases[3]": "failed",  # Contracts Finder call-offs: no DPS named
        "releases[4]": "failed",
        "releases[5]": "skipped",
        "releases[6]": "skipped",
        "releases[7]": "failed",
        "releases[8]": "skipped",
        "releases[9]": "created",  # Public Contracts Scotland: techniques.hasDynamicPurchasingSystem
        "releases[10]": "created",  # Sell2Wales: a framework agreement titled as a DPS
        "releases[11]": "created",
        "releases[12]": "created",
        "release": "failed",  # the Norwegian call-off converted to OCDS names no DPS either
    }
    assert "its text mentions a dynamic purchasing system" in found["releases[1]"]["reason"]
    unlinked = {p["field"]: p for p in problems(body) if p["rule"] == "ocds-unlinked"}
    assert set(unlinked) == {
        "releases[3].relatedProcesses",
        "releases[4].relatedProcesses",
        "releases[7].relatedProcesses",
        "relatedProcesses",
    }
    multi = unlinked["releases[4].relatedProcesses"]
    assert multi["file"] == CF.as_posix() and multi["severity"] == "error"
    assert "ocds-b5fd17-d1441223-b3e7-45a9-9ff6-88fcdad59f37" in multi["message"]
    assert "to 12 supplier(s) for 776888.48 GBP" in multi["message"]
    assert not (data / "awards").exists() and not (data / "suppliers").exists()  # nothing guessed

    scotland = record(data, "schemes/ocds-r6ebe6-0000578690.yaml")
    assert {k: v for k, v in scotland.items() if k not in ("description", "categories")} == {
        "id": "ocds-r6ebe6-0000578690",
        "title": "Bikeability Scotland Training Providers",
        "buyer": {"name": "Scotland Excel"},  # "org-7": no org-id.guide identifier, so no id
        "type": "open",
        "status": "active",
        "published": "2019-04-16",
        "request_deadline": "2019-05-23",
        "estimated_value": {"amount": "1200000", "currency": "GBP"},
        "url": "https://www.publiccontractsscotland.gov.uk/search/show/search_view.aspx?ID=APR351846",
        "sources": [
            {
                "notice": "ocds-r6ebe6-0000578690",
                "form": "ocds",
                "published": "2019-04-16",
                "url": "https://api.publiccontractsscotland.gov.uk/v1/Notice?id=ocds-r6ebe6-0000578690",
            }
        ],
    }
    assert len(scotland["categories"]) == 32
    assert scotland["categories"][0] == {
        "id": "lot-0005",
        "title": "Clackmannanshire Council",
        "description": scotland["categories"][0]["description"],
    }
    assert "cpv" not in scotland  # PCS gives only additional classifications: the main CPV stays unknown

    wales = record(data, "schemes/ocds-kuma6s-148346.yaml")
    assert wales["title"].endswith("Ynys Mon / Dynamic Purchasing System for Anglesey Childcare")
    assert wales["buyer"] == {"name": "Isle of Anglesey County Council"}
    assert "type" not in wales  # a framework agreement says nothing of open or closed
    assert [c["id"] for c in wales["categories"]] == ["lot-0001", "lot-0002"]
    assert (wales["published"], wales["request_deadline"]) == ("2025-02-21", "2025-04-07")
    assert wales["sources"][0]["version"] == "ocds-kuma6s-148346-release-148346"
    cpv = [p for p in problems(body) if p["field"] == "releases[12].tender.classification.id"]
    assert cpv and cpv[0]["rule"] == "ocds-value" and "'85312110' lacks the check digit" in cpv[0]["message"]

    again_code, again = run(data, CF, KS)  # idempotent
    assert again_code == 1
    assert {o["status"] for o in again["outcomes"] if o["kind"] == "setup"} == {"unchanged"}
    # what the releases do not give is all `dps validate` asks for (the import warned of each): the rest is valid
    validated = CliRunner().invoke(main, ["validate", "--data", str(data), "--format", "json"])
    errors = {(Path(p["file"]).stem, p["field"]) for p in json.loads(validated.stdout) if p["severity"] == "error"}
    gaps = {(Path(p["file"]).stem, p["field"]) for p in problems(body) if p["rule"] == "import-gap"}
    assert errors and errors <= gaps


@needs_real
def test_a_call_off_naming_its_dps_gives_one_award_with_one_value_and_the_winners_it_can_identify(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    setup, call_off = releases(9, 4)
    call_off["relatedProcesses"] = [
        {"id": "dps", "relationship": ["framework"], "scheme": "ocid", "identifier": setup["ocid"]}
    ]
    code, body = run(data, package(tmp_path / "p.json", [call_off, setup]))
    assert code == 0, problems(body)
    award = record(data, "awards/ocds-r6ebe6-0000578690/ocds-b5fd17-d1441223-b3e7-45a9-9ff6-88fcdad59f37-1.yaml")
    assert award["value"] == {"amount": "776888.48", "currency": "GBP"}  # once, for all its suppliers
    assert award["category"] == "null"  # unknown: the call-off's own lot is not the DPS's category
    assert award["awarded"] == "2024-09-01"
    assert award["suppliers"] == [
        "GB-COH-4142000",
        "GB-COH-14783275",
        "GB-COH-08309475",
        "GB-COH-12308679",
        "GB-COH-14362651",
        "GB-COH-13800271",
        "GB-COH-15277395",
        "GB-COH-11506778",
    ]  # the four GB-CFS parties have no identifier: warned, not guessed
    assert len([p for p in problems(body) if "has no org-id.guide identifier" in p["message"]]) == 4
    supplier = record(data, "suppliers/GB-COH-08309475.yaml")
    assert supplier["size"] == "sme" and "value" not in json.dumps(supplier)
    assert supplier["admissions"] == [
        {
            "scheme": "ocds-r6ebe6-0000578690",
            "categories": "null",
            "admitted_by": "2024-09-01",
            "source": "ocds-b5fd17-d1441223-b3e7-45a9-9ff6-88fcdad59f37",
        }
    ]


@needs_real
def test_warnings_name_the_releases_json_path_and_the_records_fields_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    setup, call_off = releases(9, 4)
    call_off["relatedProcesses"] = [
        {"id": "dps", "relationship": ["framework"], "scheme": "ocid", "identifier": setup["ocid"]}
    ]
    del call_off["awards"][0]["date"]
    call_off["tender"].pop("tenderPeriod", None)
    file = package(tmp_path / "p.json", [call_off, setup])
    code, body = run(data, file)
    assert code == 0, problems(body)
    found = problems(body)
    assert found and all(p["line"] >= 1 for p in found)
    unbounded = {(p["file"], p["line"], p["field"]) for p in found if p["message"].startswith("no date to bound")}
    assert unbounded == {(file.as_posix(), 1, "releases[0].awards[0].date")}
    gaps = {p["field"]: p for p in found if p["rule"] == "import-gap" and p["file"].endswith(".yaml")}
    assert set(gaps) == {"cpv", "buyer.id"}
    text = (data / "schemes/ocds-r6ebe6-0000578690.yaml").read_text(encoding="utf-8").splitlines()
    assert text[gaps["buyer.id"]["line"] - 1] == "buyer:"  # the field that would hold it
    assert gaps["cpv"]["line"] == 1  # none would: the record's first line, as `dps validate` says


@needs_real
def test_hand_written_fields_stay_and_only_a_newer_release_replaces_imported_ones(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (wales,) = releases(12)
    run(data, package(tmp_path / "p.json", [wales]))
    path = data / "schemes/ocds-kuma6s-148346.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('title: "System', 'title: "Edited System') + 'type: "closed"\n', encoding="utf-8")
    edited = path.read_bytes()
    code, body = run(data, package(tmp_path / "p.json", [wales]))
    assert code == 0 and path.read_bytes() == edited  # the same release changes nothing
    assert "already holds this release" in body["outcomes"][0]["reason"]
    wales["date"], wales["id"] = "2025-03-01T00:00:00Z", "newer"
    run(data, package(tmp_path / "p.json", [wales]))
    now = record(data, "schemes/ocds-kuma6s-148346.yaml")
    assert now["title"].startswith("System Brynu")  # the release gives the title: the newer one wins
    assert now["type"] == "closed"  # the release does not give the type: the person's stays
    assert [s["version"] for s in now["sources"]] == ["newer"]


# --- bad input ----------------------------------------------------------------------------------------------


@needs_real
def test_each_bad_input_is_a_problem_at_its_json_path_and_the_rest_is_imported(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", data)
    before = snapshot(data)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "broken.json").write_text('{"version": "1.1", "releases": [\n{"ocid": "x",\n', encoding="utf-8")
    no_ocid, string_value, missing_party, fine = releases(9, 10, 11, 12)
    del no_ocid["ocid"]
    string_value["tender"]["value"] = {"amount": "120000", "currency": "GBP"}
    missing_party["buyer"]["id"] = "org-99"
    package(folder / "bad.json", [no_ocid, string_value, missing_party])
    lines = [{"version": "1.1", "releases": [fine]}, {"version": "1.0", "releases": releases(9)}]
    (folder / "mixed.jsonl").write_text("\n".join(json.dumps(p) for p in lines) + "\n", encoding="utf-8")

    code, body = run(data, *sorted(folder.iterdir()))
    assert code == 1
    found = {(Path(p["file"]).name, p["line"], p["field"], p["rule"]): p["message"] for p in problems(body)}
    assert found[("broken.json", 3, "", "ocds-json")].startswith("is not well-formed JSON")
    assert found[("bad.json", 1, "releases[0].ocid", "ocds-ocid")] == "has none; the release was not imported"
    assert found[("bad.json", 1, "releases[1].tender.value.amount", "ocds-type")] == (
        'is a string ("120000"), not a number; the release was not imported'
    )
    assert found[("bad.json", 1, "releases[2].buyer.id", "ocds-party")] == (
        "refers to party 'org-99', which releases[2].parties does not list; the release was not imported"
    )
    assert "the file's first package (line 1) is OCDS 1.1" in found[("mixed.jsonl", 2, "version", "ocds-version")]
    # the rest imported: the good release of the JSON Lines file; nothing else in data/ changed
    after = snapshot(data)
    assert set(after) - set(before) == {"schemes/ocds-kuma6s-148346.yaml"}
    assert {k: v for k, v in after.items() if k in before} == before
    assert not list(data.rglob("*.tmp"))


# --- the round trip -----------------------------------------------------------------------------------------


def round_trip(data: Path, work: Path) -> tuple[dict[str, list[dict[str, Any]]], dict[str, list[dict[str, Any]]]]:
    """The records of `data`, and those of the same records exported as OCDS and imported into an empty folder,
    as table rows sorted by key."""
    dataset, found = load(data)
    assert not [p for p in found if p.is_error]
    write_ocds(export_tables(dataset), work / "out", OcdsSettings(), as_of_date(dataset), "licence")
    imported = work / "data"
    code, body = run(imported, work / "out" / "ocds-releases.json")
    assert code == 0, [p for p in problems(body) if p["severity"] == "error"]
    again, _ = load(imported)
    return tables(dataset.tables), tables(again.tables)


def tables(loaded: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    out = {}
    for resource in schemas.RESOURCES:
        key = schemas.primary_key(resource)
        rows = [dict(r.values) for r in loaded[resource]]
        out[resource] = sorted(rows, key=lambda v: [str(v[c]) for c in key])
    return out


def assert_same(before: dict[str, list[dict[str, Any]]], after: dict[str, list[dict[str, Any]]]) -> None:
    """Field for field, but for CANNOT_CARRY; the import adds one source per record, the release it read."""
    for resource, rows in before.items():
        got = after[resource]
        if resource in ("scheme_sources", "award_sources"):
            added = [r for r in got if r["form"] == "ocds" and r["notice"].startswith(f"{DEFAULT_PREFIX}-")]
            owners = "schemes" if resource == "scheme_sources" else "awards"
            assert len(added) == len(before[owners])  # one per record: the release it was imported from
            got = [r for r in got if r not in added]
        dropped = [field for (table, field) in CANNOT_CARRY if table == resource]
        strip = [{k: v for k, v in r.items() if k not in dropped} for r in rows]
        assert [{k: v for k, v in r.items() if k not in dropped} for r in got] == strip, resource
        for field in dropped:  # left empty, never made up
            assert all(r[field] is None for r in got), (resource, field)


def test_the_shipped_data_comes_back_from_its_ocds_export_field_for_field(tmp_path: Path) -> None:
    before, after = round_trip(ROOT / "data", tmp_path)
    assert len(before["awards"]) > 100 and len(before["admissions"]) > 100
    assert any(r["status"] == "cancelled" for r in before["awards"])
    assert_same(before, after)
    print("fields OCDS cannot carry:", ", ".join(f"{t}.{f}" for t, f in CANNOT_CARRY))


def test_imported_records_come_back_from_their_ocds_export(tmp_path: Path) -> None:
    before, after = round_trip(FIXTURES / "imported", tmp_path)
    assert before["scheme_sources"] and before["admissions"]
    assert_same(before, after)


@contextmanager
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp)


@settings(max_examples=4, **SETTINGS)
@given(st.integers(min_value=0, max_value=2**16))
def test_synthetic_datasets_come_back_from_their_ocds_export(seed: int) -> None:
    from generator.synth import synthesize, write_dataset

    with folder() as work:
        write_dataset(synthesize("tiny", seed), work / "synth")
        before, after = round_trip(work / "synth", work)
        assert before["awards"] and before["admissions"]
        assert_same(before, after)


def test_a_supplier_who_left_comes_back_with_the_day_it_left(tmp_path: Path) -> None:
    before, after = round_trip(FIXTURES / "valid", tmp_path)
    assert any(r["left"] for r in before["admissions"])
    assert_same(before, after)
    assert date(2024, 6, 30) in {r["left"] for r in after["admissions"]}

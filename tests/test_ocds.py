"""The OCDS downloads (generator/export/ocds/): valid by the standard's own validator, compiled the same by ocdskit,
modelled as the standard's DPS guidance says, unknown values absent, and the OCID prefix a setting.

The validator and the schemas are in ../shared/ocds (no network); the tests that need them skip without it."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
from datetime import date
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.export import write_downloads
from generator.load import load
from generator.ocds import DEFAULT_PREFIX, OcdsSettings

from .conftest import FIXTURES, ROOT, shared_folder

OCDS = shared_folder() / "ocds"
VALIDATOR = OCDS / "validate.py"
needs_validator = pytest.mark.skipif(not VALIDATOR.is_file(), reason=f"the OCDS validator is not at {OCDS} (../shared)")
Json = dict[str, Any]


def export(data: Path, out: Path, settings: OcdsSettings | None = None) -> Path:
    dataset, problems = load(data)
    assert not [p for p in problems if p.severity == "error"]
    write_downloads(dataset, out, None, settings or OcdsSettings())
    return out


def releases(folder: Path, name: str = "ocds-releases.json") -> dict[str, Json]:
    package = json.loads((folder / name).read_text(encoding="utf-8"))
    return {r["ocid"]: r for r in package["releases"]}


def validate(package: Path) -> str:
    """validate.py's report on a release package; fails the test unless it finds no problem (what its exit code 0
    says). Its checks run here as its command runs them, both of them, in the package's folder (libcoveocds writes
    a file where it runs): a process of its own took longer to start than the checks of a small package take."""
    validator = _validator_module()
    report = io.StringIO()
    with contextlib.chdir(package.parent), contextlib.redirect_stdout(report):
        problems = validator.run_cove(str(package)) + validator.run_jsonschema(str(package))
    assert problems == 0, report.getvalue()
    return report.getvalue()


def summary(report: str) -> list[str]:
    return [line for line in report.splitlines() if not line.startswith("   ")]


@needs_validator
def test_the_shipped_data_is_valid_ocds(tmp_path: Path) -> None:
    out = export(ROOT / "data", tmp_path / "out")
    report = validate(out / "ocds-releases.json")
    # validate.py exits 0 only with no error, no invalid extension, no unknown field, no closed-codelist value;
    # the extensions were read (an extension the validator cannot fetch would be skipped silently)
    assert "is_extended_schema: True" in report and "invalid extensions: {}" in report, report
    print("\n".join(summary(report)))
    scheme = next(p for p in sorted((out / "schemes").iterdir()) if (p / "ocds-releases.json").is_file())
    validate(scheme / "ocds-releases.json")


@needs_validator
def test_a_release_with_a_field_the_standard_lacks_fails_the_validation(tmp_path: Path) -> None:
    """validate() can fail: an unknown field is a problem of libcoveocds' (an additional field)."""
    out = export(FIXTURES / "valid", tmp_path / "out")
    package = json.loads((out / "ocds-releases.json").read_text(encoding="utf-8"))
    package["releases"][0]["madeUpField"] = "x"
    (tmp_path / "odd.json").write_text(json.dumps(package), encoding="utf-8")
    with pytest.raises(AssertionError, match="madeUpField"):
        validate(tmp_path / "odd.json")


@needs_validator
def test_a_small_synthetic_dataset_is_valid_ocds(tmp_path: Path) -> None:
    synth = CliRunner().invoke(main, ["synth", "--scale", "small", "--seed", "11", "--out", str(tmp_path / "data")])
    assert synth.exit_code == 0, synth.output
    out = export(tmp_path / "data", tmp_path / "out")
    print("\n".join(summary(validate(out / "ocds-releases.json"))))


@cache
def _validator_module() -> ModuleType:
    """validate.py as a module: importing it serves the standard and the extensions from ../shared/ocds."""
    spec = importlib.util.spec_from_file_location("ocds_validate", VALIDATOR)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_validator
def test_ocdskit_compiles_the_release_package_to_our_compiled_releases_and_packages_them(tmp_path: Path) -> None:
    from ocdsextensionregistry import ProfileBuilder
    from ocdskit.combine import merge, package_releases

    out = export(FIXTURES / "valid", tmp_path / "out")
    package = json.loads((out / "ocds-releases.json").read_text(encoding="utf-8"))
    standard = f"file://{_validator_module().STANDARD_ZIP}"
    schema = ProfileBuilder("1__1__5", package["extensions"], standard_base_url=standard).patched_release_schema()
    theirs = list(merge([package], schema=schema))
    ours = [json.loads(line) for line in (out / "ocds-compiled.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(ours) == len(package["releases"]) == 5  # 2 schemes, 3 call-offs
    assert ours == theirs
    repackaged = package_releases(
        ours,
        uri=package["uri"],
        publisher=package["publisher"],
        published_date=package["publishedDate"],
        extensions=package["extensions"],
    )
    (tmp_path / "compiled.json").write_text(json.dumps(repackaged), encoding="utf-8")
    validate(tmp_path / "compiled.json")


def test_a_scheme_is_a_dps_process_whose_admissions_are_awards(tmp_path: Path) -> None:
    found = releases(export(FIXTURES / "valid", tmp_path / "out"))
    tolk = found[f"{DEFAULT_PREFIX}-tolk-fjordvik"]
    tender = tolk["tender"]
    assert tender["techniques"] == {
        "hasDynamicPurchasingSystem": True,
        "dynamicPurchasingSystem": {"type": "closed", "status": "active"},
    }
    assert tender["procurementMethod"] == "selective"
    assert [lot["id"] for lot in tender["lots"]] == ["muntlig", "skriftlig"]
    awards = {a["suppliers"][0]["id"]: a for a in tolk["awards"]}
    left = awards["SE-BLV-5561234567"]
    assert left["contractPeriod"]["endDate"] == "2024-06-30T00:00:00Z" and "status" not in left
    assert awards["NO-BRC-312345692"]["status"] == "active"
    assert all(d.endswith("T00:00:00Z") for d in _dates(tolk))
    roles = {p["id"]: p["roles"] for p in tolk["parties"]}
    assert roles["SE-BLV-5561234567"][0] == "supplier"
    renhold = found[f"{DEFAULT_PREFIX}-renhold-nordhei"]
    assert "lots" not in renhold["tender"]  # the implicit category is not a lot


def test_a_call_off_is_its_own_process_linked_to_its_scheme(tmp_path: Path) -> None:
    found = releases(export(FIXTURES / "valid", tmp_path / "out"))
    call_off = found[f"{DEFAULT_PREFIX}-tolk-fjordvik.2024-001"]
    assert call_off["relatedProcesses"] == [
        {
            "id": "dps",
            "relationship": ["framework"],
            "title": "Dynamisk innkjøpsordning for tolketjenester",
            "scheme": "ocid",
            "identifier": f"{DEFAULT_PREFIX}-tolk-fjordvik",
        }
    ]
    tender = call_off["tender"]
    assert tender["numberOfTenderers"] == 2
    assert tender["tenderPeriod"] == {"startDate": "2024-03-04T00:00:00Z", "endDate": "2024-03-18T00:00:00Z"}
    assert tender["lots"] == [{"id": "muntlig", "title": "Muntlig tolking"}]
    assert call_off["bids"]["statistics"] == [
        {"id": "tenders", "measure": "bids", "value": 2, "relatedLot": "muntlig"},
        {"id": "sme-tenders", "measure": "smeBids", "value": 1, "relatedLot": "muntlig"},
    ]
    (award,) = call_off["awards"]
    assert award["value"] == {"amount": 850000.5, "currency": "NOK"}
    assert award["suppliers"] == [{"id": "NO-BRC-312345692", "name": "Fjordtolk AS"}]
    assert call_off["contracts"][0]["period"]["endDate"] == "2025-04-30T00:00:00Z"
    supplier = next(p for p in call_off["parties"] if p["id"] == "NO-BRC-312345692")
    assert supplier["identifier"] == {"scheme": "NO-BRC", "id": "312345692", "legalName": "Fjordtolk AS"}
    assert supplier["details"] == {"scale": "small"}


def test_unknown_values_are_absent_never_zero(data: Path, tmp_path: Path) -> None:
    award = data / "awards" / "tolk-fjordvik" / "2024-002.yaml"
    kept = [
        line
        for line in award.read_text(encoding="utf-8").splitlines()
        if not line.startswith(("tenders:", "sme_tenders:", "invited_count:", "value:", "  amount", "  currency"))
    ]
    award.write_text("\n".join(kept) + "\n", encoding="utf-8")
    call_off = releases(export(data, tmp_path / "out"))[f"{DEFAULT_PREFIX}-tolk-fjordvik.2024-002"]
    assert "numberOfTenderers" not in call_off["tender"] and "bids" not in call_off
    assert "value" not in call_off["awards"][0] and "contracts" not in call_off
    text = (tmp_path / "out" / "ocds-releases.json").read_text(encoding="utf-8")
    assert ":null" not in text and ":[]" not in text and ":{}" not in text


def test_record_text_is_data_in_the_json(data: Path, tmp_path: Path) -> None:
    scheme = data / "schemes" / "tolk-fjordvik.yaml"
    hostile = 'Tolk "<script>alert(1)</script>" \\ ø & </b>'
    scheme.write_text(
        scheme.read_text(encoding="utf-8").replace(
            'title: "Dynamisk innkjøpsordning for tolketjenester"', f"title: {json.dumps(hostile)}"
        ),
        encoding="utf-8",
    )
    found = releases(export(data, tmp_path / "out"))
    assert found[f"{DEFAULT_PREFIX}-tolk-fjordvik"]["tender"]["title"] == hostile
    assert found[f"{DEFAULT_PREFIX}-tolk-fjordvik.2024-001"]["relatedProcesses"][0]["title"] == hostile


def test_the_export_is_byte_identical_and_listed_in_the_manifest(tmp_path: Path) -> None:
    first, second = (export(FIXTURES / "valid", tmp_path / name) for name in ("a", "b"))
    manifest = json.loads((first / "downloads.json").read_text(encoding="utf-8"))
    ocds = {e["path"]: e for e in manifest if e["format"].startswith("ocds")}
    assert set(ocds) == {
        "ocds-releases.json",
        "ocds-compiled.jsonl",
        *(
            f"schemes/{s}/ocds-{n}"
            for s in ("renhold-nordhei", "tolk-fjordvik")
            for n in ("releases.json", "compiled.jsonl")
        ),
    }
    assert ocds["ocds-releases.json"]["rows"] == 5 and ocds["schemes/tolk-fjordvik/ocds-compiled.jsonl"]["rows"] == 3
    for path, entry in ocds.items():
        assert (first / path).read_bytes() == (second / path).read_bytes()
        assert (first / path).stat().st_size == entry["bytes"]


def test_the_ocid_prefix_is_a_setting(data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    bad = CliRunner().invoke(main, ["export", "--data", str(data), "--out", str(out), "--ocid-prefix", "ocds-x"])
    assert bad.exit_code == 2 and "OCID prefix" in bad.output and not out.exists()
    monkeypatch.setenv("DPS_OCID_PREFIX", "ocds-b5fd17")
    done = CliRunner().invoke(main, ["export", "--data", str(data), "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert set(releases(out)) >= {"ocds-b5fd17-tolk-fjordvik", "ocds-b5fd17-tolk-fjordvik.2024-002"}
    assert "NOT registered" in CliRunner().invoke(main, ["export", "--help"]).output


def _dates(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [d for k, v in value.items() for d in ([v] if k.endswith("Date") or k == "date" else _dates(v))]
    if isinstance(value, list):
        return [d for v in value for d in _dates(v)]
    return []


def test_the_red_flags_are_cardinals_run_on_the_exported_releases(tmp_path: Path) -> None:
    """R018 and R003 on the indicators page equal what Cardinal's rules give on the whole OCDS file (schemes'
    processes included), and compare with our own figures as the page's note says."""
    from generator.check import validate as check
    from generator.indicators import model_and_indicators
    from generator.ocds.cardinal import r003, r018

    dataset, problems = check(ROOT / "data")
    computed = model_and_indicators(dataset, problems)
    assert computed is not None
    overall = {r["indicator_id"]: r for r in computed[1].rows if r["scope"] == "overall" and r["year"] is None}
    write_downloads(dataset, tmp_path, computed[1].rows)
    lines = (tmp_path / "ocds-compiled.jsonl").read_text(encoding="utf-8").splitlines()
    releases = [json.loads(line) for line in lines]
    for flag, judge in (("r018", r018), ("r003", r003)):
        judged = [(judge(r["tender"]), "relatedProcesses" in r) for r in releases]
        assert overall[f"cardinal-{flag}"]["value"] == sum(j is True for j, _ in judged)  # no scheme is flagged
        # n counts the call-offs; Cardinal also judges the schemes' own processes on R003 (never flagged here)
        assert overall[f"cardinal-{flag}"]["n"] == sum(j is not None for j, call_off in judged if call_off) > 0
    assert overall["cardinal-r003"]["value"] == overall["signal-tender-period"]["value"]
    cancelled_single = sum(
        1 for r in dataset.tables["awards"] if r.values["status"] == "cancelled" and r.values["tenders"] == 1
    )
    assert overall["cardinal-r018"]["value"] == overall["single-tender-share"]["numerator"] + cancelled_single


def test_a_scheme_whose_type_and_status_are_unknown_says_only_that_it_is_a_dps() -> None:
    from generator.ocds.scheme import scheme_release

    scheme = {"scheme_id": "havn-stub", "buyer_id": None, "type": None, "status": None, "ted_notice": "00456780-2024"}
    released = scheme_release(DEFAULT_PREFIX, scheme, [], [], {}, [], date(2024, 5, 1))
    assert released["tender"]["techniques"] == {"hasDynamicPurchasingSystem": True}
    assert "status" not in released["tender"] and "buyer" not in released and released["date"] == "2024-05-01T00:00:00Z"

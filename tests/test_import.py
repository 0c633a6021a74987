"""`dps import` on the real notices in ../shared/real-notices/: the outcome of each file, the exact records written,
idempotence, hand-written records surviving, corrigenda, linking, and each kind of bad input. Edited notices are
copies made in tmp_path."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.importing import store
from generator.importing.batch import import_notices, notice_files
from tests.test_notices import NOTICES
from tests.test_ocds import VALIDATOR, releases, validate

pytestmark = pytest.mark.skipif(not NOTICES.is_dir(), reason=f"the real notices are not at {NOTICES} (../shared)")

KS = "eforms_2023-335407_ks_dps_calloff_award.xml"
NL = "eforms_127505-2024_NL_cn10-pin-cfc_dps-list.xml"
UK_F02 = "ted-r209_20-566267_uk_dps_setup.xml"
UK_EFORMS = "eforms-converted_549479-2020_UK_cn16_dps-nlist_3lots.xml"
UK_CPB = "ted-r209_373612-2020_UK_F02_dps-setup-cpb.xml"
IT = "ted-r209_348503-2021_IT_F03_dps-calloff.xml"
UPPSALA_TED = "ted-r209_21-364240_uppsala_dps_termination.xml"
UPPSALA_EFORMS = "eforms_21-364240_uppsala_dps_termination.xml"
KONS = "<cbc:Name>Kons  AS</cbc:Name>"


def run(data: Path, *paths: Path | str, extra: tuple[str, ...] = ()) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(main, ["import", "--data", str(data), "--format", "json", *extra, *map(str, paths)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.stdout)


def outcomes(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {Path(o["file"]).name: o for o in body["outcomes"]}


def record(data: Path, relative: str) -> Any:
    return yaml.load((data / relative).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # text, as written


def snapshot(data: Path) -> dict[str, str]:
    return {
        p.relative_to(data).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(data.rglob("*"))
        if p.is_file()
    }


def edited(tmp_path: Path, name: str, *changes: tuple[str, str], as_name: str | None = None) -> Path:
    text = (NOTICES / name).read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    copy = tmp_path / "notices" / (as_name or name)
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text(text, encoding="utf-8")
    return copy


def with_winner_id(tmp_path: Path, number: str, name: str = KS) -> Path:
    """The KS call-off with the winner's organisation number written in, as Doffin's own notices carry it."""
    party = f"{KONS}\n</cac:PartyName><cac:PartyLegalEntity><cbc:CompanyID>{number}</cbc:CompanyID>"
    return edited(
        tmp_path, KS, (f"{KONS}\n                        </cac:PartyName>", party + "</cac:PartyLegalEntity>")
    )


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, dict[str, Any]]:
    data = tmp_path_factory.mktemp("imported") / "data"
    code, body = run(data, NOTICES)
    return data, code, body


# --- every real notice --------------------------------------------------------------------------------


def test_every_real_notice_imports_with_the_outcome_its_readme_implies(imported: tuple[Path, int, Any]) -> None:
    data, code, body = imported
    found = outcomes(body)
    assert code == 0
    assert set(found) == {p.name for p in NOTICES.glob("*.xml")}
    for name in (n for n in found if n.startswith("doffin_")):  # the Norwegian notices that are not about a DPS
        assert found[name]["status"] == "skipped"
        assert "not a dynamic purchasing system" in found[name]["reason"]
    assert found[NL]["status"] == "created" and found[NL]["created"] == [f"{data}/schemes/ted-00127505-2024.yaml"]
    assert found[UK_CPB]["created"] == [f"{data}/schemes/ted-00373612-2020.yaml"]
    # one notice in two formats: one scheme, read from both
    assert found[UK_F02]["created"] == [f"{data}/schemes/ted-00549479-2020.yaml"]
    assert found[UK_EFORMS]["status"] == "updated"  # its version 01 is newer than TED XML's, which has none
    assert [(s["form"], s["version"]) for s in record(data, "schemes/ted-00549479-2020.yaml")["sources"]] == [
        ("eforms-16", "01")
    ]
    # call-offs whose DPS is not in the batch: kept under a scheme known only from its call-offs, saying what to fetch
    assert (found[KS]["status"], found[KS]["import_next"]) == ("created", "329785-2021")
    assert found[KS]["created"] == [
        f"{data}/schemes/ted-00329785-2021.yaml",
        f"{data}/awards/ted-00329785-2021/doffin-2023-335407-con-0001.yaml",
    ]
    assert (found[IT]["import_next"], found[UPPSALA_TED]["import_next"]) == ("206426-2018", "431038-2019")
    # the converter's placeholder ids are shared by the UK and Uppsala conversions: never a link between them
    assert found[UPPSALA_EFORMS]["import_next"] == "431038-2019"
    assert body["counts"] == {
        "created": 6,
        "updated": 1,
        "unchanged": 1,
        "skipped": 4,
        "failed": 0,
        "known_only_from_call_offs": 4,
    }


def test_set_up_notices_give_schemes_with_the_values_the_notices_state(imported: tuple[Path, int, Any]) -> None:
    data = imported[0]
    nl = record(data, "schemes/ted-00127505-2024.yaml")
    assert nl == {
        "id": "ted-00127505-2024",
        "title": "20383042 Werving en selectie IT personeel",
        "description": nl["description"],
        "buyer": {"name": "Ministerie van Defensie"},  # a Dutch KvK number is not turned into an id by guesswork
        "type": "closed",
        "status": "active",
        "cpv": "79610000",
        "notices": {"ted": "127505-2024"},
        "published": "2024-03-01",
        "valid_from": "2022-12-22",
        "valid_to": "2025-01-31",
        "estimated_value": {"amount": "1000000", "currency": "EUR"},
        "url": "https://s2c.mercell.com/today/60167",
        "sources": [
            {
                "notice": "00127505-2024",
                "version": "01",
                "uuid": "9e5933fa-86a8-44c0-a8c1-abc1e0d1ab57",  # BT-701, which a later call-off may name
                "procedure": "cd9b9071-6cd2-47bb-aad6-3d9cca00bb59",  # BT-04, which its call-offs repeat
                "form": "eforms-10",
                "published": "2024-03-01",
                "url": "https://ted.europa.eu/en/notice/-/detail/127505-2024",
            }
        ],
    }
    assert nl["description"].startswith("Dienstverlening werving en selectie IT personeel")
    uk = record(data, "schemes/ted-00549479-2020.yaml")
    assert (uk["title"], uk["type"], uk["buyer"]) == (
        "North West SEND Flexible Purchasing System",
        "open",
        {"name": "Cheshire East Borough Council"},  # the group lead of 23 joint buyers
    )
    assert [(c["id"], c["title"]) for c in uk["categories"]] == [
        ("lot-0001", "Day Education Placement"),
        ("lot-0002", "Education with 38 Week Residential Placement"),
        ("lot-0003", "Education with 52 Week Residential Placement"),
    ]
    assert (uk["request_deadline"], uk["published"]) == ("2021-01-04", "2020-11-16")
    assert "valid_from" not in uk and "valid_to" not in uk  # 120 months from a start the notice does not give
    assert uk["estimated_value"] == {"amount": "3000000000", "currency": "GBP"}
    cpb = record(data, "schemes/ted-00373612-2020.yaml")
    assert (cpb["title"], cpb["type"], cpb["request_deadline"], cpb["buyer"]["name"]) == (
        "Water Efficiency Goods and Services Dynamic Purchasing System Agreement",
        "open",
        "2020-09-03",
        "Countess of Chester Hospital NHS Foundation Trust",
    )
    assert "categories" not in cpb and cpb["estimated_value"] == {"amount": "20000000", "currency": "GBP"}


def test_call_offs_give_one_award_per_contract_with_counts_value_and_dates(imported: tuple[Path, int, Any]) -> None:
    data = imported[0]
    ks = record(data, "awards/ted-00329785-2021/doffin-2023-335407-con-0001.yaml")
    assert {k: v for k, v in ks.items() if k != "description"} == {
        "id": "doffin-2023-335407-con-0001",
        "scheme": "ted-00329785-2021",
        "category": "null",  # explicit null: the DPS's categories are not known
        "buyer": {"id": "NO-BRC-971032146", "name": "KS (Kommunesektorens organisasjon)"},
        "title": "Utarbeidelse av felles kommunale sikkerhetskrav",
        "cpv": "79410000",
        "tenders": "6",
        "sme_tenders": "2",
        "awarded": "2023-09-26",
        "value": {"amount": "2700000", "currency": "NOK"},
        "notices": {"doffin": "2023-335407"},
        "status": "awarded",
        "sources": [
            {
                "notice": "2023-335407",
                "version": "01",
                "form": "eforms-29",
                "published": "2023-09-28",
                "url": "https://doffin.no/notices/2023-335407",
            }
        ],
    }
    assert "suppliers" not in ks and "invited" not in ks  # Kons AS has no organisation number in the notice
    assert record(data, "schemes/ted-00329785-2021.yaml") == {
        "id": "ted-00329785-2021",
        "type": "closed",  # the call-off's BT-766 dps-list
        "notices": {"ted": "329785-2021"},
        "known_only_from_call_offs": "true",
    }
    it = record(data, "awards/ted-00206426-2018/ted-00348503-2021-1.yaml")
    assert (it["tenders"], it["awarded"], it["value"], it["buyer"]) == (
        "6",
        "2021-05-31",
        {"amount": "291578.4", "currency": "EUR"},
        {"name": "Comune di Pisa"},
    )
    assert "sme_tenders" not in it  # absent, not 0


def test_warnings_name_the_winner_without_an_id_and_the_termination_not_applied(
    imported: tuple[Path, int, Any],
) -> None:
    found = outcomes(imported[2])
    ks = [(p["rule"], p["field"]) for p in found[KS]["problems"]]
    assert ("import-winner", "contract CON-0001") in ks
    assert "'Kons AS'" in next(p["message"] for p in found[KS]["problems"] if p["rule"] == "import-winner")
    it = {p["rule"]: p for p in found[IT]["problems"]}
    assert it["import-termination"]["field"] == "BT-119/TERMINATION_DPS"
    assert "not applied" in it["import-termination"]["message"]
    assert "'TD group Italia srl'" in it["import-winner"]["message"]
    scheme = record(imported[0], "schemes/ted-00206426-2018.yaml")
    assert "terminated" not in scheme and "status" not in scheme


def line_at(problem: dict[str, Any]) -> str:
    """The line of its file a problem names."""
    return Path(problem["file"]).read_text(encoding="utf-8").splitlines()[problem["line"] - 1]


def test_every_problem_names_the_line_of_its_element_or_of_its_records_field(imported: tuple[Path, int, Any]) -> None:
    found = [p for o in imported[2]["outcomes"] for p in o["problems"]]
    assert found and all(p["line"] >= 1 for p in found)
    by = {(Path(p["file"]).name, p["rule"]): p for p in found}
    # a notice's: the element it is about (the winner's organisation, the termination flag)
    winner = by[KS, "import-winner"]
    element = (NOTICES / KS).read_text(encoding="utf-8").splitlines()[winner["line"] - 1 :]
    assert element[0].strip().startswith("<efac:Organization>")
    assert KONS in "\n".join(element[: next(i for i, s in enumerate(element) if "</efac:Organization>" in s)])
    assert "<efbc:DPSTerminationIndicator>true" in line_at(by[UPPSALA_EFORMS, "import-termination"])
    assert "TERMINATION_DPS" in line_at(by[UPPSALA_TED, "import-termination"])
    # a record's: its field in the file as written; a missing field, the field that would hold it
    gaps = [p for p in found if p["rule"] == "import-gap"]
    assert {p["field"] for p in gaps} == {"buyer.id"}
    assert all(line_at(p) == "buyer:" for p in gaps)


def test_a_warning_on_a_hand_written_record_names_its_fields_line_after_the_import(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "schemes").mkdir(parents=True)
    path = data / "schemes/forsvar-it-rekruttering.yaml"
    path.write_text(
        "# written before the notice was imported\n"
        "# by the buyer's procurement office\n"
        'id: "forsvar-it-rekruttering"\n'
        'title: "Old title"\n'
        "buyer:\n"
        '  name: "Ministerie van Defensie"\n'
        "notices:\n"
        '  ted: "127505-2024"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["import", "--data", str(data), str(NOTICES / NL)])
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines.index("buyer:") == 5  # below the comments, the notice's title and description
    assert f"{path.as_posix()}:6: buyer.id: warning: the notice gives the buyer no organisation number" in result.output
    # the summary counts the files looked at: the notice read and the record file the warning is in
    assert "in 1 of 2 files" in result.output
    assert ":0:" not in result.output


def test_a_warning_on_a_new_record_not_written_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"

    def failing(source: str, target: str | Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store.os, "replace", failing)
    report = import_notices(notice_files([NOTICES / NL]), data)
    shown = (data / "schemes/ted-00127505-2024.yaml").as_posix()
    (written,) = report.problems
    assert (written.rule, written.file, written.line) == ("import-write", shown, 1)
    assert written.message.endswith("; no file was created")
    (gap,) = [p for p in report.all_problems if p.rule == "import-gap"]
    assert (gap.file, gap.line, gap.field) == (shown, 1, "buyer.id")
    assert "the record's new file was not written" in gap.message


def test_imported_files_are_in_the_canonical_layout(imported: tuple[Path, int, Any]) -> None:
    result = CliRunner().invoke(main, ["fmt", "--check", "--data", str(imported[0])])
    assert result.exit_code == 0, result.output


def test_a_second_run_changes_no_byte_and_reports_every_notice_unchanged(tmp_path: Path) -> None:
    data = tmp_path / "data"
    winner = with_winner_id(tmp_path, "312345692")
    run(data, NOTICES, winner)
    before = snapshot(data)
    code, body = run(data, NOTICES, winner)
    assert code == 0
    assert snapshot(data) == before
    assert {o["status"] for o in body["outcomes"]} == {"unchanged", "skipped"}
    assert all(not o["created"] and not o["updated"] for o in body["outcomes"])


# --- winners, suppliers and admissions ----------------------------------------------------------------


def test_a_winner_with_a_valid_orgnr_becomes_a_supplier_admitted_no_later_than_the_call_off(tmp_path: Path) -> None:
    data = tmp_path / "data"
    code, _ = run(data, with_winner_id(tmp_path, "NO 312 345 692 MVA"))
    assert code == 0
    supplier = record(data, "suppliers/NO-BRC-312345692.yaml")
    assert supplier == {
        "id": "NO-BRC-312345692",
        "name": "Kons AS",
        "size": "sme",  # BT-165 sme: micro, small or medium, not saying which
        "country": "NO",
        "admissions": [
            {"scheme": "ted-00329785-2021", "categories": "null", "admitted_by": "2023-09-26", "source": "2023-335407"}
        ],
    }
    award = record(data, "awards/ted-00329785-2021/doffin-2023-335407-con-0001.yaml")
    assert award["suppliers"] == ["NO-BRC-312345692"]


def test_two_call_offs_won_on_one_day_give_one_inferred_admission_and_the_data_stays_valid(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = with_winner_id(tmp_path, "312345692")
    second = tmp_path / "second" / "2023-335408.xml"
    second.parent.mkdir()
    second.write_text(first.read_text(encoding="utf-8").replace("2023-335407", "2023-335408"), encoding="utf-8")
    assert run(data, first, second)[0] == 0
    assert len(list((data / "awards/ted-00329785-2021").iterdir())) == 2
    (admission,) = record(data, "suppliers/NO-BRC-312345692.yaml")["admissions"]
    assert admission["admitted_by"] == "2023-09-26"
    checked = CliRunner().invoke(main, ["validate", "--data", str(data), "--format", "json"])
    assert not [p for p in json.loads(checked.stdout) if p["rule"] == "unique"]


def test_hand_written_admissions_and_fields_survive_a_re_import(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "suppliers").mkdir(parents=True)
    hand = (
        'id: "NO-BRC-312345692"\n'
        'name: "Kons AS"  # as registered\n'
        'size: "small"\n'
        'country: "NO"\n'
        'municipality: "0301"\n'
        "admissions:\n"
        '  - scheme: "ted-00329785-2021"\n'
        "    requested: 2022-01-10\n"
        "    admitted: 2022-01-17\n"
    )
    (data / "suppliers/NO-BRC-312345692.yaml").write_text(hand, encoding="utf-8")
    notice = with_winner_id(tmp_path, "312345692")
    assert run(data, notice)[0] == 0
    text = (data / "suppliers/NO-BRC-312345692.yaml").read_text(encoding="utf-8")
    assert text.startswith(hand)  # every hand-written line as it was: the size stays small, not the notice's sme
    assert text[len(hand) :] == (  # the inferred admission after them, in the canonical layout
        '  - scheme: "ted-00329785-2021"\n'
        "    categories: null\n"  # not known: the call-off does not say which category
        "    admitted_by: 2023-09-26\n"
        '    source: "2023-335407"\n'
    )
    again = snapshot(data)
    assert run(data, notice)[0] == 0
    assert snapshot(data) == again
    assert len(record(data, "suppliers/NO-BRC-312345692.yaml")["admissions"]) == 2


def test_an_orgnr_failing_mod_11_is_an_error_the_award_keeps_and_the_rest_imports(tmp_path: Path) -> None:
    data = tmp_path / "data"
    code, body = run(data, with_winner_id(tmp_path, "312345693"), NOTICES / NL)
    found = outcomes(body)
    assert code == 1
    errors = [p for p in found[KS]["problems"] if p["severity"] == "error"]
    assert [(p["rule"], p["file"].endswith(KS)) for p in errors] == [("notice-orgnr", True)]
    assert "fails the mod-11 check" in errors[0]["message"] and errors[0]["line"] > 0
    assert not (data / "suppliers").exists()
    assert "suppliers" not in record(data, "awards/ted-00329785-2021/doffin-2023-335407-con-0001.yaml")
    assert found[NL]["status"] == "created"


# --- linking, stubs, terminations ---------------------------------------------------------------------


def _setup_as(tmp_path: Path, ted: str, buyer: str | None = None) -> Path:
    """The NL set-up notice published as another TED notice (and by another buyer): the DPS a call-off names."""
    changes = [("00127505-2024", ted)]
    if buyer:
        changes.append(
            ('<cbc:Name languageID="NLD">Ministerie van Defensie</cbc:Name>', f"<cbc:Name>{buyer}</cbc:Name>")
        )
    return edited(tmp_path, NL, *changes, as_name=f"setup-{ted}.xml")


def test_a_later_set_up_notice_completes_the_scheme_known_only_from_its_call_offs(tmp_path: Path) -> None:
    data = tmp_path / "data"
    run(data, NOTICES / KS)
    award = (data / "awards/ted-00329785-2021/doffin-2023-335407-con-0001.yaml").read_bytes()
    code, body = run(data, _setup_as(tmp_path, "2021/S 124-329785"))  # the OJS form KS's OPP-090 writes
    assert code == 0
    (only,) = body["outcomes"]
    assert only["updated"] == [f"{data}/schemes/ted-00329785-2021.yaml"]  # the same file and permalink
    scheme = record(data, "schemes/ted-00329785-2021.yaml")
    assert "known_only_from_call_offs" not in scheme
    assert (scheme["title"], scheme["status"], scheme["notices"]) == (
        "20383042 Werving en selectie IT personeel",
        "active",
        {"ted": "329785-2021"},
    )
    assert (data / "awards/ted-00329785-2021/doffin-2023-335407-con-0001.yaml").read_bytes() == award


@pytest.mark.parametrize("written", ["00329785-2021", "329785-2021", "2021/S 124-329785"])
def test_a_call_off_finds_its_scheme_in_the_same_batch_however_the_id_is_written(tmp_path: Path, written: str) -> None:
    data = tmp_path / "data"
    code, body = run(data, NOTICES / KS, _setup_as(tmp_path, written))
    assert code == 0
    assert outcomes(body)[KS]["import_next"] is None
    assert sorted(p.name for p in (data / "schemes").iterdir()) == ["ted-00329785-2021.yaml"]
    assert "known_only_from_call_offs" not in record(data, "schemes/ted-00329785-2021.yaml")


def test_a_call_off_naming_the_set_up_notice_by_its_eforms_id_and_version_finds_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    call_off = edited(
        tmp_path,
        KS,
        (
            '<cbc:ID schemeName="ojs-notice-id">2021/S 124-329785</cbc:ID>\n      </cac:NoticeDocumentReference>',
            '<cbc:ID schemeName="notice-id-ref">9E5933FA-86a8-44c0-a8c1-abc1e0d1ab57-01</cbc:ID>'
            "\n      </cac:NoticeDocumentReference>",
        ),
    )
    code, body = run(data, call_off, NOTICES / NL)
    assert code == 0 and outcomes(body)[KS]["import_next"] is None
    # (its OPP-010 no longer copies OPP-090 here, so it is the call-off's own TED id and names the award)
    assert outcomes(body)[KS]["created"] == [f"{data}/awards/ted-00127505-2024/ted-00329785-2021-con-0001.yaml"]


NL_UUID = "9e5933fa-86a8-44c0-a8c1-abc1e0d1ab57"  # the NL set-up notice's BT-701
NL_PROCEDURE = "cd9b9071-6cd2-47bb-aad6-3d9cca00bb59"  # and its BT-04
KS_OPP_090 = '<cbc:ID schemeName="ojs-notice-id">2021/S 124-329785</cbc:ID>'


@pytest.mark.parametrize(
    "change",
    [
        # the eForms rule: a call-off repeats its DPS's procedure identifier (BT-04)
        (
            "<cbc:ContractFolderID>2023-335407</cbc:ContractFolderID>",
            f"<cbc:ContractFolderID>{NL_PROCEDURE}</cbc:ContractFolderID>",
        ),
        # OPP-090 naming the set-up notice by its UUID alone, though the scheme's id and file are its TED id
        (KS_OPP_090, f'<cbc:ID schemeName="notice-id-ref">{NL_UUID}-01</cbc:ID>'),
    ],
    ids=["BT-04", "OPP-090-uuid"],
)
def test_a_call_off_imported_in_a_later_run_finds_its_scheme_by_procedure_or_notice_uuid(
    tmp_path: Path, change: tuple[str, str]
) -> None:
    data = tmp_path / "data"
    assert run(data, NOTICES / NL)[0] == 0
    (source,) = record(data, "schemes/ted-00127505-2024.yaml")["sources"]
    assert (source["notice"], source["uuid"], source["procedure"]) == ("00127505-2024", NL_UUID, NL_PROCEDURE)
    call_off = edited(tmp_path, KS, change)
    if change[0] != KS_OPP_090:  # only BT-04 names the DPS: its OPP-090 would name another notice
        call_off.write_text(call_off.read_text(encoding="utf-8").replace(KS_OPP_090, ""), encoding="utf-8")
    code, body = run(data, call_off)  # a second run: the set-up notice is known from data/ alone
    assert code == 0
    (only,) = body["outcomes"]
    assert only["import_next"] is None
    # (its OPP-010 no longer copies an OPP-090, so it is the call-off's own TED id and names the award)
    assert only["created"] == [f"{data}/awards/ted-00127505-2024/ted-00329785-2021-con-0001.yaml"]
    assert record(data, "awards/ted-00127505-2024/ted-00329785-2021-con-0001.yaml")["scheme"] == "ted-00127505-2024"
    assert sorted(p.name for p in (data / "schemes").iterdir()) == ["ted-00127505-2024.yaml"]  # no stub made
    assert CliRunner().invoke(main, ["validate", "--data", str(data)]).exit_code == 0


def test_sources_name_neither_uuid_nor_procedure_when_they_are_the_notices_own_id(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run(data, NOTICES / KS)[0] == 0  # retro-converted: BT-701 and BT-04 are both its Doffin id
    (source,) = record(data, "awards/ted-00329785-2021/doffin-2023-335407-con-0001.yaml")["sources"]
    assert source["notice"] == "2023-335407" and "uuid" not in source and "procedure" not in source


# A second tender in the KS call-off, by an organisation with a valid number, that no contract was settled with
LOSER = (
    '<efac:LotTender><cbc:ID schemeName="tender">TEN-0002</cbc:ID>'
    '<efac:TenderingParty><cbc:ID schemeName="tendering-party">TPA-0002</cbc:ID></efac:TenderingParty>'
    '<efac:TenderLot><cbc:ID schemeName="Lot">LOT-0000</cbc:ID></efac:TenderLot></efac:LotTender>'
    '<efac:TenderingParty><cbc:ID schemeName="tendering-party">TPA-0002</cbc:ID>'
    '<efac:Tenderer><cbc:ID schemeName="organization">ORG-0099</cbc:ID></efac:Tenderer></efac:TenderingParty>'
)


def _loser_org(number: str | None) -> str:
    legal = f"<cac:PartyLegalEntity><cbc:CompanyID>{number}</cbc:CompanyID></cac:PartyLegalEntity>" if number else ""
    return (
        "<efac:Organization><efac:Company><cac:PartyIdentification>"
        '<cbc:ID schemeName="organization">ORG-0099</cbc:ID></cac:PartyIdentification>'
        f"<cac:PartyName><cbc:Name>Taper AS</cbc:Name></cac:PartyName>{legal}"
        "<efbc:CompanySizeCode>small</efbc:CompanySizeCode>"
        "</efac:Company></efac:Organization>"
    )


def with_loser(tmp_path: Path, number: str | None) -> Path:
    return edited(
        tmp_path,
        KS,
        ("               </efac:NoticeResult>", LOSER + "               </efac:NoticeResult>"),
        ("<efac:Organizations>", "<efac:Organizations>" + _loser_org(number)),
    )


def test_a_losing_tenderer_with_a_valid_orgnr_gets_an_inferred_admission_too(tmp_path: Path) -> None:
    data = tmp_path / "data"
    code, _ = run(data, with_loser(tmp_path, "NO 312 345 722 MVA"))
    assert code == 0
    assert record(data, "suppliers/NO-BRC-312345722.yaml") == {
        "id": "NO-BRC-312345722",
        "name": "Taper AS",
        "size": "small",
        "admissions": [
            # bounded by the contract settled in the lot it tendered in, inferred from this call-off
            {"scheme": "ted-00329785-2021", "categories": "null", "admitted_by": "2023-09-26", "source": "2023-335407"}
        ],
    }
    award = record(data, "awards/ted-00329785-2021/doffin-2023-335407-con-0001.yaml")
    assert "suppliers" not in award  # it lost: not a winner
    again = snapshot(data)
    assert run(data, with_loser(tmp_path, "NO 312 345 722 MVA"))[0] == 0
    assert snapshot(data) == again
    assert CliRunner().invoke(main, ["validate", "--data", str(data)]).exit_code == 0


def test_a_losing_tenderer_without_a_certain_orgnr_is_reported_not_recorded(tmp_path: Path) -> None:
    data = tmp_path / "data"
    code, body = run(data, with_loser(tmp_path, None))
    assert code == 0
    (problem,) = [p for p in body["outcomes"][0]["problems"] if p["rule"] == "import-tenderer"]
    assert "'Taper AS'" in problem["message"] and problem["field"] == "lot LOT-0000"
    assert not (data / "suppliers").exists()


def test_the_award_notices_lot_period_is_the_contract_period(tmp_path: Path) -> None:
    data = tmp_path / "data"
    period = (
        "<cac:PlannedPeriod><cbc:StartDate>2023-10-02+02:00</cbc:StartDate>"
        "<cbc:EndDate>2024-02-01+01:00</cbc:EndDate></cac:PlannedPeriod>"
    )
    call_off = edited(tmp_path, KS, ("</cac:RealizedLocation>", "</cac:RealizedLocation>" + period))
    assert run(data, call_off)[0] == 0
    award = record(data, "awards/ted-00329785-2021/doffin-2023-335407-con-0001.yaml")
    assert award["contract"] == {"start": "2023-10-02", "end": "2024-02-01"}


def test_a_call_off_naming_the_dps_lot_through_bt_1251_gets_that_category(tmp_path: Path) -> None:
    data = tmp_path / "data"
    lot_ref = (
        '<cac:NoticeDocumentReference><cbc:ID schemeName="ojs-notice-id">549479-2020</cbc:ID>'
        "<cbc:ReferencedDocumentInternalAddress>LOT-0002</cbc:ReferencedDocumentInternalAddress>"
        "</cac:NoticeDocumentReference>"
    )
    party = f"{KONS}\n</cac:PartyName><cac:PartyLegalEntity><cbc:CompanyID>312345692</cbc:CompanyID>"
    call_off = edited(
        tmp_path,
        KS,
        (f"{KONS}\n                        </cac:PartyName>", party + "</cac:PartyLegalEntity>"),
        ("      <cac:TenderingProcess>\n", "      <cac:TenderingProcess>\n" + lot_ref),
    )
    code, body = run(data, call_off, NOTICES / UK_EFORMS)
    assert code == 0 and outcomes(body)[KS]["import_next"] is None  # OPP-090's DPS is not held; BT-125's is
    award = record(data, "awards/ted-00549479-2020/doffin-2023-335407-con-0001.yaml")
    assert (award["scheme"], award["category"]) == ("ted-00549479-2020", "lot-0002")
    (admission,) = record(data, "suppliers/NO-BRC-312345692.yaml")["admissions"]
    assert admission["categories"] == ["lot-0002"]


def test_a_termination_by_the_schemes_own_buyer_ends_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    code, body = run(data, _setup_as(tmp_path, "00431038-2019", "Uppsala kommun"), NOTICES / UPPSALA_TED)
    assert code == 0
    scheme = record(data, "schemes/ted-00431038-2019.yaml")
    assert (scheme["status"], scheme["terminated"]) == ("terminated", {"date": "2021-07-13", "notice": "00354339-2021"})
    assert not [p for p in outcomes(body)[UPPSALA_TED]["problems"] if p["rule"] == "import-termination"]


def test_a_termination_ticked_by_a_call_off_buyer_is_reported_not_applied(tmp_path: Path) -> None:
    data = tmp_path / "data"
    code, body = run(data, _setup_as(tmp_path, "2018/S 091-206426", "Consip S.p.A."), NOTICES / IT)
    assert code == 0
    scheme = record(data, "schemes/ted-00206426-2018.yaml")
    assert scheme["status"] == "active" and "terminated" not in scheme
    (claim,) = [p for p in outcomes(body)[IT]["problems"] if p["rule"] == "import-termination"]
    assert "'Comune di Pisa' is not the scheme's buyer 'Consip S.p.A.'" in claim["message"]
    assert record(data, "awards/ted-00206426-2018/ted-00348503-2021-1.yaml")["scheme"] == "ted-00206426-2018"


def test_a_hand_written_scheme_naming_the_notice_is_updated_in_place(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "schemes").mkdir(parents=True)
    hand = (
        "# written before the notice was imported\n"
        'id: "forsvar-it-rekruttering"\n'
        'title: "Old title"\n'
        'description: "Written by a person"\n'
        "buyer:\n"
        '  id: "NL-KVK-27370985"\n'
        '  name: "Ministerie van Defensie"\n'
        'type: "closed"\n'
        'status: "active"\n'
        'cpv: "79610000-3"\n'
        "notices:\n"
        '  ted: "127505-2024"\n'
        "published: 2024-03-01\n"
        "request_deadline: 2024-04-01  # from the tender documents\n"
        "valid_from: 2022-12-22\n"
    )
    (data / "schemes/forsvar-it-rekruttering.yaml").write_text(hand, encoding="utf-8")
    code, _ = run(data, NOTICES / NL)
    assert code == 0 and [p.name for p in (data / "schemes").iterdir()] == ["forsvar-it-rekruttering.yaml"]
    scheme = record(data, "schemes/forsvar-it-rekruttering.yaml")
    assert scheme["title"] == "20383042 Werving en selectie IT personeel"  # the notice gives it
    assert scheme["buyer"] == {"id": "NL-KVK-27370985", "name": "Ministerie van Defensie"}  # same buyer: id kept
    assert scheme["request_deadline"] == "2024-04-01"  # the notice is silent: the person's value stays
    text = (data / "schemes/forsvar-it-rekruttering.yaml").read_text(encoding="utf-8")
    assert "# written before the notice was imported" in text and "# from the tender documents" in text


# --- corrigenda ---------------------------------------------------------------------------------------


def test_a_corrigendum_updates_only_what_it_gives_and_an_older_version_changes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    run(data, NOTICES / NL)
    path = data / "schemes/ted-00127505-2024.yaml"
    text = path.read_text(encoding="utf-8").replace(
        'url: "https://s2c.mercell.com/today/60167"\n',
        'url: "https://s2c.mercell.com/today/60167"\nrequest_deadline: 2023-01-20  # from the buyer\n',
    )
    path.write_text(text, encoding="utf-8")
    corrected = edited(
        tmp_path,
        NL,
        ("<cbc:VersionID>01</cbc:VersionID>", "<cbc:VersionID>02</cbc:VersionID>"),
        ('currencyID="EUR">1000000<', 'currencyID="EUR">1250000<'),
        as_name="corrigendum.xml",
    )
    code, body = run(data, corrected)
    assert code == 0 and body["outcomes"][0]["status"] == "updated"
    after = record(data, "schemes/ted-00127505-2024.yaml")
    assert after["estimated_value"] == {"amount": "1250000", "currency": "EUR"}
    assert after["request_deadline"] == "2023-01-20" and "# from the buyer" in path.read_text(encoding="utf-8")
    assert [s["version"] for s in after["sources"]] == ["02"]
    newest = path.read_bytes()
    code, body = run(data, NOTICES / NL)  # version 01 again
    assert code == 0 and body["outcomes"][0]["status"] == "unchanged"
    assert "holds a newer version (02)" in body["outcomes"][0]["reason"]
    assert path.read_bytes() == newest


# --- bad input ----------------------------------------------------------------------------------------


def test_each_bad_input_is_a_problem_naming_its_file_and_the_rest_is_imported(tmp_path: Path) -> None:
    data = tmp_path / "data"
    bad = tmp_path / "notices"
    bad.mkdir()
    whole = (NOTICES / KS).read_bytes()
    (bad / "truncated.xml").write_bytes(whole[: len(whole) // 2])
    (bad / "malformed.xml").write_text("<ContractNotice><cbc:ID>1</ContractNotice>", encoding="utf-8")
    (bad / "not-a-notice.xml").write_text('<?xml version="1.0"?><html><body>Doffin</body></html>', encoding="utf-8")
    edited(tmp_path, KS, ('listName="notice-subtype">29<', 'listName="notice-subtype">99<'), as_name="subtype.xml")
    edited(tmp_path, NL, ("eforms-sdk-1.7", "eforms-sdk-2.0"), as_name="sdk.xml")
    edited(tmp_path, UK_EFORMS, (">dps-nlist<", ">dps-list<"), as_name="two-types.xml")
    code, body = run(data, bad, NOTICES / NL, NOTICES / UK_CPB)
    found = outcomes(body)
    assert code == 1
    expected = {
        "truncated.xml": "notice-xml",
        "malformed.xml": "notice-xml",
        "not-a-notice.xml": "notice-format",
        "subtype.xml": "notice-subtype",
        "sdk.xml": "notice-sdk",
        "two-types.xml": "notice-dps-conflict",
    }
    for name, rule in expected.items():
        assert found[name]["status"] == "failed", name
        (problem,) = [p for p in found[name]["problems"] if p["severity"] == "error"]
        assert (problem["rule"], Path(problem["file"]).name) == (rule, name)
    assert found["two-types.xml"]["problems"][0]["field"].startswith("BT-766")
    assert not (data / "schemes/ted-00549479-2020.yaml").exists()  # no scheme of an unknown type
    assert (found[NL]["status"], found[UK_CPB]["status"]) == ("created", "created")


def test_a_record_file_that_cannot_be_read_is_reported_and_left_as_it_is(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "schemes").mkdir(parents=True)
    broken = data / "schemes/ted-00127505-2024.yaml"
    broken.write_text('id: "ted-00127505-2024"\ntitle: [unclosed\n', encoding="utf-8")
    code, body = run(data, NOTICES / NL, NOTICES / UK_CPB)
    found = outcomes(body)
    assert code == 1
    assert broken.read_text(encoding="utf-8") == 'id: "ted-00127505-2024"\ntitle: [unclosed\n'
    assert found[NL]["status"] == "failed"
    assert {p["rule"] for p in found[NL]["problems"]} == {"import-record"}
    assert found[UK_CPB]["status"] == "created"


def test_a_failed_write_loses_nothing_and_the_other_files_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    run(data, NOTICES / NL)
    path = data / "schemes/ted-00127505-2024.yaml"
    before = path.read_bytes()
    corrected = edited(
        tmp_path,
        NL,
        ("<cbc:VersionID>01</cbc:VersionID>", "<cbc:VersionID>02</cbc:VersionID>"),
        ('currencyID="EUR">1000000<', 'currencyID="EUR">1250000<'),
    )
    replace = os.replace

    def failing(source: str, target: str | Path) -> None:
        if Path(target).name == path.name:
            raise OSError(28, "No space left on device")
        replace(source, target)

    monkeypatch.setattr(store.os, "replace", failing)
    report = import_notices(notice_files([corrected, NOTICES / UK_CPB]), data)
    assert report.failed
    assert [(p.rule, p.file) for p in report.problems] == [("import-write", path.as_posix())]
    assert "No space left on device" in report.problems[0].message
    assert path.read_bytes() == before
    assert (data / "schemes/ted-00373612-2020.yaml").is_file()
    assert not [p for p in data.rglob("*") if p.name.startswith(".")]  # no temporary file left behind
    byname = {Path(o.file).name: o for o in report.outcomes}
    assert byname[NL].updated == []


# --- the command line ---------------------------------------------------------------------------------


def test_the_doffin_id_comes_from_the_file_name(tmp_path: Path) -> None:
    data = tmp_path / "data"
    copy = edited(tmp_path, NL, as_name="doffin_2024-123456_defensie.xml")
    assert run(data, copy)[0] == 0
    assert record(data, "schemes/ted-00127505-2024.yaml")["notices"] == {"doffin": "2024-123456", "ted": "127505-2024"}


def test_text_output_lists_each_outcome_and_what_to_import_next(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["import", "--data", str(tmp_path / "data"), str(NOTICES)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert (
        f"skipped: {NOTICES / 'doffin_2024-100829_NO_N29-national_can.xml'}: not a dynamic purchasing system: "
        "BT-766 (DPS usage) is 'none' on LOT-0000" in lines
    )
    assert f"unlinked: {NOTICES / IT}: linked to a scheme known only from its call-offs: import 206426-2018" in lines
    assert lines[-1] == (
        "12 notice files: 6 created, 1 updated, 1 unchanged, 4 skipped, 0 failed; "
        "4 linked to schemes known only from their call-offs"
    )


def test_progress_bar_goes_to_stderr_when_asked(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["import", "--progress", "--data", str(tmp_path / "d"), str(NOTICES / NL)])
    assert result.exit_code == 0
    assert "reading notices" in result.stderr and "reading notices" not in result.stdout


# --- end to end: import, validate, build --------------------------------------------------------------


def test_every_real_notice_imported_into_an_empty_folder_validates_builds_and_exports_valid_ocds(
    tmp_path: Path,
) -> None:
    """No hand edits: notices write CPV codes without their check digit and name UK, Dutch and Italian buyers
    without an id the import can be sure of, and the records are valid as imported all the same."""
    data = tmp_path / "data"
    assert run(data, NOTICES)[0] == 0
    checked = CliRunner().invoke(main, ["validate", "--data", str(data), "--format", "json"])
    assert checked.exit_code == 0, checked.output
    assert not [p for p in json.loads(checked.stdout) if p["severity"] == "error"]
    assert CliRunner().invoke(main, ["fmt", "--check", "--data", str(data)]).exit_code == 0
    site = tmp_path / "site"
    built = CliRunner().invoke(main, ["build", "--data", str(data), "--out", str(site), "--no-cache"])
    assert built.exit_code == 0, built.output
    pages = "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    for shown in ("North West SEND Flexible Purchasing System", "ted-00206426-2018", "doffin-2023-335407-con-0001"):
        assert shown in pages
    assert "https://ted.europa.eu/en/notice/-/detail/127505-2024" in pages  # the published notice, linked
    assert "fictional example data" not in pages  # real notices: the note on the shipped data is not shown
    # the CPV code as the notice writes it, on the page and in the downloads: no check digit made up
    nl_page = (site / "en/schemes/ted-00127505-2024/index.html").read_text(encoding="utf-8")
    assert "<dd>79610000</dd>" in nl_page
    # a buyer without an id: its name as text, the id unknown, no buyer page under a guessed id
    assert "<dt>Buyer</dt><dd>Ministerie van Defensie</dd><dt>Organisation id</dt><dd>unknown</dd>" in nl_page
    assert sorted(p.name for p in (site / "buyers").iterdir() if p.is_dir()) == ["NO-BRC-971032146"]
    pisa = (site / "en/schemes/ted-00206426-2018/awards/2021/index.html").read_text(encoding="utf-8")
    assert "<dt>Buyer</dt><dd>Comune di Pisa</dd>" in pisa  # an award's buyer without an id: its name, no link
    # what an award notice cannot say is "unknown" on the pages, not a dash (a dash would read as "none")
    assert "<dt>Invited</dt><dd>unknown</dd><dt>Tender deadline</dt><dd>unknown</dd>" in pisa
    ks = (site / "en/schemes/ted-00329785-2021/index.html").read_text(encoding="utf-8")
    assert "<td>unknown</td>" in ks and "–" not in ks.split("<tbody>")[-1]
    indicators = (site / "en/indicators/index.html").read_text(encoding="utf-8")
    assert "In no buyer&#39;s figures because their buyer has no id" in indicators
    downloads = site / "downloads"
    schemes_csv = (downloads / "schemes.csv").read_text(encoding="utf-8")
    assert ",79610000," in schemes_csv and "79610000-" not in schemes_csv
    if VALIDATOR.is_file():  # the OCDS export of the imported folder is valid by the standard's own validator
        validate(downloads / "ocds-releases.json")
        nl = releases(downloads)["ocds-unregd-ted-00127505-2024"]
        assert nl["buyer"] == {"id": "buyer", "name": "Ministerie van Defensie"}
        (party,) = [p for p in nl["parties"] if p["id"] == "buyer"]
        assert "identifier" not in party  # no organisation id is made up
        assert nl["tender"]["items"][0]["classification"] == {"scheme": "CPV", "id": "79610000"}
    # and importing again changes nothing
    before = snapshot(data)
    assert run(data, NOTICES)[0] == 0
    assert snapshot(data) == before

"""Reading notices (generator/notices/): the exact facts of each real notice in ../shared/real-notices/, and a
problem with file, line and element for each kind of bad input. Bad inputs are real notices edited in tmp_path."""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from generator.notices import AwardNotice, NotDps, Organisation, Reading, Reference, SetupNotice, read_notice, safexml
from generator.notices.facts import Duration, Money, Termination, Validity
from generator.notices.ids import identify, norwegian_orgnr
from tests.conftest import shared_folder

NOTICES = shared_folder() / "real-notices"
pytestmark = pytest.mark.skipif(not NOTICES.is_dir(), reason=f"the real notices are not at {NOTICES} (../shared)")

KS = "eforms_2023-335407_ks_dps_calloff_award.xml"
UK_EFORMS = "eforms-converted_549479-2020_UK_cn16_dps-nlist_3lots.xml"
EXT = "/ContractAwardNotice/ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent/efext:EformsExtension"


def read(name: str, **kw: str) -> Reading:
    return read_notice(NOTICES / name, name=name, **kw)


def flat(reading: Reading) -> list[tuple[str, str, int, str]]:
    return [(p.rule, p.file, p.line, p.field) for p in reading.problems]


def edited(tmp_path: Path, name: str, old: str, new: str) -> Path:
    text = (NOTICES / name).read_text(encoding="utf-8")
    assert old in text, old
    copy = tmp_path / name
    copy.write_text(text.replace(old, new, 1), encoding="utf-8")
    return copy


# --- the real notices ---------------------------------------------------------------------------------


def test_ks_call_off_under_a_dps_is_one_award_with_its_counts_winner_and_dps_link() -> None:
    reading = read(KS)
    notice = reading.notice
    assert isinstance(notice, AwardNotice)
    assert (notice.source.format, notice.source.subtype, notice.source.sdk, notice.source.tailoring) == (
        "eforms",
        "29",
        "1.7",
        "eu",
    )
    assert notice.ids.doffin == "2023-335407" and notice.ids.published == date(2023, 9, 28)
    assert notice.ids.ted is None  # OPP-010 is the copied OPP-090: warned, not taken
    assert notice.title == "Utarbeidelse av felles kommunale sikkerhetskrav" and notice.cpv == "79410000"
    assert notice.buyers == (
        Organisation("NO-BRC-971032146", "971 032 146", "KS (Kommunesektorens organisasjon)", "NO"),
    )
    (contract,) = notice.contracts
    assert (contract.id, contract.reference, contract.lot) == ("CON-0001", "1", "LOT-0000")
    assert contract.winners == (Organisation(None, None, "Kons AS", "NO", "sme"),)  # no BT-501 in the notice
    assert contract.value == Money(Decimal("2700000.00"), "NOK")
    assert (contract.award_date, contract.concluded) == (None, date(2023, 9, 26))
    assert (contract.tenders, contract.sme_tenders, contract.counts_unknown_because) == (6, 2, None)
    assert notice.references == (Reference("OPP-090", "2021/S 124-329785", "ted", "329785-2021"),)
    assert notice.terminations == ()
    assert notice.link == "https://doffin.no/notices/2023-335407"
    assert flat(reading) == [
        ("notice-id-copied", KS, 215, f"OPP-010 at {EXT}/efac:Publication/efbc:NoticePublicationID")
    ]


def test_uppsala_termination_in_eforms_and_ted_xml_reads_the_same() -> None:
    eforms = read("eforms_21-364240_uppsala_dps_termination.xml").notice
    ted = read("ted-r209_21-364240_uppsala_dps_termination.xml").notice
    assert isinstance(eforms, AwardNotice) and isinstance(ted, AwardNotice)
    uppsala = Organisation(None, None, "Uppsala kommun", "SE")
    for notice in (eforms, ted):
        assert notice.ids.ted == "354339-2021"
        assert (notice.ids.published, notice.ids.dispatched) == (date(2021, 7, 13), date(2021, 7, 8))
        assert notice.title == "Arbetsbefrämjande insatser" and notice.cpv == "85300000"
        assert notice.buyers == (uppsala,) and notice.contracts == ()
        assert {(r.kind, r.value) for r in notice.references} == {("ted", "431038-2019")}
    assert eforms.terminations == (Termination("LOT-0000", (uppsala,)),)
    assert ted.terminations == (Termination(None, (uppsala,)),)
    # the OP converter's placeholder BT-701 and BT-04 identify nothing and are dropped
    assert (eforms.ids.eforms, eforms.ids.procedure) == (None, None)
    assert [r.via for r in eforms.references] == ["OPP-090"]
    assert [r.via for r in ted.references] == ["NOTICE_NUMBER_OJ", "REF_NOTICE"]


def test_italian_f03_call_off_points_at_consip_dps_and_ticks_termination_as_its_own_buyer() -> None:
    notice = read("ted-r209_348503-2021_IT_F03_dps-calloff.xml").notice
    assert isinstance(notice, AwardNotice)
    assert (notice.source.format, notice.source.subtype, notice.source.language) == ("ted-r209", "F03", "IT")
    assert (notice.ids.ted, notice.ids.published) == ("348503-2021", date(2021, 7, 9))
    pisa = Organisation(None, None, "Comune di Pisa", "IT")
    assert notice.buyers == (pisa,)
    (contract,) = notice.contracts
    assert (contract.id, contract.reference, contract.lot) == ("1", "56135/1019", None)
    assert contract.winners == (Organisation(None, None, "TD group Italia srl", "IT", "large"),)  # NO_SME
    assert contract.value == Money(Decimal("291578.40"), "EUR")
    assert (contract.concluded, contract.tenders, contract.sme_tenders) == (date(2021, 5, 31), 6, None)
    assert notice.references == (
        Reference("NOTICE_NUMBER_OJ", "2018/S 091-206426", "ted", "206426-2018"),
        Reference("REF_NOTICE", "2018/S 091-206426", "ted", "206426-2018"),
    )
    assert notice.terminations == (Termination(None, (pisa,)),)  # whose it is: the importer compares with Consip
    assert notice.link == "https://ted.europa.eu/en/notice/-/detail/348503-2021"


def test_uk_f02_cpb_dps_setup_has_one_undivided_lot_a_duration_and_the_first_request_deadline() -> None:
    reading = read("ted-r209_373612-2020_UK_F02_dps-setup-cpb.xml")
    notice = reading.notice
    assert isinstance(notice, SetupNotice) and reading.problems == ()
    assert (notice.ids.ted, notice.ids.published) == ("373612-2020", date(2020, 8, 7))
    assert notice.title == "Water Efficiency Goods and Services Dynamic Purchasing System Agreement"
    assert (notice.dps_type, notice.cpv) == ("open", "65100000")
    assert notice.buyers[0] == Organisation(None, None, "Countess of Chester Hospital NHS Foundation Trust", "GB")
    assert len(notice.buyers) == 2  # the notice's ADDRESS_CONTRACTING_BODY_ADDITIONAL, as written
    (lot,) = notice.lots
    assert (lot.id, lot.cpv, lot.dps) == (None, "65100000", "dps-nlist")
    assert lot.validity == Validity(None, None, None, Duration(48, "MONTH"), None)  # no start: no end
    assert (lot.request_deadline, lot.request_deadline_from) == (date(2020, 9, 3), "DATE_RECEIPT_TENDERS")
    assert notice.estimated_value == Money(Decimal("20000000"), "GBP")


def test_uk_send_dps_reads_the_same_from_ted_xml_and_its_eforms_conversion() -> None:
    ted = read("ted-r209_20-566267_uk_dps_setup.xml").notice
    converted = read(UK_EFORMS).notice
    assert isinstance(ted, SetupNotice) and isinstance(converted, SetupNotice)
    titles = ("Day Education Placement", "Education with 38 Week Residential Placement")
    for notice in (ted, converted):
        assert (notice.ids.ted, notice.ids.published) == ("549479-2020", date(2020, 11, 16))
        assert notice.title == "North West SEND Flexible Purchasing System"
        assert (notice.dps_type, notice.cpv) == ("open", "80000000")
        assert len(notice.buyers) == 23 and notice.buyers[0].name == "Cheshire East Borough Council"
        assert notice.buyers[22].name == "Wirral Metropolitan Borough Council"
        assert [lot.title for lot in notice.lots][:2] == list(titles) and len(notice.lots) == 3
        assert {(lot.cpv, lot.dps, lot.request_deadline) for lot in notice.lots} == {
            ("80000000", "dps-nlist", date(2021, 1, 4))
        }
        assert {lot.validity.duration for lot in notice.lots} == {Duration(120, "MONTH")}
        assert {lot.validity.end for lot in notice.lots} == {None}
    assert [lot.id for lot in ted.lots] == ["1", "2", "3"]
    assert [lot.id for lot in converted.lots] == ["LOT-0001", "LOT-0002", "LOT-0003"]
    assert {lot.request_deadline_from for lot in converted.lots} == {"BT-131"}  # the converter's BT-131, flagged
    assert converted.buyers[0].lead is True and converted.buyers[1].lead is False
    assert (converted.ids.eforms, converted.ids.procedure) == (None, None)  # converter placeholders
    assert converted.source.sdk == "1.10" and converted.source.subtype == "16"


def test_dutch_pin_as_call_for_competition_sets_up_a_closed_dps_with_its_stated_period() -> None:
    reading = read("eforms_127505-2024_NL_cn10-pin-cfc_dps-list.xml")
    notice = reading.notice
    assert isinstance(notice, SetupNotice) and reading.problems == ()
    assert (notice.source.subtype, notice.source.sdk) == ("10", "1.7")
    assert notice.ids.ted == "127505-2024" and notice.ids.eforms == "9e5933fa-86a8-44c0-a8c1-abc1e0d1ab57"
    assert notice.ids.procedure == "cd9b9071-6cd2-47bb-aad6-3d9cca00bb59"
    assert (notice.ids.published, notice.ids.dispatched) == (date(2024, 3, 1), date(2024, 2, 29))
    assert notice.title == "20383042 Werving en selectie IT personeel"
    assert notice.buyers == (Organisation(None, "27370985", "Ministerie van Defensie", "NL"),)  # KvK: not guessed
    assert notice.dps_type == "closed"
    (lot,) = notice.lots
    assert (lot.id, lot.cpv, lot.dps) == ("LOT-0000", "79610000", "dps-list")
    assert lot.validity == Validity(date(2022, 12, 22), date(2025, 1, 31), "stated", None, None)
    assert lot.request_deadline is None and lot.url == "https://s2c.mercell.com/today/60167"
    assert notice.estimated_value == Money(Decimal("1000000"), "EUR")
    assert notice.link == "https://ted.europa.eu/en/notice/-/detail/127505-2024"


@pytest.mark.parametrize(
    ("name", "subtype", "doffin"),
    [
        ("doffin_2023-697632_NO_N16-national_retroconverted_cn.xml", "N16", "2023-697632"),
        ("doffin_2024-100829_NO_N29-national_can.xml", "N29", None),
        ("doffin_2024-111341_NO_can33_opp090-notice-id-ref.xml", "33", None),
        ("doffin_2024-113575_NO_can25_bt125-ojs-unpadded.xml", "25", None),
    ],
)
def test_norwegian_notices_that_are_no_dps_are_read_as_such_with_the_reason(
    name: str, subtype: str, doffin: str | None
) -> None:
    reading = read(name)
    assert isinstance(reading.notice, NotDps) and reading.problems == ()
    assert (reading.notice.source.subtype, reading.notice.ids.doffin) == (subtype, doffin)
    assert reading.notice.reason == "not a dynamic purchasing system: BT-766 (DPS usage) is 'none' on LOT-0000"


def test_the_doffin_id_of_a_native_doffin_notice_comes_from_the_caller() -> None:
    notice = read("doffin_2024-100829_NO_N29-national_can.xml", doffin="2024-100829").notice
    assert notice is not None and notice.ids.doffin == "2024-100829"
    assert notice.ids.eforms == "510444f4-6cd2-4b26-8dd6-f3af27ffa069" and notice.ids.published is None


@pytest.mark.parametrize(
    "name", ["README.md", "contracts-finder-dps-releases.json", "ocds_2023-335407_ks_dps_calloff_award.json"]
)
def test_files_beside_the_notices_that_are_no_xml_are_no_notice(name: str) -> None:
    assert flat(read(name)) == [("notice-format", name, 1, "")]


# --- identifiers -------------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["2021/S 124-329785", "329785-2021", "00329785-2021", " 2021/S124 - 329785\u200b"])
def test_one_ted_notice_id_however_written(written: str) -> None:
    assert identify(written) == ("ted", "329785-2021", None)


@pytest.mark.parametrize(
    ("written", "digits"),
    [
        ("971 032 146", "971032146"),
        ("NO 971 032 146 MVA", "971032146"),
        ("Org.nr. 971 032 146", "971032146"),
        ("971\u200b032\u200b146", "971032146"),
        ("971 032 147", None),  # check digit wrong
        ("97103214", None),
    ],
)
def test_norwegian_organisation_numbers_normalised_and_checked(written: str, digits: str | None) -> None:
    assert norwegian_orgnr(written) == digits


# --- bad input ------------------------------------------------------------------------------------------


def test_malformed_xml_is_a_problem_at_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b'<?xml version="1.0"?>\n<ContractNotice>\n<a></b>\n</ContractNotice>\n')
    reading = read_notice(bad, name="bad.xml")
    assert reading.notice is None and flat(reading) == [("notice-xml", "bad.xml", 3, "")]
    assert "not well-formed" in reading.problems[0].message


def test_a_truncated_notice_is_a_problem_saying_so(tmp_path: Path) -> None:
    data = (NOTICES / KS).read_bytes()
    cut = tmp_path / "cut.xml"
    cut.write_bytes(data[: len(data) // 2])
    reading = read_notice(cut, name="cut.xml")
    assert reading.notice is None and [p.rule for p in reading.problems] == ["notice-xml"]
    assert reading.problems[0].line > 100 and "truncated" in reading.problems[0].message


def test_xml_that_is_no_notice_is_a_problem_at_its_root(tmp_path: Path) -> None:
    page = tmp_path / "page.xml"
    page.write_text("<html>\n<body/></html>\n", encoding="utf-8")
    reading = read_notice(page, name="page.xml")
    assert flat(reading) == [("notice-format", "page.xml", 1, "/html")]
    assert "is not a notice" in reading.problems[0].message


BOMB = """<?xml version="1.0"?>
<!DOCTYPE ContractNotice [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
]>
<ContractNotice xmlns="urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2">&e;</ContractNotice>
"""


def test_an_entity_bomb_is_refused_without_expanding_it(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(BOMB, encoding="utf-8")
    started = time.perf_counter()
    reading = read_notice(bomb, name="bomb.xml")
    assert time.perf_counter() - started < 1
    assert reading.notice is None and flat(reading) == [("notice-unsafe", "bomb.xml", 2, "<!DOCTYPE")]
    # and the parser itself, past the scan, does not expand it either
    with pytest.raises(etree.XMLSyntaxError):
        etree.fromstring(BOMB.encode(), safexml.parser())


def test_an_external_entity_is_refused_and_never_read_or_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-971032146", encoding="utf-8")
    document = (
        f'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY s SYSTEM "{secret.as_uri()}">'
        '<!ENTITY n SYSTEM "http://127.0.0.1:9/x.dtd">]>\n<x><y>&s;&n;</y></x>\n'
    )
    xxe = tmp_path / "xxe.xml"
    xxe.write_text(document, encoding="utf-8")
    reading = read_notice(xxe, name="xxe.xml")
    assert flat(reading) == [("notice-unsafe", "xxe.xml", 2, "<!DOCTYPE")]
    assert "TOP-SECRET" not in repr(reading)
    root = etree.fromstring(document.encode(), safexml.parser())  # past the scan: entities stay references
    assert "TOP-SECRET" not in etree.tostring(root, encoding="unicode")


def test_an_unknown_subtype_is_a_problem_at_its_element(tmp_path: Path) -> None:
    copy = edited(tmp_path, KS, 'listName="notice-subtype">29<', 'listName="notice-subtype">99<')
    reading = read_notice(copy, name=KS)
    assert reading.notice is None
    assert flat(reading) == [("notice-subtype", KS, 120, f"OPP-070 at {EXT}/efac:NoticeSubType/cbc:SubTypeCode")]
    assert "'99'" in reading.problems[0].message


def test_an_unknown_sdk_version_is_a_problem_at_its_element(tmp_path: Path) -> None:
    copy = edited(tmp_path, KS, "eforms-sdk-1.7#", "eforms-sdk-2.0#")
    reading = read_notice(copy, name=KS)
    assert reading.notice is None
    assert flat(reading) == [("notice-sdk", KS, 227, "cbc:CustomizationID at /ContractAwardNotice/cbc:CustomizationID")]


def test_an_organisation_number_failing_its_check_is_an_error_and_stays_unknown(tmp_path: Path) -> None:
    copy = edited(tmp_path, KS, "<cbc:CompanyID>971 032 146<", "<cbc:CompanyID>971 032 147<")
    reading = read_notice(copy, name=KS)
    assert isinstance(reading.notice, AwardNotice)
    assert reading.notice.buyers[0].org_id is None and reading.notice.buyers[0].company_id == "971 032 147"
    org = f"{EXT}/efac:Organizations/efac:Organization[1]/efac:Company/cac:PartyLegalEntity/cbc:CompanyID"
    assert ("notice-orgnr", KS, 150, f"BT-501 at {org}") in flat(reading)


def test_a_winner_number_written_with_prefix_and_suffix_is_normalised(tmp_path: Path) -> None:
    kons = "<cbc:Name>Kons  AS</cbc:Name>"
    copy = edited(
        tmp_path,
        KS,
        kons,
        kons + "</cac:PartyName><cac:PartyLegalEntity><cbc:CompanyID>NO 971 032 146 MVA"
        "</cbc:CompanyID></cac:PartyLegalEntity><cac:PartyName>",
    )
    reading = read_notice(copy, name=KS)
    assert isinstance(reading.notice, AwardNotice)
    (winner,) = reading.notice.contracts[0].winners
    assert (winner.org_id, winner.company_id, winner.size) == ("NO-BRC-971032146", "NO 971 032 146 MVA", "sme")


def test_lots_that_disagree_on_the_dps_type_are_a_problem_and_the_type_stays_unknown(tmp_path: Path) -> None:
    text = (NOTICES / UK_EFORMS).read_text(encoding="utf-8")
    first = text.index('listName="dps-usage">dps-nlist')
    second = text.index('listName="dps-usage">dps-nlist', first + 1)
    copy = tmp_path / UK_EFORMS
    copy.write_text(text[:second] + text[second:].replace("dps-nlist", "dps-list", 1), encoding="utf-8")
    reading = read_notice(copy, name=UK_EFORMS)
    assert isinstance(reading.notice, SetupNotice) and reading.notice.dps_type is None
    assert [(p.rule, p.file) for p in reading.problems] == [("notice-dps-conflict", UK_EFORMS)]
    assert reading.problems[0].field.startswith("BT-766 at /ContractNotice/cac:ProcurementProjectLot[1]/cbc:ID")


def test_a_value_that_is_not_a_date_stays_unknown_with_a_warning(tmp_path: Path) -> None:
    copy = edited(
        tmp_path, KS, "<cbc:IssueDate>2023-09-26</cbc:IssueDate>", "<cbc:IssueDate>2023-02-30</cbc:IssueDate>"
    )
    reading = read_notice(copy, name=KS)
    assert isinstance(reading.notice, AwardNotice) and reading.notice.contracts[0].concluded is None
    assert [(p.rule, p.severity) for p in reading.problems if p.rule == "notice-value"] == [("notice-value", "warning")]


def test_a_missing_file_and_a_file_too_large_are_problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert flat(read_notice(tmp_path / "gone.xml", name="gone.xml")) == [("notice-file", "gone.xml", 1, "")]
    monkeypatch.setattr(safexml, "MAX_NOTICE_BYTES", 1_000)
    assert flat(read_notice(NOTICES / KS, name=KS)) == [("notice-size", KS, 1, "")]


# --- references and counts on real notices whose one lot is marked a DPS here -------------------------


def test_a_lot_reference_bt125_is_read_normalised_when_its_lot_is_a_dps(tmp_path: Path) -> None:
    name = "doffin_2024-113575_NO_can25_bt125-ojs-unpadded.xml"
    copy = edited(tmp_path, name, 'listName="dps-usage">none<', 'listName="dps-usage">dps-list<')
    reading = read_notice(copy, name=name)
    assert isinstance(reading.notice, AwardNotice) and reading.problems == ()
    assert reading.notice.references[-1] == Reference("BT-125", "633991-2023", "ted", "633991-2023", lot="LOT-0000")
    (contract,) = reading.notice.contracts
    assert contract.winners == (Organisation("NO-BRC-975353265", "975 353 265", "Sectra Norge AS", "NO", "medium"),)
    assert contract.value == Money(Decimal("12000000"), "NOK") and contract.award_date == date(2024, 9, 20)
    assert (contract.tenders, contract.sme_tenders) == (None, None)  # the notice counts no tenders


def test_a_previous_notice_reference_by_eforms_id_keeps_its_version(tmp_path: Path) -> None:
    name = "doffin_2024-111341_NO_can33_opp090-notice-id-ref.xml"
    copy = edited(tmp_path, name, 'listName="dps-usage">none<', 'listName="dps-usage">dps-nlist<')
    reading = read_notice(copy, name=name)
    assert isinstance(reading.notice, AwardNotice) and reading.problems == ()
    assert reading.notice.references[-1] == Reference(
        "OPP-090", "099ed52d-de8a-47b9-becc-4a5bec643770-01", "eforms", "099ed52d-de8a-47b9-becc-4a5bec643770", "01"
    )
    assert reading.notice.references[0].via == "BT-04"  # a native notice's own procedure id (a UUID)
    (contract,) = reading.notice.contracts
    assert [w.org_id for w in contract.winners] == ["NO-BRC-914791723"]  # the winner, not the losing tenderer
    assert (contract.tenders, contract.value) == (2, None)  # one lot result, one contract; no BT-720


def test_tenders_of_a_lot_result_holding_several_contracts_are_not_given_to_either(tmp_path: Path) -> None:
    held = '<cbc:ID schemeName="contract">CON-0001</cbc:ID>\n                     </efac:SettledContract>'
    copy = edited(
        tmp_path,
        KS,
        held,
        held + '<efac:SettledContract><cbc:ID schemeName="contract">CON-0002</cbc:ID></efac:SettledContract>',
    )
    reading = read_notice(copy, name=KS)
    assert isinstance(reading.notice, AwardNotice)
    (contract,) = reading.notice.contracts
    assert (contract.tenders, contract.sme_tenders) == (None, None)
    assert contract.counts_unknown_because == "lot result RES-0001 counts the tenders of 2 contracts together"

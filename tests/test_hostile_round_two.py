"""Hostile input, round two (issue 15): values `dps validate` once accepted and a later stage then mangled,
dropped from totals, refused or crashed on. Each class is now refused at its file and line, with its rule,
or published exactly (tests/test_publish_invariant.py states the whole property).
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.check import check, validate
from generator.cli import main
from generator.indicators import compute
from generator.load import load
from generator.model import build_model
from generator.model.facts import as_of_date

from .conftest import Edit, flat

TOLK = "schemes/tolk-fjordvik.yaml"
RENHOLD = "schemes/renhold-nordhei.yaml"
FJORDTOLK = "suppliers/NO-BRC-312345692.yaml"
SVENSK = "suppliers/SE-BLV-5561234567.yaml"
AWARD = "awards/tolk-fjordvik/2024-001.yaml"
TODAY = date(2026, 11, 15)  # the day these checks run, fixed: events may not lie after it


def errors(root: Path, today: date = TODAY) -> list[tuple[str, str, int]]:
    dataset, found = load(root)
    return flat([p for p in check(dataset, found, workers=1, today=today) if p.is_error], root)


# --- 1. a value ending in a line break passed every pattern ------------------------------------------------

LINE_BREAK_ENDINGS = [
    (AWARD, "currency: NOK", 'currency: "NOK\\n"', 14),
    (TOLK, 'cpv: "79540000-1"\ncategories', 'cpv: "79540000-1\\n"\ncategories', 9),
    (FJORDTOLK, "country: NO", 'country: "NO\\n"', 4),
    (FJORDTOLK, "municipality: 0301", 'municipality: "0301\\n"', 5),
    (TOLK, "id: NO-BRC-312345676", 'id: "NO-BRC-312345676\\n"', 5),
    (TOLK, "  - id: muntlig", '  - id: "muntlig\\n"', 11),
    (TOLK, 'doffin: "2023-100001"', 'doffin: "2023-100001\\n"', 19),
]


@pytest.mark.parametrize(("file", "old", "new", "line"), LINE_BREAK_ENDINGS, ids=[c[2] for c in LINE_BREAK_ENDINGS])
def test_a_final_line_break_breaks_the_pattern(
    data: Path, edit: Edit, file: str, old: str, new: str, line: int
) -> None:
    edit(file, old, new)
    assert ("pattern", file, line) in errors(data)


# --- 2. dates far from today -------------------------------------------------------------------------------

DATES = [
    (AWARD, "end: 2025-04-30", "end: 9999-12-31", 17),  # crashed export and build (date overflow)
    (AWARD, "end: 2025-04-30", "end: 2925-04-30", 17),  # the wrong century
    (SVENSK, "left: 2024-06-30", "left: 2424-06-30", 10),  # an indicator row a year until then
    (TOLK, "published: 2023-01-02", "published: 1899-12-31", 20),  # refused by the export
    (TOLK, "valid_to: 2027-02-14", "valid_to: 2100-01-01", 23),
    (AWARD, "awarded: 2024-04-02", f"awarded: {TODAY + timedelta(1)}", 10),  # an event after today
]


@pytest.mark.parametrize(("file", "old", "new", "line"), DATES, ids=[c[2] for c in DATES])
def test_a_date_out_of_range_is_a_range_error(data: Path, edit: Edit, file: str, old: str, new: str, line: int) -> None:
    edit(file, old, new)
    assert ("range", file, line) in errors(data)


def test_a_far_planned_end_moves_neither_today_nor_the_indicator_years(data: Path, edit: Edit) -> None:
    """Ends and deadlines may lie ahead (to 2099): the data's today is its newest event, for pages and figures."""
    dataset, _ = load(data)
    before = as_of_date(dataset)
    edit(AWARD, "end: 2025-04-30", "end: 2099-12-31")
    edit(SVENSK, "left: 2024-06-30", "left: 2099-06-30")
    dataset, problems = validate(data)
    assert [p for p in problems if p.is_error] == []
    assert as_of_date(dataset) == before == build_model(dataset).as_of
    assert max(int(row["year"]) for row in compute(build_model(dataset), problems).rows if row["year"]) <= before.year


# --- 3. text a later format cannot hold ------------------------------------------------------------------


@pytest.mark.parametrize("written", ["a\\rb", "a\\r\\nb", "\\uFFFE", "x\\uFFFF", "\\uFDD0", "\\U0010FFFF"])
def test_text_no_format_holds_as_written_is_a_control_char_error(data: Path, edit: Edit, written: str) -> None:
    edit(TOLK, '"Dynamisk innkjøpsordning for tolketjenester"', f'"{written}"')
    assert ("control-char", TOLK, 2) in errors(data)


@pytest.mark.parametrize("amount", ["0." + "0" * 300 + "1", "1." + "0" * 300, "850000.1234567"])
def test_an_amount_of_hundreds_of_decimals_is_a_range_error(data: Path, edit: Edit, amount: str) -> None:
    edit(AWARD, "amount: 850000.50", f"amount: {amount}")
    assert errors(data) == [("range", AWARD, 13)]


# --- 4. names that show as nothing ----------------------------------------------------------------------

BLANKS = ["   ", "\\u3164", "\\u115F\\u1160", "\\u2800", "\\u00A0", "\\u3000 \\u00A0", "\\uFFA0", " \\u0301 "]


@pytest.mark.parametrize("blank", BLANKS)
def test_a_name_that_shows_nothing_is_blank(data: Path, edit: Edit, blank: str) -> None:
    edit(FJORDTOLK, '"Fjordtolk AS"', f'"{blank}"')
    edit(TOLK, '"Fjordvik kommune"', f'"{blank}"')
    edit(AWARD, '"Tolking ved helsestasjonene 2024"', f'"{blank}"')
    assert {("blank", FJORDTOLK, 2), ("blank", TOLK, 6), ("blank", AWARD, 4)} <= set(errors(data))


# --- 5. ids that collide or break on other systems -------------------------------------------------------


def test_buyer_ids_that_differ_only_in_case_clash(data: Path, edit: Edit) -> None:
    edit(TOLK, "id: NO-BRC-312345676", "id: GB-COH-AB123")
    edit(RENHOLD, "id: NO-BRC-312345684", "id: GB-COH-ab123")
    assert errors(data) == [("case-clash", TOLK, 5)]  # the second in file order


def test_an_organisation_id_longer_than_a_folder_name_may_be_is_refused(data: Path, edit: Edit) -> None:
    """Its page is a folder named by it: 300 characters crashed the build (file name too long)."""
    edit(TOLK, "id: NO-BRC-312345676", "id: GB-COH-" + "A" * 300)
    assert errors(data) == [("range", TOLK, 5)]


def test_an_id_ending_in_a_dot_breaks_the_pattern(data: Path, edit: Edit) -> None:
    edit(TOLK, "id: NO-BRC-312345676", "id: GB-COH-12345.")
    assert errors(data) == [("pattern", TOLK, 5)]


# --- 6. cost that grew with the errors in one file -------------------------------------------------------


def test_one_winner_named_a_thousand_times_is_told_once_per_rule(data: Path, edit: Edit) -> None:
    edit(AWARD, "suppliers: [NO-BRC-312345692]", "suppliers: [" + ", ".join(["SE-BLV-5561234567"] * 999) + "]")
    _, problems = validate(data, workers=1)
    found = [p for p in problems if p.is_error]
    assert [p.rule for p in found] == ["unique"]
    assert all("more places in this list" in p.message for p in found)


# --- 9. small ones -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("file", "old", "new", "line"), [(AWARD, "NOK", "XYZ", 14), (FJORDTOLK, "NO", "XX", 4)])
def test_codes_come_from_the_iso_lists(data: Path, edit: Edit, file: str, old: str, new: str, line: int) -> None:
    edit(file, f": {old}\n", f": {new}\n")
    assert errors(data) == [("pattern", file, line)]


@pytest.mark.parametrize("url", ["https://example.org/a\\nb", "javascript:alert(1)", "example.org", "https://a b"])
def test_a_web_address_is_written_in_full_on_one_line(data: Path, edit: Edit, url: str) -> None:
    edit(TOLK, '"https://example.org/tolk"', f'"{url}"')
    dataset, found = load(data)
    problems = [p for p in check(dataset, found, workers=1, today=TODAY) if p.is_error]
    assert flat(problems, data) == [("type", TOLK, 27)]
    assert "is not a web address" in problems[0].message and "not a valid string" not in problems[0].message


def test_an_empty_data_folder_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "data/schemes").mkdir(parents=True)
    assert errors(tmp_path / "data") == [("no-records", ".", 1)]
    result = CliRunner().invoke(main, ["build", "--data", str(tmp_path / "data"), "--out", str(tmp_path / "site")])
    assert result.exit_code == 1 and "no scheme" in result.output and not (tmp_path / "site").exists()


def test_tools_files_under_data_are_not_read(data: Path) -> None:
    (data / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (data / "schemes/.DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (data / ".git/objects").mkdir(parents=True)
    (data / ".git/config").write_text("[core]\n")
    (data / ".git/objects/x.yaml").write_text("not: a record\n")
    _, problems = validate(data)
    assert problems == []


def test_one_broken_scheme_is_reported_once(data: Path) -> None:
    scheme = data / TOLK
    scheme.write_text(": : broken\n" + scheme.read_text(encoding="utf-8"), encoding="utf-8")
    assert errors(data) == [("yaml-syntax", TOLK, 1)]


def test_a_broken_scheme_and_another_error_are_both_reported(data: Path, edit: Edit) -> None:
    edit(SVENSK, "country: SE", "country: XX")
    shutil.copy(data / TOLK, data / "schemes/extra.yaml")
    (data / TOLK).write_text(": : broken\n", encoding="utf-8")
    found = errors(data)
    assert ("yaml-syntax", TOLK, 1) in found and ("pattern", SVENSK, 4) in found
    assert not [f for f in found if f[1].startswith("awards/tolk-fjordvik/")]


def test_a_refused_buyer_of_an_award_is_reported_not_replaced_by_the_schemes(data: Path, edit: Edit) -> None:
    """The value is refused, so the award names no buyer and takes its scheme's: the refusal must still stand."""
    edit(AWARD, "category: muntlig\n", 'category: muntlig\nbuyer:\n  id: "Tolk\\r"\n')
    assert errors(data) == [("control-char", AWARD, 5)]


def test_a_file_with_windows_line_breaks_is_read_as_before(data: Path) -> None:
    """A carriage return is refused in a value, not in a file: CRLF line breaks are YAML's own."""
    scheme = data / TOLK
    text = scheme.read_text(encoding="utf-8").replace(
        'description: "Tolking og oversettelse for kommunens tjenester."', "description: |\n  line one\n  line two"
    )
    scheme.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    dataset, problems = validate(data)
    assert problems == []
    assert [r.values["description"] for r in dataset.tables["schemes"] if r.file.endswith(TOLK)] == [
        "line one\nline two\n"
    ]

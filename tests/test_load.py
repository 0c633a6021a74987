"""The loader: values are the text written, cast by the table schema; every problem has a place."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from generator.check import validate
from generator.load import load

from .conftest import Edit, problems_of

SUPPLIER = "suppliers/NO-BRC-312345692.yaml"
AWARD = "awards/tolk-fjordvik/2024-001.yaml"


def supplier_row(data: Path, supplier_id: str = "NO-BRC-312345692") -> dict:
    dataset, _ = load(data)
    return next(r.values for r in dataset.tables["suppliers"] if r.values["supplier_id"] == supplier_id)


def test_yaml_implicit_typing_never_changes_a_value(data: Path) -> None:
    # Unquoted, YAML 1.1 reads NO as false and 0301 as the octal number 193.
    row = supplier_row(data)
    assert row["country"] == "NO"
    assert row["municipality"] == "0301"


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("yes", "yes"),
        ("12:30", "12:30"),
        ("1e3", "1e3"),
        ("0x1F", "0x1F"),
        ("~x", "~x"),
        ("'null'", "null"),
        ("2024-01-01", "2024-01-01"),
        ("Ørsta Øst & Co", "Ørsta Øst & Co"),
        ("'  spaced  '", "  spaced  "),
    ],
)
def test_text_stays_exactly_as_written(data: Path, edit: Edit, written: str, kept: str) -> None:
    edit(SUPPLIER, 'name: "Fjordtolk AS"', f"name: {written}")
    assert supplier_row(data)["name"] == kept


def test_values_are_cast_by_the_schema_type(data: Path) -> None:
    dataset, _ = load(data)
    award = next(
        r.values
        for r in dataset.tables["awards"]
        if r.values["award_id"] == "2024-001" and r.values["scheme_id"] == "tolk-fjordvik"
    )
    assert award["value_amount"] == Decimal("850000.50")
    assert award["invited_count"] == 2
    assert award["invited"] == date(2024, 3, 4)
    assert award["award_id"] == "2024-001"  # would be a date or a subtraction to a YAML reader


def test_defaults_implicit_category_and_scheme_buyer(data: Path) -> None:
    dataset, _ = load(data)
    categories = {(c.values["scheme_id"], c.values["category_id"]) for c in dataset.tables["categories"]}
    assert ("renhold-nordhei", "all") in categories
    assert ("tolk-fjordvik", "all") not in categories
    award = next(r.values for r in dataset.tables["awards"] if r.values["award_id"] == "2024-002")
    assert (award["buyer_id"], award["buyer_name"]) == ("NO-BRC-312345676", "Fjordvik kommune")


def test_an_admission_listing_two_categories_is_two_rows(data: Path) -> None:
    dataset, _ = load(data)
    rows = [r for r in dataset.tables["admissions"] if r.values["supplier_id"] == "NO-BRC-312345692"]
    assert sorted(r.values["category_id"] for r in rows) == ["muntlig", "skriftlig"]
    assert {r.spot("category_id") for r in rows} == {
        ("admissions[0].categories[0]", 8),
        ("admissions[0].categories[1]", 8),
    }


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("size: small", "size: small\nsize: micro", [("duplicate-key", SUPPLIER, 4)]),
        ("size: small", "size: [small", [("yaml-syntax", SUPPLIER, 4)]),
        ('name: "Fjordtolk AS"', 'nme: "Fjordtolk AS"', [("required", SUPPLIER, 1), ("unknown-field", SUPPLIER, 2)]),
        ("    admitted: 2023-02-08", "    admitted: 2023-02-08\n    approved: yes", [("unknown-field", SUPPLIER, 11)]),
        (
            "size: small",
            "size: !!python/object:os.system small",
            [("yaml-tag", SUPPLIER, 3)],  # size may be unknown: no required problem
        ),
        (
            'name: "Fjordtolk AS"',
            'name: &n "Fjordtolk AS"\ntitle: *n',
            [("yaml-alias", SUPPLIER, 3)],
        ),
        ("size: small", "size: [small, micro]", [("shape", SUPPLIER, 3)]),
        ("size: small", "size: mini", [("enum", SUPPLIER, 3)]),
        ("municipality: 0301", "municipality: 301", [("pattern", SUPPLIER, 5)]),
        ("admitted: 2023-02-08", "admitted: 2023-02-30", [("type", SUPPLIER, 10)]),
    ],
)
def test_record_problems_point_to_file_and_line(
    data: Path, edit: Edit, old: str, new: str, expected: list[tuple[str, str, int]]
) -> None:
    edit(SUPPLIER, old, new)
    assert [p for p in problems_of(data, "error") if p[1] == SUPPLIER] == expected


def test_bad_integer_in_award(data: Path, edit: Edit) -> None:
    edit(AWARD, "tenders: 2\n", "tenders: two\n")
    assert problems_of(data) == [("type", AWARD, 8)]


def write(data: Path, relative: str, content: bytes) -> None:
    path = data / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


@pytest.mark.parametrize(
    ("relative", "content", "rule", "line"),
    [
        ("suppliers/NO-BRC-312345749.yaml", b"id: NO-BRC-312345749\nname: \xff\xfe\n", "encoding", 2),
        ("suppliers/NO-BRC-312345749.yaml", b"", "empty-file", 1),
        ("suppliers/NO-BRC-312345749.yaml", b"- id: NO-BRC-312345749\n", "not-a-mapping", 1),
        ("suppliers/NO-BRC-312345749.yaml", b"just text\n", "not-a-mapping", 1),
        ("suppliers/NO-BRC-312345749.yaml", b"---\na: 1\n---\nb: 2\n", "yaml-syntax", 3),
        ("suppliers/notes.txt", b"hello\n", "wrong-folder", 1),
        ("schemes/extra/x.yaml", b"id: x\n", "wrong-folder", 1),
        ("suppliers/NO-BRC-312345749.yml", b"id: x\n", "wrong-folder", 1),
        ("awards/x.yaml", b"id: x\n", "wrong-folder", 1),
    ],
)
def test_broken_files_are_problems_not_crashes(data: Path, relative: str, content: bytes, rule: str, line: int) -> None:
    write(data, relative, content)
    assert (rule, relative, line) in problems_of(data, "error")


def test_file_name_must_equal_the_id(data: Path) -> None:
    (data / SUPPLIER).rename(data / "suppliers/NO-BRC-312345730.yaml")
    assert ("file-name", "suppliers/NO-BRC-312345730.yaml", 1) in problems_of(data)


def test_award_folder_must_equal_its_scheme(data: Path) -> None:
    (data / "awards/renhold-nordhei/2024-001.yaml").rename(data / "awards/renhold-nordhei/2024-009.yaml")
    (data / AWARD).rename(data / "awards/renhold-nordhei/2024-001.yaml")
    found = problems_of(data)
    assert ("file-name", "awards/renhold-nordhei/2024-001.yaml", 2) in found
    assert ("file-name", "awards/renhold-nordhei/2024-009.yaml", 1) in found


def test_byte_order_mark_is_accepted(data: Path) -> None:
    path = data / SUPPLIER
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert problems_of(data) == []


def test_symlink_is_a_problem(data: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("id: x\n")
    (data / "suppliers/NO-BRC-312345749.yaml").symlink_to(outside)
    assert ("symlink", "suppliers/NO-BRC-312345749.yaml", 1) in problems_of(data)


def test_duplicate_ids_across_files_are_reported(data: Path) -> None:
    text = (data / "awards/tolk-fjordvik/2024-002.yaml").read_text()
    write(data, "awards/tolk-fjordvik/2024-003.yaml", text.replace("id: 2024-002", "id: 2024-003").encode())
    write(data, "awards/tolk-fjordvik/2024-004.yaml", text.replace("id: 2024-002", "id: 2024-003").encode())
    _, problems = validate(data)
    unique = [p for p in problems if p.rule == "unique"]
    assert len(unique) == 1 and "first at" in unique[0].message

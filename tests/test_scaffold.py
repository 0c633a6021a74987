"""dps new, dps admit and dps check-files: records written in place, checked, nothing overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.authoring.fmt import format_text
from generator.cli import main

from .conftest import Edit, problems_of

SUPPLIER = "NO-BRC-312345722"  # fictional: passes mod 11, starts with 3


def dps(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input)


def canonical(path: Path, record: str) -> bool:
    text = path.read_text(encoding="utf-8")
    return format_text(text, record, path.as_posix()) == (text, [])


def test_new_scheme_from_options(data: Path) -> None:
    result = dps(
        "new", "scheme", "--data", str(data), "--no-input", "--id", "vikar-fjordvik", "--title", "Vikartjenester",
        "--buyer-id", "NO-BRC-312345676", "--buyer-name", "Fjordvik kommune", "--type", "closed", "--status", "active",
        "--cpv", "79620000-6", "--published", "2024-01-02", "--request-deadline", "2024-02-05",
        "--valid-from", "2024-02-15", "--valid-to", "2028-02-14",
    )  # fmt: skip
    path = data / "schemes" / "vikar-fjordvik.yaml"
    assert (result.exit_code, result.output) == (0, f"wrote {path.as_posix()}\n")
    assert canonical(path, "scheme")
    assert problems_of(data) == []


def test_new_supplier_asks_for_what_is_missing(data: Path) -> None:
    result = dps("new", "supplier", "--data", str(data), "--id", SUPPLIER, input="Ny Tolk AS\nmicro\nNO\n")
    assert result.exit_code == 0, result.output
    path = data / "suppliers" / f"{SUPPLIER}.yaml"
    assert path.read_text(encoding="utf-8") == (f'id: "{SUPPLIER}"\nname: "Ny Tolk AS"\nsize: "micro"\ncountry: "NO"\n')
    assert problems_of(data) == []


def test_new_award_needs_a_category_of_its_scheme_and_reports_its_problems(data: Path) -> None:
    base = ["new", "award", "--data", str(data), "--scheme", "tolk-fjordvik", "--id", "2024-003", "--title", "Tolking"]
    base += ["--invited", "2024-10-01", "--status", "awarded", "--no-input"]
    result = dps(*base)
    assert (result.exit_code, result.output.splitlines()[-1]) == (2, "Error: --category is required")
    result = dps(*base, "--category", "skriftlig", "--supplier", "SE-BLV-5561234567", "--awarded", "2024-10-20")
    path = data / "awards" / "tolk-fjordvik" / "2024-003.yaml"
    assert result.exit_code == 1  # written, and the checks say what is wrong with it
    assert ("winner-admitted", "awards/tolk-fjordvik/2024-003.yaml", 7) in problems_of(data, "error")
    assert "[winner-admitted]" in result.output and path.is_file()
    assert canonical(path, "award")


def test_new_award_in_a_scheme_without_categories_writes_none(data: Path) -> None:
    result = dps(
        "new", "award", "--data", str(data), "--scheme", "renhold-nordhei", "--id", "2024-002",
        "--title", "Renhold av skolen", "--invited", "2024-11-01", "--status", "cancelled", "--no-input",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = (data / "awards" / "renhold-nordhei" / "2024-002.yaml").read_text(encoding="utf-8")
    assert "category" not in text
    assert problems_of(data) == []


def test_new_refuses_to_overwrite_or_to_write_outside_its_place(data: Path) -> None:
    path = data / "suppliers" / "NO-BRC-312345692.yaml"
    before = path.read_bytes()
    args = ["new", "supplier", "--data", str(data), "--name", "X", "--size", "small", "--country", "NO"]
    result = dps(*args, "--id", "NO-BRC-312345692")
    assert result.exit_code == 1 and "exists already" in result.output
    assert path.read_bytes() == before
    result = dps(*args, "--id", "../../escape")
    assert result.exit_code == 1 and "not a valid supplier id" in result.output
    assert not (data.parent / "escape.yaml").exists()


def test_admit_appends_an_admission_and_keeps_the_rest_of_the_file(data: Path, edit: Edit) -> None:
    relative = "suppliers/SE-BLV-5561234567.yaml"
    edit(relative, "size: large\n", "size: large  # from the annual report\n")
    edit(relative, "    left: 2024-06-30\n", "    left: 2024-06-30\n    # left when the contract ended\n")
    before = (data / relative).read_text(encoding="utf-8")
    result = dps(
        "admit", "SE-BLV-5561234567", "tolk-fjordvik", "--data", str(data), "--category", "muntlig",
        "--category", "skriftlig", "--requested", "2024-10-01", "--admitted", "2024-10-09",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (data / relative).read_text(encoding="utf-8") == before + (
        '  - scheme: "tolk-fjordvik"\n'
        '    categories: ["muntlig", "skriftlig"]\n'
        "    requested: 2024-10-01\n"
        "    admitted: 2024-10-09\n"
    )
    assert problems_of(data) == []


@pytest.mark.parametrize(
    ("admissions", "after"),
    [("", "admissions:\n"), ("admissions: []  # none yet\n", "admissions:  # none yet\n"), ("admissions:\n", None)],
)
def test_admit_to_a_supplier_without_admissions(data: Path, admissions: str, after: str | None) -> None:
    path = data / "suppliers" / f"{SUPPLIER}.yaml"
    head = f'id: "{SUPPLIER}"\nname: "Ny AS"\nsize: "small"\ncountry: "NO"\n'
    path.write_text(head + admissions, encoding="utf-8")
    result = dps("admit", SUPPLIER, "renhold-nordhei", "--data", str(data), "--admitted", "2024-10-10", "--no-input")
    assert result.exit_code == 0, result.output
    item = '  - scheme: "renhold-nordhei"\n    admitted: 2024-10-10\n'
    assert path.read_text(encoding="utf-8") == head + (after or admissions) + item
    assert problems_of(data) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["NO-BRC-312345692", "tolk-fjordvik", "--category", "tegnspråk"], "has only muntlig, skriftlig"),
        (["NO-BRC-312345692", "tolk-fjordvik"], "name one or more of: muntlig, skriftlig"),
        (["NO-BRC-312345706", "renhold-nordhei", "--category", "all"], "has no categories"),
        (["NO-BRC-312345692", "tolk-fjordvik", "--category", "muntlig"], "is admitted to tolk-fjordvik (muntlig)"),
        (["NO-BRC-312345692", "no-such-scheme"], "no scheme 'no-such-scheme'"),
        ([SUPPLIER, "tolk-fjordvik", "--category", "muntlig"], "write one first with `dps new supplier"),
    ],
)
def test_admit_refuses_what_cannot_be_right(data: Path, args: list[str], message: str) -> None:
    before = {p: p.read_bytes() for p in (data / "suppliers").iterdir()}
    result = dps("admit", *args, "--data", str(data), "--admitted", "2024-09-01")
    assert result.exit_code == 1 and message in result.output
    assert {p: p.read_bytes() for p in (data / "suppliers").iterdir()} == before


def test_check_files_reports_the_files_and_the_records_that_refer_to_them(data: Path, edit: Edit) -> None:
    # the supplier leaves before the call-off it won: the problem shows on the award
    edit(
        "suppliers/NO-BRC-312345692.yaml",
        "    admitted: 2023-02-08\n",
        "    admitted: 2023-02-08\n    left: 2023-12-31\n",
    )
    supplier = data / "suppliers" / "NO-BRC-312345692.yaml"
    result = dps("check-files", "--data", str(data), str(supplier))
    assert result.exit_code == 1
    assert f"{data}/awards/tolk-fjordvik/2024-001.yaml:" in result.output and "[winner-admitted]" in result.output
    result = dps("check-files", "--data", str(data), str(data / "schemes" / "renhold-nordhei.yaml"), "README.md")
    assert result.exit_code == 0
    assert result.output == "skipped README.md: not in " + str(data) + "\n0 errors, 0 warnings in 0 of 1 file\n"


def test_check_files_on_a_deleted_record_reports_what_referred_to_it(data: Path) -> None:
    supplier = data / "suppliers" / "NO-BRC-312345706.yaml"
    supplier.unlink()
    result = dps("check-files", "--data", str(data), str(supplier))
    assert result.exit_code == 1
    assert f"{data}/awards/renhold-nordhei/2024-001.yaml:" in result.output and "[refs]" in result.output

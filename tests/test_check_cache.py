"""The schema check with a cache folder (issue 16): after a change it checks again only the rows of the files
that changed, and finds exactly what a check of every row finds. The keys, which span whole tables, are
checked in full every time, as frictionless checked them.
"""

from __future__ import annotations

import os
import pickle
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from generator.check import check, remembered, validate, validate_then
from generator.check import schema as schema_check
from generator.load import Dataset, Row, load
from generator.load import cache as cache_module
from generator.problems import Problem

from .conftest import Edit, flat
from .test_validate_speed import age

TOLK = "schemes/tolk-fjordvik.yaml"
RENHOLD = "schemes/renhold-nordhei.yaml"
FJORDTOLK = "suppliers/NO-BRC-312345692.yaml"
AWARD = "awards/tolk-fjordvik/2024-001.yaml"
AWARD2 = "awards/tolk-fjordvik/2024-002.yaml"
BLANK = "suppliers/NO-BRC-999999998.yaml"
TODAY = date(2026, 11, 15)
ADMISSION = "  - scheme: tolk-fjordvik\n    categories: [muntlig, skriftlig]\n    requested: 2023-02-01\n"
ADMITTED = ADMISSION + "    admitted: 2023-02-08\n"  # the supplier's one admission, lines 7 to 10


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose rows frictionless checks (a small dataset is checked without workers)."""
    files: list[str] = []
    original = schema_check.row_problems

    def spied(resource: str, rows: list[Row]) -> list[Problem]:
        files.extend(row.file for row in rows)
        return original(resource, rows)

    monkeypatch.setattr(schema_check, "row_problems", spied)
    return files


def relative(files: list[str], root: Path) -> set[str]:
    return {Path(f).relative_to(root).as_posix() for f in files}


def run(data: Path, cache: Path | None, today: date = TODAY) -> list[Problem]:
    dataset, found = load(data, cache, workers=1)
    return check(dataset, found, workers=1, today=today, cache=cache)


def add_award_with_a_used_id(data: Path, edit: Edit) -> None:
    shutil.copy(data / AWARD, data / "awards/tolk-fjordvik/2024-009.yaml")


def delete_a_referenced_scheme(data: Path, edit: Edit) -> None:
    (data / RENHOLD).unlink()


def repeat_an_admission_twice(data: Path, edit: Edit) -> None:
    edit(FJORDTOLK, ADMITTED, ADMITTED * 3)


# (what changes, the change, the files whose rows are checked again, a rule the change breaks)
CHANGES: list[tuple[str, Callable[[Path, Edit], None], set[str], str]] = [
    ("a type error", lambda data, edit: edit(AWARD, "tenders: 2", "tenders: 0150"), {AWARD}, "type"),
    ("an enum", lambda data, edit: edit(AWARD2, "status: awarded", "status: done"), {AWARD2}, "enum"),
    ("a required value", lambda data, edit: edit(AWARD, 'title: "', 'other: "'), {AWARD}, "required"),
    ("an award added with a used id", add_award_with_a_used_id, {"awards/tolk-fjordvik/2024-009.yaml"}, "unique"),
    ("a referenced scheme deleted", delete_a_referenced_scheme, set(), "refs"),
    ("an admission repeated", repeat_an_admission_twice, {FJORDTOLK}, "unique"),
    (
        "a category the scheme lacks",
        lambda data, edit: edit(AWARD, "category: muntlig", "category: x"),
        {AWARD},
        "refs",
    ),
    (
        "a name shown as nothing",
        lambda data, edit: edit(FJORDTOLK, '"Fjordtolk AS"', '"\\u3164"'),
        {FJORDTOLK},
        "blank",
    ),
    ("a record with no value", lambda data, edit: (data / BLANK).write_text("id: null\n"), {BLANK}, "blank-row"),
]


@pytest.mark.parametrize(("change", "checked_again", "rule"), [c[1:] for c in CHANGES], ids=[c[0] for c in CHANGES])
def test_after_a_change_only_its_files_rows_are_checked_and_the_problems_are_a_fresh_checks(
    data: Path,
    edit: Edit,
    tmp_path: Path,
    checked: list[str],
    change: Callable[[Path, Edit], None],
    checked_again: set[str],
    rule: str,
) -> None:
    store = tmp_path / "cache"
    assert run(data, store) == []
    assert relative(checked, data) == {p.relative_to(data).as_posix() for p in data.rglob("*.yaml")}
    change(data, edit)
    checked.clear()
    warm = run(data, store)
    assert relative(checked, data) == checked_again
    fresh = run(data, None)
    assert warm == fresh
    assert rule in {p.rule for p in warm}


def test_a_fix_is_seen_and_each_step_is_a_fresh_checks(data: Path, edit: Edit, tmp_path: Path) -> None:
    store = tmp_path / "cache"
    steps = [
        lambda: edit(AWARD, "tenders: 2", "tenders: 0150"),
        lambda: repeat_an_admission_twice(data, edit),
        lambda: add_award_with_a_used_id(data, edit),
        lambda: edit(AWARD, "tenders: 0150", "tenders: 2"),
        lambda: (data / "awards/tolk-fjordvik/2024-009.yaml").unlink(),
        lambda: edit(FJORDTOLK, ADMITTED * 3, ADMITTED),
    ]
    run(data, store)
    for step in steps:
        step()
        assert run(data, store) == run(data, None)
    assert run(data, store) == []


def test_a_repeated_key_names_the_first_row_with_that_key(data: Path, edit: Edit, tmp_path: Path) -> None:
    """With three equal admissions, the second and the third name the first (frictionless had the third name the
    second, which its message calls "first")."""
    repeat_an_admission_twice(data, edit)
    found = [p for p in run(data, tmp_path / "cache") if p.rule == "unique"]
    assert [(p.line, p.message.rsplit(":", 1)[1]) for p in found] == [
        (11, "7"),  # the second admission's first category, line 11; the first admission at line 7
        (11, "7"),  # its second category: the same key but for the category, first at the same line
        (15, "7"),
        (15, "7"),
    ]
    assert {p.message.split(";")[0] for p in found} == {
        "the admissions key (scheme_id=tolk-fjordvik, category_id=muntlig, supplier_id=NO-BRC-312345692,"
        " admitted=2023-02-08, admitted_by=None) is used twice",
        "the admissions key (scheme_id=tolk-fjordvik, category_id=skriftlig, supplier_id=NO-BRC-312345692,"
        " admitted=2023-02-08, admitted_by=None) is used twice",
    }


def test_keys_compare_values_as_the_schema_types_them(data: Path, edit: Edit) -> None:
    """2023-2-8 is no date we accept (a type problem), but frictionless reads it as 2023-02-08: the same key."""
    edit(FJORDTOLK, ADMITTED, ADMITTED + ADMISSION + "    admitted: 2023-2-8\n")
    found = {(p.rule, p.line) for p in run(data, None) if p.rule in ("unique", "type")}
    assert found == {("unique", 11), ("type", 14)}


def test_the_values_of_another_day_are_checked_again(data: Path, edit: Edit, tmp_path: Path, checked: list) -> None:
    """An event may not lie after today: what that check found holds for its day only; frictionless' stays."""
    edit(AWARD, "awarded: 2024-04-02", "awarded: 2026-12-01")
    age(data)  # the file written long ago, so the load cache keeps it (one changed just now is read again)
    store = tmp_path / "cache"
    before, after = date(2026, 11, 30), date(2026, 12, 1)
    on_the_day_before = run(data, store, before)
    assert ("range", AWARD, 10) in flat(on_the_day_before, data)
    checked.clear()
    on_the_day = run(data, store, after)
    assert checked == []
    assert on_the_day == run(data, None, after)
    assert ("range", AWARD, 10) not in flat(on_the_day, data)
    assert run(data, store, before) == on_the_day_before


def test_findings_of_other_code_are_not_used(
    data: Path, edit: Edit, tmp_path: Path, checked: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "cache"
    edit(AWARD, "tenders: 2", "tenders: 0150")
    with monkeypatch.context() as other_code:
        other_code.setattr(remembered, "stamp", lambda: "another version of the checks")
        run(data, store)
    checked.clear()
    run(data, store)
    assert len(relative(checked, data)) == 8


def test_damaged_findings_are_absent_and_written_again(data: Path, edit: Edit, tmp_path: Path, checked: list) -> None:
    edit(AWARD, "tenders: 2", "tenders: 0150")
    age(data)
    store = tmp_path / "cache"
    expected = run(data, store)
    path = store / cache_module.CHECK_FILE
    written = path.read_bytes()
    for damaged in (written[: len(written) // 2], bytes([written[0] ^ 1]) + written[1:], b"garbage"):
        path.write_bytes(damaged)
        checked.clear()
        assert run(data, store) == expected
        assert len(relative(checked, data)) == 8
    assert path.read_bytes() != b"garbage"
    checked.clear()
    assert run(data, store) == expected
    assert checked == []


def test_planted_findings_run_no_code_and_hide_nothing(data: Path, edit: Edit, tmp_path: Path) -> None:
    """Findings written by anyone but this user's dps (no MAC under the user's key) are not read at all."""
    edit(AWARD, "tenders: 2", "tenders: 0150")
    store = tmp_path / "cache"
    store.mkdir(mode=0o700)
    marker = tmp_path / "ran"

    class Planted:
        def __reduce__(self) -> tuple[Callable[[str], None], tuple[str]]:
            return os.mkdir, (str(marker),)

    (store / cache_module.CHECK_FILE).write_bytes(pickle.dumps((remembered.stamp(), Planted())))
    assert [(p.rule, p.field) for p in run(data, store)] == [("type", "tenders")]
    assert not marker.exists()


def test_validate_keeps_its_findings_beside_the_load_cache(data: Path, edit: Edit, tmp_path: Path) -> None:
    edit(AWARD, "tenders: 2", "tenders: 0150")
    store = tmp_path / "cache"
    first = validate(data, cache=store, workers=1)[1]
    assert sorted(p.name for p in store.iterdir()) == [cache_module.CHECK_FILE, cache_module.CACHE_FILE]
    assert validate(data, cache=store, workers=1)[1] == first == validate(data, workers=1)[1]


def test_an_award_checked_again_when_the_buyer_it_takes_from_its_scheme_changes(data: Path, edit: Edit) -> None:
    """An award that names no buyer takes its scheme's: its rows change with the scheme's file, not its own."""
    store = data.parent / "cache"
    dataset, _ = load(data, store, workers=1)
    schema_check.schema_problems(dataset, 1, TODAY, store)
    edit(TOLK, 'name: "Fjordvik kommune"', 'name: "\\u3164"')
    dataset, _ = load(data, store, workers=1)
    warm = schema_check.schema_problems(dataset, 1, TODAY, store)
    fresh = schema_check.schema_problems(dataset, 1, TODAY)
    assert sorted(warm, key=repr) == sorted(fresh, key=repr)
    assert {(Path(p.file).relative_to(data).as_posix(), p.rule) for p in warm} == {
        (TOLK, "blank"),
        (AWARD, "blank"),  # the awards' echoes of their scheme's buyer: `check` tells them apart (see _causes)
        (AWARD2, "blank"),
    }


def test_the_load_cache_names_the_files_it_keeps(data: Path, tmp_path: Path) -> None:
    """Only a file whose result the load cache keeps has a key: one changed just now is checked every time."""
    age(data)
    (data / FJORDTOLK).touch()
    dataset, _ = load(data, tmp_path / "cache", workers=1)
    assert relative(list(dataset.file_keys), data) == {p.relative_to(data).as_posix() for p in data.rglob("*.yaml")} - {
        FJORDTOLK
    }
    assert load(data, None, workers=1)[0].file_keys == {}


def test_a_scheme_checked_again_when_another_file_gives_it_categories(data: Path, edit: Edit) -> None:
    """A scheme without categories takes the implicit one, unless some file gives its id categories: its rows
    change with another file, not its own."""
    edit(RENHOLD, 'cpv: "90910000-9"', 'cpv: "9091"')  # on the scheme's row, and on its implicit category's
    age(data)
    store = data.parent / "cache"
    dataset, _ = load(data, store, workers=1)
    before = schema_check.schema_problems(dataset, 1, TODAY, store)
    assert [p.rule for p in before] == ["pattern", "pattern"]
    text = (data / RENHOLD).read_text(encoding="utf-8")
    (data / "schemes/renhold-nordhei-2.yaml").write_text(text + "categories:\n  - id: x\n", encoding="utf-8")
    dataset, _ = load(data, store, workers=1)
    warm = schema_check.schema_problems(dataset, 1, TODAY, store)
    fresh = schema_check.schema_problems(dataset, 1, TODAY)
    assert sorted(warm, key=repr) == sorted(fresh, key=repr)
    assert [(Path(p.file).name, p.rule) for p in warm if p.rule == "pattern"].count(
        ("renhold-nordhei.yaml", "pattern")
    ) == 1


def test_validate_then_calls_loaded_before_the_check_and_then_only_without_schema_errors(
    data: Path, edit: Edit, checked: list[str]
) -> None:
    """A build starts copying the record files once they are loaded (`loaded`), and makes its model (`then`) only
    if nothing stops the publishing. Checked here (few rows, no workers), the schema comes first: a type error
    means `then` is never called, and the problems are the same as validate's."""
    calls: list[tuple[str, int]] = []

    def loaded(dataset: Dataset) -> None:
        calls.append(("loaded", len(checked)))  # before any row is checked

    def then(dataset: Dataset, problems: list[Problem]) -> str:
        calls.append(("then", len(checked)))
        return "made"

    _, problems, made = validate_then(data, then, loaded=loaded, workers=1)
    assert (problems, made) == ([], "made")
    assert calls[0] == ("loaded", 0) and calls[1][0] == "then" and calls[1][1] > 0  # the schema was checked first
    edit(AWARD, "tenders: 2", "tenders: 0150")
    calls.clear()
    _, problems, made = validate_then(data, then, loaded=loaded, workers=1)
    assert made is None and [c for c, _ in calls] == ["loaded"]
    assert problems == validate(data, workers=1)[1] and "type" in {p.rule for p in problems}

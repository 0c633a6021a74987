"""The facts every stage shares (generator/model/facts.py), each pinned at its edges: one definition, one answer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.indicators.periods import category_index, scheme_ends
from generator.load import Dataset, Row, load
from generator.model.facts import admitted_at, admitted_count, as_of_date, merged_periods, was_admitted_on, working_days

D = date


def admission(supplier: str, admitted: date | None, left: date | None = None) -> Row:
    return Row({"supplier_id": supplier, "admitted": admitted, "admitted_by": None, "left": left}, {}, "", 1)


def test_a_period_that_ends_on_its_start_day_holds_no_day() -> None:
    row = admission("A", D(2024, 1, 5), D(2024, 1, 5))
    assert merged_periods([(D(2024, 1, 5), D(2024, 1, 5))]) == []
    assert not was_admitted_on(row.values, D(2024, 1, 5))
    assert [admitted_count([row])(D(2024, 1, d)) for d in (4, 5, 6)] == [0, 0, 0]


def test_an_admission_without_left_counts_on_every_day_from_its_start() -> None:
    row = admission("A", D(2024, 1, 5))
    assert [was_admitted_on(row.values, D(y, 1, 5)) for y in (2023, 2024, 2099)] == [False, True, True]
    assert [admitted_count([row])(D(y, 1, 5)) for y in (2023, 2024, 2099)] == [0, 1, 1]


def test_a_supplier_admitted_twice_counts_once_and_left_is_the_first_day_without() -> None:
    rows = [admission("A", D(2024, 1, 1), D(2024, 1, 10)), admission("A", D(2024, 1, 5), None)]
    rows.append(admission("B", D(2024, 1, 1), D(2024, 1, 2)))
    assert [admitted_count(rows)(D(2024, 1, d)) for d in (1, 2, 9, 10, 11)] == [2, 1, 1, 1, 1]
    assert not was_admitted_on(rows[2].values, D(2024, 1, 2))


def test_rules_and_indicators_count_alike() -> None:
    rows = [admission("A", D(2024, 1, 5), D(2024, 1, 5)), admission("B", D(2024, 1, 3), None)]
    rows += [admission("C", D(2024, 1, 1), D(2024, 1, 4)), admission("C", D(2024, 1, 4), D(2024, 1, 8))]
    for row in rows:
        row.values |= {"scheme_id": "s", "category_id": "c"}
    starts, ends = category_index(rows)[("s", "c")]
    for day in (D(2024, 1, d) for d in range(1, 10)):
        plain = len({r.values["supplier_id"] for r in rows if was_admitted_on(r.values, day)})
        assert admitted_count(rows)(day) == plain == sum(s <= day for s in starts) - sum(e <= day for e in ends)


@pytest.mark.parametrize(
    ("start", "end", "expected"), [(D(2024, 3, 22), D(2024, 3, 22), 0), (D(2024, 5, 16), D(2024, 5, 17), 0)]
)
def test_working_days_of_a_day_itself_and_over_a_holiday(start: date, end: date, expected: int) -> None:
    assert working_days(start, end) == expected  # 17 May, Constitution Day, is no working day


def test_the_data_s_today_is_its_newest_event_not_a_planned_date(data: Path) -> None:
    dataset, _ = load(data)
    events = [
        r.values[c]
        for t, cs in {"schemes": ["published"], "admissions": ["requested", "admitted"]}.items()
        for r in dataset.tables[t]
        for c in cs
    ]
    events += [r.values[c] for r in dataset.tables["awards"] for c in ("invited", "awarded")]
    assert as_of_date(dataset) == max(d for d in events if d)
    assert as_of_date(Dataset(data)) == D(2000, 1, 1)  # no event at all


def test_a_scheme_without_valid_to_runs_on(data: Path) -> None:
    scheme = data / "schemes/renhold-nordhei.yaml"
    scheme.write_text(scheme.read_text(encoding="utf-8").replace("valid_to: 2026-06-14\n", ""), encoding="utf-8")
    ends = scheme_ends(load(data)[0])
    assert ends["renhold-nordhei"] is None
    assert ends["tolk-fjordvik"] == D(2027, 2, 15)  # the day after valid_to


def test_on_the_data_s_today_an_admission_stands_until_its_leaving_day_and_an_undated_one_counts() -> None:
    today = D(2024, 6, 1)
    assert admitted_at({"admitted": D(2024, 1, 1), "left": None}, today)
    assert admitted_at({"admitted": D(2024, 1, 1), "left": D(2099, 1, 1)}, today)  # a leaving planned ahead
    assert not admitted_at({"admitted": D(2024, 1, 1), "left": today}, today)  # left that day
    assert admitted_at({"admitted": None, "left": None}, today)  # recorded, day unknown
    assert not was_admitted_on({"admitted": None, "admitted_by": None, "left": None}, D(2020, 1, 1))  # not known

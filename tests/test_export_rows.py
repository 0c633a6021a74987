"""The rows of every download are in primary-key order, absent key values last, column by column; the database
is written whole or not at all."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from generator import schemas
from generator.export.sqlite import write_database
from generator.export.tables import ExportError, all_blocks, field_types, sorted_records


def _dataset(resource: str, records: list[dict[str, Any]]) -> Any:
    return SimpleNamespace(tables={resource: [SimpleNamespace(values=r) for r in records]})


def _expected(records: list[dict[str, Any]], key: tuple[str, ...]) -> list[dict[str, Any]]:
    """The order a reader expects: by each key column in turn, an absent value after every present one."""
    return sorted(records, key=lambda r: tuple((1, "") if r[c] is None else (0, r[c]) for c in key))


def test_absent_key_values_sort_last_in_each_column_and_ties_keep_their_order() -> None:
    key = schemas.primary_key("admissions")
    assert len(key) > 2
    chosen = random.Random(7)
    records = []
    for number in range(600):
        record: dict[str, Any] = {name: None for name in key}
        for name in key:
            if chosen.random() < 0.3 and name != key[0]:
                continue  # absent
            record[name] = date(2024, 1, chosen.randint(1, 3)) if name == "admitted" else chosen.choice("abc")
        record["row"] = number  # tells tied rows apart: they keep the loader's order
        records.append(record)
    got = sorted_records(_dataset("admissions", records), "admissions")
    assert [r["row"] for r in got] == [r["row"] for r in _expected(records, key)]
    assert any(r[key[-1]] is None for r in got[:-1])  # absent values were there to sort


def test_a_single_column_key_sorts_its_values() -> None:
    records = [{"supplier_id": s} for s in ("9", "10", "1", "b", "A")]
    got = sorted_records(_dataset("suppliers", records), "suppliers")
    assert [r["supplier_id"] for r in got] == ["1", "10", "9", "A", "b"]


def test_a_database_refused_for_a_broken_foreign_key_leaves_no_file_behind(tmp_path: Path) -> None:
    # an admission of a supplier the database does not hold
    rows: dict[str, list[dict[str, Any]]] = {resource: [] for resource in schemas.RESOURCES}
    admission = {name: None for name in field_types("admissions")}
    admission.update(scheme_id="s", category_id="c", supplier_id="nobody", admitted=date(2024, 1, 2))
    rows["admissions"] = [admission]
    with pytest.raises(ExportError, match="foreign keys that do not resolve"):
        write_database(all_blocks(rows), tmp_path / "dps.sqlite")
    assert list(tmp_path.iterdir()) == []  # neither the database nor the work file its rows were put in

"""The loader's memory savings change nothing a caller sees."""

from __future__ import annotations

import gc
import pickle
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from generator import load as load_module
from generator.load import Dataset, load
from generator.load.plan import column_names

from .conftest import Edit
from .test_validate_speed import age


@pytest.mark.parametrize("parallel_from", [0, 10**9])
def test_rows_are_plain_dicts_and_the_collector_is_left_as_found(
    data: Path, monkeypatch: pytest.MonkeyPatch, parallel_from: int
) -> None:
    monkeypatch.setattr(load_module, "PARALLEL_FROM_FILES", parallel_from)
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    dataset, _ = load(data, workers=2)
    assert gc.isenabled() and gc.get_freeze_count() == frozen  # a library call leaves nothing frozen either
    row = dataset.tables["awards"][0]
    assert type(row.values) is dict and type(row.text) is dict
    assert list(row.values) == list(row.text) == list(column_names("awards"))
    copy = pickle.loads(pickle.dumps(row.values))
    row.values["buyer_name"] = "Changed"  # an ordinary dict: mutable, and independent of every other row
    row.values["extra"] = 1
    del row.values["extra"]
    assert copy != row.values and all(r.values.get("buyer_name") != "Changed" for r in dataset.tables["awards"][1:])


def test_parallel_and_serial_loads_agree(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    serial, serial_problems = load(data, workers=1)
    monkeypatch.setattr(load_module, "PARALLEL_FROM_FILES", 0)
    parallel, parallel_problems = load(data, workers=2)
    assert parallel_problems == serial_problems
    for resource, rows in serial.tables.items():
        other = parallel.tables[resource]
        assert [(r.values, r.text, r.file, r.line) for r in other] == [(r.values, r.text, r.file, r.line) for r in rows]
        assert [[r.spot(c) for c in r.values] for r in other] == [[r.spot(c) for c in r.values] for r in rows]


def test_shared_values_keep_each_row_as_written(data: Path, edit: Edit, monkeypatch: pytest.MonkeyPatch) -> None:
    """Equal numbers written differently keep their own text and value; equal texts share one object."""
    edit("awards/tolk-fjordvik/2024-002.yaml", "amount: 120000", "amount: 850000.5")
    edit("awards/renhold-nordhei/2024-001.yaml", "amount: 2400000", "amount: 850000.50")
    monkeypatch.setattr(load_module, "PARALLEL_FROM_FILES", 0)
    dataset, _ = load(data, workers=2)
    awards = {row.file.rsplit("awards/", 1)[1]: row for row in dataset.tables["awards"]}
    first, same, other = (
        awards["renhold-nordhei/2024-001.yaml"],
        awards["tolk-fjordvik/2024-001.yaml"],
        awards["tolk-fjordvik/2024-002.yaml"],
    )
    assert str(other.values["value_amount"]) == other.text["value_amount"] == "850000.5"
    assert str(first.values["value_amount"]) == first.text["value_amount"] == "850000.50"
    assert first.values["value_amount"] is same.values["value_amount"]
    assert first.text["value_amount"] is same.text["value_amount"]


AWARD = "awards/tolk-fjordvik/2024-001.yaml"
TWO_ON_ONE_DAY = ("awards/renhold-nordhei/2024-001.yaml", "awards/tolk-fjordvik/2024-002.yaml")  # invited 2024-09-02


def typed_rows(dataset: Dataset) -> dict[str, list[list[tuple[str, type, Any, str | None]]]]:
    """Each row's values with their types (1 == Decimal("1"): equality alone would not tell them apart) and texts."""
    return {
        name: [[(c, type(v), v, row.text[c]) for c, v in row.values.items()] for row in rows]
        for name, rows in dataset.tables.items()
    }


def test_a_load_from_the_cache_casts_each_text_by_its_columns_type(
    data: Path, edit: Edit, tmp_path: Path, reads: list[str]
) -> None:
    """The cache keeps each value as written, and loading casts it by its column's type, as a fresh load does:
    one text in columns of different types gives each type's value, and a text written empty is unknown."""
    edit(AWARD, "invited_count: 2", "invited_count: 1")
    edit(AWARD, "amount: 850000.50", "amount: 1")
    edit(AWARD, "tenders: 2", "tenders: 2024-03-04")  # the text of a date, in an integer column
    edit(AWARD, 'title: "Tolking ved helsestasjonene 2024"', 'title: ""')
    age(data)
    fresh, fresh_problems = load(data, workers=1)
    store = tmp_path / "cache"
    load(data, cache=store, workers=1)
    reads.clear()
    warm, warm_problems = load(data, cache=store, workers=1)
    assert reads == []
    assert warm_problems == fresh_problems
    assert typed_rows(warm) == typed_rows(fresh)
    award = next(r for r in warm.tables["awards"] if r.file.endswith(AWARD))
    assert award.values["invited_count"] == 1 and type(award.values["invited_count"]) is int
    assert award.values["value_amount"] == 1 and type(award.values["value_amount"]) is Decimal
    assert (award.text["tenders"], award.values["tenders"]) == ("2024-03-04", None)
    assert award.values["invited"] == date(2024, 3, 4)
    assert (award.text["title"], award.values["title"]) == ("", None)
    # a date written alike in two files is one text and one value, from the cache as from the files
    renhold, tolk = (next(r for r in warm.tables["awards"] if r.file.endswith(f)) for f in TWO_ON_ONE_DAY)
    assert renhold.text["invited"] == "2024-09-02"
    assert renhold.text["invited"] is tolk.text["invited"] and renhold.values["invited"] is tolk.values["invited"]

"""Dates and periods the indicators need: each category's admissions indexed, working days to admission, when a
scheme stops running (who was admitted on a day, working days and the data's today are facts.py's)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from functools import cache

from generator.load import Dataset, Row
from generator.model.facts import AdmittedIndex, admitted_index, scheme_end, working_days

CategoryIndex = dict[tuple[str, str | None], AdmittedIndex]  # None: an unknown category


def category_index(admissions: list[Row]) -> CategoryIndex:
    """Per category, its admissions made ready to count who was admitted on a day (facts.admitted_index)."""
    by_category: dict[tuple[str, str | None], list[Row]] = defaultdict(list)
    for row in admissions:
        by_category[(row.values["scheme_id"], row.values["category_id"])].append(row)
    return {key: admitted_index(rows) for key, rows in by_category.items()}


_EPOCH = date(1900, 1, 1)


@cache
def _working_days_since_epoch(day: date) -> int:
    return working_days(_EPOCH, day)


def days_to_admission(requested: date, admitted: date) -> int:
    """facts.working_days, as the difference of two cached counts from a fixed day (each date is counted once).

    >>> days_to_admission(date(2024, 3, 22), date(2024, 4, 5)) == working_days(date(2024, 3, 22), date(2024, 4, 5))
    True
    """
    if admitted <= requested:
        return 0
    return _working_days_since_epoch(admitted) - _working_days_since_epoch(requested)


def scheme_ends(dataset: Dataset) -> dict[str, date | None]:
    """The first day a scheme no longer runs: the day after valid_to, or the termination date."""
    return {s.values["scheme_id"]: scheme_end(s.values) for s in dataset.tables["schemes"]}

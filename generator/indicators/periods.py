"""Dates and periods: when suppliers were admitted, working days to admission, the data's reference date."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from datetime import date, timedelta
from functools import cache

from .. import schemas
from ..load import Dataset, Row
from ..rules import working_days

Period = tuple[date, date | None]  # admitted on day d when start <= d < end (no end: still admitted)
CategoryIndex = dict[tuple[str, str], tuple[list[date], list[date]]]


def as_of_date(dataset: Dataset) -> date:
    """The data's "today": the newest date on which something happened (schemas.EVENT_DATES), never a date
    that may be planned ahead (a deadline, an end, a leaving or a termination), which validate lets lie far
    in the future: the site and the indicators judge "now" on this day."""
    days = [row.values[c] for t, cols in schemas.EVENT_DATES.items() for row in dataset.tables[t] for c in cols]
    return max((d for d in days if d is not None), default=date(2000, 1, 1))


def category_index(admissions: list[Row]) -> CategoryIndex:
    """Per category the sorted starts and ends of each supplier's merged admission periods."""
    periods: dict[tuple[str, str], dict[str, list[Period]]] = defaultdict(lambda: defaultdict(list))
    for row in admissions:
        v = row.values
        if v["admitted"] is not None:
            periods[(v["scheme_id"], v["category_id"])][v["supplier_id"]].append((v["admitted"], v["left"]))
    index = {}
    for key, by_supplier in periods.items():
        starts: list[date] = []
        ends: list[date] = []
        for spans in by_supplier.values():
            for start, end in _merged(spans):
                starts.append(start)
                if end is not None:
                    ends.append(end)
        index[key] = (sorted(starts), sorted(ends))
    return index


def _merged(spans: list[Period]) -> list[Period]:
    """Overlapping periods of one supplier joined, so it counts once on any day."""
    out: list[Period] = []
    for start, end in sorted(spans, key=lambda p: (p[0], p[1] or date.max)):
        if out and (out[-1][1] is None or start <= out[-1][1]):
            last_end = out[-1][1]
            out[-1] = (out[-1][0], None if last_end is None or end is None else max(last_end, end))
        else:
            out.append((start, end))
    return out


def admitted_on(index: tuple[list[date], list[date]], day: date) -> int:
    starts, ends = index
    return bisect_right(starts, day) - bisect_right(ends, day)


_EPOCH = date(1900, 1, 1)


@cache
def _working_days_since_epoch(day: date) -> int:
    return working_days(_EPOCH, day)


def days_to_admission(requested: date, admitted: date) -> int:
    """rules.working_days, as the difference of two cached counts from a fixed day (each date is counted once).

    >>> days_to_admission(date(2024, 3, 22), date(2024, 4, 5)) == working_days(date(2024, 3, 22), date(2024, 4, 5))
    True
    """
    if admitted <= requested:
        return 0
    return _working_days_since_epoch(admitted) - _working_days_since_epoch(requested)


def scheme_ends(dataset: Dataset) -> dict[str, date | None]:
    """The first day a scheme no longer runs: the day after valid_to, or the termination date."""
    ends = {}
    for s in dataset.tables["schemes"]:
        v = s.values
        candidates = [d for d in (v["valid_to"] and v["valid_to"] + timedelta(1), v["terminated_date"]) if d]
        ends[v["scheme_id"]] = min(candidates, default=None)
    return ends

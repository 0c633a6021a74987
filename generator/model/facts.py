"""One definition per fact about the records, used by the rules, the indicators and the pages alike.

The data's "today", who was admitted on a day and Norwegian working days are each worked out here once:
two ways of computing one of them would, sooner or later, give two answers on one site.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from functools import cache
from typing import Any

import holidays

from generator import schemas
from generator.load import Dataset, Row

# --- the data's today ----------------------------------------------------------------


NO_EVENTS = date(2000, 1, 1)  # the data's today when no record has an event date yet


def newest_event(tables: Mapping[str, Iterable[Mapping[str, Any]]]) -> date | None:
    """The newest date on which something happened (schemas.EVENT_DATES) in tables of values, if any: never
    a date that may be planned ahead (a deadline, an end, a leaving or a termination), which validate lets lie
    far in the future."""
    tables_cols = schemas.EVENT_DATES.items()
    days = [d for t, cols in tables_cols for values in tables[t] for c in cols if (d := values[c]) is not None]
    return max(days, default=None)


def as_of_date(dataset: Dataset) -> date:
    """The data's "today", on which the site, the indicators and the exports judge "now": its newest event."""
    newest = newest_event({name: (row.values for row in rows) for name, rows in dataset.tables.items()})
    return newest or NO_EVENTS


# --- who was admitted on a day ----------------------------------------------------------

Period = tuple[date, date | None]  # admitted on day d when start <= d < end (no end: still admitted)
AdmittedIndex = tuple[list[date], list[date]]  # the sorted starts and ends of merged periods


def merged_periods(periods: Iterable[Period]) -> list[Period]:
    """One supplier's periods of admission, overlapping ones joined, so it counts once on any day.

    A period that ends on or before its start holds no day, so it is left out.

    >>> merged_periods([(date(2024, 1, 5), date(2024, 1, 9)), (date(2024, 1, 1), None), (date(2024, 2, 1),) * 2])
    [(datetime.date(2024, 1, 1), None)]
    """
    out: list[Period] = []
    for start, end in sorted((p for p in periods if p[1] is None or p[1] > p[0]), key=lambda p: p[0]):
        if out and (out[-1][1] is None or start <= out[-1][1]):
            last_end = out[-1][1]
            out[-1] = (out[-1][0], None if last_end is None or end is None else max(last_end, end))
        else:
            out.append((start, end))
    return out


def admitted_index(rows: Iterable[Row]) -> AdmittedIndex:
    """The admissions of one category, made ready to count the suppliers admitted on any day by bisection."""
    periods: dict[str, list[Period]] = defaultdict(list)
    for row in rows:
        v = row.values
        if v["admitted"] is not None:
            periods[v["supplier_id"]].append((v["admitted"], v["left"]))
    starts: list[date] = []
    ends: list[date] = []
    for supplier_periods in periods.values():
        # most suppliers have one period: nothing to merge, only one that holds no day to leave out
        for start, end in merged_periods(supplier_periods) if len(supplier_periods) > 1 else supplier_periods:
            if end is None:
                starts.append(start)
            elif end > start:
                starts.append(start)
                ends.append(end)
    starts.sort()
    ends.sort()
    return starts, ends


def admitted_on(index: AdmittedIndex, day: date) -> int:
    """How many distinct suppliers were admitted on a day: periods started minus periods ended by then."""
    starts, ends = index
    return bisect_right(starts, day) - bisect_right(ends, day)


def admitted_count(rows: list[Row]) -> Callable[[date], int]:
    """How many distinct suppliers of these admissions were admitted on a day.

    >>> rows = [Row({"supplier_id": s, "admitted": date(2024, 1, a), "left": l}, {}, "", 1)
    ...         for s, a, l in [("A", 1, None), ("A", 5, date(2024, 1, 9)), ("B", 3, date(2024, 1, 4))]]
    >>> [admitted_count(rows)(date(2024, 1, d)) for d in (1, 3, 4)]
    [1, 2, 1]
    """
    index = admitted_index(rows)
    return lambda day: admitted_on(index, day)


def admitted_no_later_than(admission: Mapping[str, Any]) -> date | None:
    """The day by which an admission (its values) had surely begun: the day it was admitted, else the upper
    bound an inferred admission gives (admitted_by: a tenderer in a call-off was admitted before it)."""
    day: date | None = admission["admitted"] or admission["admitted_by"]
    return day


def was_admitted_on(admission: Mapping[str, Any], day: date) -> bool:
    """Whether one admission (its values) surely covers a day: admitted on or before it (or known to be admitted
    no later than a day on or before it), and not left by then."""
    start, left = admitted_no_later_than(admission), admission["left"]
    return start is not None and start <= day and (left is None or left > day)


def admitted_at(admission: Mapping[str, Any], as_of: date) -> bool:
    """Whether one admission (its values) stands on the data's today: not left by then. An admission whose day
    is unknown counts: it was recorded, so it began before today, only the day is not known (which is why
    `was_admitted_on` cannot say it for an earlier day)."""
    admitted, left = admission["admitted"], admission["left"]
    return (admitted is None or admitted <= as_of) and (left is None or left > as_of)


def admission_may_fall_after(admission: Mapping[str, Any], day: date) -> bool:
    """Whether an admission known only as "no later than" a day may have been made after `day`: its bound is later.
    A dated admission is never in doubt, so it gives False; so does a bound on or before the day (it was surely
    made by then)."""
    bound = admission["admitted_by"]
    return admission["admitted"] is None and bound is not None and bound > day


# --- a scheme's run ------------------------------------------------------------------------------


def years_after(day: date, years: int) -> date:
    """The same day `years` later (or earlier, when negative); 29 February becomes 28 February in a common year.

    >>> years_after(date(2024, 2, 29), 1), years_after(date(2025, 3, 1), -1), years_after(date(2021, 5, 3), 4)
    (datetime.date(2025, 2, 28), datetime.date(2024, 3, 1), datetime.date(2025, 5, 3))
    """
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def scheme_end(scheme: Mapping[str, Any]) -> date | None:
    """The first day a scheme (its values) no longer runs: the day after valid_to, or its termination date."""
    candidates = [d for d in (scheme["valid_to"] and scheme["valid_to"] + timedelta(1), scheme["terminated_date"]) if d]
    return min(candidates, default=None)


def is_open(scheme: Mapping[str, Any], as_of: date) -> bool:
    """Open for applications ("running"): active and within its validity on the data's today."""
    end = scheme["valid_to"]
    return scheme["status"] == "active" and (end is None or end >= as_of)


def run_stop(scheme: Mapping[str, Any], as_of: date) -> date:
    """The day a scheme's run is measured to (not included): the data's today, or its end if that came first
    (the day after valid_to, or the termination date). A scheme that starts on the data's today has run 0 days."""
    end = scheme_end(scheme)
    return as_of if end is None else min(as_of, end)


def ran_longer_than(start: date, stop: date, years: int) -> bool:
    """Whether a run from `start` to `stop` (run_stop) is longer than `years` years, on the dates themselves,
    never a rounded age: start + years < stop, 29 February as years_after has it.

    >>> today = date(2025, 6, 30)
    >>> ran_longer_than(date(2021, 6, 29), today, 4), ran_longer_than(date(2021, 6, 30), today, 4)
    (True, False)
    >>> leap = date(2020, 2, 29)
    >>> ran_longer_than(leap, date(2024, 2, 29), 4), ran_longer_than(leap, date(2024, 3, 1), 4)
    (False, True)
    """
    return years_after(start, years) < stop


def year_of_life(start: date, day: date) -> int:
    """The year of a scheme's life a day falls in: 1 for the 12 months from its validity start (and any day
    before it: the first suppliers may be admitted before the scheme opens), 2 for the next 12, and so on.

    >>> year_of_life(date(2020, 1, 15), date(2021, 1, 14)), year_of_life(date(2020, 1, 15), date(2021, 1, 15))
    (1, 2)
    >>> year_of_life(date(2020, 2, 29), date(2021, 2, 27)), year_of_life(date(2020, 2, 29), date(2021, 2, 28))
    (1, 2)
    >>> year_of_life(date(2020, 12, 31), date(2021, 1, 1)), year_of_life(date(2020, 6, 1), date(2019, 1, 1))
    (1, 1)
    """
    k = max(day.year - start.year, 0)
    while k > 0 and years_after(start, k) > day:
        k -= 1
    return k + 1


def years_of_life(start: date, stop: date) -> list[tuple[int, date, date]]:
    """The years of a scheme's life its run from `start` to `stop` (run_stop) has reached: each as (k, its first
    day, the first day of the next), leap years as years_after has them.

    >>> [(k, a.isoformat(), b.isoformat()) for k, a, b in years_of_life(date(2020, 2, 29), date(2021, 3, 1))]
    [(1, '2020-02-29', '2021-02-28'), (2, '2021-02-28', '2022-02-28')]
    >>> years_of_life(date(2024, 9, 2), date(2024, 9, 2))
    []
    """
    found = []
    k = 1
    while (begin := years_after(start, k - 1)) < stop:
        found.append((k, begin, years_after(start, k)))
        k += 1
    return found


def days_run(scheme: Mapping[str, Any], as_of: date) -> int | None:
    """Days a scheme has run: from its validity start to today, or to its end if it ended before. None when its
    start is unknown (valid_from absent) or still ahead: nothing is assumed about a run that cannot be dated."""
    start: date | None = scheme["valid_from"]
    if start is None or start > as_of:
        return None
    return max((run_stop(scheme, as_of) - start).days, 0)


# --- an award's year ---------------------------------------------------------------------


def award_year(award: Mapping[str, Any]) -> int | None:
    """The year an award (its values) belongs to, on the site and in the indicators: the year it was invited,
    else (an award notice need not give the invitation) the year it was awarded; None if neither is known."""
    day = award["invited"] or award["awarded"]
    return day.year if isinstance(day, date) else None


# --- Norwegian working days -------------------------------------------------------------------


@cache
def _weekday_holidays(year: int) -> tuple[date, ...]:
    return tuple(sorted(d for d in holidays.country_holidays("NO", years=year) if d.weekday() < 5))


# Weekday holidays from 1 January 2000 to 1 January of each year (negative before 2000), counted once per
# year as years are asked for: a span of 9,999 years then costs no more than one of a week.
_HOLIDAYS_BEFORE: dict[int, int] = {2000: 0}
_KNOWN_YEARS = [2000, 2000]  # the first and last year in _HOLIDAYS_BEFORE; every year between is there


def _holidays_up_to(day: date) -> int:
    """Weekday holidays from 1 January 2000 up to and including `day` (negative before 2000)."""
    before, known = _HOLIDAYS_BEFORE, _KNOWN_YEARS
    while day.year > known[1]:
        before[known[1] + 1] = before[known[1]] + len(_weekday_holidays(known[1]))
        known[1] += 1
    while day.year < known[0]:
        before[known[0] - 1] = before[known[0]] - len(_weekday_holidays(known[0] - 1))
        known[0] -= 1
    return before[day.year] + bisect_right(_weekday_holidays(day.year), day)


def working_days(start: date, end: date) -> int:
    """Norwegian working days after `start` up to and including `end` (weekends and public holidays excluded).

    >>> working_days(date(2024, 3, 22), date(2024, 4, 5))  # Easter 2024: 28 Mar-1 Apr
    7
    """
    if end <= start:
        return 0
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5 + sum(1 for i in range(1, rest + 1) if (start + timedelta(i)).weekday() < 5)
    return count - (_holidays_up_to(end) - _holidays_up_to(start))

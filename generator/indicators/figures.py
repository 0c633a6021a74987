"""From a scope's running totals to each indicator's figures, and from figures to table rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import cache
from typing import Any, NamedTuple

from generator.indicators.definitions import Definition
from generator.indicators.scope import RED_FLAGS, SIGNAL_RULES, SIZES, SME_SIZES, Scope, Tally
from generator.model.facts import Period

Exact = int | Fraction
RULE_DAYS = 10  # working days to admission the rule allows (15 where justified): Art. 34(5), FOA § 26-6


class Raw(NamedTuple):
    """Exact figures before rounding; value None means no data. (A named tuple: some 240,000 are made nationally,
    and a frozen dataclass costs several times more to make.)"""

    value: Exact | None
    n: int
    numerator: Exact | None = None
    denominator: Exact | None = None


def rounded(x: Exact, decimals: int) -> Decimal:
    """Rounded half up to a fixed number of decimals, exactly.

    >>> rounded(Fraction(1, 8), 2), rounded(Fraction(-1, 8), 2), rounded(7, 0), rounded(7, 2)
    (Decimal('0.13'), Decimal('-0.13'), Decimal('7'), Decimal('7.00'))
    """
    if isinstance(x, int):
        return _rounded_count(x, decimals)
    numerator, denominator = x.as_integer_ratio()  # one call, not a property call per use (200,000 nationally)
    whole, rest = divmod(abs(numerator) * 10**decimals, denominator)
    whole += 2 * rest >= denominator
    return Decimal(f"{'-' if numerator < 0 else ''}{whole}E-{decimals}")


@cache
def _rounded_count(x: int, decimals: int) -> Decimal:
    """A whole number with a fixed number of decimals: the same few counts, made once (a Decimal is immutable)."""
    return Decimal(f"{'-' if x < 0 else ''}{abs(x) * 10**decimals}E-{decimals}")


def median(values: Sequence[Exact]) -> Fraction | None:
    """The middle value; for an even count the mean of the middle two.

    >>> median([3, 1, 2]), median([4, 1, 2, 3]), median([])
    (Fraction(2, 1), Fraction(5, 2), None)
    """
    return middle(sorted(values))


def middle(ordered: Sequence[Exact]) -> Fraction | None:
    """The median of values sorted already.

    >>> middle([1, 2, 3]), middle([1, 2, 3, 4]), middle([])
    (Fraction(2, 1), Fraction(5, 2), None)
    """
    if not ordered:
        return None
    mid = len(ordered) // 2
    return Fraction(ordered[mid]) if len(ordered) % 2 else Fraction(ordered[mid - 1] + ordered[mid], 2)


def nearest_rank(values: Sequence[Exact], percent: int) -> Fraction | None:
    """The k-th smallest value with k = ceil(percent/100 · n).

    >>> nearest_rank(list(range(1, 11)), 90), nearest_rank([5, 1, 9], 90)
    (Fraction(9, 1), Fraction(9, 1))
    """
    if not values:
        return None
    rank = -(-percent * len(values) // 100)
    return Fraction(sorted(values)[rank - 1])


def ratio(numerator: int, denominator: int, n: int, scale: int = 1) -> Raw:
    """numerator ÷ denominator; both shown divided by `scale` (the tally's unit of money or awards)."""
    value = Fraction(numerator, denominator) if denominator else None
    if scale == 1:
        return Raw(value, n, numerator, denominator)
    return Raw(value, n, Fraction(numerator, scale), Fraction(denominator, scale))


def count(value: int, n: int | None = None) -> Raw:
    return Raw(value, value if n is None else n)


# --- per scope --------------------------------------------------------------------------------------------


def covering(members: Iterable[list[Period]], day: date) -> int:
    """How many suppliers (each its periods of admission) have a period that covers a day."""
    count = 0
    for periods in members:  # a loop, not any() in sum(): called for every supplier of every scope
        for start, end in periods:
            if start <= day and (end is None or day < end):
                count += 1
                break
    return count


def _year_ends(periods: list[Period], last: int) -> set[int]:
    """The years up to `last` on whose 31 December one of the periods ran."""
    years: set[int] = set()
    for start, end in periods:
        years.update(range(start.year, _last_year_end(end, last) + 1))
    return years


def _last_year_end(end: date | None, last: int) -> int:
    """The last year up to `last` on whose 31 December a period ending on `end` (None: not ended) still ran."""
    return last if end is None else min(last, end.year - 1)  # 31 Dec of end.year is never before end


def _year_end_counts(members: Iterable[list[Period]], last: int) -> dict[int, int]:
    """How many suppliers (each its periods of admission) were admitted on 31 December of each year up to `last`.

    A supplier adds one to each of its years: counted where each run of years begins and ends (a supplier's one
    period, most often, is one run), then summed year by year.

    >>> jan, jul = date(2021, 1, 1), date(2022, 7, 1)
    >>> _year_end_counts([[(jan, None)], [(jan, jul), (date(2021, 5, 1), None)], [(jul, date(2023, 1, 1))]], 2023)
    {2021: 2, 2022: 3, 2023: 2}
    """
    change: dict[int, int] = defaultdict(int)
    for periods in members:
        if len(periods) == 1:
            ((start, end),) = periods
            stop = last if end is None or end.year > last else end.year - 1  # _last_year_end, without a call
            if start.year <= stop:
                change[start.year] += 1
                change[stop + 1] -= 1
        else:
            for year in _year_ends(periods, last):
                change[year] += 1
                change[year + 1] -= 1
    counts: dict[int, int] = {}
    running = 0
    for year in range(min(change, default=0), max(change, default=0)):
        running += change.get(year, 0)
        counts[year] = running
    return counts


def _concentration(scope: Scope, unit: int) -> dict[str, Raw]:
    ordered = sorted(scope.supplier_value.values(), reverse=True)
    total, n = sum(ordered), scope.concentration_n
    hhi = Fraction(10_000 * sum(v * v for v in ordered), total * total) if total else None
    return {
        "top1-share": ratio(sum(ordered[:1]), total, n, unit),
        "top3-share": ratio(sum(ordered[:3]), total, n, unit),
        "hhi": Raw(hhi, n),
    }


def figures(scope: Scope, t: Tally) -> dict[str, Raw]:
    """Every indicator that is not per year, for one scope."""
    members = scope.members
    known = [s for s in members if t.sizes.get(s) in SIZES]
    smes = sum(t.sizes[s] in SME_SIZES for s in known)
    active = len(scope.won.intersection(members))  # the members that won
    now = covering(members.values(), t.as_of)
    out = {
        "admitted-suppliers": count(now),
        "admissions": count(scope.admissions),
        "admission-days-median": Raw(median(scope.days), len(scope.days)),
        "admission-days-p90": Raw(nearest_rank(scope.days, 90), len(scope.days)),
        "admission-within-10-share": ratio(sum(d <= RULE_DAYS for d in scope.days), len(scope.days), len(scope.days)),
        # a count of the 12 months is not known while an admission known only as "no later than" may fall in them
        "admissions-last-12-months": Raw(None if scope.recent_unsure else scope.recent, scope.admissions),
        "undated-admissions": count(scope.undated),
        "admissions-unknown-start": count(scope.unknown_start),
        "late-admission-share": ratio(scope.late, scope.late_n, scope.late_n),
        "left-share": ratio(sum(scope.leavers.values()), len(scope.leavers), len(scope.leavers)),
        "awards": count(scope.awards),
        "award-value": _value(scope.value, scope.value_n, scope.awards, t.unit),
        "sme-share-admitted": ratio(smes, len(known), len(known)),
        "sme-share-awards": ratio(scope.sme_awards, scope.sized_awards, scope.sized_awards // t.lcm, t.lcm),
        "sme-share-value": ratio(scope.sme_value, scope.sized_value, scope.sized_value_n, t.unit),
        "sme-share-tenders": ratio(scope.sme_tenders, scope.tenders_with_sme, scope.sme_tenders_n),
        "active-share": ratio(active, len(members), len(members)),
        "dormant-admissions": count(scope.dormant, scope.admissions),
        "tenders-median": Raw(median(scope.tenders), len(scope.tenders)),
        "tenders-per-admitted": ratio(scope.ratio_tenders, scope.ratio_admitted, scope.ratio_n),
        "single-tender-share": ratio(scope.single, len(scope.tenders), len(scope.tenders)),
        **_concentration(scope, t.unit),
    }
    for rule in SIGNAL_RULES:
        checked = scope.checked[rule]
        out[f"signal-{rule}"] = Raw(scope.signals[rule] if checked else None, checked)
    for flag in RED_FLAGS:
        judged = scope.checked[flag]
        out[f"cardinal-{flag.lower()}"] = Raw(scope.flags[flag] if judged else None, judged)
    return out


def _value(units: int, n: int, awards: int, unit: int) -> Raw:
    """No awards: nothing was awarded (0). Awards but no value in NOK: no data."""
    if awards and not n:
        return Raw(None, 0)
    return Raw(Fraction(units, unit), n)


def yearly(scope: Scope, t: Tally) -> dict[str, dict[int, Raw]]:
    """The per-year indicators, for each year from the scope's first activity to the reference date."""
    if scope.first_year is None:
        return {}
    years = range(scope.first_year, t.as_of.year + 1)
    last_full = t.as_of.year if (t.as_of.month, t.as_of.day) == (12, 31) else t.as_of.year - 1
    ends = _year_end_counts(scope.members.values(), last_full)
    return {
        "admitted-year-end": {y: count(ends.get(y, 0)) for y in years if y <= last_full},
        "admissions": {y: count(scope.admissions_by_year[y]) for y in years},
        "awards": {y: count(scope.awards_by_year[y]) for y in years},
        "award-value": {
            y: _value(scope.value_by_year[y], scope.value_n_by_year[y], scope.awards_by_year[y], t.unit) for y in years
        },
    }


def row(
    d: Definition, scope: str, scope_id: str | None, year: int | None, raw: Raw, life_year: int | None = None
) -> dict[str, Any]:
    """One row of the indicators resource: for the whole period, a calendar year or a year of a scheme's life.
    Below the minimum sample the value is left out (too-thin)."""
    status = "no-data" if raw.value is None else "too-thin" if raw.n < d.min_n else "ok"
    numerator, denominator = raw.numerator, raw.denominator
    return {
        "indicator_id": d.id,
        "scope": scope,
        "scope_id": scope_id,
        "year": year,
        "life_year": life_year,
        "unit": d.unit,
        "value": rounded(raw.value, d.decimals) if status == "ok" and raw.value is not None else None,
        "status": status,
        "numerator": None if numerator is None else rounded(numerator, d.parts_decimals),
        "denominator": None if denominator is None else rounded(denominator, d.parts_decimals),
        "n": raw.n,
    }

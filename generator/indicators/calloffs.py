"""The totals of the call-offs of one category and buyer (a bucket of generator.indicators.tally), and how an
amount, a supplier's size and a red flag are counted there.

Money is kept as exact integers in units of 1 / (10**places · lcm of winner counts), so an award split among k
winners divides exactly.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from generator.indicators.scope import FLAG_FIELDS, RED_FLAGS, SIZES, SME_SIZES, Scope
from generator.model import Values
from generator.model.facts import AdmittedIndex, admitted_on, award_year
from generator.ocds.calloff import cardinal_fields

# each red flag, what it is judged from, and its judgements so far by that
Judges = list[tuple[str, Callable[[Values], Any], dict[Any, bool | None]]]

_UNKNOWN, _LARGE, _SME = 0, 1, 2  # a supplier's size as the award figures count it


def size_class(size: str | None) -> int:
    return _SME if size in SME_SIZES else _LARGE if size in SIZES else _UNKNOWN


def places_of(amount: Decimal) -> int:
    exponent = amount.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def scaled(amount: Decimal, places: int, lcm: int) -> int:
    """The amount as an exact integer number of units; raises if it is not exact."""
    units = amount.scaleb(places) * lcm
    if units != units.to_integral_value():
        raise ArithmeticError(f"{amount} is not a whole number of units")  # cannot happen: places covers it
    return int(units)


def call_off_totals(
    awards: list[Values],
    counted: AdmittedIndex | None,
    *,
    lcm: int,
    units_of: dict[int, int],
    winners_of: dict[tuple[str, str], list[str]],
    sized_of: dict[str, int],
    judges: Judges,
) -> Scope:
    """The totals of the call-offs of one category and buyer. `counted`: the category's admissions, when its
    count of admitted suppliers on a day is known. Its loop runs once per call-off (200,000 at national scale),
    so what is the same for the whole bucket (the category's admissions, the unit) is looked up once, and the
    counts by year are kept in plain dicts until the end (a Counter's missing key costs a call)."""
    to = Scope()
    awards_by_year: dict[int, int] = {}
    value_by_year: dict[int, int] = {}
    value_n_by_year: dict[int, int] = {}
    won, tenders_of, supplier_value = to.won, to.tenders, to.supplier_value
    # the totals as local variables, set on the scope at the end: a local costs less than a slot's attribute
    tender_period = all_invited = buyer_name = 0
    count = sized_awards = sme_awards = value = value_n = concentration_n = sized_value = sme_value = 0
    sized_value_n = single = sme_tenders_sum = tenders_with_sme = sme_tenders_n = 0
    ratio_tenders = ratio_admitted = ratio_n = 0
    first_year = None
    for v in awards:
        invited = v["invited"]
        year = award_year(v)
        if invited:
            if v["tender_deadline"]:
                tender_period += 1
            if v["invited_count"] is not None:
                all_invited += 1
        if v["buyer_id"] and v["buyer_name"]:
            buyer_name += 1
        if year is not None and (first_year is None or year < first_year):
            first_year = year
        if v["status"] != "awarded":
            continue  # a cancelled call-off has no contract, value or winner
        winners = winners_of.get((v["scheme_id"], v["award_id"]), ())
        k = len(winners)
        count += 1
        if year is not None:
            awards_by_year[year] = awards_by_year.get(year, 0) + 1
        sme = 0
        sized = k > 0
        if k:
            won.update(winners)
            for w in winners:
                size = sized_of.get(w, _UNKNOWN)
                if size == _UNKNOWN:
                    sized = False
                elif size == _SME:
                    sme += 1
        if sized:
            sized_awards += lcm
            sme_awards += lcm * sme // k
        amount = v["value_amount"]
        if amount is not None and v["value_currency"] == "NOK":  # awarded is known here
            units = units_of[id(amount)]
            value += units
            value_n += 1
            if year is not None:
                value_by_year[year] = value_by_year.get(year, 0) + units
                value_n_by_year[year] = value_n_by_year.get(year, 0) + 1
            if k:
                concentration_n += 1
                share = units // k
                for w in winners:
                    supplier_value[w] = supplier_value.get(w, 0) + share
            if sized:
                sized_value += units
                sme_value += units * sme // k
                sized_value_n += 1
        tenders = v["tenders"]
        if tenders is not None:
            tenders_of.append(tenders)
            single += tenders == 1
            sme_tenders = v["sme_tenders"]
            if sme_tenders is not None:
                sme_tenders_sum += sme_tenders
                tenders_with_sme += tenders
                sme_tenders_n += 1
            admitted = admitted_on(counted, invited) if counted is not None and invited else 0
            if admitted > 0:
                ratio_tenders += tenders
                ratio_admitted += admitted
                ratio_n += 1
    to.awards, to.sized_awards, to.sme_awards = count, sized_awards, sme_awards
    to.value, to.value_n, to.concentration_n = value, value_n, concentration_n
    to.sized_value, to.sme_value, to.sized_value_n = sized_value, sme_value, sized_value_n
    to.single, to.sme_tenders, to.tenders_with_sme, to.sme_tenders_n = (
        single,
        sme_tenders_sum,
        tenders_with_sme,
        sme_tenders_n,
    )
    to.ratio_tenders, to.ratio_admitted, to.ratio_n = ratio_tenders, ratio_admitted, ratio_n
    checked, flags = to.checked, to.flags
    for rule, n in (("tender-period", tender_period), ("all-invited", all_invited), ("buyer-name", buyer_name)):
        if n:  # a Counter's key only where one was counted, as `checked[rule] += 1` made it
            checked[rule] = n
    for flag, read, seen in judges:  # cancelled call-offs included
        keys = list(map(read, awards))
        for key in set(keys).difference(seen):  # each distinct value of the flag's fields judged once
            _judge(flag, seen, key)
        judgements = list(map(seen.__getitem__, keys))  # True, False or None (not judged), in C
        judged = len(judgements) - judgements.count(None)
        if judged:  # a Counter's key only where a call-off was judged, as `flags[flag] += judged` made it
            checked[flag] += judged
            flags[flag] += judgements.count(True)
    to.first_year = first_year
    to.awards_by_year.update(awards_by_year)
    to.value_by_year.update(value_by_year)
    to.value_n_by_year.update(value_n_by_year)
    return to


def _judge(flag: str, seen: dict[Any, bool | None], key: Any) -> None:
    """A red flag judged on a call-off's tender as Cardinal would read it, made from the fields the flag reads
    (`key`: their values, as the flag's itemgetter gives them: the value of one field, a tuple of several), kept
    in `seen` by them."""
    fields = FLAG_FIELDS[flag]
    tender = cardinal_fields(dict(zip(fields, key if len(fields) > 1 else (key,), strict=True)))
    seen[key] = RED_FLAGS[flag](tender)

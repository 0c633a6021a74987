"""Values as notices write them, read into typed facts: dates, counts, amounts, countries, organisations.

A value that is there but cannot be read is a `notice-value` warning and stays unknown; an organisation number
that fails its check is a `notice-orgnr` error and stays unknown. Nothing is guessed.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Literal

import pycountry

from generator.notices.facts import Duration, Money, Organisation, Size
from generator.notices.ids import clean, looks_norwegian, norwegian_digits, norwegian_orgnr
from generator.notices.safexml import Element, Found, line_of, text

_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})(?:Z|[+-]\d{2}:\d{2})?")
_TED_COUNTRIES = {"UK": "GB", "EL": "GR"}  # TED XML writes EU country codes, not ISO 3166-1 alpha-2
SIZES: tuple[Size, ...] = ("micro", "small", "medium", "large", "sme")
_UNITS: tuple[Literal["DAY", "MONTH", "YEAR"], ...] = ("DAY", "MONTH", "YEAR")


def day(at: Element | None, term: str, found: Found) -> date | None:
    """A date as written (`2023-09-28+02:00`, `2024-03-01Z`, TED XML `20210709`): the calendar date, zone dropped.

    >>> day(None, "BT-05", Found("x.xml")) is None
    True
    """
    written = text(at)
    if written is None:
        return None
    match = _DATE.fullmatch(written)
    try:
        if match is None:
            raise ValueError
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        found.warning("notice-value", at, term, f"{written!r} is not a date; it stays unknown")
        return None


def count(at: Element | None, term: str, found: Found) -> int | None:
    """A whole number of at least 0, or None."""
    written = text(at)
    if written is None:
        return None
    if not re.fullmatch(r"[0-9]{1,9}", written):
        found.warning("notice-value", at, term, f"{written!r} is not a count; it stays unknown")
        return None
    return int(written)


def money(at: Element | None, term: str, found: Found, currency: str | None = None) -> Money | None:
    """An amount and its currency (`@currencyID`, TED XML `@CURRENCY`), or None if either is missing or unreadable."""
    written = text(at)
    if at is None or written is None:
        return None
    code = currency or at.get("currencyID") or at.get("CURRENCY")
    try:
        amount = Decimal(written)
    except InvalidOperation:
        amount = Decimal("NaN")
    if not amount.is_finite() or amount < 0 or code is None or not re.fullmatch(r"[A-Z]{3}", code):
        found.warning("notice-value", at, term, f"{written!r} {code or ''} is not an amount in a currency; unknown")
        return None
    return Money(amount, code)


@cache
def _alpha2(code: str) -> str | None:
    found = pycountry.countries.get(alpha_3=code) if len(code) == 3 else pycountry.countries.get(alpha_2=code)
    return found.alpha_2 if found is not None else None


def country(at: Element | None, term: str, found: Found) -> str | None:
    """An ISO 3166-1 alpha-2 country from eForms' alpha-3 (`NOR`) or TED XML's codes (`UK`, `EL`).

    >>> country(None, "BT-514", Found("x.xml")) is None
    True
    """
    written = text(at) or (at.get("VALUE") if at is not None else None)
    if written is None:
        return None
    code = _alpha2(_TED_COUNTRIES.get(written.upper(), written.upper()))
    if code is None:
        found.warning("notice-value", at, term, f"{written!r} is not a country code; it stays unknown")
    return code


def size(at: Element | None, found: Found) -> Size | None:
    """BT-165 as written: micro, small, medium, large, or `sme` (one of the first three, not saying which)."""
    written = text(at)
    if written is None:
        return None
    for known in SIZES:
        if written.lower() == known:
            return known
    found.warning("notice-value", at, "BT-165", f"{written!r} is not a company size; it stays unknown")
    return None


def organisation(
    company: Element | None,
    name: str | None,
    nation: str | None,
    found: Found,
    *,
    term: str,
    size: Size | None = None,
    lead: bool | None = None,
    at: Element | None = None,
) -> Organisation:
    """An organisation with its number normalised: `NO-BRC-` + nine digits for a Norwegian number (its country
    is Norway, or it is written `NO…MVA` or `Org.nr. …`) that passes the mod-11 check; a Norwegian number that
    does not is a `notice-orgnr` error and its org id stays unknown. Other registers are not guessed. `at`: the
    organisation's element, whose line the importer's problems about it name."""
    written = text(company)
    company_id = clean(written) if written else None
    org_id = None
    if company_id is not None and (nation == "NO" or looks_norwegian(company_id)):
        valid = norwegian_orgnr(company_id)
        if valid is not None:
            org_id = f"NO-BRC-{valid}"
        else:
            digits = norwegian_digits(company_id)
            why = "fails the mod-11 check" if digits else "is not nine digits"
            found.error(
                "notice-orgnr",
                company,
                term,
                f"organisation number {company_id!r} of {name or 'an organisation'} {why}; its id stays unknown",
            )
    return Organisation(org_id, company_id, name, nation, size, lead, line_of(at))


def duration(amount: Element | None, unit: str | None, term: str, found: Found) -> Duration | None:
    """BT-36 / TED XML DURATION: a whole number of days, months or years (`@unitCode` / `@TYPE`)."""
    written = count(amount, term, found)
    if written is None:
        return None
    for known in _UNITS:
        if unit == known:
            return Duration(written, known)
    found.warning("notice-value", amount, term, f"duration unit {unit!r} is not DAY, MONTH or YEAR; unknown")
    return None


def after(start: date | None, length: Duration | None) -> date | None:
    """`start` plus a duration in calendar terms (a month from 31 January is the last day of February), if both
    are known: the DPS's end as start + duration, with no day taken off or added.

    >>> after(date(2022, 12, 22), Duration(48, "MONTH")), after(date(2024, 1, 31), Duration(1, "MONTH"))
    (datetime.date(2026, 12, 22), datetime.date(2024, 2, 29))
    >>> after(None, Duration(120, "MONTH")) is None
    True
    """
    if start is None or length is None:
        return None
    if length.unit == "DAY":
        return start + timedelta(days=length.amount)
    months = start.month - 1 + length.amount * (12 if length.unit == "YEAR" else 1)
    year, month = start.year + months // 12, months % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))

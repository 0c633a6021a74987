"""Identifiers and values as OCDS writes them: OCIDs, organisation identifiers, dates with a time, amounts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

Json = dict[str, Any]


def scheme_ocid(prefix: str, scheme_id: str) -> str:
    """The OCID of a scheme's process.

    >>> scheme_ocid("ocds-unregd", "renhold-nordhei")
    'ocds-unregd-renhold-nordhei'
    """
    return f"{prefix}-{scheme_id}"


def calloff_ocid(prefix: str, scheme_id: str, award_id: str) -> str:
    """The OCID of a call-off's process: its scheme's and the award's id after a dot, which no scheme id holds
    (so no call-off's OCID is another scheme's).

    >>> calloff_ocid("ocds-unregd", "renhold-nordhei", "2024-001")
    'ocds-unregd-renhold-nordhei.2024-001'
    """
    return f"{prefix}-{scheme_id}.{award_id}"


def when(day: date | None) -> str | None:
    """A day as an OCDS date-time: midnight UTC of that day (the records hold days; OCDS and Cardinal want a time).

    >>> when(date(2024, 3, 1)), when(None)
    ('2024-03-01T00:00:00Z', None)
    """
    return None if day is None else f"{day.isoformat()}T00:00:00Z"


def amount(value: Decimal) -> int | float:
    """An amount as a JSON number of the same value: the export allows at most 15 significant digits
    (tables.check_numbers), which a float holds exactly.

    >>> amount(Decimal("104500000")), amount(Decimal("850000.50"))
    (104500000, 850000.5)
    """
    return int(value) if value == value.to_integral_value() else float(value)


def identifier(org_id: str, name: str | None) -> Json:
    """An org-id.guide identifier ("NO-BRC-971032146") as OCDS's scheme ("NO-BRC") and id ("971032146").

    >>> identifier("GB-COH-01234567", "Ltd")
    {'scheme': 'GB-COH', 'id': '01234567', 'legalName': 'Ltd'}
    """
    country, register, local = org_id.split("-", 2)
    return compact({"scheme": f"{country}-{register}", "id": local, "legalName": name})


def compact(fields: Json) -> Json:
    """The fields that have a value: an unknown value is absent, never null, 0 or empty.

    >>> compact({"a": None, "b": 0, "c": [], "d": {}, "e": "x"})
    {'b': 0, 'e': 'x'}
    """
    return {k: v for k, v in fields.items() if v is not None and v != [] and v != {}}


def money(value: Decimal | None, currency: str | None) -> Json | None:
    return None if value is None or currency is None else {"amount": amount(value), "currency": currency}


def period(start: date | None, end: date | None) -> Json | None:
    return compact({"startDate": when(start), "endDate": when(end)}) or None

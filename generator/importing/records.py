"""A notice's facts as record fields (plain data, text values), per the record model of issue 17.

None means "the notice does not give it" (the record's own value stays); `NULL` an explicit unknown. Nothing is
invented: a date, count, amount or id the notice does not give is left out, never 0 or a guess.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from generator.importing.keys import category_id, notice_key
from generator.notices.facts import AwardNotice, Contract, Money, Notice, Organisation, SetupNotice
from generator.notices.ids import identify


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def amount(money: Money | None) -> dict[str, str] | None:
    """`{amount, currency}` with the amount as written less trailing zeros (2700000.00 → 2700000).

    >>> from decimal import Decimal
    >>> amount(Money(Decimal("291578.40"), "EUR")), amount(Money(Decimal("3000000000"), "GBP"))["amount"]
    ({'amount': '291578.4', 'currency': 'EUR'}, '3000000000')
    """
    if money is None:
        return None
    return {"amount": decimal_text(money.amount), "currency": money.currency}


def decimal_text(amount: Decimal) -> str:
    """An amount as the records write it: its digits, no exponent, no trailing zeros (2.7E+6 → 2700000)."""
    return format(amount.normalize(), "f")


def lead(buyers: tuple[Organisation, ...]) -> Organisation | None:
    """The buyer a record names of joint buyers: the group lead (OPP-050) if the notice marks one, else the first
    in notice order (TED XML marks none)."""
    return next((b for b in buyers if b.lead), buyers[0] if buyers else None)


def buyer(org: Organisation | None) -> dict[str, str | None] | None:
    return {"id": org.org_id, "name": org.name} if org is not None and org.name else None


def form(notice: Notice) -> str:
    """`eforms-16`, `eforms-N29`, `ted-F02`: the form a source was read from."""
    return f"ted-{notice.source.subtype}" if notice.source.format == "ted-r209" else f"eforms-{notice.source.subtype}"


def source(notice: Notice) -> dict[str, str | None] | None:
    """The notice as an entry of a record's `sources`, with what a later notice may name it by besides its id: its
    eForms UUID (when the id is its TED or Doffin id) and its procedure id (BT-04), each only where it is not the
    notice's own id again (Doffin's retro-converted notices write their Doffin id into both)."""
    key = notice_key(notice.ids)
    if key is None:
        return None
    ids = notice.ids
    own = {ids.doffin, ids.ted, ids.eforms} - {None}
    procedure = ids.procedure if ids.procedure and identify(ids.procedure)[1] not in own else None
    return {
        "notice": key[1],
        "version": ids.version,
        "uuid": ids.eforms if key[0] != "eforms" else None,
        "procedure": procedure,
        "form": form(notice),
        "published": iso(notice.ids.published),
        "url": notice.ids.url,
    }


def notices(notice: Notice) -> dict[str, str | None]:
    return {"doffin": notice.ids.doffin, "ted": notice.ids.ted}


def categories(notice: SetupNotice) -> list[dict[str, str | None]] | None:
    """The lots as categories; a single lot (`LOT-0000`, or a TED XML notice not in lots) is no categories."""
    lots = [lot for lot in notice.lots if lot.id is not None]
    if len(notice.lots) < 2 and all(lot.id in (None, "LOT-0000") for lot in notice.lots):
        return None
    return [
        {"id": category_id(lot.id), "title": lot.title, "description": lot.description, "cpv": lot.cpv}
        for lot in lots
        if lot.id is not None
    ] or None


def _url(notice: SetupNotice) -> str | None:
    """The procurement documents (BT-15) if the notice gives a web address, else the published notice."""
    for lot in notice.lots:
        if lot.url and lot.url.lower().startswith(("https://", "http://")):
            return lot.url
    return notice.link


def scheme(notice: SetupNotice) -> dict[str, Any]:
    """A set-up notice's scheme fields. Validity: the earliest start and the latest end of the DPS lots, the
    end only if every lot's end is known; the first request deadline of any lot."""
    starts = [lot.validity.start for lot in notice.lots]
    ends = [lot.validity.end for lot in notice.lots]
    deadlines = [lot.request_deadline for lot in notice.lots if lot.request_deadline]
    return {
        "title": notice.title,
        "description": notice.description,
        "buyer": buyer(lead(notice.buyers)),
        "type": notice.dps_type,
        "cpv": notice.cpv,
        "notices": notices(notice),
        "published": iso(notice.ids.published),
        "request_deadline": iso(min(deadlines)) if deadlines else None,
        "valid_from": iso(min(starts)) if starts and None not in starts else None,  # type: ignore[type-var]
        "valid_to": iso(max(ends)) if ends and None not in ends else None,  # type: ignore[type-var]
        "estimated_value": amount(notice.estimated_value),
        "url": _url(notice),
    }


def award(
    notice: AwardNotice, contract: Contract, scheme_id: str, category: str | None, suppliers: list[str]
) -> dict[str, Any]:
    """One settled contract's award. `category` None: the scheme has no categories (the implicit one); `NULL`:
    not known. Awarded: the winner decision (BT-1451), else the contract's conclusion (BT-145 /
    DATE_CONCLUSION_CONTRACT), the only award date TED XML and many eForms notices give."""
    return {
        "scheme": scheme_id,
        "category": category,
        "buyer": buyer(lead(notice.buyers)),
        "title": contract.title or notice.title,
        "description": notice.description,
        "cpv": notice.cpv,
        "tenders": str(contract.tenders) if contract.tenders is not None else None,
        "sme_tenders": str(contract.sme_tenders) if contract.sme_tenders is not None else None,
        "awarded": iso(contract.award_date or contract.concluded),
        "suppliers": suppliers or None,
        "value": amount(contract.value),
        "contract": {"start": iso(contract.start), "end": iso(contract.end)}
        if contract.start or contract.end
        else None,
        "notices": notices(notice),
        "status": "awarded",
    }


def admitted_by(notice: AwardNotice, contracts: list[Contract]) -> date | None:
    """An upper bound of a tenderer's admission: invited before the call-off was decided, concluded or sent (the
    contracts of the lot it tendered in; none for a lot where no contract was settled)."""
    known = [d for c in contracts for d in (c.award_date, c.concluded) if d]
    known += [notice.ids.dispatched] if notice.ids.dispatched else []
    return min(known) if known else None


def admission(scheme_id: str, category: Any, by: date, source_key: str) -> dict[str, Any]:
    """An inferred admission: `categories` left out for a scheme without categories, `NULL` when unknown."""
    return {
        "scheme": scheme_id,
        "categories": [category] if isinstance(category, str) else category,
        "admitted_by": by.isoformat(),
        "source": source_key,
    }


def supplier(org: Organisation) -> dict[str, Any]:
    return {"id": org.org_id, "name": org.name, "size": org.size, "country": org.country}

"""A call-off as an OCDS process of its own, linked back to its scheme's process (`relatedProcesses`, "framework").

Its lot is the scheme's category, the tenders received are `numberOfTenderers` and `bids.statistics`, the winners
are one award's suppliers (a value for several suppliers is one value, never split).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from generator.ocds.ids import Json, calloff_ocid, compact, money, period, scheme_ocid, when
from generator.ocds.parties import Parties
from generator.ocds.release import cpv, release
from generator.ocds.scheme import source_document

Record = dict[str, Any]

TENDER_STATUS = {"awarded": "complete", "cancelled": "cancelled"}
AWARD_STATUS = {"awarded": "active", "cancelled": "cancelled"}
CALL_OFF = "Call-off from a dynamic purchasing system"  # the words Contracts Finder publishes


def cardinal_fields(award: Record) -> Json:
    """The call-off's tender fields that Cardinal's red flags read (R018, R003): the indicators judge these."""
    return compact(
        {
            "procurementMethod": "selective",  # only the suppliers admitted to the DPS may tender
            "numberOfTenderers": award.get("tenders"),
            "tenderPeriod": period(award.get("invited"), award.get("tender_deadline")),
        }
    )


def calloff_tender(award: Record, lots: dict[str, Record]) -> Json:
    """The call-off's tender."""
    lot = lots.get(award["category_id"]) if award.get("category_id") else None
    flagged = cardinal_fields(award)
    lot_id = lot["category_id"] if lot else None
    status = award.get("status")
    return compact(
        {
            "id": award["award_id"],
            "title": award.get("title"),
            "description": award.get("description"),
            "status": TENDER_STATUS.get(status) if status else None,
            "items": [i for i in [cpv(award.get("cpv"), "1", lot_id)] if i],
            "procurementMethod": flagged["procurementMethod"],
            "procurementMethodDetails": CALL_OFF,
            "competitive": True,  # every admitted supplier of the category is invited (Art. 34(6))
            "numberOfTenderers": flagged.get("numberOfTenderers"),
            "tenderPeriod": flagged.get("tenderPeriod"),
            "lots": [compact({"id": lot_id, "title": lot["title"], "description": lot["description"]})] if lot else [],
        }
    )


def calloff_release(
    prefix: str,
    scheme: Record,
    award: Record,
    lots: dict[str, Record],
    winners: list[str],
    suppliers: dict[str, Record],
    sources: list[Record],
    today: date,
) -> Json:
    parties = Parties(suppliers)
    buyer = parties.buyer(award.get("buyer_id"), award.get("buyer_name"))
    tender = calloff_tender(award, lots)
    lot_id = tender["lots"][0]["id"] if tender.get("lots") else None
    if sources:
        tender["documents"] = [source_document(s, "awardNotice") for s in sources]
    awarded = award.get("status") == "awarded"
    contract_period = period(award.get("contract_start"), award.get("contract_end"))
    result = compact(
        {
            "id": award["award_id"],
            "status": AWARD_STATUS.get(award["status"]) if award.get("status") else None,
            "date": when(award.get("awarded")),
            "value": money(award.get("value_amount"), award.get("value_currency")),
            "suppliers": [parties.supplier(w) for w in winners],
            "relatedLots": [lot_id] if lot_id else [],
            "contractPeriod": contract_period,
        }
    )
    contracts = [compact({"id": award["award_id"], "awardID": award["award_id"], "period": contract_period})]
    body = {
        "parties": parties.listed(),
        "buyer": buyer,
        "relatedProcesses": [
            compact(
                {
                    "id": "dps",
                    "relationship": ["framework"],
                    "title": scheme.get("title"),
                    "scheme": "ocid",
                    "identifier": scheme_ocid(prefix, award["scheme_id"]),
                }
            )
        ],
        "tender": tender,
        "bids": _statistics(award, lot_id),
        "awards": [result] if awarded or winners else [],
        "contracts": contracts if awarded and contract_period else [],
    }
    tags = ["tender", *(["award"] if body["awards"] else []), *(["contract"] if body["contracts"] else [])]
    days = [award.get("invited"), award.get("awarded")]
    return release(calloff_ocid(prefix, award["scheme_id"], award["award_id"]), days, today, tags, body)


def _statistics(award: Record, lot_id: str | None) -> Json | None:
    measures = (("tenders", "bids", award.get("tenders")), ("sme-tenders", "smeBids", award.get("sme_tenders")))
    stats = [
        compact({"id": key, "measure": measure, "value": value, "relatedLot": lot_id})
        for key, measure, value in measures
        if value is not None
    ]
    return {"statistics": stats} if stats else None

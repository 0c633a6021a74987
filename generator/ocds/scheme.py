"""A scheme as an OCDS process: the DPS set-up (tender with techniques and lots) and its admissions (awards).

The standard's framework-agreement guidance: the first stage is one process whose `tender.techniques` says a
DPS is involved; each supplier added is an award of that process. A DPS stays open to new suppliers for its
whole validity, so the tender period runs from publication to the end of validity (or termination).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from generator.ocds.ids import Json, compact, money, period, scheme_ocid, when
from generator.ocds.parties import Parties
from generator.ocds.release import cpv, lots_of, release

Record = dict[str, Any]

# OCDS tender status (closed codelist) for the scheme's status; the exact status is in the techniques extension's
# dynamicPurchasingSystem.status, which has the records' four words.
TENDER_STATUS = {"pending": "active", "active": "active", "cancelled": "cancelled", "terminated": "complete"}
ADMISSION_KEY = ("supplier_id", "requested", "admitted", "left", "admitted_by", "source")


def scheme_release(
    prefix: str,
    scheme: Record,
    categories: list[Record],
    admissions: list[Record],
    suppliers: dict[str, Record],
    sources: list[Record],
    today: date,
) -> Json:
    parties = Parties(suppliers)
    buyer = parties.buyer(scheme.get("buyer_id"), scheme.get("buyer_name"))
    lots = lots_of(categories)
    awards, bids = _admissions(admissions, parties, {c["category_id"] for c in lots})
    days = [
        scheme.get("published"),
        *(a.get("requested") for a in admissions),
        *(a.get("admitted") for a in admissions),
    ]
    body = {
        "parties": parties.listed(),
        "buyer": buyer,
        "tender": _tender(scheme, lots, sources),
        "bids": {"details": bids} if bids else None,
        "awards": awards,
    }
    tags = ["tender", "award"] if awards else ["tender"]
    return release(scheme_ocid(prefix, scheme["scheme_id"]), days, today, tags, body)


def _tender(scheme: Record, lots: list[Record], sources: list[Record]) -> Json:
    status = scheme.get("status")
    closes = scheme.get("terminated_date") or scheme.get("valid_to")  # the last day a supplier can join
    items = [cpv(scheme.get("cpv"), "scheme")] + [
        cpv(c["cpv"], f"lot-{c['category_id']}", c["category_id"]) for c in lots
    ]
    return compact(
        {
            "id": scheme["scheme_id"],
            "title": scheme.get("title"),
            "description": scheme.get("description"),
            "status": TENDER_STATUS.get(status) if status else None,
            "items": [i for i in items if i],
            "value": money(scheme.get("estimated_value_amount"), scheme.get("estimated_value_currency")),
            "procurementMethod": "selective",
            "procurementMethodDetails": "Dynamic purchasing system",
            "tenderPeriod": period(scheme.get("published"), closes),
            "contractPeriod": period(scheme.get("valid_from"), scheme.get("valid_to")),
            "techniques": compact(
                {
                    "hasDynamicPurchasingSystem": True,
                    # type and status unknown (known only from call-offs): no object, OCDS wants none empty
                    "dynamicPurchasingSystem": compact({"type": scheme.get("type"), "status": status}),
                }
            ),
            "lots": [
                compact({"id": c["category_id"], "title": c["title"], "description": c["description"]}) for c in lots
            ],
            "documents": _documents(scheme, sources),
        }
    )


def _documents(scheme: Record, sources: list[Record]) -> list[Json]:
    """The notices the scheme was published in, its web page, its termination notice; each only when given."""
    published = when(scheme.get("published"))
    docs: list[Json | None] = [
        _notice("doffin", "Doffin", scheme.get("doffin_notice"), published),
        _notice("ted", "TED", scheme.get("ted_notice"), published),
        {"id": "web-page", "title": "Web page", "url": scheme["url"]} if scheme.get("url") else None,
    ]
    if scheme.get("terminated_notice"):
        notice = scheme["terminated_notice"]
        docs.append(
            compact(
                {
                    "id": f"termination-{notice}",
                    "title": f"Termination notice {notice}",
                    "datePublished": when(scheme.get("terminated_date")),
                }
            )
        )
    docs += [source_document(s, "tenderNotice") for s in sources]
    return [d for d in docs if d]


def _notice(key: str, register: str, notice: str | None, published: str | None) -> Json | None:
    if not notice:
        return None
    return compact(
        {
            "id": f"{key}-{notice}",
            "documentType": "tenderNotice",
            "title": f"{register} {notice}",
            "datePublished": published,
        }
    )


def source_document(source: Record, document_type: str) -> Json:
    """A notice a record was imported from (its `sources`)."""
    version = source.get("version")
    title = " ".join(str(p) for p in (source.get("form"), source["notice"], version and f"v{version}") if p)
    return compact(
        {
            "id": f"source-{source['notice']}" + (f"-{version}" if version else ""),
            "documentType": document_type,
            "title": title,
            "datePublished": when(source.get("published")),
            "url": source.get("url"),
        }
    )


def _admissions(rows: list[Record], parties: Parties, lot_ids: set[str]) -> tuple[list[Json], list[Json]]:
    """One award per admission (a supplier admitted on a day to one or more categories), and the request that
    led to it as a bid when the request date is known. A supplier who left keeps the award; its period ends then."""
    grouped: dict[tuple[Any, ...], list[str | None]] = {}
    for row in rows:
        grouped.setdefault(tuple(row.get(k) for k in ADMISSION_KEY), []).append(row.get("category_id"))
    awards, bids = [], []
    for key, categories in grouped.items():
        admission = dict(zip(ADMISSION_KEY, key, strict=True))
        supplier_id, admitted, admitted_by = admission["supplier_id"], admission["admitted"], admission["admitted_by"]
        ref = parties.supplier(supplier_id)
        day = f"{admitted.isoformat()}" if admitted else f"by-{admitted_by.isoformat()}" if admitted_by else "unknown"
        award_id = f"admission-{supplier_id}-{day}"
        related = sorted(c for c in categories if c in lot_ids)
        bid_id = None
        if admission["requested"] is not None:
            bid_id = f"request-{supplier_id}-{day}"
            parties.supplier(supplier_id, "tenderer")
            bids.append(
                compact(
                    {
                        "id": bid_id,
                        "date": when(admission["requested"]),
                        "status": "valid",
                        "tenderers": [ref],
                        "relatedLots": related,
                    }
                )
            )
        awards.append(
            compact(
                {
                    "id": award_id,
                    "description": _inferred(admission, categories),
                    "status": None if admission["left"] else "active",
                    "date": when(admitted),
                    "suppliers": [ref],
                    "relatedLots": related,
                    "contractPeriod": period(admitted, admission["left"]),
                    "relatedBid": bid_id,
                }
            )
        )
    return awards, bids


def _inferred(admission: dict[str, Any], categories: list[str | None]) -> str | None:
    """What an admission inferred from a call-off leaves unknown, in words (OCDS has no field for a date bound)."""
    if admission["admitted"] is not None:
        return None
    parts = []
    if admission["admitted_by"] is not None:
        parts.append(f"Admitted no later than {admission['admitted_by'].isoformat()}")
    if admission["source"]:
        parts.append(f"inferred from call-off notice {admission['source']}")
    if any(c is None for c in categories):
        parts.append("category unknown")
    return "; ".join(parts) + "." if parts else None

"""An OCDS release that sets up a DPS, as its scheme's fields and categories, and, in this project's export's
shape, the admissions it lists.

Another publisher's tender period is the first deadline for requests to participate and its set-up is active
unless the tender says otherwise, as for a notice; this project's export writes the time suppliers may join as
the tender period, its own status, and each admission as an award of the scheme's process (generator/ocds/scheme.py).
"""

from __future__ import annotations

import re
from typing import Any

from generator.importing.blocks import NULL
from generator.importing.keys import category_id, ocds_scheme_id
from generator.importing.ocds_facts import Facts
from generator.importing.ocds_read import Node, Release
from generator.importing.ocds_values import (
    Parties,
    classification,
    documents_by_id,
    item_cpv,
    money,
    named_notices,
    named_sources,
    organisation,
    supplier_id,
)
from generator.importing.records import iso
from generator.ocds.scheme import DPS_METHOD_STUB

_BY = re.compile(r"by-(\d{4}-\d{2}-\d{2})")
_INFERRED = re.compile(r"inferred from call-off notice (\S(?:.*?\S)?)(?=; category unknown\.$|\.$)")


def read_setup(release: Release, facts: Facts, dps_type: str | None, own: bool) -> None:
    """Into facts: the scheme's id, fields and categories, and, from this project's export (`own`), its sources
    and admissions; `dps_type` is the type the flagged lots agree on."""
    node, parties = release.node, Parties(release.node)
    tender = node["tender"]
    documents = documents_by_id(tender)
    dps = tender["techniques"]["dynamicPurchasingSystem"]
    status = dps["status"].text()
    if status is None and not own:  # as for a notice: a DPS set up is active unless the tender says otherwise
        written = tender["status"].text()
        status = {"cancelled": "cancelled", "withdrawn": "cancelled", "planned": "pending"}.get(written or "")
        status = status or ("active" if written in ("active", None) else None)
    # this project's export: the tender period is the time suppliers may join (to the end of validity), so its
    # start is the notice's publication; other publishers' is the first deadline for requests to participate
    if own:
        published, deadline = tender["tenderPeriod"]["startDate"].day(), None
    else:
        first = node["tag"].value == ["tender"]
        published = tender["datePublished"].day() or (node["date"].day() if first else None)
        deadline = tender["tenderPeriod"]["endDate"].day()
    url = documents["web-page"]["url"].text() if "web-page" in documents else None
    if url is None and not own:
        url = next(
            (
                d["url"].text()
                for d in documents.values()
                if d["documentType"].text() in ("contractNotice", "tenderNotice") and d["url"].text()
            ),
            None,
        )
    termination = next((k for k in documents if k.startswith("termination-")), None)
    facts.scheme = ocds_scheme_id(facts.ocid, tender["id"].ident())
    facts.scheme_fields = {
        "title": tender["title"].text(),
        "description": tender["description"].text(),
        "buyer": organisation(parties.get(node["buyer"])),
        "type": dps["type"].text() or dps_type,
        "status": status,
        "cpv": classification(tender["classification"], facts) or item_cpv(tender, None, facts),
        "notices": named_notices(documents),
        "published": iso(published),
        "request_deadline": iso(deadline),
        "valid_from": iso(tender["contractPeriod"]["startDate"].day()),
        "valid_to": iso(tender["contractPeriod"]["endDate"].day()),
        "estimated_value": money(tender["value"], facts),
        "url": url,
        "terminated": {
            "date": iso(documents[termination]["datePublished"].day()),
            "notice": termination[len("termination-") :],
        }
        if termination
        else None,
        "known_only_from_call_offs": "true" if tender["procurementMethodDetails"].text() == DPS_METHOD_STUB else None,
    }
    lots = tender["lots"].items()
    if len(lots) > 1 or (lots and lots[0]["id"].ident() != "LOT-0000"):
        facts.categories = []
        for lot in lots:
            key = lot["id"].ident()
            if key is None:
                continue
            facts.categories.append(
                {
                    "id": key if own else category_id(key),
                    "title": lot["title"].text(),
                    "description": lot["description"].text(),
                    "cpv": item_cpv(tender, key, facts),
                }
            )
    facts.sources = named_sources(documents) if own else []
    if own:
        _admissions(node, parties, facts, {c["id"] for c in facts.categories or ()})


def _admissions(node: Node, parties: Parties, facts: Facts, lots: set[str]) -> None:
    """This project's export: each admission is an award `admission-<supplier>-<day>` of the scheme's process,
    its request a bid, a supplier who left an award without status whose period ends on the day it left."""
    bids = {b["id"].ident(): b for b in node["bids"]["details"].items()}
    for award in node["awards"].items():
        key = award["id"].ident() or ""
        refs = award["suppliers"].items()
        if not key.startswith("admission-") or len(refs) != 1:
            continue
        party = parties.get(refs[0])
        assert party is not None
        supplier = supplier_id(party, facts, "admitted supplier")
        if supplier is None:
            continue
        day = key[len(f"admission-{party['id'].ident()}-") :]
        by = _BY.fullmatch(day)
        described = award["description"].text() or ""
        inferred = _INFERRED.search(described)
        related = [r.ident() for r in award["relatedLots"].items()]
        categories: Any = [c for c in related if c in lots] or None
        if categories is None and described.endswith("category unknown."):
            categories = NULL
        bid = bids.get(award["relatedBid"].ident())
        left = award["contractPeriod"]["endDate"].day() if award["status"].text() is None else None
        entry = {
            "scheme": facts.scheme,
            "categories": categories,
            "requested": iso(bid["date"].day()) if bid is not None else None,
            "admitted": iso(award["date"].day()),
            "admitted_by": by[1] if by else None,
            "source": inferred[1] if inferred else None,
            "left": iso(left),
        }
        facts.admissions.append((supplier, entry))

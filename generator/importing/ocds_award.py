"""An OCDS call-off under a DPS, as its awards and their winners.

Another publisher's release gives an award per active award (its id made from the OCID, keys.py), the lot it
names and, when it awards one contract, the tender's counts; this project's export gives one award per call-off
process, cancelled or not, under the call-off's own id.
"""

from __future__ import annotations

from typing import Any

from generator.importing.keys import ocds_award_id
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


def read_call_off(release: Release, facts: Facts) -> None:
    """Into facts: the call-off's awards, the lot each names, their winners as suppliers and a summary for the
    problem when it names no scheme; `facts.framework` is already its scheme's OCID, if it names one."""
    node, parties = release.node, Parties(release.node)
    tender = node["tender"]
    documents = documents_by_id(tender)
    buyer = organisation(parties.get(node["buyer"]))
    awards = node["awards"].items()
    own = facts.own = facts.framework is not None and release.ocid == f"{facts.framework}.{tender['id'].ident()}"
    cancelled = tender["status"].text() == "cancelled"
    chosen = awards if not own else awards[:1]
    if own and not chosen and cancelled:
        chosen = [Node({}, node["awards"].path + "[0]")]  # a call-off cancelled before any award
    title, description = tender["title"].text(), tender["description"].text()
    for award in chosen:
        if award["status"].text() not in ("active", None) and not (own and cancelled):
            continue
        lots = [r.ident() for r in award["relatedLots"].items()] or [
            lot["id"].ident() for lot in tender["lots"].items()
        ]
        lot = lots[0] if len(lots) == 1 else None
        winners = []
        for ref in award["suppliers"].items():
            party = parties.get(ref)
            assert party is not None
            if (found := supplier_id(party, facts, "winner")) is not None:
                winners.append(found)
        only = len(chosen) == 1
        contract = award["contractPeriod"]
        tenders = tender["numberOfTenderers"].integer() if only else None
        fields: dict[str, Any] = {
            "id": tender["id"].ident() if own else ocds_award_id(facts.ocid, award["id"].ident() or ""),
            "buyer": buyer,
            "title": award["title"].text() or title,
            "description": award["description"].text() or description,
            "cpv": classification(tender["classification"], facts) or item_cpv(tender, lot, facts),
            "invited": iso(tender["tenderPeriod"]["startDate"].day()),
            "tender_deadline": iso(tender["tenderPeriod"]["endDate"].day()),
            "tenders": _text(tenders if tenders is not None else _statistic(node, "bids", lot) if only else None),
            "sme_tenders": _text(_statistic(node, "smeBids", lot) if only else None),
            "awarded": iso(award["date"].day()),
            "suppliers": winners or None,
            "value": money(award["value"], facts),
            "contract": {
                "start": iso(contract["startDate"].day()),
                "end": iso(contract["endDate"].day()),
            }
            if contract.given
            else None,
            "notices": named_notices(documents) if own else None,
            "status": "cancelled" if cancelled or award["status"].text() == "cancelled" else "awarded",
        }
        facts.awards.append(fields)
        facts.lots[fields["id"]] = lot
        facts.paths[fields["id"]] = award.path
        value = fields["value"]
        who = repr(buyer["name"]) if buyer else "an unnamed buyer"
        when = fields["awarded"] or "on an unknown date"
        worth = f" for {value['amount']} {value['currency']}" if value else ""
        facts.summary = f"{title!r} by {who}, awarded {when} to {len(award['suppliers'].items())} supplier(s){worth}"
    facts.sources = named_sources(documents) if own else []


def _statistic(node: Node, measure: str, lot: str | None) -> int | None:
    found = [
        s["value"].integer()
        for s in node["bids"]["statistics"].items()
        if s["measure"].text() == measure and s["relatedLot"].ident() in (lot, None)
    ]
    return found[0] if len(found) == 1 else None


def _text(number: int | None) -> str | None:
    return None if number is None else str(number)

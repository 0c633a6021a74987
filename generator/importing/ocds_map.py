"""An OCDS release as record fields: a DPS set-up as a scheme, a call-off as awards, their winners as suppliers.

Which releases are about a DPS (what publishers do differently, ../shared/real-notices/README.md):
- a call-off: `relatedProcesses` names its scheme's process (`framework`, as this project's export writes it),
  or `tender.procurementMethodDetails` is Contracts Finder's "Call-off from a dynamic purchasing system" (which
  names no DPS), or a lot or the tender within a DPS (`techniques.hasDynamicPurchasingSystem`) is awarded;
- a set-up: `techniques.hasDynamicPurchasingSystem` without awards (Public Contracts Scotland, eForms
  conversions), this project's export (procurementMethodDetails "Dynamic purchasing system"), or a framework
  agreement whose title or description says it is a dynamic purchasing system (Sell2Wales files DPSs so).
Text alone decides nothing: Contracts Finder's releases mention DPSs in the titles of set-ups and of call-offs
alike, so a release without one of these marks is skipped, saying so.

Values come as the records write them (text); None is "the release does not say", `NULL` an explicit unknown.
Nothing is invented: a CPV code without its check digit, an organisation without an org-id.guide identifier or
a currency that is no ISO 4217 code stays unknown, with a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from stdnum.no import orgnr

from generator.importing.blocks import NULL
from generator.importing.keys import category_id, slug
from generator.importing.ocds_read import Flaw, Node, Release
from generator.ocds.calloff import CALL_OFF
from generator.ocds.scheme import DPS_METHOD, DPS_METHOD_STUB

_ID = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?")
_ORG_ID = re.compile(r"[A-Z]{2}-[A-Z0-9]{2,12}-[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?")
_CPV = re.compile(r"[0-9]{8}-[0-9]")
_CURRENCY = re.compile(r"[A-Z]{3}")
_FORM = re.compile(r"eforms-[A-Za-z0-9]{1,8}|ted-F[0-9]{2}|ocds")
_PREFIX = re.compile(r"ocds-[a-z0-9]{6}-")
_SAYS_DPS = re.compile(r"dynamic purchasing system|\bDPS\b", re.IGNORECASE)
_SCALES = ("micro", "small", "medium", "large", "sme")
_BY = re.compile(r"by-(\d{4}-\d{2}-\d{2})")
_INFERRED = re.compile(r"inferred from call-off notice (\S(?:.*?\S)?)(?=; category unknown\.$|\.$)")


@dataclass
class Gap:
    """A value left unknown that the release gave in a form the records cannot take (a warning)."""

    path: str
    message: str


@dataclass
class Facts:
    """What one release says, as record fields."""

    ocid: str
    kind: str  # setup, award, other
    reason: str | None = None  # why a release of kind "other" is skipped
    scheme: str | None = None  # a set-up's scheme id
    framework: str | None = None  # a call-off's scheme's OCID; None: it names none
    scheme_fields: dict[str, Any] = field(default_factory=dict)
    categories: list[dict[str, Any]] | None = None
    admissions: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (supplier id, entry)
    awards: list[dict[str, Any]] = field(default_factory=list)  # each with "id" and the award's fields
    lots: dict[str, str | None] = field(default_factory=dict)  # award id -> the lot the release names
    suppliers: dict[str, dict[str, Any]] = field(default_factory=dict)  # org id -> supplier fields
    sources: list[dict[str, Any]] = field(default_factory=list)  # the notices the release's documents name
    source: dict[str, Any] = field(default_factory=dict)  # the release itself
    gaps: list[Gap] = field(default_factory=list)
    dps_type: str | None = None  # a call-off's DPS type, for a scheme known only from call-offs
    summary: str = ""  # a call-off in a few words, for the problem when it names no scheme
    own: bool = False  # in this project's export's shape (which lists admissions in the scheme's process)


def scheme_id_of(ocid: str, process: str | None = None) -> str:
    """The scheme id a DPS process is imported as: the process id after the OCID prefix when the OCID is the
    prefix and that id (this project's export), else the OCID as a slug (other publishers' process ids are
    theirs, and only the OCID is unique).

    >>> scheme_id_of("ocds-unregd-renhold-nordhei", "renhold-nordhei"), scheme_id_of("ocds-r6ebe6-0000578690", "03-19")
    ('renhold-nordhei', 'ocds-r6ebe6-0000578690')
    """
    prefix = _PREFIX.match(ocid)
    if process and prefix and ocid[prefix.end() :] == process and _ID.fullmatch(process):
        return process
    return slug(ocid)


def own_tail(ocid: str) -> str | None:
    """The process id after an OCID's prefix, if it could be a scheme's id."""
    prefix = _PREFIX.match(ocid)
    tail = ocid[prefix.end() :] if prefix else None
    return tail if tail and _ID.fullmatch(tail) else None


class _Parties:
    """A release's parties by id; a reference to one not listed is a Flaw."""

    def __init__(self, release: Node) -> None:
        self.path = release["parties"].path
        self.by_id: dict[str, Node] = {}
        for party in release["parties"].items():
            party.mapping()
            if (key := party["id"].ident()) is not None:
                self.by_id.setdefault(key, party)

    def get(self, ref: Node) -> Node | None:
        if not ref.given:
            return None
        ref.mapping()
        key = ref["id"].ident()
        if key is None:
            raise Flaw("ocds-party", ref["id"].path, f"names no party id (name {ref['name'].value!r})")
        if key not in self.by_id:
            raise Flaw("ocds-party", ref["id"].path, f"refers to party {key!r}, which {self.path} does not list")
        return self.by_id[key]


def org_id(party: Node) -> str | None:
    """The party's org-id.guide identifier (`identifier.scheme` + `-` + `identifier.id`), where it has one."""
    scheme, local = party["identifier"]["scheme"].text(), party["identifier"]["id"].ident()
    if not scheme or not local:
        return None
    found = f"{scheme}-{local.replace(' ', '')}"
    if not _ORG_ID.fullmatch(found) or (scheme == "NO-BRC" and not orgnr.is_valid(local)):
        return None
    return found


def _organisation(party: Node | None) -> dict[str, Any] | None:
    if party is None:
        return None
    name = party["name"].text() or party["identifier"]["legalName"].text()
    return {"id": org_id(party), "name": name} if name else None


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _amount(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _money(node: Node, facts: Facts) -> dict[str, str] | None:
    amount, currency = node["amount"].number(), node["currency"].text()
    if amount is None or currency is None:
        return None
    if not _CURRENCY.fullmatch(currency):
        facts.gaps.append(Gap(node["currency"].path, f"{currency!r} is no ISO 4217 currency code"))
        return None
    return {"amount": _amount(amount), "currency": currency}


def _cpv(code: Node, facts: Facts) -> str | None:
    text = code.ident()
    if text is None:
        return None
    if not _CPV.fullmatch(text):
        facts.gaps.append(Gap(code.path, f"CPV code {text!r} lacks the check digit the records write (79410000-2)"))
        return None
    return text


def _classification(node: Node, facts: Facts) -> str | None:
    return _cpv(node["id"], facts) if node["scheme"].text() == "CPV" and node.given else None


def _item_cpv(tender: Node, lot: str | None, facts: Facts) -> str | None:
    """The one CPV code of the items of this lot (None: the items without a lot), where there is exactly one."""
    found = {
        item["classification"]["id"].ident(): item["classification"]
        for item in tender["items"].items()
        if item["relatedLot"].ident() == lot and item["classification"]["scheme"].text() == "CPV"
    }
    found.pop(None, None)
    return _classification(next(iter(found.values())), facts) if len(found) == 1 else None


def _dps_flags(tender: Node) -> tuple[bool, str | None]:
    """Whether the tender or a lot is within a DPS, and the DPS's type where the flagged parts agree on one."""
    techniques = [tender["techniques"], *(lot["techniques"] for lot in tender["lots"].items())]
    flagged = [t for t in techniques if t["hasDynamicPurchasingSystem"].flag()]
    types = {t["dynamicPurchasingSystem"]["type"].text() for t in flagged} - {None}
    return bool(flagged), types.pop() if len(types) == 1 else None


def _frameworks(release: Node) -> list[str]:
    """The OCIDs of the processes this one is a call-off from (`relatedProcesses`, relationship `framework`)."""
    found = []
    for related in release["relatedProcesses"].items():
        relationships = [r.text() for r in related["relationship"].items()]
        identifier = related["identifier"].ident()
        if "framework" in relationships and related["scheme"].text() in ("ocid", None) and identifier:
            found.append(identifier)
    return found


def _documents(tender: Node) -> dict[str, Node]:
    found = {}
    for doc in tender["documents"].items():
        key = doc["id"].ident()
        if key is not None:
            found[key] = doc
    return found


def _notices(documents: dict[str, Node]) -> dict[str, str] | None:
    """This project's export names a record's Doffin and TED notices as documents `doffin-<id>`, `ted-<id>`."""
    found = {k: key[len(k) + 1 :] for key in documents for k in ("doffin", "ted") if key.startswith(f"{k}-")}
    return found or None


def _sources(documents: dict[str, Node]) -> list[dict[str, Any]]:
    """The notices a record was imported from, as this project's export writes them: a document
    `source-<notice>[-<version>]` titled `<form> <notice> v<version>`."""
    found = []
    for key, doc in documents.items():
        title = doc["title"].text()
        if not key.startswith("source-") or not title:
            continue
        words = title.split(" ")
        form = words.pop(0) if _FORM.fullmatch(words[0]) else None
        version = words.pop()[1:] if len(words) > 1 and words[-1].startswith("v") else None
        notice = " ".join(words)
        if key != "source-" + notice + (f"-{version}" if version else ""):
            continue
        published = doc["datePublished"].day()
        found.append(
            {"notice": notice, "version": version, "form": form, "published": iso(published), "url": doc["url"].text()}
        )
    return found


def _release_source(release: Release, published: date | None) -> dict[str, Any]:
    node = release.node
    links = [link["href"].text() for link in node["links"].items() if link["rel"].text() == "canonical"]
    return {
        "notice": release.ocid,
        "version": node["id"].ident(),
        "form": "ocds",
        "published": iso(published),
        "url": next((u for u in links if u), None) or release.uri,
    }


def _supplier(party: Node, facts: Facts, why: str) -> str | None:
    """The party as a supplier record's fields (kept in facts); None, with a warning, without an org id."""
    found = org_id(party)
    name = party["name"].text() or party["identifier"]["legalName"].text()
    if found is None:
        facts.gaps.append(
            Gap(
                party["identifier"].path,
                f"{why} {name!r} (party {party['id'].ident()!r}) has no org-id.guide identifier (identifier.scheme "
                "and identifier.id), so it becomes no supplier record",
            )
        )
        return None
    scale = party["details"]["scale"].text()
    facts.suppliers.setdefault(found, {"id": found, "name": name, "size": scale if scale in _SCALES else None})
    return found


def read_facts(release: Release) -> Facts:
    """The release's facts; raises Flaw when a value is not what OCDS says it is."""
    node = release.node
    tender = node["tender"]
    tender.mapping()
    facts = Facts(release.ocid, "other")
    facts.source = _release_source(release, node["date"].day())
    frameworks = _frameworks(node)
    method = tender["procurementMethodDetails"].text() or ""
    dps, dps_type = _dps_flags(tender)
    ours = method in (DPS_METHOD, DPS_METHOD_STUB)
    awards = node["awards"].items()
    words = " ".join(t for t in (tender["title"].text(), tender["description"].text()) if t)
    if frameworks or method.casefold() == CALL_OFF.casefold() or (dps and awards and not ours):
        facts.kind = "award"
        facts.framework = frameworks[0] if frameworks else None
        facts.dps_type = dps_type
        _call_off(release, facts)
    elif dps or ours or (tender["techniques"]["hasFrameworkAgreement"].flag() and _SAYS_DPS.search(words)):
        facts.kind = "setup"
        _setup(release, facts, dps_type, own=ours)
    else:
        facts.reason = (
            "not marked as a DPS set-up or call-off (no techniques.hasDynamicPurchasingSystem, no call-off "
            "procurementMethodDetails, no framework relatedProcesses)"
        )
        if _SAYS_DPS.search(words):
            facts.reason += (
                "; its text mentions a dynamic purchasing system, which alone does not say whether it sets one "
                "up or calls off from one"
            )
    return facts


def _setup(release: Release, facts: Facts, dps_type: str | None, own: bool) -> None:
    node, parties = release.node, _Parties(release.node)
    tender = node["tender"]
    documents = _documents(tender)
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
    facts.scheme = scheme_id_of(facts.ocid, tender["id"].ident())
    facts.scheme_fields = {
        "title": tender["title"].text(),
        "description": tender["description"].text(),
        "buyer": _organisation(parties.get(node["buyer"])),
        "type": dps["type"].text() or dps_type,
        "status": status,
        "cpv": _classification(tender["classification"], facts) or _item_cpv(tender, None, facts),
        "notices": _notices(documents),
        "published": iso(published),
        "request_deadline": iso(deadline),
        "valid_from": iso(tender["contractPeriod"]["startDate"].day()),
        "valid_to": iso(tender["contractPeriod"]["endDate"].day()),
        "estimated_value": _money(tender["value"], facts),
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
                    "cpv": _item_cpv(tender, key, facts),
                }
            )
    facts.sources = _sources(documents) if own else []
    if own:
        _admissions(node, parties, facts, {c["id"] for c in facts.categories or ()})


def _admissions(node: Node, parties: _Parties, facts: Facts, lots: set[str]) -> None:
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
        supplier = _supplier(party, facts, "admitted supplier")
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


def _statistic(node: Node, measure: str, lot: str | None) -> int | None:
    found = [
        s["value"].integer()
        for s in node["bids"]["statistics"].items()
        if s["measure"].text() == measure and s["relatedLot"].ident() in (lot, None)
    ]
    return found[0] if len(found) == 1 else None


def _call_off(release: Release, facts: Facts) -> None:
    node, parties = release.node, _Parties(release.node)
    tender = node["tender"]
    documents = _documents(tender)
    buyer = _organisation(parties.get(node["buyer"]))
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
            if (found := _supplier(party, facts, "winner")) is not None:
                winners.append(found)
        only = len(chosen) == 1
        contract = award["contractPeriod"]
        tenders = tender["numberOfTenderers"].integer() if only else None
        fields: dict[str, Any] = {
            "id": tender["id"].ident() if own else _award_id(facts.ocid, award["id"].ident() or ""),
            "buyer": buyer,
            "title": award["title"].text() or title,
            "description": award["description"].text() or description,
            "cpv": _classification(tender["classification"], facts) or _item_cpv(tender, lot, facts),
            "invited": iso(tender["tenderPeriod"]["startDate"].day()),
            "tender_deadline": iso(tender["tenderPeriod"]["endDate"].day()),
            "tenders": _text(tenders if tenders is not None else _statistic(node, "bids", lot) if only else None),
            "sme_tenders": _text(_statistic(node, "smeBids", lot) if only else None),
            "awarded": iso(award["date"].day()),
            "suppliers": winners or None,
            "value": _money(award["value"], facts),
            "contract": {
                "start": iso(contract["startDate"].day()),
                "end": iso(contract["endDate"].day()),
            }
            if contract.given
            else None,
            "notices": _notices(documents) if own else None,
            "status": "cancelled" if cancelled or award["status"].text() == "cancelled" else "awarded",
        }
        facts.awards.append(fields)
        facts.lots[fields["id"]] = lot
        value = fields["value"]
        who = repr(buyer["name"]) if buyer else "an unnamed buyer"
        when = fields["awarded"] or "on an unknown date"
        worth = f" for {value['amount']} {value['currency']}" if value else ""
        facts.summary = f"{title!r} by {who}, awarded {when} to {len(award['suppliers'].items())} supplier(s){worth}"
    facts.sources = _sources(documents) if own else []


def _award_id(ocid: str, award: str) -> str:
    """Another publisher's award as an award id: its id where that begins with the OCID (Contracts Finder's
    `<ocid>-1`), else the OCID and its id (an award id is unique only within its process).

    >>> _award_id("ocds-b5fd17-9826af37", "ocds-b5fd17-9826af37-2"), _award_id("ocds-abcd12-77", "RES-0001")
    ('ocds-b5fd17-9826af37-2', 'ocds-abcd12-77-res-0001')
    """
    return slug(award if award.startswith(ocid) else f"{ocid}-{award}")


def _text(number: int | None) -> str | None:
    return None if number is None else str(number)

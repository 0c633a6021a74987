"""An eForms result notice (29, 30, N29, E4, ...) with a DPS lot, read as an `AwardNotice`.

The chain is LotResult → SettledContract → LotTender → TenderingParty → Organization (shared/IMPORT.md §1b):
one award per settled contract, its winners through its tenders, and the tender counts of its lot result only
when that lot result holds this one contract (Art. 50(3) lets buyers group a quarter's call-offs in one). The
LotTenders no SettledContract names are the losing tenders: their tenderers were admitted too (IMPORT.md §5).
A contract's period is BT-536/537 of the award notice's lot it was settled in, where the notice states it.
"""

from __future__ import annotations

from generator.notices.eforms import (
    LOT,
    PREVIOUS_NOTICE,
    PROJECT_CPV,
    PROJECT_DESCRIPTION,
    PROJECT_NAME,
    Organisations,
    buyers,
    dps_usage,
    in_language,
    language,
    notice_ids,
)
from generator.notices.facts import (
    AwardNotice,
    Contract,
    DpsUsage,
    NoticeIds,
    Organisation,
    Reference,
    Source,
    Tenderer,
    Termination,
)
from generator.notices.ids import identify
from generator.notices.safexml import Element, Found, all_of, first, line_of, text, text_of
from generator.notices.sniff import EXT
from generator.notices.values import count, day, money

RES = f"{EXT}/efac:NoticeResult"


def read_award(root: Element, source: Source, doffin: str | None, found: Found) -> AwardNotice:
    """The facts of an award notice; the caller has seen that a lot is a DPS (BT-766 `dps-list`/`dps-nlist`)."""
    lang = language(root)
    ids = notice_ids(root, doffin, found)
    orgs = Organisations(root, found, lang)
    buyer_orgs = buyers(root, orgs)
    results = all_of(root, f"{RES}/efac:LotResult")
    contracts = tuple(
        _contract(root, c, results, orgs, lang, found) for c in all_of(root, f"{RES}/efac:SettledContract")
    )
    terminations = tuple(
        Termination(text_of(r, "efac:TenderLot/cbc:ID"), buyer_orgs, line_of(flag))
        for r in results
        for flag in [first(r, "efbc:DPSTerminationIndicator")]
        if text(flag) == "true"
    )
    return AwardNotice(
        source=source,
        ids=ids,
        title=in_language(root, PROJECT_NAME, lang),
        description=in_language(root, PROJECT_DESCRIPTION, lang),
        cpv=text_of(root, PROJECT_CPV),
        buyers=buyer_orgs,
        contracts=contracts,
        references=references(root, ids),
        terminations=terminations,
        link=ids.url,
        dps=_usage(root),
        losers=_losers(root, orgs),
    )


def _usage(root: Element) -> DpsUsage | None:
    """BT-766 of the notice's DPS lots if they agree, else None."""
    usages = {u for u in map(dps_usage, all_of(root, LOT)) if u in ("dps-list", "dps-nlist")}
    return usages.pop() if len(usages) == 1 else None


def references(root: Element, ids: NoticeIds) -> tuple[Reference, ...]:
    """Every reference that can link the notice to its DPS, normalised, in the order of shared/IMPORT.md §2.

    BT-04 is left out when it is the notice's own id (Doffin's retro-converted notices) or a converter
    placeholder (already dropped from `ids`); OPP-090 for the procedure; BT-125 and BT-1251 of each DPS lot;
    OPT-100 of each contract."""
    found: list[Reference] = []
    own = {ids.doffin, ids.eforms, ids.ted} - {None}
    if ids.procedure is not None:
        kind, value, version = identify(ids.procedure)
        if value not in own:
            found.append(Reference("BT-04", ids.procedure, kind, value, version))
    for ref in all_of(root, PREVIOUS_NOTICE):
        if (written := text(ref)) is not None:
            found.append(Reference("OPP-090", written, *identify(written)))
    for lot in all_of(root, LOT):
        if dps_usage(lot) not in ("dps-list", "dps-nlist"):
            continue
        for doc in all_of(lot, "cac:TenderingProcess/cac:NoticeDocumentReference"):
            if (written := text_of(doc, "cbc:ID")) is not None:
                part = text_of(doc, "cbc:ReferencedDocumentInternalAddress")
                found.append(Reference("BT-125", written, *identify(written), lot=text_of(lot, "cbc:ID"), part=part))
    for contract in all_of(root, f"{RES}/efac:SettledContract"):
        for ref in all_of(contract, "cac:NoticeDocumentReference/cbc:ID"):
            if (written := text(ref)) is not None:
                found.append(Reference("OPT-100", written, *identify(written), lot=text_of(contract, "cbc:ID")))
    return tuple(found)


def _contract(
    root: Element, contract: Element, results: list[Element], orgs: Organisations, lang: str | None, found: Found
) -> Contract:
    contract_id = text_of(contract, "cbc:ID") or ""
    tender_ids = [t for t in map(text, all_of(contract, "efac:LotTender/cbc:ID")) if t]
    tenders = [t for t in all_of(root, f"{RES}/efac:LotTender") if text_of(t, "cbc:ID") in tender_ids]
    result = next((r for r in results if contract_id in map(text, all_of(r, "efac:SettledContract/cbc:ID"))), None)
    lot = text_of(result, "efac:TenderLot/cbc:ID") if result is not None else None
    if lot is None and tenders:
        lot = text_of(tenders[0], "efac:TenderLot/cbc:ID")
    counted, sme, why = _counts(result, contract_id, found)
    period = _lot_period(root, lot)
    return Contract(
        id=contract_id,
        reference=text_of(contract, "efac:ContractReference/cbc:ID"),
        title=in_language(contract, "cbc:Title", lang),
        lot=lot,
        winners=_winners(root, tenders, orgs),
        # One tender's value is the contract's; several tenders' values are never added up or split.
        value=money(first(tenders[0], "cac:LegalMonetaryTotal/cbc:PayableAmount"), "BT-720", found)
        if len(tenders) == 1
        else None,
        award_date=day(first(contract, "cbc:AwardDate"), "BT-1451", found),
        concluded=day(first(contract, "cbc:IssueDate"), "BT-145", found),
        tenders=counted,
        sme_tenders=sme,
        counts_unknown_because=why,
        start=day(first(period, "cbc:StartDate"), "BT-536", found) if period is not None else None,
        end=day(first(period, "cbc:EndDate"), "BT-537", found) if period is not None else None,
        line=line_of(contract),
    )


def _lot_period(root: Element, lot: str | None) -> Element | None:
    """The planned period (BT-536/537) of the award notice's lot a contract was settled in, if it states one."""
    for candidate in all_of(root, LOT):
        if lot is not None and text_of(candidate, "cbc:ID") == lot:
            return first(candidate, "cac:ProcurementProject/cac:PlannedPeriod")
    return None


def _losers(root: Element, orgs: Organisations) -> tuple[Tenderer, ...]:
    """The tenderers of the LotTenders that no SettledContract names (BT-3202): tenders that lost. An organisation
    that won another lot is listed here too: it tendered in this lot, which may be another DPS category."""
    settled = {t for t in map(text, all_of(root, f"{RES}/efac:SettledContract/efac:LotTender/cbc:ID")) if t}
    losers: list[Tenderer] = []
    for tender in all_of(root, f"{RES}/efac:LotTender"):
        if text_of(tender, "cbc:ID") in settled:
            continue
        lot = text_of(tender, "efac:TenderLot/cbc:ID")
        losers += [e for e in (Tenderer(lot, org) for org in _tenderers(root, tender, orgs)) if e not in losers]
    return tuple(losers)


def _tenderers(root: Element, tender: Element, orgs: Organisations) -> list[Organisation]:
    """The organisations of a tender: its tendering party's tenderers (a consortium has several)."""
    party = text_of(tender, "efac:TenderingParty/cbc:ID")
    found: list[Organisation] = []
    for p in all_of(root, f"{RES}/efac:TenderingParty"):
        if text_of(p, "cbc:ID") != party:
            continue
        for ref in map(text, all_of(p, "efac:Tenderer/cbc:ID")):
            org = orgs.get(ref, tenderer=True) if ref else None
            if org is not None and org not in found:
                found.append(org)
    return found


def _winners(root: Element, tenders: list[Element], orgs: Organisations) -> tuple[Organisation, ...]:
    winners: list[Organisation] = []
    for tender in tenders:
        winners += [org for org in _tenderers(root, tender, orgs) if org not in winners]
    return tuple(winners)


def _counts(result: Element | None, contract_id: str, found: Found) -> tuple[int | None, int | None, str | None]:
    """BT-759 `tenders` and SME tenders (`t-sme`, else micro + small + medium when all three are given) of the
    lot result, and why they stay unknown when the lot result counts for more than this contract."""
    if result is None:
        return None, None, None
    stats = {
        text_of(s, "efbc:StatisticsCode"): first(s, "efbc:StatisticsNumeric")
        for s in all_of(result, "efac:ReceivedSubmissionsStatistics")
    }
    if not stats:
        return None, None, None
    held = [c for c in map(text, all_of(result, "efac:SettledContract/cbc:ID")) if c]
    if held != [contract_id]:
        lot_result = text_of(result, "cbc:ID")
        return None, None, f"lot result {lot_result} counts the tenders of {len(held)} contracts together"
    tenders = count(stats.get("tenders"), "BT-759", found)
    sme = count(stats.get("t-sme"), "BT-759", found)
    if sme is None and all(k in stats for k in ("t-micro", "t-small", "t-med")):
        parts = [count(stats[k], "BT-759", found) for k in ("t-micro", "t-small", "t-med")]
        sme = sum(p for p in parts if p is not None) if None not in parts else None
    return tenders, sme, None

"""TED XML R2.0.9 notices, from before eForms: F02 (contract notice) as a `SetupNotice`, F03 (award notice) as
an `AwardNotice`, when the form's PROCEDURE holds `<DPS/>` (shared/IMPORT.md §1d).

The DPS type follows OP's own TED XML → eForms converter (`xslt/lot.xslt`): `DPS_ADDITIONAL_PURCHASERS` is
`dps-nlist` (open), `DPS` alone is `dps-list` (closed). Tender counts are per AWARD_CONTRACT, so per contract.

What an F03 cannot say: it names the winners (CONTRACTORS) and only counts the other tenders, so no losing
tenderer, and no admission, can be read from it; and its OBJECT_DESCR has no DATE_START, DATE_END or DURATION
(those are F02's), so a call-off's contract period stays unknown.
"""

from __future__ import annotations

from typing import Literal

from generator.notices.facts import (
    AwardNotice,
    Contract,
    DpsUsage,
    Lot,
    NoticeIds,
    Organisation,
    Reference,
    SetupNotice,
    Source,
    Termination,
    Validity,
)
from generator.notices.ids import doffin_id, identify, ted_id
from generator.notices.safexml import Element, Found, all_of, first, line_of, text, text_of
from generator.notices.values import after, count, country, day, duration, money, organisation

_NOTICE_DATA = "ted:CODED_DATA_SECTION/ted:NOTICE_DATA"


def dps_usage(form: Element) -> DpsUsage | None:
    """`dps-nlist` or `dps-list` if the form's PROCEDURE holds `<DPS/>`, else None (TED XML has no `none`)."""
    if first(form, "ted:PROCEDURE/ted:DPS") is None:
        return None
    return "dps-nlist" if first(form, "ted:PROCEDURE/ted:DPS_ADDITIONAL_PURCHASERS") is not None else "dps-list"


def notice_ids(root: Element, doffin: str | None, found: Found) -> NoticeIds:
    return NoticeIds(
        doffin=doffin_id(doffin) if doffin else None,
        ted=ted_id(text_of(root, f"{_NOTICE_DATA}/ted:NO_DOC_OJS") or ""),
        eforms=None,
        version=None,
        procedure=None,
        published=day(first(root, "ted:CODED_DATA_SECTION/ted:REF_OJS/ted:DATE_PUB"), "DATE_PUB", found),
        dispatched=day(
            first(root, "ted:CODED_DATA_SECTION/ted:CODIF_DATA/ted:DS_DATE_DISPATCH"), "DS_DATE_DISPATCH", found
        ),
    )


def _body(address: Element, found: Found, *, winner: Element | None = None) -> Organisation:
    nation = country(first(address, "ted:COUNTRY"), "COUNTRY", found)
    size: Literal["sme", "large"] | None = None
    if winner is not None:  # SME: micro, small or medium, not saying which; NO_SME: not one, so large
        size = (
            "sme"
            if first(winner, "ted:SME") is not None
            else "large"
            if first(winner, "ted:NO_SME") is not None
            else None
        )
    return organisation(
        first(address, "ted:NATIONALID"),
        text_of(address, "ted:OFFICIALNAME"),
        nation,
        found,
        term="NATIONALID",
        size=size,
        at=address,
    )


def buyers(form: Element, found: Found) -> tuple[Organisation, ...]:
    """The contracting body and, in a joint procurement, every additional one, in notice order."""
    addresses = all_of(form, "ted:CONTRACTING_BODY/ted:ADDRESS_CONTRACTING_BODY") + all_of(
        form, "ted:CONTRACTING_BODY/ted:ADDRESS_CONTRACTING_BODY_ADDITIONAL"
    )
    return tuple(_body(a, found) for a in addresses)


def _cpv(at: Element, xpath: str) -> str | None:
    code = first(at, xpath)
    return code.get("CODE") if code is not None else None


def read_setup(root: Element, form: Element, source: Source, doffin: str | None, found: Found) -> SetupNotice:
    """An F02 with `<DPS/>`: the scheme, each OBJECT_DESCR a lot, the first request deadline DATE_RECEIPT_TENDERS."""
    ids = notice_ids(root, doffin, found)
    usage = dps_usage(form)
    deadline = day(first(form, "ted:PROCEDURE/ted:DATE_RECEIPT_TENDERS"), "DATE_RECEIPT_TENDERS", found)
    documents = text_of(form, "ted:CONTRACTING_BODY/ted:URL_DOCUMENT")
    main_cpv = _cpv(form, "ted:OBJECT_CONTRACT/ted:CPV_MAIN/ted:CPV_CODE")
    lots = []
    for item in all_of(form, "ted:OBJECT_CONTRACT/ted:OBJECT_DESCR"):
        lot_no = text_of(item, "ted:LOT_NO")
        start = day(first(item, "ted:DATE_START"), "DATE_START", found)
        end = day(first(item, "ted:DATE_END"), "DATE_END", found)
        measure = first(item, "ted:DURATION")
        length = duration(measure, measure.get("TYPE") if measure is not None else None, "DURATION", found)
        derived = after(start, length) if end is None else None
        lots.append(
            Lot(
                id=lot_no,
                title=text_of(item, "ted:TITLE"),
                description=text_of(item, "ted:SHORT_DESCR"),
                cpv=_cpv(item, "ted:CPV_ADDITIONAL/ted:CPV_CODE") if lot_no else main_cpv,
                dps=usage,
                validity=Validity(
                    start,
                    end or derived,
                    "stated" if end else "start+duration" if derived else None,
                    length,
                    None,
                ),
                request_deadline=deadline,
                request_deadline_from="DATE_RECEIPT_TENDERS" if deadline else None,
                url=documents,
            )
        )
    return SetupNotice(
        source=source,
        ids=ids,
        title=text_of(form, "ted:OBJECT_CONTRACT/ted:TITLE"),
        description=text_of(form, "ted:OBJECT_CONTRACT/ted:SHORT_DESCR"),
        cpv=main_cpv,
        buyers=buyers(form, found),
        dps_type="open" if usage == "dps-nlist" else "closed",
        lots=tuple(lots),
        estimated_value=money(first(form, "ted:OBJECT_CONTRACT/ted:VAL_ESTIMATED_TOTAL"), "VAL_ESTIMATED_TOTAL", found),
        link=ids.url,
    )


def read_award(root: Element, form: Element, source: Source, doffin: str | None, found: Found) -> AwardNotice:
    """An F03 with `<DPS/>`: one contract per AWARD_CONTRACT that was awarded; the DPS named by NOTICE_NUMBER_OJ
    and REF_NOTICE; TERMINATION_DPS as a claim of this notice's buyers."""
    ids = notice_ids(root, doffin, found)
    buyer_orgs = buyers(form, found)
    refs = [
        Reference("NOTICE_NUMBER_OJ", written, *identify(written))
        for written in map(text, all_of(form, "ted:PROCEDURE/ted:NOTICE_NUMBER_OJ"))
        if written is not None
    ] + [
        Reference("REF_NOTICE", written, *identify(written))
        for written in map(text, all_of(root, f"{_NOTICE_DATA}/ted:REF_NOTICE/ted:NO_DOC_OJS"))
        if written is not None
    ]
    contracts = tuple(
        _contract(award, awarded, found)
        for award in all_of(form, "ted:AWARD_CONTRACT")
        for awarded in [first(award, "ted:AWARDED_CONTRACT")]
        if awarded is not None
    )
    terminated = first(form, "ted:PROCEDURE/ted:TERMINATION_DPS")
    return AwardNotice(
        source=source,
        ids=ids,
        title=text_of(form, "ted:OBJECT_CONTRACT/ted:TITLE"),
        description=text_of(form, "ted:OBJECT_CONTRACT/ted:SHORT_DESCR"),
        cpv=_cpv(form, "ted:OBJECT_CONTRACT/ted:CPV_MAIN/ted:CPV_CODE"),
        buyers=buyer_orgs,
        contracts=contracts,
        references=tuple(refs),
        terminations=(Termination(None, buyer_orgs, line_of(terminated)),) if terminated is not None else (),
        link=ids.url,
        # an F03 has no DPS_ADDITIONAL_PURCHASERS in the forms seen: `<DPS/>` alone does not say closed here
        dps="dps-nlist" if first(form, "ted:PROCEDURE/ted:DPS_ADDITIONAL_PURCHASERS") is not None else None,
    )


def _contract(award: Element, awarded: Element, found: Found) -> Contract:
    winners = tuple(
        _body(address, found, winner=contractor)
        for contractor in all_of(awarded, "ted:CONTRACTORS/ted:CONTRACTOR")
        for address in all_of(contractor, "ted:ADDRESS_CONTRACTOR")
    )
    return Contract(
        id=award.get("ITEM") or "",
        reference=text_of(award, "ted:CONTRACT_NO"),
        title=text_of(award, "ted:TITLE"),
        lot=text_of(award, "ted:LOT_NO"),
        winners=winners,
        value=money(first(awarded, "ted:VALUES/ted:VAL_TOTAL"), "VAL_TOTAL", found),
        award_date=None,
        concluded=day(first(awarded, "ted:DATE_CONCLUSION_CONTRACT"), "DATE_CONCLUSION_CONTRACT", found),
        tenders=count(first(awarded, "ted:TENDERS/ted:NB_TENDERS_RECEIVED"), "NB_TENDERS_RECEIVED", found),
        sme_tenders=count(first(awarded, "ted:TENDERS/ted:NB_TENDERS_RECEIVED_SME"), "NB_TENDERS_RECEIVED_SME", found),
        counts_unknown_because=None,
        line=line_of(award),
    )

"""An eForms call for competition (16, 17, 10, 11, N16, E3, ...) with a DPS lot, read as a `SetupNotice`."""

from __future__ import annotations

from typing import Literal

from generator.notices.eforms import (
    LOT,
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
from generator.notices.facts import Lot, SetupNotice, Source, Validity
from generator.notices.safexml import Element, Found, all_of, first, text, text_of
from generator.notices.values import after, day, duration, money

_PERIOD = "cac:ProcurementProject/cac:PlannedPeriod"
_REQUESTS = "cac:TenderingProcess/cac:ParticipationRequestReceptionPeriod/cbc:EndDate"  # BT-1311
_TENDERS = "cac:TenderingProcess/cac:TenderSubmissionDeadlinePeriod/cbc:EndDate"  # BT-131
_DOCUMENTS = "cac:TenderingTerms/cac:CallForTendersDocumentReference/cac:Attachment/cac:ExternalReference/cbc:URI"


def read_setup(root: Element, source: Source, doffin: str | None, found: Found) -> SetupNotice:
    """The facts of a set-up notice; the caller has seen that a lot is a DPS (BT-766 `dps-list`/`dps-nlist`)."""
    lang = language(root)
    ids = notice_ids(root, doffin, found)
    lots = tuple(_lot(lot, lang, found) for lot in all_of(root, LOT))
    return SetupNotice(
        source=source,
        ids=ids,
        title=in_language(root, PROJECT_NAME, lang),
        description=in_language(root, PROJECT_DESCRIPTION, lang),
        cpv=text_of(root, PROJECT_CPV),
        buyers=buyers(root, Organisations(root, found, lang)),
        dps_type=dps_type(root, found),
        lots=lots,
        estimated_value=money(
            first(root, "cac:ProcurementProject/cac:RequestedTenderTotal/cbc:EstimatedOverallContractAmount"),
            "BT-27",
            found,
        ),
        link=ids.url,
    )


def dps_type(root: Element, found: Found) -> Literal["open", "closed"] | None:
    """`open` if every DPS lot is `dps-nlist`, `closed` if every one is `dps-list`; lots that disagree are a
    `notice-dps-conflict` error and the type stays unknown."""
    kinds: dict[str, Element] = {}
    for lot in all_of(root, LOT):
        usage = dps_usage(lot)
        if usage in ("dps-list", "dps-nlist"):
            kinds.setdefault(usage, lot)
    if len(kinds) > 1:
        found.error(
            "notice-dps-conflict",
            first(kinds["dps-nlist"], "cbc:ID"),
            "BT-766",
            f"lot {text_of(kinds['dps-list'], 'cbc:ID')} is a closed DPS (dps-list) and lot "
            f"{text_of(kinds['dps-nlist'], 'cbc:ID')} an open one (dps-nlist); the scheme's type stays unknown",
        )
        return None
    if "dps-nlist" in kinds:
        return "open"
    return "closed" if "dps-list" in kinds else None


def _lot(lot: Element, lang: str | None, found: Found) -> Lot:
    requests = first(lot, _REQUESTS)
    tenders = first(lot, _TENDERS)
    # A DPS is a restricted procedure: its first deadline is for requests to participate (BT-1311). The OP
    # converter puts TED XML's DATE_RECEIPT_TENDERS into BT-131 instead, so that is read when BT-1311 is absent,
    # and said so.
    deadline_from: Literal["BT-1311", "BT-131"] | None = (
        "BT-1311" if requests is not None else "BT-131" if tenders is not None else None
    )
    return Lot(
        id=text_of(lot, "cbc:ID"),
        title=in_language(lot, PROJECT_NAME, lang),
        description=in_language(lot, PROJECT_DESCRIPTION, lang),
        cpv=text_of(lot, PROJECT_CPV),
        dps=dps_usage(lot),
        validity=validity(lot, found),
        request_deadline=day(requests if requests is not None else tenders, deadline_from or "BT-1311", found),
        request_deadline_from=deadline_from,
        url=text_of(lot, _DOCUMENTS),
    )


def validity(lot: Element, found: Found) -> Validity:
    """BT-536 and BT-537 as stated; else the end as start + BT-36 where both are known; BT-538 as written."""
    start = day(first(lot, f"{_PERIOD}/cbc:StartDate"), "BT-536", found)
    end = day(first(lot, f"{_PERIOD}/cbc:EndDate"), "BT-537", found)
    measure = first(lot, f"{_PERIOD}/cbc:DurationMeasure")
    length = duration(measure, measure.get("unitCode") if measure is not None else None, "BT-36", found)
    derived = after(start, length) if end is None else None
    return Validity(
        start=start,
        end=end or derived,
        end_from="stated" if end else "start+duration" if derived else None,
        duration=length,
        open_ended=text(first(lot, f"{_PERIOD}/cbc:DescriptionCode")),
    )

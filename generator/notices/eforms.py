"""What every eForms notice says the same way: its ids, title, buyers and organisations, and each lot's DPS usage.

XPaths are those of the eForms SDK (`fields/fields.json`, identical in 1.7.5 and 1.15.1 for every field read
here; shared/IMPORT.md §1), relative to the notice's root.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from generator.notices.facts import DpsUsage, NoticeIds, Organisation
from generator.notices.ids import doffin_id, identify, ted_id
from generator.notices.safexml import Element, Found, all_of, first, text, text_of
from generator.notices.sniff import EXT
from generator.notices.values import country, day, organisation, size

LOT = "cac:ProcurementProjectLot[cbc:ID/@schemeName='Lot']"
DPS_USAGE = "cac:TenderingProcess/cac:ContractingSystem/cbc:ContractingSystemTypeCode[@listName='dps-usage']"
# the procurement project of a notice or of a lot: its title (BT-21), description (BT-24) and main CPV (BT-262)
PROJECT_NAME = "cac:ProcurementProject/cbc:Name"
PROJECT_DESCRIPTION = "cac:ProcurementProject/cbc:Description"
PROJECT_CPV = "cac:ProcurementProject/cac:MainCommodityClassification/cbc:ItemClassificationCode"
PREVIOUS_NOTICE = "cac:TenderingProcess/cac:NoticeDocumentReference/cbc:ID"  # OPP-090-Procedure
# BT-701 and BT-04 that the Publications Office's TED XML converter writes into every notice it converts
# (shared/IMPORT.md §2: the same values in the UK 20-566267 and the Uppsala 21-364240 conversions). They identify
# nothing, and linking notices by them would join unrelated procedures.
CONVERTER_PLACEHOLDERS = frozenset({"aff2863e-b4cc-4e91-baba-b3b85f709117", "f252f386-55ac-4fa8-9be4-9f950b9904c8"})


def language(root: Element) -> str | None:
    return text_of(root, "cbc:NoticeLanguageCode")


def in_language(at: Element, xpath: str, lang: str | None) -> str | None:
    """A multilingual text (`@languageID`) in the notice's own language, else the first one written."""
    options = all_of(at, xpath)
    chosen = next((o for o in options if lang and o.get("languageID") == lang), options[0] if options else None)
    return text(chosen)


def notice_ids(root: Element, doffin: str | None, found: Found) -> NoticeIds:
    """The notice's ids. Doffin's retro-converted notices carry their Doffin id as BT-701 (and BT-04); native
    Doffin XML carries none, so the caller's `doffin` (from Doffin's API) is used. OPP-010 copied from the
    previous-notice reference (OPP-090), as Doffin's retro-conversion does, is not the notice's TED id."""
    written = text_of(root, "cbc:ID[@schemeName='notice-id']")
    kind, value, _ = identify(written) if written else ("other", "", None)
    own_doffin = value if kind == "doffin" else None
    eforms = value if kind == "eforms" and value not in CONVERTER_PLACEHOLDERS else None
    if kind == "other" and written:
        eforms = written
    publication = first(root, f"{EXT}/efac:Publication/efbc:NoticePublicationID[@schemeName='ojs-notice-id']")
    ted = ted_id(text(publication) or "")
    previous = {ted_id(text(r) or "") for r in all_of(root, PREVIOUS_NOTICE)}
    if ted is not None and ted in previous:
        found.warning(
            "notice-id-copied",
            publication,
            "OPP-010",
            f"the notice's own TED id {text(publication)!r} is the notice it refers back to (OPP-090): "
            "copied in conversion, so its TED id stays unknown",
        )
        ted = None
    procedure = text_of(root, "cbc:ContractFolderID")
    return NoticeIds(
        doffin=own_doffin or (doffin_id(doffin) if doffin else None),
        ted=ted,
        eforms=eforms,
        version=text_of(root, "cbc:VersionID"),
        procedure=None if procedure in CONVERTER_PLACEHOLDERS else procedure,
        published=day(first(root, f"{EXT}/efac:Publication/efbc:PublicationDate"), "OPP-012", found),
        dispatched=day(first(root, "cbc:IssueDate"), "BT-05", found),
    )


@dataclass
class Organisations:
    """The notice's organisations (`efac:Organizations`) by their technical id (OPT-200, `ORG-0001`), each read
    when first asked for, so that only buyers and tenderers are checked (not review bodies). A tenderer's size
    (BT-165) is read, a buyer's is not."""

    root: Element
    found: Found
    lang: str | None
    _read: dict[tuple[str, bool], Organisation | None] = field(default_factory=dict)

    def get(self, ref: str, *, tenderer: bool = False) -> Organisation | None:
        if (ref, tenderer) not in self._read:
            self._read[ref, tenderer] = self._organisation(ref, tenderer)
        return self._read[ref, tenderer]

    def _organisation(self, ref: str, tenderer: bool) -> Organisation | None:
        for org in all_of(self.root, f"{EXT}/efac:Organizations/efac:Organization"):
            company = first(org, "efac:Company")
            if company is None or text_of(company, "cac:PartyIdentification/cbc:ID") != ref:
                continue
            lead = text_of(org, "efbc:GroupLeadIndicator")
            return organisation(
                first(company, "cac:PartyLegalEntity/cbc:CompanyID"),
                in_language(company, "cac:PartyName/cbc:Name", self.lang),
                _country(company, self.found),
                self.found,
                term="BT-501",
                size=size(first(company, "efbc:CompanySizeCode"), self.found) if tenderer else None,
                lead=None if lead is None else lead == "true",
                at=org,
            )
        return None


def _country(company: Element, found: Found) -> str | None:
    return country(first(company, "cac:PostalAddress/cac:Country/cbc:IdentificationCode"), "BT-514", found)


def buyers(root: Element, orgs: Organisations) -> tuple[Organisation, ...]:
    """Every buyer (OPT-300-Procedure-Buyer), joint buyers kept, in notice order."""
    refs = [text(e) for e in all_of(root, "cac:ContractingParty/cac:Party/cac:PartyIdentification/cbc:ID")]
    return tuple(org for ref in refs if ref for org in [orgs.get(ref)] if org is not None)


def dps_usage(lot: Element) -> DpsUsage | None:
    """BT-766 of a lot as written, or None where the lot does not state it."""
    value = text_of(lot, DPS_USAGE)
    return cast(DpsUsage, value) if value in ("dps-list", "dps-nlist", "none") else None


def not_dps_reason(lots: list[Element]) -> str | None:
    """Why a notice is not about a DPS (no lot with BT-766 `dps-list` or `dps-nlist`), or None if it is."""
    usage = {text_of(lot, "cbc:ID") or "?": dps_usage(lot) for lot in lots}
    if any(u in ("dps-list", "dps-nlist") for u in usage.values()):
        return None
    if not usage:
        return "the notice has no lot, so no lot is a dynamic purchasing system (BT-766)"
    said = sorted(lot for lot, u in usage.items() if u == "none")
    unsaid = sorted(lot for lot, u in usage.items() if u is None)
    parts = [f"BT-766 (DPS usage) is 'none' on {', '.join(said)}"] if said else []
    parts += [f"{', '.join(unsaid)} state{'s' if len(unsaid) == 1 else ''} no BT-766"] if unsaid else []
    return "not a dynamic purchasing system: " + "; ".join(parts)

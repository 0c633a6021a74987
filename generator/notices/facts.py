"""What a notice says, as plain typed facts: the read-notices stage's output, the importer's input.

Every field a notice may leave out is None when it does: never 0, never a guess. Identifiers are normalised
(generator/notices/ids.py); dates are the calendar dates as written (a zone suffix dropped); amounts are Decimals.
An organisation, contract or termination keeps the line of its element, so that the importer's problems about it
name the line (1 where no element is known: the file as a whole); the line is no part of the fact's equality.
`Notice` is one of `SetupNotice` (a DPS set up), `AwardNotice` (call-offs under a DPS, or a DPS terminated) and
`NotDps` (a notice that is not about a DPS, with the reason an importer shows when it skips it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

from generator.notices.ids import IdKind

Format = Literal["eforms", "ted-r209"]
Size = Literal["micro", "small", "medium", "large", "sme"]  # "sme": micro, small or medium, not saying which
DpsUsage = Literal["dps-list", "dps-nlist", "none"]  # eForms BT-766 as written; TED XML mapped as OP's converter does


@dataclass(frozen=True, slots=True)
class Source:
    """Which file, in which format: eForms subtype (OPP-070, a national `N` kept) and SDK, or the TED form."""

    file: str
    format: Format
    subtype: str  # eForms "16", "29", "N16", "E3"; TED XML "F02", "F03"
    sdk: str | None  # "1.7" from `eforms-sdk-1.7…`; None for TED XML
    tailoring: str | None  # Norway's `…:eforms:eu|national|national-e`, None elsewhere
    language: str | None  # the notice's language (BT-702), ISO 639-2 as written: NOB, ENG, IT


@dataclass(frozen=True, slots=True)
class NoticeIds:
    """The notice's own identities and dates."""

    doffin: str | None  # `2023-335407`: BT-701 of Doffin's retro-converted notices, or given by the caller
    ted: str | None  # `329785-2021`: OPP-010 or TED XML NO_DOC_OJS
    eforms: str | None  # BT-701 (a UUID in native eForms; converter placeholders dropped)
    version: str | None  # BT-757
    procedure: str | None  # BT-04 (converter placeholders dropped)
    published: date | None  # OPP-012 or TED XML DATE_PUB; Doffin's own XML has none
    dispatched: date | None  # BT-05 or TED XML DS_DATE_DISPATCH

    @property
    def url(self) -> str | None:
        """The published notice on Doffin (preferred for Norwegian notices) or TED, where an id is known.

        >>> NoticeIds(None, "329785-2021", None, None, None, None, None).url
        'https://ted.europa.eu/en/notice/-/detail/329785-2021'
        """
        if self.doffin:
            return f"https://doffin.no/notices/{self.doffin}"
        if self.ted:
            return f"https://ted.europa.eu/en/notice/-/detail/{self.ted}"
        return None


@dataclass(frozen=True, slots=True)
class Organisation:
    """A buyer or a winner. `org_id` is an org-id.guide id only where the register is certain (`NO-BRC-` for a
    Norwegian number that passes its check); `company_id` is BT-501 / NATIONALID as written, cleaned."""

    org_id: str | None
    company_id: str | None
    name: str | None
    country: str | None  # ISO 3166-1 alpha-2 (eForms writes alpha-3, TED XML writes UK and EL)
    size: Size | None = None  # BT-165 / TED XML SME, NO_SME; tenderers only
    lead: bool | None = None  # OPP-050 group lead among joint buyers
    line: int = field(default=1, compare=False)  # efac:Organization, or TED XML's ADDRESS_…


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str


@dataclass(frozen=True, slots=True)
class Duration:
    amount: int
    unit: Literal["DAY", "MONTH", "YEAR"]


@dataclass(frozen=True, slots=True)
class Validity:
    """The DPS's period: BT-536/537, or a start and a duration (BT-36), or `UNLIMITED`/`UNKNOWN` (BT-538)."""

    start: date | None
    end: date | None
    end_from: Literal["stated", "start+duration"] | None  # how `end` is known
    duration: Duration | None
    open_ended: str | None  # BT-538 as written: UNLIMITED, UNKNOWN


@dataclass(frozen=True, slots=True)
class Lot:
    """A lot of a set-up notice: one category of the DPS (a single `LOT-0000` means no categories)."""

    id: str | None  # BT-137 / LOT_NO; None: a TED XML notice not divided into lots
    title: str | None
    description: str | None
    cpv: str | None
    dps: DpsUsage | None  # None: the notice does not say
    validity: Validity
    request_deadline: date | None
    request_deadline_from: Literal["BT-1311", "BT-131", "DATE_RECEIPT_TENDERS"] | None
    url: str | None  # BT-15 procurement documents


@dataclass(frozen=True, slots=True)
class SetupNotice:
    """A notice that sets up a DPS: eForms 16, 17, 10, 11, N16, E3, or TED XML F02 with `<DPS/>`."""

    source: Source
    ids: NoticeIds
    title: str | None
    description: str | None
    cpv: str | None
    buyers: tuple[Organisation, ...]  # joint buyers kept, in notice order
    dps_type: Literal["open", "closed"] | None  # `dps-nlist` open, `dps-list` closed; None if its lots disagree
    lots: tuple[Lot, ...]
    estimated_value: Money | None
    link: str | None  # the published notice


@dataclass(frozen=True, slots=True)
class Reference:
    """One way an award notice can point back to its DPS, normalised for matching.

    `via`: BT-04 (procedure identifier), OPP-090 (previous notice), BT-125 (lot's previous notice, with BT-1251),
    OPT-100 (framework notice of one contract), NOTICE_NUMBER_OJ and REF_NOTICE (TED XML)."""

    via: Literal["BT-04", "OPP-090", "BT-125", "OPT-100", "NOTICE_NUMBER_OJ", "REF_NOTICE"]
    written: str
    kind: IdKind
    value: str
    version: str | None = None  # an eForms `UUID-vv` reference's version
    lot: str | None = None  # BT-125: the CAN's own lot; OPT-100: the contract
    part: str | None = None  # BT-1251: the referenced notice's lot (the DPS category, if the buyer wrote it)


@dataclass(frozen=True, slots=True)
class Contract:
    """One settled contract (OPT-316; one TED XML AWARD_CONTRACT): one call-off award."""

    id: str
    reference: str | None  # BT-150 / CONTRACT_NO
    title: str | None
    lot: str | None  # the award notice's own lot (BT-13713 / LOT_NO): not the DPS category
    winners: tuple[Organisation, ...]
    value: Money | None  # BT-720 of its one tender; a value of several tenders or withheld is unknown
    award_date: date | None  # BT-1451 (the winner decision)
    concluded: date | None  # BT-145 / DATE_CONCLUSION_CONTRACT
    tenders: int | None  # BT-759 `tenders`, only from a lot result holding this one contract
    sme_tenders: int | None  # BT-759 `t-sme` (or micro + small + medium), same condition
    counts_unknown_because: str | None  # why tenders are unknown though the notice counts them
    # BT-536 / BT-537 of the award notice's lot (optional there, often absent); TED XML F03 has no such dates
    start: date | None = None
    end: date | None = None
    line: int = field(default=1, compare=False)  # efac:SettledContract, or TED XML's AWARD_CONTRACT


@dataclass(frozen=True, slots=True)
class Tenderer:
    """A tenderer whose tender no settled contract names: it lost, but tendering under a DPS means it had been
    admitted (shared/IMPORT.md §5). eForms only: TED XML F03 names winners alone."""

    lot: str | None  # the award notice's own lot it tendered in (BT-13714)
    organisation: Organisation


@dataclass(frozen=True, slots=True)
class Termination:
    """A DPS termination flag (BT-119 / TERMINATION_DPS), with whose notice it is: it ends the DPS only when
    these buyers own it, which only the importer, holding the DPS's own notice, can tell."""

    lot: str | None
    buyers: tuple[Organisation, ...]
    line: int = field(default=1, compare=False)  # BT-119's efbc:DPSTerminationIndicator, or TERMINATION_DPS


@dataclass(frozen=True, slots=True)
class AwardNotice:
    """A notice of results under a DPS: eForms 29, 30, N29, E4 (and others with a DPS lot), or TED XML F03 with
    `<DPS/>`. It may settle no contract at all (a termination)."""

    source: Source
    ids: NoticeIds
    title: str | None
    description: str | None
    cpv: str | None
    buyers: tuple[Organisation, ...]
    contracts: tuple[Contract, ...]
    references: tuple[Reference, ...]
    terminations: tuple[Termination, ...]
    link: str | None
    # BT-766 of its DPS lots when they agree; TED XML F03 says `dps-nlist` only (DPS_ADDITIONAL_PURCHASERS): the
    # type of a DPS known only from its call-offs
    dps: DpsUsage | None = None
    losers: tuple[Tenderer, ...] = ()  # tenderers no contract was settled with (eForms; F03 names none)


@dataclass(frozen=True, slots=True)
class NotDps:
    """A notice that is not about a DPS, and why, so that an importer can skip it saying so."""

    source: Source
    ids: NoticeIds
    title: str | None
    reason: str


Notice = SetupNotice | AwardNotice | NotDps

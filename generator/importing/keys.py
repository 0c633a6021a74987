"""The ids an import gives records, and the id of the notice each record came from.

Record ids come from notice ids, never from a title or a buyer's name: the same DPS is named differently in its
set-up notice, its corrigenda and its call-offs (title wording, joint buyers, languages), so a slug of the title
would give one scheme two files, and a call-off that knows its DPS only by notice number could never name the
scheme's file. A notice id is what every notice about the DPS repeats. A scheme is `ted-00497181-2023`,
`doffin-2023-697632` or `eforms-<uuid>`; once a scheme's file exists, a later notice about it is matched through
the link index (generator/importing/link.py) and updates that file under its first id, so a scheme created from a
call-off's reference keeps its permalink when its own set-up notice arrives. An award is its notice's key and the
settled contract's id (`doffin-2023-335407-con-0001`): one award per contract, stable across corrigenda, which
keep both.

An OCDS process is imported under its OCID (only the OCID is unique across publishers), except a process of this
project's own export, whose id after the OCID prefix is the scheme's or call-off's id already.
"""

from __future__ import annotations

import re

from generator.notices.facts import NoticeIds
from generator.notices.ids import IdKind

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_DOFFIN_IN_NAME = re.compile(r"(?:doffin[_-])?(?P<id>20\d\d-\d{6})(?:[_.-].*)?", re.IGNORECASE)
_MAX_SLUG = 80
_OCDS_PREFIX = re.compile(r"ocds-[a-z0-9]{6}-")
_RECORD_ID = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?")


def padded_ted(ted: str) -> str:
    """A TED id as eForms writes it (OPP-010): the number zero-padded to eight digits.

    >>> padded_ted("329785-2021")
    '00329785-2021'
    """
    number, year = ted.split("-")
    return f"{int(number):08d}-{year}"


def notice_key(ids: NoticeIds) -> tuple[IdKind, str] | None:
    """The notice's id in `sources`: its TED id (zero-padded), else its Doffin id, else its eForms UUID.

    >>> notice_key(NoticeIds("2023-335407", "329785-2021", None, None, None, None, None))
    ('ted', '00329785-2021')
    """
    if ids.ted:
        return "ted", padded_ted(ids.ted)
    if ids.doffin:
        return "doffin", ids.doffin
    if ids.eforms:
        return "eforms", ids.eforms
    return None


def reference_key(kind: IdKind, value: str) -> str:
    """How `sources` and `terminated.notice` write a normalised notice id of this kind."""
    return padded_ted(value) if kind == "ted" else value


def scheme_id(kind: IdKind, value: str) -> str:
    """The id of a scheme first known by this notice id.

    >>> scheme_id("ted", "206426-2018"), scheme_id("doffin", "2023-697632")
    ('ted-00206426-2018', 'doffin-2023-697632')
    """
    return slug(f"{kind}-{reference_key(kind, value)}")


def award_id(notice: tuple[IdKind, str], contract: str) -> str:
    """The id of the award of one settled contract.

    >>> award_id(("doffin", "2023-335407"), "CON-0001"), award_id(("ted", "00348503-2021"), "1")
    ('doffin-2023-335407-con-0001', 'ted-00348503-2021-1')
    """
    return slug(f"{scheme_id(*notice)}-{contract}" if contract else scheme_id(*notice))


def category_id(lot: str) -> str:
    """A DPS lot as a category id: eForms `LOT-0001` → `lot-0001`; TED XML's LOT_NO `1` is the same lot (OP's
    converter maps LOT_NO n to LOT-000n), so both formats of one notice give the same categories.

    >>> category_id("LOT-0001"), category_id("1"), category_id("Lot A")
    ('lot-0001', 'lot-0001', 'lot-a')
    """
    if lot.strip().isdigit():
        return f"lot-{int(lot):04d}"
    return slug(lot)


def ocds_own_id(ocid: str) -> str | None:
    """The process id after an OCID's prefix, if it could be a record's id (as this project's export writes it).

    >>> ocds_own_id("ocds-unregd-renhold-nordhei"), ocds_own_id("ocds-r6ebe6-03/19")
    ('renhold-nordhei', None)
    """
    prefix = _OCDS_PREFIX.match(ocid)
    tail = ocid[prefix.end() :] if prefix else None
    return tail if tail and _RECORD_ID.fullmatch(tail) else None


def ocds_scheme_id(ocid: str, process: str | None = None) -> str:
    """The scheme id a DPS process is imported as: the process id after the OCID prefix when the OCID is the
    prefix and that id (this project's export), else the OCID as a slug (other publishers' process ids are
    theirs, and only the OCID is unique).

    >>> ocds_scheme_id("ocds-unregd-renhold-nordhei", "renhold-nordhei")
    'renhold-nordhei'
    >>> ocds_scheme_id("ocds-r6ebe6-0000578690", "03-19")
    'ocds-r6ebe6-0000578690'
    """
    return process if process and ocds_own_id(ocid) == process else slug(ocid)


def ocds_award_id(ocid: str, award: str) -> str:
    """Another publisher's award as an award id: its id where that begins with the OCID (Contracts Finder's
    `<ocid>-1`), else the OCID and its id (an award id is unique only within its process).

    >>> ocds_award_id("ocds-b5fd17-9826af37", "ocds-b5fd17-9826af37-2"), ocds_award_id("ocds-abcd12-77", "RES-0001")
    ('ocds-b5fd17-9826af37-2', 'ocds-abcd12-77-res-0001')
    """
    return slug(award if award.startswith(ocid) else f"{ocid}-{award}")


def slug(text: str) -> str:
    """Lowercase letters, digits and single hyphens, at most 80 characters (the record id pattern)."""
    return _NOT_SLUG.sub("-", text.lower()).strip("-")[:_MAX_SLUG].strip("-")


def doffin_from_name(name: str) -> str | None:
    """The Doffin id a downloaded notice's file name gives: Doffin names its downloads by id (`2024-100829.xml`),
    and this project's examples are named `doffin_2024-100829_….xml`.

    >>> doffin_from_name("doffin_2024-100829_NO_N29-national_can.xml"), doffin_from_name("2023-697632.xml")
    ('2024-100829', '2023-697632')
    >>> doffin_from_name("eforms_127505-2024_NL.xml") is None
    True
    """
    match = _DOFFIN_IN_NAME.fullmatch(name)
    return match["id"] if match else None

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
"""

from __future__ import annotations

import re

from generator.notices.facts import NoticeIds
from generator.notices.ids import IdKind

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_DOFFIN_IN_NAME = re.compile(r"(?:doffin[_-])?(?P<id>20\d\d-\d{6})(?:[_.-].*)?", re.IGNORECASE)
_MAX_SLUG = 80


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

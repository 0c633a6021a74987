"""Identifiers as notices write them, normalised so that two notices can be matched.

One TED notice is written `2021/S 124-329785` (the Official Journal's legacy form), `329785-2021` (TED's
publication number) and `00329785-2021` (eForms OPP-010, zero-padded); all three become `329785-2021`. Doffin ids
(`2023-697632`) are another namespace, with the year first. Organisation numbers arrive with spaces, a `NO` prefix
and `MVA` suffix, an `Org.nr.` label or invisible characters; a Norwegian one is checked with its mod-11 digit.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from stdnum.no import orgnr

IdKind = Literal["ted", "doffin", "eforms", "other"]

# Zero-width and other invisible format characters that copy-paste leaves in identifiers.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_OJS = re.compile(r"(?P<year>(?:19|20)\d\d)\s*/\s*S\s*\d{1,3}\s*-\s*(?P<number>\d{1,8})", re.IGNORECASE)
_TED = re.compile(r"(?P<number>\d{1,8})\s*-\s*(?P<year>(?:19|20)\d\d)")
_DOFFIN = re.compile(r"(?P<year>20\d\d)-(?P<number>\d{6})")
_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_NOTICE_REF = re.compile(rf"(?P<uuid>{_UUID})(?:-(?P<version>\d{{2}}))?", re.IGNORECASE)
_ORG_LABEL = re.compile(r"^(?:ORG(?:ANISASJONS)?\.?\s*-?\s*(?:NR|NUMMER)\.?|ORGNR\.?)\s*:?\s*", re.IGNORECASE)


def clean(text: str) -> str:
    """Text without invisible characters, with every run of white space (no-break spaces too) as one space.

    >>> clean(" 971\\u200b032\\u00a0146 \\n")
    '971032 146'
    """
    return " ".join(_INVISIBLE.sub("", unicodedata.normalize("NFKC", text)).split())


def ted_id(text: str) -> str | None:
    """A TED notice id as `number-year` without leading zeros; None if the text is no TED notice id.

    >>> [ted_id(t) for t in ("2021/S 124-329785", "329785-2021", "00329785-2021")]
    ['329785-2021', '329785-2021', '329785-2021']
    >>> ted_id("2023-697632") is None, ted_id("n.a.") is None
    (True, True)
    """
    text = clean(text)
    match = _OJS.fullmatch(text) or _TED.fullmatch(text)
    if match is None or int(match["number"]) == 0:
        return None
    return f"{int(match['number'])}-{match['year']}"


def doffin_id(text: str) -> str | None:
    """A Doffin notice id (`YYYY-NNNNNN`), or None.

    >>> doffin_id(" 2023-697632 "), doffin_id("329785-2021")
    ('2023-697632', None)
    """
    text = clean(text)
    return text if _DOFFIN.fullmatch(text) else None


def notice_ref(text: str) -> tuple[str, str | None] | None:
    """An eForms notice identifier (BT-701, a UUID) and its version, from `UUID` or `UUID-vv`; None if not one.

    >>> notice_ref("099ED52D-de8a-47b9-becc-4a5bec643770-01")
    ('099ed52d-de8a-47b9-becc-4a5bec643770', '01')
    """
    match = _NOTICE_REF.fullmatch(clean(text))
    return (match["uuid"].lower(), match["version"]) if match else None


def identify(text: str) -> tuple[IdKind, str, str | None]:
    """What kind of notice id a reference is, its normalised form, and its version (eForms ids only).

    >>> identify("2021/S 124-329785"), identify("2023-335407")
    (('ted', '329785-2021', None), ('doffin', '2023-335407', None))
    >>> identify("099ed52d-de8a-47b9-becc-4a5bec643770-01"), identify(" AMN 2019/0277 ")
    (('eforms', '099ed52d-de8a-47b9-becc-4a5bec643770', '01'), ('other', 'AMN 2019/0277', None))
    """
    if (doffin := doffin_id(text)) is not None:
        return "doffin", doffin, None
    if (ted := ted_id(text)) is not None:
        return "ted", ted, None
    if (ref := notice_ref(text)) is not None:
        return "eforms", ref[0], ref[1]
    return "other", clean(text), None


def norwegian_digits(text: str) -> str | None:
    """The nine digits of a Norwegian organisation number however a notice writes it, or None if it is not written
    as one. The check digit is not looked at here (see `norwegian_orgnr`).

    >>> [norwegian_digits(t) for t in ("971 032 146", "NO 971 032 146 MVA", "Org.nr. 971032146", "NO952522035MVA")]
    ['971032146', '971032146', '971032146', '952522035']
    >>> norwegian_digits("971\\u200b032\\u200b146"), norwegian_digits("27370985"), norwegian_digits("Kons AS")
    ('971032146', None, None)
    """
    text = _ORG_LABEL.sub("", clean(text)).upper()
    text = re.sub(r"^NO[\s.:-]*", "", text)
    text = re.sub(r"[\s.-]*MVA$", "", text)
    digits = re.sub(r"[\s.-]", "", text)
    return digits if re.fullmatch(r"[0-9]{9}", digits) else None


def looks_norwegian(text: str) -> bool:
    """Whether an organisation number is marked as Norwegian whatever its country says: `NO…`, `…MVA`, `Org.nr.`.

    >>> looks_norwegian("NO 971 032 146 MVA"), looks_norwegian("Org.nr. 971032146"), looks_norwegian("971032146")
    (True, True, False)
    """
    text = clean(text).upper()
    return bool(re.match(r"NO[\s.:-]*[0-9]", text) or text.endswith("MVA") or _ORG_LABEL.match(text))


def norwegian_orgnr(text: str) -> str | None:
    """The nine digits of a valid Norwegian organisation number (mod-11 check digit, `stdnum.no.orgnr`), or None.

    >>> norwegian_orgnr("NO 971 032 146 MVA"), norwegian_orgnr("971 032 147")
    ('971032146', None)
    """
    digits = norwegian_digits(text)
    return digits if digits is not None and orgnr.is_valid(digits) else None

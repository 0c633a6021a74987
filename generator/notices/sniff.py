"""Telling notice formats apart by content, never by file name: eForms UBL, TED XML R2.0.9, or no notice.

eForms: the root is a UBL ContractNotice, ContractAwardNotice or PriorInformationNotice; the subtype is OPP-070
(`efac:NoticeSubType/cbc:SubTypeCode`, Norway's national `N16`/`N29` aliases of 16/29) and the SDK version is in
`cbc:CustomizationID`. TED XML: the root is `TED_EXPORT` in the R2.0.9 namespace; the form (F02, F03, ...) is the
original-language form under FORM_SECTION.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from lxml import etree

from generator.notices.facts import Format
from generator.notices.safexml import NS, Element, Found, first, text

Role = Literal["setup", "result", "other"]
EXT = "ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent/efext:EformsExtension"
_UBL = {
    "ContractNotice": "urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2",
    "ContractAwardNotice": "urn:oasis:names:specification:ubl:schema:xsd:ContractAwardNotice-2",
    "PriorInformationNotice": "urn:oasis:names:specification:ubl:schema:xsd:PriorInformationNotice-2",
}
# eForms SDK notice-types: 10-24 call for competition, E3 the national one; 25-37 results (25-28 VEAT), E4, T02.
# Every other known subtype (planning 1-9, modifications 38-40, E1, E2, E5, E6, CEI, T01, X01, X02) neither sets
# up a DPS nor awards under one.
_SETUP = {*map(str, range(10, 25)), "E3"}
_RESULT = {*map(str, range(25, 38)), "E4", "T02"}
_OTHER = {*map(str, range(1, 10)), "38", "39", "40", "E1", "E2", "E5", "E6", "CEI", "T01", "X01", "X02"}
_NATIONAL = {"N4": "4", "N16": "16", "N29": "29"}  # anskaffelser/eforms-sdk-nor national.yaml aliases
# The SDK versions whose XPaths were checked for the fields read here (shared/IMPORT.md: 1.7.5 and 1.15.1 agree;
# the fields exist unchanged since 1.0). A newer SDK is refused until someone checks it and raises this.
SDK_MINORS = range(0, 16)
_SDK = re.compile(r"eforms-sdk-(?P<major>\d+)\.(?P<minor>\d+)(?:\.\d+)?(?P<rest>#.*)?")
_TAILORING = re.compile(r"#(?:extended#)?urn:fdc:anskaffelser\.no:2023:eforms:(?P<t>eu|national-e|national)$")


@dataclass(frozen=True, slots=True)
class Kind:
    format: Format
    role: Role
    subtype: str  # as written: "16", "N29", "E3"; TED XML "F02"
    sdk: str | None
    tailoring: str | None
    form: Element  # the element the format's paths start from: the UBL root, or the TED XML form


def sniff(root: Element, found: Found) -> Kind | None:
    """The format of a parsed notice, or None with a problem saying why it cannot be read as one."""
    qname = etree.QName(root)
    if qname.localname in _UBL and _UBL[qname.localname] == qname.namespace:
        return _eforms(root, found)
    if qname.localname == "TED_EXPORT":
        return _ted(root, found)
    found.error(
        "notice-format",
        root,
        "",
        f"is not a notice: its root element is {qname.localname!r}, where an eForms notice has ContractNotice, "
        "ContractAwardNotice or PriorInformationNotice and a TED XML notice has TED_EXPORT",
    )
    return None


def _eforms(root: Element, found: Found) -> Kind | None:
    code = first(root, f"{EXT}/efac:NoticeSubType/cbc:SubTypeCode")
    subtype = text(code)
    if subtype is None:
        found.error("notice-subtype", code if code is not None else root, "OPP-070", "the notice has no subtype")
        return None
    plain = _NATIONAL.get(subtype, subtype)
    role: Role | None = "setup" if plain in _SETUP else "result" if plain in _RESULT else None
    if role is None and plain not in _OTHER:
        found.error("notice-subtype", code, "OPP-070", f"{subtype!r} is no eForms notice subtype known here")
        return None
    customization = first(root, "cbc:CustomizationID")
    written = text(customization)
    sdk = _SDK.fullmatch(written or "")
    if sdk is None or sdk["major"] != "1" or int(sdk["minor"]) not in SDK_MINORS:
        found.error(
            "notice-sdk",
            customization if customization is not None else root,
            "cbc:CustomizationID",
            f"SDK version {written!r} is not one read here (eforms-sdk-1.{SDK_MINORS.start} to 1.{SDK_MINORS.stop - 1})"
            if written
            else "the notice names no eForms SDK version",
        )
        return None
    tailoring = _TAILORING.search(sdk["rest"] or "")
    return Kind(
        "eforms",
        role or "other",
        subtype,
        f"{sdk['major']}.{sdk['minor']}",
        tailoring["t"] if tailoring else None,
        root,
    )


def _ted(root: Element, found: Found) -> Kind | None:
    if etree.QName(root).namespace != NS["ted"]:
        found.error(
            "notice-format",
            root,
            "TED_EXPORT",
            f"is TED XML in namespace {etree.QName(root).namespace!r}; only R2.0.9 ({NS['ted']}) is read",
        )
        return None
    form = first(root, "ted:FORM_SECTION/*[@CATEGORY='ORIGINAL']")
    form = form if form is not None else first(root, "ted:FORM_SECTION/*")
    if form is None:
        found.error("notice-format", root, "FORM_SECTION", "the TED XML notice holds no form")
        return None
    name = form.get("FORM") or etree.QName(form).localname.split("_")[0]
    role: Role = {"F02": "setup", "F03": "result"}.get(name, "other")  # type: ignore[assignment]
    return Kind("ted-r209", role, name, None, None, form)

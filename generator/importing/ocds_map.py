"""Which kind of DPS release an OCDS release is, read as such: a set-up into a scheme (ocds_setup), a call-off
into awards (ocds_award), anything else skipped with the reason.

Which releases are about a DPS (what publishers do differently, ../shared/real-notices/README.md):
- a call-off: `relatedProcesses` names its scheme's process (`framework`, as this project's export writes it),
  or `tender.procurementMethodDetails` is Contracts Finder's "Call-off from a dynamic purchasing system" (which
  names no DPS), or a lot or the tender within a DPS (`techniques.hasDynamicPurchasingSystem`) is awarded;
- a set-up: `techniques.hasDynamicPurchasingSystem` without awards (Public Contracts Scotland, eForms
  conversions), this project's export (procurementMethodDetails "Dynamic purchasing system"), or a framework
  agreement whose title or description says it is a dynamic purchasing system (Sell2Wales files DPSs so).
Text alone decides nothing: Contracts Finder's releases mention DPSs in the titles of set-ups and of call-offs
alike, so a release without one of these marks is skipped, saying so.

Values come as the records write them (ocds_facts); the parts both kinds share are read in ocds_values.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from generator.importing.ocds_award import read_call_off
from generator.importing.ocds_facts import Facts
from generator.importing.ocds_read import Node, Release
from generator.importing.ocds_setup import read_setup
from generator.importing.records import iso
from generator.ocds.calloff import CALL_OFF
from generator.ocds.scheme import DPS_METHOD, DPS_METHOD_STUB

_SAYS_DPS = re.compile(r"dynamic purchasing system|\bDPS\b", re.IGNORECASE)


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
        read_call_off(release, facts)
    elif dps or ours or (tender["techniques"]["hasFrameworkAgreement"].flag() and _SAYS_DPS.search(words)):
        facts.kind = "setup"
        read_setup(release, facts, dps_type, own=ours)
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

"""The parts of an OCDS release as record values: organisations, suppliers, money, CPV codes and the notices its
documents name, shared by the reading of set-ups (ocds_setup) and of call-offs (ocds_award).

Nothing is invented: a CPV code without its check digit, an organisation without an org-id.guide identifier or a
currency that is no ISO 4217 code stays unknown, with a Gap (a warning) in the release's facts.
"""

from __future__ import annotations

import re
from typing import Any

from stdnum.no import orgnr

from generator.importing.ocds_facts import Facts, Gap
from generator.importing.ocds_read import Flaw, Node
from generator.importing.records import decimal_text, iso

_ORG_ID = re.compile(r"[A-Z]{2}-[A-Z0-9]{2,12}-[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?")
_CPV = re.compile(r"[0-9]{8}-[0-9]")
_CURRENCY = re.compile(r"[A-Z]{3}")
_FORM = re.compile(r"eforms-[A-Za-z0-9]{1,8}|ted-F[0-9]{2}|ocds")
_SCALES = ("micro", "small", "medium", "large", "sme")


class Parties:
    """A release's parties by id; a reference to one not listed is a Flaw."""

    def __init__(self, release: Node) -> None:
        self.path = release["parties"].path
        self.by_id: dict[str, Node] = {}
        for party in release["parties"].items():
            party.mapping()
            if (key := party["id"].ident()) is not None:
                self.by_id.setdefault(key, party)

    def get(self, ref: Node) -> Node | None:
        if not ref.given:
            return None
        ref.mapping()
        key = ref["id"].ident()
        if key is None:
            raise Flaw("ocds-party", ref["id"].path, f"names no party id (name {ref['name'].value!r})")
        if key not in self.by_id:
            raise Flaw("ocds-party", ref["id"].path, f"refers to party {key!r}, which {self.path} does not list")
        return self.by_id[key]


def org_id(party: Node) -> str | None:
    """The party's org-id.guide identifier (`identifier.scheme` + `-` + `identifier.id`), where it has one."""
    scheme, local = party["identifier"]["scheme"].text(), party["identifier"]["id"].ident()
    if not scheme or not local:
        return None
    found = f"{scheme}-{local.replace(' ', '')}"
    if not _ORG_ID.fullmatch(found) or (scheme == "NO-BRC" and not orgnr.is_valid(local)):
        return None
    return found


def organisation(party: Node | None) -> dict[str, Any] | None:
    if party is None:
        return None
    name = _name(party)
    return {"id": org_id(party), "name": name} if name else None


def _name(party: Node) -> str | None:
    return party["name"].text() or party["identifier"]["legalName"].text()


def money(node: Node, facts: Facts) -> dict[str, str] | None:
    amount, currency = node["amount"].number(), node["currency"].text()
    if amount is None or currency is None:
        return None
    if not _CURRENCY.fullmatch(currency):
        facts.gaps.append(Gap(node["currency"].path, f"{currency!r} is no ISO 4217 currency code"))
        return None
    return {"amount": decimal_text(amount), "currency": currency}


def _cpv(code: Node, facts: Facts) -> str | None:
    text = code.ident()
    if text is None:
        return None
    if not _CPV.fullmatch(text):
        facts.gaps.append(Gap(code.path, f"CPV code {text!r} lacks the check digit the records write (79410000-2)"))
        return None
    return text


def classification(node: Node, facts: Facts) -> str | None:
    return _cpv(node["id"], facts) if node["scheme"].text() == "CPV" and node.given else None


def item_cpv(tender: Node, lot: str | None, facts: Facts) -> str | None:
    """The one CPV code of the items of this lot (None: the items without a lot), where there is exactly one."""
    found = {
        item["classification"]["id"].ident(): item["classification"]
        for item in tender["items"].items()
        if item["relatedLot"].ident() == lot and item["classification"]["scheme"].text() == "CPV"
    }
    found.pop(None, None)
    return classification(next(iter(found.values())), facts) if len(found) == 1 else None


def documents_by_id(tender: Node) -> dict[str, Node]:
    found = {}
    for doc in tender["documents"].items():
        key = doc["id"].ident()
        if key is not None:
            found[key] = doc
    return found


def named_notices(documents: dict[str, Node]) -> dict[str, str] | None:
    """This project's export names a record's Doffin and TED notices as documents `doffin-<id>`, `ted-<id>`."""
    found = {k: key[len(k) + 1 :] for key in documents for k in ("doffin", "ted") if key.startswith(f"{k}-")}
    return found or None


def named_sources(documents: dict[str, Node]) -> list[dict[str, Any]]:
    """The notices a record was imported from, as this project's export writes them: a document
    `source-<notice>[-<version>]` titled `<form> <notice> v<version>`."""
    found = []
    for key, doc in documents.items():
        title = doc["title"].text()
        if not key.startswith("source-") or not title:
            continue
        words = title.split(" ")
        form = words.pop(0) if _FORM.fullmatch(words[0]) else None
        version = words.pop()[1:] if len(words) > 1 and words[-1].startswith("v") else None
        notice = " ".join(words)
        if key != "source-" + notice + (f"-{version}" if version else ""):
            continue
        published = doc["datePublished"].day()
        found.append(
            {"notice": notice, "version": version, "form": form, "published": iso(published), "url": doc["url"].text()}
        )
    return found


def supplier_id(party: Node, facts: Facts, why: str) -> str | None:
    """The party's org id, its supplier record's fields kept in facts; None, with a warning, without an org id."""
    found = org_id(party)
    name = _name(party)
    if found is None:
        facts.gaps.append(
            Gap(
                party["identifier"].path,
                f"{why} {name!r} (party {party['id'].ident()!r}) has no org-id.guide identifier (identifier.scheme "
                "and identifier.id), so it becomes no supplier record",
            )
        )
        return None
    scale = party["details"]["scale"].text()
    facts.suppliers.setdefault(found, {"id": found, "name": name, "size": scale if scale in _SCALES else None})
    return found

"""Which scheme a notice belongs to: an index of every notice id held in data/ and in the batch.

A scheme is found by its notices (`notices.ted`, `notices.doffin`), by the notices it was imported from
(`sources[].notice`, and their eForms notice UUID `sources[].uuid` and procedure identifier BT-04
`sources[].procedure`), and by the notice id its own id was made from (keys.py). The index is built from the
schemes in data/ before a batch and grows with each set-up notice of the batch, so a call-off finds a DPS
imported in an earlier run as well as one in the same batch. A call-off is matched by the references
it carries, in shared/IMPORT.md §2's order: its procedure id (BT-04), OPP-090, BT-125 (with BT-1251), OPT-100,
TED XML's NOTICE_NUMBER_OJ and REF_NOTICE, each normalised (`2021/S 124-329785` = `329785-2021` =
`00329785-2021`). Converter placeholder ids never reach the index: the readers drop them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator.importing.keys import scheme_id
from generator.notices.facts import AwardNotice, NoticeIds, Reference
from generator.notices.ids import IdKind, identify

# A reference's rank: BT-04 first (the EU's own rule), TED XML last; shared/IMPORT.md §2.
_ORDER = ("BT-04", "OPP-090", "BT-125", "OPT-100", "NOTICE_NUMBER_OJ", "REF_NOTICE")
_PREFIXES: tuple[IdKind, ...] = ("ted", "doffin", "eforms")


@dataclass(frozen=True, slots=True)
class Link:
    """Where a call-off belongs: a scheme found in the index, or the notice id of a DPS not held (`missing`)."""

    scheme: str | None
    reference: Reference | None
    missing: tuple[IdKind, str] | None = None


class Index:
    """Notice ids (kind, normalised value) → scheme id."""

    def __init__(self) -> None:
        self._ids: dict[tuple[str, str], str] = {}

    def add(self, kind: str, value: str | None, scheme: str) -> None:
        if value:
            self._ids.setdefault((kind, value), scheme)

    def find(self, kind: str, value: str) -> str | None:
        return self._ids.get((kind, value))

    def add_record(self, scheme: str, values: dict[str, Any]) -> None:
        """A scheme record's notice ids: its notices, its sources, and the notice its id was made from."""
        notices = values.get("notices")
        if isinstance(notices, dict):
            for field in ("ted", "doffin"):
                if isinstance(notices.get(field), str):
                    kind, value, _ = identify(notices[field])
                    self.add(kind, value, scheme)
        for entry in values.get("sources") or ():
            if not isinstance(entry, dict):
                continue
            for field in ("notice", "uuid"):  # a later call-off may name the notice by either
                if isinstance(entry.get(field), str):
                    kind, value, _ = identify(entry[field])
                    self.add(kind, value, scheme)
            if isinstance(entry.get("procedure"), str):  # and call-offs of the same procedure repeat its BT-04
                self.add("procedure", identify(entry["procedure"])[1], scheme)
        for prefix in _PREFIXES:
            if scheme.startswith(f"{prefix}-"):
                kind, value, _ = identify(scheme[len(prefix) + 1 :])
                if kind == prefix and scheme_id(kind, value) == scheme:
                    self.add(kind, value, scheme)

    def add_notice(self, ids: NoticeIds, scheme: str) -> None:
        """A set-up notice's own ids: TED, Doffin, eForms UUID and procedure identifier."""
        self.add("ted", ids.ted, scheme)
        self.add("doffin", ids.doffin, scheme)
        self.add("eforms", ids.eforms, scheme)
        if ids.procedure:
            self.add("procedure", identify(ids.procedure)[1], scheme)

    def scheme_of(self, ids: NoticeIds) -> str | None:
        """The scheme a set-up notice's own ids already name, if any (a scheme known from call-offs, or one
        written by hand that names this notice)."""
        for kind, value in (("ted", ids.ted), ("doffin", ids.doffin), ("eforms", ids.eforms)):
            if value and (found := self.find(kind, value)) is not None:
                return found
        return None

    def link(self, notice: AwardNotice) -> Link | None:
        """The scheme a call-off belongs to, or the DPS notice it names that is not held, or None when it names
        none at all."""
        refs = sorted(notice.references, key=lambda r: _ORDER.index(r.via))
        for ref in refs:
            kind = "procedure" if ref.via == "BT-04" else ref.kind
            if (found := self.find(kind, ref.value)) is not None:
                return Link(found, ref)
        named = _named(refs)
        return Link(None, named, (named.kind, named.value)) if named is not None else None


def _named(refs: Iterable[Reference]) -> Reference | None:
    """The first reference that names a notice (not a procedure id, not free text)."""
    return next((r for r in refs if r.via != "BT-04" and r.kind in _PREFIXES), None)

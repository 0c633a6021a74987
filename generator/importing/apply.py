"""One notice into the records: a set-up notice into its scheme, a call-off into its awards, their winners'
supplier records and the admissions the call-off implies.

Rules (issue 17): the fields a notice gives replace the record's, every other field stays; a version of a notice
that a record already holds (or one older than it holds) changes nothing, so re-running an import changes
nothing and people's corrections to an imported field survive until the notice itself is corrected. Inferred
admissions are added once (scheme + category + source) and hand-written admissions are never touched. A supplier
record is shared by many notices and has no sources, so a notice only fills the fields it lacks.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from generator.importing import records
from generator.importing.blocks import NULL, item, merge, merge_list, remove
from generator.importing.keys import award_id, category_id, notice_key, scheme_id
from generator.importing.link import Index
from generator.importing.outcome import Outcome, Touched, same_source, unfilled
from generator.importing.store import Record, Store
from generator.notices.facts import AwardNotice, Contract, Organisation, SetupNotice
from generator.notices.ids import IdKind, clean
from generator.problems import error, warning


def _version(text: Any) -> int:
    return int(text) if isinstance(text, str) and text.isdigit() else -1


def held(record: Record, source: dict[str, Any]) -> str | None:
    """Why this notice version changes nothing in the record (it holds it, or a newer one), or None: the same
    notice from another format replaces its entry only when its version is newer, and TED XML, which has no
    version, is the oldest."""
    for old in record.values.get("sources") or ():
        if same_source(old, source):
            have, given = _version(old.get("version")), _version(source.get("version"))
            if have > given:
                return f"{record.shown} holds a newer version ({old.get('version')}) of this notice"
            if have == given:
                return f"{record.shown} already holds this version of the notice"
    return None


def _same_name(a: Any, b: Any) -> bool:
    return isinstance(a, str) and isinstance(b, str) and clean(a).casefold() == clean(b).casefold()


class Importer:
    """Applies notices to one data folder's records, in order, keeping the link index up to date."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.index = Index()
        for scheme, values in store.schemes():
            self.index.add_record(scheme, values)
        self._touched = Touched(store)

    def _finish(self, outcome: Outcome) -> Outcome:
        return self._touched.finish(outcome)

    # --- set-up notices -----------------------------------------------------------------------------------

    def setup(self, notice: SetupNotice, outcome: Outcome) -> Outcome:
        if (identified := self._identified(notice, outcome)) is None:
            return outcome
        key, source = identified
        if notice.dps_type is None:
            outcome.status, outcome.reason = "failed", "its DPS lots disagree on the type; nothing was imported"
            return outcome
        scheme = self.index.scheme_of(notice.ids) or scheme_id(*key)
        path = self.store.path("scheme", scheme)
        record, writable = self._touched.open("scheme", path, outcome)
        if not writable:
            outcome.status = "failed"
            return self._finish(outcome)
        if record is not None and (why := held(record, source)):
            outcome.reason = why
            self.index.add_notice(notice.ids, scheme)
            return self._finish(outcome)
        fields = records.scheme(notice)
        if record is None:
            record = self.store.create("scheme", path, {"id": scheme})
        values = record.values
        buyer = fields["buyer"]
        if (
            isinstance(values.get("buyer"), dict)
            and buyer is not None
            and (buyer["id"] is not None or not _same_name(values["buyer"].get("name"), buyer["name"]))
        ):
            remove(record.block, "buyer")  # another buyer: the old id must not stay with the new name
        merge(record.block, fields)
        remove(record.block, "known_only_from_call_offs")
        if values.get("status") is None:
            merge(record.block, {"status": "active"})
        if (categories := records.categories(notice)) is not None:
            merge_list(record.block, "categories", categories, lambda old, new: old.get("id") == new["id"])
        merge_list(record.block, "sources", [source], same_source)
        self.index.add_notice(notice.ids, scheme)
        self.index.add_record(scheme, record.values)
        outcome.problems += unfilled(record, _why_unfilled)
        return self._finish(outcome)

    # --- award notices --------------------------------------------------------------------------------------

    def award(self, notice: AwardNotice, outcome: Outcome) -> Outcome:
        if (identified := self._identified(notice, outcome)) is None:
            return outcome
        key, source = identified
        link = self.index.link(notice)
        if link is None:
            outcome.status = "failed"
            outcome.problems.append(
                error(
                    "import-unlinked",
                    outcome.file,
                    1,  # what the notice lacks: the notice as a whole
                    "BT-04/OPP-090/BT-125/OPT-100/NOTICE_NUMBER_OJ",
                    "names no notice of the DPS it was awarded under, so its awards belong to no scheme; "
                    "nothing was imported from it",
                )
            )
            return outcome
        scheme = link.scheme
        if scheme is None:
            assert link.missing is not None
            scheme = self.index.find(*link.missing) or scheme_id(*link.missing)
            outcome.stub = link.missing[1]  # as TED and Doffin show it
        path = self.store.path("scheme", scheme)
        record, writable = self._touched.open("scheme", path, outcome)
        if not writable:
            outcome.status = "failed"
            return self._finish(outcome)
        if record is None:  # a DPS known only from its call-offs
            assert link.missing is not None
            kind, value = link.missing
            usage = {"dps-list": "closed", "dps-nlist": "open"}.get(notice.dps or "")
            notices = {kind: value} if kind in ("ted", "doffin") else None
            record = self.store.create(
                "scheme",
                path,
                {"id": scheme, "known_only_from_call_offs": "true", "type": usage, "notices": notices},
            )
            self.index.add_record(scheme, record.values)
        if record.values.get("known_only_from_call_offs") == "true" and outcome.stub is None:
            outcome.stub = _stub_notice(record.values, scheme)
        applied = [self._contract(notice, c, key, source, scheme, record, outcome) for c in notice.contracts]
        if any(applied) or not applied:  # not when every award already holds this version of the notice
            self._losers(notice, source, scheme, record, outcome)
        self._terminations(notice, key[1], record, outcome)
        return self._finish(outcome)

    def _contract(
        self,
        notice: AwardNotice,
        contract: Contract,
        key: tuple[IdKind, str],
        source: dict[str, Any],
        scheme: str,
        scheme_record: Record,
        outcome: Outcome,
    ) -> bool:
        """One settled contract into its award, its winners and their admissions; False if it was not applied
        (the award holds this version of the notice already, or its file cannot be read)."""
        award = award_id(key, contract.id)
        path = self.store.path("award", award, scheme)
        record, writable = self._touched.open("award", path, outcome)
        if not writable or (record is not None and held(record, source)):
            if record is not None:
                outcome.reason = held(record, source)
            return False
        category = _category(notice, contract.lot, scheme_record.values)
        winners = [w for w in contract.winners if w.org_id]
        for unknown in (w for w in contract.winners if not w.org_id):
            written = f" (written {unknown.company_id!r})" if unknown.company_id else ""
            outcome.problems.append(
                warning(
                    "import-winner",
                    outcome.file,
                    unknown.line,
                    f"contract {contract.id}",
                    f"winner {unknown.name!r}{written} has no organisation number the import is sure of, so it "
                    f"becomes no supplier record; award {award} lists the winners it could identify",
                )
            )
        fields = records.award(notice, contract, scheme, category, [w.org_id for w in winners if w.org_id])
        if record is None:
            record = self.store.create("award", path, {"id": award})
        merge(record.block, fields)
        if category is NULL and item(record.block, "category") is None:
            merge(record.block, {"category": NULL})
        merge_list(record.block, "sources", [source], same_source)
        by = records.admitted_by(notice, [contract])
        for winner in winners:
            self._supplier(winner, scheme, category, (by, contract.line), source["notice"], outcome)
        return True

    def _losers(
        self, notice: AwardNotice, source: dict[str, Any], scheme: str, scheme_record: Record, outcome: Outcome
    ) -> None:
        """Every tenderer in a call-off had been admitted (IMPORT.md §5): a losing tenderer with an organisation
        number the import is sure of gets the same inferred admission as a winner, bounded by the contracts of
        the lot it tendered in (else by the notice's dispatch)."""
        for loser in notice.losers:
            org = loser.organisation
            if not org.org_id:
                written = f" (written {org.company_id!r})" if org.company_id else ""
                outcome.problems.append(
                    warning(
                        "import-tenderer",
                        outcome.file,
                        org.line,
                        f"lot {loser.lot}" if loser.lot else "BT-3202",
                        f"tenderer {org.name!r}{written} has no organisation number the import is sure of, so its "
                        "admission to the scheme, which its tender shows, is not recorded",
                    )
                )
                continue
            lot = [c for c in notice.contracts if c.lot == loser.lot]
            by = records.admitted_by(notice, lot)
            category = _category(notice, loser.lot, scheme_record.values)
            self._supplier(org, scheme, category, (by, org.line), source["notice"], outcome)

    def _supplier(
        self,
        winner: Organisation,
        scheme: str,
        category: Any,
        bound: tuple[date | None, int],
        source: str,
        outcome: Outcome,
    ) -> None:
        """The winner's or tenderer's supplier record, and its admission inferred from the call-off; `bound`: the
        latest day it was admitted by, and the line of the notice's element that bounds it (its contract, or its
        tender's organisation)."""
        assert winner.org_id is not None
        by, line = bound
        path = self.store.path("supplier", winner.org_id)
        record, writable = self._touched.open("supplier", path, outcome)
        if not writable:
            return
        fields = records.supplier(winner)
        if record is None:
            record = self.store.create("supplier", path, fields)
        else:  # fill what the record lacks; what people (or earlier notices) wrote stays
            merge(record.block, {k: v for k, v in fields.items() if record.values.get(k) is None})
        if by is None:
            outcome.problems.append(
                warning("import-gap", outcome.file, line, "BT-1451/BT-145/BT-05", "no date to bound the admission by")
            )
            return
        entry = records.admission(scheme, category, by, source)

        # Added once: not again from the same call-off, nor from another with the same bound (the admissions
        # table's key is scheme, category, supplier and the dates, and a second row would say nothing new).
        held = [
            old
            for old in record.values.get("admissions") or ()
            if isinstance(old, dict)
            and old.get("scheme") == scheme
            and old.get("categories", "absent") == _cats(entry["categories"])
            and (old.get("source") == source or (old.get("admitted_by") == entry["admitted_by"] and old.get("source")))
        ]
        if not held:
            merge_list(record.block, "admissions", [entry], lambda old, new: False)

    def _terminations(self, notice: AwardNotice, key: str, record: Record, outcome: Outcome) -> None:
        """A termination ends the scheme only in a notice of the scheme's own buyer (by org id, or by name where
        neither has one); otherwise it is reported and not applied."""
        if not notice.terminations:
            return
        owner = record.values.get("buyer") if isinstance(record.values.get("buyer"), dict) else None
        claimed = {b for t in notice.terminations for b in t.buyers}
        if owner is None:
            why = f"the scheme's buyer is not known until its own notice is imported ({outcome.stub})"
        elif any(_is(owner, b) for b in claimed):
            day = notice.ids.published or notice.ids.dispatched
            merge(record.block, {"status": "terminated", "terminated": {"date": records.iso(day), "notice": key}})
            return
        else:
            names = ", ".join(sorted(repr(b.name) for b in claimed))
            why = f"this notice's buyer {names} is not the scheme's buyer {owner.get('name')!r}"
        outcome.problems.append(
            warning(
                "import-termination",
                outcome.file,
                notice.terminations[0].line,
                "BT-119/TERMINATION_DPS",
                f"marks the DPS terminated, not applied to {record.shown}: {why}",
            )
        )

    def _identified(
        self, notice: SetupNotice | AwardNotice, outcome: Outcome
    ) -> tuple[tuple[IdKind, str], dict[str, Any]] | None:
        """The notice's id (as `sources` writes it, also in the outcome) and its `sources` entry; None, the outcome
        skipped saying why, for a notice with no id to name its records by."""
        key, source = notice_key(notice.ids), records.source(notice)
        if key is None or source is None:
            self._no_id(outcome)
            return None
        outcome.notice = key[1]
        return key, source

    def _no_id(self, outcome: Outcome) -> None:
        outcome.status = "skipped"
        outcome.reason = "the notice carries no TED, Doffin or eForms id to name its records by"
        outcome.problems.append(
            warning(
                "import-gap",
                outcome.file,
                1,  # what the notice lacks: the notice as a whole
                "BT-701/OPP-010",
                f"{outcome.reason}; a Doffin download gives its id in the file name (2024-100829.xml)",
            )
        )


def _cats(categories: Any) -> Any:
    return "absent" if categories is None else None if categories is NULL else categories


def _is(owner: dict[str, Any], buyer: Organisation) -> bool:
    if owner.get("id") and buyer.org_id:
        return bool(owner["id"] == buyer.org_id)
    return not owner.get("id") and not buyer.org_id and _same_name(owner.get("name"), buyer.name)


def _stub_notice(values: dict[str, Any], scheme: str) -> str:
    notices = values.get("notices")
    if not isinstance(notices, dict):
        return scheme
    return str(notices.get("ted") or notices.get("doffin") or scheme)


def _category(notice: AwardNotice, lot: str | None, scheme: dict[str, Any]) -> Any:
    """The call-off's category: None for a scheme without categories (its implicit one), the DPS lot the buyer
    named through BT-1251 when the scheme has it, else `NULL` (not known; the call-off's own lot is not it)."""
    categories = scheme.get("categories")
    if scheme.get("known_only_from_call_offs") != "true" and not categories:
        return None
    held_ids = {c.get("id") for c in categories or () if isinstance(c, dict)}
    for ref in notice.references:
        if ref.via == "BT-125" and ref.part and ref.lot in (lot, None) and category_id(ref.part) in held_ids:
            return category_id(ref.part)
    return NULL


def _why_unfilled(path: str) -> str:
    return {
        "buyer.id": "the notice gives the buyer no organisation number the import is sure of",
        "published": "the notice has no publication date (Doffin's own XML carries none)",
    }.get(path, "the notice does not give it")

"""OCDS releases into the records, by the rules notices follow (generator/importing/apply.py).

The fields a release gives replace the record's and every other field stays; a release a record already holds
(or one older than it holds, by the release's date) changes nothing; a winner becomes a supplier record only with
an org-id.guide identifier, and a supplier record only gains the fields it lacks. Each release is a source of
the records it touches (`form: ocds`, `notice`: its OCID, `version`: its id). A call-off that names no scheme
(Contracts Finder's) is reported and not imported: there is no id to file it under, and putting it under a
scheme chosen by its buyer or its words would be a guess. One that names a scheme not in the data is kept under
a scheme known only from call-offs, as a notice's is. Set-ups come first, then call-offs, each by release date.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from generator.importing.blocks import NULL, item, merge, merge_list, remove
from generator.importing.keys import ocds_own_id, slug
from generator.importing.ocds_facts import Facts, Gap
from generator.importing.ocds_map import read_facts
from generator.importing.ocds_read import Flaw, Release, read_ocds
from generator.importing.outcome import Outcome, Touched, same_source, unfilled
from generator.importing.store import Record, Store
from generator.problems import Problem, error, warning


def held(record: Record, source: dict[str, Any]) -> str | None:
    """Why this release changes nothing in the record (it holds it, or a newer one of the process), or None."""
    for old in record.values.get("sources") or ():
        if not same_source(old, source) or old.get("form") != "ocds":
            continue
        have, given = old.get("published") or "", source.get("published") or ""
        if have > given:
            return f"{record.shown} holds a newer release ({have}) of this process"
        if have == given and old.get("version") == source.get("version"):
            return f"{record.shown} already holds this release"
    return None


class OcdsImporter:
    """Applies releases to one data folder's records, in order."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.by_ocid: dict[str, str] = {}  # a process's OCID -> the scheme imported from it
        for scheme, values in store.schemes():
            for source in values.get("sources") or ():
                if isinstance(source, dict) and source.get("form") == "ocds" and source.get("notice"):
                    self.by_ocid.setdefault(str(source["notice"]), scheme)
        self._touched = Touched(store)

    def _exists(self, scheme: str) -> bool:
        path = self.store.path("scheme", scheme)
        return path in self.store.records or path.is_file()

    def scheme_of(self, ocid: str) -> str | None:
        """The scheme already imported from, or exported as, this process."""
        if ocid in self.by_ocid:
            return self.by_ocid[ocid]
        return next((s for s in (ocds_own_id(ocid), slug(ocid)) if s and self._exists(s)), None)

    def _finish(self, outcome: Outcome) -> Outcome:
        return self._touched.finish(outcome)

    # --- set-ups --------------------------------------------------------------------------------------------

    def setup(self, facts: Facts, outcome: Outcome) -> None:
        assert facts.scheme is not None
        scheme = self.scheme_of(facts.ocid) or facts.scheme
        path = self.store.path("scheme", scheme)
        record, writable = self._touched.open("scheme", path, outcome)
        if not writable:
            outcome.status = "failed"
            return
        if record is not None and (why := held(record, facts.source)):
            outcome.reason = why
            self.by_ocid[facts.ocid] = scheme
            return
        fields = dict(facts.scheme_fields)
        if record is None:
            record = self.store.create("scheme", path, {"id": scheme})
        old_buyer, buyer = record.values.get("buyer"), fields.get("buyer")
        if isinstance(old_buyer, dict) and buyer is not None and old_buyer != buyer:
            remove(record.block, "buyer")  # another buyer: the old id must not stay with the new name
        merge(record.block, fields)
        if fields.get("known_only_from_call_offs") is None:  # its set-up is in: no longer known only from call-offs
            remove(record.block, "known_only_from_call_offs")
        if facts.categories:
            merge_list(record.block, "categories", facts.categories, lambda old, new: old.get("id") == new["id"])
        merge_list(record.block, "sources", [*facts.sources, facts.source], same_source)
        self.by_ocid[facts.ocid] = scheme
        for supplier, entry in facts.admissions:
            self._admission(facts, supplier, entry, outcome)
        outcome.problems += unfilled(record, lambda _: "the release does not give it")

    def _supplier(self, facts: Facts, supplier: str, outcome: Outcome) -> Record | None:
        path = self.store.path("supplier", supplier)
        record, writable = self._touched.open("supplier", path, outcome)
        if not writable:
            return None
        fields = facts.suppliers[supplier]
        if record is None:
            return self.store.create("supplier", path, fields)
        merge(record.block, {k: v for k, v in fields.items() if record.values.get(k) is None})
        return record

    def _admission(self, facts: Facts, supplier: str, entry: dict[str, Any], outcome: Outcome) -> None:
        """An admission the release lists: merged into the one with the same scheme, categories and dates (the
        admissions table's key), else added."""
        record = self._supplier(facts, supplier, outcome)
        if record is None:
            return
        key = ("scheme", "categories", "admitted", "admitted_by")
        wanted = {k: None if entry[k] is NULL else entry[k] for k in key}
        merge_list(
            record.block,
            "admissions",
            [entry],
            lambda old, new: isinstance(old, dict) and all(old.get(k) == wanted[k] for k in key),
        )

    # --- call-offs ------------------------------------------------------------------------------------------

    def call_off(self, facts: Facts, outcome: Outcome, where: tuple[str, int, str]) -> None:
        file, line, at = where
        if facts.framework is None:
            outcome.status = "failed"
            outcome.problems.append(
                error(
                    "ocds-unlinked",
                    file,
                    line,
                    f"{at}.relatedProcesses" if at else "relatedProcesses",
                    f"call-off {facts.ocid} ({facts.summary}) names no DPS process, so its awards belong to no "
                    "scheme; nothing was imported from it",
                )
            )
            return
        known = self.scheme_of(facts.framework)
        path = self.store.path("scheme", known or slug(facts.framework))
        record, writable = self._touched.open("scheme", path, outcome)
        if not writable:
            outcome.status = "failed"
            return
        if record is None:  # a DPS known only from its call-offs
            record = self.store.create(
                "scheme", path, {"id": path.stem, "known_only_from_call_offs": "true", "type": facts.dps_type}
            )
            self.by_ocid[facts.framework] = path.stem
        scheme = path.stem
        if record.values.get("known_only_from_call_offs") == "true":
            outcome.stub = facts.framework
        for award in facts.awards:
            self._award(facts, award, scheme, record, outcome, (file, line))

    def _award(
        self,
        facts: Facts,
        fields: dict[str, Any],
        scheme: str,
        scheme_record: Record,
        outcome: Outcome,
        release: tuple[str, int],
    ) -> None:
        """One award into its record, its winners' supplier records and (from another publisher) the admissions
        the call-off implies; `release`: the file and line of the release, for problems."""
        own = facts.own
        award = fields["id"]
        path = self.store.path("award", award, scheme)
        record, writable = self._touched.open("award", path, outcome)
        if not writable:
            return
        if record is not None and (why := held(record, facts.source)):
            outcome.reason = why
            return
        category = _category(facts.lots.get(award), scheme_record.values, own)
        if record is None:
            record = self.store.create("award", path, {"id": award})
        merge(record.block, {"scheme": scheme, "category": category} | {k: v for k, v in fields.items() if k != "id"})
        if category is NULL and item(record.block, "category") is None:
            merge(record.block, {"category": NULL})
        merge_list(record.block, "sources", [*facts.sources, facts.source], same_source)
        for supplier in fields.get("suppliers") or ():
            supplier_record = self._supplier(facts, supplier, outcome)
            by = _bound(fields)
            if supplier_record is None or own:
                continue
            if by is None:
                outcome.problems.append(
                    warning(
                        "import-gap",
                        *release,
                        f"{facts.paths[award]}.date",
                        "no date to bound the admission by (neither this date nor tender.tenderPeriod.startDate)",
                    )
                )
                continue
            entry = {
                "scheme": scheme,
                "categories": [category] if isinstance(category, str) else category,
                "admitted_by": by.isoformat(),
                "source": facts.ocid,
            }
            merge_list(
                supplier_record.block,
                "admissions",
                [entry],
                lambda old, new: (
                    isinstance(old, dict) and old.get("scheme") == scheme and old.get("source") == new["source"]
                ),
            )


def _bound(fields: dict[str, Any]) -> date | None:
    """An upper bound of a winner's admission: invited before the call-off was awarded."""
    known = [date.fromisoformat(d) for d in (fields.get("invited"), fields.get("awarded")) if d]
    return min(known) if known else None


def _category(lot: str | None, scheme: dict[str, Any], own: bool) -> Any:
    """The call-off's category: None for a scheme without categories (its implicit one); the lot when this
    project's export names one of the scheme's categories; else `NULL` (not known: another publisher's
    call-off lot is the call-off's own, not the DPS's category)."""
    categories = scheme.get("categories")
    if scheme.get("known_only_from_call_offs") != "true" and not categories:
        return None
    held_ids = {c.get("id") for c in categories or () if isinstance(c, dict)}
    return lot if own and lot in held_ids else NULL


def _order(pair: tuple[Release, Facts]) -> tuple[int, str, str, int]:
    release, facts = pair
    return 0 if facts.kind == "setup" else 1, facts.source.get("published") or "", facts.ocid, release.line


def import_ocds(files: Iterable[Path], store: Store) -> list[Outcome]:
    """Import OCDS files into the store's records (written by the caller): one outcome per release, and one
    per file that could not be read whole."""
    importer = OcdsImporter(store)
    outcomes: list[Outcome] = []
    read: list[tuple[Release, Facts]] = []
    for path in files:
        found = read_ocds(path)
        if found.problems:
            failed = Outcome(found.file, status="failed", reason="not read whole", problems=list(found.problems))
            outcomes.append(failed)
        for release in found.releases:
            where = f"{release.file}: {release.node.path or 'release'}"
            try:
                read.append((release, read_facts(release)))
            except Flaw as flaw:
                outcomes.append(
                    Outcome(
                        where,
                        status="failed",
                        notice=release.ocid,
                        reason="not imported",
                        problems=[
                            error(
                                flaw.rule,
                                release.file,
                                release.line,
                                flaw.path,
                                f"{flaw.message}; the release was not imported",
                            )
                        ],
                    )
                )
    for release, facts in sorted(read, key=_order):
        outcome = Outcome(f"{release.file}: {release.node.path or 'release'}", notice=facts.ocid, kind=facts.kind)
        if facts.kind != "award" or facts.framework is not None:  # an unlinked call-off imports nothing to warn of
            outcome.problems += [_gap(release, g) for g in facts.gaps]
        if facts.kind == "other":
            outcome.status, outcome.reason = "skipped", facts.reason
        elif facts.kind == "setup":
            importer.setup(facts, outcome)
        else:
            importer.call_off(facts, outcome, (release.file, release.line, release.node.path))
        outcomes.append(importer._finish(outcome))
    return outcomes


def _gap(release: Release, gap: Gap) -> Problem:
    return warning("ocds-value", release.file, release.line, gap.path, f"{gap.message}; left unknown")

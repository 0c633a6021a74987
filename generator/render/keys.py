"""Page keys: a digest of everything a generated page shows, so a rebuild renders only the pages whose key changed.

A key is the build's constants (the code and templates, the language, the site's settings, the data's today) and
the page's slice of the data: the records it shows, the records whose names or titles it prints, its indicators and
warnings, the histories of the record files it links. A slice may be generous (a page rendered again for nothing
only costs time); it must never miss something the page shows. `tests/test_page_keys.py` edits each kind of record
and field and checks that a rebuild equals a fresh build byte for byte.

Pages that show the whole data (home, the lists that are one page, the indicators, the changes, the downloads)
have no key: they are rendered every time, and are few.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from functools import cache, cached_property
from itertools import chain
from pathlib import Path
from typing import Any

from generator import routes
from generator.indicators import ScopeKey
from generator.model import Buyer, Values
from generator.model.facts import award_year
from generator.render.writer import TEMPLATES, Inputs
from generator.routes import Kind, SitePage

GENERATOR = Path(__file__).resolve().parents[1]


@cache
def code_digest() -> str:
    """The generator's code, word tables, schemas and templates: a change to any of them changes every key."""
    digest = hashlib.blake2b(digest_size=16)
    for root in (GENERATOR, TEMPLATES):
        for path in sorted(
            p for p in root.rglob("*") if p.is_file() and p.suffix in {".py", ".yaml", ".json", ".html"}
        ):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def digest(value: Any) -> str:
    """What a page or file is made of, as a short digest."""
    # reprs are stable here: dicts keep the model's order, dates and Decimals print their value
    return hashlib.blake2b(repr(value).encode(), digest_size=16).hexdigest()


def _row_digest(row: Values) -> str:
    """A row's digest: its values in its resource's column order, without the column names (the same in every
    row of a resource, and in the schemas the code's digest covers), whose reprs were a third of a row's."""
    return hashlib.blake2b(repr(tuple(row.values())).encode(), digest_size=16).hexdigest()


_MISSING = "-"  # the digest of a row that is not there (a scheme or supplier a record names but the data lacks)


def _joined(digests: Iterable[str]) -> str:
    """One digest of a list of digests: the page's key holds this rather than the list, whose repr was most of a
    list page's cost. Each digest has 32 hex digits (or is _MISSING), so the joined text tells the lists apart."""
    return hashlib.blake2b("".join(digests).encode(), digest_size=16).hexdigest()


class PageSlices:
    """What each page shows, as a digest, the same in both languages (a page's key adds the language's constants).

    A record's digest is made once and shared by every page that shows it (a national site's 200,000 awards are
    on their scheme's, buyer's, winners' and year's pages): the memos below are by the row's identity, which is
    stable while the model lives.
    """

    def __init__(self, inputs: Inputs):
        self.inputs = inputs
        self.ix = inputs.ix
        self.slices: dict[Kind, Callable[[SitePage], Any]] = {
            "scheme": self._scheme,
            "scheme-year": self._scheme,
            "supplier": self._supplier,
            "buyer": self._buyer,
            "awards-year": self._awards_year,
            "supplier-list": self._supplier_list,
        }
        self._schemes_shown: dict[str, str] = {}
        self._downloads_indexed: list[dict[str, Any]] | None = None
        self._downloads_by_scheme: dict[str | None, list[dict[str, Any]]] = {}

    def of(self, page: SitePage) -> str | None:
        """The page's slice of the data; None: a page of the whole data, rendered every time."""
        slice_of = self.slices.get(page.kind)
        if slice_of is None:
            return None
        return digest((page.path, page.kind, page.number, page.pages, slice_of(page)))

    # --- what each kind of page shows ---------------------------------------------------------------------

    def _scheme(self, page: SitePage) -> Any:
        """A scheme's page and its year pages: the scheme, its categories, admissions and awards, the suppliers
        in them, its indicators and warnings; and a scheme page's downloads (made after the export).

        Its three claims are written from its own indicator rows, which hold the median of comparable schemes
        (the other running schemes of its CPV division: the peers-* indicators) and how many there are, so a
        change to a comparable scheme changes this slice through `_panel`'s rows, not through that scheme's."""
        scheme_id = page.record["scheme_id"]
        downloads = self._downloads_of(scheme_id) if page.kind == "scheme" else []
        return (self._scheme_shown(scheme_id), downloads)

    def _downloads_of(self, scheme_id: str) -> list[dict[str, Any]]:
        """A scheme's entries in the downloads' manifest, in its order (indexed once: a national manifest has
        15,000 entries, and a scan per scheme page was seconds)."""
        entries = self.inputs.downloads.entries if self.inputs.downloads else []
        if self._downloads_indexed is not entries:
            self._downloads_indexed, self._downloads_by_scheme = entries, {}
            for entry in entries:
                self._downloads_by_scheme.setdefault(entry.get("scheme"), []).append(entry)
        return self._downloads_by_scheme.get(scheme_id, [])

    def _scheme_shown(self, scheme_id: str) -> str:
        found = self._schemes_shown.get(scheme_id)
        if found is None:
            ix = self.ix
            admissions = ix.admissions_by_scheme.get(scheme_id, [])
            found = self._schemes_shown[scheme_id] = digest(
                (
                    self._row(ix.schemes.get(scheme_id)),
                    self._rows_of(ix.categories.get(scheme_id, [])),
                    self._rows_of(admissions),
                    self._suppliers(a["supplier_id"] for a in admissions),
                    self._awards(ix.awards_by_scheme.get(scheme_id, [])),
                    self._panel(("scheme", scheme_id), self.inputs.scheme_files.get(scheme_id, set())),
                    self._history(routes.scheme_file, scheme_id),
                )
            )
        return found

    def _supplier(self, page: SitePage) -> Any:
        ix, supplier_id = self.ix, page.record["supplier_id"]
        admissions = ix.admissions_by_supplier.get(supplier_id, [])
        return (
            self._row(page.record),
            self._rows_of(admissions),
            _joined([self._schemes_by_id.get(a["scheme_id"], _MISSING) for a in admissions]),
            self._awards(ix.awards_by_supplier.get(supplier_id, [])),
            self._history(routes.supplier_file, supplier_id),
        )

    def _buyer(self, page: SitePage) -> Any:
        buyer: Buyer = page.record
        ix, files = self.ix, set()
        schemes = []  # as the schemes table shows them: with their admissions and how many awards each has
        for s in buyer.schemes:
            files |= self.inputs.scheme_files.get(s["scheme_id"], set())
            admissions = ix.admissions_by_scheme.get(s["scheme_id"], [])
            schemes.append((self._row(s), self._rows_of(admissions), len(ix.awards_by_scheme.get(s["scheme_id"], []))))
        return (buyer.id, buyer.name, schemes, self._awards(buyer.awards), self._panel(("buyer", buyer.id), files))

    def _awards_year(self, page: SitePage) -> Any:
        """A page of a year's awards: its awards, and which years have awards (each year page links them)."""
        return (page.year, self._awards(page.rows), self._award_years)

    @cached_property
    def _award_years(self) -> list[int]:
        """The years of routes.by_year, in order (without grouping the awards again)."""
        return sorted({year for a in self.ix.awards.values() if (year := award_year(a)) is not None})

    def _supplier_list(self, page: SitePage) -> Any:
        ix = self.ix
        return [
            (self._row(s), ix.scheme_count(s["supplier_id"]), len(ix.awards_by_supplier.get(s["supplier_id"], [])))
            for s in page.rows
        ]

    # --- slices several pages share -----------------------------------------------------------------------

    @cached_property
    def _row_digests(self) -> dict[int, str]:
        """The digest of every scheme, category, supplier and admission row, by the row's identity: made in one
        pass rather than a call per row as pages ask for them (a national model has 150,000 of them)."""
        ix = self.ix
        rows = chain(
            ix.schemes.values(),
            ix.suppliers.values(),
            chain.from_iterable(ix.categories.values()),
            chain.from_iterable(ix.admissions_by_scheme.values()),
        )
        return {id(row): _row_digest(row) for row in rows}

    @cached_property
    def _award_digests(self) -> dict[int, str]:
        """Every award's digest as a table or card shows it (_award), by the award's identity, made in one pass: a
        national model's 200,000 awards are each on 4 or so pages."""
        return {id(a): self._award(a) for a in self.ix.awards.values()}

    @cached_property
    def _schemes_by_id(self) -> dict[str, str]:
        """Each scheme's row digest by its id (a scheme a record names but the data lacks: absent, _MISSING)."""
        rows = self._row_digests
        return {scheme_id: rows[id(s)] for scheme_id, s in self.ix.schemes.items()}

    @cached_property
    def _suppliers_by_id(self) -> dict[str, str]:
        rows = self._row_digests
        return {supplier_id: rows[id(s)] for supplier_id, s in self.ix.suppliers.items()}

    def _row(self, row: Values | None) -> str:
        if row is None:
            return _MISSING
        found = self._row_digests.get(id(row))
        if found is None:  # a row the model's lookups do not hold: digested here (and not kept: its id may be reused)
            found = _row_digest(row)
        return found

    def _rows_of(self, rows: Sequence[Values]) -> str:
        known = self._row_digests
        try:  # in C when every row's digest is made already, as it is for the model's own rows
            return _joined(list(map(known.__getitem__, map(id, rows))))
        except KeyError:
            return _joined([self._row(row) for row in rows])

    def _suppliers(self, supplier_ids: Iterable[str]) -> str:
        suppliers = self._suppliers_by_id
        return _joined([suppliers.get(supplier_id, _MISSING) for supplier_id in supplier_ids])

    def _awards(self, awards: Sequence[Values]) -> str:
        """Awards as a table or card shows them: each with its scheme, its winners and its file's history."""
        known = self._award_digests
        try:
            return _joined(list(map(known.__getitem__, map(id, awards))))
        except KeyError:  # an award the model's lookups do not hold (none do today): digested alone
            return _joined([known.get(id(a)) or self._award(a) for a in awards])

    def _award(self, a: Values) -> str:
        """One award's digest: its values digested with its scheme, its winners and its file's history (its own
        digest is wanted nowhere else: one digest per award, not two or three)."""
        scheme_id, award_id = a["scheme_id"], a["award_id"]
        suppliers, winners = self._suppliers_by_id, self.ix.winners.get((scheme_id, award_id), ())
        return digest(
            (
                tuple(a.values()),
                self._schemes_by_id.get(scheme_id, _MISSING),
                [suppliers.get(supplier_id, _MISSING) for supplier_id in winners],
                self._history(routes.award_file, scheme_id, award_id),
            )
        )

    def _history(self, path: Callable[..., str], *ids: str) -> Any:
        """The history of a record's file (`path`: routes.award_file or the like, of the record's ids); None when
        the data is in no repository, without making the path (one for each of a national site's 200,000 awards)."""
        history = self.inputs.history
        return history.get(path(*ids)) if history else None

    def _panel(self, key: ScopeKey, files: set[str]) -> Any:
        """A scope's indicators panel: its figures, chart data, the top suppliers' names, and the pages of the
        records in the scope that carry each warning (`files`: the scope's record files)."""
        views = self.inputs.indicators
        if views is None:
            return None
        found = views.found
        top = found.top_suppliers.get(key, [])
        warned = [
            (rule, sorted(views.record_links[f] for f in warned & files if f in views.record_links))
            for rule, warned in sorted(views.warned_files.items())
        ]
        return (
            found.by_scope.get(key),
            found.tenders.get(key),
            top,
            self._suppliers(s for s, _, _ in top),
            warned,
        )


def page_keys(
    inputs: Inputs, lang: str, slices: dict[str, str | None], shell_digest: Callable[[str], str]
) -> dict[str, str | None]:
    """Each page's key in a language (by path): its slice (PageSlices.of), the shell it is stamped into (the digest
    of each page's shell, by its path) and what every page of the language depends on."""
    history_links = (inputs.repo_url, inputs.data_path) if inputs.repo_url else None  # data_path is only in those
    constants = digest((code_digest(), lang, inputs.ix.as_of, history_links, sorted(inputs.extras.items())))
    return {
        path: None if part is None else digest((constants, shell_digest(path), part)) for path, part in slices.items()
    }

"""The awards explorer's files: every award as a row, in static JSON shards the explorer page picks from by filter.

No server and no database in the browser (../shared/SEARCH.md measured sql.js-httpvfs at 100–180 KB and a hundred
range requests for one page of a filter, and DuckDB-WASM at 7 MB): the rows are written four times, by scheme, by
buyer, by supplier (hashed into SUPPLIER_BUCKETS files) and by year, and the page fetches the one shard that holds
every row its most selective filter can match, then filters, sorts, sums and pages in memory. With no filter the
page shows the newest year; `meta.json` names the schemes and buyers (the filters' choices) and gives each year's
count, summed value and file size, so the page can say what all years hold before anyone downloads them.

A shard is columnar (at national scale all years take 18 MB, 2.3 MB gzipped, where rows of arrays took 41 and 6.5): one
list per column (COLUMNS), rows sorted by scheme and award so neighbouring values repeat. Ids, codes and words
that repeat (CODED) are written as positions in the shard's own list of their values (`values`); a row's winners
as positions in its list of `suppliers` ([id, name, SME?], SME null when the size is unknown); dates as days since
1970-01-01, each written as its difference from the known date above it in its column (7% smaller gzipped). An
award's date on the site is its invited date, else its awarded one (facts.award_year). Unknown values are null,
never 0.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator import routes
from generator.export.text import FORMULA_STARTS
from generator.model import Model, Values
from generator.model.facts import award_year
from generator.render.keys import digest
from generator.render.names import fnv

if TYPE_CHECKING:  # model_files imports this module
    from generator.site.model_files import Kept

SUPPLIER_BUCKETS = 512
SME_SIZES = frozenset({"micro", "small", "medium", "sme"})
EPOCH = date(1970, 1, 1)
COLUMNS = (
    "scheme",
    "award",
    "category",
    "buyer",
    "title",
    "invited",
    "awarded",
    "value",
    "currency",
    "tenders",
    "sme_tenders",
    "winners",
    "status",
)
CODED = ("scheme", "category", "buyer", "currency", "status")


def supplier_bucket(supplier_id: str) -> int:
    """The shard a supplier's awards are in (the explorer page computes the same)."""
    return fnv(supplier_id) % SUPPLIER_BUCKETS


def _days(values: Iterable[int | None]) -> list[int | None]:
    """Days since EPOCH, each less the one before it (the page adds them up again); null stays null."""
    out: list[int | None] = []
    before = 0
    for days in values:
        if days is None:
            out.append(None)
            continue
        out.append(days - before)
        before = days
    return out


def _day(value: date | None) -> int | None:
    return None if value is None else (value - EPOCH).days


def _number(value: Decimal | int | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == int(value) else float(value)


def _sme(supplier: Values | None) -> bool | None:
    size = supplier["size"] if supplier else None
    return None if size is None else size in SME_SIZES


def _coded(column: Iterable[Any]) -> tuple[list[Any], list[int | None]]:
    """A column's distinct values (sorted) and each row's position among them."""
    values = sorted({v for v in column if v is not None})
    position = {v: i for i, v in enumerate(values)}
    return values, [None if v is None else position[v] for v in column]


# An award as its shards hold it: the values of COLUMNS in their order (dates as days since EPOCH, winners as
# supplier ids), then the award itself and, where files are kept (Kept), a digest of those values. Made once per
# award, not once per shard it is in (four).
Row = tuple[Any, ...]
_WINNERS = COLUMNS.index("winners")
_AWARD = len(COLUMNS)
_DIGEST = _AWARD + 1


def award_rows(ix: Model, digested: bool) -> list[Row]:
    """Every award with a year, in the shards' order (by scheme and award: each shard's rows are a part of it);
    `digested`: each with the digest of its values (`award_digests`)."""
    rows: list[Row] = []
    for key in sorted(k for k, a in ix.awards.items() if award_year(a) is not None):
        a = ix.awards[key]
        rows.append(
            (
                a["scheme_id"],
                a["award_id"],
                a["category_id"],
                a["buyer_id"],
                a["title"],
                _day(a["invited"]),
                _day(a["awarded"]),
                _number(a["value_amount"]),
                a["value_currency"],
                a["tenders"],
                a["sme_tenders"],
                ix.winners.get(key, []),
                a["status"],
                a,
            )
        )
    if digested:
        rows = [(*row, digest(row[:_AWARD])) for row in rows]
    return rows


class _Shards:
    """The shards' files below the site root: made, or linked from the published site if `kept` knows their inputs
    unchanged. A supplier's entry in a shard's `suppliers` is made once."""

    def __init__(self, ix: Model, site: Path, kept: Kept | None) -> None:
        self.ix, self.site, self.kept = ix, site, kept
        self.suppliers: dict[str, tuple[str, str | None, bool | None]] = {}

    def _supplier(self, supplier_id: str) -> tuple[str, str | None, bool | None]:
        found = self.suppliers.get(supplier_id)
        if found is None:
            ix = self.ix
            found = self.suppliers[supplier_id] = (
                supplier_id,
                ix.supplier_name(supplier_id),
                _sme(ix.suppliers.get(supplier_id)),
            )
        return found

    def shard(self, rows: list[Row], extra: dict[str, Any] | None = None) -> dict[str, Any]:
        """rows: in the order of _rows."""
        # the rows turned into columns by zip, in C (zip stops at the last of COLUMNS)
        columns: dict[str, list[Any]] = {name: [] for name in COLUMNS}
        columns.update(zip(COLUMNS, map(list, zip(*rows, strict=True)), strict=False))
        winners = columns["winners"]
        suppliers = sorted({w for won in winners for w in won})
        position = {s: i for i, s in enumerate(suppliers)}
        columns["winners"] = [[position[w] for w in won] for won in winners]
        columns["invited"] = _days(columns["invited"])
        columns["awarded"] = _days(columns["awarded"])
        values = {}
        for name in CODED:
            values[name], columns[name] = _coded(columns[name])
        return {
            "rows": len(rows),
            "columns": columns,
            "values": values,
            "suppliers": [self._supplier(i) for i in suppliers],
            **(extra or {}),
        }

    def key(self, rows: list[Row], extra: dict[str, Any] | None) -> str:
        """A digest of everything the shard of these rows holds: the rows' columns, their winners' names and
        sizes, and the extra fields."""
        suppliers = sorted({w for row in rows for w in row[_WINNERS]})
        return digest(("".join([row[_DIGEST] for row in rows]), [self._supplier(i) for i in suppliers], extra))

    def write(self, path: str, rows: list[Row], extra: dict[str, Any] | None = None) -> int:
        """The shard of rows at path below the site root; its size in bytes."""
        if self.kept is None:
            return _dump(self.site / path, self.shard(rows, extra))
        return self.kept.write(self.site, path, self.key(rows, extra), lambda: _encoded(self.shard(rows, extra)))


def totals(awards: Iterable[Values]) -> dict[str, Any]:
    """How many awards and their summed value, as the explorer page sums what it shows: cancelled awards and
    unknown values left out, each currency summed apart ("?" for a value without one), `valued` counting the awards
    in NOK that have a value."""
    count, valued, sums = 0, 0, defaultdict[str, Decimal](Decimal)
    for a in awards:
        count += 1
        if a["value_amount"] is None or a["status"] == "cancelled":
            continue
        sums[a["value_currency"] or "?"] += a["value_amount"]
        valued += a["value_currency"] == "NOK"
    return {"awards": count, "value": {c: _number(v) for c, v in sorted(sums.items())}, "valued": valued}


def _template(path: str) -> str:
    """A route with placeholders: routes encodes their braces, the page fills them in (with valid ids, which
    routes leaves as they are)."""
    for name in ("s", "a", "id"):
        path = path.replace(routes.segment("{" + name + "}"), "{" + name + "}")
    return path


def meta(ix: Model, years: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        "schemes": {
            s["scheme_id"]: [ix.scheme_name(s), s["buyer_id"], len(ix.awards_by_scheme.get(s["scheme_id"], []))]
            for s in ix.schemes.values()
        },
        "buyers": {b.id: [b.name, len(b.awards)] for b in ix.buyers.values()},
        # each year's awards, summed value (totals()) and the size of its file, the oldest first
        "years": years,
        "supplier_buckets": SUPPLIER_BUCKETS,
        # the pages' addresses as routes makes them, with {s}, {a}, {y}, {id} to fill in
        "paths": {
            "award": _template(routes.award("{s}", "{a}", 1).replace("/1/", "/{y}/")),
            "scheme": _template(routes.scheme("{id}")),
            "buyer": _template(routes.buyer("{id}")),
            "supplier": _template(routes.supplier("{id}")),
        },
        "formula_starts": FORMULA_STARTS,
        "awards": len(ix.awards),
    }


def _encoded(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _dump(path: Path, value: Any) -> int:
    """Writes the file; returns its size in bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    content = _encoded(value)
    path.write_bytes(content)
    return len(content)


def award_digests(rows: list[Row]) -> dict[tuple[str, str], str]:
    """Each award's digest of its row (award_rows, digested): its scheme, id, category, buyer, title, invited and
    awarded dates, value, currency, tenders, winners and status."""
    return {(row[0], row[1]): row[_DIGEST] for row in rows}


def write_files(ix: Model, site: Path, kept: Kept | None = None, rows: list[Row] | None = None) -> int:
    """The explorer's files below the site root (routes.EXPLORER_DATA); returns how many. `kept`: the published
    site's files that are linked where their inputs are unchanged (generator.site.model_files). `rows`:
    award_rows(ix, kept is not None), if made already."""
    by_scheme: dict[str, list[Row]] = defaultdict(list)
    by_year: dict[int, list[Row]] = defaultdict(list)
    by_buyer: dict[str, list[Row]] = defaultdict(list)
    by_bucket: dict[int, list[Row]] = defaultdict(list)
    bucket_of = cache(supplier_bucket)  # a supplier wins many awards
    for row in award_rows(ix, kept is not None) if rows is None else rows:
        a = row[_AWARD]
        by_scheme[a["scheme_id"]].append(row)
        by_year[award_year(a) or 0].append(row)
        if a["buyer_id"] is not None:
            by_buyer[a["buyer_id"]].append(row)
        for bucket in {bucket_of(w) for w in row[_WINNERS]}:
            by_bucket[bucket].append(row)
    shards = _Shards(ix, site, kept)
    folder = routes.EXPLORER_DATA
    count = 0
    for scheme_id in ix.schemes:
        categories = {c["category_id"]: c["title"] for c in ix.categories.get(scheme_id, [])}
        shards.write(
            folder + routes.explorer_shard("scheme", scheme_id),
            by_scheme.get(scheme_id, []),
            {"categories": categories},
        )
        count += 1
    for buyer_id, rows in sorted(by_buyer.items()):
        shards.write(folder + routes.explorer_shard("buyer", buyer_id), rows)
        count += 1
    for bucket, rows in sorted(by_bucket.items()):
        shards.write(folder + routes.explorer_shard("supplier", str(bucket)), rows)
        count += 1
    years: dict[str, dict[str, Any]] = {}
    for year, rows in sorted(by_year.items()):
        size = shards.write(folder + routes.explorer_shard("year", str(year)), rows)
        years[str(year)] = {**totals(row[_AWARD] for row in rows), "bytes": size}
        count += 1
    _dump(site / folder / "meta.json", meta(ix, years))
    return count + 1

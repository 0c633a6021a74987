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
from pathlib import Path
from typing import Any

from generator import routes
from generator.export.text import FORMULA_STARTS
from generator.model import Model, Values
from generator.model.facts import award_year
from generator.render.names import fnv

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


def _days(values: Iterable[date | None]) -> list[int | None]:
    """Dates as days since EPOCH, each less the one before it (the page adds them up again); null stays null."""
    out: list[int | None] = []
    before = 0
    for value in values:
        if value is None:
            out.append(None)
            continue
        days = (value - EPOCH).days
        out.append(days - before)
        before = days
    return out


def _number(value: Decimal | int | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == int(value) else float(value)


def _sme(supplier: Values | None) -> bool | None:
    size = supplier["size"] if supplier else None
    return None if size is None else size in SME_SIZES


def _coded(column: list[Any]) -> tuple[list[Any], list[int | None]]:
    """A column's distinct values (sorted) and each row's position among them."""
    values = sorted({v for v in column if v is not None})
    position = {v: i for i, v in enumerate(values)}
    return values, [None if v is None else position[v] for v in column]


def _shard(ix: Model, awards: Iterable[Values], extra: dict[str, Any] | None = None) -> dict[str, Any]:
    rows = sorted(awards, key=lambda a: (a["scheme_id"], a["award_id"]))
    winners = [ix.winners.get((a["scheme_id"], a["award_id"]), []) for a in rows]
    suppliers = sorted({w for won in winners for w in won})
    position = {s: i for i, s in enumerate(suppliers)}
    columns: dict[str, list[Any]] = {
        "scheme": [a["scheme_id"] for a in rows],
        "award": [a["award_id"] for a in rows],
        "category": [a["category_id"] for a in rows],
        "buyer": [a["buyer_id"] for a in rows],
        "title": [a["title"] for a in rows],
        "invited": _days(a["invited"] for a in rows),
        "awarded": _days(a["awarded"] for a in rows),
        "value": [_number(a["value_amount"]) for a in rows],
        "currency": [a["value_currency"] for a in rows],
        "tenders": [a["tenders"] for a in rows],
        "sme_tenders": [a["sme_tenders"] for a in rows],
        "winners": [[position[w] for w in won] for won in winners],
        "status": [a["status"] for a in rows],
    }
    values = {}
    for name in CODED:
        values[name], columns[name] = _coded(columns[name])
    return {
        "rows": len(rows),
        "columns": {name: columns[name] for name in COLUMNS},
        "values": values,
        "suppliers": [[i, ix.supplier_name(i), _sme(ix.suppliers.get(i))] for i in suppliers],
        **(extra or {}),
    }


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


def _dump(path: Path, value: Any) -> int:
    """Writes the file; returns its size in bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    content = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.write_bytes(content)
    return len(content)


def write_files(ix: Model, site: Path) -> int:
    """The explorer's files below the site root (routes.EXPLORER_DATA); returns how many."""
    folder = site / routes.EXPLORER_DATA
    awards = [a for a in ix.awards.values() if award_year(a) is not None]
    by_year: dict[int, list[Values]] = defaultdict(list)
    by_buyer: dict[str, list[Values]] = defaultdict(list)
    by_bucket: dict[int, list[Values]] = defaultdict(list)
    for a in awards:
        by_year[award_year(a) or 0].append(a)
        if a["buyer_id"] is not None:
            by_buyer[a["buyer_id"]].append(a)
        for bucket in {supplier_bucket(w) for w in ix.winners.get((a["scheme_id"], a["award_id"]), [])}:
            by_bucket[bucket].append(a)
    count = 0
    for scheme_id in ix.schemes:
        categories = {c["category_id"]: c["title"] for c in ix.categories.get(scheme_id, [])}
        rows = [a for a in ix.awards_by_scheme.get(scheme_id, []) if award_year(a) is not None]
        _dump(folder / routes.explorer_shard("scheme", scheme_id), _shard(ix, rows, {"categories": categories}))
        count += 1
    for buyer_id, rows in sorted(by_buyer.items()):
        _dump(folder / routes.explorer_shard("buyer", buyer_id), _shard(ix, rows))
        count += 1
    for bucket, rows in sorted(by_bucket.items()):
        _dump(folder / routes.explorer_shard("supplier", str(bucket)), _shard(ix, rows))
        count += 1
    years: dict[str, dict[str, Any]] = {}
    for year, rows in sorted(by_year.items()):
        size = _dump(folder / routes.explorer_shard("year", str(year)), _shard(ix, rows))
        years[str(year)] = {**totals(rows), "bytes": size}
        count += 1
    _dump(folder / "meta.json", meta(ix, years))
    return count + 1

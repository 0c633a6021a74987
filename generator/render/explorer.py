"""The awards explorer's files: every award as a row, in static JSON shards the explorer page picks from by filter.

No server and no database in the browser (../shared/SEARCH.md measured sql.js-httpvfs at 100–180 KB and a hundred
range requests for one page of a filter, and DuckDB-WASM at 7 MB): the rows are written four times, by scheme, by
buyer, by supplier (hashed into SUPPLIER_BUCKETS files) and by year, and the page fetches the one shard that holds
every row its most selective filter can match, then filters, sorts, sums and pages in memory. `meta.json` names
the schemes and buyers (the filters' choices) and counts the rows of each year.

A row: [scheme_id, award_id, category_id, buyer_id, title, date, invited, awarded, value, currency, tenders,
sme_tenders, winners, status]; `date` is the award's date on the site (invited, else awarded: facts.award_year).
Unknown values are null, never 0. A shard names the suppliers its rows mention, and whether each is an SME
(null: size unknown).
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
COLUMNS = [
    "scheme_id",
    "award_id",
    "category_id",
    "buyer_id",
    "title",
    "date",
    "invited",
    "awarded",
    "value",
    "currency",
    "tenders",
    "sme_tenders",
    "winners",
    "status",
]


def supplier_bucket(supplier_id: str) -> int:
    """The shard a supplier's awards are in (the explorer page computes the same)."""
    return fnv(supplier_id) % SUPPLIER_BUCKETS


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _number(value: Decimal | int | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == int(value) else float(value)


def row(ix: Model, a: Values) -> list[Any]:
    winners = ix.winners.get((a["scheme_id"], a["award_id"]), [])
    day = a["invited"] or a["awarded"]
    return [
        a["scheme_id"],
        a["award_id"],
        a["category_id"],
        a["buyer_id"],
        a["title"],
        _day(day),
        _day(a["invited"]),
        _day(a["awarded"]),
        _number(a["value_amount"]),
        a["value_currency"],
        a["tenders"],
        a["sme_tenders"],
        winners,
        a["status"],
    ]


def _sme(supplier: Values | None) -> bool | None:
    size = supplier["size"] if supplier else None
    return None if size is None else size in SME_SIZES


def _shard(ix: Model, awards: Iterable[Values], extra: dict[str, Any] | None = None) -> dict[str, Any]:
    rows = [row(ix, a) for a in awards]
    mentioned = sorted({w for r in rows for w in r[12]})
    suppliers = {i: [ix.supplier_name(i), _sme(ix.suppliers.get(i))] for i in mentioned}
    return {"columns": COLUMNS, "rows": rows, "suppliers": suppliers, **(extra or {})}


def _template(path: str) -> str:
    """A route with placeholders: routes encodes their braces, the page fills them in (with valid ids, which
    routes leaves as they are)."""
    for name in ("s", "a", "id"):
        path = path.replace(routes.segment("{" + name + "}"), "{" + name + "}")
    return path


def meta(ix: Model, years: dict[int, int]) -> dict[str, Any]:
    return {
        "schemes": {
            s["scheme_id"]: [ix.scheme_name(s), s["buyer_id"], len(ix.awards_by_scheme.get(s["scheme_id"], []))]
            for s in ix.schemes.values()
        },
        "buyers": {b.id: [b.name, len(b.awards)] for b in ix.buyers.values()},
        "years": {str(y): n for y, n in sorted(years.items())},
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


def _dump(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def write_files(ix: Model, site: Path) -> int:
    """The explorer's files below the site root (routes.EXPLORER_DATA); returns how many."""
    folder = site / routes.EXPLORER_DATA
    awards = [a for a in ix.awards.values() if award_year(a) is not None]  # in the model's order: newest first
    by_year: dict[int, list[Values]] = defaultdict(list)
    by_buyer: dict[str, list[Values]] = defaultdict(list)
    by_bucket: dict[int, list[Values]] = defaultdict(list)
    for a in awards:
        by_year[award_year(a) or 0].append(a)
        if a["buyer_id"] is not None:
            by_buyer[a["buyer_id"]].append(a)
        for bucket in sorted({supplier_bucket(w) for w in ix.winners.get((a["scheme_id"], a["award_id"]), [])}):
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
    for year, rows in sorted(by_year.items()):
        _dump(folder / routes.explorer_shard("year", str(year)), _shard(ix, rows))
        count += 1
    _dump(folder / "meta.json", meta(ix, {y: len(rows) for y, rows in by_year.items()}))
    return count + 1

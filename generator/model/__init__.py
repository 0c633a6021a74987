"""The loaded rows arranged for pages: lookups by scheme, buyer and supplier, computed once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from generator.load import Dataset
from generator.model.facts import as_of_date

Values = dict[str, Any]


@dataclass
class Buyer:
    id: str
    name: str
    schemes: list[Values] = field(default_factory=list)
    awards: list[Values] = field(default_factory=list)


@dataclass
class Index:
    """Everything a page needs, looked up without scanning the whole dataset again."""

    schemes: dict[str, Values]
    categories: dict[str, list[Values]]
    suppliers: dict[str, Values]
    admissions_by_scheme: dict[str, list[Values]]
    admissions_by_supplier: dict[str, list[Values]]
    awards: dict[tuple[str, str], Values]
    awards_by_scheme: dict[str, list[Values]]
    awards_by_supplier: dict[str, list[Values]]
    winners: dict[tuple[str, str], list[str]]
    buyers: dict[str, Buyer]
    today: date  # the data's newest event: "open for applications" is judged on it, not on the clock

    def supplier_name(self, supplier_id: str) -> str:
        return self.suppliers[supplier_id]["name"] if supplier_id in self.suppliers else supplier_id

    def admitted_count(self, scheme_id: str) -> int:
        """Suppliers admitted to the scheme (any category) who have not left by the data's newest date."""
        return len({a["supplier_id"] for a in self.admissions_by_scheme.get(scheme_id, []) if a["left"] is None})

    def admitted_supplier_count(self) -> int:
        """Suppliers admitted to at least one scheme and still in it."""
        return len({s for s, rows in self.admissions_by_supplier.items() if any(a["left"] is None for a in rows)})

    def scheme_count(self, supplier_id: str) -> int:
        return len({a["scheme_id"] for a in self.admissions_by_supplier.get(supplier_id, [])})

    def is_open(self, scheme: Values) -> bool:
        """Open for applications: active and within its validity on the data's newest date."""
        end = scheme["valid_to"]
        return scheme["status"] == "active" and (end is None or end >= self.today)


def _sorted(rows: list[Values], *keys: str, reverse: bool = False) -> list[Values]:
    return sorted(rows, key=lambda r: tuple((r[k] is None, r[k] or "") for k in keys), reverse=reverse)


def _newest(rows: list[Values]) -> list[Values]:
    """Awards newest first, by invitation date then id, so pages are stable."""
    return sorted(rows, key=lambda a: (a["invited"] or date.min, a["scheme_id"], a["award_id"]), reverse=True)


def build_index(dataset: Dataset) -> Index:
    values = {name: [row.values for row in rows] for name, rows in dataset.tables.items()}
    categories: dict[str, list[Values]] = defaultdict(list)
    for c in _sorted(values["categories"], "scheme_id", "category_id"):
        categories[c["scheme_id"]].append(c)
    by_scheme: dict[str, list[Values]] = defaultdict(list)
    by_supplier: dict[str, list[Values]] = defaultdict(list)
    for a in _sorted(values["admissions"], "scheme_id", "admitted", "supplier_id", "category_id"):
        by_scheme[a["scheme_id"]].append(a)
        by_supplier[a["supplier_id"]].append(a)
    winners: dict[tuple[str, str], list[str]] = defaultdict(list)
    for w in _sorted(values["award_suppliers"], "scheme_id", "award_id", "supplier_id"):
        winners[(w["scheme_id"], w["award_id"])].append(w["supplier_id"])
    awards = {(a["scheme_id"], a["award_id"]): a for a in _newest(values["awards"])}
    awards_by_scheme: dict[str, list[Values]] = defaultdict(list)
    awards_by_supplier: dict[str, list[Values]] = defaultdict(list)
    for key, a in awards.items():
        awards_by_scheme[a["scheme_id"]].append(a)
        for supplier in winners.get(key, []):
            awards_by_supplier[supplier].append(a)
    schemes = {s["scheme_id"]: s for s in _sorted(values["schemes"], "scheme_id")}
    buyers: dict[str, Buyer] = {}
    for s in schemes.values():
        buyers.setdefault(s["buyer_id"], Buyer(s["buyer_id"], s["buyer_name"])).schemes.append(s)
    for a in awards.values():
        buyers.setdefault(a["buyer_id"], Buyer(a["buyer_id"], a["buyer_name"])).awards.append(a)
    return Index(
        schemes=schemes,
        categories=dict(categories),
        suppliers={s["supplier_id"]: s for s in _sorted(values["suppliers"], "supplier_id")},
        admissions_by_scheme=dict(by_scheme),
        admissions_by_supplier=dict(by_supplier),
        awards=awards,
        awards_by_scheme=dict(awards_by_scheme),
        awards_by_supplier=dict(awards_by_supplier),
        winners=dict(winners),
        buyers=dict(sorted(buyers.items())),
        today=as_of_date(dataset),  # the indicators' reference date: "open" is judged on the same day
    )


def total_value(awards: list[Values], currency: str = "NOK") -> Decimal:
    """Sum of award values in one currency; a multi-supplier award counts once; cancelled awards not at all."""
    return sum(
        (
            a["value_amount"]
            for a in awards
            if a["value_amount"] is not None and a["value_currency"] == currency and a["status"] != "cancelled"
        ),
        Decimal(0),
    )


def supplier_totals(ix: Index, awards: list[Values], currency: str = "NOK") -> list[tuple[str, int, Decimal]]:
    """(supplier, awards won, value won) biggest first; a shared award's value is split equally between its winners."""
    counts: dict[str, int] = defaultdict(int)
    values: dict[str, Decimal] = defaultdict(Decimal)
    for a in awards:
        if a["status"] == "cancelled":
            continue
        winners = ix.winners.get((a["scheme_id"], a["award_id"]), [])
        for supplier in winners:
            counts[supplier] += 1
            if a["value_amount"] is not None and a["value_currency"] == currency:
                values[supplier] += a["value_amount"] / len(winners)
    rows = [(s, counts[s], values[s].quantize(Decimal("0.01"))) for s in counts]
    return sorted(rows, key=lambda r: (-r[2], -r[1], r[0]))

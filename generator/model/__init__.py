"""The model: the checked dataset's lookups and facts, built once after loading and used by every later stage.

The indicators, the pages, the feeds and the search documents all read it, so a fact (the data's today, a
scheme's winners, a supplier's name) has one answer on the whole site. The facts themselves are in `facts`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from operator import itemgetter
from typing import Any

from generator.load import Dataset
from generator.model.facts import admitted_at, as_of_date, is_open

Values = dict[str, Any]


@dataclass
class Buyer:
    id: str
    name: str
    schemes: list[Values] = field(default_factory=list)
    awards: list[Values] = field(default_factory=list)


@dataclass
class Model:
    """The dataset and its lookups by scheme, buyer and supplier, so no stage scans the whole dataset again."""

    dataset: Dataset  # the rows, with the file and line each came from

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
    scheme_sources: dict[str, list[Values]]  # the notices each imported scheme came from
    award_sources: dict[tuple[str, str], list[Values]]  # and each imported award
    as_of: date  # the data's today, its newest event (facts.as_of_date): "open" is judged on it, not on the clock

    def has_imported(self) -> bool:
        """Whether a record came from a published notice: then the data is not the fictional example, and the site
        must not say it is."""
        return bool(self.scheme_sources or self.award_sources)

    def without_buyer_id(self) -> tuple[int, int]:
        """Schemes and call-offs whose buyer has no id (a notice named it with no number an import could be sure
        of): they are on no buyer's page and in no buyer's figures, and the pages that compare buyers say how many."""
        return (
            sum(s["buyer_id"] is None for s in self.schemes.values()),
            sum(a["buyer_id"] is None for a in self.awards.values()),
        )

    def scheme_name(self, scheme: Values) -> str:
        """A scheme as the site names it: its title, else (a scheme known only from call-offs) its id."""
        name: str = scheme["title"] or scheme["scheme_id"]
        return name

    def supplier_name(self, supplier_id: str) -> str:
        return self.suppliers[supplier_id]["name"] if supplier_id in self.suppliers else supplier_id

    def admitted_count(self, scheme_id: str) -> int:
        """Suppliers admitted to the scheme (any category) on the data's today."""
        rows = self.admissions_by_scheme.get(scheme_id, [])
        return len({a["supplier_id"] for a in rows if admitted_at(a, self.as_of)})

    def admitted_supplier_count(self) -> int:
        """Suppliers admitted to at least one scheme on the data's today."""
        rows = self.admissions_by_supplier.items()
        return len({s for s, mine in rows if any(admitted_at(a, self.as_of) for a in mine)})

    def scheme_count(self, supplier_id: str) -> int:
        return len({a["scheme_id"] for a in self.admissions_by_supplier.get(supplier_id, [])})

    def is_open(self, scheme: Values) -> bool:
        """Open for applications: active and within its validity on the data's newest date (facts.is_open)."""
        return is_open(scheme, self.as_of)


def _sorted(rows: list[Values], *keys: str) -> list[Values]:
    """Rows by these columns, each column's unknown values (None) after its known ones."""
    try:
        # the columns' values themselves, compared in C without a key tuple per column: a national dataset sorts
        # a million rows here. Comparing None raises, so when nothing is raised no unknown value was compared and
        # every comparison went as it goes with the key below.
        return sorted(rows, key=itemgetter(*keys))
    except TypeError:  # an unknown value beside a known one
        return sorted(rows, key=lambda r: tuple((r[k] is None, r[k] or "") for k in keys))


def _newest(rows: list[Values]) -> list[Values]:
    """Awards newest first, by invitation date (else award date, as facts.award_year) then id, so pages are stable.

    As sorted(key=(day, scheme_id, award_id), reverse=True), in two stable sorts whose keys are looked up in C: by
    id, then by day (the ids' order kept among awards of one day). A key tuple made in Python per award cost more.

    >>> a = [{"invited": None, "awarded": None, "scheme_id": "s", "award_id": "1"},
    ...      {"invited": date(2024, 1, 2), "awarded": None, "scheme_id": "s", "award_id": "2"},
    ...      {"invited": None, "awarded": date(2024, 1, 2), "scheme_id": "t", "award_id": "1"}]
    >>> [(x["scheme_id"], x["award_id"]) for x in _newest(a)]
    [('t', '1'), ('s', '2'), ('s', '1')]
    """
    by_id = sorted(rows, key=itemgetter("scheme_id", "award_id"), reverse=True)
    days = [a["invited"] or a["awarded"] or date.min for a in by_id]
    return [by_id[i] for i in sorted(range(len(by_id)), key=days.__getitem__, reverse=True)]


def build_model(dataset: Dataset) -> Model:
    values = {name: [row.values for row in rows] for name, rows in dataset.tables.items()}
    categories: dict[str, list[Values]] = defaultdict(list)
    for c in _sorted(values["categories"], "scheme_id", "category_id"):
        categories[c["scheme_id"]].append(c)
    by_scheme: dict[str, list[Values]] = defaultdict(list)
    by_supplier: dict[str, list[Values]] = defaultdict(list)
    for a in _sorted(values["admissions"], "scheme_id", "admitted", "supplier_id", "category_id"):
        by_scheme[a["scheme_id"]].append(a)
        by_supplier[a["supplier_id"]].append(a)
    award_key = itemgetter("scheme_id", "award_id")  # (itemgetter: the keys of 200,000 awards are made in C)
    winners: dict[tuple[str, str], list[str]] = defaultdict(list)
    won = _sorted(values["award_suppliers"], "scheme_id", "award_id", "supplier_id")
    for key, supplier in zip(map(award_key, won), map(itemgetter("supplier_id"), won), strict=True):
        winners[key].append(supplier)
    newest = _newest(values["awards"])
    awards: dict[tuple[str, str], Values] = dict(zip(map(award_key, newest), newest, strict=True))
    awards_by_scheme: dict[str, list[Values]] = defaultdict(list)
    awards_by_supplier: dict[str, list[Values]] = defaultdict(list)
    for key, a in awards.items():
        awards_by_scheme[a["scheme_id"]].append(a)
        for supplier in winners.get(key, []):
            awards_by_supplier[supplier].append(a)
    schemes = {s["scheme_id"]: s for s in _sorted(values["schemes"], "scheme_id")}
    scheme_sources: dict[str, list[Values]] = defaultdict(list)
    for n in _sorted(values["scheme_sources"], "scheme_id", "published", "notice"):
        scheme_sources[n["scheme_id"]].append(n)
    award_sources: dict[tuple[str, str], list[Values]] = defaultdict(list)
    for n in _sorted(values["award_sources"], "scheme_id", "award_id", "published", "notice"):
        award_sources[(n["scheme_id"], n["award_id"])].append(n)
    buyers: dict[str, Buyer] = {}
    for s in schemes.values():
        if s["buyer_id"] is not None:  # a scheme known only from call-offs may have no known buyer: none is made up
            buyers.setdefault(s["buyer_id"], Buyer(s["buyer_id"], s["buyer_name"])).schemes.append(s)
    for a in awards.values():
        if a["buyer_id"] is not None:
            buyer = buyers.get(a["buyer_id"])
            if buyer is None:
                buyer = buyers[a["buyer_id"]] = Buyer(a["buyer_id"], a["buyer_name"])
            buyer.awards.append(a)
    return Model(
        dataset=dataset,
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
        scheme_sources=dict(scheme_sources),
        award_sources=dict(award_sources),
        as_of=as_of_date(dataset),
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


def supplier_totals(ix: Model, awards: list[Values], currency: str = "NOK") -> list[tuple[str, int, Decimal]]:
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

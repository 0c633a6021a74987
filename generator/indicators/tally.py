"""One pass over the awards and one over the admissions: the raw counts and sums of every scope.

Each call-off is added to the bucket of its category and buyer, each admission to its category and
scheme; the buckets are then merged into the wider scopes (scheme, buyer, overall). Every record is
worked on once and nothing is rescanned per scope. Money is kept as exact integers in
units of 1 / (10**places · lcm of winner counts), so an award split among k winners divides exactly.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import compress
from operator import attrgetter, itemgetter
from typing import NamedTuple

from generator.indicators.calloffs import Judges, call_off_totals, places_of, scaled, size_class
from generator.indicators.periods import category_index, days_to_admission, scheme_ends
from generator.indicators.scope import (
    FLAG_FIELDS,
    OVERALL,
    RED_FLAGS,
    SIGNAL_RULES,
    Scope,
    ScopeKey,
    Tally,
    add_counts,
    merge_admissions,
    merge_awards,
)
from generator.load import Row
from generator.model import Model, Values
from generator.model.facts import (
    admission_may_fall_after,
    year_of_life,
    years_after,
)
from generator.problems import Problem


class _Tallier:
    def __init__(self, model: Model, as_of: date) -> None:
        self.ds = dataset = model.dataset
        self.scopes: dict[ScopeKey, Scope] = defaultdict(Scope)
        self.scheme_buyer = {scheme_id: s["buyer_id"] for scheme_id, s in model.schemes.items()}
        self.sizes = {supplier_id: s["size"] for supplier_id, s in model.suppliers.items()}
        self.sized = {supplier_id: size_class(size) for supplier_id, size in self.sizes.items()}
        self.winners = model.winners
        self.lcm = math.lcm(1, *(len(w) for w in self.winners.values()))
        # each amount object once (equal amounts as written share one, load.rows.Shared): 27,000, not 200,000
        nok = {
            id(v["value_amount"]): v["value_amount"]
            for v in map(_VALUES, dataset.tables["awards"])
            if v["status"] == "awarded" and v["value_amount"] is not None and v["value_currency"] == "NOK"
        }
        self.places = max(map(places_of, nok.values()), default=0)
        self.unit = 10**self.places * self.lcm
        # each of those amounts in units, by the amount object's identity (each object is held by the rows, so its
        # identity is its own while the tally runs): scaled once per object, not once per call-off
        self.units = {key: scaled(amount, self.places, self.lcm) for key, amount in nok.items()}
        self.as_of = as_of
        self.window = years_after(as_of, -1)  # "the last 12 months": after this day, up to and including as_of
        self.starts = {scheme_id: s["valid_from"] for scheme_id, s in model.schemes.items()}
        # each red flag, what it is judged from, and its judgements so far by that
        self.judges: Judges = [(flag, itemgetter(*FLAG_FIELDS[flag]), {}) for flag in RED_FLAGS]
        self._seed()

    def _seed(self) -> None:
        """Every known scope gets its rows, even with nothing in it."""
        self.scopes[OVERALL]
        for s in self.ds.tables["schemes"]:
            self.scopes[("scheme", s.values["scheme_id"])]
            if s.values["buyer_id"]:
                self.scopes[("buyer", s.values["buyer_id"])]
        for c in self.ds.tables["categories"]:
            self.scopes[("category", f"{c.values['scheme_id']}/{c.values['category_id']}")]

    def scheme_keys(self, scheme: str, category: str | None) -> list[ScopeKey]:
        """The scopes of an admission: overall, the scheme, its owner, and the category if given."""
        keys: list[ScopeKey] = [OVERALL, ("scheme", scheme)]
        if self.scheme_buyer.get(scheme):
            keys.append(("buyer", self.scheme_buyer[scheme]))
        if category is not None:
            keys.append(("category", f"{scheme}/{category}"))
        return keys

    def award_keys(self, scheme: str, category: str | None, buyer: str | None) -> list[ScopeKey]:
        """The scopes of a call-off: the buyer is the one that ran it; no category's when it is unknown."""
        keys: list[ScopeKey] = [OVERALL, ("scheme", scheme)]
        if category is not None:
            keys.append(("category", f"{scheme}/{category}"))
        return [*keys, ("buyer", buyer)] if buyer else keys

    def add_awards(self) -> None:
        """Each call-off goes into the bucket of its category and buyer; the buckets are then merged into
        their scopes, so the work per call-off is done once, not once per scope. The first to fill the scopes:
        the schemes' are then their call-offs' totals, and are merged into the overall scope (a merge per scheme,
        not per bucket)."""
        index = category_index(self.ds.tables["admissions"])
        # categories whose count of admitted suppliers on a day is not known: one holds an admission known only
        # as "no later than" a day, or its scheme an admission to an unknown category
        unsure: set[tuple[str, str | None]] = {key for key in index if key[1] is None}
        for row in self.ds.tables["admissions"]:
            if row.values["admitted"] is None:
                unsure.add((row.values["scheme_id"], row.values["category_id"]))
        uncounted = {key for key in index if key in unsure or (key[0], None) in unsure}
        groups: dict[tuple[str, str | None, str | None], list[Values]] = {}
        values = [award.values for award in self.ds.tables["awards"]]
        for key, v in zip(map(_BUCKET, values), values, strict=True):
            group = groups.get(key)
            if group is None:
                group = groups[key] = []
            group.append(v)
        for (scheme, category, buyer), awards in groups.items():
            counted = index.get((scheme, category)) if (scheme, category) not in uncounted else None
            bucket = call_off_totals(
                awards,
                counted,
                lcm=self.lcm,
                units_of=self.units,
                winners_of=self.winners,
                sized_of=self.sized,
                judges=self.judges,
            )
            for scope in self.award_keys(scheme, category, buyer):
                if scope != OVERALL:
                    merge_awards(self.scopes[scope], bucket)
            for scope in self.scheme_keys(scheme, category):  # winning counts where the supplier was admitted
                if scope != OVERALL:
                    self.scopes[scope].won |= bucket.won
        overall = self.scopes[OVERALL]
        for scheme in dict.fromkeys(scheme for scheme, _, _ in groups):
            merge_awards(overall, self.scopes[("scheme", scheme)])
            overall.won |= self.scopes[("scheme", scheme)].won

    def add_admissions(self) -> None:
        """Needs the awards added first: a dormant admission is one whose supplier never won there.

        Each row goes into its category and (once per admission decision) its scheme; the schemes are
        then merged into their buyers and overall.
        """
        ends = scheme_ends(self.ds)
        as_of, window = self.as_of, self.window
        decisions: set[tuple[str, str, date]] = set()
        schemes: dict[str, None] = {}  # in order of appearance
        # per (scheme, category): the scheme's scope, then the category's if known, each with the dated admissions
        # it counts (counted together at the end, _count_admissions); the lists are looked up once per pair
        scopes_of: dict[tuple[str, str | None], list[tuple[Scope, list[Admission]]]] = {}
        made: dict[int, tuple[Scope, list[Admission]]] = {}
        starts = self.starts
        for row in self.ds.tables["admissions"]:
            v = row.values
            scheme, category, supplier, admitted = v["scheme_id"], v["category_id"], v["supplier_id"], v["admitted"]
            left = v["left"]
            gone = left is not None and left <= as_of
            scopes = scopes_of.get((scheme, category))
            if scopes is None:
                keys = (
                    [("scheme", scheme)]
                    if category is None
                    else [("scheme", scheme), ("category", f"{scheme}/{category}")]
                )
                scopes = scopes_of[(scheme, category)] = [
                    made.setdefault(id(self.scopes[key]), (self.scopes[key], [])) for key in keys
                ]
            for scope, _ in scopes:
                leavers = scope.leavers
                leavers[supplier] = leavers.get(supplier, True) and gone
            if category is None:
                scopes[0][0].unknown_category += 1
            end = ends.get(scheme)  # the earlier of that and the leaving; one unknown: the other
            ends_at = end if left is None else left if end is None or left < end else end
            if admitted is None:
                # known only as "no later than" a day: surely a member from then on, but its day, year and time to
                # admission are unknown, so it counts in no admission figure (an invalid date is reported already)
                if v["admitted_by"] is not None:
                    unsure = admission_may_fall_after(v, window)
                    for scope, _ in scopes:
                        scope.members.setdefault(supplier, []).append((v["admitted_by"], ends_at))
                        scope.undated += 1
                        scope.recent_unsure += unsure
                        scope.latest_undated = max(v["admitted_by"], scope.latest_undated or date.min)
                    schemes[scheme] = None
                continue
            period = (admitted, ends_at)
            requested = v["requested"]
            start = starts.get(scheme)
            when = Admission(
                admitted.year,
                days_to_admission(requested, admitted) if requested else None,
                window < admitted <= as_of,
                None if start is None else year_of_life(start, admitted),
                supplier,
            )
            # categories: null, an unknown category, counts in its scheme only; in a category, each category's
            # admission counts, in the scheme one admission decision (scheme, supplier, day)
            decision = (scheme, supplier, admitted)
            scope, counted = scopes[0]
            scope.members.setdefault(supplier, []).append(period)
            if decision not in decisions:
                counted.append(when)
                decisions.add(decision)
            if len(scopes) > 1:
                scope, counted = scopes[1]
                scope.members.setdefault(supplier, []).append(period)
                counted.append(when)
            schemes[scheme] = None
        for scope, counted in made.values():
            _count_admissions(scope, counted)
        for scheme in schemes:
            owner = self.scheme_buyer.get(scheme)
            for key in [OVERALL, ("buyer", owner)] if owner else [OVERALL]:
                merge_admissions(self.scopes[key], self.scopes[("scheme", scheme)])

    def add_schemes(self) -> None:
        for s in self.ds.tables["schemes"]:
            v = s.values
            checked = [
                r
                for r, ok in (
                    ("request-period", v["published"] and v["request_deadline"]),
                    ("no-end-date", v["status"] in ("pending", "active")),
                    ("buyer-name", v["buyer_id"] and v["buyer_name"]),
                )
                if ok
            ]
            for key in self.scheme_keys(v["scheme_id"], None):
                self.scopes[key].checked.update(checked)

    def add_signals(self, problems: Iterable[Problem]) -> None:
        """Each warning counts once in every scope its record belongs to; overall counts them all."""
        warnings = [p for p in set(problems) if p.severity == "warning" and p.rule in SIGNAL_RULES]
        files = {p.file for p in warnings}
        places: dict[tuple[str, int | None], set[ScopeKey]] = defaultdict(set)
        tables = self.ds.tables
        for s in _in_files(tables["schemes"], files):
            places[(s.file, None)].update(self.scheme_keys(s.values["scheme_id"], None))
        for a in _in_files(tables["awards"], files):
            v = a.values
            places[(a.file, None)].update(self.award_keys(v["scheme_id"], v["category_id"], v["buyer_id"]))
        for r in _in_files(tables["admissions"], files):
            keys = self.scheme_keys(r.values["scheme_id"], r.values["category_id"])
            places[(r.file, r.spot("admitted")[1])].update(keys)
        for p in warnings:
            scopes = places.get((p.file, p.line if p.rule == "admission-time" else None), set())
            for key in scopes | {OVERALL}:
                self.scopes[key].signals[p.rule] += 1


_FILE, _VALUES = attrgetter("file"), attrgetter("values")
_BUCKET = itemgetter("scheme_id", "category_id", "buyer_id")  # an award's bucket (_Tallier.add_awards)


def _in_files(rows: list[Row], files: set[str]) -> Iterator[Row]:
    """The rows from these files, in their order, picked in C (the warned files are few, the rows 300,000)."""
    return compress(rows, map(files.__contains__, map(_FILE, rows)))


class Admission(NamedTuple):
    """What the figures need of one dated admission (a named tuple: one is made per admission, and a frozen
    dataclass costs several times more to make)."""

    year: int
    days: int | None  # working days from request, if requested is known
    recent: bool  # made in the 12 months to the reference date
    life_year: int | None  # the year of its scheme's life it was made in (facts.year_of_life); None: start unknown
    supplier: str


# its fields by position, for map() in C
_YEAR, _DAYS, _RECENT, _LIFE_YEAR, _SUPPLIER = (itemgetter(n) for n in range(5))


def _count_admissions(scope: Scope, admissions: list[Admission]) -> None:
    """Count a scope's dated admissions, a figure at a time: a pass per figure over the list (in C where it can be)
    costs less than a call per admission (100,000 of them at national scale)."""
    if not admissions:
        return
    scope.admissions += len(admissions)
    years = Counter(map(_YEAR, admissions))
    add_counts(scope.admissions_by_year, years)
    first = min(years)
    if scope.first_year is None or first < scope.first_year:
        scope.first_year = first
    days = [d for d in map(_DAYS, admissions) if d is not None]
    if days:
        scope.days += days
        scope.checked["admission-time"] += len(days)
    scope.dormant += len(admissions) - sum(map(scope.won.__contains__, map(_SUPPLIER, admissions)))
    scope.recent += sum(map(_RECENT, admissions))
    life_years = [k for k in map(_LIFE_YEAR, admissions) if k is not None]
    scope.unknown_start += len(admissions) - len(life_years)
    add_counts(scope.admissions_by_life_year, Counter(life_years))
    scope.late += sum(k > 1 for k in life_years)
    scope.late_n += len(life_years)


def tally(model: Model, problems: Iterable[Problem], as_of: date | None = None) -> Tally:
    """Every scope's running totals, in one pass over each table; `as_of` instead of the data's today."""
    t = _Tallier(model, as_of or model.as_of)
    t.add_awards()
    t.add_admissions()
    t.add_schemes()
    t.add_signals(problems)
    return Tally(dict(t.scopes), t.sizes, t.as_of, t.unit, t.lcm)

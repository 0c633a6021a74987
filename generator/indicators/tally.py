"""One pass over the awards and one over the admissions: the raw counts and sums of every scope.

Each call-off is added to the bucket of its category and buyer, each admission to its category and
scheme; the buckets are then merged into the wider scopes (scheme, buyer, overall). Every record is
worked on once and nothing is rescanned per scope. Money is kept as exact integers in
units of 1 / (10**places · lcm of winner counts), so an award split among k winners divides exactly.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from operator import itemgetter
from typing import Any, NamedTuple

from generator.indicators.periods import category_index, days_to_admission, scheme_ends
from generator.indicators.scope import (
    FLAG_FIELDS,
    OVERALL,
    RED_FLAGS,
    SIGNAL_RULES,
    SIZES,
    SME_SIZES,
    Scope,
    ScopeKey,
    Tally,
    add_counts,
    merge_admissions,
    merge_awards,
)
from generator.model import Model, Values
from generator.model.facts import (
    AdmittedIndex,
    admission_may_fall_after,
    admitted_on,
    award_year,
    year_of_life,
    years_after,
)
from generator.ocds.calloff import cardinal_fields
from generator.problems import Problem


def _places(amount: Decimal) -> int:
    exponent = amount.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _scaled(amount: Decimal, places: int, lcm: int) -> int:
    """The amount as an exact integer number of units; raises if it is not exact."""
    units = amount.scaleb(places) * lcm
    if units != units.to_integral_value():
        raise ArithmeticError(f"{amount} is not a whole number of units")  # cannot happen: places covers it
    return int(units)


class _Tallier:
    def __init__(self, model: Model, as_of: date) -> None:
        self.ds = dataset = model.dataset
        self.scopes: dict[ScopeKey, Scope] = defaultdict(Scope)
        self.scheme_buyer = {scheme_id: s["buyer_id"] for scheme_id, s in model.schemes.items()}
        self.sizes = {supplier_id: s["size"] for supplier_id, s in model.suppliers.items()}
        self.sized = {supplier_id: _size_class(size) for supplier_id, size in self.sizes.items()}
        self.winners = model.winners
        self.lcm = math.lcm(1, *(len(w) for w in self.winners.values()))
        # each amount object once (equal amounts as written share one, load.rows.Shared): 27,000, not 200,000
        nok = {id(x): x for x in (a.values["value_amount"] for a in dataset.tables["awards"] if _in_nok(a.values))}
        self.places = max(map(_places, nok.values()), default=0)
        self.unit = 10**self.places * self.lcm
        self.as_of = as_of
        self.window = years_after(as_of, -1)  # "the last 12 months": after this day, up to and including as_of
        self.starts = {scheme_id: s["valid_from"] for scheme_id, s in model.schemes.items()}
        # each red flag, what it is judged from, and its judgements so far by that
        self.judges: list[tuple[str, itemgetter[Any], dict[Any, bool | None]]] = [
            (flag, itemgetter(*FLAG_FIELDS[flag]), {}) for flag in RED_FLAGS
        ]
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
        for award in self.ds.tables["awards"]:
            v = award.values
            key = (v["scheme_id"], v["category_id"], v["buyer_id"])
            group = groups.get(key)
            if group is None:
                group = groups[key] = []
            group.append(v)
        for (scheme, category, buyer), awards in groups.items():
            counted = index.get((scheme, category)) if (scheme, category) not in uncounted else None
            bucket = self._bucket(awards, counted)
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

    def _bucket(self, awards: list[Values], counted: AdmittedIndex | None) -> Scope:
        """The totals of the call-offs of one category and buyer. `counted`: the category's admissions, when its
        count of admitted suppliers on a day is known. Its loop runs once per call-off (200,000 at national scale),
        so what is the same for the whole bucket (the category's admissions, the unit) is looked up once, and the
        counts by year are kept in plain dicts until the end (a Counter's missing key costs a call)."""
        to = Scope()
        lcm, places, winners_of, sized_of, judges = self.lcm, self.places, self.winners, self.sized, self.judges
        checked: Counter[str] = Counter()
        flags: Counter[str] = Counter()
        awards_by_year: dict[int, int] = {}
        value_by_year: dict[int, int] = {}
        value_n_by_year: dict[int, int] = {}
        won, tenders_of, supplier_value = to.won, to.tenders, to.supplier_value
        first_year = None
        for v in awards:
            invited = v["invited"]
            year = award_year(v)
            if invited and v["tender_deadline"]:
                checked["tender-period"] += 1
            if invited and v["invited_count"] is not None:
                checked["all-invited"] += 1
            if v["buyer_id"] and v["buyer_name"]:
                checked["buyer-name"] += 1
            if year is not None and (first_year is None or year < first_year):
                first_year = year
            for flag, read, seen in judges:  # cancelled call-offs included
                key = read(v)
                judged = seen[key] if key in seen else _judge(flag, v, seen, key)
                if judged is not None:
                    checked[flag] += 1
                    flags[flag] += judged
            if v["status"] != "awarded":
                continue  # a cancelled call-off has no contract, value or winner
            winners = winners_of.get((v["scheme_id"], v["award_id"]), [])
            won.update(winners)
            k = len(winners)
            sizes = [sized_of.get(w, _UNKNOWN) for w in winners]
            sized = k > 0 and _UNKNOWN not in sizes
            sme = sizes.count(_SME)
            to.awards += 1
            if year is not None:
                awards_by_year[year] = awards_by_year.get(year, 0) + 1
            if sized:
                to.sized_awards += lcm
                to.sme_awards += lcm * sme // k
            if _in_nok(v):
                units = _scaled(v["value_amount"], places, lcm)
                to.value += units
                to.value_n += 1
                if year is not None:
                    value_by_year[year] = value_by_year.get(year, 0) + units
                    value_n_by_year[year] = value_n_by_year.get(year, 0) + 1
                if k:
                    to.concentration_n += 1
                    share = units // k
                    for w in winners:
                        supplier_value[w] = supplier_value.get(w, 0) + share
                if sized:
                    to.sized_value += units
                    to.sme_value += units * sme // k
                    to.sized_value_n += 1
            tenders = v["tenders"]
            if tenders is not None:
                tenders_of.append(tenders)
                to.single += tenders == 1
                sme_tenders = v["sme_tenders"]
                if sme_tenders is not None:
                    to.sme_tenders += sme_tenders
                    to.tenders_with_sme += tenders
                    to.sme_tenders_n += 1
                admitted = admitted_on(counted, invited) if counted is not None and invited else 0
                if admitted > 0:
                    to.ratio_tenders += tenders
                    to.ratio_admitted += admitted
                    to.ratio_n += 1
        to.first_year = first_year
        to.checked, to.flags = checked, flags
        to.awards_by_year.update(awards_by_year)
        to.value_by_year.update(value_by_year)
        to.value_n_by_year.update(value_n_by_year)
        return to

    def add_admissions(self) -> None:
        """Needs the awards added first: a dormant admission is one whose supplier never won there.

        Each row goes into its category and (once per admission decision) its scheme; the schemes are
        then merged into their buyers and overall.
        """
        ends = scheme_ends(self.ds)
        as_of, window = self.as_of, self.window
        decisions: set[tuple[str, str, date]] = set()
        schemes: dict[str, None] = {}  # in order of appearance
        scopes_of: dict[tuple[str, str | None], list[Scope]] = {}  # the scheme's scope, then the category's if known
        # the dated admissions each scope counts, with their suppliers: counted together at the end (_count_admissions)
        made: dict[int, tuple[Scope, list[tuple[Admission, str]]]] = {}
        for row in self.ds.tables["admissions"]:
            v = row.values
            scheme, category, supplier, admitted = v["scheme_id"], v["category_id"], v["supplier_id"], v["admitted"]
            left = v["left"]
            gone = left is not None and left <= as_of
            scopes = scopes_of.get((scheme, category))
            if scopes is None:
                scopes = scopes_of[(scheme, category)] = [self.scopes[("scheme", scheme)]]
                if category is not None:
                    scopes.append(self.scopes[("category", f"{scheme}/{category}")])
                for scope in scopes:
                    made.setdefault(id(scope), (scope, []))
            for scope in scopes:
                scope.leavers[supplier] = scope.leavers.get(supplier, True) and gone
            scopes[0].unknown_category += category is None
            ends_at = _earlier(left, ends.get(scheme))
            if admitted is None:
                # known only as "no later than" a day: surely a member from then on, but its day, year and time to
                # admission are unknown, so it counts in no admission figure (an invalid date is reported already)
                if v["admitted_by"] is not None:
                    unsure = admission_may_fall_after(v, window)
                    for scope in scopes:
                        scope.members.setdefault(supplier, []).append((v["admitted_by"], ends_at))
                        scope.undated += 1
                        scope.recent_unsure += unsure
                        scope.latest_undated = max(v["admitted_by"], scope.latest_undated or date.min)
                    schemes[scheme] = None
                continue
            period = (admitted, ends_at)
            days = days_to_admission(v["requested"], admitted) if v["requested"] else None
            start = self.starts.get(scheme)
            when = Admission(
                admitted.year,
                days,
                window < admitted <= as_of,
                None if start is None else year_of_life(start, admitted),
            )
            # categories: null, an unknown category, counts in its scheme only; in a category, each category's
            # admission counts, in the scheme one admission decision (scheme, supplier, day)
            decision = (scheme, supplier, admitted)
            for scope, unit in zip(scopes, (decision, None), strict=False):
                scope.members.setdefault(supplier, []).append(period)
                if unit is None or unit not in decisions:
                    made[id(scope)][1].append((when, supplier))
            decisions.add(decision)
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
        for s in self.ds.tables["schemes"]:
            if s.file in files:
                places[(s.file, None)].update(self.scheme_keys(s.values["scheme_id"], None))
        for a in self.ds.tables["awards"]:
            if a.file in files:
                v = a.values
                places[(a.file, None)].update(self.award_keys(v["scheme_id"], v["category_id"], v["buyer_id"]))
        for r in self.ds.tables["admissions"]:
            if r.file in files:
                keys = self.scheme_keys(r.values["scheme_id"], r.values["category_id"])
                places[(r.file, r.spot("admitted")[1])].update(keys)
        for p in warnings:
            scopes = places.get((p.file, p.line if p.rule == "admission-time" else None), set())
            for key in scopes | {OVERALL}:
                self.scopes[key].signals[p.rule] += 1


_UNKNOWN, _LARGE, _SME = 0, 1, 2  # a supplier's size as the award figures count it


def _size_class(size: str | None) -> int:
    return _SME if size in SME_SIZES else _LARGE if size in SIZES else _UNKNOWN


class Admission(NamedTuple):
    """What the figures need of one dated admission (a named tuple: one is made per admission, and a frozen
    dataclass costs several times more to make)."""

    year: int
    days: int | None  # working days from request, if requested is known
    recent: bool  # made in the 12 months to the reference date
    life_year: int | None  # the year of its scheme's life it was made in (facts.year_of_life); None: start unknown


def _count_admissions(scope: Scope, made: list[tuple[Admission, str]]) -> None:
    """Count a scope's dated admissions (with their suppliers), a figure at a time: a pass per figure over the list
    costs less than a call per admission (180,000 of them at national scale)."""
    if not made:
        return
    admissions = [admission for admission, _ in made]
    scope.admissions += len(admissions)
    years = Counter(admission.year for admission in admissions)
    add_counts(scope.admissions_by_year, years)
    first = min(years)
    if scope.first_year is None or first < scope.first_year:
        scope.first_year = first
    days = [admission.days for admission in admissions if admission.days is not None]
    if days:
        scope.days += days
        scope.checked["admission-time"] += len(days)
    won = scope.won
    scope.dormant += sum(supplier not in won for _, supplier in made)
    scope.recent += sum(admission.recent for admission in admissions)
    life_years = [admission.life_year for admission in admissions if admission.life_year is not None]
    scope.unknown_start += len(admissions) - len(life_years)
    add_counts(scope.admissions_by_life_year, Counter(life_years))
    scope.late += sum(k > 1 for k in life_years)
    scope.late_n += len(life_years)


def _judge(flag: str, award: Values, seen: dict[Any, bool | None], key: Any) -> bool | None:
    """A red flag judged on the call-off's tender as Cardinal would read it, made from the fields the flag reads."""
    tender = cardinal_fields({field: award[field] for field in FLAG_FIELDS[flag]})
    judged = seen[key] = RED_FLAGS[flag](tender)
    return judged


def _earlier(a: date | None, b: date | None) -> date | None:
    """The earlier of two days, either unknown (None): the known one."""
    return b if a is None else a if b is None else min(a, b)


def _in_nok(v: Values) -> bool:
    """Whether an award (its values) has a value in NOK to count: awarded, with a known amount in NOK."""
    return v["status"] == "awarded" and v["value_amount"] is not None and v["value_currency"] == "NOK"


def tally(model: Model, problems: Iterable[Problem], as_of: date | None = None) -> Tally:
    """Every scope's running totals, in one pass over each table; `as_of` instead of the data's today."""
    t = _Tallier(model, as_of or model.as_of)
    t.add_awards()
    t.add_admissions()
    t.add_schemes()
    t.add_signals(problems)
    return Tally(dict(t.scopes), t.sizes, t.as_of, t.unit, t.lcm)

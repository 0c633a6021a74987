"""The measures of the three claims (DESIGN §9) that are about schemes and categories rather than single records:
how long schemes run, how many running schemes still admit, admissions by year of a scheme's life, how many
suppliers a scheme or category holds and how that grew since the scheme's first year, and each scheme's figures
beside the median of comparable schemes.

They are computed from the tally and the figures of the scheme and category scopes (`figures.figures`), so a
scheme's count here is the count in its own row; nothing is counted twice in two ways.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import timedelta
from fractions import Fraction

from generator.indicators.definitions import Definition
from generator.indicators.figures import Exact, Raw, covering, median, middle, nearest_rank, ratio
from generator.indicators.scope import OVERALL, Scope, ScopeKey, Tally
from generator.model import Model, Values
from generator.model.facts import (
    days_run,
    is_open,
    ran_longer_than,
    run_stop,
    year_of_life,
    years_after,
    years_of_life,
)

HANDFUL = 5  # a framework agreement with several suppliers typically has three to five: a call-off reaching more
FRAMEWORK_YEARS = 4  # the longest a framework agreement may last (Directive 2014/24/EU Art. 33(1), FOA § 26-1)
YEAR_DAYS = Fraction(1461, 4)  # an average year, 365.25 days, for ages in years
PEERS = {  # a scheme's figure -> the median of comparable schemes' (each claim's main measure)
    "admissions-last-12-months": "peers-admissions-last-12-months",
    "admitted-suppliers": "peers-admitted-suppliers",
    "sme-share-value": "peers-sme-share-value",
}

Figures = dict[ScopeKey, dict[str, Raw]]
LifeYears = dict[ScopeKey, dict[str, dict[int, Raw]]]  # scope -> indicator -> year of a scheme's life -> figure


def cpv_division(scheme: Values) -> str | None:
    """A scheme's main CPV division: the first two digits of its CPV code (unknown for some imported schemes).

    >>> cpv_division({"cpv": "79540000-1"}), cpv_division({"cpv": None})
    ('79', None)
    """
    cpv: str | None = scheme["cpv"]
    return cpv[:2] if cpv else None


def _owner_scopes(model: Model, scheme_id: str) -> list[ScopeKey]:
    """Where a scheme's own figures are gathered: overall and its owner's (the buyer that set it up)."""
    owner = model.schemes[scheme_id]["buyer_id"]
    return [OVERALL, ("buyer", owner)] if owner else [OVERALL]


def claim_figures(model: Model, t: Tally, raws: Figures) -> Figures:
    """The scheme-level measures for every scope, from the tally and the scopes' figures already computed."""
    out: Figures = defaultdict(dict)
    ages: dict[ScopeKey, list[int]] = defaultdict(list)
    long_runs: Counter[ScopeKey] = Counter()
    running: dict[ScopeKey, list[str]] = defaultdict(list)
    for scheme_id, scheme in model.schemes.items():
        own = [*_owner_scopes(model, scheme_id), ("scheme", scheme_id)]
        days = days_run(scheme, t.as_of)
        if days is not None:  # on the dates, not the age in years rounded: 4.0 years may be a day more than four
            long_run = ran_longer_than(scheme["valid_from"], run_stop(scheme, t.as_of), FRAMEWORK_YEARS)
            for key in own:
                ages[key].append(days)
                long_runs[key] += long_run
        if is_open(scheme, t.as_of):
            for key in own:
                running[key].append(scheme_id)
        admitted = raws[("scheme", scheme_id)]["admitted-suppliers"]
        out[("scheme", scheme_id)]["admitted-growth"] = _growth(scheme, t.scopes[("scheme", scheme_id)], admitted, t)
    for key in t.scopes:
        if key[0] == "category":
            continue
        run = ages.get(key, [])
        age = median(run)
        out[key]["scheme-age"] = Raw(None if age is None else age / YEAR_DAYS, len(run))
        out[key]["long-running-share"] = ratio(long_runs[key], len(run), len(run))
        schemes = running.get(key, [])
        out[key]["recent-admission-share"] = _recent_share(schemes, t)
        now = [_value(raws[("scheme", s)]["admitted-suppliers"]) for s in schemes]
        out[key]["admitted-per-scheme-median"] = Raw(median(now), len(now))
        out[key]["admitted-per-scheme-p90"] = Raw(nearest_rank(now, 90), len(now))
        growths = [g for s in schemes if (g := out[("scheme", s)]["admitted-growth"].value) is not None]
        out[key]["admitted-growth-median"] = Raw(median(growths), len(growths))
        out[key]["wide-category-share"] = _wide_share(model, schemes, t, raws)
    return out


def _growth(scheme: Values, scope: Scope, now: Raw, t: Tally) -> Raw:
    """Suppliers admitted now ÷ suppliers admitted on the last day of the scheme's first year of life, for a
    running scheme past that year; n is the count on that day. No data for a scheme not running, of unknown start,
    still in its first year, or with an admission known only as "no later than" a day after that day (it may or
    may not have been made by then); none either, but numerator and denominator, when nobody was admitted then."""
    start = scheme["valid_from"]
    if start is None or not is_open(scheme, t.as_of) or year_of_life(start, t.as_of) == 1:
        return Raw(None, 0)
    last_day = years_after(start, 1) - timedelta(1)
    if scope.latest_undated is not None and scope.latest_undated > last_day:
        return Raw(None, 0)
    first = covering(scope.members.values(), last_day)
    return ratio(int(_value(now)), first, first)


def life_year_figures(model: Model, t: Tally, scopes: Iterable[str]) -> LifeYears:
    """Admissions by year of a scheme's life (facts.year_of_life), per scheme-year run in it, for the scopes of
    these kinds (overall, buyer or scheme): a scheme counts in each year of its life it has reached, for the part
    of that year it has run (to the reference date or its end). n is the number of schemes that have reached the
    year; a scheme of unknown start, and its admissions, are in no year (the tally counts those admissions apart)."""
    kinds = set(scopes)
    reached: dict[ScopeKey, Counter[int]] = defaultdict(Counter)
    run: dict[ScopeKey, dict[int, Fraction]] = defaultdict(lambda: defaultdict(Fraction))
    for scheme_id, scheme in model.schemes.items():
        start = scheme["valid_from"]
        if start is None:
            continue
        stop = run_stop(scheme, t.as_of)
        keys = [k for k in [*_owner_scopes(model, scheme_id), ("scheme", scheme_id)] if k[0] in kinds]
        for k, begin, end in years_of_life(start, stop):
            part = Fraction((min(end, stop) - begin).days, (end - begin).days)
            for key in keys:
                reached[key][k] += 1
                run[key][k] += part
    out: LifeYears = {}
    for key, scope in t.scopes.items():
        if key[0] not in kinds:
            continue
        counts = scope.admissions_by_life_year
        last = max([*counts, *reached[key]], default=0)
        out[key] = {
            "admissions-by-life-year": {
                k: _per_scheme_year(counts[k], run[key].get(k, Fraction(0)), reached[key][k])
                for k in range(1, last + 1)
            }
        }
    return out


def _per_scheme_year(admissions: int, scheme_years: Fraction, schemes: int) -> Raw:
    value = Fraction(admissions) / scheme_years if scheme_years else None
    return Raw(value, schemes, admissions, scheme_years)


def _value(raw: Raw) -> Exact:
    assert raw.value is not None, "a count is never missing"
    return raw.value


def _recent_share(schemes: Iterable[str], t: Tally) -> Raw:
    """Running schemes with an admission in the last 12 months ÷ running schemes of which that is known: a scheme
    with none dated in them, but one known only as "no later than" a day in them, is left out."""
    yes = known = 0
    for scheme_id in schemes:
        scope = t.scopes[("scheme", scheme_id)]
        if scope.recent:
            yes += 1
            known += 1
        elif not scope.recent_unsure:
            known += 1
    return ratio(yes, known, known)


def _wide_share(model: Model, schemes: Iterable[str], t: Tally, raws: Figures) -> Raw:
    """Categories of running schemes with more than a handful of suppliers admitted now ÷ such categories whose
    count is known: where a scheme has admissions to an unknown category, a category with a handful or fewer might
    hold more, so it is left out (one with more is surely above)."""
    wide = known = 0
    for scheme_id in schemes:
        unsure = t.scopes[("scheme", scheme_id)].unknown_category
        for category in model.categories.get(scheme_id, []):
            now = _value(raws[("category", f"{scheme_id}/{category['category_id']}")]["admitted-suppliers"])
            if now > HANDFUL:
                wide += 1
                known += 1
            elif not unsure:
                known += 1
    return ratio(wide, known, known)


def peer_figures(model: Model, t: Tally, raws: Figures, defs: dict[str, Definition]) -> Figures:
    """Each scheme's main figures beside the median of comparable schemes: the other running schemes of its main
    CPV division whose figure is computed (status ok). n is the number of those schemes."""
    divisions: dict[str, list[str]] = defaultdict(list)
    for scheme_id, scheme in model.schemes.items():
        division = cpv_division(scheme)
        if division is not None and is_open(scheme, t.as_of):
            divisions[division].append(scheme_id)
    # each running scheme's figure that counts (computed, status ok), and each division's sorted: a scheme's peers
    # are its division's without its own, so the sorting is done once per division, not once per scheme
    counts: dict[tuple[str, str], Exact] = {}
    for running in divisions.values():
        for scheme_id in running:
            for figure in PEERS:
                found = raws[("scheme", scheme_id)][figure]
                if found.value is not None and found.n >= defs[figure].min_n:
                    counts[(scheme_id, figure)] = found.value
    ordered = {
        (division, figure): sorted(counts[(s, figure)] for s in running if (s, figure) in counts)
        for division, running in divisions.items()
        for figure in PEERS
    }
    out: Figures = defaultdict(dict)
    for scheme_id, scheme in model.schemes.items():
        division = cpv_division(scheme)
        for figure, peer in PEERS.items():
            values = ordered.get((division, figure), []) if division else []
            own = counts.get((scheme_id, figure))
            if own is not None:  # among its division's: left out
                values = values.copy()
                del values[bisect_left(values, own)]
            out[("scheme", scheme_id)][peer] = Raw(middle(values), len(values))
    return out

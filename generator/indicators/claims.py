"""The measures of the three claims (DESIGN §9) that are about schemes and categories rather than single records:
how long schemes run, how many running schemes still admit, how many suppliers a scheme or category holds, and
each scheme's figures beside the median of comparable schemes.

They are computed from the figures of the scheme and category scopes (`figures.figures`), so a scheme's count here
is the count in its own row; nothing is counted twice in two ways.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from fractions import Fraction

from generator.indicators.definitions import Definition
from generator.indicators.figures import Exact, Raw, median, nearest_rank, ratio
from generator.indicators.tally import OVERALL, ScopeKey, Tally
from generator.model import Model, Values
from generator.model.facts import days_run, is_open, years_after

HANDFUL = 5  # a framework agreement with several suppliers typically has three to five: a call-off reaching more
FRAMEWORK_YEARS = 4  # the longest a framework agreement may last (Directive 2014/24/EU Art. 33(1), FOA § 26-1)
YEAR_DAYS = Fraction(1461, 4)  # an average year, 365.25 days, for ages in years
PEERS = {  # a scheme's figure -> the median of comparable schemes' (each claim's main measure)
    "admissions-last-12-months": "peers-admissions-last-12-months",
    "admitted-suppliers": "peers-admitted-suppliers",
    "sme-share-value": "peers-sme-share-value",
}

Figures = dict[ScopeKey, dict[str, Raw]]


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
        wider = _owner_scopes(model, scheme_id)
        days = days_run(scheme, t.as_of)
        if days is not None:
            start = scheme["valid_from"]
            long_run = days > (years_after(start, FRAMEWORK_YEARS) - start).days
            for key in [*wider, ("scheme", scheme_id)]:
                ages[key].append(days)
                long_runs[key] += long_run
        if is_open(scheme, t.as_of):
            for key in [*wider, ("scheme", scheme_id)]:
                running[key].append(scheme_id)
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
        out[key]["wide-category-share"] = _wide_share(model, schemes, t, raws)
    return out


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
    out: Figures = defaultdict(dict)
    for scheme_id, scheme in model.schemes.items():
        division = cpv_division(scheme)
        peers = [s for s in divisions.get(division, []) if s != scheme_id] if division else []
        for figure, peer in PEERS.items():
            found = [raws[("scheme", s)][figure] for s in peers]
            values = [r.value for r in found if r.value is not None and r.n >= defs[figure].min_n]
            out[("scheme", scheme_id)][peer] = Raw(median(values), len(values))
    return out

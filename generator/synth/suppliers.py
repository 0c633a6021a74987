"""The synthetic suppliers and their admissions to schemes.

Each trade has its pool of firms with heavy-tailed weights (most rarely bid, a few win much).
Every supplier is admitted somewhere; most are admitted within 10 working days of asking, a few
late, and a few leave later.
"""

from __future__ import annotations

from datetime import timedelta
from itertools import accumulate
from random import Random
from typing import Any

from generator.synth import names
from generator.synth.draw import NO_WEIGHTS, add_working_days, apportion, between, luhn_id, mod11_id, sample
from generator.synth.themes import THEMES, Theme
from generator.synth.world import DAY, LAST, Category, Scale, Scheme, Supplier

_SIZES = ("micro", "small", "medium", "large")
_SIZE_REACH = {"micro": 0.5, "small": 1.0, "medium": 2.0, "large": 4.0}
_CITY_WEIGHT = {"0301": 12, "4601": 6, "5001": 5, "1103": 4, "4204": 3, "3201": 3, "3301": 2, "3107": 2, "5501": 2}


def _firm_name(rng: Random, theme: Theme, size: str, country: str, form: str, words: tuple[str, ...]) -> str:
    trade = rng.choice(theme.trades)
    place = rng.choice(names.MUNICIPALITIES)[1]
    if country != "NO":
        return f"{rng.choice(words)} {theme.en if country == 'GB' else trade} {form}"
    roll = rng.random()
    if size == "micro" and roll < 0.3:
        return f"{rng.choice(names.FIRST_NAMES)} {rng.choice(names.SURNAMES)} {trade}"  # a sole proprietorship
    if size == "large" and roll < 0.5:
        return f"{rng.choice(names.PREFIXES)} {trade} Norge AS"
    if roll < 0.35:
        return f"{rng.choice(names.SURNAMES)} {trade} AS"
    if roll < 0.55:
        prefix = rng.choice(names.PREFIXES)
        return f"{prefix}{trade.lower()} AS" if prefix[-1] != trade[0].lower() else f"{prefix} {trade} AS"
    if roll < 0.8:
        return f"{place} {trade} AS"
    return f"{rng.choice(names.SURNAMES)} & {rng.choice(names.SURNAMES)} {trade} AS"


def _suppliers(
    rng: Random, theme: Theme, count: int, taken: set[str], named: set[str], special: list[str]
) -> list[Supplier]:
    cities = [_CITY_WEIGHT.get(code, 1) for code, _ in names.MUNICIPALITIES]
    drawn = []
    for _ in range(count):
        size = rng.choices(_SIZES, theme.sizes)[0]
        country, prefix, form, words = ("NO", "NO-BRC", "AS", ()) if rng.random() > 0.02 else rng.choice(names.FOREIGN)
        if country == "NO":
            number = mod11_id(rng, "34567", NO_WEIGHTS, taken)
        elif country == "DK":
            number = mod11_id(rng, "56789", NO_WEIGHTS[1:], taken)
        elif country == "SE":
            number = luhn_id(rng, taken)
        else:
            number = f"19{rng.randrange(10**6):06d}"  # beyond the Companies House numbers issued so far
        name = special.pop() if special and country == "NO" else _firm_name(rng, theme, size, country, form, words)
        while name in named:  # the name space is large; a clash just draws again, with a place to tell apart
            name = _firm_name(rng, theme, size, country, form, words)
            name = name if name not in named else f"{rng.choice(names.PLACES)} {name}"
        named.add(name)
        in_norway = country == "NO" and rng.random() < 0.93
        municipality = rng.choices(names.MUNICIPALITIES, cities)[0][0] if in_norway else None
        dormant = 0.08 if rng.random() < 0.45 else 1.0  # admitted "just in case", rarely bids
        weight = rng.paretovariate(1.1) * _SIZE_REACH[size] * dormant
        drawn.append(Supplier(f"{prefix}-{number}", name, size, country, municipality, theme, weight))
    return drawn


def _quotas(rng: Random, scale: Scale, schemes: list[Scheme]) -> dict[str, int]:
    """Admission rows per category and suppliers per theme.

    A theme needs at least as many suppliers as its largest category admits, and at most as many as
    its categories admit in all (so that everyone is admitted somewhere).
    """
    live = [scheme for scheme in schemes if scheme.status != "cancelled"]
    for scheme in live:
        years = max(0.3, (scheme.end - scheme.valid_from).days / 365) ** 0.5 if scheme.status != "pending" else 0.1
        for category in scheme.categories:
            category.weight = scheme.activity * rng.lognormvariate(0, 0.5) * years
    categories = [category for scheme in live for category in scheme.categories]
    by_theme: dict[str, list[int]] = {}  # theme key: the indices of its categories
    for index, theme_key in enumerate(scheme.theme.key for scheme in live for _ in scheme.categories):
        by_theme.setdefault(theme_key, []).append(index)
    rows = apportion(scale.admissions, [category.weight for category in categories], 1)
    while sum(max(rows[i] for i in indices) for indices in by_theme.values()) > scale.suppliers:
        big = max(range(len(rows)), key=lambda i: (rows[i], -i))  # flatten: the largest gives to a small one
        growable = [i for indices in by_theme.values() for i in indices if rows[i] < max(rows[j] for j in indices)]
        small = min(growable, key=lambda i: (rows[i], i), default=None)
        rows[big] -= 1
        if small is not None and rows[big] - rows[small] >= 1:
            rows[small] += 1  # else the categories cannot hold that many rows: fewer admissions
    for category, count in zip(categories, rows, strict=True):
        category.quota = count
    least = [max(rows[i] for i in indices) for indices in by_theme.values()]
    most = [sum(rows[i] for i in indices) for indices in by_theme.values()]
    weights = [sum(categories[i].weight for i in indices) for indices in by_theme.values()]
    return dict(zip(by_theme, apportion(scale.suppliers, weights, least, most), strict=True))


def _draw_members(
    rng: Random, pool: list[Supplier], cumulative: list[float], inside: set[str], need: int
) -> list[Supplier]:
    """`need` suppliers not yet inside, by weight: rejection sampling while it is cheap, exact keys after."""
    picked: list[Supplier] = []
    for _ in range(5):
        if len(picked) == need or need * 4 > len(pool) - len(inside):
            break
        for supplier in rng.choices(pool, cum_weights=cumulative, k=need - len(picked)):
            if supplier.id not in inside:
                inside.add(supplier.id)
                picked.append(supplier)
    rest = [supplier for supplier in pool if supplier.id not in inside]
    return picked + sample(rng, rest, [supplier.weight for supplier in rest], need - len(picked))


def _admit(rng: Random, scheme: Scheme, supplier: Supplier, categories: list[Category], anchor: bool) -> None:
    """One admission: the request, the decision (now and then late), perhaps leaving later."""
    late_start = scheme.valid_from
    late_end = min(scheme.end, LAST) - timedelta(days=60)
    if anchor or scheme.status == "pending" or late_end <= late_start or rng.random() < 0.45:
        requested = between(rng, scheme.published + DAY, min(scheme.request_deadline, LAST - timedelta(days=60)))
    else:
        requested = between(rng, late_start, late_end)
    roll = rng.random()
    delay = rng.randint(16, 30) if roll < 0.012 else rng.randint(11, 15) if roll < 0.035 else rng.randint(1, 10)
    admitted = min(add_working_days(requested, delay), LAST)
    left = None
    if not anchor and scheme.status != "pending" and rng.random() < 0.07 and admitted + timedelta(180) < LAST:
        left = between(rng, admitted + timedelta(days=120), LAST - timedelta(days=10))
    keys = [category.key for category in categories if category.key is not None]
    supplier.admissions.append(
        {"scheme": scheme.id, "categories": keys or None, "requested": requested, "admitted": admitted, "left": left}
    )
    for category in categories:
        category.spans.append((admitted, left, supplier))


def admit_suppliers(rng: Random, scale: Scale, schemes: list[Scheme]) -> list[Supplier]:
    """Every supplier, by id, each admitted to one or more categories (filling their members and spans)."""
    pool_sizes = _quotas(rng, scale, schemes)
    live = [scheme for scheme in schemes if scheme.status != "cancelled"]
    taken: set[str] = set()
    named: set[str] = set()
    special = list(reversed(names.SPECIAL_NAMES))
    suppliers: list[Supplier] = []
    for key, size in pool_sizes.items():
        theme = next(theme for theme in THEMES if theme.key == key)
        pool = _suppliers(rng, theme, size, taken, named, special)
        suppliers += pool
        categories = [category for scheme in live if scheme.theme.key == key for category in scheme.categories]
        slots = [category for category in categories for _ in range(category.quota)]
        rng.shuffle(slots)
        for supplier, category in zip(pool, slots, strict=False):  # everyone is admitted somewhere
            category.members.append(supplier)
        cumulative = list(accumulate(supplier.weight for supplier in pool))
        for category in categories:
            inside = {supplier.id for supplier in category.members}
            category.members += _draw_members(rng, pool, cumulative, inside, category.quota - len(category.members))
    for scheme in live:
        grouped: dict[str, tuple[Supplier, list[Category], bool]] = {}
        for category in scheme.categories:
            for position, supplier in enumerate(category.members):
                who, joined, anchor = grouped.setdefault(supplier.id, (supplier, [], False))
                grouped[supplier.id] = (who, [*joined, category], anchor or position == 0)
        for supplier, joined, anchor in grouped.values():
            _admit(rng, scheme, supplier, joined, anchor)
        for category in scheme.categories:
            category.spans.sort(key=lambda span: (span[0], span[2].id))
    return sorted(suppliers, key=lambda supplier: supplier.id)


def supplier_record(supplier: Supplier) -> dict[str, Any]:
    """A supplier's record, its admissions in the order they were made."""
    return {
        "id": supplier.id,
        "name": supplier.name,
        "size": supplier.size,
        "country": supplier.country,
        "municipality": supplier.municipality,
        "admissions": sorted(supplier.admissions, key=lambda admission: (admission["admitted"], admission["scheme"])),
    }

"""The synthetic buyers and their schemes: who runs which trade's scheme, when, with which categories.

Buyers of five kinds run schemes; a few schemes are pending, terminated or cancelled, some have no
end date, and about a fifth have no categories of their own.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from random import Random
from typing import Any

from generator.synth import names
from generator.synth.draw import NO_WEIGHTS, between, mod11_id, notice_id, prose
from generator.synth.themes import THEMES, Theme
from generator.synth.world import LAST, Buyer, Category, Scale, Scheme

_KIND_WEIGHTS = {names.KOMMUNE: 45, names.FYLKE: 12, names.STAT: 15, names.HELSE: 13, names.SENTRAL: 15}
_THEME_WEIGHT = {"tolk": 3, "transport": 3, "renhold": 2, "helsevikar": 2, "handverk": 2, "it": 1.5, "veg": 0.7}
_FOLDS: dict[str, str | int | None] = {"æ": "ae", "ø": "o", "å": "a", "é": "e", "ö": "o", "ä": "a"}
_FOLDED = str.maketrans(_FOLDS)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().translate(_FOLDED)).strip("-")


def all_buyers() -> dict[str, list[Buyer]]:
    """Every buyer by kind, each with a fictional organisation number fixed by its name (not by the seed)."""
    named = {
        names.KOMMUNE: [f"{name} kommune" for _, name in names.MUNICIPALITIES],
        names.FYLKE: [f"{name} fylkeskommune" for name in names.COUNTIES],
        names.STAT: list(names.STATE_AGENCIES),
        names.HELSE: list(names.HEALTH_TRUSTS),
        names.SENTRAL: [name for name, _ in names.PURCHASING_BODIES],
    }
    taken: set[str] = set()
    return {
        kind: [Buyer("NO-BRC-" + mod11_id(Random(name), "12", NO_WEIGHTS, taken), name, kind) for name in kind_names]
        for kind, kind_names in named.items()
    }


def _counts(size: int, share: float, least: int, needed_from: int) -> int:
    return max(least, round(size * share)) if size >= needed_from else round(size * share)


def draw_schemes(rng: Random, scale: Scale, buyers: dict[str, list[Buyer]]) -> list[Scheme]:
    """The scale's schemes, each with its buyer, trade, dates, members and categories."""
    count = scale.schemes
    kinds = rng.sample(names.KINDS, min(count, len(names.KINDS)))
    kinds += rng.choices(list(_KIND_WEIGHTS), list(_KIND_WEIGHTS.values()), k=count - len(kinds))
    order = list(range(count))
    rng.shuffle(order)
    pending, terminated, cancelled = (
        _counts(count, share, 1, needed_from) for share, needed_from in ((0.03, 8), (0.04, 3), (0.01, 1000))
    )
    status = ["active"] * count
    for index in order[:pending]:
        status[index] = "pending"
    for index in order[pending : pending + terminated]:
        status[index] = "terminated"
    for index in order[pending + terminated : pending + terminated + cancelled]:
        status[index] = "cancelled"
    rng.shuffle(order)
    no_end = set([i for i in order if status[i] in ("active", "pending")][: _counts(count, 0.05, 1, 8)])
    short = set(order[: _counts(count, 0.02, 1, 8)])
    bare = set(order[-_counts(count, 0.2, 1, 3) :])  # schemes without categories
    pools = {kind: rng.sample(pool, len(pool)) for kind, pool in buyers.items()}
    used_themes: list[str] = []
    ids: set[str] = set()
    schemes = []
    for index, kind in enumerate(kinds):
        pool = pools[kind]
        buyer = rng.choices(pool, [1 / (rank + 1) ** 0.8 for rank in range(len(pool))])[0]
        themes = [theme for theme in THEMES if kind in theme.kinds]
        weights = [_THEME_WEIGHT.get(theme.key, 1.0) * 0.3 ** used_themes.count(theme.key) for theme in themes]
        theme = rng.choices(themes, weights)[0]
        used_themes.append(theme.key)
        schemes.append(_scheme(rng, scale, status[index], theme, buyer, index in no_end, index in short, pools, ids))
    _categorise(rng, scale, schemes, bare)
    return schemes


def _scheme(
    rng: Random,
    scale: Scale,
    status: str,
    theme: Theme,
    buyer: Buyer,
    no_end: bool,
    short: bool,
    pools: dict[str, list[Buyer]],
    ids: set[str],
) -> Scheme:
    start = date(scale.first_year, 1, 1)
    if status == "pending":
        published = LAST - timedelta(days=rng.randint(60, 100))
    elif status == "terminated":
        published = between(rng, start, LAST - timedelta(days=900))
    else:
        published = between(rng, start, LAST - timedelta(days=300))
    deadline = published + timedelta(days=rng.randint(20, 28) if short else rng.randint(30, 45))
    valid_from = deadline + timedelta(days=rng.randint(5, 25))
    if status == "pending":
        valid_from = max(valid_from, LAST + timedelta(days=rng.randint(15, 60)))
    valid_to = valid_from + timedelta(days=365 * rng.choice((4, 4, 5, 6, 8, 10)) - 1)
    while status in ("active", "pending") and valid_to < LAST + timedelta(days=90):
        valid_to += timedelta(days=365)
    ended = (
        between(rng, valid_from + timedelta(days=400), LAST - timedelta(days=30)) if status == "terminated" else None
    )
    base = f"{theme.key}-{_slug(buyer.name)}"[:70].strip("-")
    scheme_id = base if base not in ids else f"{base}-{published.year}"
    again = 1
    while scheme_id in ids:  # the same buyer tendering the same kind of scheme again in one year
        again += 1
        scheme_id = f"{base}-{published.year}-{again}"
    ids.add(scheme_id)
    member_kind = dict(names.PURCHASING_BODIES).get(buyer.name, buyer.kind)  # who may call off from it
    members = []
    if buyer.kind == names.SENTRAL or rng.random() < 0.2:
        others = [other for other in pools[member_kind] if other.id != buyer.id]
        members = rng.sample(others, min(len(others), rng.randint(2, 8)))
    return Scheme(
        scheme_id, theme, buyer, status, published, deadline, valid_from, None if no_end else valid_to, ended,
        [], members, rng.lognormvariate(0, 0.6),
    )  # fmt: skip


def _categorise(rng: Random, scale: Scale, schemes: list[Scheme], bare: set[int]) -> None:
    """Give schemes categories so that the categories table has exactly `scale.categories` rows."""
    split = [i for i in range(len(schemes)) if i not in bare]
    sizes = dict.fromkeys(split, 2)
    extra = scale.categories - len(bare) - 2 * len(split)
    room = [i for i in split if len(schemes[i].theme.categories) > 2]
    for _ in range(extra):
        pick = rng.randrange(len(room))
        sizes[room[pick]] += 1
        if sizes[room[pick]] == len(schemes[room[pick]].theme.categories):
            room.pop(pick)
    for index, scheme in enumerate(schemes):
        if index in bare:
            scheme.categories = [Category(None, scheme.theme.title, scheme.theme.cpv)]
        else:
            chosen = sorted(rng.sample(range(len(scheme.theme.categories)), sizes[index]))
            scheme.categories = [Category(*scheme.theme.categories[j]) for j in chosen]


def scheme_record(rng: Random, scheme: Scheme, counters: dict[int, int]) -> dict[str, Any]:
    """A scheme's record, its fields in the order of DESIGN §2."""
    theme = scheme.theme
    title = rng.choice(
        (f"Dynamisk innkjøpsordning for {theme.title}", f"DIS {theme.title}", f"{theme.title.capitalize()} – DPS")
    )
    categories = [
        {
            "id": category.key,
            "title": category.title,
            "description": f"Omfatter {category.title.lower()} for {scheme.buyer.name}."
            if rng.random() < 0.3
            else None,
            "cpv": category.cpv,
        }
        for category in scheme.categories
        if category.key is not None
    ]
    amount = round(theme.value * rng.uniform(20, 150), -5)
    ended = scheme.terminated
    return {
        "id": scheme.id,
        "title": title,
        "description": prose(rng, names.SCHEME_NOTES, f"{scheme.buyer.name} kjøper {theme.title} gjennom ordningen."),
        "buyer": {"id": scheme.buyer.id, "name": scheme.buyer.name},
        "type": "open" if scheme.members and rng.random() < 0.7 else "closed",
        "status": scheme.status,
        "cpv": theme.cpv,
        "categories": categories or None,
        "notices": {
            "doffin": notice_id(rng, scheme.published.year, counters),
            "ted": f"{rng.randint(100_000, 799_999)}-{scheme.published.year}" if amount > 5_000_000 else None,
        },
        "published": scheme.published,
        "request_deadline": scheme.request_deadline,
        "valid_from": scheme.valid_from,
        "valid_to": scheme.valid_to,
        "estimated_value": {"amount": int(amount), "currency": "NOK"},
        "url": f"https://example.org/dps/{scheme.id}" if rng.random() < 0.5 else None,
        "terminated": {"date": ended, "notice": notice_id(rng, ended.year, counters)} if ended else None,
    }

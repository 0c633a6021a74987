"""Synth: seeded, valid, realistic-looking DPS records at three scales (DESIGN §7).

`synthesize(scale, seed)` builds every record file in memory as (relative path, YAML text), sorted;
`write_dataset(files, out)` writes them. The same scale and seed give byte-identical files: all
randomness comes from one `random.Random(seed)` and nothing iterates a set or depends on hashing.

The market it draws: buyers of five kinds run schemes split into categories; suppliers are admitted
(most within 10 working days, a few late), a few leave; each call-off invites every supplier
admitted on that day, and bidding and winning follow heavy-tailed supplier weights, so most admitted
suppliers never win and a few win much. Organisation numbers pass mod-11 but start with 1-7, so none
is real.
"""

from __future__ import annotations

import math
import re
from bisect import bisect
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from itertools import accumulate
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from pathlib import Path
from random import Random
from typing import Any

import holidays

from generator.synth import names as n
from generator.synth.names import Theme

Files = list[tuple[str, str]]  # (path relative to the data folder, file text)


@dataclass(frozen=True)
class Scale:
    schemes: int
    categories: int  # rows of the categories table, a scheme's implicit category included
    suppliers: int
    admissions: int  # rows of the admissions table (supplier x category); fewer if the categories cannot hold them
    awards: int
    first_year: int  # earliest publication of a scheme


SCALES = {
    "tiny": Scale(3, 5, 20, 30, 30, 2023),
    "small": Scale(10, 30, 180, 700, 600, 2021),
    "national": Scale(1_000, 5_000, 20_000, 100_000, 200_000, 2017),
}
LAST = date(2026, 11, 15)  # the data's "today": no event is dated later
DAY = timedelta(days=1)
_KIND_WEIGHTS = {n.KOMMUNE: 45, n.FYLKE: 12, n.STAT: 15, n.HELSE: 13, n.SENTRAL: 15}
_SIZES = ("micro", "small", "medium", "large")
_SIZE_REACH = {"micro": 0.5, "small": 1.0, "medium": 2.0, "large": 4.0}
_THEME_WEIGHT = {"tolk": 3, "transport": 3, "renhold": 2, "helsevikar": 2, "handverk": 2, "it": 1.5, "veg": 0.7}
_CITY_WEIGHT = {"0301": 12, "4601": 6, "5001": 5, "1103": 4, "4204": 3, "3201": 3, "3301": 2, "3107": 2, "5501": 2}


@dataclass(slots=True)
class Buyer:
    id: str
    name: str
    kind: str


@dataclass(slots=True)
class Category:
    key: str | None  # None: the scheme's implicit category
    title: str
    cpv: str
    weight: float = 1.0
    quota: int = 0  # admission rows to draw
    members: list[Supplier] = field(default_factory=list)
    spans: list[tuple[date, date | None, Supplier]] = field(default_factory=list)  # (admitted, left, who)


@dataclass(slots=True)
class Scheme:
    id: str
    theme: Theme
    buyer: Buyer
    status: str
    published: date
    request_deadline: date
    valid_from: date
    valid_to: date | None
    terminated: date | None
    categories: list[Category]
    members: list[Buyer]  # other buyers that call off from it
    activity: float

    @property
    def end(self) -> date:
        return min(d for d in (self.valid_to, self.terminated, LAST) if d is not None)


@dataclass(slots=True)
class Supplier:
    id: str
    name: str
    size: str
    country: str
    municipality: str | None
    theme: Theme
    weight: float
    admissions: list[dict[str, Any]] = field(default_factory=list)


# --- numbers, dates and counts -------------------------------------------------------------------


def _mod11_id(rng: Random, first: str, weights: tuple[int, ...], taken: set[str]) -> str:
    """A fresh number whose weighted digit sum is 0 mod 11 (last weight 1): Norwegian orgnr, Danish CVR."""
    while True:
        body = rng.choice(first) + "".join(rng.choice("0123456789") for _ in weights[2:])
        check = -sum(w * int(d) for w, d in zip(weights, body, strict=False)) % 11
        if check < 10 and body + str(check) not in taken:
            taken.add(body + str(check))
            return body + str(check)


def _luhn_id(rng: Random, taken: set[str]) -> str:
    """A Swedish-looking organisationsnummer (aktiebolag, 556...) with a Luhn check digit."""
    while True:
        body = "556" + "".join(rng.choice("0123456789") for _ in range(6))
        digits = [int(d) * (2 - i % 2) for i, d in enumerate(body)]
        number = body + str(-sum(d // 10 + d % 10 for d in digits) % 10)
        if number not in taken:
            taken.add(number)
            return number


_NO_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2, 1)


@cache
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("NO", years=year))


def add_working_days(day: date, count: int) -> date:
    """The date `count` Norwegian working days after `day` (weekends and public holidays skipped).

    >>> add_working_days(date(2024, 3, 27), 1)  # Easter 2024: 28 March to 1 April
    datetime.date(2024, 4, 2)
    """
    while count > 0:
        day += DAY
        if day.weekday() < 5 and day not in _holidays(day.year):
            count -= 1
    return day


def _between(rng: Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


def apportion(total: int, weights: list[float], floor: int | list[int] = 0, caps: list[int] | None = None) -> list[int]:
    """Whole numbers summing to `total`, proportional to weights, each at least its floor and at most its cap.

    >>> apportion(10, [1.0, 1.0, 2.0]), apportion(10, [1.0, 1.0, 8.0], caps=[5, 5, 4])
    ([3, 2, 5], [3, 3, 4])
    """
    caps = caps if caps is not None else [total] * len(weights)
    floors = floor if isinstance(floor, list) else [floor] * len(weights)
    counts = [min(least, cap) for least, cap in zip(floors, caps, strict=True)]
    remaining = total - sum(counts)
    while remaining > 0:
        free = [i for i, w in enumerate(weights) if counts[i] < caps[i] and w > 0]
        if not free:
            raise ValueError(f"cannot place {remaining} more within the caps")
        scale = remaining / sum(weights[i] for i in free)
        fractions = []
        for i in free:
            share = weights[i] * scale
            whole = min(int(share), caps[i] - counts[i])
            counts[i] += whole
            remaining -= whole
            fractions.append((whole - share, i))
        for _, i in sorted(fractions):
            if remaining and counts[i] < caps[i]:
                counts[i] += 1
                remaining -= 1
    return counts


def _sample(rng: Random, items: list[Any], weights: list[float], k: int) -> list[Any]:
    """k distinct items drawn with probability by weight."""
    if k >= len(items):
        return list(items)
    if 4 * k <= len(items):  # few from many: draw and redraw on a repeat
        cum = list(accumulate(weights))
        picked: list[int] = []
        for _ in range(20 * k):
            i = bisect(cum, rng.random() * cum[-1])
            if i not in picked:
                picked.append(i)
                if len(picked) == k:
                    return [items[i] for i in picked]
    keys = sorted(((rng.random() ** (1.0 / w), i) for i, w in enumerate(weights)), reverse=True)  # Efraimidis-Spirakis
    return [items[i] for _, i in keys[:k]]


# --- YAML ------------------------------------------------------------------------------------------

_PLAIN = re.compile(r"[a-z][a-z0-9-]*")
_YAML11_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})


def _quote(text: str) -> str:
    """A YAML double-quoted scalar: JSON's escapes, plus \\U escapes for anything YAML will not read raw."""
    quoted = encode_basestring(text)
    if quoted.isprintable():
        return quoted
    return "".join(c if c.isprintable() else f"\\U{ord(c):08x}" for c in quoted)


def _scalar(value: str | int | Decimal | date) -> str:
    kind = type(value)
    if kind is str:
        return value if _PLAIN.fullmatch(value) and value not in _YAML11_WORDS else _quote(value)  # type: ignore[arg-type]
    if kind is date:
        return value.isoformat()  # type: ignore[union-attr]
    return str(value)


def _is_block(text: str) -> bool:
    """Multi-line text that a literal block (|-) keeps exactly."""
    lines = text.split("\n")
    return len(lines) > 1 and all(line == line.strip() and line.isprintable() and line for line in lines)


def _emit(record: dict[str, Any], indent: str, out: list[str]) -> None:
    for key, value in record.items():
        kind = type(value)
        if value is None:
            continue
        if kind is dict:
            out.append(f"{indent}{key}:")
            _emit(value, indent + "  ", out)
        elif kind is list and type(value[0]) is dict:
            out.append(f"{indent}{key}:")
            for item in value:
                start = len(out)
                _emit(item, indent + "    ", out)
                out[start] = f"{indent}  - {out[start][len(indent) + 4 :]}"
        elif kind is list:
            out.append(f"{indent}{key}: [{', '.join(_scalar(v) for v in value)}]")
        elif kind is str and "\n" in value and _is_block(value):
            out.append(f"{indent}{key}: |-")
            out.extend(f"{indent}  {line}" for line in value.split("\n"))
        else:
            out.append(f"{indent}{key}: {_scalar(value)}")


def render(record: dict[str, Any]) -> str:
    """One record as YAML: fields in the given order, None left out, text quoted unless it is a plain slug.

    >>> print(render({"id": "NO-BRC-312345676", "size": "small", "municipality": "0301", "left": None}), end="")
    id: "NO-BRC-312345676"
    size: small
    municipality: "0301"
    """
    out: list[str] = []
    _emit(record, "", out)
    return "\n".join(out) + "\n"


# --- the world: buyers, schemes, categories ------------------------------------------------------


def _slug(text: str) -> str:
    text = text.lower().translate(str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e", "ö": "o", "ä": "a"}))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _buyers() -> dict[str, list[Buyer]]:
    """Every buyer by kind, each with a fictional organisation number fixed by its name (not by the seed)."""
    named = {
        n.KOMMUNE: [f"{name} kommune" for _, name in n.MUNICIPALITIES],
        n.FYLKE: [f"{name} fylkeskommune" for name in n.COUNTIES],
        n.STAT: list(n.STATE_AGENCIES),
        n.HELSE: list(n.HEALTH_TRUSTS),
        n.SENTRAL: [name for name, _ in n.PURCHASING_BODIES],
    }
    taken: set[str] = set()
    return {
        kind: [Buyer("NO-BRC-" + _mod11_id(Random(name), "12", _NO_WEIGHTS, taken), name, kind) for name in names]
        for kind, names in named.items()
    }


def _counts(size: int, share: float, least: int, needed_from: int) -> int:
    return max(least, round(size * share)) if size >= needed_from else round(size * share)


def _schemes(rng: Random, scale: Scale, buyers: dict[str, list[Buyer]]) -> list[Scheme]:
    count = scale.schemes
    kinds = rng.sample(n.KINDS, min(count, len(n.KINDS)))
    kinds += rng.choices(list(_KIND_WEIGHTS), list(_KIND_WEIGHTS.values()), k=count - len(kinds))
    order = list(range(count))
    rng.shuffle(order)
    pending, terminated, cancelled = (_counts(count, s, 1, m) for s, m in ((0.03, 8), (0.04, 3), (0.01, 1000)))
    status = ["active"] * count
    for i in order[:pending]:
        status[i] = "pending"
    for i in order[pending : pending + terminated]:
        status[i] = "terminated"
    for i in order[pending + terminated : pending + terminated + cancelled]:
        status[i] = "cancelled"
    rng.shuffle(order)
    no_end = set([i for i in order if status[i] in ("active", "pending")][: _counts(count, 0.05, 1, 8)])
    short = set(order[: _counts(count, 0.02, 1, 8)])
    bare = set(order[-_counts(count, 0.2, 1, 3) :])  # schemes without categories
    pools = {kind: rng.sample(pool, len(pool)) for kind, pool in buyers.items()}
    used_themes: list[str] = []
    ids: set[str] = set()
    schemes = []
    for i, kind in enumerate(kinds):
        pool = pools[kind]
        buyer = rng.choices(pool, [1 / (j + 1) ** 0.8 for j in range(len(pool))])[0]
        themes = [t for t in n.THEMES if kind in t.kinds]
        weights = [_THEME_WEIGHT.get(t.key, 1.0) * 0.3 ** used_themes.count(t.key) for t in themes]
        theme = rng.choices(themes, weights)[0]
        used_themes.append(theme.key)
        schemes.append(_scheme(rng, scale, status[i], theme, buyer, i in no_end, i in short, pools, ids))
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
        published = _between(rng, start, LAST - timedelta(days=900))
    else:
        published = _between(rng, start, LAST - timedelta(days=300))
    deadline = published + timedelta(days=rng.randint(20, 28) if short else rng.randint(30, 45))
    valid_from = deadline + timedelta(days=rng.randint(5, 25))
    if status == "pending":
        valid_from = max(valid_from, LAST + timedelta(days=rng.randint(15, 60)))
    valid_to = valid_from + timedelta(days=365 * rng.choice((4, 4, 5, 6, 8, 10)) - 1)
    while status in ("active", "pending") and valid_to < LAST + timedelta(days=90):
        valid_to += timedelta(days=365)
    ended = (
        _between(rng, valid_from + timedelta(days=400), LAST - timedelta(days=30)) if status == "terminated" else None
    )
    base = f"{theme.key}-{_slug(buyer.name)}"[:70].strip("-")
    scheme_id = base if base not in ids else f"{base}-{published.year}"
    again = 1
    while scheme_id in ids:  # the same buyer tendering the same kind of scheme again in one year
        again += 1
        scheme_id = f"{base}-{published.year}-{again}"
    ids.add(scheme_id)
    member_kind = dict(n.PURCHASING_BODIES).get(buyer.name, buyer.kind)  # who may call off from it
    members = []
    if buyer.kind == n.SENTRAL or rng.random() < 0.2:
        others = [b for b in pools[member_kind] if b.id != buyer.id]
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
    for i, scheme in enumerate(schemes):
        if i in bare:
            scheme.categories = [Category(None, scheme.theme.title, scheme.theme.cpv)]
        else:
            chosen = sorted(rng.sample(range(len(scheme.theme.categories)), sizes[i]))
            scheme.categories = [Category(*scheme.theme.categories[j]) for j in chosen]


# --- suppliers and admissions --------------------------------------------------------------------


def _firm_name(rng: Random, theme: Theme, size: str, country: str, form: str, words: tuple[str, ...]) -> str:
    trade = rng.choice(theme.trades)
    place = rng.choice(n.MUNICIPALITIES)[1]
    if country != "NO":
        return f"{rng.choice(words)} {theme.en if country == 'GB' else trade} {form}"
    roll = rng.random()
    if size == "micro" and roll < 0.3:
        return f"{rng.choice(n.FIRST_NAMES)} {rng.choice(n.SURNAMES)} {trade}"  # a sole proprietorship
    if size == "large" and roll < 0.5:
        return f"{rng.choice(n.PREFIXES)} {trade} Norge AS"
    if roll < 0.35:
        return f"{rng.choice(n.SURNAMES)} {trade} AS"
    if roll < 0.55:
        prefix = rng.choice(n.PREFIXES)
        return f"{prefix}{trade.lower()} AS" if prefix[-1] != trade[0].lower() else f"{prefix} {trade} AS"
    if roll < 0.8:
        return f"{place} {trade} AS"
    return f"{rng.choice(n.SURNAMES)} & {rng.choice(n.SURNAMES)} {trade} AS"


def _suppliers(
    rng: Random, theme: Theme, count: int, taken: set[str], named: set[str], special: list[str]
) -> list[Supplier]:
    cities = [_CITY_WEIGHT.get(code, 1) for code, _ in n.MUNICIPALITIES]
    out = []
    for _ in range(count):
        size = rng.choices(_SIZES, theme.sizes)[0]
        country, prefix, form, words = ("NO", "NO-BRC", "AS", ()) if rng.random() > 0.02 else rng.choice(n.FOREIGN)
        if country == "NO":
            number = _mod11_id(rng, "34567", _NO_WEIGHTS, taken)
        elif country == "DK":
            number = _mod11_id(rng, "56789", _NO_WEIGHTS[1:], taken)
        elif country == "SE":
            number = _luhn_id(rng, taken)
        else:
            number = f"19{rng.randrange(10**6):06d}"  # beyond the Companies House numbers issued so far
        name = special.pop() if special and country == "NO" else _firm_name(rng, theme, size, country, form, words)
        while name in named:  # the name space is large; a clash just draws again, with a place to tell apart
            name = _firm_name(rng, theme, size, country, form, words)
            name = name if name not in named else f"{rng.choice(n.PLACES)} {name}"
        named.add(name)
        municipality = rng.choices(n.MUNICIPALITIES, cities)[0][0] if country == "NO" and rng.random() < 0.93 else None
        dormant = 0.08 if rng.random() < 0.45 else 1.0  # admitted "just in case", rarely bids
        weight = rng.paretovariate(1.1) * _SIZE_REACH[size] * dormant
        out.append(Supplier(f"{prefix}-{number}", name, size, country, municipality, theme, weight))
    return out


def _quotas(rng: Random, scale: Scale, schemes: list[Scheme]) -> dict[str, int]:
    """Admission rows per category and suppliers per theme.

    A theme needs at least as many suppliers as its largest category admits, and at most as many as
    its categories admit in all (so that everyone is admitted somewhere).
    """
    live = [s for s in schemes if s.status != "cancelled"]
    for scheme in live:
        years = max(0.3, (scheme.end - scheme.valid_from).days / 365) ** 0.5 if scheme.status != "pending" else 0.1
        for category in scheme.categories:
            category.weight = scheme.activity * rng.lognormvariate(0, 0.5) * years
    cats = [c for s in live for c in s.categories]
    themes: dict[str, list[int]] = {}
    for i, scheme_category in enumerate((s.theme.key, c) for s in live for c in s.categories):
        themes.setdefault(scheme_category[0], []).append(i)
    rows = apportion(scale.admissions, [c.weight for c in cats], 1)
    while sum(max(rows[i] for i in idx) for idx in themes.values()) > scale.suppliers:
        big = max(range(len(rows)), key=lambda i: (rows[i], -i))  # flatten: the largest gives to a small one
        growable = [i for idx in themes.values() for i in idx if rows[i] < max(rows[j] for j in idx)]
        small = min(growable, key=lambda i: (rows[i], i), default=None)
        rows[big] -= 1
        if small is not None and rows[big] - rows[small] >= 1:
            rows[small] += 1  # else the categories cannot hold that many rows: fewer admissions
    for category, count in zip(cats, rows, strict=True):
        category.quota = count
    least = [max(rows[i] for i in idx) for idx in themes.values()]
    most = [sum(rows[i] for i in idx) for idx in themes.values()]
    weights = [sum(cats[i].weight for i in idx) for idx in themes.values()]
    return dict(zip(themes, apportion(scale.suppliers, weights, least, most), strict=True))


def _draw(rng: Random, pool: list[Supplier], cum: list[float], inside: set[str], need: int) -> list[Supplier]:
    """`need` suppliers not yet inside, by weight: rejection sampling while it is cheap, exact keys after."""
    picked: list[Supplier] = []
    for _ in range(5):
        if len(picked) == need or need * 4 > len(pool) - len(inside):
            break
        for supplier in rng.choices(pool, cum_weights=cum, k=need - len(picked)):
            if supplier.id not in inside:
                inside.add(supplier.id)
                picked.append(supplier)
    rest = [s for s in pool if s.id not in inside]
    return picked + _sample(rng, rest, [s.weight for s in rest], need - len(picked))


def _admit(rng: Random, scheme: Scheme, supplier: Supplier, categories: list[Category], anchor: bool) -> None:
    """One admission: the request, the decision (now and then late), perhaps leaving later."""
    late_start = scheme.valid_from
    late_end = min(scheme.end, LAST) - timedelta(days=60)
    if anchor or scheme.status == "pending" or late_end <= late_start or rng.random() < 0.45:
        requested = _between(rng, scheme.published + DAY, min(scheme.request_deadline, LAST - timedelta(days=60)))
    else:
        requested = _between(rng, late_start, late_end)
    roll = rng.random()
    delay = rng.randint(16, 30) if roll < 0.012 else rng.randint(11, 15) if roll < 0.035 else rng.randint(1, 10)
    admitted = min(add_working_days(requested, delay), LAST)
    left = None
    if not anchor and scheme.status != "pending" and rng.random() < 0.07 and admitted + timedelta(180) < LAST:
        left = _between(rng, admitted + timedelta(days=120), LAST - timedelta(days=10))
    keys = [c.key for c in categories if c.key is not None]
    supplier.admissions.append(
        {"scheme": scheme.id, "categories": keys or None, "requested": requested, "admitted": admitted, "left": left}
    )
    for category in categories:
        category.spans.append((admitted, left, supplier))


def _admissions(rng: Random, scale: Scale, schemes: list[Scheme]) -> list[Supplier]:
    pool_sizes = _quotas(rng, scale, schemes)
    live = [s for s in schemes if s.status != "cancelled"]
    taken: set[str] = set()
    named: set[str] = set()
    special = list(reversed(n.SPECIAL_NAMES))
    suppliers: list[Supplier] = []
    for key, size in pool_sizes.items():
        theme = next(t for t in n.THEMES if t.key == key)
        pool = _suppliers(rng, theme, size, taken, named, special)
        suppliers += pool
        cats = [c for s in live if s.theme.key == key for c in s.categories]
        slots = [c for c in cats for _ in range(c.quota)]
        rng.shuffle(slots)
        for supplier, category in zip(pool, slots, strict=False):  # everyone is admitted somewhere
            category.members.append(supplier)
        cum = list(accumulate(s.weight for s in pool))
        for category in cats:
            inside = {s.id for s in category.members}
            category.members += _draw(rng, pool, cum, inside, category.quota - len(category.members))
    for scheme in live:
        grouped: dict[str, tuple[Supplier, list[Category], bool]] = {}
        for category in scheme.categories:
            for i, supplier in enumerate(category.members):
                who, cats, anchor = grouped.setdefault(supplier.id, (supplier, [], False))
                grouped[supplier.id] = (who, [*cats, category], anchor or i == 0)
        for supplier, cats, anchor in grouped.values():
            _admit(rng, scheme, supplier, cats, anchor)
        for category in scheme.categories:
            category.spans.sort(key=lambda span: (span[0], span[2].id))
    return sorted(suppliers, key=lambda s: s.id)


# --- call-offs -------------------------------------------------------------------------------------


def _window(scheme: Scheme, category: Category) -> tuple[date, date]:
    """Invitation dates from when the category's first supplier (who never leaves) is admitted, leaving room
    for the tender period and the award before the scheme ends."""
    if not category.members:
        return scheme.end, scheme.end
    first = next(admitted for admitted, _, who in category.spans if who is category.members[0])
    return max(scheme.valid_from, first) + DAY, scheme.end - timedelta(days=70)


def _award_quotas(rng: Random, scale: Scale, schemes: list[Scheme]) -> list[tuple[Scheme, Category, int]]:
    cats = [(s, c) for s in schemes if s.status in ("active", "terminated") for c in s.categories]
    weights = []
    for scheme, category in cats:
        start, end = _window(scheme, category)
        days = (end - start).days
        weights.append(0.0 if days < 30 else len(category.spans) ** 0.7 * days * rng.lognormvariate(0, 0.5))
    return [(s, c, k) for (s, c), k in zip(cats, apportion(scale.awards, weights), strict=True)]


def _text(rng: Random, sentences: tuple[str, ...], lead: str | None = None) -> str | None:
    """Nothing, one line, or several lines of prose."""
    roll = rng.random()
    if roll < 0.35 and lead is None:
        return None
    picked = rng.sample(sentences, 2 if roll > 0.8 else 1)
    return "\n".join([lead, *picked]) if lead and roll > 0.6 else " ".join([lead or "", *picked]).strip()


def _notice_id(rng: Random, year: int, counters: dict[int, int]) -> str:
    counters[year] = counters.get(year, 100_000) + rng.randint(1, 30)
    return f"{year}-{counters[year]}"


_WORD_LISTS = {
    "place": n.PLACES,
    "building": n.BUILDINGS,
    "language": n.LANGUAGES,
    "system": n.SYSTEMS,
}


class _Words(dict[str, Any]):
    """Template fields, each drawn only when the template uses it."""

    def __init__(self, rng: Random, units: tuple[str, ...], **fixed: Any) -> None:
        super().__init__(fixed)
        self.rng = rng
        self.lists = {**_WORD_LISTS, "unit": units}

    def __missing__(self, key: str) -> str:
        return self.rng.choice(self.lists[key])


def _call_off(rng: Random, scheme: Scheme, category: Category, invited: date, counters: dict[int, int]) -> dict:
    """One call-off: everyone admitted that day is invited; a few bid; the heavy hitters usually win."""
    admitted = [s for a, left, s in category.spans if a <= invited and (left is None or left > invited)]
    count = len(admitted)
    if not count:  # cannot happen: see _window
        raise RuntimeError(f"no supplier admitted to {scheme.id}/{category.key} on {invited}")
    cancelled = rng.random() < 0.03
    if count == 1 or rng.random() < 0.12:
        bids = 1
    else:
        bids = min(count, max(2, round(rng.lognormvariate(math.log(1.2 + 0.12 * count), 0.45))))
    bidders = _sample(rng, admitted, [s.weight for s in admitted], bids)
    if cancelled and rng.random() < 0.4:
        bidders = []
    several = len(bidders) >= 3 and rng.random() < 0.06
    winners = [] if cancelled else _sample(rng, bidders, [s.weight**2 for s in bidders], 2 if several else 1)
    invited_count = count + 1 if rng.random() < 0.006 else count  # an occasional miscount
    deadline = invited + timedelta(days=rng.randint(5, 9) if rng.random() < 0.006 else rng.randint(10, 24))
    awarded = None if cancelled else deadline + timedelta(days=rng.randint(2, 30))
    value: Decimal | int | None = None
    contract = None
    if awarded is not None:
        amount = scheme.theme.value * rng.lognormvariate(0, 0.8) * len(winners)
        value = Decimal(f"{amount:.2f}") if rng.random() < 0.1 else max(1000, int(round(amount, -3)))
        if rng.random() < 0.8:
            start = awarded + timedelta(days=rng.randint(7, 45))
            contract = {"start": start, "end": start + timedelta(days=rng.choice((90, 180, 365, 730, 1095)) - 1)}
    buyer = rng.choice(scheme.members) if scheme.members and rng.random() < 0.5 else None
    units = n.HOSPITAL_UNITS if (buyer or scheme.buyer).kind == n.HELSE else n.UNITS
    words = _Words(rng, units, year=invited.year, next=invited.year + 1)
    title = rng.choice(scheme.theme.works).format_map(words)
    return {
        "id": None,  # numbered once the scheme's call-offs are in date order
        "scheme": scheme.id,
        "category": category.key,
        "buyer": {"id": buyer.id, "name": buyer.name} if buyer else None,
        "title": title,
        "description": _text(rng, n.DESCRIPTIONS),
        "cpv": category.cpv if rng.random() < 0.5 else None,
        "invited": invited,
        "tender_deadline": deadline,
        "invited_count": invited_count,
        "tenders": len(bidders),
        "sme_tenders": sum(1 for s in bidders if s.size != "large"),
        "awarded": awarded,
        "suppliers": sorted(s.id for s in winners) or None,
        "value": {"amount": value, "currency": "NOK"} if value is not None else None,
        "contract": contract,
        "notices": {"doffin": _notice_id(rng, awarded.year, counters)} if awarded and rng.random() < 0.35 else None,
        "status": "cancelled" if cancelled else "awarded",
    }


def _awards(rng: Random, scale: Scale, schemes: list[Scheme], counters: dict[int, int]) -> Files:
    by_scheme: dict[str, list[dict]] = {}
    for scheme, category, count in _award_quotas(rng, scale, schemes):
        start, end = _window(scheme, category)
        for invited in sorted(_between(rng, start, end) for _ in range(count)):
            by_scheme.setdefault(scheme.id, []).append(_call_off(rng, scheme, category, invited, counters))
    files = []
    for scheme_id, awards in by_scheme.items():
        awards.sort(key=lambda a: a["invited"])  # stable: ties keep their category order
        numbers: dict[int, int] = {}
        for award in awards:
            year = award["invited"].year
            numbers[year] = numbers.get(year, 0) + 1
            award["id"] = f"{year}-{numbers[year]:03d}"
            files.append((f"awards/{scheme_id}/{award['id']}.yaml", render(award)))
    return files


# --- records and files -----------------------------------------------------------------------------


def _scheme_record(rng: Random, scheme: Scheme, counters: dict[int, int]) -> dict[str, Any]:
    theme = scheme.theme
    title = rng.choice(
        (f"Dynamisk innkjøpsordning for {theme.title}", f"DIS {theme.title}", f"{theme.title.capitalize()} – DPS")
    )
    categories = [
        {
            "id": c.key,
            "title": c.title,
            "description": f"Omfatter {c.title.lower()} for {scheme.buyer.name}." if rng.random() < 0.3 else None,
            "cpv": c.cpv,
        }
        for c in scheme.categories
        if c.key is not None
    ]
    amount = round(theme.value * rng.uniform(20, 150), -5)
    ended = scheme.terminated
    return {
        "id": scheme.id,
        "title": title,
        "description": _text(rng, n.SCHEME_NOTES, f"{scheme.buyer.name} kjøper {theme.title} gjennom ordningen."),
        "buyer": {"id": scheme.buyer.id, "name": scheme.buyer.name},
        "type": "open" if scheme.members and rng.random() < 0.7 else "closed",
        "status": scheme.status,
        "cpv": theme.cpv,
        "categories": categories or None,
        "notices": {
            "doffin": _notice_id(rng, scheme.published.year, counters),
            "ted": f"{rng.randint(100_000, 799_999)}-{scheme.published.year}" if amount > 5_000_000 else None,
        },
        "published": scheme.published,
        "request_deadline": scheme.request_deadline,
        "valid_from": scheme.valid_from,
        "valid_to": scheme.valid_to,
        "estimated_value": {"amount": int(amount), "currency": "NOK"},
        "url": f"https://example.org/dps/{scheme.id}" if rng.random() < 0.5 else None,
        "terminated": {"date": ended, "notice": _notice_id(rng, ended.year, counters)} if ended else None,
    }


def _supplier_record(supplier: Supplier) -> dict[str, Any]:
    return {
        "id": supplier.id,
        "name": supplier.name,
        "size": supplier.size,
        "country": supplier.country,
        "municipality": supplier.municipality,
        "admissions": sorted(supplier.admissions, key=lambda a: (a["admitted"], a["scheme"])),
    }


def _readme(scale: str, seed: int) -> str:
    return (
        "# Fictional data\n\n"
        "Every record here is invented: made by the project's generator with\n"
        f"`dps synth --scale {scale} --seed {seed}`. Buyer names are real public bodies, but their\n"
        "organisation numbers, like every supplier's, are fictional: they pass the mod-11 check and\n"
        "start with 1-7, and no real Norwegian organisation number does.\n"
    )


def synthesize(scale: str, seed: int) -> Files:
    """Every record file of a synthetic dataset, plus a README, as sorted (relative path, text) pairs.

    >>> files = synthesize("tiny", 1)
    >>> files == synthesize("tiny", 1), sum(p.startswith("awards/") for p, _ in files)
    (True, 30)
    """
    size = SCALES[scale]
    rng = Random(seed)
    counters: dict[int, int] = {}
    schemes = _schemes(rng, size, _buyers())
    suppliers = _admissions(rng, size, schemes)
    files = [(f"schemes/{s.id}.yaml", render(_scheme_record(rng, s, counters))) for s in schemes]
    files += [(f"suppliers/{s.id}.yaml", render(_supplier_record(s))) for s in suppliers]
    files += _awards(rng, size, schemes, counters)
    files.append(("README.md", _readme(scale, seed)))
    return sorted(files)


def write_dataset(files: Files, out_dir: Path) -> int:
    """Write the files under out_dir; return how many record files (YAML) were written."""
    folders: set[Path] = set()
    for relative, text in files:
        path = out_dir / relative
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    return sum(1 for relative, _ in files if relative.endswith(".yaml"))

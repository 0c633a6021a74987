"""The synthetic call-offs: each invites every supplier admitted that day; a few bid; the heavy hitters win.

Call-offs fall in the window from a category's first admission to 70 days before its scheme ends,
more of them where a category has many suppliers and a long window; each scheme's call-offs are
numbered by year in date order.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import Decimal
from random import Random
from typing import Any

from generator.synth import names
from generator.synth.draw import apportion, between, notice_id, prose, sample
from generator.synth.world import DAY, Category, Scale, Scheme

_WORD_LISTS = {
    "place": names.PLACES,
    "building": names.BUILDINGS,
    "language": names.LANGUAGES,
    "system": names.SYSTEMS,
}


def _window(scheme: Scheme, category: Category) -> tuple[date, date]:
    """Invitation dates from when the category's first supplier (who never leaves) is admitted, leaving room
    for the tender period and the award before the scheme ends."""
    if not category.members:
        return scheme.end, scheme.end
    first = next(admitted for admitted, _, who in category.spans if who is category.members[0])
    return max(scheme.valid_from, first) + DAY, scheme.end - timedelta(days=70)


def _award_quotas(rng: Random, scale: Scale, schemes: list[Scheme]) -> list[tuple[Scheme, Category, int]]:
    """How many call-offs each category of an active or terminated scheme gets."""
    pairs = [
        (scheme, category)
        for scheme in schemes
        if scheme.status in ("active", "terminated")
        for category in scheme.categories
    ]
    weights = []
    for scheme, category in pairs:
        start, end = _window(scheme, category)
        days = (end - start).days
        weights.append(0.0 if days < 30 else len(category.spans) ** 0.7 * days * rng.lognormvariate(0, 0.5))
    return [
        (scheme, category, count)
        for (scheme, category), count in zip(pairs, apportion(scale.awards, weights), strict=True)
    ]


class _Words(dict[str, Any]):
    """Template fields, each drawn only when the template uses it."""

    def __init__(self, rng: Random, units: tuple[str, ...], **fixed: Any) -> None:
        super().__init__(fixed)
        self.rng = rng
        self.lists = {**_WORD_LISTS, "unit": units}

    def __missing__(self, key: str) -> str:
        return self.rng.choice(self.lists[key])


def _call_off(
    rng: Random, scheme: Scheme, category: Category, invited: date, counters: dict[int, int]
) -> dict[str, Any]:
    """One call-off: everyone admitted that day is invited; a few bid; the heavy hitters usually win."""
    admitted = [who for since, left, who in category.spans if since <= invited and (left is None or left > invited)]
    count = len(admitted)
    if not count:  # cannot happen: see _window
        raise RuntimeError(f"no supplier admitted to {scheme.id}/{category.key} on {invited}")
    cancelled = rng.random() < 0.03
    if count == 1 or rng.random() < 0.12:
        bids = 1
    else:
        bids = min(count, max(2, round(rng.lognormvariate(math.log(1.2 + 0.12 * count), 0.45))))
    bidders = sample(rng, admitted, [supplier.weight for supplier in admitted], bids)
    if cancelled and rng.random() < 0.4:
        bidders = []
    several = len(bidders) >= 3 and rng.random() < 0.06
    winners = [] if cancelled else sample(rng, bidders, [bidder.weight**2 for bidder in bidders], 2 if several else 1)
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
    units = names.HOSPITAL_UNITS if (buyer or scheme.buyer).kind == names.HELSE else names.UNITS
    words = _Words(rng, units, year=invited.year, next=invited.year + 1)
    title = rng.choice(scheme.theme.works).format_map(words)
    return {
        "id": None,  # numbered once the scheme's call-offs are in date order
        "scheme": scheme.id,
        "category": category.key,
        "buyer": {"id": buyer.id, "name": buyer.name} if buyer else None,
        "title": title,
        "description": prose(rng, names.DESCRIPTIONS),
        "cpv": category.cpv if rng.random() < 0.5 else None,
        "invited": invited,
        "tender_deadline": deadline,
        "invited_count": invited_count,
        "tenders": len(bidders),
        "sme_tenders": sum(1 for bidder in bidders if bidder.size != "large"),
        "awarded": awarded,
        "suppliers": sorted(winner.id for winner in winners) or None,
        "value": {"amount": value, "currency": "NOK"} if value is not None else None,
        "contract": contract,
        "notices": {"doffin": notice_id(rng, awarded.year, counters)} if awarded and rng.random() < 0.35 else None,
        "status": "cancelled" if cancelled else "awarded",
    }


def award_records(
    rng: Random, scale: Scale, schemes: list[Scheme], counters: dict[int, int]
) -> list[tuple[str, dict[str, Any]]]:
    """Every call-off as (path relative to the data folder, record), numbered by year within its scheme."""
    by_scheme: dict[str, list[dict[str, Any]]] = {}
    for scheme, category, count in _award_quotas(rng, scale, schemes):
        start, end = _window(scheme, category)
        for invited in sorted(between(rng, start, end) for _ in range(count)):
            by_scheme.setdefault(scheme.id, []).append(_call_off(rng, scheme, category, invited, counters))
    records = []
    for scheme_id, awards in by_scheme.items():
        awards.sort(key=lambda award: award["invited"])  # stable: ties keep their category order
        numbers: dict[int, int] = {}
        for award in awards:
            year = award["invited"].year
            numbers[year] = numbers.get(year, 0) + 1
            award["id"] = f"{year}-{numbers[year]:03d}"
            records.append((f"awards/{scheme_id}/{award['id']}.yaml", award))
    return records

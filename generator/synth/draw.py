"""Seeded draws the generator is built from: identifiers, working days, dates, shares, samples, prose.

Every function takes the one `random.Random` it may draw from, so a seed fixes the whole dataset.
"""

from __future__ import annotations

from bisect import bisect
from datetime import date, timedelta
from functools import cache
from itertools import accumulate
from random import Random
from typing import Any

import holidays

from generator.synth.world import DAY

NO_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2, 1)  # the Norwegian organisasjonsnummer's mod-11 weights


def mod11_id(rng: Random, first: str, weights: tuple[int, ...], taken: set[str]) -> str:
    """A fresh number whose weighted digit sum is 0 mod 11 (last weight 1): Norwegian orgnr, Danish CVR."""
    while True:
        body = rng.choice(first) + "".join(rng.choice("0123456789") for _ in weights[2:])
        check = -sum(w * int(d) for w, d in zip(weights, body, strict=False)) % 11
        if check < 10 and body + str(check) not in taken:
            taken.add(body + str(check))
            return body + str(check)


def luhn_id(rng: Random, taken: set[str]) -> str:
    """A Swedish-looking organisationsnummer (aktiebolag, 556...) with a Luhn check digit."""
    while True:
        body = "556" + "".join(rng.choice("0123456789") for _ in range(6))
        digits = [int(d) * (2 - i % 2) for i, d in enumerate(body)]
        number = body + str(-sum(d // 10 + d % 10 for d in digits) % 10)
        if number not in taken:
            taken.add(number)
            return number


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


def between(rng: Random, start: date, end: date) -> date:
    """A day from start to end, both included (start when end is earlier)."""
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
        free = [i for i, weight in enumerate(weights) if counts[i] < caps[i] and weight > 0]
        if not free:
            raise ValueError(f"cannot place {remaining} more within the caps")
        scale = remaining / sum(weights[i] for i in free)
        fractions = []
        for index in free:
            share = weights[index] * scale
            whole = min(int(share), caps[index] - counts[index])
            counts[index] += whole
            remaining -= whole
            fractions.append((whole - share, index))
        for _, index in sorted(fractions):
            if remaining and counts[index] < caps[index]:
                counts[index] += 1
                remaining -= 1
    return counts


def sample(rng: Random, items: list[Any], weights: list[float], count: int) -> list[Any]:
    """`count` distinct items drawn with probability by weight."""
    if count >= len(items):
        return list(items)
    if 4 * count <= len(items):  # few from many: draw and redraw on a repeat
        cumulative = list(accumulate(weights))
        picked: list[int] = []
        for _ in range(20 * count):
            index = bisect(cumulative, rng.random() * cumulative[-1])
            if index not in picked:
                picked.append(index)
                if len(picked) == count:
                    return [items[i] for i in picked]
    keys = sorted(((rng.random() ** (1.0 / w), i) for i, w in enumerate(weights)), reverse=True)  # Efraimidis-Spirakis
    return [items[i] for _, i in keys[:count]]


def prose(rng: Random, sentences: tuple[str, ...], lead: str | None = None) -> str | None:
    """Nothing, one line, or several lines of prose."""
    roll = rng.random()
    if roll < 0.35 and lead is None:
        return None
    picked = rng.sample(sentences, 2 if roll > 0.8 else 1)
    return "\n".join([lead, *picked]) if lead and roll > 0.6 else " ".join([lead or "", *picked]).strip()


def notice_id(rng: Random, year: int, counters: dict[int, int]) -> str:
    """The next Doffin-like notice number of a year: numbers rise by a few each time."""
    counters[year] = counters.get(year, 100_000) + rng.randint(1, 30)
    return f"{year}-{counters[year]}"

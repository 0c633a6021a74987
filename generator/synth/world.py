"""The synthetic dataset's shape: its three scales, its "today", and the market drawn before any record.

The generator first draws a world of buyers, schemes, categories and suppliers in memory; the
record files are written from it at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from generator.synth.themes import Theme

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
        return min(day for day in (self.valid_to, self.terminated, LAST) if day is not None)


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

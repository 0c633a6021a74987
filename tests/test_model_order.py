"""The model's award order and the page slices' award years, made in fewer Python calls, are the ones of their
plain definitions: awards newest first by (day, scheme, award id), and the years routes.by_year groups."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from generator import routes
from generator.build import page_inputs
from generator.check import validate_then
from generator.indicators import model_and_indicators
from generator.model import Values, _newest
from generator.render.keys import PageSlices


def _award(rng: random.Random, number: int) -> Values:
    def day() -> date | None:
        return rng.choice([None, date(2023, 1, 1 + rng.randrange(3)), date(2024, 5, 1)])

    return {"invited": day(), "awarded": day(), "scheme_id": rng.choice("abc"), "award_id": f"{number % 7:03}"}


def _plain_key(a: Values) -> tuple[date, str, str]:
    return (a["invited"] or a["awarded"] or date.min, a["scheme_id"], a["award_id"])


def test_newest_is_the_sort_by_day_then_ids_newest_first() -> None:
    rng = random.Random(16)
    for _ in range(200):
        awards = [_award(rng, n) for n in range(rng.randrange(12))]
        expected = sorted(awards, key=_plain_key, reverse=True)
        assert [id(a) for a in _newest(awards)] == [id(a) for a in expected]


def test_the_slices_award_years_are_routes_by_year() -> None:
    _, problems, computed = validate_then(Path(__file__).parent / "fixtures" / "valid", model_and_indicators, workers=1)
    assert computed is not None
    model, indicators = computed
    slicer = PageSlices(page_inputs(model, indicators, problems, None, {}))
    assert slicer._award_years == list(routes.by_year(list(model.awards.values())))

"""Adding a narrower scope's totals into a wider one (generator.indicators.scope) leaves none of them out: each
sum and counter is written out by name in merge_awards, and these tests fill every field."""

from __future__ import annotations

from collections import Counter
from dataclasses import fields

from generator.indicators.scope import AWARD_COUNTERS, AWARD_SUMS, Scope, merge_awards


def test_every_award_sum_and_counter_is_merged() -> None:
    into, bucket = Scope(), Scope()
    for number, name in enumerate(AWARD_SUMS, start=1):
        setattr(into, name, 1000 * number)
        setattr(bucket, name, number)
    for number, name in enumerate(AWARD_COUNTERS, start=1):
        getattr(into, name).update({"a": number, "b": 1})
        getattr(bucket, name).update({"a": 10 * number, "c": 2})
    merge_awards(into, bucket)
    for number, name in enumerate(AWARD_SUMS, start=1):
        assert getattr(into, name) == 1001 * number, name
    for number, name in enumerate(AWARD_COUNTERS, start=1):
        assert getattr(into, name) == Counter({"a": 11 * number, "b": 1, "c": 2}), name


def test_the_award_sums_are_every_integer_total_of_the_award_side() -> None:
    """A new integer total on the award side must be named in AWARD_SUMS (and so merged), or be one of the
    admission side's, which merge_admissions adds."""
    admission_side = {
        "admissions", "dormant", "recent", "recent_unsure", "undated", "unknown_category", "late", "late_n",
        "unknown_start",
    }  # fmt: skip
    integers = {f.name for f in fields(Scope) if f.type == "int"}
    assert integers - admission_side == set(AWARD_SUMS)

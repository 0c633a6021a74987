"""What the indicators' one pass counts: each scope's running totals (Scope), the tally of every scope (Tally), the
sizes, signals and red flags it counts them by, and how a narrower scope's totals add into a wider one's."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from generator.model.facts import Period
from generator.ocds.cardinal import r003, r018

ScopeKey = tuple[str, str | None]  # (scope, scope_id); overall has no id
OVERALL: ScopeKey = ("overall", None)
SME_SIZES = frozenset({"micro", "small", "medium", "sme"})  # sme: one of the three, the notice not saying which
SIZES = SME_SIZES | {"large"}
SIGNAL_RULES = ("request-period", "admission-time", "tender-period", "all-invited", "no-end-date", "buyer-name")
RED_FLAGS = {"R018": r018, "R003": r003}  # Cardinal's, judged on each call-off's OCDS tender as exported
# the call-off's fields each flag's part of that tender is made from (calloff.cardinal_fields): R018 reads the
# number of tenderers, R003 the tender period. A flag is judged once per distinct value of its fields: a national
# dataset's 200,000 call-offs hold some fifty counts of tenders and 47,000 tender periods.
FLAG_FIELDS = {"R018": ("tenders",), "R003": ("invited", "tender_deadline")}


@dataclass(slots=True)
class Scope:
    """Running totals for one scope. Money and award shares are integers in Tally.unit units."""

    first_year: int | None = None
    # admission side
    members: dict[str, list[Period]] = field(default_factory=dict)  # supplier -> periods, capped at the scheme's end
    admissions: int = 0
    admissions_by_year: Counter[int] = field(default_factory=Counter)
    days: list[int] = field(default_factory=list)
    dormant: int = 0
    recent: int = 0  # admissions in the 12 months to the reference date
    recent_unsure: int = 0  # admissions known only as "no later than" a day within those 12 months: maybe in them
    undated: int = 0  # admissions known only as "no later than" a day
    latest_undated: date | None = None  # the latest of those days: the count of members before it is not sure
    unknown_category: int = 0  # admissions to an unknown category (categories: null)
    late: int = 0  # admissions made after the first year of the scheme's life
    late_n: int = 0  # admissions in schemes whose validity start is known
    unknown_start: int = 0  # admissions in schemes whose validity start is unknown: no year of life
    admissions_by_life_year: Counter[int] = field(default_factory=Counter)  # year of the scheme's life -> count
    leavers: dict[str, bool] = field(default_factory=dict)  # supplier -> has left every admission of the scope
    won: set[str] = field(default_factory=set)  # suppliers that won within this scope's schemes
    # award side
    awards: int = 0
    awards_by_year: Counter[int] = field(default_factory=Counter)
    value: int = 0
    value_n: int = 0
    value_by_year: Counter[int] = field(default_factory=Counter)
    value_n_by_year: Counter[int] = field(default_factory=Counter)
    sme_awards: int = 0
    sized_awards: int = 0
    sme_value: int = 0
    sized_value: int = 0
    sized_value_n: int = 0
    tenders: list[int] = field(default_factory=list)
    single: int = 0
    sme_tenders: int = 0
    tenders_with_sme: int = 0
    sme_tenders_n: int = 0
    ratio_tenders: int = 0
    ratio_admitted: int = 0
    ratio_n: int = 0
    supplier_value: dict[str, int] = field(default_factory=dict)
    concentration_n: int = 0
    # compliance signals
    signals: Counter[str] = field(default_factory=Counter)
    checked: Counter[str] = field(default_factory=Counter)  # records a signal or red flag could be judged on
    flags: Counter[str] = field(default_factory=Counter)  # call-offs Cardinal's red flags flag


@dataclass
class Tally:
    scopes: dict[ScopeKey, Scope]
    sizes: dict[str, str | None]
    as_of: date
    unit: int  # money is an integer number of units of 1/unit NOK
    lcm: int  # award shares are integers in units of 1/lcm award


# --- adding a narrower scope's totals into a wider one (category and buyer into scheme, scheme into buyer and
# overall)

AWARD_SUMS = (
    "awards", "value", "value_n", "sme_awards", "sized_awards", "sme_value", "sized_value", "sized_value_n",
    "single", "sme_tenders", "tenders_with_sme", "sme_tenders_n", "ratio_tenders", "ratio_admitted", "ratio_n",
    "concentration_n",
)  # fmt: skip
AWARD_COUNTERS = ("awards_by_year", "value_by_year", "value_n_by_year", "checked", "flags")


def merge_awards(into: Scope, bucket: Scope) -> None:
    """Add a bucket's call-off totals to a scope (winners are merged by the caller).

    Each of AWARD_SUMS and AWARD_COUNTERS is written out rather than reached by name (getattr and setattr cost a
    call each, for 33,000 merges nationally); tests/test_indicators_merge.py checks that none is left out."""
    into.awards += bucket.awards
    into.value += bucket.value
    into.value_n += bucket.value_n
    into.sme_awards += bucket.sme_awards
    into.sized_awards += bucket.sized_awards
    into.sme_value += bucket.sme_value
    into.sized_value += bucket.sized_value
    into.sized_value_n += bucket.sized_value_n
    into.single += bucket.single
    into.sme_tenders += bucket.sme_tenders
    into.tenders_with_sme += bucket.tenders_with_sme
    into.sme_tenders_n += bucket.sme_tenders_n
    into.ratio_tenders += bucket.ratio_tenders
    into.ratio_admitted += bucket.ratio_admitted
    into.ratio_n += bucket.ratio_n
    into.concentration_n += bucket.concentration_n
    add_counts(into.awards_by_year, bucket.awards_by_year)
    add_counts(into.value_by_year, bucket.value_by_year)
    add_counts(into.value_n_by_year, bucket.value_n_by_year)
    add_counts(into.checked, bucket.checked)
    add_counts(into.flags, bucket.flags)
    into.tenders += bucket.tenders
    for supplier, units in bucket.supplier_value.items():
        into.supplier_value[supplier] = into.supplier_value.get(supplier, 0) + units
    if bucket.first_year is not None and (into.first_year is None or bucket.first_year < into.first_year):
        into.first_year = bucket.first_year


def add_counts(into: Counter[Any], more: Counter[Any]) -> None:
    """Counter.update, without its generic checks (a scope's counters are merged some 200,000 times)."""
    for key, n in more.items():
        into[key] = into.get(key, 0) + n


ADMISSION_SUMS = (
    "admissions", "recent", "recent_unsure", "undated", "unknown_category", "late", "late_n", "unknown_start",
)  # fmt: skip


def merge_admissions(into: Scope, scheme: Scope) -> None:
    """Add a scheme's admission totals to a wider scope."""
    for name in ADMISSION_SUMS:
        setattr(into, name, getattr(into, name) + getattr(scheme, name))
    if scheme.latest_undated is not None:
        into.latest_undated = max(scheme.latest_undated, into.latest_undated or date.min)
    into.admissions_by_life_year.update(scheme.admissions_by_life_year)
    for supplier, gone in scheme.leavers.items():
        into.leavers[supplier] = into.leavers.get(supplier, True) and gone
    into.admissions_by_year.update(scheme.admissions_by_year)
    into.days += scheme.days
    into.dormant += scheme.dormant
    into.checked["admission-time"] += scheme.checked["admission-time"]
    first = min(scheme.admissions_by_year, default=None)
    if first is not None and (into.first_year is None or first < into.first_year):
        into.first_year = first
    for supplier, periods in scheme.members.items():
        into.members.setdefault(supplier, []).extend(periods)

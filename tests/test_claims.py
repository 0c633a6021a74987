"""The three claims (DESIGN §9): each measure pinned on tests/fixtures/claims, worked out by hand, and the verdict
sentences written from the figures, both ways.

The fixture's reference date is 2025-06-30 (d6 awarded), so "the last 12 months" are 2024-07-01 to 2025-06-30.
Running schemes (active, within validity): dor, tom, tre, fire, fem; slutt expired on 2024-12-31.
"""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from generator.check import validate
from generator.indicators import compute_indicators
from generator.model import build_model
from generator.render import claim_verdicts, claim_words
from generator.render.claim_figures import life_year_chart
from generator.render.claim_verdicts import (
    door_verdict,
    open_verdict,
    scheme_door_verdict,
    scheme_open_verdict,
    threshold_verdict,
)

FIXTURE = Path(__file__).parent / "fixtures" / "claims"
AS_OF = date(2025, 6, 30)

Rows = dict[tuple[str, str, str | None], dict[str, Any]]


def every_row(data: Path) -> list[dict[str, Any]]:
    dataset, problems = validate(data)
    assert not [p for p in problems if p.is_error], [p.message for p in problems if p.is_error]
    return compute_indicators(build_model(dataset), problems)


def whole_period(found: list[dict[str, Any]]) -> Rows:
    return {(r["indicator_id"], r["scope"], r["scope_id"]): r for r in found if r["year"] is r["life_year"] is None}


def computed(data: Path) -> Rows:
    return whole_period(every_row(data))


@pytest.fixture(scope="module")
def found() -> list[dict[str, Any]]:
    return every_row(FIXTURE)


@pytest.fixture(scope="module")
def rows(found: list[dict[str, Any]]) -> Rows:
    return whole_period(found)


def copied(tmp_path: Path, file: str, old: str, new: str) -> Path:
    data = tmp_path / "data"
    if not data.exists():
        shutil.copytree(FIXTURE, data)
    path = data / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return data


def edited(tmp_path: Path, file: str, old: str, new: str) -> Rows:
    return computed(copied(tmp_path, file, old, new))


def life_years(found: list[dict[str, Any]], scope: str = "overall", scope_id: str | None = None) -> list[Any]:
    """(year of life, value or status, numerator, denominator, n) of admissions by year of a scheme's life."""
    return [
        (r["life_year"], r["value"] if r["status"] == "ok" else r["status"], r["numerator"], r["denominator"], r["n"])
        for r in found
        if r["indicator_id"] == "admissions-by-life-year" and (r["scope"], r["scope_id"]) == (scope, scope_id)
    ]


def value(rows: Rows, indicator: str, scope: str = "overall", scope_id: str | None = None) -> Any:
    r = rows[(indicator, scope, scope_id)]
    return r["value"] if r["status"] == "ok" else r["status"]


def parts(rows: Rows, indicator: str, scope: str = "overall", scope_id: str | None = None) -> tuple[Any, ...]:
    r = rows[(indicator, scope, scope_id)]
    return r["numerator"], r["denominator"], r["n"]


def scope_rows(rows: Rows, scope: str = "overall", scope_id: str | None = None) -> dict[str, dict[str, Any]]:
    return {i: r for (i, s, sid), r in rows.items() if (s, sid) == (scope, scope_id)}


# --- a door that never closes -------------------------------------------------------------------------------


def test_admissions_in_the_last_12_months(rows: Rows) -> None:
    # dor: S6 on 2025-03-07; tom: S1 and S8 in October 2024; fem: S2 on 2025-01-06; tre and fire: none
    assert value(rows, "admissions-last-12-months", "scheme", "dor") == 1
    assert value(rows, "admissions-last-12-months", "scheme", "tom") == 2
    assert value(rows, "admissions-last-12-months", "scheme", "tre") == 0  # a true zero: its one admission is dated
    assert value(rows, "admissions-last-12-months", "category", "dor/b") == 0
    assert value(rows, "admissions-last-12-months") == 4
    # fire's admission known only as "no later than 2024-03-01" was made before the 12 months: fire had none
    assert value(rows, "admissions-last-12-months", "scheme", "fire") == 0
    assert value(rows, "undated-admissions", "scheme", "fire") == 1
    assert value(rows, "undated-admissions") == 1


def test_share_of_running_schemes_that_admitted(rows: Rows) -> None:
    # dor, tom, fem yes; tre, fire no; slutt is not running
    assert value(rows, "recent-admission-share") == Decimal("0.6000")
    assert parts(rows, "recent-admission-share") == (3, 5, 5)


def test_an_admission_of_unknown_date_that_may_fall_in_the_12_months_leaves_them_unknown(tmp_path: Path) -> None:
    rows = edited(tmp_path, "suppliers/NO-BRC-312345668.yaml", "admitted_by: 2024-03-01", "admitted_by: 2025-02-03")
    fire = rows[("admissions-last-12-months", "scheme", "fire")]
    assert (fire["status"], fire["value"], fire["n"]) == ("no-data", None, 1)  # unknown, not 0
    assert value(rows, "admissions-last-12-months") == "no-data"
    # fire leaves the share's denominator: 3 of 4 known, below the minimum of 5
    assert parts(rows, "recent-admission-share") == (3, 4, 4)
    assert value(rows, "recent-admission-share") == "too-thin"
    # dor's comparable schemes with the figure: tom and tre only
    assert (
        value(rows, "peers-admissions-last-12-months", "scheme", "dor"),
        parts(rows, "peers-admissions-last-12-months", "scheme", "dor")[2],
    ) == ("too-thin", 2)


def test_how_long_schemes_run(rows: Rows) -> None:
    # days run to 2025-06-30 (slutt to its end, 2025-01-01): tom 301, tre 852, fire 1267, dor 1993, slutt 2186;
    # fem's start is unknown. Median 1267 days = 3.47 years
    assert value(rows, "scheme-age") == Decimal("3.5")
    assert rows[("scheme-age", "overall", None)]["n"] == 5
    assert value(rows, "scheme-age", "scheme", "dor") == Decimal("5.5")
    assert value(rows, "scheme-age", "scheme", "fem") == "no-data"
    # more than four years: dor and slutt
    assert parts(rows, "long-running-share") == (2, 5, 5)
    assert value(rows, "long-running-share") == Decimal("0.4000")
    # one scheme: 1 of 1 or 0 of 1, below the minimum sample, but the numerator says it
    assert parts(rows, "long-running-share", "scheme", "dor") == (1, 1, 1)
    assert parts(rows, "long-running-share", "scheme", "tre") == (0, 1, 1)
    assert value(rows, "long-running-share", "scheme", "fem") == "no-data"  # its start is unknown


TRE_DATES = "published: 2023-01-02\nrequest_deadline: 2023-02-06\nvalid_from: 2023-03-01"


@pytest.mark.parametrize(
    ("valid_from", "longer"),
    [("2021-06-29", True), ("2021-06-30", False)],  # four years and a day to 2025-06-30; exactly four years
)
def test_longer_than_four_years_is_judged_on_the_dates_not_the_rounded_age(
    tmp_path: Path, valid_from: str, longer: bool
) -> None:
    rows = edited(
        tmp_path,
        "schemes/tre.yaml",
        TRE_DATES,
        f"published: 2021-05-03\nrequest_deadline: 2021-06-07\nvalid_from: {valid_from}",
    )
    assert value(rows, "scheme-age", "scheme", "tre") == Decimal("4.0")  # 1461 or 1462 days: 4.0 years either way
    assert parts(rows, "long-running-share", "scheme", "tre") == (int(longer), 1, 1)
    assert parts(rows, "long-running-share") == (2 + longer, 5, 5)
    said = scheme_door_verdict(scope_rows(rows, "scheme", "tre"), "en", AS_OF, {"cpv": "79111000-5"})
    long_run = "The scheme has run for 4.0 years, longer than the four years a framework agreement may last."
    assert (long_run in said) is longer
    assert ("The scheme has run for 4.0 years." in said) is not longer
    nb = scheme_door_verdict(scope_rows(rows, "scheme", "tre"), "nb", AS_OF, {"cpv": "79111000-5"})
    assert ("lenger enn de fire årene en rammeavtale kan vare" in nb) is longer


def test_late_admissions_and_time_to_admission(rows: Rows) -> None:
    # dor: S4 (2022), S5 (2022), S6 (2025), S7 (2023) came after 2021-01-15; S1, S2, S3 in the first year
    assert parts(rows, "late-admission-share", "scheme", "dor") == (4, 7, 7)
    # overall: dor 4 of 7, tom 0 of 2, tre 0 of 1, fire 0 of 1 (its undated one left out), slutt 0 of 1; fem's
    # start is unknown, so its three are left out
    assert parts(rows, "late-admission-share") == (4, 12, 12)
    # working days: dor 2 5 14 4 10 4, tom 2 9, tre 5, fem 4: nine of ten within 10
    assert parts(rows, "admission-within-10-share") == (9, 10, 10)
    assert value(rows, "admission-days-median") == Decimal("4.5")
    assert parts(rows, "admission-within-10-share", "scheme", "dor") == (5, 6, 6)


def test_admissions_by_year_of_a_schemes_life(found: list[dict[str, Any]]) -> None:
    # year k of a scheme's life: the 12 months from valid_from + (k-1) years. Dated admissions with a known start:
    # dor (from 2020-01-15): S1 S2 S3 in year 1, S4 S5 in year 3 (2022), S7 in year 4 (2023-01-16), S6 in year 6;
    # tom, tre, fire, slutt: all in year 1. Left out: fem's three (start unknown), fire's S6 (no later than a day).
    # Scheme-years run to 2025-06-30: year 1 dor tre fire slutt whole, tom 301/365; year 3 tre 121/365; year 4
    # fire 171/365; year 6 dor 166/365 and slutt 360/366 (it ended on 2025-01-01, a leap year's 366 days)
    assert life_years(found) == [
        (1, Decimal("1.66"), 8, Decimal("4.82"), 5),  # 8 ÷ (4 + 301/365)
        (2, Decimal("0.00"), 0, Decimal("4.00"), 4),  # a true zero: four schemes ran a whole second year
        (3, Decimal("0.60"), 2, Decimal("3.33"), 4),
        (4, Decimal("0.41"), 1, Decimal("2.47"), 3),
        (5, "too-thin", 0, Decimal("2.00"), 2),  # two schemes: below the minimum of 3
        (6, "too-thin", 1, Decimal("1.44"), 2),
    ]
    # a buyer's: Nordhei owns tre, fire and fem (fem's start unknown)
    assert life_years(found, "buyer", "NO-BRC-312345684")[:2] == [
        (1, "too-thin", 2, Decimal("2.00"), 2),
        (2, "too-thin", 0, Decimal("2.00"), 2),
    ]
    assert life_years(found, "scheme", "dor") == []  # not per scheme: a scheme's own are its admissions per year


def test_admissions_whose_year_of_life_is_unknown_are_counted(rows: Rows) -> None:
    assert value(rows, "admissions-unknown-start") == 3  # fem's, dated but of a scheme with no valid_from
    assert value(rows, "admissions-unknown-start", "scheme", "fem") == 3
    assert value(rows, "admissions-unknown-start", "scheme", "dor") == 0
    assert value(rows, "undated-admissions") == 1  # fire's, known only as "no later than" a day
    # every dated admission is in a year of life or counted as of unknown start: 12 + 3 = 15
    assert value(rows, "admissions") == 15


def test_an_admission_on_the_anniversary_is_in_the_second_year(tmp_path: Path) -> None:
    # S1's admission to dor moved to dor's first anniversary, 2021-01-15: the first day of its second year
    data = copied(
        tmp_path,
        "suppliers/NO-BRC-312345609.yaml",
        "requested: 2020-01-20\n    admitted: 2020-01-22",
        "requested: 2021-01-11\n    admitted: 2021-01-15",
    )
    found = every_row(data)
    assert life_years(found)[:2] == [
        (1, Decimal("1.45"), 7, Decimal("4.82"), 5),
        (2, Decimal("0.25"), 1, Decimal("4.00"), 4),
    ]
    assert parts(whole_period(found), "late-admission-share", "scheme", "dor") == (5, 7, 7)


# --- open to every qualified supplier -------------------------------------------------------------------------


def test_suppliers_per_scheme_and_category(rows: Rows) -> None:
    # admitted now in running schemes: dor 6 (S3 left), tom 2, tre 1, fire 2 (one known only as "no later than"),
    # fem 3: median 2, 90th percentile by nearest rank the 5th of 5
    assert value(rows, "admitted-suppliers", "scheme", "dor") == 6
    assert value(rows, "admitted-suppliers", "scheme", "fire") == 2
    assert value(rows, "admitted-per-scheme-median") == Decimal("2.0")
    assert value(rows, "admitted-per-scheme-p90") == 6
    # a category with one supplier
    assert value(rows, "admitted-suppliers", "category", "dor/b") == 1


def test_categories_that_reach_more_than_a_handful(rows: Rows) -> None:
    # dor/a 6 (wide), dor/b 1, tom 2, tre 1, fem 3; fire's x (1) and y (0) are left out: fire has an admission to
    # an unknown category, which may be in either
    assert parts(rows, "wide-category-share") == (1, 5, 5)
    assert parts(rows, "wide-category-share", "scheme", "dor") == (1, 2, 2)
    assert value(rows, "wide-category-share", "scheme", "fire") == "no-data"


def test_growth_since_the_first_year(rows: Rows) -> None:
    # dor: 3 admitted on 2021-01-14, the last day of its first year (S1, S2, S3), 6 now
    assert value(rows, "admitted-growth", "scheme", "dor") == Decimal("2.00")
    assert parts(rows, "admitted-growth", "scheme", "dor") == (6, 3, 3)
    assert parts(rows, "admitted-growth", "scheme", "tre") == (1, 1, 1)  # S8 then and now
    # fire's admission known only as "no later than 2024-03-01" may have been made after its first year (to
    # 2023-01-09): its count then is unknown. tom is in its first year, fem's start unknown, slutt not running
    for scheme in ("fire", "tom", "fem", "slutt"):
        assert value(rows, "admitted-growth", "scheme", scheme) == "no-data", scheme
        assert parts(rows, "admitted-growth", "scheme", scheme) == (None, None, 0), scheme
    assert (value(rows, "admitted-growth-median"), rows[("admitted-growth-median", "overall", None)]["n"]) == (
        "too-thin",
        2,
    )


def test_growth_when_every_count_is_known_and_when_a_scheme_began_empty(tmp_path: Path) -> None:
    # fire's inferred admission no later than 2022-12-01, within its first year: 2 then (S4, S6), 2 now
    rows = edited(tmp_path, "suppliers/NO-BRC-312345668.yaml", "admitted_by: 2024-03-01", "admitted_by: 2022-12-01")
    assert parts(rows, "admitted-growth", "scheme", "fire") == (2, 2, 2)
    assert value(rows, "admitted-growth-median") == Decimal("1.00")  # 2.00, 1.00, 1.00
    assert parts(rows, "admitted-growth-median") == (None, None, 3)
    said = open_verdict(scope_rows(rows), "en")
    assert "A running scheme past the first year of its life has a median of 1.00 times the suppliers it had at" in said
    assert "(3 schemes)" in said
    # tre's one supplier admitted after its first year: nobody then, so no growth factor, but the counts stand
    rows = edited(tmp_path, "suppliers/NO-BRC-312345714.yaml", "admitted: 2023-04-03", "admitted: 2024-04-03")
    assert parts(rows, "admitted-growth", "scheme", "tre") == (1, 0, 0)
    assert value(rows, "admitted-growth", "scheme", "tre") == "no-data"
    assert parts(rows, "admitted-growth-median") == (None, None, 2)  # dor and fire
    tre = scope_rows(rows, "scheme", "tre")
    assert "At the end of the first year of its life it had 0 suppliers admitted; now it has 1." in (
        scheme_open_verdict(tre, "en", {"cpv": "79111000-5"})
    )
    assert "Ved slutten av sitt første leveår hadde den 0 leverandører tatt opp; nå har den 1." in (
        scheme_open_verdict(tre, "nb", {"cpv": "79111000-5"})
    )


def test_suppliers_that_left(rows: Rows) -> None:
    assert parts(rows, "left-share", "scheme", "dor") == (1, 7, 7)  # S3
    assert value(rows, "left-share", "scheme", "dor") == Decimal("0.1429")
    assert parts(rows, "left-share") == (0, 9, 9)  # S3 is still in slutt (expired is not leaving)


# --- a lower threshold ----------------------------------------------------------------------------------------


def test_the_sme_share_along_the_way(rows: Rows) -> None:
    # dor's suppliers: S1 micro, S2 small, S4 medium, S5 sme (SMEs), S3 and S6 large, S7 unknown (left out)
    assert value(rows, "sme-share-admitted", "scheme", "dor") == Decimal("0.6667")
    assert value(rows, "sme-share-tenders", "scheme", "dor") == Decimal("0.5625")  # 9 of 16
    assert value(rows, "sme-share-awards", "scheme", "dor") == Decimal("0.6000")  # d5's winner S7 has no size
    assert value(rows, "sme-share-value", "scheme", "dor") == Decimal("0.2593")  # 350 000 of 1 350 000
    assert value(rows, "single-tender-share", "scheme", "dor") == Decimal("0.3333")
    assert value(rows, "top3-share", "scheme", "dor") == Decimal("0.8000")
    assert value(rows, "hhi", "scheme", "dor") == Decimal("2644")
    # tenders ÷ suppliers admitted to the category on the invitation day: 16 ÷ (6+6+5+1+5+6)
    assert parts(rows, "tenders-per-admitted", "scheme", "dor") == (16, 29, 6)


def test_a_scheme_without_call_offs_has_no_award_figures_but_its_admissions(rows: Rows) -> None:
    assert value(rows, "awards", "scheme", "tom") == 0
    for indicator in ("sme-share-value", "single-tender-share", "tenders-per-admitted", "top3-share"):
        assert value(rows, indicator, "scheme", "tom") == "no-data", indicator
    assert value(rows, "active-share", "scheme", "tom") == "too-thin"  # 0 of 2: below the minimum, not a verdict
    assert parts(rows, "active-share", "scheme", "tom") == (0, 2, 2)


# --- comparable schemes ----------------------------------------------------------------------------------------


def test_a_scheme_beside_comparable_schemes(rows: Rows) -> None:
    # division 79, running: dor, tom, tre, fire (slutt is not running)
    assert value(rows, "peers-admitted-suppliers", "scheme", "dor") == Decimal("2.0")  # tom 2, tre 1, fire 2
    assert value(rows, "peers-admissions-last-12-months", "scheme", "dor") == Decimal("0.0")  # 2, 0, 0
    assert value(rows, "peers-admitted-suppliers", "scheme", "tom") == Decimal("2.0")  # dor 6, tre 1, fire 2
    # no other scheme has an SME share of value: no comparison, and how many there are
    assert (
        value(rows, "peers-sme-share-value", "scheme", "dor"),
        rows[("peers-sme-share-value", "scheme", "dor")]["n"],
    ) == ("no-data", 0)
    # fem is alone in division 90
    assert rows[("peers-admitted-suppliers", "scheme", "fem")]["n"] == 0


# --- verdicts ------------------------------------------------------------------------------------------------


def test_the_verdicts_of_the_fixture(rows: Rows) -> None:
    overall = scope_rows(rows)
    door = door_verdict(overall, "en", AS_OF)
    assert door.startswith(
        "Most running schemes, 3 of 5, admitted at least one new supplier in the 12 months to 2025-06-30."
    )
    assert "The median scheme has run for 3.5 years, and 2 of 5 have run longer than the four years" in door
    assert "The median time to admission was 4.5 working days; 9 of 10 admissions with a request date" in door
    assert open_verdict(overall, "en").startswith(
        "In 4 of 5 categories, half or more, a call-off reaches 5 suppliers or fewer"
    )
    threshold = threshold_verdict(scope_rows(rows, "scheme", "dor"), "en")
    assert threshold.startswith(
        "The SME share drops along the way, from 66.7% of the admitted suppliers to 25.9% of the value awarded; "
        "most between awards and value."
    )
    nb = door_verdict(overall, "nb", AS_OF)
    assert nb.startswith("De fleste løpende ordningene, 3 av 5, tok opp minst én ny leverandør")


def test_the_door_verdict_when_few_schemes_admit(tmp_path: Path) -> None:
    # S6's admission to dor a year earlier: only tom and fem admitted in the 12 months
    rows = edited(
        tmp_path,
        "suppliers/NO-BRC-312345668.yaml",
        "requested: 2025-03-03\n    admitted: 2025-03-07",
        "requested: 2024-03-04\n    admitted: 2024-03-08",
    )
    said = door_verdict(scope_rows(rows), "en", AS_OF)
    assert said.startswith(
        "2 of 5 running schemes, half or fewer, admitted a new supplier in the 12 months to 2025-06-30."
    )
    dor = scope_rows(rows, "scheme", "dor")
    scheme = {"cpv": "79540000-1"}
    assert scheme_door_verdict(dor, "en", AS_OF, scheme).startswith(
        "No admission was made in the 12 months to 2025-06-30."
    )


def row(
    indicator: str,
    value: str | int | None,
    numerator: int | None = None,
    denominator: int | None = None,
    n: int = 10,
    unit: str = "share",
) -> dict[str, Any]:
    return {
        "indicator_id": indicator,
        "unit": unit,
        "value": None if value is None else Decimal(value),
        "status": "ok" if value is not None else "too-thin",
        "numerator": None if numerator is None else Decimal(numerator),
        "denominator": None if denominator is None else Decimal(denominator),
        "n": n,
    }


def figures(*found: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["indicator_id"]: r for r in found}


def test_the_open_verdict_both_ways() -> None:
    wide = figures(
        row("wide-category-share", "0.75", 6, 8, 8), row("admitted-per-scheme-median", "12", unit="count", n=5)
    )
    assert open_verdict(wide, "en").startswith(
        "In most categories, 6 of 8, a call-off can reach more than 5 suppliers, more than the three to five"
    )
    assert "A running scheme has a median of 12 suppliers admitted now (5 schemes)." in open_verdict(wide, "en")
    every = figures(row("wide-category-share", "1", 8, 8, 8))
    assert open_verdict(every, "en").startswith("In all 8 categories a call-off can reach more than 5 suppliers")
    narrow = figures(row("wide-category-share", "0.5", 4, 8, 8))  # exactly half is not "most"
    assert open_verdict(narrow, "nb").startswith(
        "I 4 av 8 kategorier, halvparten eller flere, når et avrop 5 leverandører eller færre"
    )


def test_the_threshold_verdict_both_ways() -> None:
    holds = figures(*(row(i, "0.6") for i in claim_words.STAGES[:-1]), row("sme-share-value", "0.56"))
    assert threshold_verdict(holds, "en").startswith(
        "The SME share holds along the way: SMEs are 60.0% of the admitted suppliers and won 56.0% of the value "
        "awarded."
    )
    drops = figures(
        row("sme-share-admitted", "0.7"),
        row("sme-share-tenders", "0.4"),
        row("sme-share-awards", "0.35"),
        row("sme-share-value", "0.3"),
    )
    said = threshold_verdict(drops, "nb")
    assert said.startswith(
        "SMB-andelen faller underveis, fra 70,0\u00a0% av leverandørene som er tatt opp, til 30,0\u00a0% av den "
        "tildelte verdien; mest mellom leverandører tatt opp og tilbud."
    )


def test_a_verdict_says_when_there_is_too_little_to_say() -> None:
    thin = figures(row("recent-admission-share", None, 2, 3, 3), row("admission-within-10-share", None, 1, 2, 2))
    said = door_verdict(thin, "en", AS_OF)
    assert said.startswith(
        "Too few running schemes have known admission dates for the 12 months to 2025-06-30 to say whether they "
        "still admit new suppliers (3; at least 5 are needed)."
    )
    assert "Too few admissions have a request date to give the time to admission (2; at least 5 are needed)." in said
    assert threshold_verdict(
        figures(row("sme-share-admitted", None, n=3), row("sme-share-value", None, n=2)), "en"
    ).startswith(
        "The SME share from admission to value cannot be followed: suppliers of known size 3, awards with a value"
    )


def test_no_comparison_says_how_many_comparable_schemes_there_are(rows: Rows) -> None:
    dor = scope_rows(rows, "scheme", "dor")
    said = threshold_verdict(dor, "en", {"cpv": "79540000-1"})
    assert (
        "No comparison: comparable schemes with this figure (other running schemes in CPV division 79): 0; "
        "at least 3 are needed." in said
    )
    door = scheme_door_verdict(dor, "en", AS_OF, {"cpv": "79540000-1"})
    assert door.startswith(
        "One admission was made in the 12 months to 2025-06-30. "
        "Comparable schemes (other running schemes in CPV division 79: 3) have a median of 0.0."
    )
    assert (
        claim_verdicts.peer_sentence(dor, "admitted-suppliers", "en", {"cpv": None})
        == "No comparison: the scheme's CPV code is unknown."
    )


def test_the_door_verdict_when_every_running_scheme_admits() -> None:
    every = figures(row("recent-admission-share", "1", 3, 3, 3))
    assert door_verdict(every, "en", AS_OF).startswith("All 3 running schemes admitted at least one new supplier")
    assert door_verdict(every, "nb", AS_OF).startswith("Alle de 3 løpende ordningene tok opp minst én ny leverandør")


def test_the_door_verdict_says_how_admissions_go_by_year_of_a_schemes_life(found: list[dict[str, Any]]) -> None:
    overall = scope_rows(whole_period(found))
    rows = [r for r in found if r["indicator_id"] == "admissions-by-life-year" and r["scope"] == "overall"]
    assert (
        "Schemes admitted 1.66 suppliers a year each in the first year of their life, and 0.41 in year 4 of their "
        "life (3 schemes have reached it)." in door_verdict(overall, "en", AS_OF, rows)
    )
    assert (
        "Ordningene tok opp 1,66 leverandører i året hver i sitt første leveår, og 0,41 i sitt år 4 (3 ordninger "
        "har nådd det)." in door_verdict(overall, "nb", AS_OF, rows)
    )
    first_only = [dict(r, status="too-thin") if r["life_year"] > 1 else r for r in rows]
    assert (
        "Schemes admitted 1.66 suppliers a year each in the first year of their life (5 schemes); too few have "
        "reached a later year to compare (at least 3 are needed)." in door_verdict(overall, "en", AS_OF, first_only)
    )
    assert "first year of their life" not in door_verdict(overall, "en", AS_OF)  # no rows, no sentence


def test_the_chart_of_admissions_by_year_of_a_schemes_life(found: list[dict[str, Any]]) -> None:
    rows = [r for r in found if r["indicator_id"] == "admissions-by-life-year" and r["scope"] == "overall"]
    chart = str(life_year_chart(rows, "en"))
    assert "<svg" in chart and "Admissions per scheme-year, by year of the scheme&#39;s life" in chart
    # the data table: each year's figure and what it rests on (admissions, scheme-years, schemes reached)
    assert '<tr><th scope="row">Year 1</th><td>1.66</td><td>8</td><td>4.82</td><td>5</td></tr>' in chart
    assert '<tr><th scope="row">Year 6</th><td>too little data</td><td>1</td><td>1.44</td><td>2</td></tr>' in chart
    nb = str(life_year_chart(rows, "nb"))
    assert '<tr><th scope="row">År 1</th><td>1,66</td><td>8</td><td>4,82</td><td>5</td></tr>' in nb
    empty = str(life_year_chart([], "nb"))  # no scheme of known start: the chart and its table say so
    assert "<desc" in empty and "Stolpediagram. Ingen data." in empty
    assert '<tr><th scope="row"></th><td>ingen data</td><td>–</td><td>–</td><td>–</td></tr>' in empty


def share(indicator: str, k: int, n: int) -> dict[str, Any]:
    return row(indicator, str(Decimal(k) / Decimal(n)), k, n, n)


AGE = row("scheme-age", "3.5", n=5, unit="years")
DAYS = row("admission-days-median", "4.5", n=10, unit="days")
ALL_OR_NONE = [  # (the verdict of k of n, k, n, what it says in English, in Norwegian)
    (lambda f, lang: door_verdict(f, lang, AS_OF), "recent-admission-share", (), 5, 5,
     "All 5 running schemes admitted at least one new supplier",
     "Alle de 5 løpende ordningene tok opp minst én ny leverandør"),
    (lambda f, lang: door_verdict(f, lang, AS_OF), "recent-admission-share", (), 0, 5,
     "None of the 5 running schemes admitted a new supplier in the 12 months to 2025-06-30.",
     "Ingen av de 5 løpende ordningene tok opp en ny leverandør i de 12 månedene fram til 2025-06-30."),
    (lambda f, lang: door_verdict(f, lang, AS_OF), "long-running-share", (AGE,), 5, 5,
     "The median scheme has run for 3.5 years, and all 5 have run longer than the four years",
     "Medianordningen har løpt i 3,5 år, og alle de 5 har løpt lenger enn de fire årene"),
    (lambda f, lang: door_verdict(f, lang, AS_OF), "long-running-share", (AGE,), 0, 5,
     "The median scheme has run for 3.5 years, and none of the 5 has run longer than the four years",
     "Medianordningen har løpt i 3,5 år, og ingen av de 5 har løpt lenger enn de fire årene"),
    (lambda f, lang: door_verdict(f, lang, AS_OF), "admission-within-10-share", (DAYS,), 9, 9,
     "all 9 admissions with a request date were made within 10 working days.",
     "alle de 9 opptakene med søknadsdato ble gjort innen 10 virkedager."),
    (lambda f, lang: door_verdict(f, lang, AS_OF), "admission-within-10-share", (DAYS,), 0, 9,
     "none of the 9 admissions with a request date was made within 10 working days.",
     "ingen av de 9 opptakene med søknadsdato ble gjort innen 10 virkedager."),
    (open_verdict, "wide-category-share", (), 23, 23,
     "In all 23 categories a call-off can reach more than 5 suppliers",
     "I alle de 23 kategoriene kan et avrop nå flere enn 5 leverandører"),
    (open_verdict, "wide-category-share", (), 0, 23,
     "In all 23 categories a call-off reaches 5 suppliers or fewer",
     "I alle de 23 kategoriene når et avrop 5 leverandører eller færre"),
    (open_verdict, "wide-category-share", (), 1, 1,
     "The one category of a running scheme with a known count can reach more than 5 suppliers",
     "Den ene kategorien i en løpende ordning med kjent antall kan nå flere enn 5 leverandører"),
    (open_verdict, "wide-category-share", (), 0, 1,
     "The one category of a running scheme with a known count reaches 5 suppliers or fewer",
     "Den ene kategorien i en løpende ordning med kjent antall når 5 leverandører eller færre"),
    (open_verdict, "left-share", (), 9, 9,
     "All 9 suppliers ever admitted have left.",
     "Alle de 9 leverandørene som noen gang er tatt opp, har gått ut."),
    (open_verdict, "left-share", (), 0, 9,
     "None of the 9 suppliers ever admitted has left.",
     "Ingen av de 9 leverandørene som noen gang er tatt opp, har gått ut."),
    (lambda f, lang: scheme_open_verdict(f, lang, {"cpv": None}), "wide-category-share", (), 3, 3,
     "All 3 categories have more than 5.", "Alle de 3 kategoriene har flere enn 5."),
    (lambda f, lang: scheme_open_verdict(f, lang, {"cpv": None}), "wide-category-share", (), 0, 3,
     "None of the 3 categories has more than 5.", "Ingen av de 3 kategoriene har flere enn 5."),
    (threshold_verdict, "single-tender-share", (), 7, 7,
     "All 7 call-offs received a single tender.", "Alle de 7 avropene fikk bare ett tilbud."),
    (threshold_verdict, "single-tender-share", (), 0, 7,
     "None of the 7 call-offs received a single tender.", "Ingen av de 7 avropene fikk bare ett tilbud."),
    (threshold_verdict, "active-share", (), 6, 6,
     "All 6 admitted suppliers have won at least once.",
     "Alle de 6 leverandørene som er tatt opp, har vunnet minst én gang."),
    (threshold_verdict, "active-share", (), 0, 6,
     "None of the 6 admitted suppliers has won.", "Ingen av de 6 leverandørene som er tatt opp, har vunnet."),
]  # fmt: skip


@pytest.mark.parametrize(("verdict", "indicator", "more", "k", "n", "en", "nb"), ALL_OR_NONE)
def test_all_and_none_are_said_as_all_and_none(
    verdict: Any, indicator: str, more: tuple[dict[str, Any], ...], k: int, n: int, en: str, nb: str
) -> None:
    found = figures(share(indicator, k, n), *more)
    assert en in verdict(found, "en")
    assert nb in verdict(found, "nb")
    assert f"{k} of {n}" not in verdict(found, "en") and f"{k} av {n}" not in verdict(found, "nb")


def test_some_of_many_keeps_the_count() -> None:
    found = figures(share("left-share", 5, 180), share("single-tender-share", 57, 581), share("active-share", 68, 180))
    assert "5 of 180 suppliers ever admitted have left." in open_verdict(found, "en")
    said = threshold_verdict(found, "nb")
    assert "57 av 581 avrop fikk bare ett tilbud." in said
    assert "68 av 180 leverandører som er tatt opp, har vunnet minst én gang." in said

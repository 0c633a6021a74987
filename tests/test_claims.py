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
from generator.render import claims
from generator.render.claims import door_verdict, open_verdict, scheme_door_verdict, threshold_verdict

FIXTURE = Path(__file__).parent / "fixtures" / "claims"
AS_OF = date(2025, 6, 30)

Rows = dict[tuple[str, str, str | None], dict[str, Any]]


def computed(data: Path) -> Rows:
    dataset, problems = validate(data)
    assert not [p for p in problems if p.is_error], [p.message for p in problems if p.is_error]
    rows = compute_indicators(build_model(dataset), problems)
    return {(r["indicator_id"], r["scope"], r["scope_id"]): r for r in rows if r["year"] is None}


@pytest.fixture(scope="module")
def rows() -> Rows:
    return computed(FIXTURE)


def edited(tmp_path: Path, file: str, old: str, new: str) -> Rows:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    path = data / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return computed(data)


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
    holds = figures(*(row(i, "0.6") for i in claims.STAGES[:-1]), row("sme-share-value", "0.56"))
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
        claims.peer_sentence(dor, "admitted-suppliers", "en", {"cpv": None})
        == "No comparison: the scheme's CPV code is unknown."
    )


def test_the_door_verdict_when_every_running_scheme_admits() -> None:
    every = figures(row("recent-admission-share", "1", 3, 3, 3))
    assert door_verdict(every, "en", AS_OF).startswith("All 3 running schemes admitted at least one new supplier")
    assert door_verdict(every, "nb", AS_OF).startswith("Alle de 3 løpende ordningene tok opp minst én ny leverandør")

"""Indicators against values worked out by hand on a small dataset written in the test."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from frictionless import Resource, Schema

from generator import schemas
from generator.check import validate
from generator.indicators import compute, compute_indicators, definitions
from generator.model import build_model
from generator.render.indicator_charts import page_charts

B1, B2, B3 = "NO-BRC-312345676", "NO-BRC-312345714", "NO-BRC-312345684"  # owner of vask, a guest buyer, owner of tom
S1, S2, S3, S4, S5, S6 = (f"NO-BRC-{n}" for n in (312345609, 312345617, 312345625, 312345633, 312345641, 312345668))

SCHEMES = {
    # an open scheme with two categories
    "vask": f"""id: vask
title: "Vask & <rens>"
buyer: {{id: {B1}, name: "Fjordvik kommune"}}
type: open
status: active
cpv: "90910000-9"
categories:
  - {{id: a, title: "Bygg", cpv: "90910000-9"}}
  - {{id: b, title: "Vinduer", cpv: "90910000-9"}}
published: 2021-11-01
request_deadline: 2021-12-06
valid_from: 2022-01-03
valid_to: 2026-12-31
""",
    # nothing in it: a short request period and no end date (two warnings)
    "tom": f"""id: tom
title: "Tom ordning"
buyer: {{id: {B3}, name: "Nordhei fylkeskommune"}}
type: closed
status: active
cpv: "90910000-9"
published: 2023-01-02
request_deadline: 2023-01-20
valid_from: 2023-02-01
""",
}

# (id, size, categories, admitted, left). All requested Monday 2022-03-07; March 2022 has no public holiday,
# so the working days are: S1 Wed 9th = 2, S2 Mon 14th = 5, S3 Fri 11th = 4, S4 Mon 21st = 10, S5 Tue 8th = 1,
# S6 Fri 25th = 14 (an admission-time warning).
SUPPLIERS = [
    (S1, "micro", "[a]", "2022-03-09", None),
    (S2, "small", "[a, b]", "2022-03-14", None),
    (S3, "medium", "[a]", "2022-03-11", None),
    (S4, "large", "[a]", "2022-03-21", "2023-06-30"),
    (S5, "large", "[b]", "2022-03-08", None),
    (S6, "small", "[a]", "2022-03-25", None),
]

# (id, category, buyer, invited, deadline, invited_count, tenders, sme_tenders, winners, value, status)
# Category a has 5 suppliers admitted in 2023 until S4 leaves on 30 June, category b has 2.
AWARDS = [
    ("a1", "a", None, "2023-02-01", "2023-02-15", 6, 3, 2, [S1], "100000 NOK", "awarded"),  # 6 invited: all-invited
    ("a2", "a", None, "2023-03-01", "2023-03-15", 5, 1, 0, [S4], "300000 NOK", "awarded"),
    ("a3", "a", None, "2023-04-03", "2023-04-17", 5, 4, 3, [S1, S4], "200000 NOK", "awarded"),
    ("a4", "b", B2, "2023-05-02", "2023-05-16", 2, 2, 2, [S2], "50000 NOK", "awarded"),  # run by a guest buyer
    ("a5", "a", None, "2023-09-01", "2023-09-06", 4, 1, 1, [S3], "150000 NOK", "awarded"),  # 5 days: tender-period
    ("a6", "a", None, "2023-10-02", "2023-10-16", 4, 0, 0, [], None, "cancelled"),
    ("a7", "b", None, "2023-11-01", "2023-11-15", 2, 2, None, [S5], "10000 EUR", "awarded"),
    ("a8", "a", None, "2024-03-04", "2024-03-18", 4, None, None, [S3], None, "awarded"),  # as of: awarded 2024-04-02
]


def _award(spec: tuple[Any, ...]) -> str:
    id_, category, buyer, invited, deadline, count, tenders, sme, winners, value, status = spec
    lines = [f"id: {id_}", "scheme: vask", f"category: {category}", f'title: "Avrop {id_}"']
    if buyer:
        lines.append(f'buyer: {{id: {buyer}, name: "Vestvik kommune"}}')
    lines += [f"invited: {invited}", f"tender_deadline: {deadline}", f"invited_count: {count}"]
    lines += [f"{k}: {v}" for k, v in (("tenders", tenders), ("sme_tenders", sme)) if v is not None]
    if status == "awarded":
        lines.append("awarded: 2024-04-02" if id_ == "a8" else f"awarded: {deadline[:8]}28")
        lines.append(f"suppliers: [{', '.join(winners)}]")
    if value:
        amount, currency = value.split()
        lines.append(f"value: {{amount: {amount}, currency: {currency}}}")
    lines.append(f"status: {status}")
    return "\n".join(lines) + "\n"


def _supplier(spec: tuple[Any, ...]) -> str:
    id_, size, categories, admitted, left = spec
    text = f"""id: {id_}
name: "Firma {id_[-3:]} AS"
size: {size}
country: "NO"
admissions:
  - scheme: vask
    categories: {categories}
    requested: 2022-03-07
    admitted: {admitted}
"""
    return text + (f"    left: {left}\n" if left else "")


def write(root: Path, awards: list[tuple[Any, ...]] = AWARDS) -> Path:
    for scheme, text in SCHEMES.items():
        (root / "schemes").mkdir(parents=True, exist_ok=True)
        (root / "schemes" / f"{scheme}.yaml").write_text(text, encoding="utf-8")
    (root / "suppliers").mkdir()
    for spec in SUPPLIERS:
        (root / "suppliers" / f"{spec[0]}.yaml").write_text(_supplier(spec), encoding="utf-8")
    (root / "awards" / "vask").mkdir(parents=True)
    for spec in awards:
        (root / "awards" / "vask" / f"{spec[0]}.yaml").write_text(_award(spec), encoding="utf-8")
    return root


Rows = dict[tuple[str, str, str | None, int | None], dict[str, Any]]


def computed(root: Path) -> Rows:
    dataset, problems = validate(root)
    rows = compute_indicators(build_model(dataset), problems)
    return {(r["indicator_id"], r["scope"], r["scope_id"], r["year"]): r for r in rows}


@pytest.fixture
def rows(tmp_path: Path) -> Rows:
    return computed(write(tmp_path / "data"))


def value(
    rows: Rows, indicator: str, scope: str = "scheme", scope_id: str | None = "vask", year: int | None = None
) -> Any:
    r = rows[(indicator, scope, scope_id, year)]
    return r["value"] if r["status"] == "ok" else r["status"]


def test_the_dataset_is_valid_with_the_intended_warnings(tmp_path: Path) -> None:
    _, problems = validate(write(tmp_path / "data"))
    assert not [p for p in problems if p.is_error]
    found = sorted((p.rule, Path(p.file).name) for p in problems)
    assert found == [
        ("admission-time", f"{S6}.yaml"),
        ("all-invited", "a1.yaml"),
        ("no-end-date", "tom.yaml"),
        ("request-period", "tom.yaml"),
        ("tender-period", "a5.yaml"),
    ]


def test_openness(rows: Rows) -> None:
    # as of 2024-04-02 (a8 awarded): S4 left on 2023-06-30, the other five are admitted
    assert value(rows, "admitted-suppliers") == 5
    assert value(rows, "admitted-suppliers", "category", "vask/a") == 4  # S1 S2 S3 S6
    # on 31 Dec 2022 all six; on 31 Dec 2023 five; 2024 is not over
    assert value(rows, "admitted-year-end", year=2022) == 6
    assert value(rows, "admitted-year-end", year=2023) == 5
    assert ("admitted-year-end", "scheme", "vask", 2024) not in rows
    # six admissions in 2022 (S2's two categories are one admission), none since: a true zero
    assert value(rows, "admissions") == 6
    assert value(rows, "admissions", year=2022) == 6
    assert value(rows, "admissions", year=2023) == 0
    assert value(rows, "admissions", "category", "vask/a") == 5
    # working days sorted: 1 2 4 5 10 14 -> median (4 + 5) / 2 = 4.5
    assert value(rows, "admission-days-median") == Decimal("4.5")
    # p90 by nearest rank would be the 6th of 6 (14) but needs at least 10 admissions
    p90 = rows[("admission-days-p90", "scheme", "vask", None)]
    assert (p90["status"], p90["value"], p90["n"]) == ("too-thin", None, 6)


def test_volume(rows: Rows) -> None:
    # a1-a5, a7 invited in 2023 and a8 in 2024; a6 is cancelled
    assert value(rows, "awards") == 7
    assert (value(rows, "awards", year=2023), value(rows, "awards", year=2024)) == (6, 1)
    # NOK only: 100 000 + 300 000 + 200 000 + 50 000 + 150 000 = 800 000 (a7 is in EUR, a8 has no value)
    assert value(rows, "award-value") == Decimal("800000.00")
    assert rows[("award-value", "scheme", "vask", None)]["n"] == 5
    # 2024 had an award but none with a value in NOK: no data, not 0; 2022 had no awards: 0
    assert value(rows, "award-value", year=2024) == "no-data"
    assert value(rows, "award-value", year=2022) == Decimal("0.00")


def test_smes(rows: Rows) -> None:
    # suppliers: S1 micro, S2 small, S3 medium, S6 small are SMEs; S4, S5 large -> 4/6
    assert value(rows, "sme-share-admitted") == Decimal("0.6667")
    # awards: a1 1 + a2 0 + a3 1/2 (S1 of S1, S4) + a4 1 + a5 1 + a7 0 + a8 1 = 4.5 of 7 = 0.642857…
    r = rows[("sme-share-awards", "scheme", "vask", None)]
    assert (r["value"], r["numerator"], r["denominator"], r["n"]) == (
        Decimal("0.6429"),
        Decimal("4.5000"),
        Decimal("7.0000"),
        7,
    )
    # value: a1 100 000 + a3 200 000 / 2 + a4 50 000 + a5 150 000 = 400 000 of 800 000
    r = rows[("sme-share-value", "scheme", "vask", None)]
    assert (r["value"], r["numerator"], r["denominator"], r["n"]) == (
        Decimal("0.5000"),
        Decimal("400000.00"),
        Decimal("800000.00"),
        5,
    )
    # tenders over awards with both counts (a1-a5): (2 + 0 + 3 + 2 + 1) / (3 + 1 + 4 + 2 + 1) = 8/11
    assert value(rows, "sme-share-tenders") == Decimal("0.7273")


def test_multi_supplier_value_is_split_exactly(tmp_path: Path) -> None:
    awards = [(*a[:8], [S1, S2, S4], *a[9:]) if a[0] == "a3" else a for a in AWARDS]
    rows = computed(write(tmp_path / "data", awards))
    # a3's 200 000 split in three, two of them SMEs: 400 000 - 100 000 + 133 333.33… = 433 333.33… of 800 000
    r = rows[("sme-share-value", "scheme", "vask", None)]
    assert (r["value"], r["numerator"]) == (Decimal("0.5417"), Decimal("433333.33"))  # 13/24 = 0.541666…
    # awards: 4.5 - 1/2 + 2/3 = 4.6666… of 7 = 0.666666…
    assert value(rows, "sme-share-awards") == Decimal("0.6667")


def test_activation(rows: Rows) -> None:
    # winners S1 S4 S2 S3 S5; S6 never won -> 5/6; one dormant admission
    assert value(rows, "active-share") == Decimal("0.8333")
    assert value(rows, "dormant-admissions") == 1
    # category a: S2 won only in b, S6 never -> 2 dormant; category b: S2 and S5 both won there
    assert value(rows, "dormant-admissions", "category", "vask/a") == 2
    assert value(rows, "dormant-admissions", "category", "vask/b") == 0


def test_competition(rows: Rows) -> None:
    # tenders known: 3 1 4 2 1 2 -> sorted 1 1 2 2 3 4, median 2; single-tender a2, a5 -> 2/6
    assert value(rows, "tenders-median") == Decimal("2.0")
    assert value(rows, "single-tender-share") == Decimal("0.3333")
    # tenders 3+1+4 in a with 5 admitted, 1 in a (a5, after S4 left) with 4, 2+2 in b with 2 admitted:
    # 13 / (3·5 + 4 + 2·2) = 13/23 = 0.565217…
    r = rows[("tenders-per-admitted", "scheme", "vask", None)]
    assert (r["value"], r["numerator"], r["denominator"], r["n"]) == (Decimal("0.5652"), 13, 23, 6)


def test_concentration(rows: Rows) -> None:
    # by supplier: S4 300 000 + 100 000 = 400 000, S1 100 000 + 100 000 = 200 000, S3 150 000, S2 50 000
    assert value(rows, "top1-share") == Decimal("0.5000")  # 400/800
    assert value(rows, "top3-share") == Decimal("0.9375")  # 750/800
    # HHI: 50² + 25² + 18.75² + 6.25² = 2500 + 625 + 351.5625 + 39.0625 = 3515.625 -> 3516
    assert value(rows, "hhi") == Decimal("3516")


def test_buyers_split_by_role(rows: Rows) -> None:
    # admissions belong to the scheme's owner B1, awards to the buyer that ran them: a4 was B2's
    assert value(rows, "awards", "buyer", B2) == 1
    assert value(rows, "awards", "buyer", B1) == 6
    assert value(rows, "award-value", "buyer", B2) == Decimal("50000.00")
    assert value(rows, "admitted-suppliers", "buyer", B1) == 5
    assert value(rows, "admitted-suppliers", "buyer", B2) == 0
    assert value(rows, "active-share", "buyer", B2) == "no-data"


def test_signals(rows: Rows) -> None:
    assert value(rows, "signal-admission-time") == 1
    assert value(rows, "signal-admission-time", "category", "vask/a") == 1
    assert value(rows, "signal-admission-time", "category", "vask/b") == 0
    assert value(rows, "signal-tender-period", "category", "vask/a") == 1
    assert value(rows, "signal-all-invited", "buyer", B1) == 1
    assert value(rows, "signal-no-end-date", "scheme", "tom") == 1
    assert value(rows, "signal-request-period", "buyer", B3) == 1
    assert value(rows, "signal-request-period", "overall", None) == 1
    # n is what the rule could check: 8 call-offs with an invitation date and a tender deadline
    assert rows[("signal-tender-period", "scheme", "vask", None)]["n"] == 8
    # scheme-level rules have no category rows
    assert ("signal-no-end-date", "category", "vask/a", None) not in rows


def test_missing_is_not_zero(rows: Rows) -> None:
    for indicator in ("admission-days-median", "sme-share-admitted", "sme-share-value", "tenders-median", "hhi"):
        r = rows[(indicator, "scheme", "tom", None)]
        assert (r["status"], r["value"], r["n"]) == ("no-data", None, 0), indicator
    # nothing admitted and nothing awarded are true zeros
    assert value(rows, "admitted-suppliers", "scheme", "tom") == 0
    assert value(rows, "awards", "scheme", "tom") == 0
    # a scheme with no activity has no yearly rows
    assert not [k for k in rows if k[2] == "tom" and k[3] is not None]


def test_too_thin_keeps_numerator_and_denominator(rows: Rows) -> None:
    # category b: S2 small and S5 large -> 1 of 2, below the minimum of 5
    r = rows[("sme-share-admitted", "category", "vask/b", None)]
    assert (r["value"], r["status"], r["numerator"], r["denominator"], r["n"]) == (None, "too-thin", 1, 2, 2)


def test_rows_are_sorted_deterministic_and_defined(tmp_path: Path) -> None:
    dataset, problems = validate(write(tmp_path / "data"))
    first, second = (
        compute_indicators(build_model(dataset), problems),
        compute_indicators(build_model(dataset), list(reversed(problems))),
    )
    assert first == second
    keys = [
        (r["indicator_id"], r["scope"], r["scope_id"] or "~", r["year"] or 9999, r["life_year"] or 9999) for r in first
    ]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert {r["indicator_id"] for r in first} == set(definitions().indicators)
    for r in first:
        d = definitions().indicators[r["indicator_id"]]
        assert r["year"] is None or r["life_year"] is None  # a calendar year or a year of a scheme's life, not both
        scopes = d.yearly_scopes if r["year"] else d.life_scopes if r["life_year"] else d.scopes
        assert r["scope"] in scopes


def test_chart_data(tmp_path: Path) -> None:
    dataset, problems = validate(write(tmp_path / "data"))
    found = compute(build_model(dataset), problems)
    assert found.tenders[("scheme", "vask")] == {1: 2, 2: 2, 3: 1, 4: 1}
    assert found.top_suppliers[("scheme", "vask")][:2] == [
        (S4, Decimal("400000.00"), Decimal("0.5000")),
        (S1, Decimal("200000.00"), Decimal("0.2500")),
    ]


def test_rows_validate_against_the_table_schema(tmp_path: Path) -> None:
    dataset, problems = validate(write(tmp_path / "data"))
    rows = compute_indicators(build_model(dataset), problems)
    schema = schemas.table_schema("indicators")
    header = [f["name"] for f in schema["fields"]]
    assert list(rows[0]) == header
    path = tmp_path / "indicators.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows([["" if r[c] is None else r[c] for c in header] for r in rows])
    descriptor = {k: v for k, v in schema.items() if k in ("fields", "primaryKey")}
    report = Resource(path=path.name, basepath=str(tmp_path), schema=Schema.from_descriptor(descriptor)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_schema_and_definitions_agree() -> None:
    schema = json.loads((Path(schemas.SCHEMA_DIR) / "indicators.json").read_text(encoding="utf-8"))
    ids = next(f for f in schema["fields"] if f["name"] == "indicator_id")["constraints"]["enum"]
    assert ids == list(definitions().indicators)
    for f in schema["fields"]:
        assert f["title"] and f["description"] and f["x-nb"]["title"] and f["x-nb"]["description"]
    for d in definitions().indicators.values():
        for need in d.needs:
            resource, column = need.split(".")
            assert column in [c.name for c in schemas.columns(resource)], need
        assert len(d.caveats["nb"]) == len(d.caveats["en"]) >= 1


def test_one_warning_per_admission_counts_once_per_scope(tmp_path: Path) -> None:
    root = write(tmp_path / "data")
    path = root / "suppliers" / f"{S2}.yaml"  # S2 is admitted to a and b in one decision
    path.write_text(path.read_text(encoding="utf-8").replace("2022-03-14", "2022-03-28"), encoding="utf-8")
    rows = computed(root)
    # S6 and now S2 (15 working days): two admissions late for the scheme; S2's counts in both its categories
    assert value(rows, "signal-admission-time") == 2
    assert value(rows, "signal-admission-time", "overall", None) == 2
    assert value(rows, "signal-admission-time", "category", "vask/a") == 2
    assert value(rows, "signal-admission-time", "category", "vask/b") == 1


def test_nobody_is_admitted_after_the_scheme_ends(tmp_path: Path) -> None:
    dataset, problems = validate(write(tmp_path / "data"))
    rows = {
        (r["indicator_id"], r["scope"], r["scope_id"], r["year"]): r
        for r in compute_indicators(build_model(dataset), problems, as_of=date(2027, 1, 5))
    }
    # vask is valid to 2026-12-31 inclusive: five suppliers on that day, none after it
    assert value(rows, "admitted-year-end", year=2026) == 5
    assert value(rows, "admitted-suppliers") == 0


def _desc(svg: str) -> str:
    desc = ET.fromstring(svg).find("{http://www.w3.org/2000/svg}desc")
    assert desc is not None and desc.text is not None
    return desc.text


def test_page_charts_show_the_indicators_with_their_tables(tmp_path: Path) -> None:
    dataset, problems = validate(write(tmp_path / "data"))
    found = compute(build_model(dataset), problems)
    names = {S4: "Stor & <Sterk> AS"}
    figures = {f.key: f for f in page_charts(found, ("scheme", "vask"), "nb", lambda s: names.get(s, s))}
    assert list(figures) == ["admitted", "sme", "tenders", "concentration"]
    for f in figures.values():
        ET.fromstring(f.svg), ET.fromstring(f.table)  # both well-formed, so safe to embed
    assert _desc(figures["admitted"].svg).endswith("2022: 6; 2023: 5; 2024-04-02: 5.")
    assert (
        "Leverandører tatt opp: 66,7\u00a0%; Tilbud: 72,7\u00a0%; Tildelinger: 64,3\u00a0%; Verdi: 50,0\u00a0%"
        in _desc(figures["sme"].svg)
    )
    assert "1: 2; 2: 2; 3: 1; 4: 1" in _desc(figures["tenders"].svg)
    assert "Stor &amp; &lt;Sterk&gt; AS" in figures["concentration"].svg
    assert "Stor & <Sterk> AS: 50,0\u00a0%" in _desc(figures["concentration"].svg)
    assert "<td>50,0\u00a0%</td>" in figures["concentration"].table


def test_page_charts_say_when_data_is_missing_or_thin(tmp_path: Path) -> None:
    dataset, problems = validate(write(tmp_path / "data"))
    found = compute(build_model(dataset), problems)
    category = {f.key: f for f in page_charts(found, ("category", "vask/b"), "en")}
    assert "admitted" not in category  # categories have no yearly rows
    # one award in NOK in category b: the largest supplier's share would rest on a single award
    assert _desc(category["concentration"].svg) == "Bar chart. Too little data."
    empty = {f.key: f for f in page_charts(found, ("scheme", "tom"), "en")}
    assert _desc(empty["sme"].svg) == "Bar chart. No data."
    assert _desc(empty["tenders"].svg) == "Distribution. No data."


def test_invalid_records_do_not_break_the_computation(tmp_path: Path) -> None:
    root = write(tmp_path / "data")
    broken = {
        "awards/vask/a1.yaml": [
            ("category: a", "category: nowhere"),
            ("invited: 2023-02-01", "invited: soon"),
            ("awarded: 2023-02-28", "awarded: later"),
        ],
        "awards/vask/a2.yaml": [
            (f"suppliers: [{S4}]", "suppliers: [NO-BRC-999999999]"),
            ("amount: 300000", "amount: lots"),
        ],
        "awards/vask/a3.yaml": [("status: awarded", "status: maybe")],
        f"suppliers/{S1}.yaml": [("admitted: 2022-03-09", "admitted: never"), ("scheme: vask", "scheme: gone")],
        f"suppliers/{S3}.yaml": [("size: medium", "size: huge")],
    }
    for relative, swaps in broken.items():
        path = root / relative
        text = path.read_text(encoding="utf-8")
        for old, new in swaps:
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    dataset, problems = validate(root)
    assert [p for p in problems if p.is_error]
    rows = {
        (r["indicator_id"], r["scope"], r["scope_id"], r["year"]): r
        for r in compute_indicators(build_model(dataset), problems)
    }
    # what is broken is left out, never guessed: a3 is not 'awarded', a1 has no invitation or award year
    assert value(rows, "awards") == 6
    assert value(rows, "awards", year=2023) == 4


def test_indicators_computed_while_frictionless_checks_are_the_ones_computed_after() -> None:
    from generator.check import validate, validate_then
    from generator.indicators import compute, model_and_indicators

    data = Path(__file__).parents[1] / "data"
    dataset, problems = validate(data)
    assert [p for p in problems if p.severity == "warning"]  # the shipped data has warnings that signal
    _, problems_then, computed = validate_then(data, model_and_indicators, workers=2)
    assert problems_then == problems and computed is not None
    assert computed[1].rows == compute(build_model(dataset), problems).rows


def test_each_red_flag_is_judged_from_the_fields_it_names() -> None:
    """The tally judges a red flag once per distinct value of the call-off fields FLAG_FIELDS names for it: the
    tender made from those fields alone must be judged as the whole call-off's tender is, whatever else the
    call-off holds or lacks."""
    from generator.indicators.scope import FLAG_FIELDS, RED_FLAGS
    from generator.ocds.calloff import cardinal_fields

    dataset, _ = validate(Path("data"))
    judged: dict[str, set[bool | None]] = {flag: set() for flag in RED_FLAGS}
    for row in dataset.tables["awards"]:
        for award in [row.values, *({**row.values, field: None} for field in row.values)]:
            for flag, judge in RED_FLAGS.items():
                alone = judge(cardinal_fields({field: award[field] for field in FLAG_FIELDS[flag]}))
                assert alone == judge(cardinal_fields(award)), (flag, row.file, award)
                judged[flag].add(alone)
    assert judged == {flag: {True, False, None} for flag in RED_FLAGS}  # each flag judged each way

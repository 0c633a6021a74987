"""Every domain rule: a record that breaks it, and the valid fixture that passes it; and the registry of
every problem kind, which no problem can bypass."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import frictionless
import pytest

from generator.check import validate
from generator.check.rules import CHECKS, RULES
from generator.model.facts import working_days
from generator.problem_kinds import GROUPS, KINDS
from generator.problems import error, of_kind, warning

from .conftest import ROOT, Edit, problems_of

TOLK = "schemes/tolk-fjordvik.yaml"
RENHOLD = "schemes/renhold-nordhei.yaml"
FJORDTOLK = "suppliers/NO-BRC-312345692.yaml"
SVENSK = "suppliers/SE-BLV-5561234567.yaml"
AWARD = "awards/tolk-fjordvik/2024-001.yaml"
AWARD2 = "awards/tolk-fjordvik/2024-002.yaml"
OPEN_AWARD = "awards/renhold-nordhei/2024-001.yaml"

# (rule, file, old text, new text, expected [(rule, file, line)])
BREAKS = [
    ("orgnr", TOLK, "id: NO-BRC-312345676", "id: NO-BRC-312345677", [("orgnr", TOLK, 5)]),
    ("orgnr", RENHOLD, "id: NO-BRC-312345684", "id: NO-BRC-31234568", [("orgnr", RENHOLD, 4)]),
    (
        "dates",
        TOLK,
        "valid_to: 2027-02-14",
        "valid_to: 2023-02-14",
        [("dates", TOLK, 23)]
        + [("within-validity", f"awards/tolk-fjordvik/2024-00{n}.yaml", line) for n in (1, 2) for line in (5, 10)],
    ),
    (
        "dates",
        TOLK,
        "request_deadline: 2023-02-06",
        "request_deadline: 2022-12-30",
        [("dates", TOLK, 21), ("request-period", TOLK, 21)],
    ),
    ("dates", SVENSK, "left: 2024-06-30", "left: 2023-02-09", [("dates", SVENSK, 10), ("all-invited", AWARD, 7)]),
    ("dates", AWARD, "awarded: 2024-04-02", "awarded: 2024-03-17", [("dates", AWARD, 10)]),
    ("dates", AWARD, "end: 2025-04-30", "end: 2024-04-30", [("dates", AWARD, 17)]),
    ("refs", AWARD, "category: muntlig", "category: skriv", [("refs", AWARD, 3)]),
    (
        "refs",
        OPEN_AWARD,
        "scheme: renhold-nordhei\n",
        "scheme: renhold-nordhei\ncategory: muntlig\n",
        [("refs", OPEN_AWARD, 3)],
    ),
    (
        "refs",
        FJORDTOLK,
        "scheme: tolk-fjordvik",
        "scheme: tolk-nordhei",
        [
            ("refs", FJORDTOLK, 7),
            ("winner-admitted", AWARD, 11),
            ("winner-admitted", AWARD2, 11),
            ("all-invited", AWARD, 7),
            ("all-invited", AWARD2, 7),
        ],
    ),
    (
        "winner-admitted",
        AWARD2,
        "suppliers: [NO-BRC-312345692]",
        "suppliers: [NO-BRC-312345692, SE-BLV-5561234567]",
        [("winner-admitted", AWARD2, 11)],
    ),
    (
        "winner-admitted",
        FJORDTOLK,
        "admitted: 2023-02-08",
        "admitted: 2024-03-05",
        [("winner-admitted", AWARD, 11), ("admission-time", FJORDTOLK, 10), ("all-invited", AWARD, 7)],
    ),
    # the scheme ends between the award's invitation and its award (an event cannot lie after today: see test_dates)
    (
        "within-validity",
        TOLK,
        "valid_to: 2027-02-14",
        "valid_to: 2024-03-31",
        [("within-validity", AWARD, 10), ("within-validity", AWARD2, 5), ("within-validity", AWARD2, 10)],
    ),
    (
        "within-validity",
        RENHOLD,
        "valid_from: 2023-06-15",
        "valid_from: 2024-09-03",
        [("within-validity", OPEN_AWARD, 7)],
    ),
    ("counts", AWARD, "sme_tenders: 1", "sme_tenders: 3", [("counts", AWARD, 9)]),
    ("counts", AWARD, "tenders: 2\n", "tenders: 5\n", [("counts", AWARD, 8)]),
    ("terminated", RENHOLD, "status: active", "status: terminated", [("terminated", RENHOLD, 7)]),
    (
        "request-period",
        RENHOLD,
        "request_deadline: 2023-06-05",
        "request_deadline: 2023-05-20",
        [("request-period", RENHOLD, 10)],
    ),
    ("admission-time", FJORDTOLK, "admitted: 2023-02-08", "admitted: 2023-02-16", [("admission-time", FJORDTOLK, 10)]),
    (
        "tender-period",
        AWARD,
        "tender_deadline: 2024-03-18",
        "tender_deadline: 2024-03-13",
        [("tender-period", AWARD, 6)],
    ),
    ("all-invited", AWARD, "invited_count: 2", "invited_count: 5", [("all-invited", AWARD, 7)]),
    (
        "scheme-complete",
        TOLK,
        'title: "Dynamisk innkjøpsordning for tolketjenester"\n',
        "",
        [("scheme-complete", TOLK, 1)],
    ),
    ("scheme-complete", TOLK, "published: 2023-01-02\n", "", [("scheme-complete", TOLK, 1)]),
    ("scheme-complete", TOLK, "type: closed\nstatus: active\n", "", [("scheme-complete", TOLK, 1)] * 2),
    ("scheme-complete", TOLK, '    title: "Muntlig tolking"\n', "", [("scheme-complete", TOLK, 11)]),
    # without a date the admission counts for no rule that needs one (winner-admitted, all-invited, admission-time)
    ("admission-date", FJORDTOLK, "    admitted: 2023-02-08\n", "", [("admission-date", FJORDTOLK, 7)]),
    (
        "admission-date",
        FJORDTOLK,
        "    admitted: 2023-02-08\n",
        '    admitted: 2023-02-08\n    admitted_by: 2024-03-04\n    source: "2024-100200"\n',
        [("admission-date", FJORDTOLK, 11)],
    ),
    (
        "award-date",
        AWARD,
        "invited: 2024-03-04\ntender_deadline: 2024-03-18\ninvited_count: 2\ntenders: 2\nsme_tenders: 1\n"
        "awarded: 2024-04-02\n",
        "",
        [("award-date", AWARD, 1)],
    ),
    ("no-end-date", RENHOLD, "valid_to: 2026-06-14\n", "", [("no-end-date", RENHOLD, 1)]),
    (
        "buyer-name",
        OPEN_AWARD,
        'id: NO-BRC-312345714\n  name: "Vestvik kommune"',
        'id: NO-BRC-312345684\n  name: "Nordhei fylke"',
        [("buyer-name", OPEN_AWARD, 5)],
    ),
]


def test_the_valid_fixture_passes_every_rule(data: Path) -> None:
    assert problems_of(data) == []


@pytest.mark.parametrize(
    ("rule", "file", "old", "new", "expected"), BREAKS, ids=[f"{b[0]}-{i}" for i, b in enumerate(BREAKS)]
)
def test_a_record_that_breaks_a_rule_is_reported_at_its_line(
    data: Path, edit: Edit, rule: str, file: str, old: str, new: str, expected: list[tuple[str, str, int]]
) -> None:
    edit(file, old, new)
    assert sorted(problems_of(data)) == sorted(expected)


def test_every_rule_has_a_breaking_test_and_a_legal_source() -> None:
    assert {b[0] for b in BREAKS} == set(RULES)
    assert all(rule.source and rule.en and rule.nb for rule in RULES.values())


def test_messages_name_the_rule_source_and_severity(data: Path, edit: Edit) -> None:
    edit(AWARD, "tender_deadline: 2024-03-18", "tender_deadline: 2024-03-13")
    _, problems = validate(data)
    [problem] = problems
    assert problem.severity == "warning"
    assert problem.field == "tender_deadline"
    assert "Art. 34(2)(b)" in problem.message


def test_admission_beyond_fifteen_working_days_is_flagged_stronger(data: Path, edit: Edit) -> None:
    edit(FJORDTOLK, "admitted: 2023-02-08", "admitted: 2023-02-23")
    _, problems = validate(data)
    assert [p.rule for p in problems] == ["admission-time"]
    assert "beyond even the 15" in problems[0].message


def test_terminated_scheme_with_date_and_notice_passes(data: Path, edit: Edit) -> None:
    edit(RENHOLD, "status: active", 'status: terminated\nterminated:\n  date: 2025-01-31\n  notice: "2025-100200"')
    assert problems_of(data) == []


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2024, 3, 22), date(2024, 4, 5), 7),  # Easter: Maundy Thursday to Easter Monday
        (date(2024, 5, 13), date(2024, 5, 21), 4),  # 17 May and Whit Monday 20 May
        (date(2024, 12, 20), date(2025, 1, 3), 7),  # Christmas and New Year across years
        (date(2024, 1, 1), date(2024, 1, 1), 0),
        (date(2024, 1, 5), date(2024, 1, 8), 1),  # Friday to Monday
    ],
)
def test_working_days_skip_weekends_and_norwegian_public_holidays(start: date, end: date, expected: int) -> None:
    assert working_days(start, end) == expected


# --- the registry of problem kinds ---------------------------------------------------------

# Ids no line of ours names: the schema check passes on frictionless' own error type for errors it has no rule for.
FROM_FRICTIONLESS = {"blank-row"}


def string_literals() -> set[str]:
    """Every string written in generator/ outside the registry: where the ids of the problems reported are."""
    found: set[str] = set()
    for path in (ROOT / "generator").rglob("*.py"):
        if "problem_kinds" not in path.parts:
            tree = ast.parse(path.read_text(encoding="utf-8"))
            found |= {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    return found


def test_every_kind_is_registered_once_and_explained_in_both_languages() -> None:
    assert len(KINDS) == sum(len(group) for group in GROUPS.values())
    for kind in KINDS.values():
        assert kind.severity in ("error", "warning")
        assert all((kind.nb, kind.en, kind.hint_nb, kind.hint_en)), kind.id
    assert {kind.id for kind in GROUPS["rules"]} == {*CHECKS, "refs"}  # refs: found by the schemas' foreign keys


def test_every_registered_kind_is_reported_somewhere() -> None:
    assert set(KINDS) - FROM_FRICTIONLESS <= string_literals()
    row_errors = {e.type for e in vars(frictionless.errors).values() if isinstance(e, type) and hasattr(e, "type")}
    assert row_errors >= FROM_FRICTIONLESS


def test_a_record_with_no_values_is_a_blank_row(data: Path) -> None:
    (data / "schemes" / "empty.yaml").write_text("{}\n", encoding="utf-8")
    assert ("blank-row", "schemes/empty.yaml", 1) in problems_of(data)


def test_a_problem_of_an_unregistered_kind_or_severity_fails_loudly() -> None:
    with pytest.raises(ValueError, match="not registered"):
        error("no-such-kind", "data/schemes/x.yaml", 1, "", "…")
    with pytest.raises(ValueError, match="registered as warning"):
        error("tender-period", "data/schemes/x.yaml", 1, "", "…")
    with pytest.raises(ValueError, match="registered as error"):
        warning("orgnr", "data/schemes/x.yaml", 1, "", "…")
    assert of_kind("tender-period", "data/awards/a/b.yaml", 6, "tender_deadline", "…").severity == "warning"

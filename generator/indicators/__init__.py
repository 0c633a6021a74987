"""Indicators (DESIGN §5): does each DPS deliver openness, room for SMEs and competition?

Definitions live in `generator/indicators.yaml`; `compute_indicators` turns a loaded dataset and
its problems into the rows of the `indicators` resource, overall and per buyer, scheme and category.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from generator.indicators.claims import claim_figures, life_year_figures, peer_figures
from generator.indicators.definitions import Definition, Definitions, definitions
from generator.indicators.figures import figures, rounded, row, yearly
from generator.indicators.scope import OVERALL, ScopeKey
from generator.indicators.tally import tally
from generator.load import Dataset
from generator.model import Model, build_model
from generator.model.facts import as_of_date
from generator.problems import Problem, has_errors

__all__ = [
    "OVERALL",
    "Definition",
    "Definitions",
    "Indicators",
    "ScopeKey",
    "as_of_date",
    "compute",
    "compute_indicators",
    "definitions",
    "model_and_indicators",
]

TOP_SUPPLIERS = 10  # suppliers kept per scope for the concentration chart
RowKey = tuple[str, int | None, int | None]  # a row within its scope: indicator_id, year, life_year


@dataclass(frozen=True)
class Indicators:
    """The indicator rows, and what the charts need beyond them, per scope."""

    rows: list[dict[str, Any]]
    as_of: date
    tenders: dict[ScopeKey, dict[int, int]]  # tenders received -> number of call-offs
    top_suppliers: dict[ScopeKey, list[tuple[str, Decimal, Decimal]]]  # (supplier id, NOK, share), largest first
    by_scope: dict[ScopeKey, dict[RowKey, dict[str, Any]]]  # the rows by (indicator_id, year, life_year)


def _sort_key(r: dict[str, Any]) -> tuple[Any, ...]:
    # the primary key's order, absent values last, as every download is sorted
    return (
        r["indicator_id"],
        r["scope"],
        r["scope_id"] is None,
        r["scope_id"] or "",
        r["year"] is None,
        r["year"] or 0,
        r["life_year"] is None,
        r["life_year"] or 0,
    )


def compute(model: Model, problems: Iterable[Problem], as_of: date | None = None) -> Indicators:
    """Every indicator for every scope, plus chart data.

    >>> from pathlib import Path
    >>> from generator.check import validate
    >>> from generator.model import build_model
    >>> dataset, problems = validate(Path("tests/fixtures/valid"))
    >>> found = compute(build_model(dataset), problems)
    >>> whole = [r for r in found.rows if r["scope"] == "overall" and r["year"] is r["life_year"] is None]
    >>> overall = {r["indicator_id"]: r["value"] for r in whole}
    >>> overall["award-value"], overall["awards"], overall["scheme-age"]
    (Decimal('3370000.50'), Decimal('3'), Decimal('1.5'))
    """
    t = tally(model, problems, as_of)
    defs = definitions().indicators
    rows: list[dict[str, Any]] = []
    tenders: dict[ScopeKey, dict[int, int]] = {}
    top: dict[ScopeKey, list[tuple[str, Decimal, Decimal]]] = {}
    yearly_scopes = {scope for d in defs.values() for scope in d.yearly_scopes}
    raws = {key: figures(totals, t) for key, totals in t.scopes.items()}
    for found in (claim_figures(model, t, raws), peer_figures(model, t, raws, defs)):
        for key, more in found.items():
            raws[key].update(more)
    life = life_year_figures(model, t, defs["admissions-by-life-year"].life_scopes)
    for (scope, scope_id), totals in t.scopes.items():
        for indicator, raw in raws[(scope, scope_id)].items():
            if scope in defs[indicator].scopes:
                rows.append(row(defs[indicator], scope, scope_id, None, raw))
        for indicator, by_year in yearly(totals, t).items() if scope in yearly_scopes else ():
            if scope in defs[indicator].yearly_scopes:
                rows += [row(defs[indicator], scope, scope_id, year, raw) for year, raw in by_year.items()]
        for indicator, by_life_year in life.get((scope, scope_id), {}).items():
            if scope in defs[indicator].life_scopes:
                rows += [row(defs[indicator], scope, scope_id, None, raw, k) for k, raw in by_life_year.items()]
        tenders[(scope, scope_id)] = dict(sorted(Counter(totals.tenders).items()))
        total = sum(totals.supplier_value.values())
        biggest = sorted(totals.supplier_value.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_SUPPLIERS]
        top[(scope, scope_id)] = [
            (s, rounded(Fraction(v, t.unit), 2), rounded(Fraction(v, total), 4)) for s, v in biggest if total
        ]
    rows.sort(key=_sort_key)
    by_scope: dict[ScopeKey, dict[RowKey, dict[str, Any]]] = {}
    for r in rows:
        by_scope.setdefault((r["scope"], r["scope_id"]), {})[(r["indicator_id"], r["year"], r["life_year"])] = r
    return Indicators(rows, t.as_of, tenders, top, by_scope)


def model_and_indicators(dataset: Dataset, problems: list[Problem]) -> tuple[Model, Indicators] | None:
    """The model, built once, and the indicators computed from it: what the export and the build need of a
    checked dataset (both run it while frictionless still checks, see check.validate_then). None when the
    problems found so far have errors: nothing will be published, so nothing is computed from rows that may be
    broken."""
    if has_errors(problems):
        return None
    model = build_model(dataset)
    return model, compute(model, problems)


def compute_indicators(model: Model, problems: Iterable[Problem], as_of: date | None = None) -> list[dict[str, Any]]:
    """The rows of the indicators resource, sorted by indicator_id, scope, scope_id, year, life_year (absent last).

    Columns: indicator_id, scope, scope_id, year, life_year, unit, value, status, numerator, denominator, n.
    """
    return compute(model, problems, as_of).rows

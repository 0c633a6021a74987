"""The four charts a page shows for one scope, each with its data table, drawn from the computed indicators: a view
of the indicators (generator.indicators computes them)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from generator.indicators import Indicators, ScopeKey
from generator.render import chart_tables, charts
from generator.render.chart_values import Cell, ChartText, present
from generator.render.i18n import Lang, word

SME_SERIES = ("sme-share-admitted", "sme-share-tenders", "sme-share-awards", "sme-share-value")
SME_WORDS = {  # each SME share's name in the chart: the word id
    "sme-share-admitted": "admitted_suppliers",
    "sme-share-tenders": "tenders",
    "sme-share-awards": "awards",
    "sme-share-value": "value",
}
TOP = 5


@dataclass(frozen=True)
class Figure:
    """A chart and its text alternative: put the table next to the SVG (e.g. in a <details>)."""

    key: str  # admitted | sme | tenders | concentration
    title: str
    svg: str
    table: str


def cell(row: Mapping[str, Any] | None) -> Cell:
    """An indicator row as a chart cell: its value when ok, else its status (no row: no data)."""
    if row is None:
        return "no-data"
    value: Cell = row["value"] if row["status"] == "ok" else row["status"]
    return value


def page_charts(found: Indicators, key: ScopeKey, lang: Lang, name_of: Callable[[str], str] = str) -> list[Figure]:
    """The charts for one scope: suppliers admitted at each year end and now (not for a category: it has
    no yearly rows),
    SME shares side by side, call-offs by number of tenders, and the largest suppliers' shares.

    `name_of` turns a supplier id into the name shown (record text, escaped by the charts).
    """
    rows = found.by_scope.get(key, {})
    out: list[Figure] = []
    years = sorted(y for (i, y, _) in rows if i == "admitted-year-end" and y is not None)
    if years:
        points = [(str(y), cell(rows[("admitted-year-end", y, None)])) for y in years]
        points.append((found.as_of.isoformat(), cell(rows.get(("admitted-suppliers", None, None)))))
        text = ChartText(word("chart_admitted", lang), word("axis_year", lang), word("axis_suppliers", lang))
        out.append(
            Figure(
                "admitted",
                text.title,
                charts.line_chart(points, text, lang),
                chart_tables.line_table(points, text, lang),
            )
        )
    series = [word(SME_WORDS[i], lang) for i in SME_SERIES]
    groups = [("", [cell(rows.get((i, None, None))) for i in SME_SERIES])]
    text = ChartText(word("chart_sme", lang), word("axis_measure", lang), word("axis_share", lang))
    out.append(
        Figure(
            "sme",
            text.title,
            charts.grouped_bars(groups, series, text, lang),
            chart_tables.grouped_table(groups, series, text, lang),
        )
    )
    bins = charts.tender_bins(found.tenders.get(key, {}))
    text = ChartText(word("chart_tenders", lang), word("axis_tenders", lang), word("axis_call_offs", lang))
    out.append(
        Figure(
            "tenders", text.title, charts.histogram(bins, text, lang), chart_tables.histogram_table(bins, text, lang)
        )
    )
    top1 = cell(rows.get(("top1-share", None, None)))
    items: list[tuple[str, Cell]] = (
        [(name_of(s), share) for s, _, share in found.top_suppliers.get(key, [])[:TOP]]
        if present(top1)
        else [("", top1)]  # too thin or no data: the chart says so instead of drawing a few awards as a market
    )
    text = ChartText(word("chart_top_suppliers", lang), word("axis_supplier", lang), word("axis_share", lang))
    out.append(
        Figure("concentration", text.title, charts.bars(items, text, lang), chart_tables.bars_table(items, text, lang))
    )
    return out

"""The four charts a page shows for one scope, each with its data table, drawn from the computed indicators."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.indicators import Indicators, ScopeKey
from generator.render import charts
from generator.render.charts import Cell, ChartText, Lang

_WORDS: dict[str, tuple[str, str]] = {
    "admitted_title": ("Leverandører tatt opp over tid", "Suppliers admitted over time"),
    "year": ("år", "year"),
    "suppliers": ("leverandører", "suppliers"),
    "sme_title": ("SMB-andeler", "SME shares"),
    "share": ("andel", "share"),
    "measure": ("mål", "measure"),
    "tenders_title": ("Avrop etter antall tilbud", "Call-offs by number of tenders"),
    "tenders": ("tilbud", "tenders"),
    "call_offs": ("avrop", "call-offs"),
    "top_title": ("Største leverandører, andel av tildelt verdi", "Largest suppliers, share of value awarded"),
    "supplier": ("leverandør", "supplier"),
}
SME_SERIES = ("sme-share-admitted", "sme-share-tenders", "sme-share-awards", "sme-share-value")
SME_NAMES = {
    "sme-share-admitted": ("Leverandører tatt opp", "Admitted suppliers"),
    "sme-share-tenders": ("Tilbud", "Tenders"),
    "sme-share-awards": ("Tildelinger", "Awards"),
    "sme-share-value": ("Verdi", "Value"),
}
TOP = 5


@dataclass(frozen=True)
class Figure:
    """A chart and its text alternative: put the table next to the SVG (e.g. in a <details>)."""

    key: str  # admitted | sme | tenders | concentration
    title: str
    svg: str
    table: str


def _w(key: str, lang: Lang) -> str:
    return _WORDS[key][0 if lang == "nb" else 1]


def cell(row: dict[str, Any] | None) -> Cell:
    """An indicator row as a chart cell: its value when ok, else its status (no row: no data)."""
    if row is None:
        return "no-data"
    return row["value"] if row["status"] == "ok" else row["status"]


def page_charts(found: Indicators, key: ScopeKey, lang: Lang, name_of: Callable[[str], str] = str) -> list[Figure]:
    """The charts for one scope: suppliers admitted at each year end and now (not for a category: it has
    no yearly rows),
    SME shares side by side, call-offs by number of tenders, and the largest suppliers' shares.

    `name_of` turns a supplier id into the name shown (record text, escaped by the charts).
    """
    rows = found.by_scope.get(key, {})
    out: list[Figure] = []
    years = sorted(y for (i, y) in rows if i == "admitted-year-end" and y is not None)
    if years:
        points = [(str(y), cell(rows[("admitted-year-end", y)])) for y in years]
        points.append((found.as_of.isoformat(), cell(rows.get(("admitted-suppliers", None)))))
        text = ChartText(_w("admitted_title", lang), _w("year", lang), _w("suppliers", lang))
        out.append(
            Figure("admitted", text.title, charts.line_chart(points, text, lang), charts.line_table(points, text, lang))
        )
    series = [SME_NAMES[i][0 if lang == "nb" else 1] for i in SME_SERIES]
    groups = [("", [cell(rows.get((i, None))) for i in SME_SERIES])]
    text = ChartText(_w("sme_title", lang), _w("measure", lang), _w("share", lang))
    out.append(
        Figure(
            "sme",
            text.title,
            charts.grouped_bars(groups, series, text, lang),
            charts.grouped_table(groups, series, text, lang),
        )
    )
    bins = charts.tender_bins(found.tenders.get(key, {}))
    text = ChartText(_w("tenders_title", lang), _w("tenders", lang), _w("call_offs", lang))
    out.append(
        Figure("tenders", text.title, charts.histogram(bins, text, lang), charts.histogram_table(bins, text, lang))
    )
    top1 = cell(rows.get(("top1-share", None)))
    items: list[tuple[str, Cell]] = (
        [(name_of(s), share) for s, _, share in found.top_suppliers.get(key, [])[:TOP]]
        if charts.present(top1)
        else [("", top1)]  # too thin or no data: the chart says so instead of drawing a few awards as a market
    )
    text = ChartText(_w("top_title", lang), _w("supplier", lang), _w("share", lang))
    out.append(
        Figure("concentration", text.title, charts.bars(items, text, lang), charts.bars_table(items, text, lang))
    )
    return out

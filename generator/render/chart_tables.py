"""The data table beside each chart: its text alternative, every cell escaped."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from generator.render.chart_values import Cell, ChartText, cell_text
from generator.render.i18n import Lang


def data_table(caption: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """An HTML table with every cell escaped; the chart's text alternative next to it.

    >>> print(data_table("T", ["a", "b"], [["<x>", "1"]]), end="")
    <table class="dps-chart-data">
    <caption>T</caption>
    <thead><tr><th scope="col">a</th><th scope="col">b</th></tr></thead>
    <tbody>
    <tr><th scope="row">&lt;x&gt;</th><td>1</td></tr>
    </tbody>
    </table>
    """
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in header)
    body = [
        f'<tr><th scope="row">{escape(r[0])}</th>' + "".join(f"<td>{escape(c)}</td>" for c in r[1:]) + "</tr>"
        for r in rows
    ]
    parts = ['<table class="dps-chart-data">', f"<caption>{escape(caption)}</caption>"]
    parts += [f"<thead><tr>{head}</tr></thead>", "<tbody>", *body, "</tbody>", "</table>"]
    return "\n".join(parts) + "\n"


def line_table(points: Sequence[tuple[str, Cell]], text: ChartText, lang: Lang, unit: str = "count") -> str:
    return data_table(text.title, [text.x, text.y], [[x, cell_text(c, unit, lang)] for x, c in points])


def grouped_table(
    groups: Sequence[tuple[str, Sequence[Cell]]],
    series: Sequence[str],
    text: ChartText,
    lang: Lang,
    unit: str = "share",
) -> str:
    if len(groups) == 1:  # one group: a row per series, as the chart draws it
        rows = [[name, cell_text(c, unit, lang)] for name, c in zip(series, groups[0][1], strict=True)]
        return data_table(text.title, [text.x, text.y], rows)
    rows = [[group, *(cell_text(c, unit, lang) for c in row)] for group, row in groups]
    return data_table(text.title, [text.x, *series], rows)


def bars_table(items: Sequence[tuple[str, Cell]], text: ChartText, lang: Lang, unit: str = "share") -> str:
    return data_table(text.title, [text.x, text.y], [[label, cell_text(c, unit, lang)] for label, c in items])


def histogram_table(bins: Sequence[tuple[str, Cell]], text: ChartText, lang: Lang) -> str:
    return data_table(text.title, [text.x, text.y], [[label, cell_text(c, "count", lang)] for label, c in bins])

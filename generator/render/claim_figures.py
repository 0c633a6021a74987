"""What each claim shows beside its verdict: its figures as a table, its charts with their data tables, and what the
figures cannot say. Every number is a row of the indicators (generator/indicators); nothing is computed here.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from generator import routes
from generator.indicators import definitions
from generator.indicators.claims import HANDFUL, PEERS
from generator.render import chart_tables, charts, i18n
from generator.render.chart_values import Cell, ChartText, cell_text
from generator.render.claim_words import STAGES, Figures, Row, say, shown, whole
from generator.render.i18n import Lang, word
from generator.render.indicator_charts import cell

DOOR_SHARES = ("recent-admission-share", "late-admission-share", "admission-within-10-share", "long-running-share")


def figures_table(figures: Figures, measures: Sequence[str], lang: Lang, root: str, peers: bool = False) -> Markup:
    """The claim's figures: each linked to its definition, with its sample; for a scheme, beside comparable
    schemes' median where there is one."""
    defs = definitions().indicators
    head = [word("indicator", lang), word("value", lang), word("sample", lang)]
    if peers:
        head.append(word("peers_column", lang))
    rows = []
    for measure in measures:
        row = figures.get(measure)
        cells = [
            Markup('<a href="{}{}">{}</a>').format(root, routes.indicator(measure), defs[measure].name[lang]),
            shown(row, lang),
            i18n.number(row["n"], lang) if row is not None else "–",
        ]
        if peers:
            peer = figures.get(PEERS[measure]) if measure in PEERS else None
            cells.append(
                "" if peer is None else f"{shown(peer, lang)} ({word('peers_n', lang)} {i18n.number(peer['n'], lang)})"
            )
        rows.append(Markup("<tr>{}</tr>").format(Markup("").join(Markup("<td>{}</td>").format(c) for c in cells)))
    header = Markup("").join(Markup('<th scope="col">{}</th>').format(h) for h in head)
    return Markup("<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table>").format(header, Markup("").join(rows))


def _figure(title: str, svg: str, table: str, lang: Lang) -> Markup:
    """A chart with its data table as the text alternative."""
    return Markup(
        '<figure class="dps-chart"><figcaption>{}</figcaption>{}<details><summary>{}</summary>{}</details></figure>'
    ).format(title, Markup(svg), word("chart_data_table", lang), Markup(table))


def chart(claim: str, figures: Figures, lang: Lang, life_years: Sequence[Row] = ()) -> Markup:
    """The claim's charts for all schemes, each with its data table; the door's second chart shows admissions by
    year of a scheme's life (`life_years`: the rows of it)."""
    title = word(f"claim_chart_{claim}", lang)
    defs = definitions().indicators
    if claim == "door":
        items: list[tuple[str, Cell]] = [(defs[i].name[lang], cell(figures.get(i))) for i in DOOR_SHARES]
        text = ChartText(title, word("axis_measure", lang), word("axis_share", lang))
        shares = _figure(title, charts.bars(items, text, lang), chart_tables.bars_table(items, text, lang), lang)
        return shares + life_year_chart(life_years, lang)
    if claim == "open":
        items = [
            (defs[i].name[lang], cell(figures.get(i)))
            for i in ("admitted-per-scheme-median", "admitted-per-scheme-p90")
        ]
        items.append((word("framework_handful", lang), HANDFUL))
        text = ChartText(title, word("axis_measure", lang), word("axis_suppliers", lang))
        svg, table = charts.bars(items, text, lang, "count"), chart_tables.bars_table(items, text, lang, "count")
        return _figure(title, svg, table, lang)
    series = [word(f"stage_{s.removeprefix('sme-share-')}", lang) for s in STAGES]
    groups = [("", [cell(figures.get(s)) for s in STAGES])]
    text = ChartText(title, word("axis_measure", lang), word("axis_share", lang))
    svg, table = charts.grouped_bars(groups, series, text, lang), chart_tables.grouped_table(groups, series, text, lang)
    return _figure(title, svg, table, lang)


def life_year_chart(rows: Sequence[Row], lang: Lang) -> Markup:
    """Admissions per scheme-year by year of a scheme's life; its data table adds what each bar rests on: the
    admissions, the scheme-years and the schemes that have reached the year (n)."""
    ordered = sorted(rows, key=lambda r: int(r["life_year"]))
    items: list[tuple[str, Cell]] = [(say("life_year_label", lang, k=str(r["life_year"])), cell(r)) for r in ordered]
    text = ChartText(word("claim_chart_life_years", lang), word("axis_life_year", lang), word("axis_per_year", lang))
    header = [text.x, text.y, word("admissions", lang), word("scheme_years", lang), word("schemes_reached", lang)]
    table = [
        [
            label,
            cell_text(c, "ratio", lang),
            whole(r["numerator"], lang),
            i18n.number(r["denominator"], lang),
            i18n.number(r["n"], lang),
        ]
        for (label, c), r in zip(items, ordered, strict=True)
    ]
    if not table:  # no scheme of known start: both the chart and its table say so
        items, table = [("", "no-data")], [["", word("no-data", lang), "–", "–", "–"]]
    svg = charts.bars(items, text, lang, "ratio")
    return _figure(text.title, svg, chart_tables.data_table(text.title, header, table), lang)


def limits(claim: str, figures: Figures, lang: Lang) -> list[str]:
    """What the figures of a claim cannot say, with the numbers that show how much is missing."""

    def n_of(indicator: str, column: str = "n") -> str:
        row = figures.get(indicator)
        return "0" if row is None or row[column] is None else i18n.number(row[column], lang)

    admissions = n_of("admissions", "n")
    if claim == "door":
        return [
            say("limit_undated", lang, u=n_of("undated-admissions"), a=admissions),
            say("limit_requested", lang, r=n_of("admission-days-median"), a=admissions),
            say("limit_start", lang, s=n_of("scheme-age")),
            say("limit_life_years", lang, x=n_of("admissions-unknown-start"), u=n_of("undated-admissions")),
        ]
    if claim == "open":
        return [
            word("limit_applicants", lang),
            word("limit_unknown_category", lang),
            say("limit_growth", lang, g=n_of("admitted-growth-median")),
            word("limit_left", lang),
        ]
    return [
        say("limit_size", lang, k=n_of("sme-share-admitted"), n=n_of("active-share", "denominator")),
        word("limit_tenderers", lang),
        say("limit_tenders", lang, k=n_of("tenders-median"), n=n_of("awards")),
    ]

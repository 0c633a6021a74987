"""Indicators on pages: key figures, four charts with their data tables, compliance signals and the definitions.

Everything here is escaped HTML (Markup): chart SVG and tables come from generator.render.charts and chart_tables,
which escape all text.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from markupsafe import Markup

from generator import routes
from generator.indicators import Indicators, ScopeKey, definitions
from generator.ocds.cardinal import DEFINITIONS as CARDINAL_DEFINITIONS
from generator.problem_kinds import KINDS
from generator.problems import Problem
from generator.render import i18n
from generator.render.chart_values import cell_text
from generator.render.i18n import Lang, word
from generator.render.indicator_charts import cell, page_charts

KEY_FIGURES = (  # in reading order: openness, SMEs, activation, competition, concentration
    "admitted-suppliers",
    "admissions",
    "admission-days-median",
    "admission-days-p90",
    "sme-share-admitted",
    "sme-share-tenders",
    "sme-share-awards",
    "sme-share-value",
    "active-share",
    "dormant-admissions",
    "awards",
    "award-value",
    "tenders-median",
    "tenders-per-admitted",
    "single-tender-share",
    "top1-share",
    "top3-share",
    "hhi",
)


class IndicatorViews:
    """The indicators arranged for pages: figures per scope, charts, signals per scheme and buyer."""

    def __init__(self, found: Indicators, problems: list[Problem], record_links: dict[str, tuple[str, str]]):
        self.found = found
        self.defs = definitions()
        self.latest: dict[ScopeKey, dict[str, dict[str, Any]]] = defaultdict(dict)
        self.yearly: dict[ScopeKey, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
        self.by_life_year: dict[ScopeKey, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
        for r in found.rows:
            key = (r["scope"], r["scope_id"])
            if r["year"] is not None:
                self.yearly[key][r["indicator_id"]].append(r)
            elif r["life_year"] is not None:
                self.by_life_year[key][r["indicator_id"]].append(r)
            else:
                self.latest[key][r["indicator_id"]] = r
        self.warned_files: dict[str, set[str]] = defaultdict(set)  # rule -> files with its warning
        for p in problems:
            if not p.is_error:
                self.warned_files[p.rule].add(p.file)
        self.record_links = record_links  # record file -> (scope path of its scheme or buyer, page path)

    def name(self, indicator: str, lang: Lang) -> str:
        return self.defs.indicators[indicator].name[lang]

    def cell_text(self, figures: dict[str, Any], indicator: str, lang: Lang) -> str:
        return cell_text(cell(figures.get(indicator)), self.defs.indicators[indicator].unit, lang)

    def key_figures(self, key: ScopeKey, lang: Lang, root: str) -> Markup:
        figures = self.latest.get(key, {})
        rows = Markup("").join(
            Markup('<tr><td><a href="{}{}">{}</a></td><td>{}</td><td>{}</td></tr>').format(
                root,
                routes.indicator(indicator),
                self.name(indicator, lang),
                cell_text(cell(figures.get(indicator)), self.defs.indicators[indicator].unit, lang),
                i18n.number(figures[indicator]["n"], lang) if indicator in figures else "–",
            )
            for indicator in KEY_FIGURES
            if key[0] in self.defs.indicators[indicator].scopes
        )
        head = Markup("<tr><th>{}</th><th>{}</th><th>{}</th></tr>").format(
            word("indicator", lang), word("value", lang), word("sample", lang)
        )
        return Markup("<table><thead>{}</thead><tbody>{}</tbody></table>").format(head, rows)

    def chart_figures(self, key: ScopeKey, lang: Lang, supplier_name: Any) -> Markup:
        """The scope's charts, each followed by its data table (the text alternative)."""
        return Markup("").join(
            Markup(
                '<figure class="dps-chart"><figcaption>{}</figcaption>{}'
                "<details><summary>{}</summary>{}</details></figure>"
            ).format(figure.title, Markup(figure.svg), word("chart_data_table", lang), Markup(figure.table))
            for figure in page_charts(self.found, key, lang, supplier_name)
        )

    def signals(self, key: ScopeKey, files: set[str] | None, lang: Lang, root: str) -> Markup:
        """Warnings counted by rule for one scope (from the signal indicators), with the records that carry them."""
        figures = self.latest.get(key, {})
        rows = []
        for indicator in self.defs.indicators.values():
            if indicator.rule is None or indicator.id not in figures:
                continue
            count = figures[indicator.id]["value"]
            if not count:
                continue
            rule = KINDS[indicator.rule]
            warned = self.warned_files.get(indicator.rule, set())
            in_scope = warned if files is None else warned & files
            pages = sorted({self.record_links[f] for f in in_scope if f in self.record_links})
            links = Markup(", ").join(
                Markup('<a href="{}{}">{}</a>').format(root, href, label) for label, href in pages[:20]
            )
            if len(pages) > 20:
                links += Markup(" … (+{})").format(len(pages) - 20)
            rows.append(
                Markup(
                    '<tr><td><code>{}</code> {} <span class="dps-note">({})</span></td><td>{}</td><td>{}</td></tr>'
                ).format(rule.id, rule.nb if lang == "nb" else rule.en, rule.source, i18n.number(count, lang), links)
            )
        if not rows:
            return Markup("<p>{}</p>").format(word("no_signals", lang))
        head = Markup("<tr><th>{}</th><th>{}</th><th>{}</th></tr>").format(
            word("rule", lang), word("count", lang), word("records", lang)
        )
        return Markup("<p>{}</p><table><thead>{}</thead><tbody>{}</tbody></table>").format(
            word("signals_intro", lang), head, Markup("").join(rows)
        )

    def red_flags(self, lang: Lang, root: str) -> Markup:
        """Cardinal's R018 and R003 over all call-offs, linked to their definitions, and how they compare with our
        single-tender share and tender-period warning on the same data (the numbers are this data's)."""
        figures = self.latest.get(("overall", None), {})

        def part(indicator: str, column: str) -> str:
            found = figures.get(indicator, {}).get(column)
            return i18n.number(found, lang) if found is not None else "–"

        rows = Markup("").join(
            Markup('<tr><td><a href="{}">{}</a> (<a href="{}{}">{}</a>)</td><td>{}</td><td>{}</td></tr>').format(
                CARDINAL_DEFINITIONS[flag.upper()],
                self.name(f"cardinal-{flag}", lang),
                root,
                routes.indicator(f"cardinal-{flag}"),
                word("methodology", lang),
                part(f"cardinal-{flag}", "value"),
                part(f"cardinal-{flag}", "n"),
            )
            for flag in ("r018", "r003")
        )
        note = word("red_flags_note", lang).format(
            r018=part("cardinal-r018", "value"),
            r018_n=part("cardinal-r018", "n"),
            single=part("single-tender-share", "numerator"),
            single_n=part("single-tender-share", "denominator"),
            r003=part("cardinal-r003", "value"),
            r003_n=part("cardinal-r003", "n"),
            warnings=part("signal-tender-period", "value"),
            warnings_n=part("signal-tender-period", "n"),
        )
        head = Markup("<tr><th>{}</th><th>{}</th><th>{}</th></tr>").format(
            word("indicator", lang), word("count", lang), word("sample", lang)
        )
        return Markup(
            '<h2 id="red-flags">{}</h2><p>{}</p><table><thead>{}</thead><tbody>{}</tbody></table><p>{}</p>'
        ).format(word("red_flags", lang), word("red_flags_intro", lang), head, rows, note)

    def panel(self, key: ScopeKey, lang: Lang, root: str, supplier_name: Any, files: set[str] | None) -> Markup:
        return Markup('<h2 id="indicators">{}</h2>{}<div class="dps-charts">{}</div><h3 id="signals">{}</h3>{}').format(
            word("indicators", lang),
            self.key_figures(key, lang, root),
            self.chart_figures(key, lang, supplier_name),
            word("signals", lang),
            self.signals(key, files, lang, root),
        )

    def definitions_html(self, lang: Lang) -> Markup:
        """Every indicator's definition, for the methodology page (anchors = indicator ids)."""
        d = self.defs
        general = Markup("<h3>{}</h3><ul>{}</ul>").format(
            word("for_every_indicator", lang), Markup("").join(Markup("<li>{}</li>").format(x) for x in d.general[lang])
        )
        parts = [general]
        for indicator in d.indicators.values():
            caveats = Markup("").join(Markup("<li>{}</li>").format(c) for c in indicator.caveats[lang])
            facts = [
                (word("formula", lang), indicator.formula[lang]),
                (word("unit", lang), d.units[indicator.unit][lang]),
                (word("min_n", lang), str(indicator.min_n)),
                (word("needs", lang), ", ".join(indicator.needs)),
            ]
            parts.append(
                Markup('<h3 id="{}">{}</h3><p>{}</p><dl class="dps-facts">{}</dl>{}').format(
                    indicator.id,
                    indicator.name[lang],
                    indicator.explanation[lang],
                    Markup("").join(Markup("<dt>{}</dt><dd>{}</dd>").format(k, v) for k, v in facts),
                    Markup("<p><strong>{}:</strong></p><ul>{}</ul>").format(word("caveats", lang), caveats)
                    if caveats
                    else Markup(""),
                )
            )
        return Markup("").join(parts)

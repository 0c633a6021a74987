"""The three claims, checked (DESIGN §9): for all schemes and for each one, a verdict sentence written from the
computed indicators, the figures it rests on, a chart and what the figures cannot say.

Nothing is computed here: every number is a row of the indicators (generator/indicators), and this module only
chooses which words fit the numbers. A verdict is neutral and specific: it names the figures and their sample,
and says "most" or "fewer than half" from the figures themselves, never a fixed judgement.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import Any

from markupsafe import Markup

from generator import routes
from generator.indicators import definitions
from generator.indicators.claims import HANDFUL, PEERS, cpv_division
from generator.model import Values
from generator.render import chart_tables, charts, i18n
from generator.render.chart_values import Cell, ChartText, number
from generator.render.i18n import Lang, word
from generator.render.indicator_charts import cell

Row = Mapping[str, Any]  # one row of the indicators resource
Figures = Mapping[str, Row]  # a scope's whole-period rows by indicator id

HALF = Decimal("0.5")  # "most" is more than half; half or fewer is said as such
HOLDS = Decimal("0.05")  # the SME share "holds" when it falls by no more than 5 percentage points on the way
STAGES = ("sme-share-admitted", "sme-share-tenders", "sme-share-awards", "sme-share-value")


@dataclass(frozen=True)
class Claim:
    id: str  # the section's anchor
    main: str  # the measure the schemes list sorts by
    overall: tuple[str, ...]  # the figures shown for all schemes
    scheme: tuple[str, ...]  # the figures shown for one scheme


CLAIMS = (
    Claim(
        "door",
        "admissions-last-12-months",
        (
            "recent-admission-share",
            "admissions-last-12-months",
            "scheme-age",
            "long-running-share",
            "late-admission-share",
            "admission-days-median",
            "admission-within-10-share",
            "undated-admissions",
        ),
        (
            "admissions-last-12-months",
            "scheme-age",
            "late-admission-share",
            "admission-days-median",
            "admission-within-10-share",
            "undated-admissions",
        ),
    ),
    Claim(
        "open",
        "admitted-suppliers",
        ("admitted-per-scheme-median", "admitted-per-scheme-p90", "wide-category-share", "left-share"),
        ("admitted-suppliers", "wide-category-share", "left-share"),
    ),
    Claim(
        "threshold",
        "sme-share-value",
        (*STAGES, "active-share", "tenders-per-admitted", "single-tender-share", "top3-share", "hhi"),
        (*STAGES, "active-share", "tenders-per-admitted", "single-tender-share", "top3-share"),
    ),
)


# --- figures as words ------------------------------------------------------------------------------------


def ok(row: Row | None) -> bool:
    return row is not None and row["status"] == "ok"


def shown(row: Row | None, lang: Lang) -> str:
    """A row's value as the page writes it, or its status in words (no data, too little data)."""
    if row is None:
        return i18n.word("no-data", lang)
    return number(row["value"], row["unit"], lang) if ok(row) else i18n.word(row["status"], lang)


def part(row: Row, column: str, lang: Lang) -> str:
    """A row's numerator, denominator or n as a whole number in words' digits."""
    return i18n.number(row[column], lang)


def _say(key: str, lang: Lang, **values: str) -> str:
    return word(key, lang).format(**values)


# --- the verdicts ------------------------------------------------------------------------------------------


def door_verdict(figures: Figures, lang: Lang, as_of: date) -> str:
    """The door that never closes, for all schemes or a buyer: running schemes still admitting, how long schemes
    run, and time to admission."""
    day = i18n.day(as_of)
    recent = figures.get("recent-admission-share")
    if ok(recent):
        assert recent is not None
        most = recent["value"] > HALF
        every = recent["numerator"] == recent["denominator"]
        found = [
            _say(
                "door_all" if every else "door_most" if most else "door_few",
                lang,
                k=part(recent, "numerator", lang),
                n=part(recent, "denominator", lang),
                date=day,
            )
        ]
    else:
        n = part(recent, "n", lang) if recent is not None else "0"
        found = [_say("door_thin", lang, n=n, date=day)]
    found += _age(figures, lang) + _time(figures, lang)
    return " ".join(found)


def scheme_door_verdict(figures: Figures, lang: Lang, as_of: date, scheme: Values) -> str:
    """The door for one scheme: its admissions in the last 12 months beside comparable schemes', its age, time to
    admission."""
    day = i18n.day(as_of)
    recent = figures.get("admissions-last-12-months")
    if ok(recent):
        assert recent is not None
        count = recent["value"]
        key = "scheme_door_none" if count == 0 else "scheme_door_one" if count == 1 else "scheme_door_some"
        found = [_say(key, lang, k=i18n.number(count, lang), date=day)]
    else:
        undated = figures.get("undated-admissions")
        found = [_say("scheme_door_unknown", lang, date=day, u=part(undated, "n", lang) if undated else "0")]
    found.append(peer_sentence(figures, "admissions-last-12-months", lang, scheme))
    return " ".join(found + _age(figures, lang) + _time(figures, lang))


def _age(figures: Figures, lang: Lang) -> list[str]:
    age, long_run = figures.get("scheme-age"), figures.get("long-running-share")
    if not ok(age):
        return []
    assert age is not None
    if age["n"] == 1:  # one scheme: its own age
        key = "age_one_long" if age["value"] > 4 else "age_one"
        return [_say(key, lang, age=shown(age, lang))]
    if ok(long_run):
        assert long_run is not None
        k, n = part(long_run, "numerator", lang), part(long_run, "denominator", lang)
        return [_say("age_many", lang, age=shown(age, lang), k=k, n=n)]
    return [_say("age_median", lang, age=shown(age, lang), n=part(age, "n", lang))]


def _time(figures: Figures, lang: Lang) -> list[str]:
    days, within = figures.get("admission-days-median"), figures.get("admission-within-10-share")
    if ok(days) and ok(within):
        assert within is not None
        k, n = part(within, "numerator", lang), part(within, "denominator", lang)
        return [_say("time_known", lang, days=shown(days, lang), k=k, n=n)]
    n = part(within, "n", lang) if within is not None else "0"
    return [_say("time_thin", lang, n=n)]


def open_verdict(figures: Figures, lang: Lang) -> str:
    """Open to every qualified supplier, for all schemes or a buyer: categories that reach more than a handful,
    suppliers per scheme, suppliers leaving."""
    wide = figures.get("wide-category-share")
    if ok(wide):
        assert wide is not None
        k, n = wide["numerator"], wide["denominator"]
        most = wide["value"] > HALF
        found = [
            _say(
                "open_all" if k == n else "open_wide" if most else "open_narrow",
                lang,
                k=i18n.number(k if most else n - k, lang),
                n=i18n.number(n, lang),
                h=str(HANDFUL),
            )
        ]
    else:
        found = [_say("open_thin", lang, n=part(wide, "n", lang) if wide is not None else "0")]
    median, p90 = figures.get("admitted-per-scheme-median"), figures.get("admitted-per-scheme-p90")
    if ok(median):
        key = "open_size_p90" if ok(p90) else "open_size"
        assert median is not None
        found.append(_say(key, lang, m=shown(median, lang), p=shown(p90, lang), n=part(median, "n", lang)))
    return " ".join(found + _left(figures, lang))


def scheme_open_verdict(figures: Figures, lang: Lang, scheme: Values) -> str:
    """Open to every qualified supplier, for one scheme: suppliers admitted now beside comparable schemes',
    its categories that reach more than a handful, suppliers leaving."""
    now = figures.get("admitted-suppliers")
    count = now["value"] if now is not None and ok(now) else 0
    key = "scheme_open_wide" if count > HANDFUL else "scheme_open_narrow"
    found = [_say(key, lang, k=i18n.number(count, lang), h=str(HANDFUL))]
    found.append(peer_sentence(figures, "admitted-suppliers", lang, scheme))
    wide = figures.get("wide-category-share")
    if ok(wide) and wide is not None and wide["denominator"] > 1:
        found.append(
            _say("scheme_open_categories", lang, k=part(wide, "numerator", lang), n=part(wide, "denominator", lang))
        )
    return " ".join(found + _left(figures, lang))


def _left(figures: Figures, lang: Lang) -> list[str]:
    left = figures.get("left-share")
    if not ok(left):
        return []
    assert left is not None
    return [_say("left_known", lang, k=part(left, "numerator", lang), n=part(left, "denominator", lang))]


def threshold_verdict(figures: Figures, lang: Lang, scheme: Values | None = None) -> str:
    """A lower threshold: the SME share from admission to value (where it drops), single tenders, concentration."""
    first, last = figures.get(STAGES[0]), figures.get(STAGES[-1])
    if ok(first) and ok(last):
        assert first is not None and last is not None
        if last["value"] >= first["value"] - HOLDS:
            found = [_say("threshold_holds", lang, a=shown(first, lang), v=shown(last, lang))]
        else:
            start, end = largest_drop(figures)
            found = [
                _say(
                    "threshold_drops",
                    lang,
                    a=shown(first, lang),
                    v=shown(last, lang),
                    start=word(f"stage_{start}", lang),
                    end=word(f"stage_{end}", lang),
                )
            ]
        found.append(
            _say("threshold_middle", lang, t=shown(figures.get(STAGES[1]), lang), w=shown(figures.get(STAGES[2]), lang))
        )
    else:
        n = part(last, "n", lang) if last is not None else "0"
        a = part(first, "n", lang) if first is not None else "0"
        found = [_say("threshold_thin", lang, a=a, n=n)]
    if scheme is not None:
        found.append(peer_sentence(figures, "sme-share-value", lang, scheme))
    single, active, top3 = figures.get("single-tender-share"), figures.get("active-share"), figures.get("top3-share")
    if ok(single) and single is not None:
        k, n = part(single, "numerator", lang), part(single, "denominator", lang)
        found.append(_say("single_known", lang, k=k, n=n))
    if ok(active) and active is not None:
        k, n = part(active, "numerator", lang), part(active, "denominator", lang)
        found.append(_say("active_known", lang, k=k, n=n))
    if ok(top3):
        hhi = figures.get("hhi")
        key = "top3_hhi" if ok(hhi) and "hhi" in figures else "top3_known"
        found.append(_say(key, lang, top3=shown(top3, lang), hhi=shown(hhi, lang)))
    return " ".join(found)


def largest_drop(figures: Figures) -> tuple[str, str]:
    """The two neighbouring stages (of those with a figure) between which the SME share falls most.

    >>> rows = {"sme-share-admitted": {"status": "ok", "value": Decimal("0.8")},
    ...         "sme-share-tenders": {"status": "too-thin", "value": None},
    ...         "sme-share-awards": {"status": "ok", "value": Decimal("0.7")},
    ...         "sme-share-value": {"status": "ok", "value": Decimal("0.3")}}
    >>> largest_drop(rows)
    ('awards', 'value')
    """
    present = [(s.removeprefix("sme-share-"), figures[s]["value"]) for s in STAGES if ok(figures.get(s))]
    pairs = list(pairwise(present))
    (start, _), (end, _) = max(pairs, key=lambda p: p[0][1] - p[1][1])
    return start, end


def peer_sentence(figures: Figures, figure: str, lang: Lang, scheme: Values) -> str:
    """The scheme's figure beside the median of comparable schemes, or why there is no comparison (with the
    number of comparable schemes)."""
    division = cpv_division(scheme)
    if division is None:
        return word("peers_no_cpv", lang)
    peers = figures.get(PEERS[figure])
    n = peers["n"] if peers is not None else 0
    if not ok(peers):
        return _say("peers_too_few", lang, division=division, n=i18n.number(n, lang), min=str(_min_peers(figure)))
    return _say("peers_median", lang, division=division, n=i18n.number(n, lang), m=shown(peers, lang))


def _min_peers(figure: str) -> int:
    return definitions().indicators[PEERS[figure]].min_n


def verdicts(figures: Figures, lang: Lang, as_of: date, scheme: Values | None = None) -> dict[str, str]:
    """Each claim's verdict for all schemes or a buyer (scheme None), or for one scheme."""
    if scheme is None:
        return {
            "door": door_verdict(figures, lang, as_of),
            "open": open_verdict(figures, lang),
            "threshold": threshold_verdict(figures, lang),
        }
    return {
        "door": scheme_door_verdict(figures, lang, as_of, scheme),
        "open": scheme_open_verdict(figures, lang, scheme),
        "threshold": threshold_verdict(figures, lang, scheme),
    }


# --- what the page shows -----------------------------------------------------------------------------------


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


def chart(claim: str, figures: Figures, lang: Lang) -> Markup:
    """The claim's chart for all schemes, with its data table as the text alternative."""
    text = ChartText(word(f"claim_chart_{claim}", lang), word("axis_measure", lang), "")
    defs = definitions().indicators
    if claim == "door":
        shares = ("recent-admission-share", "late-admission-share", "admission-within-10-share", "long-running-share")
        items: list[tuple[str, Cell]] = [(defs[i].name[lang], cell(figures.get(i))) for i in shares]
        text = ChartText(text.title, text.x, word("axis_share", lang))
        svg, table = charts.bars(items, text, lang), chart_tables.bars_table(items, text, lang)
    elif claim == "open":
        items = [
            (defs[i].name[lang], cell(figures.get(i)))
            for i in ("admitted-per-scheme-median", "admitted-per-scheme-p90")
        ]
        items.append((word("framework_handful", lang), HANDFUL))
        text = ChartText(text.title, text.x, word("axis_suppliers", lang))
        svg, table = charts.bars(items, text, lang, "count"), chart_tables.bars_table(items, text, lang, "count")
    else:
        series = [word(f"stage_{s.removeprefix('sme-share-')}", lang) for s in STAGES]
        groups = [("", [cell(figures.get(s)) for s in STAGES])]
        text = ChartText(text.title, text.x, word("axis_share", lang))
        svg, table = (
            charts.grouped_bars(groups, series, text, lang),
            chart_tables.grouped_table(groups, series, text, lang),
        )
    return Markup(
        '<figure class="dps-chart"><figcaption>{}</figcaption>{}<details><summary>{}</summary>{}</details></figure>'
    ).format(text.title, Markup(svg), word("chart_data_table", lang), Markup(table))


def limits(claim: str, figures: Figures, lang: Lang) -> list[str]:
    """What the figures of a claim cannot say, with the numbers that show how much is missing."""

    def n_of(indicator: str, column: str = "n") -> str:
        row = figures.get(indicator)
        return "0" if row is None or row[column] is None else i18n.number(row[column], lang)

    admissions = n_of("admissions", "n")
    if claim == "door":
        return [
            _say("limit_undated", lang, u=n_of("undated-admissions"), a=admissions),
            _say("limit_requested", lang, r=n_of("admission-days-median"), a=admissions),
            _say("limit_start", lang, s=n_of("scheme-age")),
        ]
    if claim == "open":
        return [word("limit_applicants", lang), word("limit_unknown_category", lang), word("limit_left", lang)]
    return [
        _say("limit_size", lang, k=n_of("sme-share-admitted"), n=n_of("active-share", "denominator")),
        word("limit_tenderers", lang),
        _say("limit_tenders", lang, k=n_of("tenders-median"), n=n_of("awards")),
    ]


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    claim: str
    verdict: str
    figures: Markup
    chart: Markup
    limits: list[str]


def sections(figures: Figures, lang: Lang, as_of: date, root: str) -> list[Section]:
    """The page's three sections, for all schemes."""
    said = verdicts(figures, lang, as_of)
    return [
        Section(
            c.id,
            word(f"claim_{c.id}", lang),
            word(f"claim_{c.id}_text", lang),
            said[c.id],
            figures_table(figures, c.overall, lang, root),
            chart(c.id, figures, lang),
            limits(c.id, figures, lang),
        )
        for c in CLAIMS
    ]


def scheme_sections(figures: Figures, lang: Lang, as_of: date, root: str, scheme: Values) -> list[Section]:
    """A scheme page's three claims: its verdicts and figures beside comparable schemes' (no chart of its own:
    the scheme's indicator charts follow)."""
    said = verdicts(figures, lang, as_of, scheme)
    return [
        Section(
            c.id,
            word(f"claim_{c.id}", lang),
            word(f"claim_{c.id}_text", lang),
            said[c.id],
            figures_table(figures, c.scheme, lang, root, peers=True),
            Markup(),
            [],
        )
        for c in CLAIMS
    ]

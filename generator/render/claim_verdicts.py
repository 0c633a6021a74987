"""The three claims' verdicts (DESIGN §9): for all schemes and for each one, a sentence written from the computed
indicators.

Nothing is computed here: every number is a row of the indicators (generator/indicators), and this module only
chooses which words fit the numbers. A verdict is neutral and specific: it names the figures and their sample,
and says "all", "none", "most" or "half or fewer" from the figures themselves, never a fixed judgement.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from itertools import pairwise

from generator.indicators import definitions
from generator.indicators.claims import HANDFUL, PEERS, cpv_division
from generator.model import Values
from generator.render import i18n
from generator.render.claim_words import STAGES, Figures, Row, ok, part, say, say_counted, shown
from generator.render.i18n import Lang, word

HALF = Decimal("0.5")  # "most" is more than half; half or fewer is said as such
HOLDS = Decimal("0.05")  # the SME share "holds" when it falls by no more than 5 percentage points on the way
LIFE_YEARS = "admissions-by-life-year"


def _min_n(indicator: str) -> str:
    return str(definitions().indicators[indicator].min_n)


# --- a door that never closes ------------------------------------------------------------------------------


def door_verdict(figures: Figures, lang: Lang, as_of: date, life_years: Sequence[Row] = ()) -> str:
    """The door that never closes, for all schemes or a buyer: running schemes still admitting, admissions by year
    of a scheme's life (`life_years`: the scope's rows of it), how long schemes run, and time to admission."""
    day = i18n.day(as_of)
    recent = figures.get("recent-admission-share")
    if ok(recent):
        assert recent is not None
        some = "door_most" if recent["value"] > HALF else "door_few"
        found = [say_counted("door", recent["numerator"], recent["denominator"], lang, some, date=day)]
    else:
        n = part(recent, "n", lang) if recent is not None else "0"
        found = [say("door_thin", lang, n=n, date=day)]
    found += _life_years(life_years, lang) + _age(figures, lang) + _time(figures, lang)
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
        found = [say(key, lang, k=i18n.number(count, lang), date=day)]
    else:
        undated = figures.get("undated-admissions")
        found = [say("scheme_door_unknown", lang, date=day, u=part(undated, "n", lang) if undated else "0")]
    found.append(peer_sentence(figures, "admissions-last-12-months", lang, scheme))
    return " ".join(found + _age(figures, lang) + _time(figures, lang))


def _life_years(rows: Sequence[Row], lang: Lang) -> list[str]:
    """The first year of a scheme's life beside the latest year enough schemes have reached (none without a first
    year to compare with)."""
    first = next((r for r in rows if r["life_year"] == 1), None)
    if not ok(first):
        return []
    assert first is not None
    later = [r for r in rows if r["life_year"] > 1 and ok(r)]
    if not later:
        return [
            say("life_years_first", lang, first=shown(first, lang), n=part(first, "n", lang), min=_min_n(LIFE_YEARS))
        ]
    last = max(later, key=lambda r: int(r["life_year"]))
    return [
        say(
            "life_years",
            lang,
            first=shown(first, lang),
            last=shown(last, lang),
            k=str(last["life_year"]),
            n=part(last, "n", lang),
        )
    ]


def _age(figures: Figures, lang: Lang) -> list[str]:
    age, long_run = figures.get("scheme-age"), figures.get("long-running-share")
    if not ok(age):
        return []
    assert age is not None
    if age["n"] == 1:  # one scheme: its own age; longer than four years on the dates, not its age rounded to 4.0
        longer = long_run is not None and long_run["numerator"] == 1
        return [say("age_one_long" if longer else "age_one", lang, age=shown(age, lang))]
    if ok(long_run):
        assert long_run is not None
        return [say_counted("age_many", long_run["numerator"], long_run["denominator"], lang, age=shown(age, lang))]
    return [say("age_median", lang, age=shown(age, lang), n=part(age, "n", lang))]


def _time(figures: Figures, lang: Lang) -> list[str]:
    days, within = figures.get("admission-days-median"), figures.get("admission-within-10-share")
    if ok(days) and ok(within):
        assert within is not None
        k, n = within["numerator"], within["denominator"]
        return [say_counted("time_known", k, n, lang, days=shown(days, lang))]
    n = part(within, "n", lang) if within is not None else "0"
    return [say("time_thin", lang, n=n)]


# --- open to every qualified supplier ----------------------------------------------------------------------


def open_verdict(figures: Figures, lang: Lang) -> str:
    """Open to every qualified supplier, for all schemes or a buyer: categories that reach more than a handful,
    suppliers per scheme and their growth since the first year, suppliers leaving."""
    wide = figures.get("wide-category-share")
    h = str(HANDFUL)
    if ok(wide):
        assert wide is not None
        k, n = wide["numerator"], wide["denominator"]
        if n == 1:
            found = [say("open_one_wide" if k else "open_one_narrow", lang, h=h)]
        else:
            some = "open_wide" if wide["value"] > HALF else "open_narrow"
            found = [say_counted("open", k, n, lang, some, h=h, rest=i18n.number(n - k, lang))]
    else:
        found = [say("open_thin", lang, n=part(wide, "n", lang) if wide is not None else "0")]
    median, p90 = figures.get("admitted-per-scheme-median"), figures.get("admitted-per-scheme-p90")
    if ok(median):
        key = "open_size_p90" if ok(p90) else "open_size"
        assert median is not None
        found.append(say(key, lang, m=shown(median, lang), p=shown(p90, lang), n=part(median, "n", lang)))
    growth = figures.get("admitted-growth-median")
    if growth is not None:
        n = part(growth, "n", lang)
        found.append(
            say("open_growth", lang, g=shown(growth, lang), n=n)
            if ok(growth)
            else say("open_growth_thin", lang, n=n, min=_min_n("admitted-growth-median"))
        )
    return " ".join(found + _left(figures, lang))


def scheme_open_verdict(figures: Figures, lang: Lang, scheme: Values) -> str:
    """Open to every qualified supplier, for one scheme: suppliers admitted now beside comparable schemes',
    its categories that reach more than a handful, its suppliers at the end of its first year, suppliers leaving."""
    now = figures.get("admitted-suppliers")
    count = now["value"] if now is not None and ok(now) else 0
    key = "scheme_open_wide" if count > HANDFUL else "scheme_open_narrow"
    found = [say(key, lang, k=i18n.number(count, lang), h=str(HANDFUL))]
    found.append(peer_sentence(figures, "admitted-suppliers", lang, scheme))
    wide = figures.get("wide-category-share")
    if ok(wide) and wide is not None and wide["denominator"] > 1:
        k, n = wide["numerator"], wide["denominator"]
        found.append(say_counted("scheme_open_categories", k, n, lang, h=str(HANDFUL)))
    growth = figures.get("admitted-growth")
    if growth is not None and growth["denominator"] is not None:
        first, then = part(growth, "denominator", lang), part(growth, "numerator", lang)
        found.append(say("scheme_open_growth", lang, first=first, now=then))
    return " ".join(found + _left(figures, lang))


def _left(figures: Figures, lang: Lang) -> list[str]:
    left = figures.get("left-share")
    if not ok(left):
        return []
    assert left is not None
    return [say_counted("left_known", left["numerator"], left["denominator"], lang)]


# --- a lower threshold -------------------------------------------------------------------------------------


def threshold_verdict(figures: Figures, lang: Lang, scheme: Values | None = None) -> str:
    """A lower threshold: the SME share from admission to value (where it drops), single tenders, concentration."""
    first, last = figures.get(STAGES[0]), figures.get(STAGES[-1])
    if ok(first) and ok(last):
        assert first is not None and last is not None
        if last["value"] >= first["value"] - HOLDS:
            found = [say("threshold_holds", lang, a=shown(first, lang), v=shown(last, lang))]
        else:
            start, end = largest_drop(figures)
            found = [
                say(
                    "threshold_drops",
                    lang,
                    a=shown(first, lang),
                    v=shown(last, lang),
                    start=word(f"stage_{start}", lang),
                    end=word(f"stage_{end}", lang),
                )
            ]
        found.append(
            say("threshold_middle", lang, t=shown(figures.get(STAGES[1]), lang), w=shown(figures.get(STAGES[2]), lang))
        )
    else:
        n = part(last, "n", lang) if last is not None else "0"
        a = part(first, "n", lang) if first is not None else "0"
        found = [say("threshold_thin", lang, a=a, n=n)]
    if scheme is not None:
        found.append(peer_sentence(figures, "sme-share-value", lang, scheme))
    single, active, top3 = figures.get("single-tender-share"), figures.get("active-share"), figures.get("top3-share")
    if ok(single) and single is not None:
        found.append(say_counted("single_known", single["numerator"], single["denominator"], lang))
    if ok(active) and active is not None:
        found.append(say_counted("active_known", active["numerator"], active["denominator"], lang))
    if ok(top3):
        hhi = figures.get("hhi")
        key = "top3_hhi" if ok(hhi) and "hhi" in figures else "top3_known"
        found.append(say(key, lang, top3=shown(top3, lang), hhi=shown(hhi, lang)))
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


# --- beside comparable schemes, and all three ------------------------------------------------------------------


def peer_sentence(figures: Figures, figure: str, lang: Lang, scheme: Values) -> str:
    """The scheme's figure beside the median of comparable schemes, or why there is no comparison (with the
    number of comparable schemes)."""
    division = cpv_division(scheme)
    if division is None:
        return word("peers_no_cpv", lang)
    peers = figures.get(PEERS[figure])
    n = peers["n"] if peers is not None else 0
    if not ok(peers):
        return say("peers_too_few", lang, division=division, n=i18n.number(n, lang), min=_min_n(PEERS[figure]))
    return say("peers_median", lang, division=division, n=i18n.number(n, lang), m=shown(peers, lang))


def verdicts(
    figures: Figures, lang: Lang, as_of: date, scheme: Values | None = None, life_years: Sequence[Row] = ()
) -> dict[str, str]:
    """Each claim's verdict for all schemes or a buyer (scheme None; `life_years`: the scope's rows of admissions
    by year of a scheme's life), or for one scheme."""
    if scheme is None:
        return {
            "door": door_verdict(figures, lang, as_of, life_years),
            "open": open_verdict(figures, lang),
            "threshold": threshold_verdict(figures, lang),
        }
    return {
        "door": scheme_door_verdict(figures, lang, as_of, scheme),
        "open": scheme_open_verdict(figures, lang, scheme),
        "threshold": threshold_verdict(figures, lang, scheme),
    }

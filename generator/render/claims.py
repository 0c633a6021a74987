"""The three claims, checked (DESIGN §9): for all schemes and for each one, what each claim's section holds: the
claim, its verdict (claim_verdicts), its figures and charts, and what they cannot say (claim_figures).

Nothing is computed here or there: every number is a row of the indicators (generator/indicators).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from generator.model import Values
from generator.render.claim_figures import chart, figures_table, limits
from generator.render.claim_verdicts import verdicts
from generator.render.claim_words import STAGES, Figures, Row
from generator.render.i18n import Lang, word


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
            "admissions-unknown-start",
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
        (
            "admitted-per-scheme-median",
            "admitted-per-scheme-p90",
            "admitted-growth-median",
            "wide-category-share",
            "left-share",
        ),
        ("admitted-suppliers", "admitted-growth", "wide-category-share", "left-share"),
    ),
    Claim(
        "threshold",
        "sme-share-value",
        (*STAGES, "active-share", "tenders-per-admitted", "single-tender-share", "top3-share", "hhi"),
        (*STAGES, "active-share", "tenders-per-admitted", "single-tender-share", "top3-share"),
    ),
)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    claim: str
    verdict: str
    figures: Markup
    chart: Markup
    limits: list[str]


def sections(figures: Figures, lang: Lang, as_of: date, root: str, life_years: Sequence[Row] = ()) -> list[Section]:
    """The page's three sections, for all schemes (`life_years`: the rows of admissions by year of a scheme's
    life)."""
    said = verdicts(figures, lang, as_of, life_years=life_years)
    return [
        Section(
            c.id,
            word(f"claim_{c.id}", lang),
            word(f"claim_{c.id}_text", lang),
            said[c.id],
            figures_table(figures, c.overall, lang, root),
            chart(c.id, figures, lang, life_years),
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

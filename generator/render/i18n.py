"""Interface words in Norwegian bokmål (first) and English, and numbers, amounts and dates as each language writes
them. Record text is never translated.

Every word of the generated pages, charts and indicator panels is in WORDS, one table keyed by word id, kept in
generator.render.words by the part of the site it serves.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache
from typing import Literal

from markupsafe import escape

from generator.render.words.claims import CLAIM_WORDS
from generator.render.words.site import SITE_WORDS

Lang = Literal["nb", "en"]
LANGUAGES: tuple[Lang, ...] = ("nb", "en")

WORDS: dict[str, tuple[str, str]] = {**SITE_WORDS, **CLAIM_WORDS}


def language(code: str) -> Lang:
    """A language code checked: "nb" or "en".

    >>> language("en")
    'en'
    """
    for lang in LANGUAGES:
        if code == lang:
            return lang
    raise ValueError(f"no language {code!r}: the site is in {', '.join(LANGUAGES)}")


def word(key: str, lang: str) -> str:
    """A word of the interface in a language.

    >>> word("schemes", "nb"), word("schemes", "en")
    ('Ordninger', 'Schemes')
    """
    nb, en = WORDS[key]
    return nb if lang == "nb" else en


@cache
def escaped_words(lang: str) -> dict[str, str]:
    """Every word of one language by id, escaped as Jinja writes `{{ t(key) }}`, for code that writes HTML."""
    return {key: str(escape(nb if lang == "nb" else en)) for key, (nb, en) in WORDS.items()}


def number(value: int | Decimal | None, lang: str) -> str:
    """Thousands grouped as each language writes them; decimals kept as in the record.

    >>> number(-1234567, "en"), number(Decimal("1234.50"), "en"), number(Decimal("-0.50"), "nb")
    ('−1,234,567', '1,234.50', '−0,50')
    """
    # the common cases, formatted by Python's own grouping: millions of figures per language at national scale
    if type(value) is int:
        grouped = f"{value:,}" if lang != "nb" else f"{value:,}".replace(",", "\u00a0")
        return grouped if value >= 0 else "−" + grouped[1:]
    if type(value) is Decimal and value.is_finite():
        grouped = f"{value:,f}" if lang != "nb" else f"{value:,f}".replace(",", "\u00a0").replace(".", ",")
        return grouped if grouped[0] != "-" else "−" + grouped[1:]
    if value is None:
        return "–"
    whole, _, fraction = (str(value) if isinstance(value, int) else f"{value:f}").partition(".")
    sign = "−" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    groups = f"{int(digits):,}".replace(",", "\u00a0" if lang == "nb" else ",")
    if fraction:
        return f"{sign}{groups}{',' if lang == 'nb' else '.'}{fraction}"
    return f"{sign}{groups}"


def money(amount: Decimal | None, currency: str | None, lang: str) -> str:
    return "–" if amount is None else f"{number(amount, lang)}\u00a0{currency or ''}".strip()


def known(value: object, lang: str) -> object:
    """A value as the site shows it: itself, or "unknown" when a record does not know it (never blank, 0 or –)."""
    return word("unknown", lang) if value is None or value == "" else value


def day(value: date | None) -> str:
    return value.isoformat() if value else "–"

"""The three claims' figures as words: what the verdicts, the figure tables and the limits share.

A figure is a row of the indicators (generator/indicators); here it is only written out: its value or status, a
count as a number, "all" or "none" where that is what the count is.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from generator.render import i18n
from generator.render.chart_values import number
from generator.render.i18n import Lang, word

Row = Mapping[str, Any]  # one row of the indicators resource
Figures = Mapping[str, Row]  # a scope's whole-period rows by indicator id

STAGES = ("sme-share-admitted", "sme-share-tenders", "sme-share-awards", "sme-share-value")  # the SME share's way


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


def whole(value: Decimal | int, lang: Lang) -> str:
    """A count kept with decimals in its row (a ratio's parts share one number of decimals) as the count it is.

    >>> whole(Decimal("1208.00"), "en"), whole(3, "nb")
    ('1,208', '3')
    """
    return i18n.number(int(value), lang)


def say(key: str, lang: Lang, **values: str) -> str:
    return word(key, lang).format(**values)


def say_counted(
    key: str, k: Decimal | int, n: Decimal | int, lang: Lang, some: str | None = None, **values: str
) -> str:
    """The sentence for k of n: `key`_all or `key`_none where k is all or none of two or more ("all 23
    categories", never "23 of 23"; "none of the 9", never "0 of 9"), else `some` (`key` itself by default)."""
    chosen = (some or key) if n < 2 or k not in (0, n) else f"{key}_{'all' if k == n else 'none'}"
    return say(chosen, lang, k=i18n.number(k, lang), n=i18n.number(n, lang), **values)

"""The figures a chart shows: their types, and each figure as readers of the page's language write it.

Values are `int` or `Decimal`; `None` or "no-data" means no data and "too-thin" too little data (the indicators'
statuses). Units: "count", "share" (a fraction 0-1, shown as a percentage), "ratio", "days", "index", "NOK".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal, TypeGuard

from generator.render.i18n import Lang, word

Number = int | Decimal
Cell = Number | Literal["no-data", "too-thin"] | None


@dataclass(frozen=True)
class ChartText:
    """The words around a chart, already in the page's language: title, and the meaning of each axis."""

    title: str
    x: str = ""
    y: str = ""


def _grouped(digits: str, lang: Lang) -> str:
    whole, _, fraction = digits.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    groups = [whole[max(0, i - 3) : i] for i in range(len(whole), 0, -3)][::-1]
    separator, point = ("\u00a0", ",") if lang == "nb" else (",", ".")
    return sign + separator.join(groups) + (point + fraction if fraction else "")


def number(value: Number, unit: str, lang: Lang) -> str:
    """A figure as readers of the language write it; shares as percentages with one decimal.

    >>> number(Decimal("0.6429"), "share", "nb"), number(Decimal("0.6429"), "share", "en")
    ('64,3\\xa0%', '64.3%')
    >>> number(Decimal("1234567.50"), "NOK", "nb"), number(1234567, "count", "en")
    ('1\\xa0234\\xa0568\\xa0kr', '1,234,567')
    """
    if unit == "share":
        text = _grouped(str((Decimal(value) * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)), lang)
        return text + ("\u00a0%" if lang == "nb" else "%")
    if unit == "NOK":
        text = _grouped(str(Decimal(value).quantize(Decimal(1), ROUND_HALF_UP)), lang)
        return text + "\u00a0kr" if lang == "nb" else "NOK\u00a0" + text
    return _grouped(str(value), lang)


def cell_text(cell: Cell, unit: str, lang: Lang) -> str:
    """A cell for a chart label, a description or a table."""
    if cell is None or isinstance(cell, str):
        return word(cell or "no-data", lang)
    return number(cell, unit, lang)


def present(cell: Cell) -> TypeGuard[Number]:
    """True for a figure; False for no data or too little data."""
    return cell is not None and not isinstance(cell, str)


def missing_word(cells: Sequence[Cell]) -> str:
    """All missing: 'too-thin' if any is only too thin, else 'no-data'."""
    return "too-thin" if "too-thin" in cells else "no-data"

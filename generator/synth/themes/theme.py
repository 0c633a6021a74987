"""A trade of the synthetic market: what its schemes buy, from whom, and what their call-offs are called."""

from __future__ import annotations

from typing import NamedTuple


class Theme(NamedTuple):
    key: str  # slug used in scheme ids
    title: str  # "Dynamisk innkjøpsordning for <title>"
    en: str  # trade word for English-named firms
    cpv: str
    kinds: tuple[str, ...]  # buyer kinds that run such schemes
    value: int  # typical call-off value in NOK
    sizes: tuple[float, float, float, float]  # weights of micro, small, medium, large suppliers
    trades: tuple[str, ...]  # words in supplier names
    categories: tuple[tuple[str, str, str], ...]  # (id, title, cpv)
    works: tuple[str, ...]  # call-off titles; fields: place, unit, building, year, next, language, system

"""The files a build writes beside the pages (generator.site.model_files): their faster writers give the bytes
the plain definitions give."""

from __future__ import annotations

import unicodedata
from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape as sax_escape

import markupsafe
import pytest

from generator.render import feeds, names, search

TEXTS = ["", "AS", "Sætre Rør & Bygg AS", "Café Müller", "<script>'x'\"y\"</script>", "İstanbul", "ﬁne ẞ Ǆ", "Ωmega 3½"]


def _fold_by_character(text: str) -> str:
    """names.fold as the search page defines it, a character at a time."""
    out = []
    for char in unicodedata.normalize("NFC", text).lower():
        keep = char.isascii() or char in "æøå"
        out.append(
            char if keep else "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        )
    return "".join(out)


@pytest.mark.parametrize("text", [*TEXTS, "ÅØÆ É", "Ångström", "e\u0301"])
def test_fold_is_the_definition(text: str) -> None:
    assert names.fold(text) == _fold_by_character(text)


@pytest.mark.parametrize("value", [*TEXTS, None, 12, Decimal("1.50"), date(2024, 1, 2)])
def test_search_escape_is_markupsafes(value: object) -> None:
    assert search.escape(value) == str(markupsafe.escape(value))


@pytest.mark.parametrize("text", TEXTS)
def test_feed_text_is_saxutils(text: str) -> None:
    assert feeds._text(text) == sax_escape(text)

"""The word tables: one table keyed by word id, assembled from the tables of each part of the site."""

from __future__ import annotations

import ast
from pathlib import Path

from generator.render import i18n
from generator.render.words.claims import CLAIM_WORDS
from generator.render.words.site import SITE_WORDS

WORDS = Path(i18n.__file__).parent / "words"


def test_no_word_id_is_written_twice() -> None:
    # a dict literal keeps the last of two equal keys, and merging tables the later: either would silently
    # change a word that another part of the site shows
    for path in WORDS.glob("*.py"):
        keys = [
            k.value
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Dict)
            for k in node.keys
            if isinstance(k, ast.Constant)
        ]
        assert [k for k in set(keys) if keys.count(k) > 1] == [], path.name
    assert SITE_WORDS.keys() & CLAIM_WORDS.keys() == set()
    assert i18n.WORDS == {**SITE_WORDS, **CLAIM_WORDS}


def test_every_word_has_both_languages() -> None:
    assert [key for key, (nb, en) in i18n.WORDS.items() if not nb.strip() or not en.strip()] == []

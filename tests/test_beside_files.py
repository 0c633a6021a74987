"""The files a build writes beside the pages (generator.site.model_files): their faster writers give the bytes
the plain definitions give."""

from __future__ import annotations

import shutil
import unicodedata
from datetime import date
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape as sax_escape

import markupsafe
import pytest

from generator import routes
from generator.check import validate
from generator.model import Model, build_model
from generator.problems import has_errors
from generator.render import feeds, names, search
from generator.site.model_files import Kept, write_model_files
from tests.test_page_keys import EDITS, FIXTURE

URL = "https://dps.example/"

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


# --- the awards explorer's files linked from the published site on a rebuild ---------------------------------


def _model(data: Path) -> Model:
    dataset, problems = validate(data, workers=1)
    assert not has_errors(problems), [p.message for p in problems if p.is_error]
    return build_model(dataset)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _publish(folder: Path, out: Path) -> None:
    """The files' site/ swapped in as the published site, as a build does."""
    if out.exists():
        shutil.rmtree(out)
    (folder / "site").rename(out)


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_a_rebuild_links_unchanged_files_and_equals_a_fresh_build(tmp_path: Path, edit: str) -> None:
    data, out, store = tmp_path / "data", tmp_path / "site", tmp_path / "cache" / "files.json"
    shutil.copytree(FIXTURE, data)
    first = _model(data)
    write_model_files(first, tmp_path / "one", URL, Kept(out, store))  # no published site yet: each file made
    _publish(tmp_path / "one", out)
    before = _files(out / routes.EXPLORER_DATA)

    EDITS[edit](data)
    changed = _model(data)
    kept = Kept(out, store)
    write_model_files(changed, tmp_path / "two", URL, kept)
    write_model_files(changed, tmp_path / "fresh", URL)
    rebuilt = tmp_path / "two" / "site" / routes.EXPLORER_DATA
    assert _files(rebuilt) == _files(tmp_path / "fresh" / "site" / routes.EXPLORER_DATA)
    # the files linked are the published ones, and those are exactly the files whose bytes are unchanged: each
    # shows all its inputs, so what was made again is what changed
    shards = [p for p in rebuilt.rglob("*.json") if p.name != "meta.json"]
    linked = {p for p in shards if p.stat().st_ino == (out / p.relative_to(rebuilt.parent)).stat().st_ino}
    assert kept.linked == len(linked) >= 1
    assert linked == {p for p in shards if before.get(p.relative_to(rebuilt).as_posix()) == p.read_bytes()}


def test_files_of_a_build_never_published_are_not_linked(tmp_path: Path) -> None:
    """A build that made its files and then failed saved their keys; its files were never published, so the next
    build finds the published ones different and makes them again."""
    data, out, store = tmp_path / "data", tmp_path / "site", tmp_path / "cache" / "files.json"
    shutil.copytree(FIXTURE, data)
    write_model_files(_model(data), tmp_path / "one", URL, Kept(out, store))
    _publish(tmp_path / "one", out)
    EDITS["award title"](data)
    write_model_files(_model(data), tmp_path / "failed", URL, Kept(out, store))  # never published
    EDITS["supplier name"](data)
    changed = _model(data)
    write_model_files(changed, tmp_path / "two", URL, Kept(out, store))
    write_model_files(changed, tmp_path / "fresh", URL)
    explorer = Path("site") / routes.EXPLORER_DATA
    assert _files(tmp_path / "two" / explorer) == _files(tmp_path / "fresh" / explorer)

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
from generator.model.facts import award_year
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


def _linked(rebuilt: Path, out: Path, under: str, ending: str) -> set[str]:
    """The files below rebuilt/under ending so that are the published ones (out/...), by path below rebuilt."""
    files = [p for p in (rebuilt / under).rglob("*" + ending) if p.is_file()]
    published = {p: out / p.relative_to(rebuilt) for p in files}
    return {
        p.relative_to(rebuilt).as_posix()
        for p, q in published.items()
        if q.exists() and p.stat().st_ino == q.stat().st_ino
    }


# one edit of each record type, and a removal, in the fast tests; the others with the slow ones (`make test`)
FAST_EDITS = {"supplier name", "admission date", "scheme end", "award title", "award removed"}


@pytest.mark.parametrize(
    "edit", [pytest.param(edit, marks=[] if edit in FAST_EDITS else [pytest.mark.slow]) for edit in sorted(EDITS)]
)
def test_a_rebuild_links_unchanged_files_and_equals_a_fresh_build(tmp_path: Path, edit: str) -> None:
    data, out, store = tmp_path / "data", tmp_path / "site", tmp_path / "cache" / "files.json"
    shutil.copytree(FIXTURE, data)
    first = _model(data)
    write_model_files(first, tmp_path / "one", URL, Kept(out, store))  # no published site yet: each file made
    _publish(tmp_path / "one", out)
    before = _files(out)

    EDITS[edit](data)
    changed = _model(data)
    kept = Kept(out, store)
    write_model_files(changed, tmp_path / "two", URL, kept)
    write_model_files(changed, tmp_path / "fresh", URL)
    # every file, linked or made, and the search documents, are a fresh build's byte for byte
    assert _files(tmp_path / "two") == _files(tmp_path / "fresh")
    rebuilt = tmp_path / "two" / "site"
    after = _files(rebuilt)
    unchanged = {path for path, content in after.items() if before.get(path) == content}
    # the explorer's shards linked are exactly those whose bytes are unchanged: each shows all its inputs, so what
    # was made again is what changed
    shards = {p for p in after if p.startswith(routes.EXPLORER_DATA) and not p.endswith("meta.json")}
    explorer_linked = _linked(rebuilt, out, routes.EXPLORER_DATA, ".json")
    assert explorer_linked == shards & unchanged and explorer_linked
    # a scheme's feed is linked only if unchanged (its key also holds values it does not show, so an unchanged
    # feed may be made again), and most are: the edits touch one or two schemes
    scheme_feeds = {p for p in after if p.startswith(routes.SCHEMES) and p.endswith(".xml")}
    feeds_linked = _linked(rebuilt, out, routes.SCHEMES, ".xml")
    assert feeds_linked <= scheme_feeds & unchanged
    print("FEEDS", edit, sorted(scheme_feeds - feeds_linked), sorted(scheme_feeds - unchanged))
    assert len(scheme_feeds - feeds_linked) <= 4
    # an id bucket of the name index is linked only if unchanged, and most are (1,024 buckets, a few awards)
    buckets = {p for p in after if p.startswith(routes.NAMES + "ids/")}
    buckets_linked = _linked(rebuilt, out, routes.NAMES + "ids/", ".json")
    assert buckets_linked <= buckets & unchanged
    assert len(buckets - buckets_linked) <= 10 < len(buckets_linked)
    assert kept.linked == len(explorer_linked) + len(feeds_linked) + len(buckets_linked)
    # the search documents (not published) linked from the copies kept of the first build's are unchanged
    documents = _files(tmp_path / "two" / "search")
    first_documents = tmp_path / "one" / "search"
    documents_linked = _linked(tmp_path / "two" / "search", first_documents, "", ".html")
    assert documents_linked <= {p for p, content in documents.items() if _files(first_documents).get(p) == content}
    assert len({p.split("/")[1] for p in set(documents) - documents_linked}) <= 1  # of one scheme, if any


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
    assert _files(tmp_path / "two") == _files(tmp_path / "fresh")


# --- the faster writers' parts give what the plain definitions give -------------------------------------------


def test_award_records_paths_are_routes() -> None:
    model = _model(FIXTURE)
    dated = [a for a in model.awards.values() if award_year(a) is not None]  # award_records' awards, in order
    records = [record for _, record in names.award_records(model)]
    assert len(records) == len(dated) > 1
    for a, record in zip(dated, records, strict=True):
        year = award_year(a)
        assert year is not None
        assert record[6] == routes.award(a["scheme_id"], a["award_id"], year)
        assert record[3] == f"{model.scheme_name(model.schemes[a['scheme_id']])} · {year}"


def test_search_pages_are_the_site_pages_of_schemes() -> None:
    model = _model(FIXTURE)
    pages = [p for p in routes.site_pages(model) if p.kind in ("scheme", "scheme-year")]
    assert list(search.scheme_pages(model)) == pages
    assert list(search.documents(model)) == list(search.documents(model, routes.site_pages(model)))


@pytest.mark.parametrize("values", [TEXTS, ["a & b", None, "", "c\nd\te", 12, Decimal("1.50"), date(2024, 1, 2)]])
def test_search_text_is_escaped_as_each_value_is(values: list[object]) -> None:
    """A document's text is escaped at once, its markup marked meanwhile: as escaping each value."""
    present = [markupsafe.escape(v) for v in values if v not in (None, "")]
    expected = "<p>" + " · ".join(present) + "</p>" if present else ""
    assert search._marked(search._words(*values)) == expected


def test_kept_copies_replaced_or_removed_are_made_again(tmp_path: Path) -> None:
    """The search documents are not published: a build keeps copies of them beside its store, links those whose
    inputs are unchanged, makes again one whose copy is not the file it made, and keeps no copy of a page gone."""
    data, out, store = tmp_path / "data", tmp_path / "site", tmp_path / "cache" / "files.json"
    shutil.copytree(FIXTURE, data)
    model = _model(data)
    write_model_files(model, tmp_path / "one", URL, Kept(out, store))
    copies = Kept(out, store).copies_of("search")
    kept = sorted(copies.saved)
    assert kept == sorted(p.relative_to(copies.out).as_posix() for p in copies.out.rglob("*") if p.is_file())
    replaced, removed = copies.out / kept[0], copies.out / kept[1]
    content = replaced.read_bytes()
    replaced.unlink()
    replaced.write_bytes(content.replace(b"<h1>", b"<h1>stale "))  # another file: never linked
    removed.unlink()
    stale = copies.out / "schemes" / "gone" / "index.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("a page no more")
    write_model_files(model, tmp_path / "two", URL, Kept(out, store))
    write_model_files(model, tmp_path / "fresh", URL)
    assert _files(tmp_path / "two" / "search") == _files(tmp_path / "fresh" / "search")
    search_two = tmp_path / "two" / "search"
    linked = _linked(search_two, tmp_path / "one" / "search", "", ".html")
    assert linked == set(kept) - {kept[0], kept[1]}
    assert not stale.exists() and replaced.read_bytes() == content

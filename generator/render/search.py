"""Free-text search: the text of schemes and their awards, as small documents for Pagefind to index.

Names and ids (buyers, schemes, suppliers, award ids) are found through the name index (generator/render/names.py),
which puts the record whose name or number is the query first; Pagefind serves what that cannot: words in
descriptions and award titles, stemmed as Norwegian. Handed the built pages, Pagefind parsed about a gigabyte of
layout, tables and figures at national scale; these documents hold only the text, at the same paths as the pages,
so each result opens the real page. One index, in Norwegian: record text is the same in both languages, and the
English search page maps each result to its English page.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

from generator import routes
from generator.model import Model, Values
from generator.render import i18n
from generator.render.fragments import e as escape  # markupsafe's escaping, by str.replace
from generator.render.keys import digest
from generator.routes import SitePage

if TYPE_CHECKING:  # model_files imports this module
    from generator.site.model_files import Kept

LANG = "nb"


# A document's text is made with its markup written as these control characters, and then escaped in one pass
# (fragments.e of the whole text, rather than of each of its two million values), after which they become the
# markup. No value holds one: the loader refuses control characters (generator.load.yamltree), as the feeds rely.
_P, _END_P, _H2, _H2_TEXT, _END_H2 = "\x01", "\x02", "\x03", "\x04", "\x05"
_MARKUP = ((_P, "<p>"), (_END_P, "</p>"), (_H2, '<h2 id="'), (_H2_TEXT, '">'), (_END_H2, "</h2>"))


def _marked(text: str) -> str:
    """Text made with the marks above, escaped, its marks turned into their markup."""
    text = escape(text)
    for mark, markup in _MARKUP:
        text = text.replace(mark, markup)
    return text


def _document(title: str, kind: str, body: Iterable[str], year: int | None = None) -> str:
    """One page's words: its title as the result title and first heading, its kind (and year) as filters, the
    rest as text (`body`: marked, see _marked)."""
    # filters as attributes, so their words are not part of the text a result shows; one filter per element,
    # as Pagefind reads "Type:x, År:y" as one value of Type
    year_filter = f'<meta data-pagefind-filter="{i18n.word("year", LANG)}[content]" content="{year}">' if year else ""
    return (
        f'<!doctype html><html lang="{LANG}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f'{year_filter}</head><body data-pagefind-filter="{escape(i18n.word("filter_type", LANG))}:{escape(kind)}">'
        + f"<h1>{escape(title)}</h1>"
        + "\n"
        + _marked("\n".join(filter(None, body)))
        + "\n</body></html>\n"
    )


def _words(*values: object) -> str:
    """Searchable values as one paragraph (marked); missing ones left out (and no paragraph if none is there).
    A value is escaped as its text is (fragments.e): no model value is Markup."""
    present = [v if type(v) is str else str(v) for v in values if v not in (None, "")]
    return _P + " · ".join(present) + _END_P if present else ""


def _scheme(ix: Model, s: Values) -> str:
    body = [_words(s["description"]), _words(s["scheme_id"], s["buyer_name"], s["buyer_id"], s["cpv"])]
    body.append(_words(s["doffin_notice"], s["ted_notice"]))
    for c in ix.categories.get(s["scheme_id"], []):
        body.append(_words(c["category_id"], c["title"], c["description"], c["cpv"]))
    return _document(ix.scheme_name(s), i18n.word("scheme", LANG), body)


# every value of an award its section shows (_award reads them here, and so does a document's key: _made_of)
_AWARD_SHOWS = itemgetter(
    "award_id", "title", "description", "buyer_name", "category_id", "cpv", "doffin_notice", "ted_notice"
)


def _winners(ix: Model, a: Values) -> list[str]:
    return [ix.supplier_name(w) for w in ix.winners.get((a["scheme_id"], a["award_id"]), [])]


def _award(ix: Model, a: Values) -> str:
    """An award as a section under its own heading, whose id makes it a sub-result linking to the award (marked)."""
    award_id, title, description, buyer_name, category_id, cpv, doffin, ted = _AWARD_SHOWS(a)
    return "\n".join(
        filter(
            None,
            [
                f"{_H2}{award_id}{_H2_TEXT}{title}{_END_H2}",
                _words(description),
                _words(award_id, buyer_name, category_id, cpv, *_winners(ix, a)),
                _words(doffin, ted),
            ],
        ),
    )


def scheme_pages(ix: Model) -> Iterator[SitePage]:
    """The pages of routes.site_pages(ix) whose text search finds, in its order: each scheme's, then its award
    years' (tests/test_beside_files.py compares); made alone, without the other 250,000 pages of a national site."""
    for s in ix.schemes.values():
        yield SitePage(routes.scheme(s["scheme_id"]), "scheme", s)
        for year, awards in routes.by_year(ix.awards_by_scheme.get(s["scheme_id"], [])).items():
            yield SitePage(routes.scheme_year(s["scheme_id"], year), "scheme-year", s, year, awards)


def documents(ix: Model, pages: Iterable[SitePage] | None = None) -> Iterator[tuple[str, str]]:
    """(page path, document) for the pages whose text search finds: schemes and their award years. Titles are the
    pages' titles. `pages`: routes.site_pages(ix), if made already."""
    for page in _searched(scheme_pages(ix) if pages is None else pages):
        yield page.path, _page_document(ix, page)


def addresses(pages: Iterable[SitePage]) -> list[str]:
    """The address Pagefind gives each searched page's document: the page's path below the documents' folder."""
    return ["/" + page.path for page in _searched(pages)]


def _searched(pages: Iterable[SitePage]) -> Iterator[SitePage]:
    return (page for page in pages if page.kind in ("scheme", "scheme-year"))


def _page_document(ix: Model, page: SitePage) -> str:
    s = page.record
    if page.kind == "scheme":
        return _scheme(ix, s)
    return _document(
        f"{s['title']} – {i18n.word('awards', LANG)} {page.year}",
        i18n.word("award", LANG),
        [_words(s["buyer_name"])] + [_award(ix, a) for a in page.rows],
        page.year,
    )


def _made_of(ix: Model, page: SitePage) -> object:
    """Everything a page's document is made of, for its key: its scheme's values (and, for the scheme's own, its
    categories'), or its year and each award's values its section shows (_AWARD_SHOWS) with its winners' names."""
    scheme = tuple(page.record.values())
    if page.kind == "scheme":
        return scheme, [tuple(c.values()) for c in ix.categories.get(page.record["scheme_id"], [])]
    return scheme, page.year, [(_AWARD_SHOWS(a), _winners(ix, a)) for a in page.rows]


def write_documents(ix: Model, folder: Path, pages: list[SitePage] | None = None, kept: Kept | None = None) -> int:
    """Write each document as <folder>/<page path>/index.html; return how many. `kept`: the documents a build
    made before, kept beside the build cache (they are not published), linked where what they are made of is
    unchanged (generator.site.model_files)."""
    count = 0
    root = os.fspath(folder)
    for page in _searched(scheme_pages(ix) if pages is None else pages):
        count += 1
        if kept is not None:
            make = partial(_encoded, ix, page)
            kept.write(folder, page.path + routes.PAGE_FILE, digest((page.path, _made_of(ix, page))), make)
            continue
        into = os.path.join(root, page.path)
        os.makedirs(into, exist_ok=True)
        with open(os.path.join(into, routes.PAGE_FILE), "w", encoding="utf-8") as file:
            file.write(_page_document(ix, page))
    return count


def _encoded(ix: Model, page: SitePage) -> bytes:
    return _page_document(ix, page).encode("utf-8")

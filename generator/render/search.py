"""Search: the words each record page is found by, as small documents for Pagefind to index.

Pagefind indexes HTML. Handed the built pages, it parsed about a gigabyte of layout, tables and figures at
national scale to find the few facts people search by, and put whole pages into the result fragments a
browser downloads. These documents hold only those facts, at the same paths as the record pages, so each
result opens the real page. One index, in Norwegian: record text is the same in both languages, and the
English search page maps each result to its English page.

The bytes a query downloads grow with the number of documents (Pagefind's page list and filter lists name every
one), and suppliers are most of the records, each a few words. So suppliers are indexed in groups of
SUPPLIERS_PER_DOCUMENT, each supplier a section under a heading whose id is its id: a matching supplier is a
sub-result, and the search page turns it into a result opening the supplier's own page.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from markupsafe import escape

from generator import routes
from generator.model import Model, Values
from generator.render import i18n
from generator.routes import SitePage

LANG = "nb"
# Measured on the national data (20,000 suppliers): see the commit; larger groups hide more suppliers of a broad
# query (Pagefind UI shows four of a result's sections), smaller ones download more.
SUPPLIERS_PER_DOCUMENT = 20


def _document(title: str, kind: str, body: Iterable[str], year: int | None = None, heading: bool = True) -> str:
    """One page's words: its title as the result title (and first heading, unless the body is all sections),
    its kind (and year) as filters, the rest as text."""
    # filters as attributes, so their words are not part of the text a result shows; one filter per element,
    # as Pagefind reads "Type:x, År:y" as one value of Type
    year_filter = f'<meta data-pagefind-filter="{i18n.word("year", LANG)}[content]" content="{year}">' if year else ""
    return (
        f'<!doctype html><html lang="{LANG}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f'{year_filter}</head><body data-pagefind-filter="{escape(i18n.word("filter_type", LANG))}:{escape(kind)}">'
        + (f"<h1>{escape(title)}</h1>" if heading else "")
        + "\n"
        + "\n".join(filter(None, body))
        + "\n</body></html>\n"
    )


def _words(*values: object) -> str:
    """Searchable values as one paragraph; missing ones left out (and no paragraph if none is there)."""
    present = [str(escape(v)) for v in values if v not in (None, "")]
    return "<p>" + " · ".join(present) + "</p>" if present else ""


def _scheme(ix: Model, s: Values) -> str:
    body = [_words(s["description"]), _words(s["scheme_id"], s["buyer_name"], s["buyer_id"], s["cpv"])]
    body.append(_words(s["doffin_notice"], s["ted_notice"]))
    for c in ix.categories.get(s["scheme_id"], []):
        body.append(_words(c["category_id"], c["title"], c["description"], c["cpv"]))
    return _document(ix.scheme_name(s), i18n.word("scheme", LANG), body)


def _award(ix: Model, a: Values) -> str:
    """An award as a section under its own heading, whose id makes it a sub-result linking to the award."""
    winners = [ix.supplier_name(w) for w in ix.winners.get((a["scheme_id"], a["award_id"]), [])]
    return "\n".join(
        filter(
            None,
            [
                f'<h2 id="{escape(a["award_id"])}">{escape(a["title"])}</h2>',
                _words(a["description"]),
                _words(a["award_id"], a["buyer_name"], a["category_id"], a["cpv"], *winners),
                _words(a["doffin_notice"], a["ted_notice"]),
            ],
        ),
    )


def _supplier(s: Values) -> str:
    """A supplier as a section under its name, whose id (the supplier's) makes it a sub-result."""
    heading = f'<h2 id="{escape(s["supplier_id"])}">{escape(s["name"])}</h2>'
    return heading + "\n" + _words(s["supplier_id"], s["municipality"], s["country"])


def documents(ix: Model, pages: list[SitePage] | None = None) -> Iterator[tuple[str, str]]:
    """(page path, document) for the record pages that search finds: schemes, their award years, buyers, one
    each, and suppliers in groups. Titles are the pages' titles. `pages`: routes.site_pages(ix), if made already."""
    if pages is None:
        pages = routes.site_pages(ix)
    awards_word = i18n.word("awards", LANG)
    for page in pages:
        if page.kind == "scheme":
            yield page.path, _scheme(ix, page.record)
        elif page.kind == "scheme-year":
            s = page.record
            yield (
                page.path,
                _document(
                    f"{s['title']} – {awards_word} {page.year}",
                    i18n.word("award", LANG),
                    [_words(s["buyer_name"])] + [_award(ix, a) for a in page.rows],
                    page.year,
                ),
            )
    suppliers = sorted(ix.suppliers.values(), key=lambda supplier: supplier["supplier_id"])
    groups = -(-len(suppliers) // SUPPLIERS_PER_DOCUMENT)
    for first in range(groups):
        # every groups-th supplier, not neighbours: neighbouring ids share words (a country's register, a name),
        # and a result shows only four of its sections
        group = suppliers[first::groups]
        yield (  # at its first supplier's path, so still one document per path
            routes.supplier(group[0]["supplier_id"]),
            _document(group[0]["name"], i18n.word("supplier", LANG), map(_supplier, group), heading=False),
        )
    for page in pages:
        if page.kind == "buyer":
            yield page.path, _document(page.record.name, i18n.word("buyer", LANG), [_words(page.record.id)])


def write_documents(ix: Model, folder: Path, pages: list[SitePage] | None = None) -> int:
    """Write each document as <folder>/<page path>/index.html; return how many."""
    count = 0
    for path, document in documents(ix, pages):
        os.makedirs(folder / path, exist_ok=True)
        (folder / path / "index.html").write_text(document, encoding="utf-8")
        count += 1
    return count


def start_index(documents_folder: Path, bundle: Path) -> subprocess.Popen[str]:
    """Pagefind indexing the documents into bundle (the site's pagefind/ folder), in the background."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            str(documents_folder),
            "--output-path",
            str(bundle),
            "--force-language",
            LANG,
            "--quiet",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finish_index(process: subprocess.Popen[str]) -> str | None:
    """Wait for the indexer; its output if it failed, else None."""
    output, _ = process.communicate()
    return output if process.returncode != 0 else None

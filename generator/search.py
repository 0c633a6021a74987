"""Search: the words each record page is found by, as small documents for Pagefind to index.

Pagefind indexes HTML. Handed the built pages, it parsed about a gigabyte of layout, tables and figures at
national scale to find the few facts people search by, and put whole pages into the result fragments a
browser downloads. These documents hold only those facts, at the same paths as the record pages, so each
result opens the real page. One index, in Norwegian: record text is the same in both languages, and the
English search page maps each result to its English page.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from markupsafe import escape

from .render import i18n
from .render.model import Index, Values

LANG = "nb"


def _document(title: str, kind: str, body: Iterable[str], year: int | None = None) -> str:
    """One page's words: its title as the result title, its kind (and year) as filters, the rest as text."""
    # filters as attributes, so their words are not part of the text a result shows
    filters = f"{i18n.t('filter_type', LANG)}:{kind}" + (f", {i18n.t('year', LANG)}:{year}" if year else "")
    return (
        f'<!doctype html><html lang="{LANG}"><head><meta charset="utf-8"><title>{escape(title)}</title></head>'
        f'<body data-pagefind-filter="{escape(filters)}"><h1>{escape(title)}</h1>\n'
        + "\n".join(filter(None, body))
        + "\n</body></html>\n"
    )


def _words(*values: object) -> str:
    """Searchable values as one paragraph; missing ones left out (and no paragraph if none is there)."""
    present = [str(escape(v)) for v in values if v not in (None, "")]
    return "<p>" + " · ".join(present) + "</p>" if present else ""


def _scheme(ix: Index, s: Values) -> str:
    body = [_words(s["description"]), _words(s["scheme_id"], s["buyer_name"], s["buyer_id"], s["cpv"])]
    body.append(_words(s["doffin_notice"], s["ted_notice"]))
    for c in ix.categories.get(s["scheme_id"], []):
        body.append(_words(c["category_id"], c["title"], c["description"], c["cpv"]))
    return _document(s["title"], i18n.t("scheme", LANG), body)


def _award(ix: Index, a: Values) -> str:
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


def documents(ix: Index) -> Iterator[tuple[str, str]]:
    """(page path, document) for every record page that search finds: schemes, their award years, suppliers,
    buyers. Titles are the pages' titles."""
    awards_word = i18n.t("awards", LANG)
    for s in ix.schemes.values():
        yield f"schemes/{s['scheme_id']}/", _scheme(ix, s)
        by_year: dict[int, list[Values]] = defaultdict(list)
        for a in ix.awards_by_scheme.get(s["scheme_id"], []):
            by_year[a["invited"].year].append(a)
        for year in sorted(by_year):
            yield (
                f"schemes/{s['scheme_id']}/awards/{year}/",
                _document(
                    f"{s['title']} – {awards_word} {year}",
                    i18n.t("award", LANG),
                    [_words(s["buyer_name"])] + [_award(ix, a) for a in by_year[year]],
                    year,
                ),
            )
    for supplier in ix.suppliers.values():
        yield (
            f"suppliers/{supplier['supplier_id']}/",
            _document(
                supplier["name"],
                i18n.t("supplier", LANG),
                [_words(supplier["supplier_id"], supplier["municipality"], supplier["country"])],
            ),
        )
    for buyer in ix.buyers.values():
        yield f"buyers/{buyer.id}/", _document(buyer.name, i18n.t("buyer", LANG), [_words(buyer.id)])


def write_documents(ix: Index, folder: Path) -> int:
    """Write each document as <folder>/<page path>/index.html; return how many."""
    count = 0
    for path, document in documents(ix):
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

"""Routes: every URL and file path of the site, and the list of its generated pages.

Page paths are below a language root ("" is the home page, "schemes/x/" a scheme); `in_language` puts them under
the site root (Norwegian at the root, English under `en/`). File paths (record copies, feeds, downloads) are below
the site root. A link from a page is `href(page, lang, target)`: the page's way back to the site root, then the
target's path below it, so it works on any host and offline.

An id in a path goes through `segment`. The schemas' id patterns allow only `[A-Za-z0-9.-]`, which is left as it
is, so a valid record's path is its id; anything else (only in data the build refuses) is percent-encoded and
cannot climb out of its folder.

>>> scheme("tolk-fjordvik"), award("tolk-fjordvik", "2024-001", 2024)
('schemes/tolk-fjordvik/', 'schemes/tolk-fjordvik/awards/2024/#2024-001')
>>> href("schemes/x/awards/2024/", "en", in_language(supplier("NO-BRC-1"), "nb"))
'../../../../../suppliers/NO-BRC-1/'
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import quote, urlencode

from generator.model import Model, Values
from generator.model.facts import award_year

# --- ids and languages ---------------------------------------------------------------------------------

_SAFE = re.compile(r"(?!\.*$)[A-Za-z0-9._-]+")  # not "." or "..": those would name a folder above


def segment(text: str) -> str:
    """An id as a path segment or fragment: unchanged when URL-safe (every valid id is), else percent-encoded.

    >>> segment("NO-BRC-312345676"), segment("a/b <c>"), segment("..")
    ('NO-BRC-312345676', 'a%2Fb%20%3Cc%3E', '%2E%2E')
    """
    if _SAFE.fullmatch(text):
        return text
    encoded = quote(text, safe="")
    return encoded if encoded.strip(".") else encoded.replace(".", "%2E")


LANGUAGE_ROOTS = {"nb": "", "en": "en/"}  # each language's folder below the site root
PAGE_FILE = "index.html"  # the file a page's path (a folder: "schemes/x/") is served from


def in_language(path: str, lang: str) -> str:
    """A page's path below the site root.

    >>> in_language("schemes/x/", "nb"), in_language("schemes/x/", "en")
    ('schemes/x/', 'en/schemes/x/')
    """
    return LANGUAGE_ROOTS[lang] + path


def depth(path: str) -> int:
    """How many folders deep a path is below its root (a fragment or file name does not count).

    >>> depth(""), depth("schemes/"), depth("schemes/x/awards/2024/")
    (0, 1, 4)
    """
    return path.count("/")


def up(page: str) -> str:
    """The way back from a page to its language root.

    >>> up(""), up("schemes/x/")
    ('', '../../')
    """
    return "../" * depth(page)


def to_site_root(page: str, lang: str) -> str:
    """The way back from a page of a language to the site root.

    >>> to_site_root("schemes/x/", "nb"), to_site_root("schemes/x/", "en")
    ('../../', '../../../')
    """
    return up(in_language(page, lang))


def href(page: str, lang: str, target: str) -> str:
    """A relative link from a page of a language to a path below the site root (a page of either language or a
    file).

    >>> href("changes/", "nb", scheme("x")), href("", "en", feed("awards"))
    ('../schemes/x/', '../feeds/awards.xml')
    """
    return to_site_root(page, lang) + target


# --- pages (below a language root) -----------------------------------------------------------------------

HOME = ""
SCHEMES = "schemes/"
BUYERS = "buyers/"
SUPPLIERS = "suppliers/"
AWARDS = "awards/"
CHANGES = "changes/"
INDICATORS = "indicators/"
CLAIMS = "claims/"  # the three claims, checked (DESIGN §9)
DOWNLOADS = "downloads/"  # the downloads page, and the folder of the files it lists
METHODOLOGY = "methodology/"  # hand-written; each indicator's definition has its id as anchor
EXPLORE = "explore/"  # hand-written: the awards explorer (site/assets/explorer.js)


def scheme(scheme_id: str) -> str:
    return f"{SCHEMES}{segment(scheme_id)}/"


def scheme_year(scheme_id: str, year: int) -> str:
    """A scheme's awards of one year, each in full."""
    return f"{scheme(scheme_id)}awards/{year}/"


def award(scheme_id: str, award_id: str, year: int) -> str:
    """An award's permalink: its card on its scheme's page of its year (facts.award_year)."""
    return f"{scheme_year(scheme_id, year)}#{segment(award_id)}"


def supplier(supplier_id: str) -> str:
    return f"{SUPPLIERS}{segment(supplier_id)}/"


def buyer(buyer_id: str) -> str:
    return f"{BUYERS}{segment(buyer_id)}/"


def awards_year(year: int) -> str:
    """Every award of a year (facts.award_year; the first page of them)."""
    return f"{AWARDS}{year}/"


def indicator(indicator_id: str) -> str:
    """An indicator's definition on the methodology page."""
    return f"{METHODOLOGY}#{indicator_id}"


def explore(**filters: str) -> str:
    """The awards explorer with these filters set (its state lives in the address).

    >>> explore(scheme="tolk-fjordvik"), explore()
    ('explore/?scheme=tolk-fjordvik', 'explore/')
    """
    return EXPLORE + ("?" + urlencode(sorted(filters.items())) if filters else "")


def list_page(first: str, number: int) -> str:
    """Page `number` of a list whose first page is `first`.

    >>> list_page("suppliers/", 1), list_page("suppliers/", 3)
    ('suppliers/', 'suppliers/page-3/')
    """
    return first if number == 1 else f"{first}page-{number}/"


# --- files (below the site root) -------------------------------------------------------------------------

DATA = "data/"  # the copies of the record files
NAMES = "names/"  # the name and id index the search page reads (generator/render/names.py)
EXPLORER_DATA = "explorer/"  # the awards explorer's files (generator/render/explorer.py)
FEEDS = ("schemes", "awards", "admissions")


def scheme_file(scheme_id: str) -> str:
    """A scheme's record file below the data folder (DATA + this below the site root)."""
    return f"schemes/{segment(scheme_id)}.yaml"


def supplier_file(supplier_id: str) -> str:
    return f"suppliers/{segment(supplier_id)}.yaml"


def award_file(scheme_id: str, award_id: str) -> str:
    return f"awards/{segment(scheme_id)}/{segment(award_id)}.yaml"


def feed(kind: str, scheme_id: str | None = None) -> str:
    """An Atom feed: new schemes, awards or admissions overall, or awards or admissions in one scheme.

    >>> feed("awards"), feed("admissions", "tolk-fjordvik")
    ('feeds/awards.xml', 'schemes/tolk-fjordvik/feeds/admissions.xml')
    """
    if kind not in FEEDS or (kind == "schemes" and scheme_id is not None):
        raise ValueError(f"no {kind} feed{' per scheme' if scheme_id else ''}")
    return f"{scheme(scheme_id)}feeds/{kind}.xml" if scheme_id else f"feeds/{kind}.xml"


def explorer_shard(kind: str, key: str) -> str:
    """One of the awards explorer's row files, below its folder (EXPLORER_DATA): by scheme, buyer, supplier bucket
    or year.

    >>> explorer_shard("scheme", "tolk-fjordvik")
    'scheme/tolk-fjordvik.json'
    """
    return f"{kind}/{segment(key)}.json"


def download(name: str) -> str:
    """A file of the whole data package, e.g. "awards.csv" or "json/awards.json"."""
    return DOWNLOADS + name


def scheme_cut(scheme_id: str, name: str) -> str:
    """A file of one scheme's cut of the data, below the downloads folder (as the manifest names it).

    >>> download(scheme_cut("x", "awards.csv"))
    'downloads/schemes/x/awards.csv'
    """
    return f"schemes/{segment(scheme_id)}/{name}"


# --- the generated pages -----------------------------------------------------------------------------------

ROWS_PER_PAGE = 500  # a list page of 500 rows stays well under 1 MB of HTML

Kind = Literal[
    "home",
    "buyer-list",
    "buyer",
    "supplier-list",
    "supplier",
    "awards-index",
    "awards-year",
    "changes",
    "indicators",
    "claims",
    "scheme-list",
    "scheme",
    "scheme-year",
    "downloads",
]


SHOWS_DOWNLOADS: frozenset[Kind] = frozenset({"scheme", "downloads"})  # pages made once the export is done


@dataclass(frozen=True, slots=True)
class SitePage:
    """One generated page, the same in each language: where it is, what kind of page, and what it shows."""

    path: str  # below the language root
    kind: Kind
    record: Any = None  # what a record page shows: a scheme's or supplier's values, a model.Buyer
    year: int | None = None  # of an award year page
    rows: Sequence[Any] = ()  # what a list or year page lists: this page's part of it
    number: int = 1  # the page's number in its list
    pages: tuple[str, ...] = ()  # the paths of every page of its list, in order


def chunks(items: Sequence[Any], size: int = ROWS_PER_PAGE) -> list[Sequence[Any]]:
    """Items split into pages; an empty list is one empty page.

    >>> [len(c) for c in chunks(list(range(1001)))]
    [500, 500, 1]
    """
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def paginated(kind: Kind, first: str, items: Sequence[Any], year: int | None = None) -> Iterator[SitePage]:
    """A list's pages: the first at `first`, page n at first/page-n/."""
    parts = chunks(items)
    paths = tuple(list_page(first, n) for n in range(1, len(parts) + 1))
    for number, (path, rows) in enumerate(zip(paths, parts, strict=True), start=1):
        yield SitePage(path, kind, year=year, rows=rows, number=number, pages=paths)


def by_year(awards: Sequence[Values]) -> dict[int, list[Values]]:
    """Awards by their year (facts.award_year), years in order (an award's permalink is on its year's page)."""
    years: dict[int, list[Values]] = defaultdict(list)
    for a in awards:
        year = award_year(a)
        if year is not None:  # None only in data with errors (the award-date rule)
            years[year].append(a)
    return dict(sorted(years.items()))


def site_pages(ix: Model) -> list[SitePage]:
    """Every generated page of a language.

    The site's sitemap is these pages in each language (`in_language`) and the hand-written ones.
    """
    return list(_site_pages(ix))


def _site_pages(ix: Model) -> Iterator[SitePage]:
    yield SitePage(HOME, "home")
    yield from paginated("buyer-list", BUYERS, sorted(ix.buyers.values(), key=lambda b: (b.name.casefold(), b.id)))
    for b in ix.buyers.values():
        yield SitePage(buyer(b.id), "buyer", b)
    suppliers = sorted(ix.suppliers.values(), key=lambda s: (s["name"].casefold(), s["supplier_id"]))
    yield from paginated("supplier-list", SUPPLIERS, suppliers)
    for s in ix.suppliers.values():
        yield SitePage(supplier(s["supplier_id"]), "supplier", s)
    yield SitePage(AWARDS, "awards-index")
    for year, awards in by_year(list(ix.awards.values())).items():
        yield from paginated("awards-year", awards_year(year), awards, year)
    yield SitePage(CHANGES, "changes")
    yield SitePage(INDICATORS, "indicators")
    yield SitePage(CLAIMS, "claims")
    yield from paginated("scheme-list", SCHEMES, list(ix.schemes.values()))
    for s in ix.schemes.values():
        yield SitePage(scheme(s["scheme_id"]), "scheme", s)
        for year, awards in by_year(ix.awards_by_scheme.get(s["scheme_id"], [])).items():
            yield SitePage(scheme_year(s["scheme_id"], year), "scheme-year", s, year, awards)
    yield SitePage(DOWNLOADS, "downloads")

"""The route table: where each kind of page and file is, in both languages, and the links between pages."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from generator import routes
from generator.load import load
from generator.model import build_model

FIXTURE = Path(__file__).parent / "fixtures" / "valid"

PAGES = [  # (route, nb path below the site root, en path)
    (routes.HOME, "", "en/"),
    (routes.SCHEMES, "schemes/", "en/schemes/"),
    (routes.list_page(routes.SCHEMES, 2), "schemes/page-2/", "en/schemes/page-2/"),
    (routes.scheme("tolk-fjordvik"), "schemes/tolk-fjordvik/", "en/schemes/tolk-fjordvik/"),
    (
        routes.scheme_year("tolk-fjordvik", 2024),
        "schemes/tolk-fjordvik/awards/2024/",
        "en/schemes/tolk-fjordvik/awards/2024/",
    ),
    (
        routes.award("tolk-fjordvik", "2024-001", 2024),
        "schemes/tolk-fjordvik/awards/2024/#2024-001",
        "en/schemes/tolk-fjordvik/awards/2024/#2024-001",
    ),
    (routes.SUPPLIERS, "suppliers/", "en/suppliers/"),
    (routes.supplier("NO-BRC-312345692"), "suppliers/NO-BRC-312345692/", "en/suppliers/NO-BRC-312345692/"),
    (routes.BUYERS, "buyers/", "en/buyers/"),
    (routes.list_page(routes.BUYERS, 3), "buyers/page-3/", "en/buyers/page-3/"),
    (routes.buyer("NO-BRC-312345676"), "buyers/NO-BRC-312345676/", "en/buyers/NO-BRC-312345676/"),
    (routes.AWARDS, "awards/", "en/awards/"),
    (routes.awards_year(2024), "awards/2024/", "en/awards/2024/"),
    (routes.list_page(routes.awards_year(2024), 2), "awards/2024/page-2/", "en/awards/2024/page-2/"),
    (routes.CHANGES, "changes/", "en/changes/"),
    (routes.INDICATORS, "indicators/", "en/indicators/"),
    (routes.DOWNLOADS, "downloads/", "en/downloads/"),
    (routes.indicator("hhi"), "methodology/#hhi", "en/methodology/#hhi"),
]


@pytest.mark.parametrize(("route", "nb", "en"), PAGES)
def test_a_page_is_at_its_path_in_each_language(route: str, nb: str, en: str) -> None:
    assert (routes.in_language(route, "nb"), routes.in_language(route, "en")) == (nb, en)


FILES = [  # (route, path below the site root): one copy for both languages
    (routes.DATA + routes.scheme_file("tolk-fjordvik"), "data/schemes/tolk-fjordvik.yaml"),
    (routes.DATA + routes.supplier_file("NO-BRC-312345692"), "data/suppliers/NO-BRC-312345692.yaml"),
    (routes.DATA + routes.award_file("tolk-fjordvik", "2024-001"), "data/awards/tolk-fjordvik/2024-001.yaml"),
    (routes.feed("schemes"), "feeds/schemes.xml"),
    (routes.feed("awards"), "feeds/awards.xml"),
    (routes.feed("admissions", "tolk-fjordvik"), "schemes/tolk-fjordvik/feeds/admissions.xml"),
    (routes.download("awards.csv"), "downloads/awards.csv"),
    (routes.download("json/awards.json"), "downloads/json/awards.json"),
    (routes.download(routes.scheme_cut("tolk-fjordvik", "awards.csv")), "downloads/schemes/tolk-fjordvik/awards.csv"),
]


@pytest.mark.parametrize(("route", "path"), FILES)
def test_a_file_is_at_its_path(route: str, path: str) -> None:
    assert route == path


LINKS = [  # (from page, its language, to a path below the site root, the relative link)
    ("", "nb", "schemes/x/", "schemes/x/"),
    ("", "en", "en/schemes/x/", "../en/schemes/x/"),
    ("schemes/", "nb", "suppliers/y/", "../suppliers/y/"),
    ("schemes/x/", "nb", "feeds/awards.xml", "../../feeds/awards.xml"),
    ("schemes/x/", "en", "data/schemes/x.yaml", "../../../data/schemes/x.yaml"),
    ("schemes/x/awards/2024/", "nb", "en/schemes/x/awards/2024/", "../../../../en/schemes/x/awards/2024/"),
    ("schemes/x/awards/2024/", "en", "schemes/x/awards/2024/", "../../../../../schemes/x/awards/2024/"),
    ("suppliers/page-2/", "en", "en/suppliers/", "../../../en/suppliers/"),
]


@pytest.mark.parametrize(("page", "lang", "target", "link"), LINKS)
def test_a_link_climbs_to_the_site_root_and_down_to_its_target(page: str, lang: str, target: str, link: str) -> None:
    assert routes.href(page, lang, target) == link


@pytest.mark.parametrize(
    ("page", "nb", "en"),
    [("", "", "../"), ("schemes/", "../", "../../"), ("schemes/x/awards/2024/", "../../../../", "../../../../../")],
)
def test_the_way_back_to_each_root(page: str, nb: str, en: str) -> None:
    assert routes.up(page) == nb  # to the page's own language root, whichever it is
    assert (routes.to_site_root(page, "nb"), routes.to_site_root(page, "en")) == (nb, en)


@pytest.mark.parametrize(
    ("text", "segment"),
    [
        ("NO-BRC-312345676", "NO-BRC-312345676"),  # every valid id is left as it is
        ("2024-001", "2024-001"),
        ("a/b", "a%2Fb"),  # cannot make a folder
        ("..", "%2E%2E"),  # cannot climb out of one
        ("<x> & 'y'", "%3Cx%3E%20%26%20%27y%27"),  # nothing for HTML or XML to escape
    ],
)
def test_an_id_is_one_path_segment(text: str, segment: str) -> None:
    assert routes.segment(text) == segment
    assert routes.scheme(text) == f"schemes/{segment}/"


def test_feeds_exist_only_for_schemes_awards_and_admissions() -> None:
    with pytest.raises(ValueError):
        routes.feed("schemes", "x")
    with pytest.raises(ValueError):
        routes.feed("suppliers")


def test_the_page_list_names_every_generated_page_once() -> None:
    ix = build_model(load(FIXTURE)[0])
    pages = routes.site_pages(ix)
    paths = [p.path for p in pages]
    assert len(paths) == len(set(paths))
    kinds = Counter(p.kind for p in pages)
    assert kinds["scheme"] == len(ix.schemes)
    assert kinds["supplier"] == len(ix.suppliers)
    assert kinds["buyer"] == len(ix.buyers)
    for kind in ("home", "buyer-list", "supplier-list", "awards-index", "changes", "indicators", "scheme-list"):
        assert kinds[kind] == 1
    assert pages[-1].kind == "downloads"  # last: it waits for the export
    year_page = next(p for p in pages if p.kind == "scheme-year")
    assert year_page.path == routes.scheme_year(year_page.record["scheme_id"], year_page.year or 0)
    assert all(a["invited"].year == year_page.year for a in year_page.rows)
    # the awards of each scheme's year pages are all its awards
    assert sum(len(p.rows) for p in pages if p.kind == "scheme-year") == len(ix.awards)
    assert sum(len(p.rows) for p in pages if p.kind == "awards-year") == len(ix.awards)


def test_a_long_list_is_split_into_numbered_pages() -> None:
    pages = list(routes.paginated("supplier-list", routes.SUPPLIERS, list(range(1001))))
    assert [(p.path, p.number, len(p.rows)) for p in pages] == [
        ("suppliers/", 1, 500),
        ("suppliers/page-2/", 2, 500),
        ("suppliers/page-3/", 3, 1),
    ]
    assert pages[1].pages == ("suppliers/", "suppliers/page-2/", "suppliers/page-3/")

"""Search: reached from the header, it finds a supplier by name and by organisation number and opens its page.

Suppliers are indexed in groups (see generator/search.py): each matching supplier must still be a result of its
own, opening its own page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check import validate
from generator.load import load
from generator.model import build_model
from generator.render import search
from tests.browser.support import Tab, data_dir

pytestmark = pytest.mark.browser

RESULT = ".pagefind-ui__result-link"


@pytest.fixture(scope="session")
def supplier(paths: dict[str, str]) -> tuple[str, str]:
    """The id and name of the supplier whose page the page-type tests open."""
    supplier_id = Path(paths["supplier"]).name
    dataset, _ = load(data_dir())
    names = {row.values["supplier_id"]: row.values["name"] for row in dataset.tables["suppliers"]}
    return supplier_id, names[supplier_id]


@pytest.fixture(scope="session")
def group() -> list[tuple[str, str]]:
    """(id, name) of the suppliers indexed in one document, in its order: the first group's."""
    dataset, _ = validate(data_dir())
    ix = build_model(dataset)
    path, document = next((p, d) for p, d in search.documents(ix) if p.startswith("suppliers/"))
    ids = [i for i in ix.suppliers if f'<h2 id="{i}">' in document]
    assert path == f"suppliers/{ids[0]}/" and len(ids) >= 2, "the data has too few suppliers to test groups"
    return [(i, ix.suppliers[i]["name"]) for i in sorted(ids)]


def open_result(tab: Tab, query: str, href_end: str) -> None:
    """Wait for the results of the query (not of the text typed so far) and follow the one that links to a page."""
    tab.page.locator(".pagefind-ui__message", has_text=query).wait_for(timeout=10_000)
    link = tab.page.locator(f'{RESULT}[href$="{href_end}"]').first
    link.wait_for(timeout=10_000)
    link.click()
    tab.page.wait_for_url(tab.base + href_end)


@pytest.mark.parametrize("by", ["name", "number"])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_search_box_finds_a_supplier_and_opens_its_page(
    tab: Tab, supplier: tuple[str, str], by: str, lang: str
) -> None:
    supplier_id, name = supplier
    prefix = "" if lang == "nb" else "en/"
    tab.open(prefix)
    tab.page.locator(".md-header a[href$='search/']").click()
    tab.page.wait_for_url(f"{tab.base}{prefix}search/")
    box = tab.page.locator(".pagefind-ui__search-input")
    query = name if by == "name" else supplier_id.rsplit("-", 1)[-1]  # the bare number, as people type it
    box.fill(query)
    open_result(tab, query, f"{prefix}suppliers/{supplier_id}/")
    assert tab.page.locator("h1").inner_text() == name
    tab.assert_clean()


def test_search_page_runs_the_query_in_its_address(tab: Tab, supplier: tuple[str, str]) -> None:
    supplier_id = supplier[0]
    tab.open(f"search/?q={supplier_id}")
    assert tab.page.locator(".pagefind-ui__search-input").input_value() == supplier_id
    open_result(tab, supplier_id, f"suppliers/{supplier_id}/")
    tab.assert_clean()


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_supplier_found_in_its_group_opens_its_own_page(tab: Tab, group: list[tuple[str, str]], lang: str) -> None:
    supplier_id, name = group[-1]  # not the one at whose path the group is indexed
    prefix = "" if lang == "nb" else "en/"
    tab.open(f"{prefix}search/?q={supplier_id.rsplit('-', 1)[-1]}")
    open_result(tab, supplier_id.rsplit("-", 1)[-1], f"{prefix}suppliers/{supplier_id}/")
    assert tab.page.locator("h1").inner_text() == name
    tab.assert_clean()


def test_suppliers_matching_in_one_group_are_each_a_result(tab: Tab, group: list[tuple[str, str]]) -> None:
    (first, _), (last, _) = group[0], group[-1]
    query = f"{first.rsplit('-', 1)[-1]} {last.rsplit('-', 1)[-1]}"  # only their group has both numbers
    tab.open(f"search/?q={query}")
    tab.page.locator(".pagefind-ui__message", has_text=query).wait_for(timeout=10_000)
    tab.page.locator(f'{RESULT}[href$="suppliers/{last}/"]').wait_for(timeout=10_000)
    links = tab.page.locator(RESULT).evaluate_all("links => links.map(link => link.getAttribute('href'))")
    assert sorted(link.rsplit("/", 2)[-2] for link in links) == sorted([first, last])
    assert [link for link in links if "#" in link] == []
    tab.assert_clean()

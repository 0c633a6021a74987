"""Search: reached from the header, it finds a supplier by name and by organisation number and opens its page."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load import load
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

"""Keyboard only: Tab reaches search, a table's filter and sort buttons, and the language switch; Enter uses them."""

from __future__ import annotations

import pytest

from tests.browser.support import Tab, focus_is_visible, tab_to

pytestmark = pytest.mark.browser


def test_keyboard_reaches_search_and_opens_a_result(tab: Tab, paths: dict[str, str]) -> None:
    tab.open("")
    tab_to(tab.page, ".md-header a[href$='search/']")
    assert focus_is_visible(tab.page)
    with tab.page.expect_navigation():
        tab.page.keyboard.press("Enter")
    assert tab.path() == "search/"
    box = "#dps-search-input"
    if not tab.page.evaluate(f"document.activeElement.matches('{box}')"):  # the search page focuses it
        tab_to(tab.page, box)
    assert focus_is_visible(tab.page)
    supplier_id = paths["supplier"].rstrip("/").rsplit("/", 1)[-1]
    tab.page.keyboard.type(supplier_id)
    tab.page.locator(".dps-search__status", has_text=supplier_id).wait_for()  # results of the whole query
    tab.page.keyboard.press("ArrowDown")  # from the box to the first result
    assert tab.page.evaluate("document.activeElement.href").endswith(f"suppliers/{supplier_id}/")
    assert focus_is_visible(tab.page)
    with tab.page.expect_navigation():
        tab.page.keyboard.press("Enter")
    assert tab.path() == paths["supplier"]
    tab.assert_clean()


def test_keyboard_filters_and_sorts_a_table(tab: Tab) -> None:
    tab.open("suppliers/")
    rows = "table[data-dps-table] tbody tr"
    total = tab.page.locator(rows).count()
    tab_to(tab.page, ".dps-filter input[type='search']")
    assert focus_is_visible(tab.page)
    tab.page.keyboard.type("no-such-supplier-name")
    assert tab.page.locator(f"{rows}:not([hidden])").count() == 0
    for _ in "no-such-supplier-name":
        tab.page.keyboard.press("Backspace")
    assert tab.page.locator(f"{rows}:not([hidden])").count() == total
    tab_to(tab.page, "button.dps-sort")
    assert focus_is_visible(tab.page)
    tab.page.keyboard.press("Enter")
    assert tab.page.evaluate("document.activeElement.closest('th').getAttribute('aria-sort')") == "ascending"
    tab.page.keyboard.press("Enter")
    assert tab.page.evaluate("document.activeElement.closest('th').getAttribute('aria-sort')") == "descending"
    tab.assert_clean()


@pytest.mark.parametrize("viewport", ["tab", "phone"])
def test_keyboard_reaches_the_language_switch(
    request: pytest.FixtureRequest, paths: dict[str, str], viewport: str
) -> None:
    page: Tab = request.getfixturevalue(viewport)  # desktop or phone width
    page.open(paths["scheme"])
    tab_to(page.page, ".md-header .dps-header-link")
    assert focus_is_visible(page.page)
    with page.page.expect_navigation():
        page.page.keyboard.press("Enter")
    assert page.path() == "en/" + paths["scheme"]
    page.assert_clean()

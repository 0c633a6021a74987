"""Long tables sort by a column header and filter by text and by choice."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator

from tests.browser.support import Tab

pytestmark = pytest.mark.browser

TABLE = "table[data-dps-table]"


def column(tab: Tab, index: int) -> list[str]:
    """The values (data-value, else text) of one column in the rows shown, top to bottom."""
    return tab.page.eval_on_selector(
        TABLE,
        """(table, index) => Array.from(table.tBodies[0].rows).filter(row => !row.hidden)
             .map(row => row.cells[index].getAttribute('data-value') ?? row.cells[index].textContent.trim())""",
        index,
    )


def header(tab: Tab, index: int) -> Locator:
    return tab.page.locator(f"{TABLE} thead th").nth(index)


def test_a_click_on_a_column_header_sorts_up_then_down(tab: Tab) -> None:
    tab.open("suppliers/")
    last = tab.page.locator(f"{TABLE} thead th").count() - 1  # awards won: a number
    button = header(tab, last).locator("button.dps-sort")
    button.click()
    assert header(tab, last).get_attribute("aria-sort") == "ascending"
    up = [float(v) for v in column(tab, last)]
    assert up == sorted(up) and len(up) > 1
    button.click()
    assert header(tab, last).get_attribute("aria-sort") == "descending"
    down = [float(v) for v in column(tab, last)]
    assert down == sorted(up, reverse=True)
    header(tab, 0).locator("button.dps-sort").click()  # another column takes over the sort
    assert header(tab, 0).get_attribute("aria-sort") == "ascending"
    assert header(tab, last).get_attribute("aria-sort") is None
    tab.assert_clean()


def test_typing_in_the_filter_box_keeps_matching_rows(tab: Tab) -> None:
    tab.open("suppliers/")
    names = column(tab, 0)
    word = names[-1].split()[0]  # e.g. a surname shared by some suppliers
    expected = [n for n in names if word.lower() in n.lower()]
    tab.page.get_by_label("Filtrer rader").fill(word)
    assert column(tab, 0) == expected
    assert tab.page.locator(".dps-count").inner_text() == f"{len(expected)} av {len(names)} rader vises"
    tab.page.get_by_label("Filtrer rader").fill("")
    assert column(tab, 0) == names
    tab.assert_clean()


def test_choosing_in_a_filter_list_keeps_rows_with_that_value(tab: Tab) -> None:
    tab.open("en/suppliers/")
    index = [h.strip() for h in tab.page.locator(f"{TABLE} thead th").all_text_contents()].index("Size")
    sizes = column(tab, index)
    choice = sizes[-1]
    tab.page.get_by_label("Size").select_option(choice)
    kept = [s for s in sizes if s == choice]
    assert column(tab, index) == kept
    assert tab.page.locator(".dps-count").inner_text() == f"{len(kept)} of {len(sizes)} rows shown"
    tab.page.get_by_label("Size").select_option("")
    assert column(tab, index) == sizes
    tab.assert_clean()

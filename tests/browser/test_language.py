"""The language switch in the header opens the same page in the other language, both ways."""

from __future__ import annotations

import pytest

from tests.browser.support import Tab

pytestmark = pytest.mark.browser


def switch(tab: Tab) -> None:
    with tab.page.expect_navigation():
        tab.page.locator(".md-header .dps-header-link").click()


SOME_TYPES = ["home", "scheme", "scheme-year", "supplier", "awards-year", "downloads", "search"]


@pytest.mark.parametrize("page_type", SOME_TYPES)
def test_language_switch_keeps_the_page(tab: Tab, paths: dict[str, str], page_type: str) -> None:
    path = paths[page_type]
    tab.open(path)
    switch(tab)
    assert tab.path() == "en/" + path
    assert tab.page.evaluate("document.documentElement.lang") == "en"
    switch(tab)
    assert tab.path() == path
    assert tab.page.evaluate("document.documentElement.lang") == "nb"
    tab.assert_clean()

"""Every page type in both languages: WCAG 2.1 AA by axe-core, charts with text, fits 375 px, screenshots."""

from __future__ import annotations

import pytest

from tests.browser.support import LANGS, PAGE_TYPES, Tab, axe_violations, charts, in_lang, screenshot

pytestmark = pytest.mark.browser

EVERY_PAGE = pytest.mark.parametrize("lang", LANGS)
EVERY_TYPE = pytest.mark.parametrize("page_type", PAGE_TYPES)
# Visible elements reaching past either edge of the window, except inside a frame that scrolls sideways
# by design (a wide table) or the navigation drawer, which waits off-screen until opened.
CUT_OFF = """() => Array.from(document.querySelectorAll('body *'))
  .filter(e => {
    const box = e.getBoundingClientRect();
    return box.width > 0 && (box.right > document.documentElement.clientWidth + 1 || box.left < -1);
  })
  .filter(e => !e.closest('.md-typeset__scrollwrap, .md-sidebar') && getComputedStyle(e).visibility !== 'hidden')
  .map(e => e.outerHTML.slice(0, 120))"""


def open_page(tab: Tab, paths: dict[str, str], page_type: str, lang: str) -> None:
    response = tab.open(in_lang(paths[page_type], lang))
    assert response is not None and response.status == (404 if page_type == "404" else 200)
    assert tab.page.evaluate("document.documentElement.lang") == lang


@EVERY_TYPE
@EVERY_PAGE
def test_desktop_page_meets_wcag_21_aa(tab: Tab, paths: dict[str, str], page_type: str, lang: str) -> None:
    open_page(tab, paths, page_type, lang)
    screenshot(tab.page, f"{page_type}-{lang}-desktop")
    tab.assert_clean()
    assert [chart for chart in charts(tab.page) if chart["problems"]] == []
    violations = axe_violations(tab.page)
    assert not violations, "\n".join(violations)


@EVERY_TYPE
@EVERY_PAGE
def test_phone_page_fits_375_px_and_meets_wcag(phone: Tab, paths: dict[str, str], page_type: str, lang: str) -> None:
    open_page(phone, paths, page_type, lang)
    screenshot(phone.page, f"{page_type}-{lang}-phone")
    width = phone.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways: {width} px wide"
    assert phone.page.evaluate(CUT_OFF) == [], "parts of the page are cut off at the right or left edge"
    phone.assert_clean()
    violations = axe_violations(phone.page)
    assert not violations, "\n".join(violations)

"""Every page type in both languages: WCAG 2.1 AA by axe-core, no horizontal scrolling at 375 px, screenshots."""

from __future__ import annotations

import pytest

from tests.browser.support import LANGS, PAGE_TYPES, SCREENSHOTS, Tab, axe_violations, in_lang

pytestmark = pytest.mark.browser

EVERY_PAGE = pytest.mark.parametrize("lang", LANGS)
EVERY_TYPE = pytest.mark.parametrize("page_type", PAGE_TYPES)


def open_page(tab: Tab, paths: dict[str, str], page_type: str, lang: str) -> None:
    response = tab.open(in_lang(paths[page_type], lang))
    assert response is not None and response.status == (404 if page_type == "404" else 200)
    assert tab.page.evaluate("document.documentElement.lang") == lang


@EVERY_TYPE
@EVERY_PAGE
def test_desktop_page_meets_wcag_21_aa(tab: Tab, paths: dict[str, str], page_type: str, lang: str) -> None:
    open_page(tab, paths, page_type, lang)
    SCREENSHOTS.mkdir(exist_ok=True)
    tab.page.screenshot(path=SCREENSHOTS / f"{page_type}-{lang}-desktop.png", full_page=True)
    tab.assert_clean()
    violations = axe_violations(tab.page)
    assert not violations, "\n".join(violations)


@EVERY_TYPE
@EVERY_PAGE
def test_phone_page_fits_375_px_and_meets_wcag(phone: Tab, paths: dict[str, str], page_type: str, lang: str) -> None:
    open_page(phone, paths, page_type, lang)
    SCREENSHOTS.mkdir(exist_ok=True)
    phone.page.screenshot(path=SCREENSHOTS / f"{page_type}-{lang}-phone.png", full_page=True)
    wide = phone.page.evaluate(
        """() => Array.from(document.querySelectorAll('body *'))
             .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
             .filter(e => !e.closest('.md-sidebar, [hidden]') && getComputedStyle(e).visibility !== 'hidden')
             .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""
    )
    width = phone.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways ({width} px); too wide: {wide}"
    phone.assert_clean()
    violations = axe_violations(phone.page)
    assert not violations, "\n".join(violations)

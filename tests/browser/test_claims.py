"""The three claims: reached from the home page and the navigation, one verdict per claim, and each scheme page's
box linking to its figures below."""

from __future__ import annotations

import pytest

from tests.browser.support import LANGS, Tab, charts, in_lang

pytestmark = pytest.mark.browser

TITLES = {"nb": "Tre påstander, sjekket", "en": "Three claims, checked"}
LIFE_YEARS = {
    "nb": "Opptak per ordningsår, etter år i ordningens levetid",
    "en": "Admissions per scheme-year, by year of the scheme's life",
}


@pytest.mark.parametrize("lang", LANGS)
def test_the_claims_page_is_linked_from_home_and_the_navigation(tab: Tab, lang: str) -> None:
    tab.open(in_lang("", lang))
    nav = tab.page.locator('nav.md-nav--primary a.md-nav__link[href$="claims/"]')
    assert nav.count() >= 1, "no link to the claims page in the navigation"
    tab.page.locator('article a[href="claims/"]').first.click()
    tab.page.wait_for_load_state("load")
    assert tab.path() == in_lang("claims/", lang)
    assert tab.page.locator("h1").inner_text().strip() == TITLES[lang]
    verdicts = tab.page.locator("section.dps-claim p.dps-verdict")
    assert verdicts.count() == 3
    assert all(any(c.isdigit() for c in text) for text in verdicts.all_inner_texts()), "a verdict without figures"


@pytest.mark.parametrize("lang", LANGS)
def test_a_scheme_page_opens_with_its_claims_linked_to_the_figures(tab: Tab, paths: dict[str, str], lang: str) -> None:
    tab.open(in_lang(paths["scheme"], lang))
    box = tab.page.locator("aside.dps-claims")
    assert box.count() == 1
    links = box.locator("dd a")
    assert links.count() == 3
    for i in range(3):
        target = links.nth(i).get_attribute("href")
        assert target is not None and target.startswith("#")
        assert tab.page.locator(target).count() == 1, f"{target} is not on the page"
    # the box comes before the scheme's facts
    assert tab.page.evaluate(
        "() => !!(document.querySelector('aside.dps-claims').compareDocumentPosition("
        "document.querySelector('dl.dps-facts')) & Node.DOCUMENT_POSITION_FOLLOWING)"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_the_door_charts_admissions_by_year_of_a_schemes_life(tab: Tab, lang: str) -> None:
    tab.open(in_lang("claims/", lang))
    door = tab.page.locator("section.dps-claim").filter(has=tab.page.locator("h2#door"))
    captions = door.locator("figure.dps-chart figcaption").all_inner_texts()
    assert LIFE_YEARS[lang] in captions
    figure = door.locator("figure.dps-chart").nth(captions.index(LIFE_YEARS[lang]))
    table = figure.locator("table.dps-chart-data tbody tr")
    first = table.first.locator("th, td").all_text_contents()  # in a closed <details>: not rendered, but there
    assert first[0] == ("År 1" if lang == "nb" else "Year 1")
    assert all(any(c.isdigit() for c in cell) for cell in first[1:]), first  # the figure and what it rests on
    assert [chart for chart in charts(tab.page) if chart["problems"]] == []

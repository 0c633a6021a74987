"""Charts render with their text alternative: an image with a title, and its figures in a table beside it."""

from __future__ import annotations

import pytest

from tests.browser.support import Tab, charts

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_home_page_charts_render_with_their_text_alternative(tab: Tab, lang: str) -> None:
    tab.open("" if lang == "nb" else "en/")
    found = charts(tab.page)
    assert found, "the home page shows no chart"
    assert [c for c in found if c["problems"]] == []
    tab.assert_clean()

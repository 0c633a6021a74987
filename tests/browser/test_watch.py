"""The watch every browser test relies on does catch what it must: other hosts, console errors, exceptions, 404s."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Error

from tests.browser.support import DESKTOP, watch

pytestmark = pytest.mark.browser


def test_watch_blocks_other_hosts_and_collects_errors(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport=DESKTOP)
    try:
        tab = watch(context.new_page(), base_url)
        tab.open("")
        tab.page.evaluate("console.error('logged')")
        tab.page.evaluate("setTimeout(() => { throw new Error('thrown'); })")
        with tab.page.expect_response(lambda r: r.url.endswith("missing.png")):
            tab.page.evaluate("document.body.appendChild(new Image()).src = 'missing.png'")
        tab.page.wait_for_timeout(100)  # let the exception and the failed image reach the listeners
        problems = "\n".join(tab.problems())
        assert "console: logged" in problems
        assert "exception: thrown" in problems
        assert f"HTTP 404: {base_url}missing.png" in problems

        missing = tab.open("no-such-page/")  # the 404 page itself is no error
        assert missing is not None and missing.status == 404
        assert f"{base_url}no-such-page/" not in "\n".join(tab.problems())

        assert tab.outside == []
        elsewhere = "http://127.0.0.1:9/"  # another origin, even on this machine, is not the site
        with pytest.raises(Error):
            tab.page.goto(elsewhere)
        assert tab.outside == [elsewhere]
    finally:
        context.close()

"""Every download link on the downloads page and on a scheme page gives its file, as the manifest describes it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from tests.browser.support import Tab

pytestmark = pytest.mark.browser

LINKS = "article a[download], article a[href$='downloads.json']"


@pytest.fixture(scope="session")
def manifest(site: Path) -> dict[str, dict[str, Any]]:
    """downloads.json by path below downloads/."""
    entries = json.loads((site / "downloads" / "downloads.json").read_text(encoding="utf-8"))
    return {entry["path"]: entry for entry in entries}


@pytest.mark.parametrize(("page_type", "lang"), [("downloads", "nb"), ("downloads", "en"), ("scheme", "nb")])
def test_every_download_link_returns_its_file(
    tab: Tab, site: Path, paths: dict[str, str], manifest: dict[str, dict[str, Any]], page_type: str, lang: str
) -> None:
    tab.open(("" if lang == "nb" else "en/") + paths[page_type])
    urls = tab.page.eval_on_selector_all(LINKS, "links => links.map(a => a.href)")
    assert len(urls) > 1
    for url in urls:
        response = tab.page.request.get(url)
        assert response.status == 200, url
        body = response.body()
        path = url.removeprefix(tab.base).split("downloads/", 1)[1]
        if path == "downloads.json":
            assert json.loads(body) == list(manifest.values())
            continue
        entry = manifest[path]  # every link is to a file the manifest lists
        assert (len(body), hashlib.sha256(body).hexdigest()) == (entry["bytes"], entry["sha256"]), url
    tab.assert_clean()


def test_a_click_on_a_download_link_saves_the_file(tab: Tab, site: Path, paths: dict[str, str], tmp_path: Path) -> None:
    tab.open(paths["scheme"])
    link = tab.page.locator("article a[download]").first
    with tab.page.expect_download() as event:
        link.click()
    download = event.value
    assert download.failure() is None
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    url_path = download.url.removeprefix(tab.base)
    assert saved.name == url_path.rsplit("/", 1)[-1]
    assert saved.read_bytes() == (site / url_path).read_bytes()
    tab.assert_clean()

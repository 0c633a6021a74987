"""Fixtures of the browser tests: the site built once, served on 127.0.0.1, and Chromium pages that watch it."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, Playwright, sync_playwright

from generator.check import validate
from generator.cli import main
from generator.model import Model, build_model
from tests.browser.support import (
    AXE,
    CHROMIUM_ARGS,
    DESKTOP,
    PHONE,
    SiteHandler,
    Tab,
    data_dir,
    host_headers,
    page_paths,
    watch,
)

CHROMIUM = Path(os.environ.get("DPS_CHROMIUM", "/usr/bin/chromium"))


@pytest.fixture(scope="session")
def ix() -> Model:
    """The shipped data's model, which the site under test is built from: what a page should show."""
    dataset, _ = validate(data_dir())
    return build_model(dataset)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: end-to-end tests in headless Chromium, run by `make test` and CI")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test here is slow (a site build, a real browser): plain `pytest` leaves them to `make test`."""
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "site"
    result = CliRunner().invoke(main, ["build", "--data", str(data_dir()), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def paths(site: Path) -> dict[str, str]:
    return page_paths(site)


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    handler = type("Handler", (SiteHandler,), {"extra_headers": tuple(host_headers(site))})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(f"no Chromium at {CHROMIUM}: `apt-get install chromium`, or set DPS_CHROMIUM", pytrace=False)
    with sync_playwright() as playwright:
        yield launch(playwright)


def launch(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    report = yield
    if report.when == "call":
        item.stash[PASSED] = report.passed
    return report


PASSED = pytest.StashKey[bool]()


def new_tab(request: pytest.FixtureRequest, browser: Browser, base_url: str, viewport: dict[str, int]) -> Iterator[Tab]:
    context = browser.new_context(viewport=viewport, reduced_motion="reduce", service_workers="block")
    context.add_init_script(path=AXE)
    tab = watch(context.new_page(), base_url)
    yield tab
    context.close()
    if request.node.stash.get(PASSED, False):  # a failed test has said what went wrong already
        tab.assert_clean()


@pytest.fixture
def tab(request: pytest.FixtureRequest, browser: Browser, base_url: str) -> Iterator[Tab]:
    """A desktop-sized page (1280 px wide); the test fails if it left localhost or logged an error."""
    yield from new_tab(request, browser, base_url, DESKTOP)


@pytest.fixture
def phone(request: pytest.FixtureRequest, browser: Browser, base_url: str) -> Iterator[Tab]:
    """A phone-sized page (375 px wide); the test fails if it left localhost or logged an error."""
    yield from new_tab(request, browser, base_url, PHONE)

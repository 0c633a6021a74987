"""What the browser tests share: the served site, a watched browser page, page types, axe and the keyboard.

Every page a test opens is watched: a request to any other host is blocked and recorded, and console errors,
uncaught exceptions and failed sub-resources are collected; a test fails when any of them happened.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any

from playwright.sync_api import ConsoleMessage, Page, Request, Response, Route

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "valid"
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"  # `npm ci --prefix tests/browser`
SCREENSHOTS = ROOT / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}
LANGS = ("nb", "en")
PAGE_TYPES = (
    "home",
    "schemes",
    "scheme",
    "scheme-year",
    "buyers",
    "buyer",
    "suppliers",
    "supplier",
    "awards",
    "awards-year",
    "indicators",
    "claims",
    "changes",
    "downloads",
    "about",
    "methodology",
    "contribute",
    "search",
    "explore",
    "404",
)
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RECORD_ID = re.compile(r"[A-Z]{2}-[A-Z0-9]+-[^/]+")  # an organisation id folder, not a "page-2" folder


def data_dir() -> Path:
    """The shipped data when it has records, else the small fixture: the tests follow what users get.

    DPS_BROWSER_DATA names another records folder to try the site with (a synthetic dataset, say).
    """
    if os.environ.get("DPS_BROWSER_DATA"):
        return Path(os.environ["DPS_BROWSER_DATA"])
    shipped = ROOT / "data"
    return shipped if any((shipped / "schemes").glob("*.yaml")) else FIXTURE


def host_headers(site: Path) -> list[tuple[str, str]]:
    """The headers the site asks its host to send with every file (its `_headers` file)."""
    lines = (site / "_headers").read_text(encoding="utf-8").splitlines()
    pairs = [line.strip().split(": ", 1) for line in lines if line.startswith("  ")]
    return [(name, value) for name, value in pairs]


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves the built site as a static host does: its own headers, and its 404 page for a missing path."""

    extra_headers: tuple[tuple[str, str], ...] = ()

    def end_headers(self) -> None:
        for name, value in self.extra_headers:
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        # Like hosts that serve the nearest 404.html: the English site has its own.
        page = Path(self.directory) / ("en/404.html" if self.path.startswith("/en/") else "404.html")
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # quiet: pytest shows failures, not access logs
        pass


@dataclass
class Tab:
    """A browser page on the served site that records what must never happen."""

    page: Page
    base: str
    outside: list[str] = field(default_factory=list)  # requests to another host (blocked)
    errors: list[str] = field(default_factory=list)  # exceptions, failed sub-resources
    console: list[tuple[str, str]] = field(default_factory=list)  # console errors: (text, url of the source)
    missing: set[str] = field(default_factory=set)  # pages answered by the 404 page

    def open(self, path: str) -> Response | None:
        """Open a path below the site root; returns once the page and its scripts have loaded."""
        return self.page.goto(self.base + path, wait_until="load")

    def path(self) -> str:
        """The current URL below the site root."""
        url = self.page.url
        assert url.startswith(self.base), url
        return url[len(self.base) :]

    def problems(self) -> list[str]:
        """Errors the browser reported, except the one it logs for a page answered by the 404 page."""
        logged = [
            f"console: {text} ({url})"
            for text, url in self.console
            if not (text.startswith("Failed to load resource") and url in self.missing)
        ]
        return self.errors + logged

    def assert_clean(self) -> None:
        """No request left localhost and the browser reported no error."""
        assert not self.outside, "requests left localhost:\n" + "\n".join(self.outside)
        problems = self.problems()
        assert not problems, "errors in the browser:\n" + "\n".join(problems)


def watch(page: Page, base: str) -> Tab:
    """Block and record requests to other hosts; collect console errors, exceptions and failed loads."""
    tab = Tab(page, base)

    def block(route: Route) -> None:
        tab.outside.append(route.request.url)
        route.abort("blockedbyclient")

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            tab.console.append((message.text, message.location.get("url", "")))

    def response(response: Response) -> None:
        # A missing page is the 404 page doing its job; a missing script, style or data file is a bug.
        if response.status == 404 and response.request.resource_type == "document":
            tab.missing.add(response.url)
        elif response.status >= 400:
            tab.errors.append(f"HTTP {response.status}: {response.url}")

    def failed(request: Request) -> None:
        # ERR_ABORTED is the browser cancelling a load still in flight when the page navigated
        # (the favicon, after Enter on a link); a missing or broken file fails as an HTTP status.
        if request.url.startswith(base) and request.failure != "net::ERR_ABORTED":
            tab.errors.append(f"failed: {request.url} ({request.failure})")

    page.route(lambda url: not url.startswith(base), block)
    page.on("console", console)
    page.on("pageerror", lambda error: tab.errors.append(f"exception: {error}"))
    page.on("response", response)
    page.on("requestfailed", failed)
    return tab


def page_paths(site: Path) -> dict[str, str]:
    """A path (below a language root) of each page type, picked from the built site."""

    def first(pattern: str, keep: Any = lambda folder: True) -> str:
        found = sorted(p.parent for p in site.glob(pattern) if keep(p.parent))
        assert found, f"the site has no page {pattern}"
        return found[0].relative_to(site).as_posix() + "/"

    def record(folder: Path) -> bool:
        return RECORD_ID.fullmatch(folder.name) is not None

    scheme_year = first("schemes/*/awards/*/index.html")  # a scheme with awards shows every part of its page
    return {
        "home": "",
        "schemes": "schemes/",
        "scheme": scheme_year.split("awards/")[0],
        "scheme-year": scheme_year,
        "buyers": "buyers/",
        "buyer": first("buyers/*/index.html", record),
        "suppliers": "suppliers/",
        "supplier": first("suppliers/*/index.html", record),
        "awards": "awards/",
        "awards-year": first("awards/[0-9][0-9][0-9][0-9]/index.html"),
        "indicators": "indicators/",
        "claims": "claims/",
        "changes": "changes/",
        "downloads": "downloads/",
        "about": "about/",
        "methodology": "methodology/",
        "contribute": "contribute/",
        "search": "search/",
        "explore": "explore/",
        "404": "no-such-page/",
    }


def screenshot(page: Page, name: str) -> None:
    """The page as a person sees it, into screenshots/NAME.png: the whole page, or its first 3,000 px if longer
    (a long list's remaining rows add nothing to review, and seconds to every run)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    width, height = page.evaluate("[document.documentElement.clientWidth, document.documentElement.scrollHeight]")
    clip = {"x": 0, "y": 0, "width": width, "height": min(height, 3000)}
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True, clip=clip)


def in_lang(path: str, lang: str) -> str:
    """The same page in a language: Norwegian at the root, English below en/."""
    return path if lang == "nb" else "en/" + path


def axe_violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.1 A and AA violations on the page, one line per rule and element.

    Each page gets axe as an init script of its browser context (see conftest): that is not governed by the
    page's Content-Security-Policy, which refuses script tags added to the page (they would show as errors).
    """
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_21_AA,
    )
    return [
        f"{v['id']} ({v['impact']}): {node['target']} {node['failureSummary']}".replace("\n", " ")
        for v in result["violations"]
        for node in v["nodes"]
    ]


def tab_to(page: Page, selector: str, limit: int = 150) -> int:
    """Press Tab until the focused element matches the selector; returns the number of presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement !== null && document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"{limit} presses of Tab never reached {selector} on {page.url}")


def focus_is_visible(page: Page) -> bool:
    """The focused element shows a focus indicator (an outline or a ring drawn as a box shadow)."""
    return page.evaluate(
        """() => {
          const style = getComputedStyle(document.activeElement);
          const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
          return outline || style.boxShadow !== 'none';
        }"""
    )


# Each chart (an svg.dps-chart, or an svg in a .dps-chart box) and what is wrong with it: it must be drawn,
# be an image with a title, and have its figures as text beside it (a table or a caption, in its box or next).
CHART_PROBLEMS = """() => Array.from(new Set(document.querySelectorAll('svg.dps-chart, .dps-chart svg'))).map(svg => {
  const box = svg.parentElement.closest('figure, .dps-chart') || svg.parentElement;
  const next = box.nextElementSibling;
  const title = svg.querySelector(':scope > title');
  const size = svg.getBoundingClientRect();
  const problems = [];
  if (svg.getAttribute('role') !== 'img') problems.push('not role=img');
  if (!title || !title.textContent.trim()) problems.push('no title');
  if (!(box.querySelector('table, figcaption') || (next && (next.matches('table') || next.querySelector('table')))))
    problems.push('no data table or caption beside it');
  if (!(size.width > 0 && size.height > 0)) problems.push('not drawn');
  return {title: title ? title.textContent.trim() : '', problems};
})"""


def charts(page: Page) -> list[dict[str, Any]]:
    """The page's charts: {title, problems}, problems empty for a chart with its text alternative."""
    return page.evaluate(CHART_PROBLEMS)

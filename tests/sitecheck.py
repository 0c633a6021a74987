"""Read a built site back: every page's links, assets and anchors, for the link check and the page tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlparse

LOCAL = "http://site.test/"
FETCHED_LINKS = ("stylesheet", "icon", "preload", "modulepreload")  # <link rel> a browser downloads


@dataclass
class PageLinks:
    links: list[str] = field(default_factory=list)  # href of <a>
    assets: list[str] = field(default_factory=list)  # src of scripts and images, href of stylesheets
    ids: set[str] = field(default_factory=set)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageLinks()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.page.ids.add(a["id"] or "")
        if tag == "a" and a.get("href"):
            self.page.links.append(a["href"] or "")
        elif tag in ("script", "img", "iframe", "source") and a.get("src"):
            self.page.assets.append(a["src"] or "")
        elif tag == "link" and a.get("href") and (a.get("rel") or "") in FETCHED_LINKS:
            self.page.assets.append(a["href"] or "")


def parse(path: Path) -> PageLinks:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.page


def html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


def target_file(site: Path, page: Path, href: str) -> tuple[Path | None, str]:
    """The file a relative link from page resolves to (None when external) and its fragment."""
    base = LOCAL + page.relative_to(site).as_posix()
    url, fragment = urldefrag(urljoin(base, href))
    if not url.startswith(LOCAL):
        return None, fragment
    path = site / unquote(urlparse(url).path[len("/") :])
    if url.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, fragment


def broken_links(site: Path) -> list[str]:
    """Every internal link or asset that points to nothing, and every fragment with no element of that id."""
    parsed = {page: parse(page) for page in html_files(site)}
    broken = []
    for page, found in parsed.items():
        for href in found.links + found.assets:
            if href.startswith(("mailto:", "tel:")):
                continue
            target, fragment = target_file(site, page, href)
            if target is None:
                continue
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {href}")
            elif fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else parse(target).ids
                if fragment not in ids:
                    broken.append(f"{page.relative_to(site)}: {href} (no id {fragment!r})")
    return broken


def third_party_requests(site: Path) -> list[str]:
    """Assets a browser would fetch from another host."""
    found = []
    for page in html_files(site):
        for src in parse(page).assets:
            if urlparse(src).scheme in ("http", "https") or src.startswith("//"):
                found.append(f"{page.relative_to(site)}: {src}")
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        for marker in ("url(http", "url(//", "url('http", 'url("http', "@import url(http"):
            if marker in text:
                found.append(f"{css.relative_to(site)}: {marker}")
    return found

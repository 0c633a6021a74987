"""The sitemap: every page, each naming its other language."""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path

from generator import routes
from generator.render.i18n import LANGUAGES


def write_sitemap(site: Path, site_url: str, pages: Iterable[str]) -> None:
    """site/sitemap.xml listing every page in every language (`pages`: paths below a language's root, the same in
    each language), sorted by address."""
    for lang in LANGUAGES:
        for stale in ("sitemap.xml", "sitemap.xml.gz"):
            (site / routes.in_language(stale, lang)).unlink(missing_ok=True)
    base = site_url.rstrip("/") + "/"

    def entry(page: str, lang: str) -> tuple[str, str]:
        # each page names itself and its other language, as search engines read hreflang from sitemaps
        hrefs = {other: html.escape(base + routes.in_language(page, other)) for other in LANGUAGES}
        alternates = "".join(f'<xhtml:link rel="alternate" hreflang="{o}" href="{href}"/>' for o, href in hrefs.items())
        url = routes.in_language(page, lang)
        return url, f"<url><loc>{html.escape(base + url)}</loc>{alternates}</url>\n"

    entries = sorted(entry(page, lang) for page in set(pages) for lang in LANGUAGES)
    (site / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
        f"{''.join(text for _, text in entries)}</urlset>\n",
        encoding="utf-8",
    )

"""The sitemap: every page, each naming its other language."""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path


def write_sitemap(site: Path, site_url: str, pages: Iterable[str]) -> None:
    """site/sitemap.xml listing every page (`pages`: paths below the site root, in either language)."""
    for stale in ("sitemap.xml", "sitemap.xml.gz", "en/sitemap.xml", "en/sitemap.xml.gz"):
        (site / stale).unlink(missing_ok=True)
    base = site_url.rstrip("/") + "/"

    def entry(url: str) -> str:
        # each page names itself and its other language, as search engines read hreflang from sitemaps
        nb = url.removeprefix("en/")
        alternates = "".join(
            f'<xhtml:link rel="alternate" hreflang="{lang}" href="{html.escape(base + path)}"/>'
            for lang, path in (("nb", nb), ("en", "en/" + nb))
        )
        return f"<url><loc>{html.escape(base + url)}</loc>{alternates}</url>\n"

    entries = "".join(entry(url) for url in sorted(set(pages)))
    (site / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
        f"{entries}</urlset>\n",
        encoding="utf-8",
    )

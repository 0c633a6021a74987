"""Render: the generated pages of one language, as HTML bodies with titles, one for each entry of the site's page
list (generator.routes.site_pages).

The record pages are made in `record_pages`, the sections' pages in `section_pages`, both with a `writer.PageWriter`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from generator.render import record_pages, section_pages
from generator.render.i18n import language
from generator.render.writer import Inputs, Page, PageWriter, shell_of
from generator.routes import Kind, SitePage

__all__ = ["Inputs", "Page", "Renderer", "render_pages", "shell_of"]

MAKERS: dict[Kind, Callable[[PageWriter, SitePage], Page]] = {
    "home": section_pages.home,
    "buyer-list": section_pages.buyer_list,
    "buyer": record_pages.buyer,
    "supplier-list": section_pages.supplier_list,
    "supplier": record_pages.supplier,
    "awards-index": section_pages.awards_index,
    "awards-year": section_pages.awards_year,
    "changes": section_pages.changes,
    "indicators": section_pages.indicators,
    "claims": section_pages.claims,
    "scheme-list": section_pages.scheme_list,
    "scheme": record_pages.scheme,
    "scheme-year": record_pages.scheme_year,
    "downloads": section_pages.downloads,
}


class Renderer(PageWriter):
    """Renders every generated page of one language."""

    def render(self, entry: SitePage) -> Page:
        return MAKERS[entry.kind](self, entry)


def render_pages(inputs: Inputs, lang: str, pages: Iterable[SitePage] | None = None) -> Iterator[Page]:
    """The generated pages of one language ("nb" or "en"): `pages` of the page list, or all of it."""
    renderer = Renderer(inputs, language(lang))
    return (renderer.render(entry) for entry in (inputs.pages if pages is None else pages))

"""The generated pages, written into the built site: in each language, a page whose key is unchanged linked from
the previous site, the others rendered and stamped into their depth's shell (generator.site.stamp)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from generator import routes, runtime
from generator.render import i18n
from generator.render.keys import PageSlices, page_keys
from generator.render.pages import Inputs, render_pages
from generator.routes import SitePage
from generator.site import recycle
from generator.site.previous import PreviousSite
from generator.site.stamp import Shells, link_unchanged, stamp


@dataclass(frozen=True)
class PagesWritten:
    pages: int
    rendered: int
    reused: int  # pages linked from the previous site, whether their key or their bytes were unchanged
    keys: dict[str, str]  # page path -> key, of the pages that have one


def language_root(site: Path, lang: str) -> Path:
    return site / routes.LANGUAGE_ROOTS[lang]


def write_pages(
    inputs: Inputs,
    pages: list[SitePage],
    *,
    site: Path,
    previous: PreviousSite | None,
    workers: int,
    slicer: PageSlices,
    ready: Callable[[], object] | None = None,
    prune_to: frozenset[str] | None = None,
) -> dict[str, PagesWritten]:
    """These pages in each language (what was written in each), one forked process per language (they inherit
    the inputs, nothing is pickled) at a lower priority than the export, which gets a core of its own; they start
    once `ready()` returns. What each page shows is digested here first, once for both languages.
    `prune_to`: every page path of the site, when the site holds the spare's page folders (generator.site.recycle),
    which are pruned to those pages first."""
    slices = {page.path: slicer.of(page) for page in pages}
    if ready is not None:
        ready()
    write = partial(_write_language, inputs, pages, slices, site, previous, prune_to)
    with runtime.map_forked(write, i18n.LANGUAGES, workers=min(workers, len(i18n.LANGUAGES)), nice=5) as results:
        return dict(zip(i18n.LANGUAGES, results, strict=True))


def _write_language(
    inputs: Inputs,
    pages: list[SitePage],
    slices: dict[str, str | None],
    site: Path,
    previous: PreviousSite | None,
    prune_to: frozenset[str] | None,
    lang: str,
) -> PagesWritten:
    """One language's pages: those whose key is unchanged linked from the previous site, the others rendered and
    stamped."""
    shells = Shells(language_root(site, lang))
    if prune_to is not None:
        recycle.prune(shells.built, prune_to)
    keys = page_keys(inputs, lang, slices, shells.digest)
    before = language_root(previous.path, lang) if previous is not None else None
    unchanged: list[str] = []
    if previous is not None and before is not None:
        old = previous.keys.get(lang, {})
        same = [path for path, key in keys.items() if key is not None and old.get(path) == key]
        unchanged = sorted(set(same) - set(link_unchanged(same, shells.built, before)))
    skip = set(unchanged)
    count, reused = stamp(render_pages(inputs, lang, [p for p in pages if p.path not in skip]), shells, before)
    known = {path: key for path, key in keys.items() if key is not None}
    return PagesWritten(count + len(unchanged), count, reused + len(unchanged), known)

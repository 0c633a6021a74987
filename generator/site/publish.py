"""Publishing what is made beside the pages: Pagefind's index of the search documents, the files made of the model
alone, the downloads, the sitemap and the hosts' headers, put in place in the built site before it is swapped in
(generator.site.swap)."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from generator import routes
from generator.site import BuildError, search_index
from generator.site.headers import write_host_headers
from generator.site.mkdocs import hand_written_pages
from generator.site.model_files import move_tree
from generator.site.sitemap import write_sitemap


def start_search_index(
    made: Path, work: Path, addresses: Collection[str], previous: Path | None = None, store: Path | None = None
) -> search_index.Indexing:
    """Pagefind indexing the search documents in `made` (generator.site.model_files; of the pages at `addresses`)
    into work/pagefind, in the background, starting from the index in `previous` (the published site's pagefind/
    folder) and keeping its fragments' addresses in `store` (generator.site.search_index);
    publish_beside_the_index waits for it.

    Pagefind holds its whole index in memory (1.35 GB nationally), so it is started only once the export's
    process, which holds copies of what it read of the data, has ended: started as soon as that process had set
    its end, it ran beside the page writers and the export still sending its result, and a national build peaked
    at 4.2 GB.
    """
    return search_index.start(made / "search", work / "pagefind", addresses, previous, store)


def publish_beside_the_index(
    indexer: search_index.Indexing,
    made: Path,
    work: Path,
    site: Path,
    root_url: str,
    page_paths: list[str],
    policy: str,
) -> None:
    """Pagefind's index (from `indexer`, see start_search_index; checked by search_index.finish) and, beside it,
    the files made of the model alone, the downloads (in work/downloads), the sitemap and the hosts' headers put
    in place."""
    move_tree(made / "site", site)
    _publish_files(work, site, root_url, page_paths, policy)
    failure = search_index.finish(indexer)
    if failure is not None:
        raise BuildError(f"pagefind failed:\n{failure}")
    (work / "pagefind").rename(site / "pagefind")
    # removed with the work folder: nationally 6,500 folders, a second of unlinking that nobody needs to wait for
    (made / "search").rename(work / "search documents")


def _publish_files(work: Path, site: Path, root_url: str, page_paths: list[str], policy: str) -> None:
    """The downloads, the sitemap and the hosts' headers."""
    for entry in (work / "downloads").iterdir():
        entry.rename(site / routes.DOWNLOADS / entry.name)
    write_sitemap(site, root_url, [*page_paths, *hand_written_pages("nb")])
    write_host_headers(site, policy)

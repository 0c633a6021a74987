"""The build plan: load → check (meanwhile the model, the indicators and, forked, the files made of the model alone:
search documents, name index, explorer, feeds, record files) → {downloads, pages per language} → {search index,
the pages that show the downloads} → {sitemap, headers} → publish.

Each stage is a plain function of another package; this module only says what runs when, and where: the processes,
their priority and the collector's pauses come from `generator.runtime`. mkdocs builds only the hand-written pages
and one "shell" page per section and depth (`generator.site.mkdocs`); the generated pages are stamped into the
built shell of their depth (`generator.site.stamp`). Everything is written into a temporary folder beside the
output and swapped in at the end, so a failed build leaves the previous site as it was.
"""

from __future__ import annotations

import contextlib
import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from markupsafe import Markup

from generator import routes, runtime, stored
from generator.authoring.history import recent_changes, record_history
from generator.check import validate_then
from generator.export.downloads import Part, with_manifest, write_ocds_files, write_tables
from generator.export.reuse import Shared, previous_export, save_state
from generator.indicators import Indicators, compute
from generator.load import Dataset
from generator.model import Model, build_model
from generator.ocds import DEFAULT_PREFIX, OcdsSettings
from generator.problems import Problem, has_errors
from generator.render import i18n, search
from generator.render.indicators import IndicatorViews
from generator.render.keys import PageSlices
from generator.render.pages import Inputs
from generator.routes import SHOWS_DOWNLOADS, SitePage
from generator.site import BuildError, recycle, search_index
from generator.site.headers import apply_policy
from generator.site.includes import fill_includes, rules_table
from generator.site.mkdocs import site_url_of, wait_mkdocs
from generator.site.model_files import ModelFiles
from generator.site.pages import language_root, write_pages
from generator.site.previous import Keys, previous_site, save_keys, store_of
from generator.site.publish import publish_beside_the_index, start_search_index
from generator.site.sources import record_files, repository_path
from generator.site.stamp import remove_shells
from generator.site.swap import swap_in
from generator.site.workspace import Workspace, start_workspace

# A site of this many pages has its previous version removed after the build and not by it: a national one's
# 300,000 files take longer to unlink than the rest of a rebuild.
DETACHED_FROM_PAGES = 10_000

ExportPart = Callable[[Dataset, Path, list[dict[str, Any]], Shared], Part]


@dataclass
class Timings:
    stages: dict[str, float] = field(default_factory=dict)
    pages: int = 0
    rendered: int = 0  # pages rendered; the others' keys were unchanged, and they were linked from the previous site
    reused: int = 0  # pages whose bytes were the previous site's, linked rather than written

    def timed(self, name: str, fn: Callable[[], object]) -> None:
        with self.stage(name):
            fn()

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time what runs inside as part of a stage (a stage may run in several turns)."""
        started = time.perf_counter()
        try:
            yield
        finally:
            self.stages[name] = self.stages.get(name, 0.0) + time.perf_counter() - started


@dataclass(frozen=True)
class Built:
    """What a build found and did: its problems, and the timings of a published site (None: nothing published)."""

    dataset: Dataset
    problems: list[Problem]
    timings: Timings | None


def build_plan(
    data_dir: Path,
    out: Path,
    *,
    site_url: str | None = None,
    repo_url: str | None = None,
    cache: Path | None = None,
    workers: int | None = None,
    ocid_prefix: str | None = None,
) -> Built:
    """The whole plan, from the record files to the published site. With errors nothing is published and out
    stays as it was. `workers=1` runs every stage in this process."""
    timings = Timings()
    out = out.resolve()
    workers = runtime.default_workers() if workers is None else workers
    keys_store = store_of(cache, out) if cache is not None else None
    # the keys of the files a rebuild may link unchanged from the published site are kept beside the pages'
    files_store = stored.beside(keys_store, "model-files") if keys_store is not None else None
    beside = ModelFiles(out, site_url_of(site_url), fork=workers > 1, store=files_store)
    workspace = start_workspace(out, site_url)
    # a published site without a spare (a first build's, or a failed build's) gets one while the records load,
    # which leaves a core idle: made after the first build instead, it ran beside the next build's busiest seconds
    spare = runtime.in_fork(recycle.make_spare, out, fork=workers > 1) if recycle.wanting(out, keys_store) else None
    handed = False
    # the forked writers share the loaded data with this process: the collector must not touch (so copy) it
    with runtime.freezing() as freeze:
        try:
            with timings.stage("load+check+indicators"):
                # the record files' copies start once they are read; the model, the files made of it alone and
                # the indicators are made while frictionless checks in its worker processes
                dataset, problems, computed = validate_then(
                    data_dir,
                    partial(_model_and_indicators, beside, freeze),
                    cache=cache,
                    workers=workers,
                    loaded=partial(_records_loaded, beside, freeze, spare),
                )
            if computed is None or has_errors(problems):
                return Built(dataset, problems, None)
            model, indicators = computed
            freeze()
            handed = True  # build_site removes the workspace
            build_site(
                model,
                out,
                site_url=site_url,
                repo_url=repo_url,
                problems=problems,
                indicators=indicators,
                workers=workers,
                timings=timings,
                keys_store=keys_store,
                export_parts=(write_tables, partial(write_ocds_files, ocds=ocds_settings(ocid_prefix, site_url))),
                model_files=beside,
                workspace=workspace,
                spare=spare,
            )
        finally:
            beside.discard()
            if not handed:
                workspace.discard()
    return Built(dataset, problems, timings)


def _records_loaded(
    beside: ModelFiles, freeze: Callable[[], None], spare: runtime.Pending[None] | None, dataset: Dataset
) -> None:
    """The records are read: out of the collector's sight (its first collection after the load's pause walked
    them all, 0.3 s nationally), and their files' copies started, once a spare being made is (`spare`)."""
    freeze()
    beside.start_sources(dataset, after=spare)


def _model_and_indicators(
    beside: ModelFiles, freeze: Callable[[], None], dataset: Dataset, problems: list[Problem]
) -> tuple[Model, Indicators] | None:
    """generator.indicators.model_and_indicators, with the files made of the model alone started in a forked
    process as soon as the model is made: on a rebuild the check leaves a core idle for them. Everything made is
    then frozen (runtime.freezing): the pages' processes share it."""
    if has_errors(problems):
        return None
    model = build_model(dataset)
    beside.start(model)
    made = model, compute(model, problems)
    freeze()
    return made


def ocds_settings(ocid_prefix: str | None, site_url: str | None) -> OcdsSettings:
    """The OCDS files' settings of a build: the prefix given (else the unregistered default), the site's address."""
    return OcdsSettings(prefix=ocid_prefix or DEFAULT_PREFIX, site_url=site_url_of(site_url))


def build_site(
    model: Model,
    out: Path,
    *,
    site_url: str | None = None,
    repo_url: str | None = None,
    problems: list[Problem] | None = None,
    indicators: Indicators | None = None,
    export_parts: Sequence[ExportPart] = (write_tables, write_ocds_files),
    extras: dict[str, Any] | None = None,
    workers: int | None = None,
    timings: Timings | None = None,
    keys_store: Path | None = None,
    model_files: ModelFiles | None = None,
    workspace: Workspace | None = None,
    spare: runtime.Pending[None] | None = None,
) -> Timings:
    """Build the whole site of a checked dataset's model into out (replaced only when everything succeeded).

    `indicators`: generator.indicators.compute(model, problems), when the caller has it already.
    `export_parts`: the downloads' parts (generator.export.downloads), written in turn in one forked process: a
    process per part measured 3.38 GB peak at national scale, against 2.93 GB for one.
    `keys_store`: where the pages' keys are kept (generator.site.previous), so that the next build renders only
    the pages whose key changed, and beside them the export's state, so that the next export takes what is
    unchanged from this one (generator.export.reuse); None: every page and download is made.
    `model_files`: the files made of the model alone, started already (see build_plan); None: started here.
    `workspace`: the build's folder, mkdocs started in it (start_workspace); None: made here. Removed at the end.
    `spare`: the making of the published site's spare (generator.site.recycle), started already; waited for here.
    """
    timings = timings or Timings()
    problems = problems or []
    workers = runtime.default_workers() if workers is None else workers
    out = out.resolve()
    workspace = workspace or start_workspace(out, site_url)  # first: it removes a killed build's leftovers
    own_files = model_files is None
    if model_files is None:
        model_files = ModelFiles(out, site_url_of(site_url), fork=workers > 1)
        model_files.start(model)
    previous = previous_site(out, keys_store)
    export_store = stored.beside(keys_store, "export") if keys_store is not None else None
    index_store = stored.beside(keys_store, "search-index") if keys_store is not None else None
    previous_downloads = previous_export(out / routes.DOWNLOADS, export_store) if export_store is not None else None
    shared = Shared(previous_downloads, today=model.as_of)
    keys: Keys = {lang: {} for lang in i18n.LANGUAGES}
    work = workspace.folder
    # the page folders of the site the previous build replaced (generator.site.recycle), if pages may be linked;
    # with no previous site, a spare left there (its site was deleted) is stale: removed with the work folder, so
    # that this build's own spare can take its place
    if spare is not None:
        with contextlib.suppress(runtime.ForkLost):  # a spare only saves time: the pages' folders are made anew
            spare.result()
    claimed = recycle.claim(out, work) if keys_store is not None else None
    taken = claimed if previous is not None else None
    exporter: runtime.Pending[list[Part]] | None = None
    indexer: search_index.Indexing | None = None
    work_left = True  # removed here, unless handed to a process of its own
    try:
        with timings.stage("indicators"):
            found = indicators if indicators is not None else compute(model, problems)
        with timings.stage("export"):  # written in forked processes beside the pages
            (work / "downloads").mkdir()
            exporter = runtime.in_fork(
                write_parts, export_parts, model.dataset, work / "downloads", found.rows, shared, fork=workers > 1
            )
        with timings.stage("pages"):
            inputs = page_inputs(model, found, problems, repo_url, extras or {})
        with timings.stage("site"):
            site = built_shells(work, workspace.mkdocs, inputs)
            policy = apply_policy(site)
            recycled = taken is not None and recycle.take_sections(taken, site)
        write = partial(
            _write_pages,
            inputs,
            timings,
            keys,
            site=site,
            previous=previous,
            workers=workers,
            slicer=PageSlices(inputs),
        )
        with timings.stage("pages"):
            # once the files made of the model alone are written: a process reading the whole model holds a
            # copy of what it reads, and five at once passed 3 GB nationally
            first = [page for page in inputs.pages if page.kind not in SHOWS_DOWNLOADS]
            page_paths = [page.path for page in inputs.pages]
            rendered_before = timings.rendered
            ready = partial(timings.timed, "pages: waiting for what must end first", model_files.finish)
            write(first, ready=ready, prune_to=frozenset(page_paths) if recycled else None)
            few_rendered = timings.rendered - rendered_before <= len(first) * len(i18n.LANGUAGES) // 10
        with timings.stage("export"):
            inputs.downloads = with_manifest(work / "downloads", exporter.result())
        timings.stages.update((f"export's {part}", took) for part, took in inputs.downloads.seconds)
        made, took = model_files.finish()
        timings.stages.update((f"beside: {kind}", seconds) for kind, seconds in took.items())
        # Pagefind reads only the search documents: it runs beside the last page writers if they render few pages
        # (a writer that renders holds copies of what it reads: a first build's peaked at 2.83 GB with it)
        # started from the published index, whose unchanged files it links, when this build keeps its keys
        previous_index = out / "pagefind" if index_store is not None else None
        index = partial(start_search_index, made, work, search.addresses(inputs.pages), previous_index, index_store)
        indexer = index() if few_rendered else None
        with timings.stage("pages"):
            write([page for page in inputs.pages if page.kind in SHOWS_DOWNLOADS])
            for lang in i18n.LANGUAGES:
                remove_shells(language_root(site, lang))
        indexer = indexer or index()
        with timings.stage("site and search index"):
            publish_beside_the_index(indexer, made, work, site, site_url_of(site_url), page_paths, policy)
        swap_in(site, out)
        if keys_store is not None:
            save_keys(keys_store, out, keys)
            if site.is_dir():  # the replaced site, whose page folders the next build takes (none replaced: the
                recycle.keep(site, out, work)  # next build makes them while it loads the records)
        if export_store is not None:
            save_state(export_store, out / routes.DOWNLOADS, inputs.downloads.states)
        if len(inputs.pages) >= DETACHED_FROM_PAGES:  # the work folder now holds the previous site
            runtime.remove_detached(work)
            work_left = False
    except runtime.ForkLost as lost:
        raise BuildError(f"the export failed: {lost}") from None
    finally:
        if exporter is not None:  # still running only if the build failed elsewhere
            exporter.stop()
        if indexer is not None and indexer.process.poll() is None:  # likewise
            indexer.process.kill()
            indexer.process.wait()
        workspace.stop()
        if work_left:
            shutil.rmtree(work, ignore_errors=True)
        if own_files:
            model_files.discard()
    return timings


def write_parts(
    parts: Sequence[ExportPart], dataset: Dataset, out: Path, indicators: list[dict[str, Any]], shared: Shared
) -> list[Part]:
    return [part(dataset, out, indicators, shared) for part in parts]


def page_inputs(
    model: Model, indicators: Indicators, problems: list[Problem], repo_url: str | None, extras: dict[str, Any]
) -> Inputs:
    """Everything the pages are made from but the downloads, computed once for both languages."""
    links, scheme_files = record_files(model.dataset)
    root = model.dataset.root
    return Inputs(
        model,
        history=record_history(root, root),
        changes=recent_changes(root, root),
        repo_url=repo_url,
        data_path=repository_path(root),
        extras=extras,
        indicators=IndicatorViews(indicators, problems, links),
        scheme_files=scheme_files,
    )


def built_shells(work: Path, mkdocs: dict[str, Any], inputs: Inputs) -> Path:
    """The site mkdocs built, both languages in one folder, the hand-written pages' includes filled in."""
    for lang, process in mkdocs.items():
        wait_mkdocs(process, lang)
    site = work / "site-nb"
    (work / "site-en").rename(language_root(site, "en"))
    for lang in i18n.LANGUAGES:
        includes = {
            "rules": rules_table(lang),
            "fictional": Markup()
            if inputs.ix.has_imported()
            else Markup('<p class="dps-note">{}</p>').format(i18n.word("fictional", lang)),
            "indicators": inputs.indicators.definitions_html(lang),
        }
        other = language_root(site, "en") if lang == "nb" else None  # the English site lies inside the Norwegian
        fill_includes(language_root(site, lang), includes, other_language=other)
    return site


def _write_pages(inputs: Inputs, timings: Timings, keys: Keys, pages: list[SitePage], **options: Any) -> None:
    """generator.site.pages.write_pages, counted in timings and its pages' keys added to `keys`."""
    for lang, written in write_pages(inputs, pages, **options).items():
        timings.pages += written.pages
        timings.rendered += written.rendered
        timings.reused += written.reused
        keys[lang].update(written.keys)

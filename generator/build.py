"""The build plan: checked records → model → {downloads, pages per language, search documents, feeds} → publish.

mkdocs builds only the hand-written pages of `site/docs/<lang>/` plus one "shell" page per section and depth
(`generator.site.mkdocs`); the generated pages are stamped into the built shell of their depth
(`generator.site.stamp`). Everything is written into a temporary folder beside the output and swapped in at the end,
so a failed build leaves the previous site as it was.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from multiprocessing.connection import wait as wait_for
from pathlib import Path
from typing import Any

from markupsafe import Markup

from generator import routes
from generator.authoring.history import recent_changes, record_history
from generator.check import validate_then
from generator.indicators import compute as compute_indicators
from generator.load import Dataset
from generator.model import build_model
from generator.problems import Problem, has_errors
from generator.render import i18n, search
from generator.render.feeds import all_feeds
from generator.render.indicators import IndicatorViews
from generator.render.pages import Inputs, render_pages
from generator.site import BuildError
from generator.site.headers import apply_policy, write_host_headers
from generator.site.includes import fill_includes, rules_table
from generator.site.mkdocs import hand_written_pages, site_url_of, start_mkdocs, wait_mkdocs, write_config, write_docs
from generator.site.sitemap import write_sitemap
from generator.site.sources import copy_sources, remove_leftovers, repository_path
from generator.site.stamp import stamp
from generator.site.swap import swap_in


@dataclass
class Timings:
    stages: dict[str, float] = field(default_factory=dict)
    pages: int = 0
    reused: int = 0  # pages whose bytes were the previous site's, linked rather than written

    def run(self, stage: str, started: float) -> None:
        self.stages[stage] = self.stages.get(stage, 0.0) + time.perf_counter() - started


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
) -> Built:
    """The whole plan: load → check (the indicators meanwhile) → model → {export, pages, search, feeds} → publish.

    With errors nothing is published and out stays as it was. `workers=1` runs every stage in this process.
    """
    started = time.perf_counter()
    # the indicators are computed while frictionless checks in its worker processes
    dataset, problems, indicators = validate_then(data_dir, compute_indicators, cache=cache, workers=workers)
    if has_errors(problems):
        return Built(dataset, problems, None)
    checked = time.perf_counter() - started
    timings = build_site(dataset, out, site_url=site_url, repo_url=repo_url, problems=problems, indicators=indicators)
    timings.stages = {"load+check+indicators": checked, **timings.stages}
    return Built(dataset, problems, timings)


FORK = "fork" in multiprocessing.get_all_start_methods()  # forked processes share the loaded data unpickled
_INPUTS: Inputs | None = None  # handed to the forked page writers without pickling


@dataclass
class ExportJob:
    """The downloads, written in a forked process beside the pages (then `done` is set)."""

    write_downloads: Any
    dataset: Any
    indicator_rows: list[Any]
    folder: Path
    done: Any  # a multiprocessing Event

    def run(self) -> Any:
        try:
            return self.write_downloads(self.dataset, self.folder, self.indicator_rows)
        finally:
            self.done.set()  # the page writers waiting for the manifest go on (and find none if this failed)


class Running:
    """An export job in a forked process."""

    def __init__(self, job: ExportJob) -> None:
        self.job = job
        self.receiver, sender = multiprocessing.Pipe(duplex=False)
        self.process = multiprocessing.get_context("fork").Process(target=self._child, args=(sender,), daemon=False)
        self.process.start()
        sender.close()
        # whichever way the process ends, the page writers waiting for `done` go on
        sentinel = self.process.sentinel  # ready when the process ends; waiting on it does not reap the process
        threading.Thread(target=lambda: (wait_for([sentinel]), job.done.set()), daemon=True).start()

    def _child(self, sender: Any) -> None:
        try:
            sender.send((True, self.job.run()))
        except BaseException as exc:  # handed to the parent, which raises it
            sender.send((False, exc))

    def result(self) -> Any:
        """The manifest, once the job is done; or the job's error raised here."""
        try:
            ok, value = self.receiver.recv()
        except EOFError:
            self.process.join()
            raise BuildError(f"the export process ended without a result (exit code {self.process.exitcode})") from None
        self.process.join()
        if not ok:
            raise value
        return value

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


class Done:
    """A finished export job, where there is no fork."""

    def __init__(self, job: ExportJob) -> None:
        self.manifest = job.run()

    def result(self) -> Any:
        return self.manifest

    def stop(self) -> None:
        pass


class ExportFailed(Exception):
    """The page writers found no manifest: the export failed (its own error is the one to report)."""


def exported(folder: Path, done: Any) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The manifest and datapackage.json the export writes into folder, once it has (done is set)."""
    done.wait()
    try:
        return _read_json(folder / "downloads.json"), _read_json(folder / "datapackage.json")
    except FileNotFoundError as exc:
        raise ExportFailed(str(exc)) from exc


def write_language(lang: str, site: Path, previous: Path | None = None) -> tuple[int, int]:
    """Fill the includes of one language's hand-written pages, then render and stamp its generated pages;
    returns (pages, pages unchanged since the previous site)."""
    assert _INPUTS is not None
    built = site if lang == "nb" else site / "en"
    includes = {
        "rules": rules_table(lang),
        "fictional": Markup('<p class="dps-note">{}</p>').format(i18n.t("fictional", lang)),
        **({"indicators": _INPUTS.indicators.definitions_html(lang)} if _INPUTS.indicators else {}),
    }
    fill_includes(built, includes, other_language=site / "en" if lang == "nb" else None)
    if previous is not None and lang != "nb":
        previous = previous / "en"
    return stamp(render_pages(_INPUTS, lang), built, previous)


def render_languages(
    inputs: Inputs, site: Path, meanwhile: Callable[[], object] | None = None, previous: Path | None = None
) -> tuple[int, int]:
    """Both languages at once, one forked process each (the inputs are shared copy-on-write, not pickled);
    `meanwhile()` runs here while they do. Returns (pages, pages unchanged since the previous site)."""
    global _INPUTS
    _INPUTS = inputs
    try:
        if not FORK:
            counts = [write_language(lang, site, previous) for lang in i18n.LANGUAGES]
            if meanwhile:
                meanwhile()
        else:
            n = len(i18n.LANGUAGES)
            # at a lower priority than the export, whose manifest the last pages wait for: it gets a core of its own
            with ProcessPoolExecutor(
                n, multiprocessing.get_context("fork"), initializer=os.nice, initargs=(5,)
            ) as pool:
                pending = pool.map(write_language, i18n.LANGUAGES, [site] * n, [previous] * n)  # submitted at once
                if meanwhile:
                    meanwhile()
                counts = list(pending)
        return sum(c for c, _ in counts), sum(r for _, r in counts)
    finally:
        _INPUTS = None


def build_site(
    dataset: Any,
    out: Path,
    *,
    site_url: str | None = None,
    repo_url: str | None = None,
    problems: list[Problem] | None = None,
    write_downloads: Any = None,
    extras: Any = None,
    indicators: Any = None,
) -> Timings:
    """Build the whole site from a checked dataset into out (replaced only when everything succeeded).

    `indicators`: generator.indicators.compute(dataset, problems), when the caller has it already.
    """
    from generator.export import write_downloads as default_write_downloads

    timings = Timings()
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    exporter: Running | Done | None = None
    try:
        started = time.perf_counter()
        processes = {}
        for lang in i18n.LANGUAGES:
            write_docs(lang, work / f"docs-{lang}")
            processes[lang] = start_mkdocs(write_config(lang, work, site_url))
        timings.run("site", started)

        started = time.perf_counter()
        found = indicators if indicators is not None else compute_indicators(dataset, problems or [])
        timings.run("indicators", started)

        started = time.perf_counter()
        ix = build_model(dataset)
        timings.run("pages", started)

        # the downloads are written in a forked process beside the pages
        started = time.perf_counter()
        (work / "downloads").mkdir()
        export_done = multiprocessing.get_context("fork" if FORK else None).Event()
        job = ExportJob(
            write_downloads or default_write_downloads, dataset, found.rows, work / "downloads", export_done
        )
        exporter = Running(job) if FORK else Done(job)
        timings.run("export", started)

        started = time.perf_counter()
        links, scheme_files = record_files(dataset)
        views = IndicatorViews(found, problems or [], links)
        timings.run("pages", started)

        started = time.perf_counter()
        inputs = Inputs(
            ix,
            partial(exported, work / "downloads", export_done),
            history=record_history(dataset.root, dataset.root),
            changes=recent_changes(dataset.root, dataset.root),
            repo_url=repo_url,
            data_path=repository_path(dataset.root),
            extras=extras or {},
            indicators=views,
            scheme_files=scheme_files,
        )
        timings.run("pages", started)

        started = time.perf_counter()
        for lang, process in processes.items():
            wait_mkdocs(process, lang)
        site = work / "site-nb"
        (work / "site-en").rename(site / "en")
        policy = apply_policy(site)
        timings.run("site", started)

        started = time.perf_counter()
        try:  # the search documents are written here meanwhile
            pages, reused = render_languages(
                inputs,
                site,
                partial(search.write_documents, ix, work / "search", inputs.pages),
                out if out.is_dir() else None,
            )
            timings.pages += pages
            timings.reused += reused
        except ExportFailed:
            exporter.result()  # raises the export's own error
            raise
        timings.run("pages", started)

        started = time.perf_counter()
        exporter.result()
        timings.run("export", started)

        # Pagefind holds the whole index in memory (1.6 GB at national scale), so it starts only now that the
        # forked writers, which each hold copies of the loaded data, are gone
        started = time.perf_counter()
        indexer = search.start_index(work / "search", work / "pagefind")
        try:
            # with a core to spare beside Pagefind: the record files and the feeds
            copy_sources(dataset.root, site / "data")
            root_url = site_url_of(site_url)
            for path, feed in all_feeds(dataset, root_url).items():
                (site / path).parent.mkdir(parents=True, exist_ok=True)
                (site / path).write_bytes(feed)
            for entry in (work / "downloads").iterdir():
                entry.rename(site / "downloads" / entry.name)
            pages = [*(page.path for page in inputs.pages), *hand_written_pages("nb")]
            write_sitemap(site, root_url, [routes.in_language(path, lang) for path in pages for lang in i18n.LANGUAGES])
            write_host_headers(site, policy)
        except BaseException:
            indexer.kill()
            indexer.wait()
            raise
        failure = search.finish_index(indexer)
        if failure is not None:
            raise BuildError(f"pagefind failed:\n{failure}")
        (work / "pagefind").rename(site / "pagefind")
        timings.run("site and search index", started)

        swap_in(site, out)
    finally:
        if exporter is not None:  # still running only if the build failed elsewhere
            exporter.stop()
        shutil.rmtree(work, ignore_errors=True)
    return timings


def record_files(dataset: Any) -> tuple[dict[str, tuple[str, str]], dict[str, set[str]]]:
    """Each record file's (label, page path), and per scheme the files that concern it (its own, its awards',
    its admitted suppliers'), so warnings can be counted and linked per scheme and buyer."""
    links: dict[str, tuple[str, str]] = {}
    concern: dict[str, set[str]] = {}
    for row in dataset.tables["schemes"]:
        v = row.values
        links[row.file] = (v["title"] or v["scheme_id"], routes.scheme(v["scheme_id"]))
        concern.setdefault(v["scheme_id"], set()).add(row.file)
    for row in dataset.tables["suppliers"]:
        v = row.values
        links[row.file] = (v["name"] or v["supplier_id"], routes.supplier(v["supplier_id"]))
    for row in dataset.tables["admissions"]:
        concern.setdefault(row.values["scheme_id"], set()).add(row.file)
    for row in dataset.tables["awards"]:
        v = row.values
        if v["invited"] is not None:
            links[row.file] = (
                v["title"] or v["award_id"],
                routes.award(v["scheme_id"], v["award_id"], v["invited"].year),
            )
        concern.setdefault(v["scheme_id"], set()).add(row.file)
    return links, concern


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))

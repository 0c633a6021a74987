"""Site: checked records → downloads, generated pages and a mkdocs-material site with a Pagefind index.

mkdocs builds only the hand-written pages of `site/docs/<lang>/` plus one "shell" page per section and depth; the
generated pages are stamped into the built shell of their depth (relative links in a built page depend only on its
depth). Everything is written into a temporary folder beside the output and swapped in at the end, so a failed build
leaves the previous site as it was.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from multiprocessing.connection import wait as wait_for
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup

from generator.authoring.history import recent_changes, record_history
from generator.check.rules import RULES
from generator.indicators import compute as compute_indicators
from generator.model import build_index
from generator.problems import Problem
from generator.render import i18n, search
from generator.render.feeds import all_feeds
from generator.render.indicators import IndicatorViews
from generator.render.pages import Inputs, Page, render_pages, shell_of
from generator.site.swap import swap_in

PROJECT = Path(__file__).resolve().parents[2]
CONFIGS = {"nb": PROJECT / "mkdocs.yml", "en": PROJECT / "site" / "mkdocs.en.yml"}
DOCS = PROJECT / "site" / "docs"
ASSETS = PROJECT / "site" / "assets"
OVERRIDES = PROJECT / "site" / "overrides"
SECTIONS = ("schemes", "buyers", "suppliers", "awards", "downloads", "indicators", "changes")
MAX_DEPTH = 4  # schemes/<id>/awards/<year>/ is the deepest generated page
SHELL_MARKERS = re.compile(r"@@(TITLE|DESCRIPTION|CONTENT|URL)@@")
INCLUDE = re.compile(r'<div class="dps-include" data-include="([a-z-]+)"></div>')
SHELL_PAGE = """---
title: "@@TITLE@@"
description: "@@DESCRIPTION@@"
hide:
  - toc
---
<div class="dps-page">@@CONTENT@@</div>
"""


class BuildError(Exception):
    """A stage of the build failed; the previous output is untouched."""


@dataclass
class Timings:
    stages: dict[str, float] = field(default_factory=dict)
    pages: int = 0
    reused: int = 0  # pages whose bytes were the previous site's, linked rather than written

    def run(self, stage: str, started: float) -> None:
        self.stages[stage] = self.stages.get(stage, 0.0) + time.perf_counter() - started


# --- mkdocs ------------------------------------------------------------------------------------


def shell_paths() -> list[str]:
    """Every shell a generated page may need: the home page, each section's index and its deeper shells."""
    paths = [""]
    for section in SECTIONS:
        paths.append(f"{section}/")
        paths += [section + "/_shell" * d + "/" for d in range(1, MAX_DEPTH)]
    return paths


def write_docs(lang: str, docs: Path) -> None:
    """The docs folder mkdocs builds: hand-written pages, our assets and the shells."""
    shutil.copytree(DOCS / lang, docs)
    shutil.copytree(ASSETS, docs / "assets" / "dps")
    for path in shell_paths():
        target = docs / path / "index.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        # the home page's navigation label is "Home"; its heading is the page's own title
        shell = SHELL_PAGE.replace("<div", "<h1>@@TITLE@@</h1>\n<div") if path == "" else SHELL_PAGE
        target.write_text(shell, encoding="utf-8")


def write_config(lang: str, work: Path, site_url: str | None) -> Path:
    config: dict[str, Any] = {
        "INHERIT": str(CONFIGS[lang]),
        "docs_dir": str(work / f"docs-{lang}"),
        "site_dir": str(work / f"site-{lang}"),
        "theme": {"name": "material", "custom_dir": str(OVERRIDES)},
    }
    root_url = site_url_of(site_url)
    config["site_url"] = root_url + ("en/" if lang == "en" else "")
    config["extra"] = {"dps": {"root_url": root_url}}
    path = work / f"mkdocs-{lang}.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=True), encoding="utf-8")
    return path


def start_mkdocs(config: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict", "--config-file", str(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def wait_mkdocs(process: subprocess.Popen[bytes], lang: str) -> None:
    output, _ = process.communicate()
    if process.returncode != 0:
        raise BuildError(f"mkdocs build ({lang}) failed:\n{output.decode('utf-8', 'replace')}")


# --- stamping ----------------------------------------------------------------------------------


LAYOUT_WHITESPACE = re.compile(r"\n\s+")


@dataclass(frozen=True)
class Shell:
    """A built shell page split at its markers: text parts and the marker names between them."""

    parts: tuple[str, ...]

    @classmethod
    def read(cls, built: Path, shell: str) -> Shell:
        text = (built / shell / "index.html").read_text(encoding="utf-8")
        # the theme's blank lines and indentation, repeated on every generated page, are a quarter of the shell's
        # bytes (kept where they are text: in a <pre> or <textarea>, which the shells do not have)
        if "<pre" not in text and "<textarea" not in text:
            text = LAYOUT_WHITESPACE.sub("\n", text)
        if shell.count("/") > 1:
            text = text.replace(shell, "@@URL@@")
        return cls(tuple(SHELL_MARKERS.split(text)))

    def fill(self, page: Page) -> str:
        values = {
            "TITLE": html.escape(page.title),
            "DESCRIPTION": html.escape(page.description),
            "CONTENT": page.body,
            "URL": page.path,
        }
        # split() with one group alternates text and marker name
        return "".join(part if i % 2 == 0 else values[part] for i, part in enumerate(self.parts))


def stamp(pages: Iterable[Page], built: Path, previous: Path | None = None) -> tuple[int, int]:
    """Write each page into its shell; return how many pages, and how many of them were the previous build's.

    A page whose bytes equal the same page of the previous site (at `previous`) is hard-linked to that file instead
    of written again: less to write now, and less to free when the previous site is removed. Nothing may write into
    a page file in place after this (it can be the published site's file); everything later writes new files.
    """
    shells: dict[str, Shell] = {}
    count = reused = 0
    for page in pages:
        shell = shells.get(shell_of(page.path))
        if shell is None:
            shell = shells[shell_of(page.path)] = Shell.read(built, shell_of(page.path))
        target = built / page.path / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        data = shell.fill(page).encode("utf-8")
        count += 1
        if previous is not None and _link_if_same(previous / page.path / "index.html", data, target):
            reused += 1
        else:
            target.write_bytes(data)
    for section in SECTIONS:
        shutil.rmtree(built / section / "_shell", ignore_errors=True)
    return count, reused


def _link_if_same(old: Path, data: bytes, target: Path) -> bool:
    """Hard-link target to old if old holds exactly data."""
    try:
        if os.stat(old).st_size != len(data):
            return False
        with open(old, "rb") as file:
            if file.read() != data:
                return False
        os.link(old, target)
    except OSError:  # no previous page, or no hard links here: the page is written instead
        return False
    return True


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


def rules_table(lang: str) -> Markup:
    head = (
        ("Regel", "Alvor", "Hva den sjekker", "Kilde")
        if lang == "nb"
        else ("Rule", "Severity", "What it checks", "Source")
    )
    rows = Markup("").join(
        Markup("<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>").format(
            r.id, r.severity, r.nb if lang == "nb" else r.en, r.source
        )
        for r in RULES.values()
    )
    header = Markup("").join(Markup("<th>{}</th>").format(h) for h in head)
    return Markup("<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table>").format(header, rows)


def fill_includes(built: Path, includes: dict[str, Markup], other_language: Path | None = None) -> None:
    """Replace include markers in one language's hand-written pages with generated HTML."""
    for folder, dirnames, filenames in os.walk(built):
        if other_language is not None:
            dirnames[:] = [d for d in dirnames if os.path.join(folder, d) != str(other_language)]
        for name in filenames:
            if name.endswith(".html"):
                _fill_includes_of(Path(folder, name), includes)


def _fill_includes_of(page: Path, includes: dict[str, Markup]) -> None:
    text = page.read_text(encoding="utf-8")
    if 'class="dps-include"' in text:
        page.write_text(INCLUDE.sub(lambda m: str(includes.get(m.group(1), "")), text), encoding="utf-8")


# --- content security policy ----------------------------------------------------------------------

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.S)
CHARSET = '<meta charset="utf-8">'


def content_security_policy(pages: Iterable[str]) -> str:
    """The policy the site lives with: everything from itself; the theme's few inline scripts allowed by hash.

    Pagefind runs WebAssembly ('wasm-unsafe-eval'); the theme sets style attributes ('unsafe-inline' for styles only).
    """
    hashes = sorted(
        {
            "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
            for page in pages
            for body in INLINE_SCRIPT.findall(page)
        }
    )
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'wasm-unsafe-eval' " + " ".join(hashes),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def apply_policy(built: Path) -> str:
    """Put the policy into every page mkdocs built (shells included, so generated pages inherit it)."""
    pages = {p: p.read_text(encoding="utf-8") for p in built.rglob("*.html")}
    policy = content_security_policy(pages.values())
    meta = f'{CHARSET}\n      <meta http-equiv="Content-Security-Policy" content="{html.escape(policy)}">'
    for path, text in pages.items():
        path.write_text(text.replace(CHARSET, meta, 1), encoding="utf-8")
    return policy


def write_host_headers(site: Path, policy: str) -> None:
    """Security headers for static hosts that read a headers file (Netlify, Cloudflare Pages: `_headers`).

    frame-ancestors only works as a header, so it is added here and not in the pages' meta tag.
    """
    headers = {
        "Content-Security-Policy": policy + "; frame-ancestors 'none'",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    }
    lines = ["/*"] + [f"  {name}: {value}" for name, value in headers.items()]
    (site / "_headers").write_text("\n".join(lines) + "\n", encoding="utf-8")
    vercel = {"headers": [{"source": "/(.*)", "headers": [{"key": k, "value": v} for k, v in headers.items()]}]}
    (site / "vercel.json").write_text(json.dumps(vercel, indent=2) + "\n", encoding="utf-8")


# --- the rest of the site ------------------------------------------------------------------------


def copy_sources(data_dir: Path, target: Path) -> None:
    """The record files, so every page's "source file" link works offline and shows the published version."""
    target.mkdir(parents=True, exist_ok=True)
    for folder in ("schemes", "suppliers", "awards"):
        if (data_dir / folder).is_dir():
            shutil.copytree(data_dir / folder, target / folder, copy_function=_link_or_copy)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def page_urls(site: Path) -> Iterator[str]:
    """Every page's path below the site root, sorted: folders holding index.html."""
    for folder, dirnames, filenames in os.walk(site):
        if folder == str(site):  # no pages among the record files and the search bundle
            dirnames[:] = [d for d in dirnames if d not in ("data", "pagefind")]
        dirnames.sort()
        if "index.html" in filenames:
            relative = Path(folder).relative_to(site).as_posix()
            if relative.startswith(("downloads/schemes", "data", "pagefind")):
                continue
            yield "" if relative == "." else relative + "/"


def write_sitemap(site: Path, site_url: str) -> None:
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

    entries = "".join(entry(url) for url in sorted(page_urls(site)))
    (site / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
        f"{entries}</urlset>\n",
        encoding="utf-8",
    )


def remove_leftovers(out: Path) -> None:
    """Temporary folders of builds that were killed before they could clean up."""
    for leftover in out.parent.glob(f".{out.name}-*"):
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)


def site_url_of(site_url: str | None) -> str:
    """The public address of the Norwegian site root, ending in a slash."""
    url = site_url or yaml.safe_load(CONFIGS["nb"].read_text(encoding="utf-8"))["site_url"]
    return url.rstrip("/") + "/"


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
        ix = build_index(dataset)
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
                inputs, site, partial(search.write_documents, ix, work / "search"), out if out.is_dir() else None
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
            write_sitemap(site, root_url)
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
        links[row.file] = (v["title"] or v["scheme_id"], f"schemes/{v['scheme_id']}/")
        concern.setdefault(v["scheme_id"], set()).add(row.file)
    for row in dataset.tables["suppliers"]:
        v = row.values
        links[row.file] = (v["name"] or v["supplier_id"], f"suppliers/{v['supplier_id']}/")
    for row in dataset.tables["admissions"]:
        concern.setdefault(row.values["scheme_id"], set()).add(row.file)
    for row in dataset.tables["awards"]:
        v = row.values
        if v["invited"] is not None:
            links[row.file] = (
                v["title"] or v["award_id"],
                f"schemes/{v['scheme_id']}/awards/{v['invited'].year}/#{v['award_id']}",
            )
        concern.setdefault(v["scheme_id"], set()).add(row.file)
    return links, concern


def repository_path(data_dir: Path) -> str:
    """The data folder's path inside its git repository ("data/"), for links to its history on the forge."""
    try:
        top = subprocess.run(
            ["git", "-C", str(data_dir), "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True
        ).stdout.strip()
        relative = data_dir.resolve().relative_to(Path(top).resolve()).as_posix()
    except (OSError, subprocess.CalledProcessError, ValueError):
        return "data/"
    return "" if relative == "." else relative + "/"


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))

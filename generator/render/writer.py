"""What every generated page of one language is made with: the inputs, the templates, and the page frame.

Pages are rendered with Jinja2 from `site/templates/` (autoescaped: record text is data, never markup) and later
stamped into the mkdocs-material "shell" page of the same depth by `generator.site.stamp`.
Each template gets `root` (the
way back to its language's root), `site_root` (to the site's root) and `dl_root` (to the downloads).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property, partial
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket
from markupsafe import Markup

from generator import routes
from generator.model import Model, total_value
from generator.render import fragments, i18n
from generator.render.fragments import e
from generator.render.i18n import Lang
from generator.routes import SitePage

TEMPLATES = Path(__file__).resolve().parents[2] / "site" / "templates"


@dataclass(frozen=True, slots=True)
class Page:
    """One generated page: its path below the language root ("" is home, "schemes/x/" a scheme)."""

    path: str
    title: str
    description: str
    body: str


@dataclass(frozen=True, slots=True)
class Pager:
    """The links between the pages of a list: (number, relative link) for each, and which one this is."""

    current: int
    links: list[tuple[int, str]]

    @property
    def count(self) -> int:
        return len(self.links)


def pager(entry: SitePage) -> Pager:
    root = routes.up(entry.path)
    return Pager(entry.number, [(number, root + path) for number, path in enumerate(entry.pages, start=1)])


SHELL_FOLDER = "_shell"  # a section's shell one level deeper (generator.site.mkdocs builds them): not a page


def shell_of(path: str) -> str:
    """The shell page a generated page is stamped into: its section's shell of the same depth.

    Relative links in a built page depend only on its depth, so any page can use a shell as deep as itself.

    >>> shell_of(""), shell_of("schemes/"), shell_of("schemes/x/"), shell_of("schemes/x/awards/2024/")
    ('', 'schemes/', 'schemes/_shell/', 'schemes/_shell/_shell/_shell/')
    """
    depth = routes.depth(path)
    if depth <= 1:
        return path
    return path.split("/", 1)[0] + f"/{SHELL_FOLDER}" * (depth - 1) + "/"


def file_size(n: int) -> str:
    """
    >>> file_size(999), file_size(2_500), file_size(3_400_000)
    ('999 B', '2.5 kB', '3.4 MB')
    """
    for unit, scale in (("MB", 1_000_000), ("kB", 1_000)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} B"


def web_link(url: str | None) -> Markup | None:
    """A link only for http(s) addresses: a `javascript:` or `data:` URL in a record stays inert text.

    >>> str(web_link("https://example.org/?a=1&b=2"))
    '<a href="https://example.org/?a=1&amp;b=2" rel="nofollow">https://example.org/?a=1&amp;b=2</a>'
    >>> str(web_link("javascript:alert(1)"))
    'javascript:alert(1)'
    """
    if url is None:
        return None
    if url.lower().startswith(("https://", "http://")):
        return Markup('<a href="{0}" rel="nofollow">{0}</a>').format(url)
    return Markup("{}").format(url)


class _CompiledTemplates(BytecodeCache):
    """The templates compiled once per process: each PageWriter has an environment of its own (its globals are one
    model's and one language's), and compiling every template again for each cost 0.13 s of CPU, twice per build.
    Jinja checks a bucket's source checksum, so a changed template is compiled again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def compile_templates() -> None:
    """Every template compiled into the process' cache, if it is not yet: the page writers of a build run in
    processes forked per language, which inherit what is compiled before the fork and lose what they compile."""
    if not _COMPILED.compiled:
        env = environment()
        for name in env.list_templates():
            env.get_template(name)


def environment() -> Environment:
    return Environment(
        bytecode_cache=_COMPILED,
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates do not change during a build: no stat() per page
    )


@dataclass
class Inputs:
    """Everything the pages are made from, computed once for both languages."""

    ix: Model
    # what the export wrote (generator.export.Written: its manifest and datapackage.json), for the pages that show
    # the downloads (routes.SHOWS_DOWNLOADS); None while the export is still running and those pages wait
    downloads: Any = None
    history: dict[str, Any] = field(default_factory=dict)  # record path -> generator.history.FileHistory
    changes: list[Any] = field(default_factory=list)  # generator.history.Change, newest first
    repo_url: str | None = None  # the forge's web address of the repository, for history links
    data_path: str = "data/"  # the data folder inside the repository
    extras: dict[str, Any] = field(default_factory=dict)
    indicators: Any = None  # generator.render.indicators.IndicatorViews
    scheme_files: dict[str, set[str]] = field(default_factory=dict)  # scheme -> record files that concern it
    pages: list[SitePage] = field(init=False)  # every generated page (routes.site_pages), the same in each language

    def __post_init__(self) -> None:
        self.pages = routes.site_pages(self.ix)
        compile_templates()  # here, before the page writers are forked


class PageWriter:
    """Writes pages of one language: the templates' environment and what several pages share."""

    def __init__(self, inputs: Inputs, lang: Lang):
        self.inputs = inputs
        self.ix = ix = inputs.ix
        self.history = inputs.history
        repo_url = (inputs.repo_url or "").rstrip("/")
        # a record's history on the forge is this followed by its path
        self.history_href = f"{e(repo_url)}/commits/HEAD/{e(inputs.data_path)}" if repo_url else None
        self.lang = lang
        self.env = environment()
        self.env.globals.update(
            ix=ix,
            routes=routes,
            word=partial(i18n.word, lang=lang),
            num=partial(i18n.number, lang=lang),
            money=partial(i18n.money, lang=lang),
            day=i18n.day,
            known=partial(i18n.known, lang=lang),
            source_links=partial(fragments.source_links, words=i18n.escaped_words(lang)),
            size=file_size,
            link=web_link,
            awards_table_html=partial(fragments.awards_table, ix, lang),
            facts=fragments.facts,
            value_of=total_value,
        )

    def word(self, key: str) -> str:
        return i18n.word(key, self.lang)

    def page(self, path: str, title: str, description: str, template: str, **context: Any) -> Page:
        site_root = routes.to_site_root(path, self.lang)
        body = self.env.get_template(template).render(
            root=routes.up(path),
            site_root=site_root,
            dl_root=site_root + routes.DOWNLOADS,
            **self.inputs.extras,
            **context,
        )
        return Page(path, title, description, body)

    @cached_property
    def downloads(self) -> list[dict[str, Any]]:
        if self.inputs.downloads is None:
            raise RuntimeError("a page that shows the downloads was rendered before the export was done")
        entries: list[dict[str, Any]] = self.inputs.downloads.entries
        return entries

    @cached_property
    def scheme_downloads(self) -> dict[str, list[dict[str, Any]]]:
        by_scheme: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for entry in self.downloads:
            if entry.get("scheme"):
                by_scheme[entry["scheme"]].append(entry)
        return by_scheme

    @cached_property
    def award_years(self) -> list[tuple[int, int, Decimal]]:
        """(year, awards, value in NOK) of every year, newest first: every award year page lists them all."""
        by_year = routes.by_year(list(self.ix.awards.values()))
        return [(year, len(awards), total_value(awards)) for year, awards in reversed(by_year.items())]

    def source_link(self, record_file: str, site_root: str) -> Markup:
        """The record's file in the site, when it was added and last changed, and its history on the forge."""
        # f-strings and e(), not Markup.format: every award card has one, 200,000 per language at national scale
        file = e(record_file)
        link = f'<a href="{e(site_root)}{routes.DATA}{file}">{file}</a>'
        seen = self.history.get(record_file)
        words = i18n.escaped_words(self.lang)
        if seen is not None:
            link += f" · {words['added']} {seen.added.isoformat()}, {words['last_changed']} {seen.changed.isoformat()}"
        if self.history_href:
            link += f' · <a href="{self.history_href}{file}" rel="nofollow">{words["history"]}</a>'
        return Markup(link)

    def panel(self, key: tuple[str, str | None], root: str, files: set[str] | None) -> Markup:
        """A scope's indicators: key figures, charts and compliance signals (nothing without indicators)."""
        views = self.inputs.indicators
        if views is None:
            return Markup()
        panel: Markup = views.panel(key, self.lang, root, self.ix.supplier_name, files if files is not None else set())
        return panel

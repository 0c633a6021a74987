"""Render: the generated pages of one language, as HTML bodies with titles, from the loaded records.

Pages are rendered with Jinja2 from `site/templates/` (autoescaped: record text is data, never markup) and later
stamped into the mkdocs-material "shell" page of the same depth by `generator.site.stamp`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property, partial
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from generator import schemas
from generator.model import Index, Values, supplier_totals, total_value
from generator.render import fragments, i18n
from generator.render.fragments import e

TEMPLATES = Path(__file__).resolve().parents[2] / "site" / "templates"
COMPARED = (
    "admitted-suppliers",
    "admission-days-median",
    "sme-share-value",
    "tenders-median",
    "single-tender-share",
    "top1-share",
)
ROWS_PER_PAGE = 500  # a list page of 500 rows stays well under 1 MB of HTML
LATEST = 50  # awards shown on a scheme or buyer page; the rest are on the year pages


@dataclass(frozen=True, slots=True)
class Page:
    """One generated page: its path below the language root ("" is home, "schemes/x/" a scheme)."""

    path: str
    title: str
    description: str
    body: str


@dataclass(frozen=True, slots=True)
class Pager:
    current: int
    links: list[tuple[int, str]]

    @property
    def count(self) -> int:
        return len(self.links)


def depth(path: str) -> int:
    """How many folders deep a page is below its language root.

    >>> depth(""), depth("schemes/"), depth("schemes/x/awards/2024/")
    (0, 1, 4)
    """
    return path.count("/")


def shell_of(path: str) -> str:
    """The shell page a generated page is stamped into: its section's shell of the same depth.

    Relative links in a built page depend only on its depth, so any page can use a shell as deep as itself.

    >>> shell_of(""), shell_of("schemes/"), shell_of("schemes/x/"), shell_of("schemes/x/awards/2024/")
    ('', 'schemes/', 'schemes/_shell/', 'schemes/_shell/_shell/_shell/')
    """
    if depth(path) <= 1:
        return path
    return path.split("/", 1)[0] + "/_shell" * (depth(path) - 1) + "/"


def chunks(items: list[Any], size: int = ROWS_PER_PAGE) -> list[list[Any]]:
    """Items split into pages; an empty list is one empty page.

    >>> [len(c) for c in chunks(list(range(1001)))]
    [500, 500, 1]
    """
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def paginated(base: str, items: list[Any]) -> Iterator[tuple[str, list[Any], Pager]]:
    """(path, rows, pager) per page: page 1 at base, page n at base/page-n/."""
    parts = chunks(items)
    paths = [base] + [f"{base}page-{n}/" for n in range(2, len(parts) + 1)]
    for n, (path, rows) in enumerate(zip(paths, parts, strict=True), start=1):
        root = "../" * depth(path)
        links = [(k, root + p) for k, p in enumerate(paths, start=1)]
        yield path, rows, Pager(n, links)


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


def grouped_admissions(admissions: list[Values], by: str) -> list[Values]:
    """One row per supplier (or scheme) and dates, its categories listed: a supplier admitted to five categories
    on one day is one row, not five."""
    groups: dict[tuple[Any, ...], list[str]] = {}
    for a in admissions:
        groups.setdefault((a[by], a["requested"], a["admitted"], a["left"]), []).append(a["category_id"])
    return [
        {by: key[0], "requested": key[1], "admitted": key[2], "left": key[3], "categories": ", ".join(categories)}
        for key, categories in groups.items()
    ]


def environment() -> Environment:
    return Environment(
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

    ix: Index
    # the manifest entries of generator.export and its datapackage.json; asked for only when the first page that
    # shows them is rendered, so the export can still be running while the other pages are
    export: Callable[[], tuple[list[dict[str, Any]], dict[str, Any]]]
    history: dict[str, Any] = field(default_factory=dict)  # record path -> generator.history.FileHistory
    changes: list[Any] = field(default_factory=list)  # generator.history.Change, newest first
    repo_url: str | None = None  # the forge's web address of the repository, for history links
    data_path: str = "data/"  # the data folder inside the repository
    extras: dict[str, Any] = field(default_factory=dict)
    indicators: Any = None  # generator.render.indicators.IndicatorViews
    scheme_files: dict[str, set[str]] = field(default_factory=dict)  # scheme -> record files that concern it


class Renderer:
    """Renders every generated page of one language."""

    def __init__(self, inputs: Inputs, lang: str):
        self.inputs = inputs
        self.ix = ix = inputs.ix
        self.history = inputs.history
        repo_url = (inputs.repo_url or "").rstrip("/")
        # a record's history on the forge is this followed by its path
        self.history_href = f"{e(repo_url)}/commits/HEAD/{e(inputs.data_path)}" if repo_url else None
        self.lang = lang
        self.extras = inputs.extras
        self.env = environment()
        self.env.globals.update(
            ix=ix,
            t=partial(i18n.t, lang=lang),
            num=partial(i18n.number, lang=lang),
            money=partial(i18n.money, lang=lang),
            day=i18n.day,
            size=file_size,
            link=web_link,
            awards_table_html=partial(fragments.awards_table, ix, lang),
            facts=fragments.facts,
            value_of=total_value,
        )

    @cached_property
    def downloads(self) -> list[dict[str, Any]]:
        return self.inputs.export()[0]

    @cached_property
    def scheme_downloads(self) -> dict[str, list[dict[str, Any]]]:
        by_scheme: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for entry in self.downloads:
            if entry.get("scheme"):
                by_scheme[entry["scheme"]].append(entry)
        return by_scheme

    def t(self, key: str) -> str:
        return i18n.t(key, self.lang)

    def page(self, path: str, title: str, description: str, template: str, **context: Any) -> Page:
        root = "../" * depth(path)
        site_root = root + ("../" if self.lang == "en" else "")
        body = self.env.get_template(template).render(
            root=root,
            site_root=site_root,
            dl_root=site_root + "downloads/",
            **self.extras,
            **context,
        )
        return Page(path, title, description, body)

    def source_link(self, path: str, site_root: str) -> Markup:
        """The record's file in the site, when it was added and last changed, and its history on the forge."""
        # f-strings and e(), not Markup.format: every award card has one, 200,000 per language at national scale
        file = e(path)
        link = f'<a href="{e(site_root)}data/{file}">{file}</a>'
        seen = self.history.get(path)
        if seen is not None:
            t = i18n.texts(self.lang)
            link += f" · {t['added']} {seen.added.isoformat()}, {t['last_changed']} {seen.changed.isoformat()}"
        if self.history_href:
            link += f' · <a href="{self.history_href}{file}" rel="nofollow">{i18n.texts(self.lang)["history"]}</a>'
        return Markup(link)

    # --- pages -----------------------------------------------------------------------------------

    def home(self) -> Page:
        ix = self.ix
        return self.page(
            "",
            self.t("home_title"),
            self.t("site_description"),
            "home.html",
            open_count=sum(ix.is_open(s) for s in ix.schemes.values()),
            total=total_value(list(ix.awards.values())),
            newest_schemes=sorted(ix.schemes.values(), key=lambda s: (s["published"], s["scheme_id"]), reverse=True)[
                :10
            ],
            newest_awards=list(ix.awards.values())[:10],
            extra_home=self.home_charts(),
        )

    def scheme_list(self) -> Iterator[Page]:
        schemes = list(self.ix.schemes.values())
        for path, rows, pager in paginated("schemes/", schemes):
            yield self.page(
                path, self.t("schemes"), self.t("schemes_intro"), "scheme_list.html", schemes=rows, pager=pager
            )

    def scheme(self, s: Values) -> Iterator[Page]:
        ix = self.ix
        scheme_id = s["scheme_id"]
        awards = ix.awards_by_scheme.get(scheme_id, [])
        admissions = ix.admissions_by_scheme.get(scheme_id, [])
        wins = Counter(w for a in awards for w in ix.winners.get((scheme_id, a["award_id"]), []))
        by_year: dict[int, list[Values]] = defaultdict(list)
        for a in awards:
            by_year[a["invited"].year].append(a)
        years = sorted((year, len(in_year)) for year, in_year in by_year.items())
        path = f"schemes/{scheme_id}/"
        site_root = "../" * depth(path) + ("../" if self.lang == "en" else "")
        categories = ix.categories.get(scheme_id, [])
        current = [a for a in admissions if a["left"] is None]
        yield self.page(
            path,
            s["title"],
            f"{s['buyer_name']} · {s['cpv']} · {self.t(s['status'])}",
            "scheme.html",
            s=s,
            categories=categories,
            category_counts=Counter(a["category_id"] for a in current),
            admitted_now=len({a["supplier_id"] for a in current}),
            admission_rows=fragments.scheme_admission_rows(
                ix, self.lang, "../" * depth(path), grouped_admissions(admissions, "supplier_id"), wins
            ),
            award_count=len(awards),
            years=years,
            latest_awards=awards[:LATEST],
            downloads=self.scheme_downloads.get(scheme_id, []),
            source_link=self.source_link(f"schemes/{scheme_id}.yaml", site_root),
            extra_scheme=self.panel(
                ("scheme", scheme_id), "../" * depth(path), self.inputs.scheme_files.get(scheme_id)
            ),
        )
        for year, in_year in sorted(by_year.items()):
            year_path = f"{path}awards/{year}/"
            year_root = "../" * depth(year_path) + ("../" if self.lang == "en" else "")
            yield self.page(
                year_path,
                f"{s['title']} – {self.t('awards')} {year}",
                f"{s['buyer_name']} · {len(in_year)} {self.t('n_awards')} {year}",
                "scheme_year.html",
                s=s,
                year=year,
                years=years,
                awards=in_year,
                cards=fragments.award_cards(
                    self.ix, self.lang, "../" * depth(year_path), year_root, in_year, self.source_link
                ),
            )

    def panel(self, key: tuple[str, str | None], root: str, files: set[str] | None) -> Markup:
        views = self.inputs.indicators
        if views is None:
            return Markup()
        return views.panel(key, self.lang, root, self.ix.supplier_name, files if files is not None else set())

    def home_charts(self) -> Markup:
        views = self.inputs.indicators
        if views is None:
            return Markup()
        return Markup('<h2>{}</h2><div class="dps-charts">{}</div><p><a href="indicators/">{} →</a></p>').format(
            self.t("indicators"),
            views.chart_figures(("overall", None), self.lang, self.ix.supplier_name),
            self.t("indicators"),
        )

    def buyer_files(self, buyer_id: str) -> set[str]:
        buyer = self.ix.buyers[buyer_id]
        files: set[str] = set()
        for s in buyer.schemes:
            files |= self.inputs.scheme_files.get(s["scheme_id"], set())
        return files

    def indicators_page(self) -> Page:
        views = self.inputs.indicators
        overall = views.panel(("overall", None), self.lang, "../", self.ix.supplier_name, None) if views else Markup()
        schemes = (
            [(s, views.latest.get(("scheme", s["scheme_id"]), {})) for s in self.ix.schemes.values()] if views else []
        )
        buyers = [(b, views.latest.get(("buyer", b.id), {})) for b in self.ix.buyers.values()] if views else []
        return self.page(
            "indicators/",
            self.t("indicators"),
            self.t("indicators_intro"),
            "indicators.html",
            overall=overall,
            schemes=schemes,
            buyers=buyers,
            columns=COMPARED,
            name=(lambda i: views.name(i, self.lang)) if views else str,
            cell=(lambda row, i: views.cell_text(row, i, self.lang)) if views else str,
        )

    def buyer_list(self) -> Iterator[Page]:
        buyers = sorted(self.ix.buyers.values(), key=lambda b: (b.name.casefold(), b.id))
        for path, rows, pager in paginated("buyers/", buyers):
            yield self.page(path, self.t("buyers"), self.t("buyers"), "buyer_list.html", buyers=rows, pager=pager)

    def buyer(self, buyer_id: str) -> Page:
        b = self.ix.buyers[buyer_id]
        return self.page(
            f"buyers/{buyer_id}/",
            b.name,
            f"{self.t('buyer')} · {buyer_id}",
            "buyer.html",
            b=b,
            total=total_value(b.awards),
            top=supplier_totals(self.ix, b.awards)[:10],
            latest_awards=b.awards[:LATEST],
            extra_buyer=self.panel(("buyer", buyer_id), "../../", self.buyer_files(buyer_id)),
        )

    def supplier_list(self) -> Iterator[Page]:
        suppliers = sorted(self.ix.suppliers.values(), key=lambda s: (s["name"].casefold(), s["supplier_id"]))
        for path, rows, pager in paginated("suppliers/", suppliers):
            yield self.page(
                path,
                self.t("suppliers"),
                self.t("suppliers"),
                "supplier_list.html",
                rows=fragments.supplier_list_rows(self.ix, self.lang, "../" * depth(path), rows),
                pager=pager,
            )

    def supplier(self, s: Values) -> Page:
        supplier_id = s["supplier_id"]
        path = f"suppliers/{supplier_id}/"
        site_root = "../" * depth(path) + ("../" if self.lang == "en" else "")
        won = self.ix.awards_by_supplier.get(supplier_id, [])
        totals = supplier_totals(self.ix, won)
        value = next((v for sid, _, v in totals if sid == supplier_id), Decimal(0))
        return self.page(
            path,
            s["name"],
            f"{self.t('supplier')} · {supplier_id}",
            "supplier.html",
            s=s,
            admission_rows=fragments.supplier_admission_rows(
                self.ix,
                "../" * depth(path),
                grouped_admissions(self.ix.admissions_by_supplier.get(supplier_id, []), "scheme_id"),
            ),
            won=won,
            won_shown=won[:ROWS_PER_PAGE],
            won_table=fragments.awards_table(self.ix, self.lang, "../" * depth(path), won[:ROWS_PER_PAGE]),
            value=value,
            source_link=self.source_link(f"suppliers/{supplier_id}.yaml", site_root),
        )

    def awards(self) -> Iterator[Page]:
        by_year: dict[int, list[Values]] = defaultdict(list)
        for a in self.ix.awards.values():
            by_year[a["invited"].year].append(a)
        years = [(y, len(rows), total_value(rows)) for y, rows in sorted(by_year.items(), reverse=True)]
        yield self.page("awards/", self.t("awards"), self.t("explorer_intro"), "awards_index.html", years=years)
        for year, rows in sorted(by_year.items()):
            for path, chunk, pager in paginated(f"awards/{year}/", rows):
                yield self.page(
                    path,
                    f"{self.t('awards')} {year}",
                    self.t("explorer_intro"),
                    "awards_year.html",
                    year=year,
                    years=years,
                    awards=chunk,
                    pager=pager,
                )

    def downloads_page(self, package: dict[str, Any]) -> Page:
        whole = [e for e in self.downloads if not e.get("scheme")]
        return self.page(
            "downloads/",
            self.t("downloads"),
            self.t("downloads_intro"),
            "downloads.html",
            entries=whole,
            licence=", ".join(lic.get("title", lic.get("name", "")) for lic in package.get("licenses", [])),
            version=package.get("version", ""),
            resources=[self.resource_doc(r) for r in schemas.RESOURCES],
        )

    def resource_doc(self, resource: str) -> dict[str, Any]:
        schema = schemas.table_schema(resource)
        key = set(schemas.primary_key(resource))

        def text(doc: dict[str, Any]) -> str:
            return doc.get("x-nb", {}).get("description", "") if self.lang == "nb" else doc.get("description", "")

        return {
            "name": resource,
            "description": text(schema),
            "fields": [
                {"name": f["name"], "type": f["type"], "description": text(f), "key": f["name"] in key}
                for f in schema["fields"]
            ],
        }

    def changes(self) -> Page:
        rows = [(c.date, c.kind, c.record, c.id, c.scheme, self._record_href(c)) for c in self.inputs.changes]
        return self.page(
            "changes/",
            self.t("changes"),
            self.t("changes_intro"),
            "changes.html",
            rows=rows,
            has_history=bool(self.history),
        )

    def _record_href(self, change: Any) -> str | None:
        """Where a changed record's page is now; None when it was removed or is not a record."""
        if change.kind == "deleted" or change.record is None:
            return None
        if change.record == "scheme" and change.id in self.ix.schemes:
            return f"../schemes/{change.id}/"
        if change.record == "supplier" and change.id in self.ix.suppliers:
            return f"../suppliers/{change.id}/"
        award = self.ix.awards.get((change.scheme, change.id))
        if change.record == "award" and award is not None:
            return f"../schemes/{change.scheme}/awards/{award['invited'].year}/#{change.id}"
        return None

    def all_pages(self) -> Iterator[Page]:
        # the pages that show downloads come last: the export may still be running until then
        yield self.home()
        yield from self.buyer_list()
        for buyer_id in self.ix.buyers:
            yield self.buyer(buyer_id)
        yield from self.supplier_list()
        for s in self.ix.suppliers.values():
            yield self.supplier(s)
        yield from self.awards()
        yield self.changes()
        yield self.indicators_page()
        yield from self.scheme_list()
        for s in self.ix.schemes.values():
            yield from self.scheme(s)
        yield self.downloads_page(self.inputs.export()[1])


def render_pages(inputs: Inputs, lang: str) -> Iterator[Page]:
    """Every generated page of one language."""
    return Renderer(inputs, lang).all_pages()

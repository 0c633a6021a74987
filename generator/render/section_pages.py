"""The pages of the site's sections: home, the lists, awards by year, changes, indicators and downloads."""

from __future__ import annotations

from functools import partial
from typing import Any

from markupsafe import Markup

from generator import routes, schemas
from generator.model import Model, total_value
from generator.model.facts import award_year
from generator.render import claims as claim_views
from generator.render import fragments
from generator.render.claim_verdicts import LIFE_YEARS
from generator.render.claim_words import shown
from generator.render.writer import Page, PageWriter, pager
from generator.routes import SitePage

COMPARED = (  # the indicators the schemes and buyers are compared by, side by side
    "admitted-suppliers",
    "admission-days-median",
    "sme-share-value",
    "tenders-median",
    "single-tender-share",
    "top1-share",
)


def home(writer: PageWriter, entry: SitePage) -> Page:
    ix = writer.ix
    return writer.page(
        entry.path,
        writer.word("home_title"),
        writer.word("site_description"),
        "home.html",
        open_count=sum(ix.is_open(s) for s in ix.schemes.values()),
        total=total_value(list(ix.awards.values())),
        # by publication: a scheme known only from call-offs, its publication unknown, is in the list of schemes
        newest_schemes=sorted(
            (s for s in ix.schemes.values() if s["published"] is not None),
            key=lambda s: (s["published"], s["scheme_id"]),
            reverse=True,
        )[:10],
        newest_awards=list(ix.awards.values())[:10],
        extra_home=home_charts(writer),
    )


def home_charts(writer: PageWriter) -> Markup:
    views = writer.inputs.indicators
    if views is None:
        return Markup()
    return Markup('<h2>{}</h2><div class="dps-charts">{}</div><p><a href="{}">{} →</a></p>').format(
        writer.word("indicators"),
        views.chart_figures(("overall", None), writer.lang, writer.ix.supplier_name),
        routes.INDICATORS,
        writer.word("indicators"),
    )


def scheme_list(writer: PageWriter, entry: SitePage) -> Page:
    return writer.page(
        entry.path,
        writer.word("schemes"),
        writer.word("schemes_intro"),
        "scheme_list.html",
        schemes=entry.rows,
        pager=pager(entry),
        claim_columns=claim_columns(writer),
        claim_cell=partial(claim_cell, writer),
    )


def claim_columns(writer: PageWriter) -> list[tuple[str, str]]:
    """The schemes list's columns of each claim's main measure, but the suppliers admitted (a column already):
    (heading, indicator id)."""
    views = writer.inputs.indicators
    if views is None:
        return []
    return [
        (f"{writer.word('claim_' + c.id)}: {views.name(c.main, writer.lang)}", c.main)
        for c in claim_views.CLAIMS
        if c.main != "admitted-suppliers"
    ]


def claim_cell(writer: PageWriter, scheme_id: str, indicator: str) -> tuple[str, str]:
    """A scheme's figure in the schemes list: (the value to sort by, empty when there is none; the text)."""
    views = writer.inputs.indicators
    row = views.latest.get(("scheme", scheme_id), {}).get(indicator) if views else None
    value = row["value"] if row is not None and row["value"] is not None else ""
    return str(value), shown(row, writer.lang)


def buyer_list(writer: PageWriter, entry: SitePage) -> Page:
    buyers = writer.word("buyers")
    return writer.page(
        entry.path,
        buyers,
        buyers,
        "buyer_list.html",
        buyers=entry.rows,
        pager=pager(entry),
        without_id=writer.ix.without_buyer_id(),
    )


def supplier_list(writer: PageWriter, entry: SitePage) -> Page:
    rows = fragments.supplier_list_rows(writer.ix, writer.lang, routes.up(entry.path), entry.rows)
    suppliers = writer.word("suppliers")
    return writer.page(entry.path, suppliers, suppliers, "supplier_list.html", rows=rows, pager=pager(entry))


def awards_index(writer: PageWriter, entry: SitePage) -> Page:
    return writer.page(
        entry.path,
        writer.word("awards"),
        writer.word("explorer_intro"),
        "awards_index.html",
        years=writer.award_years,
    )


def awards_year(writer: PageWriter, entry: SitePage) -> Page:
    return writer.page(
        entry.path,
        f"{writer.word('awards')} {entry.year}",
        writer.word("explorer_intro"),
        "awards_year.html",
        year=entry.year,
        years=writer.award_years,
        awards=entry.rows,
        pager=pager(entry),
    )


def changes(writer: PageWriter, entry: SitePage) -> Page:
    rows = [(c.date, c.kind, c.record, c.id, c.scheme, record_href(writer.ix, c)) for c in writer.inputs.changes]
    return writer.page(
        entry.path,
        writer.word("changes"),
        writer.word("changes_intro"),
        "changes.html",
        rows=rows,
        has_history=bool(writer.history),
    )


def record_href(ix: Model, change: Any) -> str | None:
    """Where a changed record's page is now, from the changes page; None when it was removed or is not a record."""
    if change.kind == "deleted" or change.record is None:
        return None
    back = routes.up(routes.CHANGES)
    if change.record == "scheme" and change.id in ix.schemes:
        return back + routes.scheme(change.id)
    if change.record == "supplier" and change.id in ix.suppliers:
        return back + routes.supplier(change.id)
    award = ix.awards.get((change.scheme, change.id))
    year = award_year(award) if award is not None else None
    if change.record == "award" and year is not None:
        return back + routes.award(change.scheme, change.id, year)
    return None


def indicators(writer: PageWriter, entry: SitePage) -> Page:
    views, lang, ix = writer.inputs.indicators, writer.lang, writer.ix
    root = routes.up(entry.path)
    overall = views.panel(("overall", None), lang, root, ix.supplier_name, None) if views else Markup()
    schemes = [(s, views.latest.get(("scheme", s["scheme_id"]), {})) for s in ix.schemes.values()] if views else []
    buyers = [(b, views.latest.get(("buyer", b.id), {})) for b in ix.buyers.values()] if views else []
    return writer.page(
        entry.path,
        writer.word("indicators"),
        writer.word("indicators_intro"),
        "indicators.html",
        overall=overall,
        red_flags=views.red_flags(lang, root) if views else Markup(),
        schemes=schemes,
        buyers=buyers,
        without_id=ix.without_buyer_id(),
        columns=COMPARED,
        name=(lambda i: views.name(i, lang)) if views else str,
        cell=(lambda row, i: views.cell_text(row, i, lang)) if views else str,
    )


def claims(writer: PageWriter, entry: SitePage) -> Page:
    """The three claims, checked, for all schemes: each claim's verdict, figures, chart and limits."""
    views, lang = writer.inputs.indicators, writer.lang
    overall = views.latest.get(("overall", None), {}) if views else {}
    life_years = views.by_life_year.get(("overall", None), {}).get(LIFE_YEARS, []) if views else []
    as_of = views.found.as_of if views else writer.ix.as_of
    return writer.page(
        entry.path,
        writer.word("claims_title"),
        writer.word("claims_intro"),
        "claims.html",
        sections=claim_views.sections(overall, lang, as_of, routes.up(entry.path), life_years),
        as_of=as_of,
    )


def downloads(writer: PageWriter, entry: SitePage) -> Page:
    """The downloads of the whole package, with its licence and version, and each table's fields."""
    entries = writer.downloads
    package: dict[str, Any] = writer.inputs.downloads.package
    return writer.page(
        entry.path,
        writer.word("downloads"),
        writer.word("downloads_intro"),
        "downloads.html",
        entries=[d for d in entries if not d.get("scheme")],
        licence=", ".join(lic.get("title", lic.get("name", "")) for lic in package.get("licenses", [])),
        version=package.get("version", ""),
        resources=[resource_doc(resource, writer.lang) for resource in schemas.RESOURCES],
    )


def resource_doc(resource: str, lang: str) -> dict[str, Any]:
    """A table's description and fields in a language, from its table schema."""
    schema = schemas.table_schema(resource)
    key = set(schemas.primary_key(resource))

    def text(doc: dict[str, Any]) -> str:
        described: str = doc.get("x-nb", {}).get("description", "") if lang == "nb" else doc.get("description", "")
        return described

    return {
        "name": resource,
        "description": text(schema),
        "fields": [
            {"name": f["name"], "type": f["type"], "description": text(f), "key": f["name"] in key}
            for f in schema["fields"]
        ],
    }

"""The pages of one record each: a scheme, its awards of a year, a supplier, a buyer."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

from generator import routes
from generator.model import Values, supplier_totals, total_value
from generator.render import claims, fragments
from generator.render.writer import Page, PageWriter
from generator.routes import ROWS_PER_PAGE, SitePage

LATEST = 50  # awards shown on a scheme or buyer page; the rest are on the year pages


def grouped_admissions(admissions: list[Values], by: str, unknown: str) -> list[Values]:
    """One row per supplier (or scheme) and dates, its categories listed: a supplier admitted to five categories
    on one day is one row, not five."""
    groups: dict[tuple[Any, ...], list[str]] = {}
    for a in admissions:
        key = (a[by], a["requested"], a["admitted"], a["admitted_by"], a["source"], a["left"])
        groups.setdefault(key, []).append(a["category_id"] or unknown)
    return [
        {
            by: key[0],
            "requested": key[1],
            "admitted": key[2],
            "admitted_by": key[3],
            "source": key[4],
            "left": key[5],
            "categories": ", ".join(categories),
        }
        for key, categories in groups.items()
    ]


def scheme_years(writer: PageWriter, scheme_id: str) -> list[tuple[int, int]]:
    """(year, awards invited that year) of a scheme: the links to its year pages."""
    by_year = routes.by_year(writer.ix.awards_by_scheme.get(scheme_id, []))
    return [(year, len(awards)) for year, awards in by_year.items()]


def scheme(writer: PageWriter, entry: SitePage) -> Page:
    ix, s, path = writer.ix, entry.record, entry.path
    scheme_id = s["scheme_id"]
    awards = ix.awards_by_scheme.get(scheme_id, [])
    admissions = ix.admissions_by_scheme.get(scheme_id, [])
    wins = Counter(w for a in awards for w in ix.winners.get((scheme_id, a["award_id"]), []))
    current = [a for a in admissions if a["left"] is None]
    unknown = writer.word("unknown")
    return writer.page(
        path,
        ix.scheme_name(s),
        " · ".join(
            [s["buyer_name"] or unknown, s["cpv"] or unknown, writer.word(s["status"]) if s["status"] else unknown]
        ),
        "scheme.html",
        s=s,
        categories=ix.categories.get(scheme_id, []),
        category_counts=Counter(a["category_id"] for a in current),
        admitted_now=len({a["supplier_id"] for a in current}),
        admission_rows=fragments.scheme_admission_rows(
            ix,
            writer.lang,
            routes.up(path),
            grouped_admissions(admissions, "supplier_id", writer.word("unknown")),
            wins,
        ),
        award_count=len(awards),
        years=scheme_years(writer, scheme_id),
        latest_awards=awards[:LATEST],
        downloads=writer.scheme_downloads.get(scheme_id, []),
        source_link=writer.source_link(routes.scheme_file(scheme_id), routes.to_site_root(path, writer.lang)),
        extra_scheme=writer.panel(("scheme", scheme_id), routes.up(path), writer.inputs.scheme_files.get(scheme_id)),
        claim_sections=scheme_claims(writer, s, routes.up(path)),
    )


def scheme_claims(writer: PageWriter, s: Values, root: str) -> list[claims.Section]:
    """The three claims for one scheme: its verdicts and figures beside comparable schemes' (none without
    indicators)."""
    views = writer.inputs.indicators
    if views is None:
        return []
    figures = views.latest.get(("scheme", s["scheme_id"]), {})
    return claims.scheme_sections(figures, writer.lang, views.found.as_of, root, s)


def scheme_year(writer: PageWriter, entry: SitePage) -> Page:
    """A scheme's awards invited in one year, each in full as the target of its permalink."""
    s, year, awards, path = entry.record, entry.year, entry.rows, entry.path
    return writer.page(
        path,
        f"{writer.ix.scheme_name(s)} – {writer.word('awards')} {year}",
        f"{s['buyer_name'] or writer.word('unknown')} · {len(awards)} {writer.word('n_awards')} {year}",
        "scheme_year.html",
        s=s,
        year=year,
        years=scheme_years(writer, s["scheme_id"]),
        awards=awards,
        cards=fragments.award_cards(
            writer.ix,
            writer.lang,
            routes.up(path),
            routes.to_site_root(path, writer.lang),
            awards,
            writer.source_link,
        ),
    )


def buyer_files(writer: PageWriter, buyer_id: str) -> set[str]:
    """The record files that concern a buyer's schemes."""
    files: set[str] = set()
    for s in writer.ix.buyers[buyer_id].schemes:
        files |= writer.inputs.scheme_files.get(s["scheme_id"], set())
    return files


def buyer(writer: PageWriter, entry: SitePage) -> Page:
    b, path = entry.record, entry.path
    return writer.page(
        path,
        b.name,
        f"{writer.word('buyer')} · {b.id}",
        "buyer.html",
        b=b,
        total=total_value(b.awards),
        top=supplier_totals(writer.ix, b.awards)[:10],
        latest_awards=b.awards[:LATEST],
        extra_buyer=writer.panel(("buyer", b.id), routes.up(path), buyer_files(writer, b.id)),
    )


def supplier(writer: PageWriter, entry: SitePage) -> Page:
    ix, s, path = writer.ix, entry.record, entry.path
    supplier_id = s["supplier_id"]
    won = ix.awards_by_supplier.get(supplier_id, [])
    totals = supplier_totals(ix, won)
    value = next((v for sid, _, v in totals if sid == supplier_id), Decimal(0))
    return writer.page(
        path,
        s["name"],
        f"{writer.word('supplier')} · {supplier_id}",
        "supplier.html",
        s=s,
        admission_rows=fragments.supplier_admission_rows(
            ix,
            writer.lang,
            routes.up(path),
            grouped_admissions(ix.admissions_by_supplier.get(supplier_id, []), "scheme_id", writer.word("unknown")),
        ),
        won=won,
        won_shown=won[:ROWS_PER_PAGE],
        won_table=fragments.awards_table(ix, writer.lang, routes.up(path), won[:ROWS_PER_PAGE]),
        value=value,
        source_link=writer.source_link(routes.supplier_file(supplier_id), routes.to_site_root(path, writer.lang)),
    )

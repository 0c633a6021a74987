"""The pieces every page repeats thousands of times at national scale: award rows and cards, admission and supplier
rows.

Written with f-strings and markupsafe's C escape instead of Jinja macros: a macro call costs about ten times as much,
and 200,000 awards appear on three pages each. Every record value goes through `e` (escape); links are `root`, the
page's way back to its language's root, followed by the page's path from generator.routes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal

from markupsafe import Markup, escape

from generator import routes
from generator.model import Model, Values
from generator.model.facts import award_year
from generator.render import i18n
from generator.render.i18n import Lang


def e(value: object) -> str:
    """Escaped as markupsafe escapes, byte for byte; a plain str by replace(), several times faster than escape().

    >>> e("<a href='x'>B & C</a>"), e('"'), e(Markup("<b>")), e(12)
    ('&lt;a href=&#39;x&#39;&gt;B &amp; C&lt;/a&gt;', '&#34;', '<b>', '12')
    """
    if type(value) is str:  # not Markup, which is escaped already
        return (
            value.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("'", "&#39;")
            .replace('"', "&#34;")
        )
    if type(value) is int or type(value) is Decimal:  # digits, sign and point need no escaping
        return str(value)
    return str(escape(value))  # Markup, dates, None


def award_href(root: str, a: Values) -> str:
    year = award_year(a)
    assert year is not None, "an award without invited or awarded is an award-date error"
    return root + routes.award(a["scheme_id"], a["award_id"], year)


def winner_links(ix: Model, root: str, a: Values) -> str:
    return ", ".join(
        f'<a href="{root}{routes.supplier(s)}">{e(ix.supplier_name(s))}</a>'
        for s in ix.winners.get((a["scheme_id"], a["award_id"]), [])
    )


def buyer_html(root: str, buyer_id: str | None, name: str | None, words: dict[str, str]) -> str:
    """A buyer linked to its page; one without an id has no page (none is made up): its name as text, or
    "unknown" (escaped)."""
    if buyer_id is not None:
        return f'<a href="{root}{routes.buyer(buyer_id)}">{e(name)}</a>'
    return e(name) if name else words["unknown"]


def _sort_value(value: object) -> str:
    return "" if value is None else e(value)


def awards_table(
    ix: Model,
    lang: Lang,
    root: str,
    awards: Iterable[Values],
    show_scheme: bool = True,
    show_buyer: bool = True,
    interactive: bool = True,
) -> Markup:
    """A sortable, filterable table of awards; each title links to the award's permalink."""
    words = i18n.escaped_words(lang)
    rows = []
    for a in awards:
        cancelled = f" ({words['cancelled_award']})" if a["status"] == "cancelled" else ""
        cells = [f'<tr><td><a href="{award_href(root, a)}">{e(a["title"])}</a>{cancelled}</td>']
        if show_scheme:
            scheme = ix.schemes[a["scheme_id"]]
            title = e(ix.scheme_name(scheme))
            cells.append(f'<td data-value="{title}"><a href="{root}{routes.scheme(a["scheme_id"])}">{title}</a></td>')
        if show_buyer:
            name = e(a["buyer_name"]) if a["buyer_name"] else words["unknown"]
            cells.append(f'<td data-value="{name}">{buyer_html(root, a["buyer_id"], a["buyer_name"], words)}</td>')
        tenders = i18n.number(a["tenders"], lang) if a["tenders"] is not None else words["unknown"]
        if a["invited_count"] is not None:
            tenders += f" / {i18n.number(a['invited_count'], lang)}"
        value = a["value_amount"]
        money = e(i18n.money(value, a["value_currency"], lang)) if value is not None else words["unknown"]
        cells.append(
            f"<td>{winner_links(ix, root, a)}</td><td>{_day_or_unknown(a['invited'], words)}</td>"
            f'<td data-value="{_sort_value(a["tenders"])}">{tenders}</td>'
            f'<td data-value="{_sort_value(value)}">{money}</td></tr>'
        )
        rows.append("".join(cells))
    if not rows:
        return Markup(f"<p>{words['none_yet']}</p>")
    head = [f'<th data-sort="text">{words["title"]}</th>']
    if show_scheme:
        head.append(f'<th data-sort="text" data-filter="select">{words["scheme"]}</th>')
    if show_buyer:
        head.append(f'<th data-sort="text" data-filter="select">{words["buyer"]}</th>')
    head.append(
        f'<th data-sort="text">{words["winners"]}</th><th data-sort="text">{words["invited"]}</th>'
        f'<th data-sort="number">{words["tenders"]}</th>'
        f'<th data-sort="number" data-filter="range">{words["value"]}</th>'
    )
    table = " data-dps-table" if interactive else ""
    return Markup(
        f"<table{table}>\n<thead><tr>{''.join(head)}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody></table>"
    )


def _day_or_unknown(value: date | None, words: dict[str, str]) -> str:
    """A date a record may not know (an award notice need not give the invitation, nor the tender deadline; no
    notice gives a request to participate): "unknown", not "–", which the pages keep for "none" (not left)."""
    return words["unknown"] if value is None else i18n.day(value)


def source_links(sources: Iterable[Values], words: dict[str, str]) -> Markup | None:
    """The notices a record was imported from, each linked to where it is published (escaped); None: written by
    people."""
    items = []
    for n in sources:
        notice = e(n["notice"])
        item = f'<a href="{e(n["url"])}">{notice}</a>' if n["url"] else str(notice)
        if n["version"]:
            item += f" ({words['notice_version']} {e(n['version'])})"
        if n["published"]:
            item += f", {i18n.day(n['published'])}"
        items.append(item)
    return Markup("; ".join(items)) if items else None


def admitted_text(admitted: date | None, bound: date | None, source: str | None, words: dict[str, str]) -> str:
    """When an admission began: its day, or "no later than D (inferred from call-off N)" (escaped)."""
    if admitted is not None or bound is None:
        return i18n.day(admitted)
    inferred = f" ({words['inferred_from']} {e(source)})" if source else ""
    return f"{words['admitted_by']} {i18n.day(bound)}{inferred}"


def str_or_none(value: Markup | None) -> str | None:
    return None if value is None else str(value)


def _facts(items: list[tuple[str, str | None]]) -> str:
    """A definition list; items whose value is None are left out. Values are already escaped HTML."""
    return (
        '<dl class="dps-facts">'
        + "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in items if value is not None)
        + "</dl>"
    )


def facts(items: Iterable[tuple[str, object]]) -> Markup:
    """Facts of a scheme, supplier or buyer page: labels and values escaped (Markup kept), None values left out."""
    return Markup(_facts([(e(label), e(value)) for label, value in items if value is not None]))


def award_cards(
    ix: Model, lang: Lang, root: str, site_root: str, awards: Iterable[Values], provenance: Callable[[str, str], Markup]
) -> Markup:
    """Each award in full, as the target of its permalink (`#<award-id>`)."""
    words = i18n.escaped_words(lang)
    cards = []
    for a in awards:
        award_id = e(a["award_id"])
        cancelled = f" ({words['cancelled_award']})" if a["status"] == "cancelled" else ""
        description = f'<p class="dps-text">{e(a["description"])}</p>' if a["description"] else ""
        tenders = None
        if a["tenders"] is not None:
            invited = a["invited_count"]
            invited_text = words["unknown"] if invited is None else i18n.number(invited, lang)
            tenders = f"{i18n.number(a['tenders'], lang)} / {invited_text} {words['invited_lc']}"
        # what people search by is indexed; dates and figures are not (a national index would be gigabytes)
        named = [
            (words["award_id"], award_id),
            (words["buyer"], buyer_html(root, a["buyer_id"], a["buyer_name"], words)),
            (words["category"], e(a["category_id"]) if a["category_id"] is not None else words["unknown"]),
            (words["cpv"], e(a["cpv"]) if a["cpv"] else None),
            (words["winners"], winner_links(ix, root, a) or None),
        ]
        facts = [
            (words["invited"], _day_or_unknown(a["invited"], words)),
            (words["tender_deadline"], _day_or_unknown(a["tender_deadline"], words)),
            (words["awarded"], _day_or_unknown(a["awarded"], words)),
            (words["tenders"], tenders),
            (words["sme_tenders"], i18n.number(a["sme_tenders"], lang) if a["sme_tenders"] is not None else None),
            (
                words["value"],
                e(i18n.money(a["value_amount"], a["value_currency"], lang)) if a["value_amount"] is not None else None,
            ),
            (
                words["contract"],
                f"{_day_or_unknown(a['contract_start'], words)} – {_day_or_unknown(a['contract_end'], words)}"
                if a["contract_start"] or a["contract_end"]
                else None,
            ),
            ("Doffin", e(a["doffin_notice"]) if a["doffin_notice"] else None),
            ("TED", e(a["ted_notice"]) if a["ted_notice"] else None),
            (
                words["sources"],
                str_or_none(source_links(ix.award_sources.get((a["scheme_id"], a["award_id"]), []), words)),
            ),
            (words["source_yaml"], str(provenance(routes.award_file(a["scheme_id"], a["award_id"]), site_root))),
        ]
        cards.append(
            f'<section class="dps-award" id="{award_id}">\n'
            f'<h2 id="h-{award_id}"><a href="#{routes.segment(a["award_id"])}">{e(a["title"])}</a>{cancelled}</h2>\n'
            f"{description}{_facts(named)}{_facts(facts)}\n</section>"
        )
    return Markup("\n".join(cards))


def scheme_admission_rows(
    ix: Model, lang: Lang, root: str, admissions: Iterable[Values], wins: dict[str, int]
) -> Markup:
    """A scheme's admitted suppliers (rows of grouped admissions), with the awards each has won in the scheme."""
    words = i18n.escaped_words(lang)
    day = i18n.day
    rows = []
    for a in admissions:
        supplier = a["supplier_id"]
        name = e(ix.supplier_name(supplier))
        won = wins.get(supplier, 0)
        rows.append(
            f'<tr><td data-value="{name}"><a href="{root}{routes.supplier(supplier)}">{name}</a></td>\n'
            f"<td>{words[ix.suppliers[supplier]['size'] or 'unknown']}</td>\n"
            f"<td>{e(a['categories'])}</td>\n"
            f"<td>{_day_or_unknown(a['requested'], words)}</td>"
            f"<td>{admitted_text(a['admitted'], a['admitted_by'], a['source'], words)}</td>"
            f"<td>{day(a['left'])}</td>\n"
            f'<td data-value="{won}">{i18n.number(won, lang)}</td></tr>'
        )
    return Markup("".join(rows))


def supplier_admission_rows(ix: Model, lang: Lang, root: str, admissions: Iterable[Values]) -> Markup:
    """A supplier's schemes (rows of grouped admissions) with their buyers."""
    words = i18n.escaped_words(lang)
    day = i18n.day
    rows = []
    for a in admissions:
        s = ix.schemes[a["scheme_id"]]
        title = e(ix.scheme_name(s))
        buyer = e(s["buyer_name"]) if s["buyer_name"] else words["unknown"]
        buyer_cell = f'<td data-value="{buyer}">{buyer_html(root, s["buyer_id"], s["buyer_name"], words)}</td>'
        admitted = admitted_text(a["admitted"], a["admitted_by"], a["source"], words)
        rows.append(
            f'<tr><td data-value="{title}"><a href="{root}{routes.scheme(s["scheme_id"])}">{title}</a></td>'
            f"{buyer_cell}<td>{e(a['categories'])}</td><td>{_day_or_unknown(a['requested'], words)}</td>"
            f"<td>{admitted}</td>"
            f"<td>{day(a['left'])}</td></tr>"
        )
    return Markup("".join(rows))


def supplier_list_rows(ix: Model, lang: Lang, root: str, suppliers: Iterable[Values]) -> Markup:
    """Suppliers with their size, country, and how many schemes they are in and awards they have won."""
    words = i18n.escaped_words(lang)
    rows = []
    for s in suppliers:
        supplier = e(s["supplier_id"])
        name = e(ix.supplier_name(s["supplier_id"]))
        schemes = ix.scheme_count(s["supplier_id"])
        won = len(ix.awards_by_supplier.get(s["supplier_id"], []))
        rows.append(
            f'<tr><td data-value="{e(s["name"])}"><a href="{root}{routes.supplier(s["supplier_id"])}">{name}</a></td>'
            f"<td>{supplier}</td><td>{words[s['size'] or 'unknown']}</td>"
            f"<td>{e(s['country']) if s['country'] else words['unknown']}</td>\n"
            f'<td data-value="{schemes}">{i18n.number(schemes, lang)}</td>\n'
            f'<td data-value="{won}">{i18n.number(won, lang)}</td></tr>'
        )
    return Markup("".join(rows))

"""Feeds: Atom 1.0 documents of new schemes, awards and admissions, overall and per scheme.

Pure functions from the loaded rows to bytes. The same data gives the same bytes: a
feed's `updated` is its newest entry's date, never the clock. Text goes through
XML escaping: a title with `<script>` stays text. Written in Norwegian,
like the site's main language, and linked to the Norwegian pages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache, partial
from itertools import chain
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar
from xml.sax.saxutils import escape

from generator import routes
from generator.load import IMPLICIT_CATEGORY
from generator.model import Model
from generator.model.facts import award_year
from generator.render.keys import digest
from generator.runtime import collection_paused

if TYPE_CHECKING:  # model_files imports this module
    from generator.site.model_files import Kept

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 100
SITE_NAME = "DPS åpenhet"
EPOCH = date(1970, 1, 1)  # `updated` of a feed without entries from data without dates
_TITLES = {"schemes": "Nye ordninger", "awards": "Nye tildelinger", "admissions": "Nye opptak av leverandører"}


@dataclass(frozen=True)
class Entry:
    id: str  # a permanent IRI: the record's page, with a fragment where one page shows several
    title: str
    updated: date
    link: str
    summary: str
    author: str


feed_path = routes.feed  # where a feed lives below the site root


def _stamp(day: date) -> str:
    return day.isoformat() + "T00:00:00Z"


def _amount(value: Decimal | None, currency: str | None) -> str | None:
    if value is None:
        return None
    digits = format(value, ",f").replace(",", "\u00a0").replace(".", ",")
    return f"{digits} {currency or ''}".strip()


def _text(value: str) -> str:
    """Element text escaped as ElementTree escapes it: & < >. Other characters pass as they are (the loader refuses
    control characters, so none reach a feed). saxutils.escape does the same, and more slowly (a
    third more time) through its empty dict of further entities, for the half million texts of a national site."""
    return value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


# An attribute value as ElementTree escapes it: also quotes, and tab and line breaks as character references.
_ATTRIBUTE_ENTITIES = {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"}


def _attribute(value: str) -> str:
    return escape(value, _ATTRIBUTE_ENTITIES)


def _element(tag: str, text: str | None) -> str:
    # as ElementTree writes it: no text (None or empty) gives an empty-element tag
    return f"<{tag}>{_text(text)}</{tag}>" if text else f"<{tag} />"


def _entry_xml(entry: Entry) -> str:
    return (
        f"  <entry>\n    {_element('id', entry.id)}\n    {_element('title', entry.title)}\n"
        f"    <updated>{_stamp(entry.updated)}</updated>\n"
        f'    <link rel="alternate" type="text/html" href="{_attribute(entry.link)}" />\n'
        f"    <author>\n      {_element('name', entry.author)}\n    </author>\n"
        f"    {_element('summary', entry.summary)}\n  </entry>\n"
    )


def atom_feed(feed_id_url: str, title: str, entries: list[Entry], updated: date, home_url: str | None = None) -> bytes:
    """An Atom 1.0 document (UTF-8 bytes) holding the entries in the order given, indented by two spaces a level.

    Written as text, not through ElementTree (several times faster), with ElementTree's escaping and layout.

    >>> print(atom_feed("https://x.org/a.xml", "A <b>", [], date(2024, 1, 2)).decode().splitlines()[3])
      <title>A &lt;b&gt;</title>
    """
    alternate = f'  <link rel="alternate" type="text/html" href="{_attribute(home_url)}" />\n' if home_url else ""
    head = (
        f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="{ATOM}" xml:lang="nb">\n'
        f"  {_element('id', feed_id_url)}\n  {_element('title', title)}\n  <updated>{_stamp(updated)}</updated>\n"
        f'  <link rel="self" type="application/atom+xml" href="{_attribute(feed_id_url)}" />\n{alternate}'
        f"  <author>\n    {_element('name', SITE_NAME)}\n  </author>\n"
    )
    return "".join([head, *map(_entry_xml, entries), "</feed>\n"]).encode("utf-8")


class Lazy(NamedTuple):
    """A record's entry before it is made: its place in a feed. Most records are in no feed (each shows its
    newest hundred), so an entry's text is made only for those shown."""

    updated: date
    id: str
    make: Callable[[], Entry]
    reads: Callable[[], str]  # what the entry is made of that its feed's scheme is not, for the feed's key


Grouped = dict[str, list[Lazy]]  # a kind's records by scheme id (those that may be shown), in the order of the data
_Row = Any  # what a record's entry is made of
_Dated = TypeVar("_Dated", Entry, Lazy)


def _newest(items: Iterable[_Dated]) -> list[_Dated]:
    """The newest hundred, newest first, equal dates by id: two stable sorts on plain attributes (faster than one
    on built tuples)."""
    ordered = sorted(items, key=attrgetter("id"))
    ordered.sort(key=attrgetter("updated"), reverse=True)  # a reversed sort keeps equal items in order too
    return ordered[:MAX_ENTRIES]


def _updated(entries: list[Entry], model: Model, scheme_id: str | None) -> date:
    """The newest entry's date; for an empty feed the publication date of its scheme (or the newest of all)."""
    if entries:
        return max(e.updated for e in entries)
    schemes = [s for s in model.schemes.values() if scheme_id in (None, s["scheme_id"])]
    return max((s["published"] for s in schemes if s["published"]), default=EPOCH)


_STATUS = {"pending": "ikke startet", "active": "aktiv", "cancelled": "avlyst", "terminated": "avsluttet"}


def _scheme_entry(s: dict[str, Any], link: str) -> Entry:
    start = s["valid_from"] or "ukjent dato"  # a set-up notice may not give it (BT-536): unknown, not "None"
    period = f"gyldig fra {start}" + (f" til {s['valid_to']}" if s["valid_to"] else ", uten sluttdato")
    status = _STATUS.get(s["status"], s["status"])
    summary = f"{s['buyer_name']}: kunngjort {s['published']}, {period}. Status: {status}."
    return Entry(link, s["title"], s["published"], link, summary, s["buyer_name"])


def _scheme_entries(model: Model, base_url: str) -> Grouped:
    entries: Grouped = defaultdict(list)
    for s in model.schemes.values():
        if s["published"] is None:  # only in data with errors
            continue
        link = base_url + routes.scheme(s["scheme_id"])
        if s["published"] is not None:  # a scheme known only from call-offs: new when its notice is imported
            entries[s["scheme_id"]].append(
                Lazy(s["published"], link, partial(_scheme_entry, s, link), partial(repr, s))
            )
    return entries


def _latest(dated: list[tuple[date, _Row]]) -> list[tuple[date, _Row]]:
    """Those of a scheme's records, each with its entry's date, that may be among its newest MAX_ENTRIES: the ones
    dated on or after the MAX_ENTRIES-th newest date (ties kept). The others are never shown, in its feed or in
    the overall one (whose newest are among each scheme's), so their entries are not even given an id: a
    national site has 200,000 awards, and shows 100 of each scheme's 200."""
    if len(dated) <= MAX_ENTRIES:
        return dated
    oldest_shown = sorted(map(itemgetter(0), dated), reverse=True)[MAX_ENTRIES - 1]
    return [item for item in dated if item[0] >= oldest_shown]


def _award_entries(model: Model, base_url: str) -> Grouped:
    def make(a: dict[str, Any], link: str) -> Entry:
        scheme = model.schemes.get(a["scheme_id"])
        parts = [f"Ordning: {model.scheme_name(scheme) if scheme else a['scheme_id']}."]
        parts.append(f"Invitert {a['invited']}." if a["invited"] else "Invitasjonsdato ukjent.")
        if a["status"] == "cancelled":
            parts.append("Avlyst.")
        elif a["awarded"]:
            winners = model.winners.get((a["scheme_id"], a["award_id"]), [])
            who = ", ".join(model.supplier_name(s) for s in winners) or "ingen oppgitt"
            parts.append(f"Tildelt {a['awarded']} til {who}.")
        value = _amount(a["value_amount"], a["value_currency"])
        if value:
            parts.append(f"Verdi: {value}.")
        return Entry(link, a["title"], a["awarded"] or a["invited"], link, " ".join(parts), a["buyer_name"])

    def reads(a: dict[str, Any]) -> str:
        """Every value make reads that is not its feed's scheme's (nor in its id and date): a feed's key must
        change when one does. As text (a value or its repr), several times cheaper than a digest of the row."""
        winners = [model.supplier_name(s) for s in model.winners.get((a["scheme_id"], a["award_id"]), [])]
        return (
            f"{a['title']!r} {a['invited']} {a['awarded']} {a['status']!r} {a['value_amount']} "
            f"{a['value_currency']!r} {a['buyer_name']!r} {winners!r}"
        )

    dated: dict[str, list[tuple[date, _Row]]] = defaultdict(list)
    for a in model.awards.values():
        if award_year(a) is not None:  # None only in data with errors
            dated[a["scheme_id"]].append((a["awarded"] or a["invited"], a))
    entries: Grouped = {}
    for scheme_id, items in dated.items():
        entries[scheme_id] = []
        for updated, a in _latest(items):
            year = award_year(a)
            assert year is not None
            link = base_url + routes.award(a["scheme_id"], a["award_id"], year)
            entries[scheme_id].append(Lazy(updated, link, partial(make, a, link), partial(reads, a)))
    return entries


def _admission_entries(model: Model, base_url: str) -> Grouped:
    """One entry per admission (a supplier, a scheme, a day), naming its categories."""
    titles = {(c["scheme_id"], c["category_id"]): c["title"] for rows in model.categories.values() for c in rows}
    grouped: dict[tuple[str, str, date], list[dict[str, Any]]] = defaultdict(list)
    for row in (r.values for r in model.dataset.tables["admissions"]):
        if row["admitted"] is not None:  # None only in data with errors
            grouped[row["supplier_id"], row["scheme_id"], row["admitted"]].append(row)

    def make(entry_id: str, link: str, supplier: str, scheme: str, admitted: date, rows: list[dict[str, Any]]) -> Entry:
        scheme_row = model.schemes.get(scheme, {})
        name = model.supplier_name(supplier)
        parts = [f"Tatt opp {admitted}" + (f", søkte {rows[0]['requested']}." if rows[0]["requested"] else ".")]
        if [r["category_id"] for r in rows] != [IMPLICIT_CATEGORY]:
            categories = [titles.get((scheme, r["category_id"]), r["category_id"]) for r in rows]
            parts.append(f"Kategorier: {', '.join(categories)}.")
        title = f"{name} tatt opp i {scheme_row.get('title') or scheme}"
        return Entry(entry_id, title, admitted, link, " ".join(parts), scheme_row.get("buyer_name") or name)

    def reads(supplier: str, rows: list[dict[str, Any]]) -> str:
        """Every value make reads that is not its feed's scheme's or categories' (nor in its id and date): a
        feed's key must change when one does."""
        return f"{model.supplier_name(supplier)!r} {rows[0]['requested']} {[r['category_id'] for r in rows]!r}"

    dated: dict[str, list[tuple[date, _Row]]] = defaultdict(list)
    for key, rows in grouped.items():
        dated[key[1]].append((key[2], (key, rows)))
    segment = cache(routes.segment)  # scheme ids repeat across many admissions
    entries: Grouped = {}
    for scheme, items in dated.items():
        entries[scheme] = []
        for admitted, ((supplier, _, _), rows) in _latest(items):
            link = base_url + routes.supplier(supplier)
            entry_id = f"{link}#opptak-{segment(scheme)}-{admitted}"
            entries[scheme].append(
                Lazy(
                    admitted,
                    entry_id,
                    partial(make, entry_id, link, supplier, scheme, admitted, rows),
                    partial(reads, supplier, rows),
                )
            )
    return entries


_ENTRIES = {"schemes": _scheme_entries, "awards": _award_entries, "admissions": _admission_entries}


def _scheme_titles(model: Model) -> dict[str, str | None]:
    """Each scheme's title by id."""
    return {scheme_id: model.scheme_name(s) for scheme_id, s in model.schemes.items()}


def _feed(
    base_url: str, kind: str, scheme_id: str | None, shown: list[Lazy], model: Model, titles: dict[str, str | None]
) -> bytes:
    """One feed of the entries shown (the newest, newest first)."""
    title = f"{_TITLES[kind]} – {SITE_NAME}"
    home = base_url
    if scheme_id:
        title = f"{_TITLES[kind]}: {titles.get(scheme_id) or scheme_id}"
        home = base_url + routes.scheme(scheme_id)
    entries = [item.make() for item in shown]
    return atom_feed(base_url + feed_path(kind, scheme_id), title, entries, _updated(entries, model, scheme_id), home)


def _one_feed(model: Model, base_url: str, kind: str, scheme_id: str | None) -> bytes:
    groups = _ENTRIES[kind](model, base_url)
    items = chain.from_iterable(groups.values()) if scheme_id is None else groups.get(scheme_id, [])
    return _feed(base_url, kind, scheme_id, _newest(items), model, _scheme_titles(model))


def scheme_feed(model: Model, base_url: str) -> bytes:
    """New schemes, newest published first. base_url is the site's root, ending in '/'.

    There is no feed of new schemes per scheme; per scheme there are awards and admissions.
    """
    return _one_feed(model, base_url, "schemes", None)


def award_feed(model: Model, base_url: str, scheme_id: str | None = None) -> bytes:
    """New awards (call-offs) overall or in one scheme, newest first by award date (invitation date until awarded)."""
    return _one_feed(model, base_url, "awards", scheme_id)


def admission_feed(model: Model, base_url: str, scheme_id: str | None = None) -> bytes:
    """New admissions of suppliers overall or to one scheme, newest admitted first."""
    return _one_feed(model, base_url, "admissions", scheme_id)


def all_feeds(model: Model, base_url: str) -> dict[str, bytes]:
    """Every feed keyed by its feed_path: the three overall feeds, and awards and admissions per scheme.

    Each kind's records are made once and only the entries shown are written: the way to build a site's feeds.
    The cycle collector is paused meanwhile: these objects make no cycles, and the collections their numbers
    trigger walk every object of the dataset (national: half the time without the pause).
    """
    with collection_paused():
        return {path: make() for path, (_, make) in sorted(_all_feeds(model, base_url).items())}


def write_feeds(model: Model, site: Path, base_url: str, kept: Kept | None = None) -> int:
    """Every feed (all_feeds) at its feed_path below the site root; returns how many. `kept`: the published
    site's files, of which a scheme's feed is linked where everything it is made of is unchanged (its shown
    entries' records, the names they print, its scheme and the scheme's categories: `_made_of`)."""
    with collection_paused():
        feeds = _all_feeds(model, base_url)
        for path, (made_of, make) in feeds.items():
            if kept is not None and made_of is not None:
                kept.write(site, path, digest((base_url, path, made_of())), make)
            else:
                (site / path).parent.mkdir(parents=True, exist_ok=True)
                (site / path).write_bytes(make())
    return len(feeds)


def _made_of(model: Model, scheme_id: str, shown: list[Lazy]) -> object:
    """Everything a scheme's feed is made of: its scheme's values (the feed's title, its date when empty), the
    scheme's categories (admissions name them), and its entries' ids, dates and what each reads."""
    scheme = model.schemes.get(scheme_id)
    return (
        None if scheme is None else _values(scheme),
        [_values(c) for c in model.categories.get(scheme_id, [])],
        [(item.id, item.updated, item.reads()) for item in shown],
    )


def _values(row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(row.values())


# a feed: what it is made of, for its key (None: a feed of the whole data, made every time), and how it is made
_Made = tuple[Callable[[], object] | None, Callable[[], bytes]]


def _all_feeds(model: Model, base_url: str) -> dict[str, _Made]:
    titles = _scheme_titles(model)
    feeds: dict[str, _Made] = {}
    for kind, make in _ENTRIES.items():
        newest = {scheme_id: _newest(items) for scheme_id, items in make(model, base_url).items()}
        # the newest of all are among the newest of each scheme
        overall = _newest(chain(*newest.values()))
        feeds[feed_path(kind)] = None, partial(_feed, base_url, kind, None, overall, model, titles)
        if kind == "schemes":
            continue
        for scheme_id in titles.keys() | newest.keys():  # every scheme has its feeds, empty ones too
            shown = newest.get(scheme_id, [])
            feeds[feed_path(kind, scheme_id)] = (
                partial(_made_of, model, scheme_id, shown),
                partial(_feed, base_url, kind, scheme_id, shown, model, titles),
            )
    return feeds

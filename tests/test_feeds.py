"""Atom feeds: valid Atom 1.0, deterministic, links into the site, record text kept as text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from generator.load import load
from generator.model import Model, build_model
from generator.render import feeds
from generator.render.feeds import Entry, admission_feed, all_feeds, atom_feed, award_feed, feed_path, scheme_feed

from .conftest import Edit

BASE = "https://dps.example.org/"
A = "{http://www.w3.org/2005/Atom}"


def model_of(root: Path) -> Model:
    loaded, problems = load(root)
    assert not [p for p in problems if p.is_error]
    return build_model(loaded)


def parse(document: bytes) -> ET.Element:
    assert document.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n')
    return ET.fromstring(document)


def assert_atom(feed: ET.Element) -> None:
    """The elements RFC 4287 requires: feed id, title, updated, an author; entry id, title, updated, link."""
    assert feed.tag == f"{A}feed"
    for name in ("id", "title", "updated"):
        assert feed.find(f"{A}{name}") is not None and (feed.findtext(f"{A}{name}") or "").strip()
    assert feed.findtext(f"{A}author/{A}name")
    assert feed.find(f"{A}link[@rel='self']").get("href") == feed.findtext(f"{A}id")
    ids = [e.findtext(f"{A}id") for e in feed.iter(f"{A}entry")]
    assert len(ids) == len(set(ids))
    for entry in feed.iter(f"{A}entry"):
        for name in ("id", "title", "updated", "summary", f"author/{A}name"):
            assert entry.findtext(f"{A}{name}"), name
        assert entry.find(f"{A}link[@rel='alternate']").get("href", "").startswith(BASE)
        assert entry.findtext(f"{A}updated") <= feed.findtext(f"{A}updated")


def entries(feed: ET.Element) -> list[tuple[str, str, str]]:
    return [
        (e.findtext(f"{A}title") or "", e.findtext(f"{A}updated") or "", e.find(f"{A}link").get("href") or "")
        for e in feed.iter(f"{A}entry")
    ]


def test_award_feed_newest_first_linking_to_the_year_page(data: Path) -> None:
    feed = parse(award_feed(model_of(data), BASE))
    assert_atom(feed)
    assert feed.findtext(f"{A}updated") == "2024-10-01T00:00:00Z"
    assert entries(feed) == [
        ("Renhold av Vestvik rådhus", "2024-10-01T00:00:00Z", f"{BASE}schemes/renhold-nordhei/awards/2024/#2024-001"),
        (
            "Oversettelse av informasjonsmateriell",
            "2024-09-30T00:00:00Z",
            f"{BASE}schemes/tolk-fjordvik/awards/2024/#2024-002",
        ),
        (
            "Tolking ved helsestasjonene 2024",
            "2024-04-02T00:00:00Z",
            f"{BASE}schemes/tolk-fjordvik/awards/2024/#2024-001",
        ),
    ]
    summary = feed.find(f"{A}entry").findtext(f"{A}summary")
    assert summary == (
        "Ordning: DIS renholdstjenester. Invitert 2024-09-02. Tildelt 2024-10-01 til Brattli Renhold AS. "
        "Verdi: 2\u00a0400\u00a0000 NOK."
    )


def test_per_scheme_feeds_hold_only_that_scheme(data: Path) -> None:
    model = model_of(data)
    feed = parse(award_feed(model, BASE, "tolk-fjordvik"))
    assert_atom(feed)
    assert feed.findtext(f"{A}id") == f"{BASE}schemes/tolk-fjordvik/feeds/awards.xml"
    assert feed.findtext(f"{A}title") == "Nye tildelinger: Dynamisk innkjøpsordning for tolketjenester"
    assert [t for t, _, _ in entries(feed)] == [
        "Oversettelse av informasjonsmateriell",
        "Tolking ved helsestasjonene 2024",
    ]
    admissions = parse(admission_feed(model, BASE, "renhold-nordhei"))
    assert_atom(admissions)
    assert entries(admissions) == [
        (
            "Brattli Renhold AS tatt opp i DIS renholdstjenester",
            "2023-06-07T00:00:00Z",
            f"{BASE}suppliers/NO-BRC-312345706/",
        )
    ]


def test_admission_feed_one_entry_per_admission_with_its_categories(data: Path) -> None:
    feed = parse(admission_feed(model_of(data), BASE))
    assert_atom(feed)
    fjordtolk = [e for e in feed.iter(f"{A}entry") if "Fjordtolk" in (e.findtext(f"{A}title") or "")]
    assert len(fjordtolk) == 1
    assert fjordtolk[0].findtext(f"{A}summary") == (
        "Tatt opp 2023-02-08, søkte 2023-02-01. Kategorier: Muntlig tolking, Skriftlig oversettelse."
    )
    assert fjordtolk[0].findtext(f"{A}author/{A}name") == "Fjordvik kommune"


def test_scheme_feed_and_every_feed_of_the_site(data: Path) -> None:
    model = model_of(data)
    feed = parse(scheme_feed(model, BASE))
    assert_atom(feed)
    assert [(t, u) for t, u, _ in entries(feed)] == [
        ("DIS renholdstjenester", "2023-05-02T00:00:00Z"),
        ("Dynamisk innkjøpsordning for tolketjenester", "2023-01-02T00:00:00Z"),
    ]
    every = all_feeds(model, BASE)
    assert sorted(every) == sorted(
        [feed_path(k) for k in ("schemes", "awards", "admissions")]
        + [feed_path(k, s) for k in ("awards", "admissions") for s in ("renhold-nordhei", "tolk-fjordvik")]
    )
    assert every[feed_path("awards", "tolk-fjordvik")] == award_feed(model, BASE, "tolk-fjordvik")
    assert every[feed_path("schemes")] == scheme_feed(model, BASE)
    for document in every.values():
        assert_atom(parse(document))


@pytest.mark.parametrize("newest", [1, feeds.MAX_ENTRIES])
def test_all_feeds_are_the_feeds_made_one_by_one(data: Path, newest: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """all_feeds takes the newest of all from each scheme's newest: the same entries, also when feeds are cut short."""
    monkeypatch.setattr(feeds, "MAX_ENTRIES", newest)
    model = model_of(data)
    every = all_feeds(model, BASE)
    assert every[feed_path("schemes")] == scheme_feed(model, BASE)
    for kind, one in (("awards", award_feed), ("admissions", admission_feed)):
        assert every[feed_path(kind)] == one(model, BASE)
        for scheme_id in ("renhold-nordhei", "tolk-fjordvik"):
            assert every[feed_path(kind, scheme_id)] == one(model, BASE, scheme_id)
    assert [t for t, _, _ in entries(parse(every[feed_path("awards")]))] == [
        "Renhold av Vestvik rådhus",
        "Oversettelse av informasjonsmateriell",
        "Tolking ved helsestasjonene 2024",
    ][:newest]


def test_record_text_stays_text(data: Path, edit: Edit) -> None:
    title = '<script>alert("x")</script> & Co'
    edit("awards/tolk-fjordvik/2024-001.yaml", '"Tolking ved helsestasjonene 2024"', f"'{title}'")
    document = award_feed(model_of(data), BASE)
    assert b"<script>" not in document
    assert title in [t for t, _, _ in entries(parse(document))]


def elementtree_feed(feed_id_url: str, title: str, entries: list[Entry], updated: date, home_url: str) -> bytes:
    """The same document made with ElementTree: the reference for the escaping and layout of the hand-written XML."""
    feed = ET.Element("feed", {"xmlns": feeds.ATOM, "xml:lang": "nb"})
    ET.SubElement(feed, "id").text = feed_id_url
    ET.SubElement(feed, "title").text = title
    ET.SubElement(feed, "updated").text = feeds._stamp(updated)
    ET.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": feed_id_url})
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": home_url})
    ET.SubElement(ET.SubElement(feed, "author"), "name").text = feeds.SITE_NAME
    for entry in entries:
        item = ET.SubElement(feed, "entry")
        ET.SubElement(item, "id").text = entry.id
        ET.SubElement(item, "title").text = entry.title
        ET.SubElement(item, "updated").text = feeds._stamp(entry.updated)
        ET.SubElement(item, "link", {"rel": "alternate", "type": "text/html", "href": entry.link})
        ET.SubElement(ET.SubElement(item, "author"), "name").text = entry.author
        ET.SubElement(item, "summary").text = entry.summary
    ET.indent(feed)
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n").encode()


HOSTILE = [
    '<script>alert("x")</script> & Co',
    "a]]>b &amp; &#10; 'single' \"double\"",
    "line\nbreaks\r\nand\ttabs  ",
    "",
    "   ",
    "Ærø – «sitat» \U0001f600",
    "bell\x07 and NUL\x00",  # control characters: refused by the loader; passed as they are, as ElementTree did
]


@pytest.mark.parametrize("text", HOSTILE)
def test_written_as_elementtree_writes_it(text: str) -> None:
    link = f"{BASE}s/{text}#{text}"
    entry = Entry(link, text, date(2024, 5, 6), link, text, text)
    args = (f"{BASE}{text}.xml", text, [entry, Entry(f"{BASE}#2", "t", date(2024, 5, 5), BASE, "s", "a")])
    assert atom_feed(*args, date(2024, 5, 6), f"{BASE}?{text}") == elementtree_feed(
        *args, date(2024, 5, 6), f"{BASE}?{text}"
    )


def test_same_data_same_bytes_and_at_most_the_newest_hundred(data: Path) -> None:
    model = model_of(data)
    assert award_feed(model, BASE) == award_feed(model_of(data), BASE)
    many = [Entry(f"{BASE}#{i}", f"e{i}", date.fromordinal(738000 + i), BASE, "s", "a") for i in range(150)]
    feed = parse(atom_feed(f"{BASE}f.xml", "t", feeds._newest(many), date(2024, 1, 1)))
    assert len(list(feed.iter(f"{A}entry"))) == feeds.MAX_ENTRIES
    assert entries(feed)[0][0] == "e149"


def test_an_empty_feed_is_dated_by_the_data_not_the_clock(data: Path) -> None:
    (data / "awards" / "renhold-nordhei" / "2024-001.yaml").unlink()
    feed = parse(award_feed(model_of(data), BASE, "renhold-nordhei"))
    assert list(feed.iter(f"{A}entry")) == []
    assert feed.findtext(f"{A}updated") == "2023-05-02T00:00:00Z"  # the scheme's publication
    feed = parse(award_feed(model_of(data), BASE, "no-such-scheme"))
    assert feed.findtext(f"{A}updated") == "1970-01-01T00:00:00Z"  # no data at all: a fixed date, never the clock


def test_feed_paths() -> None:
    assert feed_path("admissions", "tolk-fjordvik") == "schemes/tolk-fjordvik/feeds/admissions.xml"
    with pytest.raises(ValueError):
        feed_path("schemes", "tolk-fjordvik")

"""Search: the record a reader means comes first, whether they type its exact name, its organisation number (bare,
spaced or with NO-BRC-), its id or the start of its name; one result per record; the query lives in the address;
both languages; free text from Pagefind when asked for.
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import quote

import pytest

from generator import routes
from generator.model import Model
from generator.render import names
from tests.browser.support import Tab

pytestmark = pytest.mark.browser

LINK = "#dps-search > .dps-search__results .dps-search__link"


def _unique(everyone: list[tuple[str, str]], folder: str) -> tuple[str, str]:
    """A (name, page path) below the folder whose name no other record of any kind has."""
    counts = Counter(" ".join(names.tokens(n)) for n, _ in everyone)
    unique = [(n, p) for n, p in everyone if counts[" ".join(names.tokens(n))] == 1 and p.startswith(folder)]
    assert unique, f"no record below {folder} has a name of its own in the data"
    return unique[0]


def results(tab: Tab, query: str, lang: str = "nb") -> list[str]:
    """The result links of a query typed into the address, as paths below the site root."""
    prefix = "" if lang == "nb" else "en/"
    tab.open(f"{prefix}search/?q={quote(query)}")
    tab.page.wait_for_function("() => document.querySelector('.dps-search__status').textContent !== ''")
    hrefs = tab.page.locator(LINK).evaluate_all("links => links.map(a => a.href)")
    tab.page.wait_for_load_state("networkidle")  # the next page opened would cut short what this one loads
    return [h.removeprefix(tab.base) for h in hrefs]


def every_name(ix: Model) -> list[tuple[str, str]]:
    return (
        [(b.name, routes.buyer(b.id)) for b in ix.buyers.values()]
        + [(ix.scheme_name(s), routes.scheme(s["scheme_id"])) for s in ix.schemes.values()]
        + [(p["name"], routes.supplier(p["supplier_id"])) for p in ix.suppliers.values()]
    )


@pytest.mark.parametrize("kind", ["buyer", "scheme", "supplier"])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_an_exact_name_puts_its_record_first(tab: Tab, ix: Model, kind: str, lang: str) -> None:
    folder = {"buyer": routes.BUYERS, "scheme": routes.SCHEMES, "supplier": routes.SUPPLIERS}[kind]
    everyone = every_name(ix)
    name, path = _unique(everyone, folder)
    found = results(tab, name, lang)
    assert found[0] == routes.in_language(path, lang)
    assert len(found) == len(set(found))  # one result per record
    tab.page.locator(LINK).first.click()
    tab.page.wait_for_url(tab.base + routes.in_language(path, lang))
    tab.assert_clean()


@pytest.mark.parametrize("form", ["bare", "spaced", "NO-BRC"])
def test_an_organisation_number_puts_its_organisation_first(tab: Tab, ix: Model, form: str) -> None:
    supplier_id = next(i for i in ix.suppliers if i.startswith("NO-BRC-"))
    number = supplier_id.removeprefix("NO-BRC-")
    query = {"bare": number, "spaced": f"{number[:3]} {number[3:6]} {number[6:]}", "NO-BRC": supplier_id}[form]
    assert results(tab, query)[0] == routes.supplier(supplier_id)
    buyer_id = next(i for i in ix.buyers if i.startswith("NO-BRC-"))
    assert results(tab, buyer_id.removeprefix("NO-BRC-"))[0] == routes.buyer(buyer_id)
    tab.assert_clean()


def test_scheme_ids_cpv_codes_and_award_ids_find_their_records(tab: Tab, ix: Model) -> None:
    scheme = next(iter(ix.schemes.values()))
    assert results(tab, scheme["scheme_id"])[0] == routes.scheme(scheme["scheme_id"])
    with_cpv = [s for s in ix.schemes.values() if s["cpv"]]
    code = with_cpv[0]["cpv"]
    first = results(tab, code)[0]
    assert first in {routes.scheme(s["scheme_id"]) for s in with_cpv if s["cpv"] == code}
    (scheme_id, award_id), award = next(iter(ix.awards.items()))
    year = award["invited"] or award["awarded"]
    assert routes.award(scheme_id, award_id, year.year) in results(tab, award_id)
    tab.assert_clean()


def test_a_name_prefix_ranks_names_that_start_with_it_first(tab: Tab, ix: Model) -> None:
    name = next(p["name"] for p in ix.suppliers.values() if len(p["name"].split()) >= 2)
    query = name.split()[0] + " " + name.split()[1][:2]
    wanted = " ".join(names.tokens(query))
    found = results(tab, query)
    assert found
    titles = tab.page.locator(LINK).all_inner_texts()
    starts = [" ".join(names.tokens(t)).startswith(wanted) for t in titles]
    assert starts[0] and starts == sorted(starts, reverse=True)  # every name starting with it before the others
    tab.assert_clean()


def test_counts_are_records_and_a_type_button_shows_only_that_type(tab: Tab, ix: Model) -> None:
    words = [w for p in ix.suppliers.values() for w in names.tokens(p["name"]) if names.key_of(w)]
    query = max(set(words), key=lambda w: (words.count(w), w))  # the word most names have
    found = results(tab, query)
    status = tab.page.locator(".dps-search__status").inner_text()
    buttons = tab.page.locator(".dps-search__type").all_inner_texts()
    total = int(buttons[0].rsplit("(", 1)[1].rstrip(")"))
    assert status.startswith(f"{total} ")
    assert sum(int(b.rsplit("(", 1)[1].rstrip(")")) for b in buttons[1:]) == total
    assert len(found) == min(total, 20) == len(set(found))
    tab.page.locator(".dps-search__type", has_text=buttons[-1].rsplit(" (", 1)[0]).click()
    assert tab.page.locator(".dps-search__type[aria-pressed='true']").inner_text() == buttons[-1]
    tab.assert_clean()


def test_the_pages_words_are_the_index_words(tab: Tab) -> None:
    """search.js and names.py cut and fold text alike, or a name would be looked up in the wrong shard."""
    texts = ["Ærlige Østlandske Åkerfolk AS", "Café Müller", "NO-BRC-312345676", "Ørsta, Æra og Å", "Šťastný s.r.o."]
    tab.open("search/")
    seen = tab.page.evaluate("texts => texts.map(t => DpsNames(new URL('../', location.href)).tokens(t))", texts)
    assert seen == [names.tokens(t) for t in texts]
    hashes = tab.page.evaluate("keys => keys.map(k => DpsNames(location.href).fnv(k))", ["2024 001", "æøå"])
    assert hashes == [names.fnv("2024 001"), names.fnv("æøå")]
    tab.assert_clean()


def test_free_text_finds_an_award_title_when_asked(tab: Tab, ix: Model) -> None:
    award = next(a for a in ix.awards.values() if a["title"] and len(a["title"].split()) >= 2)
    word = max(award["title"].split(), key=len)
    results(tab, word)
    tab.page.locator(".dps-search__text-button").click()
    tab.page.locator(".dps-search__text .dps-search__link").first.wait_for(timeout=15_000)
    assert tab.page.locator(".dps-search__text h2").inner_text() == "Treff i tekst"
    tab.assert_clean()


def test_enter_opens_the_first_result_and_the_address_keeps_the_query(tab: Tab, ix: Model) -> None:
    supplier_id = next(iter(ix.suppliers))
    tab.open("search/")
    tab.page.locator("#dps-search-input").fill(supplier_id)
    tab.page.wait_for_function("() => location.search.includes('q=')")
    assert "q=" + quote(supplier_id) in tab.page.url
    tab.page.wait_for_load_state("networkidle")  # else leaving the page aborts its favicon, which is no site error
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_url(tab.base + routes.supplier(supplier_id))
    tab.assert_clean()

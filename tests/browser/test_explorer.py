"""The awards explorer: every filter narrows the rows to what the records say, the sort orders them, the address
holds the view, and the downloads hold exactly the filtered rows, text a spreadsheet would run escaped."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.export.text import FORMULA_STARTS
from generator.model import Model, Values
from generator.model.facts import award_year
from tests.browser.support import Tab, axe_violations

pytestmark = pytest.mark.browser

ROWS = ".dps-explorer__rows tbody tr"


def shown(tab: Tab) -> int:
    """The count the explorer says it has filtered (once it has)."""
    status = tab.page.locator(".dps-explorer__status")
    tab.page.wait_for_function(
        "() => /^[0-9]/.test(document.querySelector('.dps-explorer__status')?.textContent || '')"
    )
    return int("".join(c for c in status.inner_text().split(" ")[0] if c.isdigit()))


def ids(tab: Tab) -> set[tuple[str, str]]:
    rows = tab.page.evaluate("document.getElementById('explorer').dpsRows()")
    return {(r[0], r[1]) for r in rows}


def keys(awards: list[Values]) -> set[tuple[str, str]]:
    return {(a["scheme_id"], a["award_id"]) for a in awards if (a["invited"] or a["awarded"])}


def state(tab: Tab) -> dict[str, list[str]]:
    return parse_qs(urlsplit(tab.page.url).query)


def busiest_scheme(ix: Model) -> str:
    return max(ix.awards_by_scheme, key=lambda s: (len(ix.awards_by_scheme[s]), s))


def by_year(ix: Model) -> dict[int, list[Values]]:
    years: dict[int, list[Values]] = {}
    for a in ix.awards.values():
        if award_year(a) is not None:
            years.setdefault(award_year(a) or 0, []).append(a)
    return years


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_permalink_shows_its_schemes_awards_and_the_scheme_page_links_to_it(tab: Tab, ix: Model, lang: str) -> None:
    scheme_id = busiest_scheme(ix)
    prefix = "" if lang == "nb" else "en/"
    tab.open(f"{prefix}schemes/{scheme_id}/")
    tab.page.locator(f"a[href$='explore/?scheme={scheme_id}']").click()
    assert shown(tab) == len(keys(ix.awards_by_scheme[scheme_id]))
    assert ids(tab) == keys(ix.awards_by_scheme[scheme_id])
    assert tab.page.locator(ROWS).count() == min(50, len(ix.awards_by_scheme[scheme_id]))
    assert tab.page.locator("select[data-field='scheme']").input_value() == scheme_id
    tab.assert_clean()


def test_the_first_view_is_the_newest_year_and_all_years_come_when_asked(tab: Tab, ix: Model, site: Path) -> None:
    years = by_year(ix)
    newest = max(years)
    assert len(years) > 1  # else there is no other year to leave out
    fetched: list[str] = []
    tab.page.on("request", lambda request: fetched.append(request.url))
    tab.open("explore/")
    assert shown(tab) == len(years[newest]) and ids(tab) == keys(years[newest])
    files = [url.split("/explorer/")[1] for url in fetched if "/explorer/" in url]
    assert files == ["meta.json", f"year/{newest}.json"]
    assert tab.page.locator("select[data-field='year']").input_value() == str(newest)
    note = tab.page.locator(".dps-explorer__note")
    said = note.inner_text()
    assert str(newest) in said
    size = sum(p.stat().st_size for p in (site / "explorer" / "year").iterdir())
    assert (f"({-(-size // 1000)} kB)" if size < 1e6 else " MB)") in said  # said before they are fetched
    note.locator("button").click()
    assert state(tab)["year"] == ["all"]
    assert shown(tab) == len(keys(list(ix.awards.values())))
    # the whole data's count and value, summed by the build (meta.json) and in the page, are the same
    assert tab.page.locator(".dps-explorer__status").inner_text() in said
    assert not note.inner_text()
    oldest = min(years)
    tab.page.locator("select[data-field='year']").select_option(str(oldest))
    assert state(tab)["year"] == [str(oldest)]
    assert shown(tab) == len(years[oldest]) and ids(tab) == keys(years[oldest])
    tab.assert_clean()


def test_buyer_supplier_dates_values_tenders_and_sme_filter_as_the_records_say(tab: Tab, ix: Model) -> None:
    newest = by_year(ix)[max(by_year(ix))]
    tab.open("explore/")
    assert shown(tab) == len(keys(newest))
    buyer = max(ix.buyers.values(), key=lambda b: (len(b.awards), b.id))
    tab.page.locator("select[data-field='buyer']").select_option(buyer.id)
    assert state(tab)["buyer"] == [buyer.id]
    assert shown(tab) == len(keys(buyer.awards))
    mine = [a for a in buyer.awards if a["invited"] or a["awarded"]]
    days = sorted((a["invited"] or a["awarded"]).isoformat() for a in mine)
    start, end = days[len(days) // 4], days[-1]
    tab.page.locator("input[data-field='from']").fill(start)
    tab.page.locator("input[data-field='from']").dispatch_event("change")
    tab.page.locator("input[data-field='to']").fill(end)
    tab.page.locator("input[data-field='to']").dispatch_event("change")
    in_range = [a for a in mine if start <= (a["invited"] or a["awarded"]).isoformat() <= end]
    assert shown(tab) == len(in_range) and ids(tab) == keys(in_range)
    tab.page.locator("input[data-field='vmin']").fill("100000")
    tab.page.locator("input[data-field='vmin']").dispatch_event("change")
    valued = [a for a in in_range if a["value_currency"] == "NOK" and (a["value_amount"] or 0) >= Decimal(100000)]
    valued = [a for a in valued if a["value_amount"] is not None]
    assert ids(tab) == keys(valued)
    tab.page.locator("input[data-field='tmin']").fill("2")
    tab.page.locator("input[data-field='tmin']").dispatch_event("change")
    tendered = [a for a in valued if a["tenders"] is not None and a["tenders"] >= 2]
    assert ids(tab) == keys(tendered)
    tab.page.locator("select[data-field='sme']").select_option("yes")

    def sme(a: Values) -> bool:
        sizes = [ix.suppliers[w]["size"] for w in ix.winners.get((a["scheme_id"], a["award_id"]), [])]
        return any(s in ("micro", "small", "medium", "sme") for s in sizes)

    assert ids(tab) == keys([a for a in tendered if sme(a)])
    tab.page.locator("button", has_text="Nullstill").click()
    assert shown(tab) == len(keys(newest))
    tab.assert_clean()


def test_a_supplier_by_organisation_number_and_by_name(tab: Tab, ix: Model) -> None:
    supplier_id = max(ix.awards_by_supplier, key=lambda s: (len(ix.awards_by_supplier[s]), s))
    wanted = keys(ix.awards_by_supplier[supplier_id])
    for typed in (supplier_id.rsplit("-", 1)[-1], ix.suppliers[supplier_id]["name"]):
        tab.open("explore/")
        shown(tab)
        box = tab.page.locator("input[data-field='supplier']")
        box.fill(typed)
        box.dispatch_event("change")
        tab.page.wait_for_function("() => location.search.includes('supplier=')")
        assert state(tab)["supplier"] == [supplier_id]
        assert shown(tab) == len(wanted) and ids(tab) == wanted
    supplier_page = f"suppliers/{supplier_id}/"
    tab.open(supplier_page)
    tab.page.locator("a[href*='explore/?supplier=']").click()
    tab.page.wait_for_url("**/explore/?supplier=*")
    assert shown(tab) == len(wanted) and ids(tab) == wanted
    tab.assert_clean()


def test_sorting_by_value_puts_the_largest_first_and_unknown_last(tab: Tab, ix: Model) -> None:
    tab.open("explore/?sort=value&dir=desc")
    shown(tab)
    rows = tab.page.evaluate("document.getElementById('explorer').dpsRows()")
    values = [r[10] for r in rows]
    known = [v for v in values if v is not None]
    assert known == sorted(known, reverse=True)
    assert values == known + [None] * (len(values) - len(known))
    tab.page.locator("th button", has_text="Verdi").click()  # again: ascending
    assert state(tab)["dir"] == ["asc"]
    rows = tab.page.evaluate("document.getElementById('explorer').dpsRows()")
    known = [r[10] for r in rows if r[10] is not None]
    assert known == sorted(known)
    tab.assert_clean()


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize("view", ["scheme", "all years"])
def test_the_download_holds_exactly_the_filtered_rows(tab: Tab, ix: Model, fmt: str, view: str) -> None:
    scheme_id = busiest_scheme(ix)
    tab.open(f"explore/?scheme={scheme_id}&tmin=1" if view == "scheme" else "explore/?year=all&tmin=1")
    awards = ix.awards_by_scheme[scheme_id] if view == "scheme" else list(ix.awards.values())
    expected = keys([a for a in awards if a["tenders"] is not None and a["tenders"] >= 1])
    assert shown(tab) == len(expected)
    with tab.page.expect_download() as download:
        tab.page.locator("button", has_text=f"Last ned {fmt.upper()}").click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert {(r["scheme_id"], r["award_id"]) for r in rows} == expected and len(rows) == len(expected)
        texts = [v for r in rows for k, v in r.items() if k not in ("value", "tenders", "sme_tenders")]
        assert not [v for v in texts if v and v[0] in FORMULA_STARTS]  # a formula's first character is escaped
    else:
        rows = json.loads(text)
        assert {(r["scheme_id"], r["award_id"]) for r in rows} == expected and len(rows) == len(expected)
    tab.assert_clean()


def test_the_filtered_explorer_is_accessible_on_a_phone(phone: Tab, ix: Model) -> None:
    phone.open(f"en/explore/?scheme={busiest_scheme(ix)}")
    shown(phone)
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 375
    violations = axe_violations(phone.page)
    assert not violations, "\n".join(violations)
    phone.assert_clean()

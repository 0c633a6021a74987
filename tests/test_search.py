"""The search documents: at record pages' paths, holding what people search by, as text; suppliers in groups."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.check import validate
from generator.model import build_model
from generator.render import search

HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)> &amp; "q"'


class Parsed(HTMLParser):
    """The tags, the ids of headings, the filter attributes and the text of a document."""

    def __init__(self, document: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.heading_ids: list[str] = []
        self.filters: list[tuple[str, str | None]] = []  # (data-pagefind-filter, content)
        self.text: list[str] = []
        self.feed(document)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        attributes = dict(attrs)
        if tag == "h2":
            self.heading_ids.append(attributes["id"] or "")
        if "data-pagefind-filter" in attributes:
            self.filters.append((attributes["data-pagefind-filter"] or "", attributes.get("content")))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _documents(data: Path) -> dict[str, Parsed]:
    dataset, problems = validate(data)
    assert not [p for p in problems if p.is_error]
    return {path: Parsed(document) for path, document in search.documents(build_model(dataset))}


SUPPLIERS = ["NO-BRC-312345692", "NO-BRC-312345706", "SE-BLV-5561234567"]  # the fixture's, by id


def test_each_record_page_has_one_document_at_its_path_and_suppliers_share_one(data: Path) -> None:
    found = _documents(data)
    assert list(found) == [
        "schemes/renhold-nordhei/",
        "schemes/renhold-nordhei/awards/2024/",
        "schemes/tolk-fjordvik/",
        "schemes/tolk-fjordvik/awards/2024/",
        "suppliers/NO-BRC-312345692/",  # all three, at the first one's page
        "buyers/NO-BRC-312345676/",
        "buyers/NO-BRC-312345684/",
        "buyers/NO-BRC-312345714/",
    ]
    group = found["suppliers/NO-BRC-312345692/"]
    assert group.heading_ids == SUPPLIERS  # each a section, so each is a sub-result the search page opens
    assert "h1" not in group.tags  # nothing outside the sections: no result for the group itself
    text = " ".join(group.text)
    assert "Fjordtolk AS" in text and "Svensk Tolk AB" in text and "4601" in text


def test_suppliers_are_spread_over_groups_each_in_one(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "SUPPLIERS_PER_DOCUMENT", 2)
    found = {path: doc for path, doc in _documents(data).items() if path.startswith("suppliers/")}
    # every second supplier by id in a group: neighbours (one country's register, say) land in different ones
    assert {path: doc.heading_ids for path, doc in found.items()} == {
        f"suppliers/{SUPPLIERS[0]}/": [SUPPLIERS[0], SUPPLIERS[2]],
        f"suppliers/{SUPPLIERS[1]}/": [SUPPLIERS[1]],
    }


def test_kind_and_year_are_separate_filters(data: Path) -> None:
    found = _documents(data)
    assert found["schemes/tolk-fjordvik/awards/2024/"].filters == [("År[content]", "2024"), ("Type:Tildeling", None)]
    assert found["suppliers/NO-BRC-312345692/"].filters == [("Type:Leverandør", None)]


def test_awards_are_sub_results_under_their_ids_with_their_winners(data: Path) -> None:
    year = _documents(data)["schemes/tolk-fjordvik/awards/2024/"]
    assert year.heading_ids == ["2024-002", "2024-001"]  # newest first, as on the page
    text = " ".join(year.text)
    assert "Tolking ved helsestasjonene 2024" in text
    assert "Fjordtolk AS" in text  # found by its winner's name


def test_record_text_is_text_in_a_document(data: Path, edit) -> None:
    edit("awards/tolk-fjordvik/2024-001.yaml", '"Tolking ved helsestasjonene 2024"', f"'{HOSTILE}'")
    year = _documents(data)["schemes/tolk-fjordvik/awards/2024/"]
    assert HOSTILE in year.text
    assert "script" not in year.tags and "img" not in year.tags


def test_supplier_names_are_text_in_their_headings(data: Path, edit) -> None:
    edit("suppliers/NO-BRC-312345706.yaml", '"Brattli Renhold AS"', f"'{HOSTILE}'")
    group = _documents(data)["suppliers/NO-BRC-312345692/"]
    assert HOSTILE in group.text
    assert group.heading_ids == SUPPLIERS
    assert "script" not in group.tags and "img" not in group.tags

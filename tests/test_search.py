"""The free-text search documents: at the scheme and award-year pages' paths, holding their text."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

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


def test_each_scheme_and_award_year_has_one_document_at_its_path(data: Path) -> None:
    # buyers and suppliers are found by the name index (test_names.py), not by free text
    assert list(_documents(data)) == [
        "schemes/renhold-nordhei/",
        "schemes/renhold-nordhei/awards/2024/",
        "schemes/tolk-fjordvik/",
        "schemes/tolk-fjordvik/awards/2024/",
    ]


def test_kind_and_year_are_separate_filters(data: Path) -> None:
    found = _documents(data)
    assert found["schemes/tolk-fjordvik/awards/2024/"].filters == [("År[content]", "2024"), ("Type:Tildeling", None)]


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

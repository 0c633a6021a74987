"""Records as an import writes them (issue 17): a scheme known only from call-offs, awards whose invitation or
category is unknown, a supplier whose size is only `sme`, admissions inferred from call-offs, and source notices.

tests/fixtures/imported holds them; the rules that need an unknown value skip it, the exports publish every value
exactly as loaded, and the site shows what is unknown as unknown and links each source notice."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.indicators import compute_indicators
from generator.indicators.scope import OVERALL
from generator.indicators.tally import tally
from generator.load import Dataset, load
from generator.model import build_model
from generator.model.facts import award_year

from .conftest import FIXTURES, Edit, made_once, problems_of
from .test_export import READERS, expected_tables, validate_with_cli

IMPORTED = FIXTURES / "imported"
STUB_AWARD = ("havn-stub", "00456780-2024-1")
SUPPLIER = "suppliers/NO-BRC-312345692.yaml"
AWARD = "awards/tolk-fjordvik/2024-001.yaml"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    loaded, problems = load(IMPORTED)
    assert problems == []
    return loaded


def test_the_imported_fixture_passes_every_check() -> None:
    assert problems_of(IMPORTED) == []


def test_null_is_unknown_and_absent_is_the_implicit_category(dataset: Dataset) -> None:
    awards = {(r.values["scheme_id"], r.values["award_id"]): r.values for r in dataset.tables["awards"]}
    assert awards[STUB_AWARD]["category_id"] is None  # category: null
    assert awards[("vask-havnby", "00567890-2024-1")]["category_id"] == "all"  # no category written
    admissions = sorted((r.values["scheme_id"], r.values["category_id"]) for r in dataset.tables["admissions"])
    assert admissions == [("havn-stub", None), ("vask-havnby", "all")]
    stub = next(r.values for r in dataset.tables["schemes"] if r.values["scheme_id"] == "havn-stub")
    assert stub["known_only_from_call_offs"] == "true" and stub["title"] is None and stub["buyer_id"] is None


def test_an_award_s_year_is_its_invitation_s_else_its_award_s(dataset: Dataset) -> None:
    awards = {(r.values["scheme_id"], r.values["award_id"]): r.values for r in dataset.tables["awards"]}
    assert awards[STUB_AWARD]["invited"] is None and award_year(awards[STUB_AWARD]) == 2024
    assert award_year({"invited": None, "awarded": None}) is None


def test_buyer_less_schemes_make_no_buyer_and_sme_counts_as_sme(dataset: Dataset) -> None:
    model = build_model(dataset)
    assert list(model.buyers) == ["NO-BRC-312345722"]  # the stub scheme is under no made-up buyer
    assert [s["scheme_id"] for s in model.buyers["NO-BRC-312345722"].schemes] == ["vask-havnby"]
    rows = {(r["indicator_id"], r["scope"], r["scope_id"], r["year"]): r for r in compute_indicators(model, [])}
    assert rows[("sme-share-awards", "overall", None, None)]["n"] == 2  # too few to show a share, but both count
    overall = tally(model, []).scopes[OVERALL]
    assert overall.sized_awards == overall.sme_awards > 0  # both awards won by the sme supplier: SMEs' awards
    # an inferred admission makes a member from its bound on, but no admission with a day, year or waiting time
    assert rows[("admitted-suppliers", "overall", None, None)]["value"] == 1
    assert rows[("admissions", "overall", None, None)]["value"] == 0
    assert rows[("admission-days-median", "overall", None, None)]["n"] == 0


def test_buyers_named_without_an_id_are_on_no_buyer_page_and_in_no_buyers_figures(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(IMPORTED, data)
    for path in (data / "schemes/vask-havnby.yaml", data / "awards/havn-stub/00456780-2024-1.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('  id: "NO-BRC-312345722"\n', ""), encoding="utf-8")
    loaded, problems = load(data)
    assert problems == []  # a scheme (not a stub) and an award may name their buyer without an id
    model = build_model(loaded)
    assert model.buyers == {}  # not grouped under a guessed id, nor under the name
    assert model.without_buyer_id() == (2, 2)  # the stub scheme has no buyer at all; both awards have no buyer id
    rows = compute_indicators(model, [])
    assert not [r for r in rows if r["scope"] == "buyer"]
    assert {r["n"] for r in rows if r["indicator_id"] == "sme-share-awards" and r["scope"] == "overall"} == {2}


# --- rules with unknown values (on the valid fixture) ------------------------------------------------------


def test_an_award_of_unknown_category_is_skipped_by_the_rules_that_need_it(data: Path, edit: Edit) -> None:
    # invited_count 5 would be an all-invited warning and the Swedish winner a winner-admitted error
    edit(AWARD, "category: muntlig", "category: null")
    edit(AWARD, "invited_count: 2", "invited_count: 5")
    edit(AWARD, "suppliers: [NO-BRC-312345692]", "suppliers: [SE-BLV-5561234567]")
    assert problems_of(data) == []


def test_an_admission_to_an_unknown_category_leaves_the_count_of_admitted_unknown(data: Path, edit: Edit) -> None:
    edit(AWARD, "invited_count: 2", "invited_count: 5")
    assert problems_of(data) == [("all-invited", AWARD, 7)]
    edit("suppliers/SE-BLV-5561234567.yaml", "categories: [muntlig]", "categories: null")
    assert problems_of(data) == []


@pytest.mark.parametrize(
    ("bound", "expected"),
    [("2024-03-04", []), ("2024-01-01", []), ("2024-03-05", [("winner-admitted", AWARD, 11)])],
)
def test_an_admission_known_no_later_than_d_counts_from_d(
    data: Path, edit: Edit, bound: str, expected: list[tuple[str, str, int]]
) -> None:
    # only the award invited on 2024-03-04 is in the scheme's muntlig category; the other (skriftlig) stays admitted
    edit(
        SUPPLIER,
        "    categories: [muntlig, skriftlig]\n    requested: 2023-02-01\n    admitted: 2023-02-08\n",
        f'    categories: [muntlig]\n    admitted_by: {bound}\n    source: "00111111-2024"\n'
        "  - scheme: tolk-fjordvik\n    categories: [skriftlig]\n    admitted: 2023-02-08\n",
    )
    assert problems_of(data) == expected


def test_with_invited_unknown_the_award_date_decides_and_with_both_unknown_the_rule_skips(
    data: Path, edit: Edit
) -> None:
    edit(SUPPLIER, "    categories: [muntlig, skriftlig]", "    categories: [skriftlig]")
    edit(AWARD, "invited: 2024-03-04\n", "")
    assert problems_of(data, "error") == [("winner-admitted", AWARD, 10)]
    # admitted no later than the award day: admitted on it
    with (data / SUPPLIER).open("a", encoding="utf-8") as file:
        file.write("  - scheme: tolk-fjordvik\n    categories: [muntlig]\n    admitted_by: 2024-04-02\n")
    assert problems_of(data, "error") == []


def test_a_stub_scheme_may_lack_what_its_notice_would_give_and_a_written_one_may_not(data: Path) -> None:
    stub = 'id: havn\nknown_only_from_call_offs: true\nnotices:\n  ted: "00234560-2024"\n'
    (data / "schemes" / "havn.yaml").write_text(stub, encoding="utf-8")
    assert problems_of(data) == []
    (data / "schemes" / "havn.yaml").write_text(stub.replace("true", "false"), encoding="utf-8")
    found = problems_of(data)
    assert found == [("scheme-complete", "schemes/havn.yaml", 1)] * 6  # all but the buyer's id, which may be unknown


# --- exports -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def out(dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.export import write_downloads

    folder = tmp_path_factory.mktemp("imported-downloads")
    write_downloads(dataset, folder, compute_indicators(build_model(dataset), []))
    return folder


@pytest.mark.parametrize("reader", READERS)
def test_every_format_publishes_the_imported_values_exactly(reader: str, out: Path, dataset: Dataset) -> None:
    read = READERS[reader](out)
    expected = expected_tables(dataset)
    for resource, rows in expected.items():
        assert read[resource] == rows, resource
    assert read["scheme_sources"][0]["url"] == "https://ted.europa.eu/en/notice/-/detail/345670-2024?a=1&b=2"
    assert [r["admitted_by"].isoformat() for r in read["admissions"]] == ["2024-05-02", "2024-06-03"]


def test_frictionless_finds_only_the_references_with_an_unknown_category(out: Path) -> None:
    """frictionless-py checks a composite foreign key with one empty field (SQL and SQLite do not: MATCH SIMPLE);
    an unknown category is such a reference, and nothing else in the package may fail."""
    report = validate_with_cli(out / "datapackage.json")
    errors = [(t["name"], e["type"], e["rowNumber"]) for t in report["tasks"] for e in t["errors"]]
    assert errors == [("admissions", "foreign-key", 2), ("awards", "foreign-key", 2)]
    lines = {name: (out / f"{name}.csv").read_text(encoding="utf-8").splitlines() for name in ("admissions", "awards")}
    assert lines["admissions"][1].startswith("havn-stub,,") and lines["awards"][1].startswith(
        "havn-stub,00456780-2024-1,,"
    )


# --- the site -----------------------------------------------------------------------------------------------


def build_imported(root: Path) -> None:
    shutil.copytree(IMPORTED, root / "data")
    done = CliRunner().invoke(main, ["build", "--data", str(root / "data"), "--out", str(root / "site")])
    assert done.exit_code == 0, done.output


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return made_once(tmp_path_factory, "imported-site", build_imported) / "site"


def visible(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    html = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_unknown_values_read_unknown_in_both_languages(site: Path) -> None:
    nb = visible(site / "schemes/havn-stub/index.html")
    en = visible(site / "en/schemes/havn-stub/index.html")
    assert "Oppdragsgiver ukjent" in nb and "Status ukjent" in nb and "Gyldig ukjent – ingen sluttdato" in nb
    assert "Buyer unknown" in en and "Published unknown" in en
    assert "Bare kjent fra avrop" in nb and "Importer kunngjøringen TED 00234560-2024" in nb
    assert "Known only from call-offs" in en and "Import the notice TED 00234560-2024" in en
    year = visible(site / "en/schemes/havn-stub/awards/2024/index.html")
    assert "Category unknown" in year and "Invited unknown" in year and "2 / unknown invited" in year
    supplier = visible(site / "en/suppliers/NO-BRC-312345730/index.html")
    assert "Size SME" in supplier and "Country unknown" in supplier
    assert "no later than 2024-05-02 (inferred from call-off 00456780-2024)" in supplier
    assert "tatt opp" not in supplier
    listed = visible(site / "suppliers/index.html")
    assert "SMB ukjent" in listed


def test_source_notices_are_linked_and_escaped(site: Path) -> None:
    scheme = (site / "schemes/vask-havnby/index.html").read_text(encoding="utf-8")
    assert '<a href="https://ted.europa.eu/en/notice/-/detail/345670-2024?a=1&amp;b=2">00345670-2024</a>' in scheme
    assert "Vask av arbeidstøy &lt;Havnby&gt; &amp; co" in scheme and "<Havnby>" not in scheme
    cards = (site / "schemes/havn-stub/awards/2024/index.html").read_text(encoding="utf-8")
    assert '<a href="https://ted.europa.eu/en/notice/-/detail/456780-2024">00456780-2024</a> (versjon 01)' in cards
    data = json.loads((site / "downloads/downloads.json").read_text(encoding="utf-8"))
    assert {"scheme_sources.csv", "award_sources.csv"} <= {entry["path"] for entry in data}

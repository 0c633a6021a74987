"""The synthetic data generator and the shipped dataset built with it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from random import Random

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from stdnum.dk import cvr
from stdnum.se import orgnr as se_orgnr

from generator.authoring.yamlwrite import dump_compact
from generator.check import validate
from generator.cli import main
from generator.load import Dataset
from generator.load.yamltree import parse
from generator.model.facts import working_days
from generator.problems import Problem
from generator.synth import SCALES, add_working_days, apportion, names, synthesize, write_dataset
from generator.synth.draw import luhn_id, mod11_id
from generator.synth.themes import THEMES

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Dataset, list[Problem]]:
    root = tmp_path_factory.mktemp("small")
    write_dataset(synthesize("small", 11), root)
    return (root, *validate(root))


@pytest.fixture(scope="module")
def shipped() -> tuple[Dataset, list[Problem]]:
    return validate(DATA)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def kind_of(buyer: str) -> str:
    if buyer in names.STATE_AGENCIES:
        return names.STAT
    if buyer in names.HEALTH_TRUSTS:
        return names.HELSE
    if buyer in dict(names.PURCHASING_BODIES):
        return names.SENTRAL
    return names.FYLKE if buyer.endswith(" fylkeskommune") else names.KOMMUNE


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


# --- determinism ---------------------------------------------------------------------------------


@pytest.mark.parametrize("scale", ["tiny", "small"])
def test_same_seed_gives_byte_identical_files(scale: str, tmp_path: Path) -> None:
    write_dataset(synthesize(scale, 5), tmp_path / "a")
    write_dataset(synthesize(scale, 5), tmp_path / "b")
    first, second = tree(tmp_path / "a"), tree(tmp_path / "b")
    assert len(first) > 50
    assert first == second


def test_output_does_not_depend_on_string_hashing() -> None:
    """Set and dict order can follow PYTHONHASHSEED; the files must not."""
    script = (
        "import hashlib; from generator.synth import synthesize; "
        "print(hashlib.sha256(repr(synthesize('tiny', 9)).encode()).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for hash_seed in ("1", "2")
    }
    assert len(digests) == 1
    assert len(digests.pop().strip()) == 64


def test_different_seeds_give_different_data() -> None:
    one, two = dict(synthesize("tiny", 1)), dict(synthesize("tiny", 2))
    assert one != two
    assert set(one) != set(two)  # not just different values: different schemes and suppliers


def test_cli_writes_the_dataset_and_refuses_a_full_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["synth", "--scale", "tiny", "--seed", "3", "--out", str(tmp_path / "d")])
    assert result.exit_code == 0, result.output
    assert tree(tmp_path / "d") == {path: text.encode() for path, text in synthesize("tiny", 3)}
    again = CliRunner().invoke(main, ["synth", "--scale", "tiny", "--out", str(tmp_path / "d")])
    assert again.exit_code == 2


# --- validity and size ---------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_tiny_validates_without_errors_at_its_size(seed: int, tmp_path: Path) -> None:
    count = write_dataset(synthesize("tiny", seed), tmp_path)
    dataset, problems = validate(tmp_path)
    assert errors(problems) == []
    sizes = {name: len(rows) for name, rows in dataset.tables.items()}
    scale = SCALES["tiny"]
    assert (sizes["schemes"], sizes["categories"], sizes["suppliers"], sizes["awards"]) == (3, 5, 20, 30)
    assert 0 < sizes["admissions"] <= scale.admissions
    assert count == dataset.files == 3 + 20 + 30


def test_small_validates_without_errors_at_its_size(small: tuple[Path, Dataset, list[Problem]]) -> None:
    _, dataset, problems = small
    assert errors(problems) == []
    sizes = {name: len(rows) for name, rows in dataset.tables.items()}
    assert (sizes["schemes"], sizes["categories"], sizes["suppliers"], sizes["awards"]) == (10, 30, 180, 600)
    assert SCALES["small"].admissions * 0.8 <= sizes["admissions"] <= SCALES["small"].admissions


def test_small_has_a_few_realistic_warnings(small: tuple[Path, Dataset, list[Problem]]) -> None:
    _, dataset, problems = small
    rules = Counter(p.rule for p in problems)
    assert {"admission-time", "tender-period", "no-end-date"} <= set(rules)
    assert sum(rules.values()) < 0.05 * (len(dataset.tables["awards"]) + len(dataset.tables["admissions"]))


def test_market_spread(small: tuple[Path, Dataset, list[Problem]]) -> None:
    """Most admitted suppliers never win, a few win much, some call-offs get a single tender."""
    _, dataset, _ = small
    admitted = {row.values["supplier_id"] for row in dataset.tables["admissions"]}
    wins = Counter(row.values["supplier_id"] for row in dataset.tables["award_suppliers"])
    assert len(admitted - set(wins)) > len(admitted) / 2
    top_three = sum(count for _, count in wins.most_common(3))
    assert top_three > 0.2 * sum(wins.values())
    awards = [row.values for row in dataset.tables["awards"]]
    single = sum(1 for a in awards if a["tenders"] == 1)
    assert 0.05 * len(awards) < single < 0.4 * len(awards)


def test_organisation_numbers_are_fictional(small: tuple[Path, Dataset, list[Problem]]) -> None:
    _, dataset, _ = small
    ids = [r.values["supplier_id"] for r in dataset.tables["suppliers"]]
    ids += [r.values["buyer_id"] for resource in ("schemes", "awards") for r in dataset.tables[resource]]
    norwegian = [i for i in ids if i.startswith("NO-BRC-")]
    assert len(norwegian) > 0.9 * len(ids)
    assert all(re.fullmatch(r"NO-BRC-[1-7][0-9]{8}", i) for i in norwegian)  # real ones start with 8 or 9


def test_foreign_identifiers_carry_their_check_digits() -> None:
    rng, taken = Random(4), set[str]()
    swedish = [luhn_id(rng, taken) for _ in range(50)]
    danish = [mod11_id(rng, "56789", (2, 7, 6, 5, 4, 3, 2, 1), taken) for _ in range(50)]
    assert all(se_orgnr.is_valid(number) for number in swedish)
    assert all(cvr.is_valid(number) for number in danish)


def test_buyer_ids_have_one_name_across_seeds() -> None:
    buyers: dict[str, set[str]] = {}
    for seed in (1, 2):
        for path, text in synthesize("small", seed):
            if path.startswith("schemes/"):
                record = yaml.safe_load(text)
                buyers.setdefault(record["buyer"]["id"], set()).add(record["buyer"]["name"])
    assert all(len(found) == 1 for found in buyers.values())


@pytest.mark.slow
def test_national_has_the_design_size() -> None:
    """DESIGN §7: 1,000 schemes, 5,000 categories, 20,000 suppliers, 100,000 admissions, 200,000 awards."""
    files = synthesize("national", 7)
    schemes = [text for path, text in files if path.startswith("schemes/")]
    suppliers = [text for path, text in files if path.startswith("suppliers/")]
    categories = sum(max(1, text.count("\n  - id: ")) for text in schemes)
    admissions = 0
    for text in suppliers:
        for entry in text.split("\n  - scheme: ")[1:]:
            listed = re.search(r"\n    categories: \[(.*)\]", entry)
            admissions += listed.group(1).count(",") + 1 if listed else 1
    awards = sum(1 for path, _ in files if path.startswith("awards/"))
    assert (len(schemes), categories, len(suppliers), admissions, awards) == (1000, 5000, 20000, 100000, 200000)


# --- the shipped data ----------------------------------------------------------------------------


def test_shipped_data_validates_with_some_warnings(shipped: tuple[Dataset, list[Problem]]) -> None:
    _, problems = shipped
    assert errors(problems) == []
    assert 5 <= len(problems) <= 80


def test_shipped_data_meets_the_issue_minimums(shipped: tuple[Dataset, list[Problem]]) -> None:
    dataset, _ = shipped
    t = {name: [row.values for row in rows] for name, rows in dataset.tables.items()}
    assert len(t["schemes"]) >= 8
    assert len({kind_of(s["buyer_name"]) for s in t["schemes"]}) == 5
    assert len(t["suppliers"]) >= 150
    assert {s["size"] for s in t["suppliers"]} == {"micro", "small", "medium", "large"}
    assert len({s["municipality"] for s in t["suppliers"]}) >= 30
    assert sum(1 for a in t["admissions"] if a["left"]) >= 5
    assert len(t["awards"]) >= 500
    assert len({a["invited"].year for a in t["awards"]}) >= 3
    assert all(a["tenders"] is not None for a in t["awards"])
    newest = max(d for a in t["awards"] for d in (a["invited"], a["awarded"]) if d)
    assert newest <= date(2026, 11, 30)


def test_shipped_data_is_worth_browsing(shipped: tuple[Dataset, list[Problem]]) -> None:
    dataset, _ = shipped
    schemes = [row.values for row in dataset.tables["schemes"]]
    assert {"active", "pending", "terminated"} <= {s["status"] for s in schemes}
    assert all(s["terminated_notice"] for s in schemes if s["status"] == "terminated")
    assert {s["type"] for s in schemes} == {"open", "closed"}
    with_categories = {
        row.values["scheme_id"] for row in dataset.tables["categories"] if row.values["category_id"] != "all"
    }
    assert 0 < len(with_categories) < len(schemes)
    winners = Counter((row.values["scheme_id"], row.values["award_id"]) for row in dataset.tables["award_suppliers"])
    assert max(winners.values()) >= 2
    assert any(row.values["status"] == "cancelled" for row in dataset.tables["awards"])
    assert any(set(row.values["name"]) & set("&<>\"'") for row in dataset.tables["suppliers"])
    assert any("\n" in (row.values["description"] or "") for row in dataset.tables["schemes"])
    assert "fictional" in (DATA / "README.md").read_text(encoding="utf-8")


# --- building blocks -----------------------------------------------------------------------------


@given(st.text())
def test_dump_compact_keeps_any_text_exactly(text: str) -> None:
    assert yaml.safe_load(dump_compact({"title": text, "id": text})) == {"title": text, "id": text}


_RECORD_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn")) | st.sampled_from("\n\t"))


@given(_RECORD_TEXT)
def test_dump_compact_is_read_back_by_the_loader(text: str) -> None:
    tree, problems = parse(dump_compact({"title": text, "description": f"{text}\n{text}"}), "x.yaml")
    assert problems == []
    assert tree.items["title"].text == text  # type: ignore[union-attr]
    assert tree.items["description"].text == f"{text}\n{text}"  # type: ignore[union-attr]


def test_dump_compact_quotes_what_yaml_would_retype() -> None:
    text = dump_compact({"country": "NO", "municipality": "0150", "time": "12:30", "status": "active", "id": "yes"})
    assert text == 'country: "NO"\nmunicipality: "0150"\ntime: "12:30"\nstatus: active\nid: "yes"\n'


def test_every_word_drawn_is_printable() -> None:
    """So the quoted text of every synthetic record escapes only `\\` and `"`, whatever the seed or scale."""

    def texts(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        return [text for item in value for text in texts(item)] if isinstance(value, tuple) else []

    words = [text for name in dir(names) if name.isupper() for text in texts(getattr(names, name))]
    words += [text for theme in THEMES for text in texts(tuple(theme))]
    assert len(words) > 500
    assert all(word.isprintable() for word in words)


@given(st.dates(date(2020, 1, 1), date(2027, 12, 31)), st.integers(0, 40))
def test_working_days_agree_with_the_admission_rule(start: date, count: int) -> None:
    assert working_days(start, add_working_days(start, count)) == count


@given(st.lists(st.floats(0.01, 100), min_size=1, max_size=30), st.integers(0, 500))
def test_apportion_sums_and_respects_floors_and_caps(weights: list[float], total: int) -> None:
    caps = [total] * len(weights)
    counts = apportion(total, weights, 0, caps)
    assert sum(counts) == total
    assert all(0 <= c <= cap for c, cap in zip(counts, caps, strict=True))


def test_apportion_says_when_caps_cannot_hold_the_total() -> None:
    with pytest.raises(ValueError):
        apportion(10, [1.0, 1.0], 0, [3, 3])


def test_dates_stay_before_the_data_date(small: tuple[Path, Dataset, list[Problem]]) -> None:
    _, dataset, _ = small
    last = date(2026, 11, 15)
    assert max(row.values["admitted"] for row in dataset.tables["admissions"]) <= last
    assert max(row.values["awarded"] or last for row in dataset.tables["awards"]) <= last
    assert min(row.values["published"] for row in dataset.tables["schemes"]) >= last - timedelta(days=6 * 366)


def test_shipped_data_is_in_the_canonical_layout() -> None:
    from click.testing import CliRunner

    from generator.cli import main

    result = CliRunner().invoke(main, ["fmt", "--data", str(DATA), "--check"])
    assert result.exit_code == 0, result.output

"""What makes `dps validate` fast at national scale changes nothing it finds: worker processes, the load
cache, the CSV frictionless reads and the YAML resolver give the same rows and problems as before.

No timing here: the benchmark (bench/run.py) measures; these tests pin the results.
"""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from generator import cache as cache_module
from generator import load as load_module
from generator import schema_check
from generator.check import validate
from generator.cli import main
from generator.load import Dataset, Row
from generator.problems import Problem
from generator.yamltree import _compose

from .conftest import Edit

AWARD = "awards/tolk-fjordvik/2024-001.yaml"
SUPPLIER = "suppliers/NO-BRC-312345692.yaml"
LONG_AGO = 1_600_000_000  # 2020: far outside the window in which a file's time cannot be trusted


def broken(data: Path, edit: Edit) -> None:
    """Problems of every layer: YAML, shape, schema (type, pattern, reference) and domain rules."""
    edit(AWARD, "tenders: 2", "tenders: 0150")
    edit(SUPPLIER, "size: small", "size: small\nsize: large\nnickname: x")
    edit("schemes/tolk-fjordvik.yaml", "valid_from: ", "valid_from: 2099-01-01\nold_valid_from: ")
    (data / "awards/tolk-fjordvik/2024-009.yaml").write_text("id: 2024-009\n  bad: [\n", encoding="utf-8")
    (data / "suppliers/NO-BRC-999999999.yaml").write_text(
        'id: " NO-BRC-999999999"\nname: "A, \\"quoted\\" name\\r\\nover lines "\nsize: tiny\ncountry: NO\n',
        encoding="utf-8",
    )


def rows(dataset: Dataset) -> dict[str, list[tuple[Any, ...]]]:
    """Everything a row holds, and where each of its columns came from."""
    return {
        name: [
            (r.values, r.text, r.file, r.line, r.resource, r.lines, r.indices, [r.spot(c) for c in r.values])
            for r in table
        ]
        for name, table in dataset.tables.items()
    }


def age(root: Path) -> None:
    """Every file written long ago, so the cache may keep it."""
    for path in root.rglob("*.yaml"):
        os.utime(path, (LONG_AGO, LONG_AGO))


@pytest.fixture
def parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Worker processes for any dataset, a few files per task so that every worker gets some."""
    monkeypatch.setattr(load_module, "PARALLEL_FROM_FILES", 0)
    monkeypatch.setattr(load_module, "_CHUNK", 2)
    monkeypatch.setattr(schema_check, "PARALLEL_FROM_ROWS", 0)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The record files read from disk, in this process (no workers)."""
    read: list[str] = []
    original = load_module.read_record

    def counted(record: str, path: Path, shown: str) -> Any:
        read.append(path.name)
        return original(record, path, shown)

    monkeypatch.setattr(load_module, "read_record", counted)
    return read


def test_workers_find_the_same_rows_and_problems(data: Path, edit: Edit, parallel: None) -> None:
    broken(data, edit)
    alone, alone_problems = validate(data, workers=1)
    shared, shared_problems = validate(data, workers=2)
    assert shared_problems == alone_problems
    assert {p.rule for p in shared_problems} >= {"type", "duplicate-key", "unknown-field", "yaml-syntax", "pattern"}
    assert {p.rule for p in shared_problems} >= {"enum", "within-validity"}
    assert rows(shared) == rows(alone)
    assert shared.files == alone.files


def test_a_warm_cache_reads_nothing_and_finds_the_same(data: Path, edit: Edit, tmp_path: Path, reads: list) -> None:
    broken(data, edit)
    age(data)
    fresh, fresh_problems = validate(data, workers=1)
    store = tmp_path / "cache"
    validate(data, cache=store, workers=1)
    reads.clear()
    warm, warm_problems = validate(data, cache=store, workers=1)
    assert reads == []
    assert warm_problems == fresh_problems
    assert rows(warm) == rows(fresh)


def test_a_changed_file_is_read_again(data: Path, edit: Edit, tmp_path: Path, reads: list) -> None:
    age(data)
    store = tmp_path / "cache"
    _, before = validate(data, cache=store, workers=1)
    assert before == []
    edit(AWARD, "tenders: 2", "tenders: 0150")
    os.utime(data / AWARD, (LONG_AGO + 60, LONG_AGO + 60))
    reads.clear()
    dataset, after = validate(data, cache=store, workers=1)
    assert reads == ["2024-001.yaml"]
    assert [(p.rule, p.field) for p in after] == [("type", "tenders")]
    award = next(r for r in dataset.tables["awards"] if r.file == (data / AWARD).as_posix())
    assert award.text["tenders"] == "0150"


def test_a_file_changed_just_now_is_not_trusted_to_the_cache(data: Path, tmp_path: Path, reads: list) -> None:
    age(data)
    os.utime(data / SUPPLIER)  # now: it may change again within the same clock tick, its time unchanged
    store = tmp_path / "cache"
    validate(data, cache=store, workers=1)
    reads.clear()
    validate(data, cache=store, workers=1)
    assert reads == [Path(SUPPLIER).name]


def test_the_cache_serves_a_copy_under_another_root(data: Path, edit: Edit, tmp_path: Path, reads: list) -> None:
    broken(data, edit)
    age(data)
    store = tmp_path / "cache"
    validate(data, cache=store, workers=1)
    copy = tmp_path / "copy"
    shutil.copytree(data, copy)  # copy2: the same sizes and times
    reads.clear()
    served, problems = validate(copy, cache=store, workers=1)
    assert reads == []
    expected, expected_problems = validate(copy, workers=1)
    assert problems == expected_problems
    assert all(p.file.startswith(copy.as_posix()) for p in problems)
    assert rows(served) == rows(expected)


def test_a_cache_from_other_code_is_not_used(data: Path, tmp_path: Path, reads: list) -> None:
    age(data)
    store = tmp_path / "cache"
    validate(data, cache=store, workers=1)
    with (store / cache_module.CACHE_FILE).open("rb") as stream:
        _, entries = pickle.load(stream)
    with (store / cache_module.CACHE_FILE).open("wb") as stream:
        pickle.dump(("another version of the loader", entries), stream)
    reads.clear()
    validate(data, cache=store, workers=1)
    assert len(reads) == 8


def test_an_unreadable_cache_is_read_past(data: Path, tmp_path: Path) -> None:
    store = tmp_path / "cache"
    store.mkdir()
    (store / cache_module.CACHE_FILE).write_bytes(b"not a pickle")
    _, problems = validate(data, cache=store, workers=1)
    assert problems == []


def test_frictionless_reads_the_text_exactly_as_written() -> None:
    """The CSV handed to frictionless keeps separators, quotes, line breaks and spaces at either end."""
    texts = ["plain", " leading", "trailing ", "a, b", 'say "hi"', "two\nlines", "cr\rhere", "crlf\r\n", "", None]
    names = [c for c in ("supplier_id", "name", "size", "country", "municipality")]
    table = [
        Row({}, {"supplier_id": f"X-{i}", "name": t, "size": "micro", "country": "NO", "municipality": None}, "f", 1)
        for i, t in enumerate(texts * 20)  # more lines than frictionless samples to guess a dialect from
    ]
    dataset = Dataset(Path("."))
    dataset.tables["suppliers"] = table
    read = schema_check.frictionless_package(dataset, "suppliers").get_resource("suppliers").read_rows()
    assert [row["name"] for row in read] == [t or None for t in texts * 20]
    assert list(read[0].keys()) == names


YAML_TRAPS = ["NO", "yes", "~", "null", "Null", "NULL", "", "0150", "12:30", "1e3", ".inf", "=", "<<", "2024-02-30"]


@pytest.mark.parametrize("written", [f"k: {t}" for t in YAML_TRAPS] + [f'k: "{t}"' for t in YAML_TRAPS])
def test_tags_tell_null_and_refused_tags_as_yaml_does(written: str) -> None:
    """The resolver answers only 'null?' and 'allowed?', and answers them as PyYAML's own resolver."""
    allowed = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
    ours = _compose(written).value[0][1]  # type: ignore[union-attr]
    theirs = yaml.compose(written, Loader=yaml.SafeLoader).value[0][1]
    assert ours.value == theirs.value
    assert (ours.tag.endswith(":null"), ours.tag in allowed) == (theirs.tag.endswith(":null"), theirs.tag in allowed)


def test_problems_from_workers_are_plain_problems(data: Path, edit: Edit, parallel: None) -> None:
    broken(data, edit)
    _, problems = validate(data, workers=2)
    assert problems and all(type(p) is Problem for p in problems)


def test_validate_takes_a_cache_folder(data: Path, edit: Edit, tmp_path: Path) -> None:
    broken(data, edit)
    age(data)
    runner = CliRunner()
    plain = runner.invoke(main, ["validate", "--data", str(data), "--format", "json"])
    store = tmp_path / "cache"
    for _ in range(2):  # cold, then warm
        cached = runner.invoke(main, ["validate", "--data", str(data), "--format", "json", "--cache", str(store)])
        assert (cached.exit_code, cached.output) == (plain.exit_code, plain.output) == (1, plain.output)
    assert (store / cache_module.CACHE_FILE).is_file()

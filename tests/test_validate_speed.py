"""What makes `dps validate` fast at national scale changes nothing it finds: worker processes, the load
cache, the CSV frictionless reads and the YAML resolver give the same rows and problems as before.

No timing here: the benchmark (bench/run.py) measures; these tests pin the results.
"""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from generator import load as load_module
from generator.check import schema as schema_check
from generator.check import validate
from generator.check.rows import frictionless_resource
from generator.cli import main
from generator.load import Dataset, Row, yamltree
from generator.load import cache as cache_module
from generator.load.plain import plain_tree
from generator.load.yamltree import _compose
from generator.problems import Problem

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


@pytest.fixture(autouse=True)
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache's key is kept in the user's cache folder: a temporary one here, never the real one."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))


@pytest.fixture
def parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Worker processes for any dataset, a few files per task so that every worker gets some."""
    monkeypatch.setattr(load_module, "PARALLEL_FROM_FILES", 0)
    monkeypatch.setattr(load_module, "_CHUNK", 2)
    monkeypatch.setattr(schema_check, "PARALLEL_FROM_ROWS", 0)


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


def test_a_run_that_changed_few_files_writes_only_them_and_the_next_reads_both(
    data: Path, edit: Edit, tmp_path: Path, reads: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    age(data)
    store = tmp_path / "cache"
    fresh, _ = validate(data, workers=1)
    validate(data, cache=store, workers=1)
    whole = (store / cache_module.CACHE_FILE).read_bytes()
    edit(AWARD, "tenders: 2", "tenders: 3")
    os.utime(data / AWARD, (LONG_AGO + 60, LONG_AGO + 60))
    (data / SUPPLIER).unlink()
    validate(data, cache=store, workers=1)
    assert (store / cache_module.CACHE_FILE).read_bytes() == whole  # the change is in the small file alone
    assert (store / cache_module.DELTA_FILE).is_file()
    reads.clear()
    warm, _ = validate(data, cache=store, workers=1)
    assert reads == []  # the changed award from the small file, the others from the whole; the supplier gone
    again, _ = validate(data, workers=1)
    assert rows(warm) == rows(again) != rows(fresh)
    # more changes than a delta holds: the whole cache is written again, and the old delta never taken with it
    monkeypatch.setattr(cache_module, "DELTA_MOST", 0)
    edit(AWARD, "tenders: 3", "tenders: 4")
    os.utime(data / AWARD, (LONG_AGO + 120, LONG_AGO + 120))
    validate(data, cache=store, workers=1)
    assert (store / cache_module.CACHE_FILE).read_bytes() != whole
    reads.clear()
    warm, _ = validate(data, cache=store, workers=1)
    assert reads == []
    assert rows(warm) == rows(validate(data, workers=1)[0])


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


def test_a_cache_from_other_code_is_not_used(
    data: Path, tmp_path: Path, reads: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    age(data)
    store = tmp_path / "cache"
    with monkeypatch.context() as other_code:
        other_code.setattr(cache_module, "fingerprint", lambda: "another version of the loader")
        validate(data, cache=store, workers=1)
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
    read = frictionless_resource("suppliers", table).read_rows()
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


# --- the plain reader: where it reads a file, it gives what YAML's walk gives ------------------------

FIXTURE_FILES = sorted((Path(__file__).parent / "fixtures").rglob("*.yaml"))
PIECES = [" ", "  ", "- ", ":", ": ", "#", '"', "\\", "\\n", "\\/", "\\u00e5", "[", "]", ", ", "null", "~", "<<", "="]
PIECES += ["NO", "\n", "\n  ", "&a ", "*a", "!!str ", "'", "|", ">", "{", "}", "%", "?", "0150", "é", "\t", "\r"]
PIECES += ["\ufffe", "key: v\n", "- a\n", "  - b: c\n", "---\n", "...\n", "x" * 10_001]


def walked(text: str) -> tuple[Any, list[Problem]]:
    """The tree and problems of YAML's own path: libyaml's composer, then the walk."""
    walker = yamltree._Walker("f")
    return walker.walk(yamltree._compose(text), depth=0, path=""), walker.problems


def mutations(seed: int, count: int) -> list[str]:
    """Fixture files with pieces of YAML syntax put in, cut out or lines swapped: near the plain layout."""
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in FIXTURE_FILES]
    out = []
    for _ in range(count):
        text = rng.choice(texts)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text) + 1)
            if rng.random() < 0.6:
                text = text[:at] + rng.choice(PIECES) + text[at:]
            else:
                text = text[:at] + text[at + rng.randint(1, 6) :]
        out.append(text)
    return out


def test_the_plain_reader_reads_the_fixtures_as_yaml_does() -> None:
    texts = [p.read_text(encoding="utf-8") for p in FIXTURE_FILES]
    read = [(plain_tree(t), t) for t in texts if yamltree.invisible_at(t) is None]
    assert sum(tree is not None for tree, _ in read) >= len(texts) // 2  # the layout `dps fmt` writes
    for tree, text in read:
        if tree is not None:
            assert (tree, []) == walked(text)


@pytest.mark.parametrize("seed", range(4))
def test_the_plain_reader_reads_a_file_as_yaml_does_or_leaves_it_to_yaml(seed: int) -> None:
    read = 0
    for text in mutations(seed, 1500):
        if yamltree.invisible_at(text) is not None:
            continue  # parse() reports these before any reader sees the text
        tree = plain_tree(text)
        if tree is not None:
            read += 1
            assert (tree, []) == walked(text), text
    assert read > 100  # the mutations stay close enough to the layout for the test to mean something


PLAIN = [
    "id: x\nleft: null\nother: Null\nmore: NULL\n",
    'id: "x"\nname: "Sier \\"nei\\" \\\\ a\\/b\\n\\t"\n',
    'id: x\ncategories: []\nsuppliers: [a, null, "b, c", ""]\n',
    'id: x\nbuyer:\n  id: "NO-BRC-1"\n  name: B\nnotices:\n    doffin: "1"\n',
    "\n\nid: x\nadmissions:\n  - scheme: s\n    categories: [a]\n\n  - scheme: t\n    left: 2024-01-01\nz: 1",
    'id: x\nlist:\n  - a\n  - "b"\n  - [c]\n',
]
NOT_PLAIN = [
    "id: x\nleft:\nz: 1\n",  # an empty value
    "id: x\nlist:\n- a\n",  # a list at its key's indent
    "id: x\nid: y\n",  # a repeated key
    "id: x # comment\n",
    "id: x\n  y: 1\n",
    "id: 'x'\n",
    "id: ~\n",
    "id: |\n  x\n",
    'id: "\\u00e5"\n',
    "id: x \n",
    "- id: x\n",
    "  id: x\n",
    "id: x\r\n",
    'id: "a\\rb"\n',  # a carriage return in a value: refused by the walk, with its place
]


@pytest.mark.parametrize("text", PLAIN)
def test_the_plain_layout_is_read_as_yaml_reads_it(text: str) -> None:
    tree = plain_tree(text)
    assert tree is not None
    assert (tree, []) == walked(text)


@pytest.mark.parametrize("text", NOT_PLAIN)
def test_more_of_yaml_is_left_to_yaml(text: str) -> None:
    assert plain_tree(text) is None

"""A load from the cache gives what a load without it gives, after every kind of edit, whether the cache keeps the
changes in its journal or writes its whole file again: the same tables, rows in the same order, the same values
of the same types, the same places and the same problems."""

from __future__ import annotations

import os
import random
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator import load as load_module
from generator.load import Dataset, load
from generator.load import cache as cache_module
from generator.load.cache import CACHE_FILE, JOURNAL_FILE
from generator.problems import Problem
from generator.runtime import in_fork

from .test_validate_speed import LONG_AGO, age

AWARD = "awards/tolk-fjordvik/2024-001.yaml"
SUPPLIER = "suppliers/SE-BLV-5561234567.yaml"


def exact(dataset: Dataset) -> dict[str, Any]:
    """Everything a loaded dataset holds, each value with its type (1 == Decimal('1.0') == True, but not here)."""
    return {
        "tables": {
            name: [
                (
                    [(column, type(value).__name__, repr(value)) for column, value in r.values.items()],
                    list(r.text.items()),
                    r.file,
                    r.line,
                    r.spots,
                    r.resource,
                    r.lines,
                    r.indices,
                    [r.spot(column) for column in r.values],
                )
                for r in table
            ]
            for name, table in dataset.tables.items()
        },
        "files": dataset.files,
        "unread_schemes": dataset.unread_schemes,
        "buyer_from_scheme": dataset.buyer_from_scheme,
    }


def loaded(data: Path, store: Path | None, workers: int = 1) -> tuple[dict[str, Any], list[Problem]]:
    """With 2 workers and a cache, the files' keys are looked up in a forked process (if KEYS_BESIDE_FROM_BYTES
    allows); the files themselves are read here, and counted by `reads`, below PARALLEL_FROM_FILES."""
    dataset, problems = load(data, store, workers=workers)
    return exact(dataset), problems


def touched(data: Path, relative: str, text: str, when: int) -> None:
    """Write a file anew (a new inode, as an editor or git does) with a modification time of its own."""
    path = data / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    path.write_text(text, encoding="utf-8")
    os.utime(path, (when, when))


def retitled(data: Path, when: int) -> set[str]:
    text = (data / AWARD).read_text(encoding="utf-8")
    touched(data, AWARD, text.replace("Tolking ved helsestasjonene 2024", "Tolking på legevakta"), when)
    return {AWARD}


def added(data: Path, when: int) -> set[str]:
    text = (data / AWARD).read_text(encoding="utf-8").replace("id: 2024-001", "id: 2024-003")
    touched(data, "awards/tolk-fjordvik/2024-003.yaml", text, when)
    return {"awards/tolk-fjordvik/2024-003.yaml"}


def removed(data: Path, when: int) -> set[str]:
    (data / "awards/renhold-nordhei/2024-001.yaml").unlink()
    return set()


def renamed(data: Path, when: int) -> set[str]:
    """A rename keeps the file's time and size: only its name says it is another file (whose id now differs)."""
    (data / "awards/tolk-fjordvik/2024-002.yaml").rename(data / "awards/tolk-fjordvik/2024-009.yaml")
    return {"awards/tolk-fjordvik/2024-009.yaml"}


def renamed_back(data: Path, when: int) -> set[str]:
    (data / "awards/tolk-fjordvik/2024-009.yaml").rename(data / "awards/tolk-fjordvik/2024-002.yaml")
    return {"awards/tolk-fjordvik/2024-002.yaml"}


def broken_yaml(data: Path, when: int) -> set[str]:
    touched(data, SUPPLIER, "id: SE-BLV-5561234567\n  name: [\n", when)
    return {SUPPLIER}


def mended(data: Path, when: int) -> set[str]:
    touched(data, SUPPLIER, (Path(__file__).parent / "fixtures/valid" / SUPPLIER).read_text(encoding="utf-8"), when)
    return {SUPPLIER}


def schema_problem(data: Path, when: int) -> set[str]:
    text = (data / AWARD).read_text(encoding="utf-8")
    touched(data, AWARD, text.replace("tenders: 2", "tenders: 0150\nnickname: x"), when)
    return {AWARD}


def misplaced(data: Path, when: int) -> set[str]:
    """Files that hold no record: a problem of their own, and no rows."""
    touched(data, "awards/2024-001.yaml", "id: 2024-001\n", when)
    touched(data, "schemes/.hidden.yaml", "id: x\n", when)
    return set()  # refused by their place, never read as records


def scheme_without_buyer_change(data: Path, when: int) -> set[str]:
    """An award that names no buyer takes its scheme's: a change to the scheme alone changes the award's row."""
    scheme = "schemes/tolk-fjordvik.yaml"
    text = (data / scheme).read_text(encoding="utf-8")
    touched(data, scheme, text.replace("Fjordvik kommune", "Fjordvik kommune (tolk)", 1), when)
    return {scheme}


def emptied(data: Path, when: int) -> set[str]:
    touched(data, "awards/tolk-fjordvik/2024-003.yaml", "", when)
    return {"awards/tolk-fjordvik/2024-003.yaml"}


EDITS: list[Callable[[Path, int], set[str]]] = [
    retitled,
    added,
    removed,
    renamed,
    broken_yaml,
    renamed_back,
    schema_problem,
    mended,
    misplaced,
    scheme_without_buyer_change,
    emptied,
]


@pytest.mark.parametrize(
    ("compact_from", "keys_beside"),
    [(1, False), (10**9, False), (1, True)],
    ids=["journal", "whole-file", "journal-keys-beside"],
)
def test_a_cached_load_equals_a_fresh_one_after_each_edit(
    data: Path,
    tmp_path: Path,
    reads: list[str],
    monkeypatch: pytest.MonkeyPatch,
    compact_from: int,
    keys_beside: bool,
) -> None:
    """compact_from 1: the journal keeps changes until they concern as many files as the whole file holds;
    10**9: every change writes the whole file again. keys_beside: the files' keys from a forked process."""
    monkeypatch.setattr(cache_module, "COMPACT_FROM", compact_from)
    forks: list[object] = []
    if keys_beside:
        monkeypatch.setattr(load_module, "KEYS_BESIDE_FROM_BYTES", 0)
        monkeypatch.setattr(load_module, "in_fork", lambda *call: forks.append(call) or in_fork(*call))
    looked_up_here: list[str] = []
    file_key = load_module.file_key
    monkeypatch.setattr(load_module, "file_key", lambda path: looked_up_here.append(path) or file_key(path))
    workers = 2 if keys_beside else 1
    age(data)
    store = tmp_path / "cache"
    assert loaded(data, store, workers) == loaded(data, None)
    kept = (store / CACHE_FILE).read_bytes()
    looked_up_here.clear()  # no cache yet: looked up here
    journalled = False
    for step, edit in enumerate(EDITS, start=1):
        changed = edit(data, LONG_AGO + 60 * step)
        expected = loaded(data, None)
        reads.clear()
        assert loaded(data, store, workers) == expected, edit.__name__
        assert sorted(reads) == sorted(Path(c).name for c in changed), edit.__name__  # the changed files alone
        reads.clear()
        assert loaded(data, store, workers) == expected, edit.__name__  # restored from what that run kept
        assert reads == [], edit.__name__
        journalled |= (store / JOURNAL_FILE).exists()
        if compact_from > 1:
            assert not (store / JOURNAL_FILE).exists()
    assert len(forks) == (2 * len(EDITS) if keys_beside else 0)  # each cached load after the first
    assert (looked_up_here == []) == keys_beside  # the forked process' keys were taken: it found the same files
    if compact_from == 1:
        assert journalled and (store / CACHE_FILE).read_bytes() == kept  # the whole file was never written again
        assert cache_module.refusal(store) is None


def test_a_file_changed_just_now_is_read_again_until_its_time_can_be_trusted(
    data: Path, tmp_path: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "COMPACT_FROM", 1)
    age(data)
    store = tmp_path / "cache"
    loaded(data, store)
    retitled(data, LONG_AGO + 60)
    os.utime(data / AWARD)  # now: it may change again within the same clock tick, its time unchanged
    expected = loaded(data, None)
    for _ in range(2):
        reads.clear()
        assert loaded(data, store) == expected
        assert reads == ["2024-001.yaml"]
    dataset, _ = load(data, store, workers=1)
    assert str(data / AWARD) not in dataset.file_keys and len(dataset.file_keys) == 7


def test_a_journal_is_used_only_with_the_file_it_was_written_for(
    data: Path, tmp_path: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A journal beside another whole file (an older one, or one written since by another run) is not used: what
    it says was kept of a file may not be what that file says."""
    monkeypatch.setattr(cache_module, "COMPACT_FROM", 1)
    age(data)
    store = tmp_path / "cache"
    loaded(data, store)
    retitled(data, LONG_AGO + 60)
    loaded(data, store)
    journal = (store / JOURNAL_FILE).read_bytes()
    other = tmp_path / "other"
    shutil.copytree(data, other)
    for path in other.rglob("*.yaml"):
        os.utime(path, (LONG_AGO + 5, LONG_AGO + 5))  # no file's key is one in `data`
    (store / CACHE_FILE).unlink()
    loaded(other, store)  # a whole file of its own: every file's time is another
    (store / JOURNAL_FILE).write_bytes(journal)
    expected = loaded(data, None)
    reads.clear()
    assert loaded(data, store) == expected
    assert len(reads) == 8  # every file read again: the whole file's keys are the other folder's
    reads.clear()
    assert loaded(data, store) == expected
    assert reads == []


def test_a_damaged_journal_is_absent(
    data: Path, tmp_path: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "COMPACT_FROM", 1)
    age(data)
    store = tmp_path / "cache"
    loaded(data, store)
    retitled(data, LONG_AGO + 60)
    loaded(data, store)
    path = store / JOURNAL_FILE
    written = path.read_bytes()
    path.write_bytes(written[:-1] + bytes([written[-1] ^ 1]))
    expected = loaded(data, None)
    reads.clear()
    assert loaded(data, store) == expected
    assert reads == ["2024-001.yaml"]  # the journal's file alone, read again
    reads.clear()
    assert loaded(data, store) == expected
    assert reads == []


def test_the_files_of_a_run_are_found_among_those_the_cache_holds_whatever_was_added_or_removed() -> None:
    rnd = random.Random(7)
    for _ in range(3000):
        universe = [f"awards/s/{i:03d}.yaml" for i in range(rnd.randint(0, 30))]
        kept = [name for name in universe if rnd.random() < 0.8]
        names = [name for name in universe if rnd.random() < 0.8]
        where = {name: i for i, name in enumerate(kept)}
        assert cache_module._positions(kept, names) == [where.get(name, len(kept)) for name in names]

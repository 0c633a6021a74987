"""Pagefind's index made again from the previous one (generator.site.search_index): the same files as an index made
from nothing, the unchanged ones linked, and a linked file that stands where a new one belongs never published."""

from __future__ import annotations

import gzip
import json
import os
import random
import shutil
from pathlib import Path

import cbor2
import pytest

from generator.site import search_index
from generator.site.search_index import CHUNKS, FRAGMENTS

# a page's address as Pagefind gives it: its folder below the documents' (an id outside [A-Za-z0-9._-] is quoted)
PAGES = [f"schemes/s{n}/" for n in range(24)] + ["schemes/a%C3%A6b/"]
WORDS = [f"ord{n}" for n in range(1500)]


def write_documents(folder: Path, changed: str | None = None) -> None:
    """A document per page, of 900 words drawn from 1,500: two word-index chunks or more (Pagefind cuts one at
    20,000 places). `changed`: that page's last word is a new one (the chunks of other words stay as they were)."""
    draw = random.Random(7)
    for path in PAGES:
        words = draw.choices(WORDS, k=900)
        if path == changed:
            words[-1] = "nytt"
        page = folder / path / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"<html><body><h1>{path}</h1><p>{' '.join(words)}</p></body></html>", encoding="utf-8")


def index(documents: Path, bundle: Path, previous: Path | None = None, store: Path | None = None) -> None:
    assert search_index.finish(search_index.start(documents, bundle, addresses(), previous, store)) is None


def addresses() -> list[str]:
    return ["/" + path for path in PAGES]


def made(bundle: Path) -> dict[str, bytes]:
    """The fragments and chunks: named by their content (the filters and the meta file are not; Pagefind#638)."""
    return {f"{folder}/{p.name}": p.read_bytes() for folder in (FRAGMENTS, CHUNKS) for p in (bundle / folder).iterdir()}


@pytest.fixture(scope="module")
def indexes(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The previous index (with its store), the documents after one page changed, and their index from nothing."""
    root = tmp_path_factory.mktemp("indexes")
    write_documents(root / "before")
    index(root / "before", root / "previous", store=root / "store.json")
    write_documents(root / "after", changed=PAGES[3])
    index(root / "after", root / "fresh")
    return root / "previous", root / "after", root / "fresh"


def test_an_index_made_from_the_previous_one_equals_one_made_from_nothing(indexes, tmp_path: Path) -> None:
    previous, documents, fresh = indexes
    store = tmp_path / "store.json"
    shutil.copy(previous.parent / "store.json", store)
    assert len(list((previous / CHUNKS).iterdir())) >= 2
    index(documents, tmp_path / "again", previous, store)
    assert made(tmp_path / "again") == made(fresh)
    linked = [p for p in (tmp_path / "again" / FRAGMENTS).iterdir() if (previous / FRAGMENTS / p.name).exists()]
    assert len(linked) == len(PAGES) - 1  # all but the changed page's, not written again
    assert all(os.path.samefile(p, previous / FRAGMENTS / p.name) for p in linked)
    # the store now holds the new index's fragments' addresses, for the next build
    stored = json.loads(store.read_text(encoding="utf-8"))
    assert sorted(stored["pages"].values()) == sorted(addresses())


def test_without_the_previous_fragments_addresses_only_its_chunks_are_linked(indexes, tmp_path: Path) -> None:
    previous, documents, fresh = indexes
    index(documents, tmp_path / "again", previous, tmp_path / "no store.json")
    assert made(tmp_path / "again") == made(fresh)
    assert not any(
        (previous / FRAGMENTS / p.name).exists() and os.path.samefile(p, previous / FRAGMENTS / p.name)
        for p in (tmp_path / "again" / FRAGMENTS).iterdir()
    )


def _tampered(previous: Path, into: Path, store: Path, fresh: Path, folder: str) -> tuple[str, bytes]:
    """A copy of the previous index in which another file of `folder` carries the name of a file the new index
    makes (as if their contents' hashes began alike), listed in its meta file: what Pagefind would leave in place."""
    shutil.copytree(previous, into)
    before, after = ({p.name for p in (index / folder).iterdir()} for index in (previous, fresh))
    new = sorted(after - before)[0]
    other = previous / folder / sorted(before & after)[0]  # of another page, or other words: unchanged
    shutil.copy(other, into / folder / new)
    name = new.rsplit(".", 1)[0]
    entry = json.loads((previous / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta_file = into / f"pagefind.{entry['languages']['nb']['hash']}.pf_meta"
    fields = cbor2.loads(gzip.decompress(meta_file.read_bytes()).removeprefix(b"pagefind_dcd"))
    stored = json.loads((previous.parent / "store.json").read_text(encoding="utf-8"))
    if folder == FRAGMENTS:
        fields[1].append([name, 900])
        stored["pages"][name] = stored["pages"][other.name.rsplit(".", 1)[0]]
    else:  # the words of the other chunk
        first, last, _ = next(chunk for chunk in fields[2] if chunk[2] == other.name.rsplit(".", 1)[0])
        fields[2].append([first, last, name])
    meta_file.write_bytes(gzip.compress(b"pagefind_dcd" + cbor2.dumps(fields)))
    store.write_text(json.dumps(stored), encoding="utf-8")
    return new, other.read_bytes()


@pytest.mark.parametrize("folder", [FRAGMENTS, CHUNKS])
def test_a_linked_file_standing_where_a_new_one_belongs_makes_the_index_again(
    folder: str, indexes, tmp_path: Path
) -> None:
    previous, documents, fresh = indexes
    store = tmp_path / "store.json"
    new, other = _tampered(previous, tmp_path / "previous", store, fresh, folder)
    index(documents, tmp_path / "again", tmp_path / "previous", store)
    assert (tmp_path / "again" / folder / new).read_bytes() != other
    assert made(tmp_path / "again") == made(fresh)

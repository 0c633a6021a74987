"""Pagefind's index of the search documents (generator.render.search); a rebuild starts it from the previous site's.

Pagefind names each page's fragment and each chunk of its word index by a hash of the file's content, and does not
write a file whose name is in its output folder already (its "immutable" files). Writing is most of its work at
national scale: every file compressed at gzip's best, in one thread, 7 of its 10 seconds. So a rebuild first links
the published index's fragments and chunks into the new index's folder, and Pagefind writes only those whose
content is new: after one award's title changed, 1 of 6,567 fragments and 38 of 233 chunks.

A name is 28 bits of the content's SHA-1, so a new content may share its name with a linked file of another
content, which Pagefind would then leave in place. The index is checked before it is published, and made again
from nothing if the check fails:
- a fragment holds its page's address: the fragments the new index names must each be of another page searched
  in this build (a new fragment shadowed by another page's linked one shows as a page named twice, or as a page no
  longer searched);
- a linked chunk must cover the same words as before (a new chunk shadowed by a linked one shows as a chunk out of
  its place in the word order).
What no check can see is a new version of a fragment or chunk whose name is its own old version's: one chance in
2^28 for each new file, as when Pagefind is run again over its own output, which it is made for.
The linked files the new index does not name are removed. The addresses of the fragments are kept in the build
cache, so that the next rebuild need not read them.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import zlib
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import cbor2

from generator.render.search import LANG
from generator.stored import save_json

_SIGNATURE = b"pagefind_dcd"  # what each of Pagefind's compressed files starts with, before its data
FRAGMENTS, CHUNKS = "fragment", "index"  # Pagefind's folders of pages' fragments and of word-index chunks
_SUFFIXES = {FRAGMENTS: ".pf_fragment", CHUNKS: ".pf_index"}
_T = TypeVar("_T")


@dataclass(frozen=True)
class Linked:
    """The previous index's files linked into the new index's folder before Pagefind ran."""

    fragments: dict[str, str]  # name -> the address of its page
    chunks: dict[str, tuple[str, str]]  # name -> the first and last words it covers (prefixes, as Pagefind has them)


@dataclass
class Indexing:
    process: subprocess.Popen[str]
    documents: Path
    bundle: Path
    addresses: frozenset[str]  # of the pages searched: the fragments' must be among them
    store: Path | None  # where the fragments' addresses are kept for the next build
    linked: Linked | None


def start_index(documents: Path, bundle: Path) -> subprocess.Popen[str]:
    """Pagefind indexing the documents into bundle (the site's pagefind/ folder), in the background."""
    command = ["-m", "pagefind", "--site", str(documents), "--output-path", str(bundle), "--force-language", LANG]
    return subprocess.Popen(
        [sys.executable, *command, "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def start(
    documents: Path,
    bundle: Path,
    addresses: Collection[str],
    previous: Path | None = None,
    store: Path | None = None,
) -> Indexing:
    """Pagefind indexing the documents (of the pages at these `addresses`) into bundle, in the background: with
    the fragments and chunks of the index in `previous` (the published site's pagefind/ folder) linked in first,
    those whose addresses `store` holds; finish() keeps the new index's there."""
    linked = _link_previous(previous, bundle, store) if previous is not None else None
    return Indexing(start_index(documents, bundle), documents, bundle, frozenset(addresses), store, linked)


def finish(indexing: Indexing) -> str | None:
    """Wait for Pagefind; its output if it failed, else None. The index is checked (see above) against the
    addresses of the pages searched, made again without the linked files if that fails, pruned of the linked files
    it does not name, and its fragments' addresses kept in its store."""
    failure = _waited(indexing.process)
    if failure is not None:
        return failure
    linked, searched = indexing.linked, indexing.addresses
    named = _checked(indexing.bundle, linked, searched)
    if named is None:  # a linked file stands where Pagefind had a new one to write
        shutil.rmtree(indexing.bundle)
        linked = None
        failure = _waited(start_index(indexing.documents, indexing.bundle))
        if failure is not None:
            return failure
        named = _checked(indexing.bundle, linked, searched)
        assert named is not None, "an index made from nothing has no linked file"
    meta, pages, chunks = named
    if linked is not None:
        _prune(indexing.bundle, FRAGMENTS, linked.fragments, pages)
        _prune(indexing.bundle, CHUNKS, linked.chunks, chunks)
    if indexing.store is not None:
        save_json(indexing.store, {"meta": meta, "pages": pages})
    return None


def _waited(process: subprocess.Popen[str]) -> str | None:
    output, _ = process.communicate()
    return output if process.returncode != 0 else None


def _link_previous(previous: Path, bundle: Path, store: Path | None) -> Linked | None:
    """Link the previous index's chunks, and its fragments whose addresses the store holds, into bundle."""
    try:
        meta, pages, chunks = _read_meta(previous)
    except (OSError, ValueError, LookupError, TypeError, cbor2.CBORDecodeError):  # none, or not Pagefind's own
        return None
    addresses = _stored_addresses(store, meta) if store is not None else {}
    fragments = {name: addresses[name] for name, _ in pages if name in addresses}
    return Linked(
        _linked(previous, bundle, FRAGMENTS, fragments),
        _linked(previous, bundle, CHUNKS, {name: (first, last) for first, last, name in chunks}),
    )


def _linked(previous: Path, bundle: Path, folder: str, files: dict[str, _T]) -> dict[str, _T]:
    """Those of the files (by name) in a folder of the previous index that could be linked into bundle's."""
    (bundle / folder).mkdir(parents=True)
    done = {}
    for name, about in files.items():
        file = name + _SUFFIXES[folder]
        try:
            os.link(previous / folder / file, bundle / folder / file)
        except FileNotFoundError:  # the published index lost it: Pagefind writes it
            continue
        done[name] = about
    return done


def _stored_addresses(store: Path, meta: str) -> dict[str, str]:
    """The fragments' addresses the store holds for the index of this meta, else none."""
    try:
        stored = json.loads(store.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(stored, dict) or stored.get("meta") != meta or not isinstance(stored.get("pages"), dict):
        return {}
    return {name: url for name, url in stored["pages"].items() if isinstance(url, str)}


def _read_meta(bundle: Path) -> tuple[str, list[tuple[str, int]], list[tuple[str, str, str]]]:
    """The index's meta file's name and what it lists: its pages (fragment name, word count) and its word-index
    chunks (first word, last word, name), in order."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = entry["languages"][LANG]["hash"]
    data = gzip.decompress((bundle / f"pagefind.{meta}.pf_meta").read_bytes())
    if not data.startswith(_SIGNATURE):
        raise ValueError("not a Pagefind meta file")
    fields = cbor2.loads(data[len(_SIGNATURE) :])  # version, pages, chunks, filters, sorts, ...
    pages = [(str(name), int(words)) for name, words in fields[1]]
    chunks = [(str(first), str(last), str(name)) for first, last, name in fields[2]]
    return str(meta), pages, chunks


def _checked(
    bundle: Path, linked: Linked | None, addresses: frozenset[str]
) -> tuple[str, dict[str, str], dict[str, tuple[str, str]]] | None:
    """The new index's meta file's name, its fragments (name -> address) and its chunks (name -> first and last
    word), or None if a linked file stands where a new one belonged (see the module's note)."""
    meta, pages, chunks = _read_meta(bundle)
    before = linked or Linked({}, {})
    found = {
        name: before.fragments.get(name) or _fragment_address(bundle / FRAGMENTS / (name + _SUFFIXES[FRAGMENTS]))
        for name, _ in pages
    }
    shadowed = len(set(found.values())) != len(found) or not addresses.issuperset(found.values())
    if linked is not None and shadowed:
        return None
    now = {name: (first, last) for first, last, name in chunks}
    if not all(_same_words(before.chunks[name], now[name]) for name in now.keys() & before.chunks.keys()):
        return None
    return meta, found, now


def _same_words(before: tuple[str, str], now: tuple[str, str]) -> bool:
    """Whether a chunk covers the same words: its bounds are prefixes of its first and last words, as short as
    its neighbours allow, so a neighbour's change may lengthen or shorten them, but not make them disagree."""
    return all(a.startswith(b) or b.startswith(a) for a, b in zip(before, now, strict=True))


def _fragment_address(path: Path) -> str:
    """The address of the page a fragment is of: the first field of its JSON, read from the start of the file."""
    data = path.read_bytes()
    head = _SIGNATURE + b'{"url":'
    start = zlib.decompressobj(wbits=31).decompress(data, 4096)
    if start.startswith(head):
        try:
            address, _ = json.JSONDecoder().raw_decode(start[len(head) :].decode("utf-8"))
        except ValueError:  # cut inside a character, or a longer address than read: the whole file
            address = None
        if isinstance(address, str):
            return address
    fragment: dict[str, Any] = json.loads(gzip.decompress(data)[len(_SIGNATURE) :])
    return str(fragment["url"])


def _prune(bundle: Path, folder: str, linked: Collection[str], named: Collection[str]) -> None:
    for name in set(linked) - set(named):
        (bundle / folder / (name + _SUFFIXES[folder])).unlink()

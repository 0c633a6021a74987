"""The name and id index: every buyer, scheme and supplier by its name and ids, and every award by its ids, as
small static JSON files that the search page fetches one or two of per query (site/assets/search.js ranks them).

Why not Pagefind for these (measurements in ../shared/SEARCH.md): its score cannot put an exact name or number
first, its Norwegian stemmer makes "Bergen" match every "Berg…" firm, and a first query downloads its whole page
list (≈200 KB for the 21,300 records of a national dataset). Here a query downloads one shard: the records having
a word that starts with the query's longest word's first three characters (a few KB), and for a query with a
digit also the bucket of awards whose id or notice is exactly the query. Pagefind stays for free text (scheme
descriptions, award titles), where stemming helps.

Normalisation (`tokens`) is the search page's too, and must stay so: lower case, accents dropped but æ, ø and å
kept, words are runs of letters and digits. tests/browser/test_search.py checks both sides on the same names.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

from generator import routes
from generator.model import Model
from generator.model.facts import award_year
from generator.render.keys import digest

if TYPE_CHECKING:  # model_files imports this module
    from generator.site.model_files import Kept

KEY_LENGTH = 3  # a shard holds the records having a word that starts with these characters
# Shards are hashed into a fixed number of files, every one of them written (empty: {}), so that a query never
# asks for a file that is not there (a 404 is an error in the browser's console) and no list of shards is needed.
SHARD_FILES = 4096  # about one shard a file at national scale (≈5,000 shards)
ID_BUCKETS = 1024  # awards by exact id, hashed (award ids repeat across schemes: "2024-001")
# words too common to choose a shard by (every supplier is an AS); a record still matches them
STOP = frozenset(
    {"as", "asa", "ans", "da", "enk", "sa", "ba", "ks", "hf", "iks", "kf", "ab", "aps", "oy", "brc", "cvr"}
)
_KEEP = frozenset("æøå")
_WORD = re.compile(r"[^\W_]+")

Record = list[object]  # [kind, id, name, context, extra words, weight, path]


class _Folded(dict[int, str]):
    """Each character's folded form by its code point, made the first time it is seen: str.translate looks
    characters up here, so a text is folded in one C call instead of a Python step per character."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = (
            char
            if char.isascii() or char in _KEEP
            else "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        )
        self[code] = folded
        return folded


_FOLDED = _Folded()


def fold(text: str) -> str:
    """Lower case, accents dropped (é → e, ü → u) but æ, ø, å kept: what people type for a name."""
    if text.isascii():  # most names and every id: NFC leaves ASCII as it is, and nothing in it is folded
        return text.lower()
    return unicodedata.normalize("NFC", text).lower().translate(_FOLDED)


def tokens(text: str) -> list[str]:
    """The words of a text as the index and the search page compare them.

    >>> tokens("Sætre Rør & Bygg AS"), tokens("NO-BRC-312345676"), tokens("Café Müller")
    (['sætre', 'rør', 'bygg', 'as'], ['no', 'brc', '312345676'], ['cafe', 'muller'])
    """
    return _WORD.findall(fold(text))


def key_of(word: str) -> str | None:
    """The shard a word is found in (None: too short or too common to choose a shard by)."""
    return None if len(word) < KEY_LENGTH or word in STOP else word[:KEY_LENGTH]


def fnv(key: str) -> int:
    """FNV-1a (32 bits) of a text's UTF-8 bytes: the search page computes the same to find a key's file."""
    h = 0x811C9DC5
    for byte in key.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def shard_file(key: str) -> str:
    """The file (below routes.NAMES) holding a word key's shard.

    >>> shard_file("ber")
    '3318.json'
    """
    return f"{fnv(key) % SHARD_FILES}.json"


def bucket_of(key: str) -> int:
    """An exact id's bucket (its file below routes.NAMES/ids)."""
    return fnv(key) % ID_BUCKETS


def _org_number(record_id: str) -> str:
    """A Norwegian organisation number alone, as people type it ("" for other ids)."""
    return record_id.rsplit("-", 1)[-1] if record_id.startswith("NO-BRC-") else ""


def _words(*values: object) -> str:
    return " ".join(str(v) for v in values if v not in (None, ""))


def records(ix: Model) -> Iterator[Record]:
    """Buyers, schemes and suppliers, each once: what it is found by and shown as."""
    for b in ix.buyers.values():
        weight = len(b.awards) + len(b.schemes)
        yield ["b", b.id, b.name, b.id, _org_number(b.id), weight, routes.buyer(b.id)]
    for s in ix.schemes.values():
        categories = ix.categories.get(s["scheme_id"], [])
        extra = _words(s["cpv"], s["doffin_notice"], s["ted_notice"], *(c["cpv"] for c in categories))
        awards = len(ix.awards_by_scheme.get(s["scheme_id"], []))
        yield [
            "s",
            s["scheme_id"],
            ix.scheme_name(s),
            s["buyer_name"] or "",
            extra,
            awards,
            routes.scheme(s["scheme_id"]),
        ]
    for p in ix.suppliers.values():
        context = _words(p["municipality"], p["country"])
        won = len(ix.awards_by_supplier.get(p["supplier_id"], []))
        supplier_id = p["supplier_id"]
        yield ["p", supplier_id, p["name"], context, _org_number(supplier_id), won, routes.supplier(supplier_id)]


class _Memo(dict[str, str]):
    """A function of a text, made once per distinct text: award ids repeat across schemes ("2024-001"), and a
    national site's 200,000 awards have 1,600 distinct ids."""

    def __init__(self, make: Callable[[str], str]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, text: str) -> str:
        made = self[text] = self.make(text)
        return made


def _id_key(text: str) -> str:
    """An exact id as the index keys it: its words, joined by a space."""
    return " ".join(tokens(text))


def award_records(ix: Model) -> Iterator[tuple[list[str], Record]]:
    """Each award with the exact ids it is found by (its id, its notices)."""
    for _, keys, record in _award_records(ix):
        yield keys, record


def _award_records(ix: Model) -> Iterator[tuple[tuple[str, str], list[str], Record]]:
    """award_records, each with the award's key (scheme, award id)."""
    id_key, award_segment = _Memo(_id_key), _Memo(routes.segment)
    # (scheme, year) → the award's context and its year's page: the same for the scheme's awards of a year
    pages: dict[tuple[str, int], tuple[str, str]] = {}
    for award, a in ix.awards.items():
        scheme_id, award_id = award
        year = award_year(a)
        if year is None:
            continue
        doffin, ted = a["doffin_notice"], a["ted_notice"]
        if doffin or ted:
            keys = sorted({id_key[i] for i in (award_id, doffin, ted) if i})
        else:
            keys = [id_key[award_id]] if award_id else []
        page = pages.get((scheme_id, year))
        if page is None:
            scheme = ix.schemes.get(scheme_id)
            context = f"{ix.scheme_name(scheme) if scheme else scheme_id} · {year}"
            page = pages[scheme_id, year] = (context, routes.scheme_year(scheme_id, year))
        # routes.award(scheme_id, award_id, year), of the parts made once (tests/test_beside_files.py compares)
        path = f"{page[1]}#{award_segment[award_id]}"
        yield award, keys, ["a", award_id, a["title"] or award_id, page[0], "", 0, path]


def shards(ix: Model) -> dict[str, list[Record]]:
    """Shard key → its records, in the records' order."""
    found: dict[str, list[Record]] = defaultdict(list)
    for record in records(ix):
        keys = {key_of(w) for w in tokens(_words(record[1], record[2], record[4]))} - {None}
        for key in sorted(k for k in keys if k is not None):
            found[key].append(record)
    return found


def buckets(ix: Model) -> dict[int, dict[str, list[Record]]]:
    """Bucket → exact id key → the awards having it."""
    return _buckets(ix, None)[0]


# an id bucket's inputs: exact id key → the digests its awards' records are made of (_buckets)
Inputs = dict[int, dict[str, list[str]]]


def _buckets(
    ix: Model, award_digests: Mapping[tuple[str, str], str] | None
) -> tuple[dict[int, dict[str, list[Record]]], Inputs]:
    """buckets(ix), and with award_digests what each bucket's records are made of: each award's digest (of its
    scheme, id, title and dates: its page and year) and its context (its scheme's name)."""
    found: dict[int, dict[str, list[Record]]] = defaultdict(lambda: defaultdict(list))
    inputs: Inputs = defaultdict(lambda: defaultdict(list))
    bucket = cache(bucket_of)  # award ids repeat across schemes
    for award, keys, record in _award_records(ix):
        for key in keys:
            found[bucket(key)][key].append(record)
            if award_digests is not None:
                inputs[bucket(key)][key].append(f"{award_digests[award]}\x1f{record[3]}")
    return found, inputs


def _bucket_key(inputs: dict[str, list[str]]) -> str:
    """A digest of what an id bucket is made of (its keys, in order, and their awards' inputs), from the awards'
    digests the explorer makes anyway: a digest of the records themselves costs as much as their JSON."""
    return digest("\x1d".join(key + "\x1c" + "\x1b".join(inputs[key]) for key in sorted(inputs)))


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def write_index(
    ix: Model,
    site: Path,
    kept: Kept | None = None,
    award_digests: Callable[[], Mapping[tuple[str, str], str]] | None = None,
) -> int:
    """Every shard file and id bucket below the site root (routes.NAMES), empty ones too; returns how many.
    `kept` and `award_digests` (explorer.award_digests): the published site's id buckets are linked where what
    they are made of is unchanged (generator.site.model_files); the shards are made (a tenth of the bytes)."""
    folder = site / routes.NAMES
    (folder / "ids").mkdir(parents=True, exist_ok=True)
    files: dict[str, dict[str, list[Record]]] = {f"{n}.json": {} for n in range(SHARD_FILES)}
    for key, found in shards(ix).items():
        files[shard_file(key)][key] = found
    for name, content in files.items():
        (folder / name).write_text(_dump(content), encoding="utf-8")
    digests = award_digests() if kept is not None and award_digests is not None else None
    by_id, inputs = _buckets(ix, digests)
    for n in range(ID_BUCKETS):
        content = by_id.get(n, {})
        if kept is not None and digests is not None:
            key = _bucket_key(inputs.get(n, {}))
            kept.write(site, f"{routes.NAMES}ids/{n}.json", key, partial(_encoded, content))
        else:
            (folder / f"ids/{n}.json").write_text(_dump(content), encoding="utf-8")
    return len(files) + ID_BUCKETS


def _encoded(content: dict[str, list[Record]]) -> bytes:
    return _dump(content).encode("utf-8")

"""What the schema check found in each record file, kept beside the load cache for the next run.

What a row breaks on its own (generator.check.rows, generator.check.values) depends on nothing but that row,
and a record file's rows are what loading it gives. The load cache (generator.load.cache) knows when that is
what an earlier run had: the file's modification time, size and mode are those of the result it keeps. So the
problems found in a file's rows are kept under that key, and a later run checks again only the rows of files
whose key is not kept: after one record changed, that record's rows. (A digest of the rows' text would trust
no cache, but it reads every cell of every row: seconds at national scale, where a key costs nothing.) What a
file's rows take from other files is kept beside the key: an award that names no buyer takes its scheme's, a
scheme without categories the implicit one. The keys of the tables span all files and are checked in full
every time (generator.check.keys).

The values' problems depend on the day as well (no event can lie after today): they are kept with the day and
found again for every row on another day, while frictionless' findings stay.

All of it is stale when the code that made it changes: the loader (it makes the rows), the checks, the problem
kinds, the table schemas, frictionless, pycountry (the ISO code lists) or Python. The file is sealed as the
load cache is (generator.load.cache.Sealed): planted, damaged or of another shape, it is not there.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from collections.abc import Iterable
from datetime import date
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import TypeGuard

from generator.load import Dataset
from generator.load import cache as load_cache
from generator.problems import Problem

Found = tuple[Problem, ...]
# a file's load cache key (modification time, size, mode); whether its award takes its scheme's buyer; whether its
# scheme takes the implicit category: what its rows are made of (see file_tokens)
Token = tuple[int, int, int, bool, bool]
Buyers = dict[str, tuple[str | None, str | None]]  # each scheme's buyer as written, by the scheme's id
Kept = tuple[str, Buyers, dict[str, Token], dict[str, tuple[Found, Found]]]  # the day, and what save() says

_file = attrgetter("file")
_buyer = itemgetter("buyer_id", "buyer_name")


def stamp() -> str:
    """What the findings depend on besides the rows: the code that made the rows and checked them, and its libraries."""
    digest = hashlib.sha256(load_cache.fingerprint().encode() + b"\0")
    generator = Path(__file__).parent.parent
    code = [*sorted((generator / "check").glob("*.py")), *sorted((generator / "problem_kinds").glob("*.py"))]
    for path in [*code, generator / "schemas" / "__init__.py"]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for library in ("frictionless", "pycountry"):
        digest.update(f"{library} {importlib.metadata.version(library)}\0".encode())
    return digest.hexdigest()


def file_tokens(dataset: Dataset) -> dict[str, Token]:
    """What each record file's rows are made of, for the files the load cache holds (the others are checked anew).

    A file's rows are what loading it gives (its load cache key says which), and what loading all files adds
    (generator.load.dataset.apply_defaults): an award that names no buyer takes its scheme's (which scheme's
    buyer it takes is kept apart, see scheme_buyers), and a scheme that no file gives a category takes the
    implicit one. Made per file, not per row: a national dataset has over half a million rows.
    """
    taken = dataset.buyer_from_scheme
    implicit = {row.file for row in dataset.tables["categories"] if row.spots is not None}  # made, not read
    return {file: (*key, file in taken, file in implicit) for file, key in dataset.file_keys.items()}


def scheme_buyers(dataset: Dataset) -> Buyers:
    """Each scheme's buyer as written, as the awards that name none take it (the last scheme of an id)."""
    return {row.values["scheme_id"]: _buyer(row.text) for row in dataset.tables["schemes"]}


def _well_formed(kept: object) -> TypeGuard[Kept]:
    """Whether what was read has the shape of what save() writes: (day, buyers, tokens, found)."""
    if not (type(kept) is tuple and len(kept) == 4 and type(kept[0]) is str):
        return False
    _, buyers, tokens, found = kept
    return (
        type(buyers) is dict
        and type(tokens) is dict
        and type(found) is dict
        and all(type(token) is tuple and len(token) == 5 for token in tokens.values())
        and all(
            type(pair) is tuple
            and len(pair) == 2
            and all(type(part) is tuple and all(type(p) is Problem for p in part) for part in pair)
            for pair in found.values()
        )
    )


class Remembered:
    """The findings kept in a cache folder (none where it may not be trusted: see generator.load.cache.refusal).

    >>> kept = Remembered(Path("~/.cache/dps/5d41402abc4b2a76"), date(2025, 3, 1))  # doctest: +SKIP
    >>> kept.known(dataset)  # doctest: +SKIP
    {'data/schemes/x.yaml': ((), ()), …}
    """

    def __init__(self, folder: Path, today: date) -> None:
        self.file = load_cache.Sealed(folder, load_cache.CHECK_FILE, stamp())
        self.today = today.isoformat()
        kept = self.file.read()
        nothing: Kept = ("", {}, {}, {})
        self.day, self.buyers, self.tokens, self.found = kept if _well_formed(kept) else nothing

    @property
    def same_day(self) -> bool:
        """Whether the values' findings kept were found on the same day (else they are found again)."""
        return self.day == self.today

    def known(self, dataset: Dataset) -> dict[str, tuple[Found, Found]]:
        """What was found in each file whose rows are as they were then: by frictionless and the casts; by the
        values' checks."""
        now = file_tokens(dataset)
        same = {file for file, token in self.tokens.items() if now.get(file) == token}
        buyers = scheme_buyers(dataset)
        changed = {
            scheme for scheme in buyers.keys() | self.buyers.keys() if buyers.get(scheme) != self.buyers.get(scheme)
        }
        if changed:  # the awards that take the buyer of a scheme whose buyer changed: their rows changed too
            taken = dataset.buyer_from_scheme
            same -= {
                row.file for row in dataset.tables["awards"] if row.file in taken and row.values["scheme_id"] in changed
            }
        return {file: self.found.get(file, ((), ())) for file in same}

    def save(self, dataset: Dataset, schema: Iterable[Problem], values: Iterable[Problem]) -> None:
        """Keep, for every file the load cache holds, what was found in its rows (by the checks of rows alone)."""
        tokens = file_tokens(dataset)
        if not tokens:
            return  # nothing to keep (a dataset not loaded with the cache): what is kept stays
        found: dict[str, tuple[list[Problem], list[Problem]]] = {}
        for kind, problems in enumerate((schema, values)):
            for problem in problems:
                if problem.file in tokens:
                    found.setdefault(problem.file, ([], []))[kind].append(problem)
        kept = {file: (tuple(s), tuple(v)) for file, (s, v) in found.items()}
        self.file.write((self.today, scheme_buyers(dataset), tokens, kept))

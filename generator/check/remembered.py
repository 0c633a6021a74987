"""What the schema check found in each record file, kept beside the load cache for the next run.

What a row breaks on its own (generator.check.rows, generator.check.values) depends on nothing but that row.
A record file's rows are what loading it gives, and the load cache (generator.load.cache) knows when that is
what an earlier run had: the file's modification time, size and mode are those of the result it keeps. So
the problems found in a file's rows are kept under that key, and a later run checks again only the rows of the
files whose key is not kept: after one record changed, that record's rows. (A digest of the rows' text would
need no cache to trust, but it reads every cell of every row: over a second at national scale, where this
costs nothing.) What a file's rows take from other files is part of the key: an award that names no buyer
takes its scheme's. The keys of the tables span all files and are checked in full every time
(generator.check.keys).

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
# a file's load cache key, and what its rows take from other files (see file_tokens)
Token = tuple[tuple[int, int, int], tuple[str | None, ...]]
# of one record file: its token; what frictionless and the casts found in its rows; what the values' checks did
Entry = tuple[Token, Found, Found]

_file = attrgetter("file")
_text = attrgetter("text")
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
    """What each record file's rows depend on, for the files the load cache holds (the others are checked anew):
    the file's load cache key, and for an award that names no buyer, the buyer it takes from its scheme."""
    awards = dataset.tables["awards"]
    buyers = dict(zip(map(_file, awards), map(_buyer, map(_text, awards)), strict=True))
    taken = dataset.buyer_from_scheme
    return {file: (key, buyers[file] if file in taken else ()) for file, key in dataset.file_keys.items()}


def _well_formed(kept: object) -> TypeGuard[tuple[str, dict[str, Entry]]]:
    """Whether what was read has the shape of what save() writes: (day, {file: (token, problems, problems)})."""
    if not (type(kept) is tuple and len(kept) == 2 and type(kept[0]) is str and type(kept[1]) is dict):
        return False
    return all(
        type(file) is str
        and type(entry) is tuple
        and len(entry) == 3
        and type(entry[0]) is tuple
        and all(type(found) is tuple and all(type(p) is Problem for p in found) for found in entry[1:])
        for file, entry in kept[1].items()
    )


class Remembered:
    """The findings kept in a cache folder (none where it may not be trusted: see generator.load.cache.refusal).

    >>> kept = Remembered(Path("~/.cache/dps/5d41402abc4b2a76"), date(2025, 3, 1))  # doctest: +SKIP
    >>> kept.known(file_tokens(dataset))  # doctest: +SKIP
    """

    def __init__(self, folder: Path, today: date) -> None:
        self.file = load_cache.Sealed(folder, load_cache.CHECK_FILE, stamp())
        self.today = today.isoformat()
        kept = self.file.read()
        self.day, self.entries = kept if _well_formed(kept) else ("", {})

    @property
    def same_day(self) -> bool:
        """Whether the values' findings kept were found on the same day (else they are found again)."""
        return self.day == self.today

    def known(self, tokens: dict[str, Token]) -> dict[str, Entry]:
        """What was found in each file whose rows are as they were then."""
        return {file: entry for file, entry in self.entries.items() if tokens.get(file) == entry[0]}

    def save(self, tokens: dict[str, Token], schema: Iterable[Problem], values: Iterable[Problem]) -> None:
        """Keep, for every file of this run with a token, what was found in its rows (by the checks of rows alone)."""
        if not tokens:
            return  # nothing to keep (a dataset not loaded with the cache): what is kept stays
        by_file: dict[str, tuple[list[Problem], list[Problem]]] = {file: ([], []) for file in tokens}
        for kind, found in enumerate((schema, values)):
            for problem in found:
                if problem.file in by_file:  # always: a row's problem is at its own file
                    by_file[problem.file][kind].append(problem)
        entries = {file: (tokens[file], tuple(s), tuple(v)) for file, (s, v) in by_file.items()}
        self.file.write((self.today, entries))

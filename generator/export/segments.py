"""A resource's rows in segments: runs of rows cut where the rows' own text says, each with a digest of that text.

A segment ends after a row whose CSV line hashes to a multiple of SEGMENT, so the cuts depend only on the rows next
to them: an edited, added or removed row changes its own segment (and at most merges or splits it with a
neighbour), never the others. A segment whose digest is the previous export's holds the same rows, so its part of
the JSON, Excel and SQLite files is taken from the previous export instead of made again (generator.export.reuse).

The digest is of the rows' CSV text, made anyway for the CSV files: that text, read by the table schema, gives
back each typed value exactly, and every format is made from those values. One exception: CSV writes an empty text
and an absent value alike, so a resource holding an empty text (the loader makes none; an empty cell is absent)
is not reusable.
"""

from __future__ import annotations

import hashlib
import zlib
from itertools import compress, count
from operator import not_
from typing import NamedTuple

from generator.export.tables import BLOCK, Blocks, field_types

SEGMENT = 512  # rows in a segment on average: the work redone for one edited row, and a little per segment


class Segment(NamedTuple):
    start: int  # the first row's index
    end: int  # after the last row's
    digest: str  # of the rows' CSV lines


class Segments(NamedTuple):
    spans: list[Segment]
    reusable: bool  # False: the text does not tell every value (see the module's note)


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def segments(lines: list[str], reusable: bool = True) -> Segments:
    """The rows (their CSV lines) in segments.

    >>> [s.end for s in segments([f"row {i}\\r\\n" for i in range(2000)]).spans][:3]
    [487, 837, 2000]
    """
    ends = list(compress(count(1), map(not_, map(SEGMENT.__rmod__, map(zlib.crc32, map(str.encode, lines))))))
    if lines and ends[-1:] != [len(lines)]:
        ends.append(len(lines))
    # each segment starts where the one before ends (the first at 0)
    spans = [
        Segment(start, end, digest("".join(lines[start:end]))) for start, end in zip([0, *ends], ends, strict=False)
    ]
    return Segments(spans, reusable)


def all_text_told(resource: str, rows: Blocks) -> bool:
    """Whether no text column holds an empty text, which its CSV line would not tell from an absent value."""
    kinds = list(field_types(resource).values())
    for block in rows:
        for kind, column in zip(kinds, block, strict=True):
            if kind == "string" and "" in column:
                return False
    return True


def rows_in(rows: Blocks, start: int, end: int) -> Blocks:
    """The rows start to end (indices) of a resource's blocks, as blocks of their own.

    >>> rows_in([[("a", "b", "c"), (1, 2, 3)]], 1, 3)
    [[('b', 'c'), (2, 3)]]
    """
    picked = []
    for number in range(start // BLOCK, (end - 1) // BLOCK + 1):
        low, high = max(start - number * BLOCK, 0), min(end - number * BLOCK, BLOCK)
        picked.append([column[low:high] for column in rows[number]])
    return picked

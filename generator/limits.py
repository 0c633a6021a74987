"""Bounds on what `data/` may hold, all in one place.

Each is far above national scale (DESIGN §7: 221,000 record files of a few KB each) so
real data never meets them; hostile or broken input meets them and ends in a clear
problem that names the limit, instead of exhausting memory or time.
"""

from __future__ import annotations

MAX_RECORD_FILES = 1_000_000  # files under data/; national scale has 221,000
MAX_FILE_BYTES = 1_000_000  # one record file; a national-scale record is under 5 KB
MAX_DEPTH = 12  # nesting levels in one record; the deepest field (admissions[].categories[]) is at 3
MAX_VALUES = 100_000  # keys, values and list items in one record; a supplier admitted to 5,000 categories has ~25,000
MAX_TEXT_CHARS = 10_000  # characters in one value: a long description has a few thousand; an Excel cell 32,767
MAX_DIGITS = 15  # significant digits of a number: spreadsheets and JavaScript keep 15, so more would not survive export

"""Bounds on what `data/` may hold, all in one place.

Each is far above national scale (DESIGN §7: 221,000 record files of a few KB each) so
real data never meets them; hostile or broken input meets them and ends in a clear
problem that names the limit, instead of exhausting memory or time.
"""

from __future__ import annotations

from datetime import date

MAX_RECORD_FILES = 1_000_000  # files under data/; national scale has 221,000
MAX_FILE_BYTES = 1_000_000  # one record file; a national-scale record is under 5 KB
MAX_DEPTH = 12  # nesting levels in one record; the deepest field (admissions[].categories[]) is at 3
MAX_VALUES = 100_000  # keys, values and list items in one record; a supplier admitted to 5,000 categories has ~25,000
MAX_TEXT_CHARS = 10_000  # characters in one value: a long description has a few thousand; an Excel cell 32,767
MAX_DIGITS = 15  # significant digits of a number: spreadsheets and JavaScript keep 15, so more would not survive export
MAX_DECIMALS = 6  # decimal places of an amount as written: money is counted to the øre (2); 6 leaves room
MAX_LIST_ITEMS = 1_000  # entries of one list in one record (winners of a call-off, admissions of a supplier)

# Dates a record may hold. Dynamic purchasing systems exist since Directive 2004/18/EC (31 March 2004), so
# no date of one is earlier; a date after 2099 is a typo (2925 for 2025) and would overflow date arithmetic
# at 9999. Dates of events that happened (published, requested, admitted, invited, awarded) also cannot lie
# after the day the check runs: the data's "today" is the newest of them.
EARLIEST_DATE = date(2004, 1, 1)
LATEST_DATE = date(2099, 12, 31)

# A published notice read by `dps import`: the real notices in ../shared/real-notices/ are 11-153 KB (the largest
# names 23 joint buyers); a notice with hundreds of lots stays within a few MB. A file beyond this is refused
# unread, and libxml2's own limits (huge_tree off) bound each text and the depth of the tree.
MAX_NOTICE_BYTES = 20_000_000

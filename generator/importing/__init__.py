"""Import: published notices (read by generator/notices/) turned into records in data/, for `dps import`.

Modules of one job each: `keys` (record ids and notice ids), `records` (a notice's facts as record fields),
`blocks` (editing a record's fields in place, comments kept), `store` (the record files: read once, written
atomically only when a value changed), `link` (which scheme a call-off belongs to), `apply` (one notice into
the records), `batch` (files in, outcomes out).
"""

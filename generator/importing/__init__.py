"""Import: published notices (read by generator/notices/) turned into records in data/, for `dps import`.

Modules of one job each: `keys` (record ids and notice ids), `records` (a notice's facts as record fields),
`blocks` (editing a record's fields in place, comments kept), `store` (the record files: read once, written
atomically only when a value changed; a problem placed on its field's line), `link` (which scheme a call-off
belongs to), `outcome` (what importing one file did), `apply` (one notice into the records), `batch` (files in,
outcomes out). OCDS files: `ocds_read` (JSON into releases, each value with its
path), `ocds_map` (which kind of release), `ocds_setup` and `ocds_award` (a set-up's and a call-off's fields),
`ocds_values` (the parts both share), `ocds_facts` (what a release says), `ocds_apply` (releases into the records).
"""

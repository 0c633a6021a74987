"""OCDS 1.1: the records as Open Contracting releases (DESIGN §3, issue 18).

Each scheme is a contracting process (the DPS's set-up: its categories are lots, each admission an award); each
call-off is a process of its own, linked back to its scheme by `relatedProcesses` ("framework"), as the standard's
framework-agreement guidance models a DPS. `settings` holds the publisher's choices (the OCID prefix), `ids` the
identifiers and dates, `parties` the organisations, `scheme` and `calloff` the two kinds of release, `package` the
files (release packages and compiled releases, whole and per scheme).
"""

from generator.ocds.package import write_ocds
from generator.ocds.settings import DEFAULT_PREFIX, OcdsSettings

__all__ = ["DEFAULT_PREFIX", "OcdsSettings", "write_ocds"]

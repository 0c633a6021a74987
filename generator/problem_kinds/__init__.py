"""Every kind of problem any stage reports, in one registry: id, severity, the rule in bokmål and English,
a hint on how to fix it and its legal source.

`generator.problems.error()` and `warning()` refuse an id that is not here, so a new check cannot report
a problem nobody explained; CONTRIBUTING.md's tables and the site's rule table are made from it.
"""

from __future__ import annotations

from generator.problem_kinds.files import FILE_KINDS
from generator.problem_kinds.kind import Kind, Severity
from generator.problem_kinds.notices import NOTICE_KINDS
from generator.problem_kinds.ocds import OCDS_KINDS
from generator.problem_kinds.rules import RULE_KINDS
from generator.problem_kinds.values import VALUE_KINDS

__all__ = ["GROUPS", "KINDS", "Kind", "Severity"]

# Grouped by the stage that finds them, in the order the docs list them.
GROUPS: dict[str, tuple[Kind, ...]] = {
    "files": FILE_KINDS,  # the loader and `dps fmt`: files, folders and YAML
    "values": VALUE_KINDS,  # the table schemas, with frictionless, and the value checks beside them
    "rules": RULE_KINDS,  # the domain rules of DESIGN §4
    "notices": NOTICE_KINDS,  # reading published notices (generator/notices/) for `dps import`
    "ocds": OCDS_KINDS,  # reading OCDS files (generator/importing/ocds_read.py) for `dps import`
}
KINDS: dict[str, Kind] = {kind.id: kind for group in GROUPS.values() for kind in group}

"""Read notices: published eForms (UBL) and TED XML R2.0.9 notices read safely into plain, typed facts.

The first layer of `dps import` (issue 17): it writes no records. `read_notice(path)` gives a `Reading`: the
notice's facts (`SetupNotice`, `AwardNotice` or `NotDps`, generator/notices/facts.py) and the problems found,
each placed at its file, line and element. Modules: `safexml` (reading XML safely), `sniff` (which format),
`ids` (identifiers normalised), `values` (dates, amounts, organisations), `eforms`, `eforms_setup`,
`eforms_award` and `ted` (the formats), `read` (one file in, facts out).
"""

from __future__ import annotations

from generator.notices.facts import (
    AwardNotice,
    Contract,
    Lot,
    NotDps,
    Notice,
    Organisation,
    Reference,
    SetupNotice,
    Termination,
)
from generator.notices.ids import identify
from generator.notices.read import Reading, read_notice

__all__ = [
    "AwardNotice",
    "Contract",
    "Lot",
    "NotDps",
    "Notice",
    "Organisation",
    "Reading",
    "Reference",
    "SetupNotice",
    "Termination",
    "identify",
    "read_notice",
]

"""What one OCDS release says, as record fields: the OCDS importer's reading (ocds_map) handed to its writing
(ocds_apply). Values are text as the records write them; None is "the release does not say", `NULL` (blocks.py)
an explicit unknown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Gap:
    """A value left unknown that the release gave in a form the records cannot take (a warning)."""

    path: str
    message: str


@dataclass
class Facts:
    """What one release says, as record fields."""

    ocid: str
    kind: str  # setup, award, other
    reason: str | None = None  # why a release of kind "other" is skipped
    scheme: str | None = None  # a set-up's scheme id
    framework: str | None = None  # a call-off's scheme's OCID; None: it names none
    scheme_fields: dict[str, Any] = field(default_factory=dict)
    categories: list[dict[str, Any]] | None = None
    admissions: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (supplier id, entry)
    awards: list[dict[str, Any]] = field(default_factory=list)  # each with "id" and the award's fields
    lots: dict[str, str | None] = field(default_factory=dict)  # award id -> the lot the release names
    paths: dict[str, str] = field(default_factory=dict)  # award id -> its award's JSON path, for problems
    suppliers: dict[str, dict[str, Any]] = field(default_factory=dict)  # org id -> supplier fields
    sources: list[dict[str, Any]] = field(default_factory=list)  # the notices the release's documents name
    source: dict[str, Any] = field(default_factory=dict)  # the release itself
    gaps: list[Gap] = field(default_factory=list)
    dps_type: str | None = None  # a call-off's DPS type, for a scheme known only from call-offs
    summary: str = ""  # a call-off in a few words, for the problem when it names no scheme
    own: bool = False  # in this project's export's shape (which lists admissions in the scheme's process)

"""One notice file in, its facts and problems out: the read-notices stage as one function."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.notices import eforms, eforms_award, eforms_setup, ted
from generator.notices.facts import NotDps, Notice, Source
from generator.notices.safexml import Element, Found, all_of, read, text_of
from generator.notices.sniff import Kind, sniff
from generator.problems import Problem, sorted_problems

_ROLES = {"setup": "sets up a procedure", "result": "gives results"}


@dataclass(frozen=True, slots=True)
class Reading:
    """What one notice file says (None if it could not be read as a notice) and the problems found reading it."""

    file: str
    notice: Notice | None
    problems: tuple[Problem, ...]


def read_notice(file: Path, *, name: str | None = None, doffin: str | None = None) -> Reading:
    """Read one notice file. `name` is how problems name the file (default: the path as given); `doffin` is the
    Doffin id where the caller knows it (Doffin's API), since native Doffin XML does not carry it.

    A file that cannot be read safely, or is no notice, gives a Reading with no notice and the problem why;
    nothing raises.
    """
    found = Found(name or str(file))
    root = read(file, found.file, found)
    notice = None
    if root is not None and (kind := sniff(root, found)) is not None:
        notice = _facts(root, kind, doffin, found)
    return Reading(found.file, notice, tuple(sorted_problems(found.problems)))


def _facts(root: Element, kind: Kind, doffin: str | None, found: Found) -> Notice:
    language = text_of(root, "cbc:NoticeLanguageCode") if kind.format == "eforms" else kind.form.get("LG")
    source = Source(found.file, kind.format, kind.subtype, kind.sdk, kind.tailoring, language)
    if kind.format == "ted-r209":
        if kind.role == "other" or ted.dps_usage(kind.form) is None:
            reason = (
                f"TED XML form {kind.subtype} neither sets up a procedure (F02) nor gives its results (F03)"
                if kind.role == "other"
                else f"not a dynamic purchasing system: the {kind.subtype} form's PROCEDURE holds no <DPS/>"
            )
            return NotDps(
                source, ted.notice_ids(root, doffin, found), text_of(kind.form, "ted:OBJECT_CONTRACT/ted:TITLE"), reason
            )
        if kind.role == "setup":
            return ted.read_setup(root, kind.form, source, doffin, found)
        return ted.read_award(root, kind.form, source, doffin, found)
    if kind.role == "other":
        reason = f"eForms subtype {kind.subtype} neither sets up a procedure nor gives its results"
    else:
        reason = eforms.not_dps_reason(all_of(root, eforms.LOT)) or ""
    if reason:
        title = eforms.in_language(root, eforms.PROJECT_NAME, language)
        return NotDps(source, eforms.notice_ids(root, doffin, found), title, reason)
    if kind.role == "setup":
        return eforms_setup.read_setup(root, source, doffin, found)
    return eforms_award.read_award(root, source, doffin, found)

"""A batch of notice files into a data folder: read each, apply them in a fixed order, write what changed.

The order does not depend on the order the files were given: set-up notices first (so that call-offs in the
same batch find their scheme), then award notices, each group by publication (or dispatch) date, notice id and
version, so a corrigendum is applied after the notice it corrects. Every file gets an outcome; a file that
cannot be read, or a record that cannot be written, is a problem and the rest of the batch still imports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator.importing.apply import Importer
from generator.importing.keys import doffin_from_name
from generator.importing.ocds_apply import import_ocds
from generator.importing.ocds_read import is_ocds
from generator.importing.outcome import Outcome
from generator.importing.store import Store
from generator.notices import AwardNotice, NotDps, Reading, SetupNotice, read_notice
from generator.problems import Problem, has_errors


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # the batch's own: files that could not be written

    @property
    def all_problems(self) -> list[Problem]:
        return [p for o in self.outcomes for p in o.problems] + self.problems

    @property
    def failed(self) -> bool:
        return has_errors(self.all_problems)


def notice_files(paths: Iterable[Path]) -> list[Path]:
    """The files given (notices, and OCDS files: `.json`, `.jsonl`), and every `.xml` file under each folder given
    (sorted, hidden ones left out): a folder of downloads may hold JSON that is no OCDS, so OCDS files are named."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p
                for p in path.rglob("*.xml")
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def _order(reading: Reading) -> tuple[int, date, str, int, str]:
    notice = reading.notice
    group = 0 if isinstance(notice, SetupNotice) else 1 if isinstance(notice, AwardNotice) else 2
    if notice is None:
        return group, date.min, "", 0, reading.file
    ids = notice.ids
    version = int(ids.version) if ids.version and ids.version.isdigit() else -1
    return group, ids.published or ids.dispatched or date.min, ids.ted or ids.doffin or "", version, reading.file


def import_notices(
    files: list[Path], data_dir: Path, each: Callable[[Iterable[Path]], Iterator[Path]] = iter
) -> Report:
    """Import notice files into `data_dir`; `each` wraps the files as they are read (a progress bar)."""
    xml = [path for path in files if not is_ocds(path)]
    readings = [read_notice(path, name=path.as_posix(), doffin=doffin_from_name(path.name)) for path in each(xml)]
    importer = Importer(Store(data_dir))
    report = Report()
    for reading in sorted(readings, key=_order):
        outcome = Outcome(reading.file, problems=list(reading.problems))
        notice = reading.notice
        if notice is None:
            outcome.status = "failed"
            outcome.reason = "not read as a notice"
        elif isinstance(notice, NotDps):
            outcome.status, outcome.kind, outcome.reason = "skipped", "other", notice.reason
        elif isinstance(notice, SetupNotice):
            outcome.kind = "setup"
            importer.setup(notice, outcome)
        else:
            outcome.kind = "award"
            importer.award(notice, outcome)
        report.outcomes.append(outcome)
    report.outcomes += import_ocds([path for path in files if is_ocds(path)], importer.store)  # after the notices
    report.problems = importer.store.write()
    unwritten = {p.file for p in report.problems}
    for outcome in report.outcomes:  # a record that could not be written was not created or updated
        outcome.created = [f for f in outcome.created if f not in unwritten]
        outcome.updated = [f for f in outcome.updated if f not in unwritten]
        outcome.problems = importer.store.place(outcome.problems)
    report.outcomes.sort(key=lambda o: o.file)
    return report

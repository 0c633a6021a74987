"""Benchmark `dps import`: notices imported per second on a batch of copies of the real notices.

    .venv/bin/python bench/import_notices.py [--notices 2000] [--keep DIR]

Each copy of a notice in ../shared/real-notices/ gets its own ids (its TED or Doffin number and its eForms UUID
replaced), so every copy is a notice of its own: set-ups give schemes, call-offs give awards under schemes known
only from their call-offs, the Norwegian notices that are not about a DPS are skipped. The copies are written to
a temporary folder first; the time is that of reading, linking and writing them into an empty data folder, in
one process, then of the same import again (nothing to change).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.importing.batch import import_notices, notice_files  # noqa: E402
from generator.notices import read_notice  # noqa: E402
from tests.test_notices import NOTICES  # noqa: E402  (../shared, also from a git worktree)


def _own_ids(original: Path) -> tuple[list[str], str | None]:
    """The numbers of a notice's own TED and Doffin ids (`549479` of 549479-2020, `335407` of 2023-335407), and
    its eForms UUID."""
    notice = read_notice(original).notice
    if notice is None:
        return [], None
    numbers = [notice.ids.doffin.split("-")[1]] if notice.ids.doffin else []
    numbers += [notice.ids.ted.split("-")[0]] if notice.ids.ted else []
    return numbers, notice.ids.eforms


def copies(folder: Path, wanted: int) -> list[Path]:
    """At least `wanted` copies of the real notices, each with new ids, written to `folder`."""
    originals = {path: (path.read_text(encoding="utf-8"), *_own_ids(path)) for path in sorted(NOTICES.glob("*.xml"))}
    made: list[Path] = []
    for serial in range(wanted + (-wanted % len(originals))):
        original = list(originals)[serial % len(originals)]
        text, numbers, eforms = originals[original]
        new = str(900000 + serial)  # six digits: a Doffin or TED number
        for number in numbers:
            text = text.replace(number, new)
        if eforms:
            text = text.replace(eforms, str(uuid.UUID(int=serial)))
        # Doffin's own XML names its id only in the file name
        name = f"doffin_2024-{new}.xml" if original.name.startswith("doffin_") else f"{new}-{original.name}"
        (folder / name).write_text(text, encoding="utf-8")
        made.append(folder / name)
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notices", type=int, default=2000)
    parser.add_argument("--keep", type=Path, help="import into this (new) folder and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        notices = Path(tmp) / "notices"
        notices.mkdir()
        copies(notices, args.notices)
        files = notice_files([notices])
        data = args.keep or Path(tmp) / "data"
        start = time.perf_counter()
        report = import_notices(files, data)
        first = time.perf_counter() - start
        start = time.perf_counter()
        again = import_notices(files, data)
        second = time.perf_counter() - start
    counts: dict[str, int] = {}
    for outcome in report.outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    unchanged = sum(o.status in ("unchanged", "skipped") for o in again.outcomes)
    print(f"{len(files):,} notices: " + ", ".join(f"{n:,} {s}" for s, n in sorted(counts.items())))
    print(f"import into an empty folder: {first:.1f} s, {len(files) / first:,.0f} notices/s")
    print(
        f"same import again ({unchanged:,} unchanged or skipped): {second:.1f} s, {len(files) / second:,.0f} notices/s"
    )


if __name__ == "__main__":
    main()

"""`dps import`: published notices in, records in data/ out."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import click

from generator.check import report
from generator.cli.options import DATA_OPTION

_PROGRESS_FROM = 100  # files: below this a batch reads in a moment, and a bar would only flicker
_STATUSES = ("created", "updated", "unchanged", "skipped", "failed")


@click.command("import")
@DATA_OPTION
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for scripts.",
)
@click.option("--progress", is_flag=True, help="Show a progress bar on stderr even when it is not a terminal.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
def import_(data_dir: Path, output_format: str, progress: bool, paths: tuple[Path, ...]) -> None:
    """Import published notices (FILE_OR_FOLDER...: XML or OCDS files, or folders of them) into records under --data.

    Reads eForms notices (set-up 16, 17, 10, 11, N16, E3; results 29, 30, N29, E4) and TED XML R2.0.9 F02/F03,
    telling the formats apart by content. A DPS set-up notice becomes a scheme; a call-off's award notice
    becomes one award per contract, its winners suppliers with an inferred admission. A notice not about a
    DPS is skipped with its reason. Records already in --data are updated in place: the fields a notice gives
    replace theirs, everything people wrote stays, and running the same import again changes nothing.

    Doffin's own XML does not carry the Doffin id: name the file by it, as Doffin's downloads are
    (`2024-100829.xml` or `doffin_2024-100829_anything.xml`), and the id comes from the name.

    A call-off whose DPS is neither in --data nor in the batch is kept under a scheme known only from its
    call-offs; the output names the notice to import to complete it. Records keep a notice's TED and Doffin
    ids, so a call-off naming its DPS only by eForms notice or procedure id finds it in the same run: import
    the whole folder of downloads each time (notices already imported change nothing).

    OCDS files given by name (`.json` release or record packages, `.jsonl` JSON Lines; a folder gives its
    XML notices only) are read too: a DPS set-up
    (techniques.hasDynamicPurchasingSystem, or a framework agreement that says it is a DPS) becomes a scheme,
    a call-off that names its scheme's process (relatedProcesses `framework`) its awards; one that names no
    DPS (Contracts Finder's) is reported, not guessed. Problems name the file and the JSON path.

    Exits 1 when any notice or record has an error (the rest of the batch is still imported), else 0.

    \b
    Example:
      dps import downloads/ --data data
      dps validate --data data
    """
    from generator.importing.batch import import_notices, notice_files

    files = notice_files(paths)
    show = progress or (sys.stderr.isatty() and len(files) >= _PROGRESS_FROM)

    def each(items: Iterable[Path]) -> Iterator[Path]:
        if not show:
            yield from items
            return
        with click.progressbar(list(items), label="reading notices", file=sys.stderr) as bar:
            yield from bar

    data_dir.mkdir(parents=True, exist_ok=True)
    result = import_notices(files, data_dir, each)
    counts = Counter(str(o.status) for o in result.outcomes)
    stubs = [o for o in result.outcomes if o.stub]
    if output_format == "json":
        body = {
            "outcomes": [
                {
                    "file": o.file,
                    "status": o.status,
                    "kind": o.kind,
                    "notice": o.notice,
                    "created": o.created,
                    "updated": o.updated,
                    "reason": o.reason,
                    "import_next": o.stub,
                    "problems": [p.as_dict() for p in o.problems],
                }
                for o in result.outcomes
            ],
            "problems": [p.as_dict() for p in result.problems],
            "counts": {status: counts[status] for status in _STATUSES} | {"known_only_from_call_offs": len(stubs)},
        }
        click.echo(json.dumps(body, ensure_ascii=False, indent=2))
    else:
        for o in result.outcomes:
            records = ", ".join(o.created + o.updated)
            detail = records if o.status in ("created", "updated") else (o.reason or records)
            click.echo(f"{o.status}: {o.file}" + (f": {detail}" if detail else ""))
            if o.stub:
                click.echo(f"unlinked: {o.file}: linked to a scheme known only from its call-offs: import {o.stub}")
        problems = result.all_problems
        if problems:
            # the files looked at: the notices read, and the record files a problem was found in
            looked = {o.file for o in result.outcomes} | {p.file for p in problems}
            click.echo(report.as_text(problems, len(looked)), nl=False)
        summary = ", ".join(f"{counts[s]} {s}" for s in _STATUSES)
        click.echo(
            f"{len(result.outcomes)} notice file{'s' * (len(result.outcomes) != 1)}: {summary}; "
            f"{len(stubs)} linked to schemes known only from their call-offs"
        )
    sys.exit(1 if result.failed else 0)

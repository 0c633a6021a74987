"""`dps validate`, `dps export` and `dps check-files`: the records checked, and their downloads."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.check import report
from generator.check import validate as validate_records
from generator.cli.options import CACHE_OPTION, DATA_OPTION, OCID_PREFIX_OPTION, require_folder, trusted_cache
from generator.problems import has_errors


@click.command("validate")
@DATA_OPTION
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "github", "json"]),
    default="text",
    show_default=True,
    help="text for people, github for pull-request annotations, json for programs.",
)
@CACHE_OPTION
def validate(data_dir: Path, output_format: str, cache_dir: Path | None) -> None:
    """Check every record: table schemas, then the domain rules.

    Exits 0 when there are no errors (warnings allowed), 1 when there are errors.

    \b
    Example:
      dps validate --data data --format github
    """
    require_folder(data_dir)
    dataset, problems = validate_records(data_dir, cache=trusted_cache(cache_dir))
    if output_format == "json":
        click.echo(report.as_json(problems), nl=False)
    elif output_format == "github":
        click.echo(report.as_github(problems, dataset.files), nl=False)
    else:
        click.echo(report.as_text(problems, dataset.files), nl=False)
    sys.exit(1 if has_errors(problems) else 0)


@click.command("export")
@DATA_OPTION
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build/downloads"),
    show_default=True,
    help="Folder for the downloads: new, empty or an earlier export; replaced whole only when the export succeeds.",
)
@OCID_PREFIX_OPTION
def export(data_dir: Path, out_dir: Path, ocid_prefix: str) -> None:
    """Write the downloads: data package (datapackage.json + CSV), Excel, SQLite, JSON, OCDS (a release package and
    compiled releases as JSON Lines), per-scheme cuts, downloads.json.

    Records with errors write nothing: the problems are printed as `dps validate` prints them and the
    exit code is 1. A failed export leaves the previous output as it was.

    \b
    Example:
      dps export --data data --out build/downloads
    """
    from generator.export import ExportError, export_folder, replaceable
    from generator.ocds import OcdsSettings

    require_folder(data_dir)
    if not replaceable(out_dir):
        raise click.BadParameter(f"{out_dir} is not an earlier export; give a new or empty folder", param_hint="--out")
    try:
        seconds: dict[str, float] = {}
        dataset, problems, entries = export_folder(data_dir, out_dir, OcdsSettings(ocid_prefix), seconds)
    except ExportError as failure:
        click.echo(f"{failure}\nNothing written. {out_dir} is unchanged.", err=True)
        sys.exit(1)
    if entries is None:
        click.echo(report.as_text(problems, dataset.files), nl=False)
        click.echo(f"Nothing written: fix the errors above. {out_dir} is unchanged.", err=True)
        sys.exit(1)
    size = sum(entry["bytes"] for entry in entries)
    parts = ", ".join(f"{part} {took:.1f} s" for part, took in seconds.items())
    click.echo(
        f"wrote {len(entries)} files ({size:,} bytes) and downloads.json to {out_dir} ({parts}); "
        f"{len(problems)} warnings"
    )


@click.command("check-files")
@DATA_OPTION
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
def check_files(data_dir: Path, files: tuple[Path, ...]) -> None:
    """Check the whole data folder but report only FILES and the records that refer to them (for pre-commit).

    A FILE that no longer exists counts as a deleted record: the records that referred to it are reported.
    Exits 0 when those have no errors, 1 when they do.

    \b
    Example:
      dps check-files data/suppliers/NO-BRC-312345692.yaml
    """
    from generator.authoring.scaffold import problems_for

    require_folder(data_dir)
    inside = [file for file in files if file.resolve().is_relative_to(data_dir.resolve())]
    for outside in sorted(set(files) - set(inside)):
        click.echo(f"skipped {outside.as_posix()}: not in {data_dir.as_posix()}")
    problems = problems_for(data_dir, inside) if inside else []
    click.echo(report.as_text(problems, len(inside)), nl=False)
    sys.exit(1 if has_errors(problems) else 0)

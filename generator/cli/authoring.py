"""`dps fmt`, `dps new`, `dps admit` and `dps changes`: writing records by hand, and what changed."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from generator.check import report
from generator.cli.options import DATA_OPTION, require_folder
from generator.problems import Problem, has_errors


@click.command("fmt")
@DATA_OPTION
@click.option("--check", is_flag=True, help="Change nothing; exit 1 listing the files not in the canonical layout.")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def fmt(data_dir: Path, check: bool, files: tuple[Path, ...]) -> None:
    """Lay record files out canonically: field order, quoting, dates. Comments stay, values never change.

    Without FILES, every record under --data. Files with YAML errors are reported and left alone.

    \b
    Example:
      dps fmt --check
      dps fmt data/schemes/tolk-fjordvik.yaml
    """
    from generator.authoring.fmt import format_files, record_of
    from generator.load import discover
    from generator.problems import error

    targets: list[tuple[str, Path, str]] = []
    problems: list[Problem] = []
    if files:
        for path in files:
            record = record_of(path, data_dir)
            if record is None:
                problems.append(error("wrong-folder", path.as_posix(), 1, "", "not a record file; fmt leaves it"))
            else:
                targets.append((record, path, path.as_posix()))
    else:
        require_folder(data_dir)
        targets, _ = discover(data_dir)  # misplaced files are `dps validate`'s to report
    changed, found = format_files(targets, write=not check)
    problems += found
    for shown in changed:
        click.echo(f"{'not canonical' if check else 'reformatted'}: {shown}")
    if problems:
        click.echo(report.as_text(problems, len(targets)), nl=False)
    verb = "are not in the canonical layout (run `dps fmt`)" if check else "were reformatted"
    click.echo(f"{len(changed)} of {len(targets)} file{'s' * (len(targets) != 1)} {verb}")
    sys.exit(1 if problems or (check and changed) else 0)


@click.command("changes")
@DATA_OPTION
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="text for release notes, markdown for a job summary, json for programs.",
)
@click.argument("base")
@click.argument("head", default="HEAD")
def changes(data_dir: Path, output_format: str, base: str, head: str) -> None:
    """Records added, changed and removed between two git revisions, by type, with their ids.

    Compares what HEAD changed since it parted from BASE (git's BASE...HEAD), so a pull
    request's changes show even when its base branch moved on.

    \b
    Example:
      dps changes v2024.1 HEAD
      dps changes origin/main --format markdown >> "$GITHUB_STEP_SUMMARY"
    """
    import json

    from generator.authoring.history import HistoryError, changes_between, summary

    try:
        found = changes_between(data_dir, data_dir, base, head)
    except HistoryError as exc:
        raise click.UsageError(f"git: {exc}") from exc
    if output_format == "json":
        hidden = ("date", "commit")
        rows = [{key: value for key, value in change._asdict().items() if key not in hidden} for change in found]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        click.echo(summary(found, base, head, markdown=output_format == "markdown"), nl=False)


def _report_written(path: Path, problems: list[Problem]) -> None:
    """What `dps new` and `dps admit` print after writing: the file, then its problems; exit 1 on errors."""
    click.echo(f"wrote {path.as_posix()}")
    if problems:
        click.echo(report.as_text(problems, 1), nl=False)
    sys.exit(1 if has_errors(problems) else 0)


def _field_type(record: str, yaml_path: str, choices: list[str] | None = None) -> click.ParamType[Any]:
    from generator.authoring.scaffold import field_doc

    doc = field_doc(yaml_path, record)
    enum = choices or doc.get("constraints", {}).get("enum")
    if enum:
        return click.Choice(enum)
    if doc["type"] == "date":
        return click.DateTime(["%Y-%m-%d"])
    if doc["type"] == "integer":
        return click.IntRange(min=0)
    return click.STRING


def _text(value: object) -> object:
    """A date given on the command line as YAML's text; any other value as it is."""
    return value.date().isoformat() if isinstance(value, datetime) else value


NO_INPUT = click.option(
    "--no-input", is_flag=True, help="Never ask: a missing required field is an error (for scripts)."
)


@click.group("new")
def new() -> None:
    """Write a new record in its place, asking for the required fields not given as options.

    \b
    Example:
      dps new supplier --id NO-BRC-312345692 --name "Fjordtolk AS" --size small --country NO --no-input
      dps new award --scheme tolk-fjordvik   (asks for the rest)
    """


def _new_command(record: str) -> click.Command:
    """`dps new RECORD`: an option for each field `dps new` knows, asking for the required ones not given."""
    from generator.authoring.scaffold import FIELDS, ScaffoldError, field_doc, new_record, scheme_categories

    def command(data_dir: Path, no_input: bool, **given: object) -> None:
        values: dict[str, object] = {}
        for field in FIELDS[record]:
            value = given[field.option.replace("-", "_")]
            required = field.required
            choices = None
            if field.yaml == "category":  # required when the scheme has categories, and one of them
                try:
                    choices = scheme_categories(data_dir, str(values["scheme"]))
                except ScaffoldError as exc:
                    raise click.UsageError(str(exc)) from exc
                if choices is None:
                    raise click.UsageError(f"no scheme '{values['scheme']}' in {data_dir / 'schemes'}")
                required = bool(choices)
            if value in (None, ()) and required:
                if no_input:
                    raise click.UsageError(f"--{field.option} is required")
                title = field_doc(field.yaml, record)["title"]
                value = click.prompt(title, type=_field_type(record, field.yaml, choices))
            if field.many and isinstance(value, tuple):  # a repeated option gives a tuple
                values[field.yaml] = [_text(item) for item in value]
            else:
                values[field.yaml] = _text(value)
        try:
            path, problems = new_record(data_dir, record, values)
        except ScaffoldError as exc:
            raise click.ClickException(str(exc)) from exc
        _report_written(path, problems)

    for field in reversed(FIELDS[record]):
        doc = field_doc(field.yaml, record)
        command = click.option(
            f"--{field.option}",
            type=_field_type(record, field.yaml),
            multiple=field.many,
            help=doc["description"] + (" Asked for when missing." if field.required else ""),
        )(command)
    command = NO_INPUT(DATA_OPTION(command))
    return click.command(record, help=f"Write a new {record} record; see `dps new --help`.")(command)


for _record in ("scheme", "supplier", "award"):
    new.add_command(_new_command(_record))


@click.command("admit")
@DATA_OPTION
@NO_INPUT
@click.argument("supplier")
@click.argument("scheme")
@click.option("--category", "categories", multiple=True, help="A category of the scheme; repeat for several.")
@click.option("--requested", type=click.DateTime(["%Y-%m-%d"]), help="When the supplier asked to be admitted.")
@click.option("--admitted", type=click.DateTime(["%Y-%m-%d"]), help="When it was admitted. Asked for when missing.")
def admit(
    data_dir: Path,
    no_input: bool,
    supplier: str,
    scheme: str,
    categories: tuple[str, ...],
    requested: datetime | None,
    admitted: datetime | None,
) -> None:
    """Add an admission to SUPPLIER's file for SCHEME; the rest of the file, comments too, stays as it is.

    \b
    Example:
      dps admit NO-BRC-312345692 tolk-fjordvik --category muntlig --requested 2024-05-02 --admitted 2024-05-10
    """
    from generator.authoring.scaffold import ScaffoldError
    from generator.authoring.scaffold import admit as admit_supplier

    if admitted is None:
        if no_input:
            raise click.UsageError("--admitted is required")
        admitted = click.prompt("Admitted (YYYY-MM-DD)", type=click.DateTime(["%Y-%m-%d"]))
    requested_day = requested.date().isoformat() if requested else None
    try:
        path, problems = admit_supplier(
            data_dir, supplier, scheme, list(categories), admitted.date().isoformat(), requested_day
        )
    except ScaffoldError as exc:
        raise click.ClickException(str(exc)) from exc
    _report_written(path, problems)

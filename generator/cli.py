"""The `dps` command line: thin glue over the pipeline's stages. Only this module prints."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import report
from .check import validate as validate_records
from .problems import has_errors

DATA_OPTION = click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("data"),
    show_default=True,
    help="Folder holding the records (schemes/, suppliers/, awards/).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Publish open data about Dynamic Purchasing Systems (dynamiske innkjøpsordninger).

    \b
    Example:
      dps validate --data data
    """


@main.command()
@DATA_OPTION
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "github", "json"]),
    default="text",
    show_default=True,
    help="text for people, github for pull-request annotations, json for programs.",
)
def validate(data_dir: Path, output_format: str) -> None:
    """Check every record: table schemas, then the domain rules.

    Exits 0 when there are no errors (warnings allowed), 1 when there are errors.

    \b
    Example:
      dps validate --data data --format github
    """
    if not data_dir.is_dir():
        raise click.BadParameter(f"{data_dir} is not a folder", param_hint="--data")
    dataset, problems = validate_records(data_dir)
    if output_format == "json":
        click.echo(report.as_json(problems), nl=False)
    elif output_format == "github":
        click.echo(report.as_github(problems, dataset.files), nl=False)
    else:
        click.echo(report.as_text(problems, dataset.files), nl=False)
    sys.exit(1 if has_errors(problems) else 0)


@main.command()
@click.option("--scale", type=click.Choice(["tiny", "small", "national"]), default="small", show_default=True)
@click.option("--seed", type=int, default=1, show_default=True, help="Same seed, byte-identical dataset.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="An empty or new folder to write the records to.",
)
def synth(scale: str, seed: int, out_dir: Path) -> None:
    """Write a synthetic, valid dataset of the given scale.

    national is DESIGN §7's size: 1,000 schemes, 20,000 suppliers, 100,000 admissions, 200,000 awards.

    \b
    Example:
      dps synth --scale national --seed 7 --out /tmp/national
    """
    from .synth import synthesize, write_dataset

    if out_dir.exists() and any(out_dir.iterdir()):
        raise click.BadParameter(f"{out_dir} is not empty; give a new or empty folder", param_hint="--out")
    count = write_dataset(synthesize(scale, seed), out_dir)
    click.echo(f"wrote {count} record files to {out_dir}")

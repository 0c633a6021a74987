"""`dps synth`: a synthetic, valid dataset for trying the pipeline at any scale."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("synth")
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
    from generator.synth import synthesize, write_dataset

    if out_dir.exists() and any(out_dir.iterdir()):
        raise click.BadParameter(f"{out_dir} is not empty; give a new or empty folder", param_hint="--out")
    count = write_dataset(synthesize(scale, seed), out_dir)
    click.echo(f"wrote {count} record files to {out_dir}")

"""The `dps` command line: thin glue over the pipeline's stages. Only this package prints.

One module per group of commands: records.py (validate, export, check-files), importing.py (import),
site.py (build, serve), authoring.py (fmt, new, admit, changes), synth.py; options.py holds the options they share.
"""

from __future__ import annotations

import click

from generator import runtime
from generator.cli import authoring, importing, records, site, synth


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Publish open data about Dynamic Purchasing Systems (dynamiske innkjøpsordninger).

    \b
    Example:
      dps validate --data data
    """


for _command in (
    records.validate,
    records.export,
    records.check_files,
    importing.import_,
    site.build,
    site.serve,
    authoring.fmt,
    authoring.new,
    authoring.admit,
    authoring.changes,
    synth.synth,
):
    main.add_command(_command)


def run() -> None:
    """The `dps` program (pyproject's script, `python -m generator`): main, then an exit that skips the
    interpreter's teardown (runtime.exit_without_teardown). Tests call `main`, which returns to them."""
    try:
        main(prog_name="dps")
    except SystemExit as done:
        runtime.exit_without_teardown(done.code)

"""Options more than one `dps` command takes, and the cache folder they settle on."""

from __future__ import annotations

from pathlib import Path

import click

from generator.load import cache

DATA_OPTION = click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("data"),
    show_default=True,
    help="Folder holding the records (schemes/, suppliers/, awards/).",
)
_CACHE_HELP = (
    "Folder for a cache of loaded records, so the next run reads only files changed since. Used only if it is "
    "yours and no one else may write to it: a cache could run code. "
)
CACHE_OPTION = click.option(
    "--cache",
    "cache_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=_CACHE_HELP + "Default: no cache.",
)
BUILD_CACHE_OPTION = click.option(
    "--cache",
    "cache_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=_CACHE_HELP + "[default: $XDG_CACHE_HOME/dps/<digest of --data>, or ~/.cache/dps/… without XDG_CACHE_HOME]",
)


def _ocid_prefix(ctx: click.Context, param: click.Parameter, value: str) -> str:
    from generator.ocds.settings import check_prefix

    try:
        return check_prefix(value)
    except ValueError as wrong:
        raise click.BadParameter(str(wrong)) from None


OCID_PREFIX_OPTION = click.option(
    "--ocid-prefix",
    envvar="DPS_OCID_PREFIX",
    default="ocds-unregd",  # generator.ocds.DEFAULT_PREFIX (not imported here: the CLI starts fast)
    show_default=True,
    callback=_ocid_prefix,
    help="The OCID prefix of the OCDS downloads, as the Open Contracting Partnership registered it for the publisher "
    "(also DPS_OCID_PREFIX). The default is NOT registered: it marks OCIDs that are not unique in the world.",
)
NO_CACHE_OPTION = click.option("--no-cache", is_flag=True, help="Read every record file; keep no cache.")
CACHE_RULE = (
    "a cache could run code in the build, so its folder, file and key must be yours, no links, writable by you alone"
)


def build_cache(data_dir: Path, given: Path | None, no_cache: bool) -> Path | None:
    """The cache folder `dps build` and `dps serve` use: the one given, or the user's own for this data folder."""
    return None if no_cache else trusted_cache(given or cache.default_folder(data_dir))


def trusted_cache(folder: Path | None) -> Path | None:
    """The cache folder if it may be used; else None, saying on stderr why (the run then reads every file)."""
    reason = cache.refusal(folder) if folder is not None else None
    if reason:
        click.echo(f"{reason}; not used, every record file is read ({CACHE_RULE})", err=True)
        return None
    return folder


def require_folder(data_dir: Path) -> None:
    """Stop with a usage error (exit 2) when --data is not a folder."""
    if not data_dir.is_dir():
        raise click.BadParameter(f"{data_dir} is not a folder", param_hint="--data")

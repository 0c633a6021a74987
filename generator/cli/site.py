"""`dps build` and `dps serve`: the records checked, exported and published as the site."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.check import report
from generator.cli.options import (
    BUILD_CACHE_OPTION,
    DATA_OPTION,
    NO_CACHE_OPTION,
    OCID_PREFIX_OPTION,
    build_cache,
    require_folder,
)

SITE_URL_OPTION = click.option(
    "--site-url",
    default=None,
    help="Public address of the site, for canonical links and the sitemap (default: mkdocs.yml).",
)


def build_once(
    data_dir: Path,
    out_dir: Path,
    site_url: str | None,
    repo_url: str | None = None,
    cache_dir: Path | None = None,
    ocid_prefix: str | None = None,
) -> bool:
    """Run the build plan; print what happened. False when nothing was published."""
    from generator.build import build_plan
    from generator.site import BuildError

    try:
        built = build_plan(
            data_dir, out_dir, site_url=site_url, repo_url=repo_url, cache=cache_dir, ocid_prefix=ocid_prefix
        )
    except BuildError as failure:
        click.echo(f"{failure}\nNothing published. {out_dir} is unchanged.", err=True)
        return False
    if built.timings is None:
        click.echo(report.as_text(built.problems, built.dataset.files), nl=False, err=True)
        click.echo(f"Nothing published: fix the errors above. {out_dir} is unchanged.", err=True)
        return False
    timings = built.timings
    stages = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.stages.items())
    reused = (
        f" ({timings.rendered} rendered, {timings.reused} unchanged and kept from the previous site)"
        if timings.reused
        else ""
    )
    click.echo(
        f"built {timings.pages} generated pages{reused} into {out_dir} ({stages}); {len(built.problems)} warnings"
    )
    return True


@click.command("build")
@DATA_OPTION
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build/site"),
    show_default=True,
    help="Folder for the finished site; replaced only when the build succeeds.",
)
@SITE_URL_OPTION
@click.option(
    "--repo-url",
    default=None,
    help="The repository's address on the forge (https://github.com/OWNER/REPO), for each record's history link.",
)
@BUILD_CACHE_OPTION
@NO_CACHE_OPTION
@OCID_PREFIX_OPTION
def build(
    data_dir: Path,
    out_dir: Path,
    site_url: str | None,
    repo_url: str | None,
    cache_dir: Path | None,
    no_cache: bool,
    ocid_prefix: str,
) -> None:
    """Check the records, write the downloads, generate the pages and build the searchable site.

    A build with errors, or one that fails midway, publishes nothing and leaves the previous output as it was.

    \b
    Example:
      dps build --data data --out build/site
    """
    require_folder(data_dir)
    folder = build_cache(data_dir, cache_dir, no_cache)
    sys.exit(0 if build_once(data_dir, out_dir, site_url, repo_url, folder, ocid_prefix) else 1)


@click.command("serve")
@DATA_OPTION
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build/site"),
    show_default=True,
)
@click.option("--port", type=int, default=8000, show_default=True)
@BUILD_CACHE_OPTION
@NO_CACHE_OPTION
def serve(data_dir: Path, out_dir: Path, port: int, cache_dir: Path | None, no_cache: bool) -> None:
    """Build the site, serve it on http://127.0.0.1:PORT/ and rebuild when records or site files change.

    \b
    Example:
      dps serve --data data --port 8000
    """
    from generator.site.mkdocs import PROJECT
    from generator.site.serve import serve as serve_site

    require_folder(data_dir)
    folder = build_cache(data_dir, cache_dir, no_cache)
    site_url = f"http://127.0.0.1:{port}/"
    build_once(data_dir, out_dir, site_url, cache_dir=folder)

    def rebuild() -> None:
        click.echo("change seen, rebuilding…")
        build_once(data_dir, out_dir, site_url, cache_dir=folder)

    def ready(url: str) -> None:
        click.echo(f"Serving {out_dir.resolve()} on {url} — edit records or site files to rebuild; Ctrl+C stops.")

    serve_site(out_dir, port, [data_dir, PROJECT / "site"], rebuild, ready)

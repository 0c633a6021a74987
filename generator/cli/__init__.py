"""The `dps` command line: thin glue over the pipeline's stages. Only this module prints."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from generator.check import report
from generator.check import validate as validate_records
from generator.load import cache
from generator.problems import Problem, has_errors

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
NO_CACHE_OPTION = click.option("--no-cache", is_flag=True, help="Read every record file; keep no cache.")
CACHE_RULE = (
    "a cache could run code in the build, so its folder, file and key must be yours, no links, writable by you alone"
)


def _build_cache(data_dir: Path, given: Path | None, no_cache: bool) -> Path | None:
    """The cache folder `dps build` and `dps serve` use: the one given, or the user's own for this data folder."""
    return None if no_cache else _trusted_cache(given or cache.default_folder(data_dir))


def _trusted_cache(folder: Path | None) -> Path | None:
    """The cache folder if it may be used; else None, saying on stderr why (the run then reads every file)."""
    reason = cache.refusal(folder) if folder is not None else None
    if reason:
        click.echo(f"{reason}; not used, every record file is read ({CACHE_RULE})", err=True)
        return None
    return folder


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
@CACHE_OPTION
def validate(data_dir: Path, output_format: str, cache_dir: Path | None) -> None:
    """Check every record: table schemas, then the domain rules.

    Exits 0 when there are no errors (warnings allowed), 1 when there are errors.

    \b
    Example:
      dps validate --data data --format github
    """
    if not data_dir.is_dir():
        raise click.BadParameter(f"{data_dir} is not a folder", param_hint="--data")
    dataset, problems = validate_records(data_dir, cache=_trusted_cache(cache_dir))
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
    from generator.synth import synthesize, write_dataset

    if out_dir.exists() and any(out_dir.iterdir()):
        raise click.BadParameter(f"{out_dir} is not empty; give a new or empty folder", param_hint="--out")
    count = write_dataset(synthesize(scale, seed), out_dir)
    click.echo(f"wrote {count} record files to {out_dir}")


@main.command()
@DATA_OPTION
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build/downloads"),
    show_default=True,
    help="Folder for the downloads: new, empty or an earlier export; replaced whole only when the export succeeds.",
)
def export(data_dir: Path, out_dir: Path) -> None:
    """Write the downloads: data package (datapackage.json + CSV), Excel, SQLite, JSON, per-scheme cuts, downloads.json.

    Records with errors write nothing: the problems are printed as `dps validate` prints them and the
    exit code is 1. A failed export leaves the previous output as it was.

    \b
    Example:
      dps export --data data --out build/downloads
    """
    from generator.export import ExportError, export_folder, replaceable

    if not data_dir.is_dir():
        raise click.BadParameter(f"{data_dir} is not a folder", param_hint="--data")
    if not replaceable(out_dir):
        raise click.BadParameter(f"{out_dir} is not an earlier export; give a new or empty folder", param_hint="--out")
    try:
        dataset, problems, entries = export_folder(data_dir, out_dir)
    except ExportError as failure:
        click.echo(f"{failure}\nNothing written. {out_dir} is unchanged.", err=True)
        sys.exit(1)
    if entries is None:
        click.echo(report.as_text(problems, dataset.files), nl=False)
        click.echo(f"Nothing written: fix the errors above. {out_dir} is unchanged.", err=True)
        sys.exit(1)
    size = sum(e["bytes"] for e in entries)
    click.echo(f"wrote {len(entries)} files ({size:,} bytes) and downloads.json to {out_dir}; {len(problems)} warnings")


SITE_URL_OPTION = click.option(
    "--site-url",
    default=None,
    help="Public address of the site, for canonical links and the sitemap (default: mkdocs.yml).",
)


def _build_once(
    data_dir: Path, out_dir: Path, site_url: str | None, repo_url: str | None = None, cache_dir: Path | None = None
) -> bool:
    """Run the build plan; print what happened. False when nothing was published."""
    from generator.build import build
    from generator.site import BuildError

    try:
        built = build(data_dir, out_dir, site_url=site_url, repo_url=repo_url, cache=cache_dir)
    except BuildError as failure:
        click.echo(f"{failure}\nNothing published. {out_dir} is unchanged.", err=True)
        return False
    if built.timings is None:
        click.echo(report.as_text(built.problems, built.dataset.files), nl=False, err=True)
        click.echo(f"Nothing published: fix the errors above. {out_dir} is unchanged.", err=True)
        return False
    timings = built.timings
    stages = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.stages.items())
    reused = f" ({timings.reused} unchanged, kept from the previous site)" if timings.reused else ""
    click.echo(
        f"built {timings.pages} generated pages{reused} into {out_dir} ({stages}); {len(built.problems)} warnings"
    )
    return True


@main.command()
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
def build(
    data_dir: Path, out_dir: Path, site_url: str | None, repo_url: str | None, cache_dir: Path | None, no_cache: bool
) -> None:
    """Check the records, write the downloads, generate the pages and build the searchable site.

    A build with errors, or one that fails midway, publishes nothing and leaves the previous output as it was.

    \b
    Example:
      dps build --data data --out build/site
    """
    if not data_dir.is_dir():
        raise click.BadParameter(f"{data_dir} is not a folder", param_hint="--data")
    folder = _build_cache(data_dir, cache_dir, no_cache)
    sys.exit(0 if _build_once(data_dir, out_dir, site_url, repo_url, folder) else 1)


def _snapshot(folders: list[Path]) -> dict[str, float]:
    return {
        str(p): p.stat().st_mtime for folder in folders if folder.is_dir() for p in folder.rglob("*") if p.is_file()
    }


@main.command()
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
    import functools
    import threading
    import time
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from generator.site.mkdocs import PROJECT

    if not data_dir.is_dir():
        raise click.BadParameter(f"{data_dir} is not a folder", param_hint="--data")
    folder = _build_cache(data_dir, cache_dir, no_cache)
    _build_once(data_dir, out_dir, f"http://127.0.0.1:{port}/", cache_dir=folder)
    root = out_dir.resolve()

    class Handler(SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:  # serve whatever folder is at out now (rebuilds swap it)
            self.directory = str(root)
            return super().translate_path(path)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    click.echo(f"Serving {root} on http://127.0.0.1:{port}/ — edit records or site files to rebuild; Ctrl+C stops.")
    watched = [data_dir, PROJECT / "site"]
    seen = _snapshot(watched)
    try:
        while True:
            time.sleep(1)
            now = _snapshot(watched)
            if now != seen:
                seen = now
                click.echo("change seen, rebuilding…")
                _build_once(data_dir, out_dir, f"http://127.0.0.1:{port}/", cache_dir=folder)
    except KeyboardInterrupt:
        server.shutdown()


@main.command("fmt")
@DATA_OPTION
@click.option("--check", is_flag=True, help="Change nothing; exit 1 listing the files not in the canonical layout.")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def fmt_command(data_dir: Path, check: bool, files: tuple[Path, ...]) -> None:
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
        if not data_dir.is_dir():
            raise click.BadParameter(f"{data_dir} is not a folder", param_hint="--data")
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


@main.command("changes")
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
def changes_command(data_dir: Path, output_format: str, base: str, head: str) -> None:
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
        rows = [{k: v for k, v in change._asdict().items() if k not in ("date", "commit")} for change in found]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        click.echo(summary(found, base, head, markdown=output_format == "markdown"), nl=False)


def _report_written(path: Path, problems: list[Problem]) -> None:
    """What `dps new` and `dps admit` print after writing: the file, then its problems; exit 1 on errors."""
    click.echo(f"wrote {path.as_posix()}")
    if problems:
        click.echo(report.as_text(problems, 1), nl=False)
    sys.exit(1 if has_errors(problems) else 0)


def _field_type(record: str, yaml_path: str, choices: list[str] | None = None) -> click.ParamType:
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
    return value.date().isoformat() if isinstance(value, datetime) else value


NO_INPUT = click.option(
    "--no-input", is_flag=True, help="Never ask: a missing required field is an error (for scripts)."
)


@main.group("new")
def new_group() -> None:
    """Write a new record in its place, asking for the required fields not given as options.

    \b
    Example:
      dps new supplier --id NO-BRC-312345692 --name "Fjordtolk AS" --size small --country NO --no-input
      dps new award --scheme tolk-fjordvik   (asks for the rest)
    """


def _new_command(record: str) -> None:
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
            values[field.yaml] = [_text(v) for v in value] if field.many else _text(value)  # type: ignore[attr-defined]
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
    new_group.command(record, help=f"Write a new {record} record; see `dps new --help`.")(command)


for _record in ("scheme", "supplier", "award"):
    _new_command(_record)


@main.command("admit")
@DATA_OPTION
@NO_INPUT
@click.argument("supplier")
@click.argument("scheme")
@click.option("--category", "categories", multiple=True, help="A category of the scheme; repeat for several.")
@click.option("--requested", type=click.DateTime(["%Y-%m-%d"]), help="When the supplier asked to be admitted.")
@click.option("--admitted", type=click.DateTime(["%Y-%m-%d"]), help="When it was admitted. Asked for when missing.")
def admit_command(
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
    from generator.authoring.scaffold import ScaffoldError, admit

    if admitted is None:
        if no_input:
            raise click.UsageError("--admitted is required")
        admitted = click.prompt("Admitted (YYYY-MM-DD)", type=click.DateTime(["%Y-%m-%d"]))
    try:
        path, problems = admit(
            data_dir, supplier, scheme, list(categories), admitted.date().isoformat(), requested and _text(requested)
        )
    except ScaffoldError as exc:
        raise click.ClickException(str(exc)) from exc
    _report_written(path, problems)


@main.command("check-files")
@DATA_OPTION
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
def check_files_command(data_dir: Path, files: tuple[Path, ...]) -> None:
    """Check the whole data folder but report only FILES and the records that refer to them (for pre-commit).

    A FILE that no longer exists counts as a deleted record: the records that referred to it are reported.
    Exits 0 when those have no errors, 1 when they do.

    \b
    Example:
      dps check-files data/suppliers/NO-BRC-312345692.yaml
    """
    from generator.authoring.scaffold import problems_for

    if not data_dir.is_dir():
        raise click.BadParameter(f"{data_dir} is not a folder", param_hint="--data")
    inside = [f for f in files if f.resolve().is_relative_to(data_dir.resolve())]
    for outside in sorted(set(files) - set(inside)):
        click.echo(f"skipped {outside.as_posix()}: not in {data_dir.as_posix()}")
    problems = problems_for(data_dir, inside) if inside else []
    click.echo(report.as_text(problems, len(inside)), nl=False)
    sys.exit(1 if has_errors(problems) else 0)

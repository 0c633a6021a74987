"""The OCDS files: a release package (JSON) and compiled releases one per line (JSON Lines), for the whole data
and for each scheme (its process and its call-offs'), each release's text made once for both."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from generator import routes
from generator.ocds.calloff import calloff_release
from generator.ocds.ids import Json, when
from generator.ocds.release import text
from generator.ocds.scheme import scheme_release
from generator.ocds.settings import EXTENSIONS, OCDS_VERSION, OcdsSettings

Record = dict[str, Any]
Tables = dict[str, list[Record]]
PACKAGE = "ocds-releases.json"
COMPILED = "ocds-compiled.jsonl"


class Written(NamedTuple):
    """One OCDS file written: its path below the downloads, format, scheme (None: the whole data), releases,
    bytes and sha256."""

    path: str
    format: str
    scheme: str | None
    releases: int
    bytes: int
    sha256: str


def compiled(release: Json) -> Json:
    """The compiled release of a process that has one release: the release itself, tagged "compiled" and with
    the id ocdsmerge gives a compiled release ("<ocid>-<date>")."""
    return {**release, "id": f"{release['ocid']}-{release['date']}", "tag": ["compiled"]}


def processes(tables: Tables, settings: OcdsSettings, today: date) -> Iterator[tuple[str, list[Json]]]:
    """Each scheme (in id order) with its releases: the scheme's process, then its call-offs' in award id order."""
    suppliers = {s["supplier_id"]: s for s in tables["suppliers"]}
    by_scheme: dict[str, dict[str, list[Record]]] = defaultdict(lambda: defaultdict(list))
    for resource in ("categories", "admissions", "awards", "scheme_sources"):
        for record in tables.get(resource, []):
            by_scheme[record["scheme_id"]][resource].append(record)
    winners: dict[tuple[str, str], list[str]] = defaultdict(list)
    for w in tables["award_suppliers"]:
        winners[(w["scheme_id"], w["award_id"])].append(w["supplier_id"])
    award_sources: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for s in tables.get("award_sources", []):
        award_sources[(s["scheme_id"], s["award_id"])].append(s)
    for scheme in sorted(tables["schemes"], key=lambda s: s["scheme_id"]):
        own = by_scheme[scheme["scheme_id"]]
        categories = sorted(own["categories"], key=lambda c: c["category_id"])
        lots = {c["category_id"]: c for c in categories}
        releases = [
            scheme_release(
                settings.prefix, scheme, categories, own["admissions"], suppliers, own["scheme_sources"], today
            )
        ]
        for award in sorted(own["awards"], key=lambda a: a["award_id"]):
            key = (award["scheme_id"], award["award_id"])
            releases.append(
                calloff_release(
                    settings.prefix, scheme, award, lots, winners[key], suppliers, award_sources[key], today
                )
            )
        yield scheme["scheme_id"], releases


class _File:
    """A file written a release at a time, hashed on the way."""

    def __init__(self, out_dir: Path, relative: str, fmt: str, scheme: str | None, head: str = "", tail: str = ""):
        self.relative, self.format, self.scheme, self.tail = relative, fmt, scheme, tail
        path = out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = path.open("wb")
        self.digest, self.size, self.count = hashlib.sha256(), 0, 0
        self._put(head)

    def _put(self, chunk: str) -> None:
        data = chunk.encode("utf-8")
        self.digest.update(data)
        self.size += len(data)
        self.handle.write(data)

    def release(self, release_text: str, separator: str) -> None:
        self._put((separator if self.count else "") + release_text)
        self.count += 1

    def close(self) -> Written:
        self._put(self.tail)
        self.handle.close()
        return Written(self.relative, self.format, self.scheme, self.count, self.size, self.digest.hexdigest())


def _head(settings: OcdsSettings, relative: str, today: date, licence: str) -> str:
    """A release package's fields before its releases, in the schema's order."""
    fields = {
        "uri": settings.site_url + routes.download(relative),
        "version": OCDS_VERSION,
        "extensions": list(EXTENSIONS),
        "publishedDate": when(today),
        "publisher": {"name": settings.publisher, "uri": settings.site_url},
        "license": licence,
    }
    return text(fields)[:-1] + ',"releases":['


def write_ocds(tables: Tables, out_dir: Path, settings: OcdsSettings, today: date, licence: str) -> list[Written]:
    """Write the OCDS files of the export's tables (every resource's records, sorted by key) into out_dir;
    `licence` is the data's (its address), `today` the data's today (the packages' publishedDate)."""
    whole = [
        _File(out_dir, PACKAGE, "ocds-json", None, _head(settings, PACKAGE, today, licence), "]}\n"),
        _File(out_dir, COMPILED, "ocds-jsonl", None, tail=""),
    ]
    written = []
    for scheme_id, releases in processes(tables, settings, today):
        package, lines = (routes.scheme_cut(scheme_id, name) for name in (PACKAGE, COMPILED))
        files = [
            _File(out_dir, package, "ocds-json", scheme_id, _head(settings, package, today, licence), "]}\n"),
            _File(out_dir, lines, "ocds-jsonl", scheme_id),
        ]
        for release in releases:
            release_text, compiled_text = text(release), text(compiled(release)) + "\n"
            for f in (whole[0], files[0]):
                f.release(release_text, ",")
            for f in (whole[1], files[1]):
                f.release(compiled_text, "")
        written += [f.close() for f in files]
    return [f.close() for f in whole] + written

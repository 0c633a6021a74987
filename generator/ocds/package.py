"""The OCDS files: a release package (JSON) and compiled releases one per line (JSON Lines), for the whole data
and for each scheme (its process and its call-offs'), each release's text made once for both.

The whole data's files are the schemes' releases one after the other, so a scheme whose files an earlier export
wrote from the same rows (`Earlier`) needs none of its releases made: its text is copied from those files."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator
from datetime import date
from functools import partial
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


def processes(
    tables: Tables, settings: OcdsSettings, today: date, kept: Collection[str] = ()
) -> Iterator[tuple[str, Callable[[], list[Json]]]]:
    """Each scheme (in id order) with what makes its releases: the scheme's process, then its call-offs' in award
    id order (made only when asked: a scheme whose files are taken from an earlier export needs none). `kept`:
    schemes whose releases are likely not asked for, whose rows are sorted out only if they are."""
    suppliers = {s["supplier_id"]: s for s in tables["suppliers"]}
    grouped = _Grouped(tables, frozenset(kept))

    def releases(scheme: Record) -> list[Json]:
        own, winners, award_sources = grouped.of(scheme["scheme_id"])
        categories = sorted(own["categories"], key=lambda c: c["category_id"])
        lots = {c["category_id"]: c for c in categories}
        made = [
            scheme_release(
                settings.prefix, scheme, categories, own["admissions"], suppliers, own["scheme_sources"], today
            )
        ]
        for award in sorted(own["awards"], key=lambda a: a["award_id"]):
            key = (award["scheme_id"], award["award_id"])
            made.append(
                calloff_release(
                    settings.prefix, scheme, award, lots, winners[key], suppliers, award_sources[key], today
                )
            )
        return made

    for scheme in sorted(tables["schemes"], key=lambda s: s["scheme_id"]):
        yield scheme["scheme_id"], partial(releases, scheme)


class _Grouped:
    """The rows of each scheme but those `skipped`: sorting a national dataset's rows out by scheme takes half a
    second, which a rebuild that changed one scheme need not spend. A skipped scheme asked for groups them all."""

    def __init__(self, tables: Tables, skipped: frozenset[str]) -> None:
        self.tables = tables
        self._group(skipped)

    def _group(self, skipped: frozenset[str]) -> None:
        self.skipped = skipped
        by_scheme: dict[str, dict[str, list[Record]]] = defaultdict(lambda: defaultdict(list))
        for resource in ("categories", "admissions", "awards", "scheme_sources"):
            for record in self.tables.get(resource, []):
                if record["scheme_id"] not in skipped:
                    by_scheme[record["scheme_id"]][resource].append(record)
        winners: dict[tuple[str, str], list[str]] = defaultdict(list)
        for w in self.tables["award_suppliers"]:
            if w["scheme_id"] not in skipped:
                winners[(w["scheme_id"], w["award_id"])].append(w["supplier_id"])
        award_sources: dict[tuple[str, str], list[Record]] = defaultdict(list)
        for s in self.tables.get("award_sources", []):
            if s["scheme_id"] not in skipped:
                award_sources[(s["scheme_id"], s["award_id"])].append(s)
        self.by_scheme, self.winners, self.award_sources = by_scheme, winners, award_sources

    def of(
        self, scheme_id: str
    ) -> tuple[dict[str, list[Record]], dict[tuple[str, str], list[str]], dict[tuple[str, str], list[Record]]]:
        """The scheme's rows by resource, and the winners and sources of every award grouped (by scheme, award)."""
        if scheme_id in self.skipped:
            self._group(frozenset())
        return self.by_scheme[scheme_id], self.winners, self.award_sources


class _File:
    """A file written a release at a time, hashed on the way."""

    def __init__(self, out_dir: Path, relative: str, fmt: str, scheme: str | None, head: str = "", tail: str = ""):
        self.relative, self.format, self.scheme, self.tail = relative, fmt, scheme, tail
        path = out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = path.open("wb")
        self.digest, self.size, self.count = hashlib.sha256(), 0, 0
        self._put(head.encode("utf-8"))

    def _put(self, data: bytes | memoryview) -> None:
        self.digest.update(data)
        self.size += len(data)
        self.handle.write(data)

    def release(self, release_text: str, separator: str) -> None:
        self.releases(release_text, 1, separator)

    def releases(self, text: str | memoryview, count: int, separator: str) -> None:
        """Several releases' text at once, `separator` between them and the file's releases before."""
        if isinstance(text, str):
            self._put((separator if self.count else "").encode("utf-8") + text.encode("utf-8"))
        else:  # an earlier file's bytes, not copied (a national export's whole files hold 880 MB)
            if self.count:
                self._put(separator.encode("utf-8"))
            self._put(text)
        self.count += count

    def close(self) -> Written:
        self._put(self.tail.encode("utf-8"))
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


PACKAGE_TAIL = "]}\n"


class Earlier(NamedTuple):
    """The schemes whose OCDS files an earlier export of the same settings and data's today wrote as this one
    would: the folder it wrote them in, and per scheme its files (package, then compiled releases)."""

    folder: Path
    schemes: dict[str, tuple[Written, Written]]


class _Reader:
    """Reads files into buffers it keeps: copying a national export's 880 MB of releases through new bytes
    objects costs more in fresh memory than in reading."""

    def __init__(self) -> None:
        self.buffers = [bytearray(), bytearray()]

    def read(self, number: int, path: Path, size: int) -> memoryview | None:
        """The file's bytes, in buffer `number` (valid until the next read into it); None unless it holds `size`
        bytes."""
        if len(self.buffers[number]) < size:
            self.buffers[number] = bytearray(max(size, 2 * len(self.buffers[number])))
        view = memoryview(self.buffers[number])[:size]
        with path.open("rb", buffering=0) as file:
            got = file.readinto(view)
            if got != size or file.read(1):
                return None
        return view


def _taken(earlier: Earlier, scheme_id: str, head: str, reader: _Reader) -> tuple[memoryview, memoryview] | None:
    """A scheme's releases in its earlier files: the package's (without its head and tail) and the compiled
    ones (the whole file), valid until the next scheme's; None if the files are not as their entries say."""
    package, lines = earlier.schemes[scheme_id]
    try:
        package_data = reader.read(0, earlier.folder / package.path, package.bytes)
        lines_data = reader.read(1, earlier.folder / lines.path, lines.bytes)
    except OSError:
        return None
    if package_data is None or lines_data is None:
        return None
    start, tail = head.encode("utf-8"), PACKAGE_TAIL.encode("utf-8")
    if package_data[: len(start)] != start or package_data[len(package_data) - len(tail) :] != tail:
        return None
    return package_data[len(start) : len(package_data) - len(tail)], lines_data


def write_ocds(
    tables: Tables, out_dir: Path, settings: OcdsSettings, today: date, licence: str, earlier: Earlier | None = None
) -> tuple[list[Written], list[Written]]:
    """Write the OCDS files of the export's tables (every resource's records, sorted by key) into out_dir;
    `licence` is the data's (its address), `today` the data's today (the packages' publishedDate). Return the
    files, and those of them taken from `earlier`: not written here, they are the caller's to link or copy.

    A scheme in `earlier` keeps its earlier files, and its releases' text in the whole data's files is copied
    from them: none of its releases is made again."""
    whole = [
        _File(out_dir, PACKAGE, "ocds-json", None, _head(settings, PACKAGE, today, licence), PACKAGE_TAIL),
        _File(out_dir, COMPILED, "ocds-jsonl", None, tail=""),
    ]
    written: list[Written] = []
    taken_files: list[Written] = []
    reader = _Reader()
    for scheme_id, releases in processes(tables, settings, today, earlier.schemes if earlier is not None else ()):
        package, lines = (routes.scheme_cut(scheme_id, name) for name in (PACKAGE, COMPILED))
        head = _head(settings, package, today, licence)
        kept = earlier is not None and scheme_id in earlier.schemes
        taken = _taken(earlier, scheme_id, head, reader) if kept and earlier is not None else None
        if taken is not None and earlier is not None:
            entries = earlier.schemes[scheme_id]
            whole[0].releases(taken[0], entries[0].releases, ",")
            whole[1].releases(taken[1], entries[1].releases, "")
            written += entries
            taken_files += entries
            continue
        files = [
            _File(out_dir, package, "ocds-json", scheme_id, head, PACKAGE_TAIL),
            _File(out_dir, lines, "ocds-jsonl", scheme_id),
        ]
        for release in releases():
            release_text, compiled_text = text(release), text(compiled(release)) + "\n"
            for f in (whole[0], files[0]):
                f.release(release_text, ",")
            for f in (whole[1], files[1]):
                f.release(compiled_text, "")
        written += [f.close() for f in files]
    return [f.close() for f in whole] + written, taken_files

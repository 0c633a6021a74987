"""OCDS files read into releases, every value reached through its JSON path so that a problem names it.

A file is a release package (`releases`), a record package (`records`: each record's compiled release, else its
embedded releases), one release, or JSON Lines of any of these (`.jsonl`, one per line, as ocdskit and Cardinal
write them). What cannot be read is a problem naming the file, the line and the JSON path
(`releases[3].awards[0].value.amount`); a release with an error is left out whole, the others are read.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator.problems import Problem, error

VERSIONS = ("1.0", "1.1")  # a package without `version` is OCDS 1.0 (the package schema's default)
_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")


class Flaw(Exception):
    """A value of a release that is not what OCDS says it is: the release is not imported."""

    def __init__(self, rule: str, path: str, message: str) -> None:
        super().__init__(message)
        self.rule, self.path, self.message = rule, path, message


@dataclass(frozen=True, slots=True)
class Node:
    """A value of a release and its JSON path; reading it as the wrong type raises a Flaw naming the path."""

    value: Any
    path: str

    def __getitem__(self, key: str) -> Node:
        value = self.value.get(key) if isinstance(self.value, dict) else None
        return Node(value, f"{self.path}.{key}" if self.path else key)

    @property
    def given(self) -> bool:
        return self.value is not None

    def _wrong(self, wanted: str) -> Flaw:
        shown = json.dumps(self.value, ensure_ascii=False)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        given = "a string" if isinstance(self.value, str) else f"a {type(self.value).__name__}"
        return Flaw("ocds-type", self.path, f"is {given} ({shown}), not {wanted}")

    def items(self) -> list[Node]:
        if self.value is None:
            return []
        if not isinstance(self.value, list):
            raise self._wrong("an array")
        return [Node(v, f"{self.path}[{i}]") for i, v in enumerate(self.value)]

    def mapping(self) -> dict[str, Any] | None:
        if self.value is not None and not isinstance(self.value, dict):
            raise self._wrong("an object")
        return self.value

    def text(self) -> str | None:
        """A string as written, less surrounding spaces; an empty string is not given."""
        if self.value is None:
            return None
        if not isinstance(self.value, str):
            raise self._wrong("a string")
        return self.value.strip() or None

    def ident(self) -> str | None:
        """An OCDS id: a string or an integer (the schema allows both)."""
        if isinstance(self.value, int) and not isinstance(self.value, bool):
            return str(self.value)
        return self.text()

    def number(self) -> Decimal | None:
        if self.value is None:
            return None
        if isinstance(self.value, bool) or not isinstance(self.value, int | float):
            raise self._wrong("a number")
        return Decimal(str(self.value))

    def integer(self) -> int | None:
        number = self.number()
        if number is None:
            return None
        if number != number.to_integral_value() or number < 0:
            raise self._wrong("a whole number of at least 0")
        return int(number)

    def flag(self) -> bool | None:
        if self.value is None or isinstance(self.value, bool):
            return self.value
        raise self._wrong("true or false")

    def day(self) -> date | None:
        """The calendar day of an OCDS date-time as written (its zone dropped, as the notice readers do)."""
        text = self.text()
        if text is None:
            return None
        match = _DAY.fullmatch(text)
        if match:
            try:
                return date.fromisoformat(match[1])
            except ValueError:
                pass
        raise self._wrong("a date-time (ISO 8601) of a real day")


@dataclass(frozen=True, slots=True)
class Release:
    """One release read from a file: where it is (line and JSON path), its content, its package's address."""

    file: str
    line: int
    node: Node
    uri: str | None  # the package's `uri`, where a package gives one

    @property
    def ocid(self) -> str:
        ocid = self.node["ocid"].value
        assert isinstance(ocid, str)
        return ocid.strip()


@dataclass
class OcdsFile:
    """A file's releases, in file order, and the problems found reading it."""

    file: str
    releases: list[Release] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def is_ocds(path: Path) -> bool:
    return path.suffix.lower() in (".json", ".jsonl")


def read_ocds(path: Path, name: str | None = None) -> OcdsFile:
    """Read one OCDS file; nothing raises: what cannot be read is a problem in the result."""
    found = OcdsFile(name or path.as_posix())
    try:
        data = path.read_bytes()
    except OSError as exc:
        found.problems.append(error("ocds-json", found.file, 1, "", f"cannot be read: {exc.strerror or exc}"))
        return found
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        found.problems.append(error("ocds-json", found.file, line, "", f"is not UTF-8 (byte {exc.start})"))
        return found
    if path.suffix.lower() == ".jsonl":
        versions: dict[str, int] = {}
        for number, line_text in enumerate(text.splitlines(), start=1):
            if line_text.strip():
                value = _parse(line_text, found, number)
                if value is not None:
                    _top(value, found, number, versions)
    else:
        value = _parse(text, found, 0)
        if value is not None:
            _top(value, found, 1, {})
    return found


def _reject(constant: str) -> Any:
    raise ValueError(f"{constant} is not a JSON number")


def _parse(text: str, found: OcdsFile, line: int) -> Any:
    try:
        return json.loads(text, parse_constant=_reject)
    except json.JSONDecodeError as exc:
        at = line or exc.lineno
        where = f"column {exc.colno}" if line else f"line {exc.lineno} column {exc.colno}"
        found.problems.append(
            error("ocds-json", found.file, at, "", f"is not well-formed JSON: {exc.msg} ({where}); nothing was read")
        )
    except (ValueError, RecursionError) as exc:
        found.problems.append(error("ocds-json", found.file, line or 1, "", f"cannot be read as JSON: {exc}"))
    return None


def _top(value: Any, found: OcdsFile, line: int, versions: dict[str, int]) -> None:
    """One JSON text: a package (its releases, after its version is checked) or a release."""
    root = Node(value, "")
    if not isinstance(value, dict):
        found.problems.append(
            error("ocds-shape", found.file, line, "", "is no OCDS package or release (not a JSON object)")
        )
        return
    if "ocid" in value and "releases" not in value and "records" not in value:
        _release(root, found, line, None)
        return
    if not ("releases" in value or "records" in value):
        found.problems.append(
            error("ocds-shape", found.file, line, "", "has no `releases`, `records` or `ocid`: no OCDS data")
        )
        return
    try:
        version = root["version"].text() or "1.0"
        uri = root["uri"].text()
    except Flaw as flaw:
        found.problems.append(error(flaw.rule, found.file, line, flaw.path, flaw.message))
        return
    if version not in VERSIONS:
        message = f"OCDS {version} is not a version this import reads ({', '.join(VERSIONS)}); nothing was read"
        found.problems.append(error("ocds-version", found.file, line, "version", message))
        return
    first = next(iter(versions.items()), None)
    if first is not None and first[0] != version:
        found.problems.append(
            error(
                "ocds-version",
                found.file,
                line,
                "version",
                f"is OCDS {version}, but the file's first package (line {first[1]}) is OCDS {first[0]}: one file "
                "holds one version; this package's releases were not read",
            )
        )
        return
    versions.setdefault(version, line)
    try:
        if "releases" in value:
            for release in root["releases"].items():
                _release(release, found, line, uri)
            return
        for record in root["records"].items():
            compiled = record["compiledRelease"]
            if compiled.given:
                _release(compiled, found, line, uri)
                continue
            embedded = [r for r in record["releases"].items() if isinstance(r.value, dict) and "url" not in r.value]
            if not embedded:
                found.problems.append(
                    error(
                        "ocds-shape",
                        found.file,
                        line,
                        record.path,
                        "has neither a compiled release nor embedded releases (linked releases are not fetched)",
                    )
                )
            for release in embedded:
                _release(release, found, line, uri)
    except Flaw as flaw:
        found.problems.append(error(flaw.rule, found.file, line, flaw.path, flaw.message))


def _release(node: Node, found: OcdsFile, line: int, uri: str | None) -> None:
    if not isinstance(node.value, dict):
        found.problems.append(error("ocds-shape", found.file, line, node.path, "is not a release (a JSON object)"))
        return
    ocid = node["ocid"]
    if not isinstance(ocid.value, str) or not ocid.value.strip():
        written = "has none" if ocid.value is None else f"is {json.dumps(ocid.value)}, not an OCID"
        found.problems.append(
            error("ocds-ocid", found.file, line, ocid.path, f"{written}; the release was not imported")
        )
        return
    found.releases.append(Release(found.file, line, node, uri))

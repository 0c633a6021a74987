"""Scaffolding: write a new record in its place, or add an admission to a supplier's file.

New records are written in `dps fmt`'s canonical layout. An admission is inserted as
text after the supplier's last admission, so the rest of the file and its comments stay
as they were. Both are checked against the whole data folder afterwards: the problems
in the written file and in the records that refer to it are returned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator import schemas
from generator.authoring.fmt import plain
from generator.authoring.yamlwrite import dump, from_mapping
from generator.check import validate
from generator.load import IMPLICIT_CATEGORY, Dataset, record_type
from generator.load.yamltree import Map, Scalar, Seq, decode, parse
from generator.problems import Problem, sorted_problems

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


class ScaffoldError(Exception):
    """The record cannot be written (a bad id, a file already there, an unknown scheme ...); the message says why."""


@dataclass(frozen=True)
class Field:
    """One field `dps new` asks for or takes as an option."""

    yaml: str  # where it goes in the record, e.g. "buyer.id" or "suppliers[]"
    option: str  # --option name
    required: bool = False  # asked for when not given (unless --no-input, then an error)

    @property
    def many(self) -> bool:
        return self.yaml.endswith("[]")


FIELDS: dict[str, tuple[Field, ...]] = {
    "scheme": (
        Field("id", "id", True), Field("title", "title", True), Field("description", "description"),
        Field("buyer.id", "buyer-id", True), Field("buyer.name", "buyer-name", True), Field("type", "type", True),
        Field("status", "status", True), Field("cpv", "cpv", True), Field("notices.doffin", "doffin"),
        Field("published", "published", True), Field("request_deadline", "request-deadline"),
        Field("valid_from", "valid-from", True), Field("valid_to", "valid-to"), Field("url", "url"),
    ),
    "supplier": (
        Field("id", "id", True), Field("name", "name", True), Field("size", "size", True),
        Field("country", "country", True), Field("municipality", "municipality"),
    ),
    "award": (
        Field("scheme", "scheme", True), Field("id", "id", True), Field("category", "category"),
        Field("title", "title", True), Field("invited", "invited", True), Field("tender_deadline", "tender-deadline"),
        Field("invited_count", "invited-count"), Field("tenders", "tenders"), Field("sme_tenders", "sme-tenders"),
        Field("awarded", "awarded"), Field("suppliers[]", "supplier"), Field("value.amount", "value"),
        Field("value.currency", "currency"), Field("status", "status", True),
    ),
}  # fmt: skip


def field_doc(yaml_path: str, record: str) -> dict[str, Any]:
    """The schema's description of a field (title, description, constraints), for prompts and help."""
    for resource in schemas.resources_of(record):
        fields: list[dict[str, Any]] = schemas.table_schema(resource)["fields"]
        for doc in fields:
            if doc["x-yaml"] == yaml_path:
                return doc
    raise KeyError(yaml_path)


def _id_pattern(record: str, yaml_path: str) -> re.Pattern[str]:
    return re.compile(field_doc(yaml_path, record)["constraints"]["pattern"])


def _checked_id(record: str, yaml_path: str, value: str) -> str:
    """An id that is safe as a file name: it must match its schema pattern (no '/', no '..')."""
    if not _id_pattern(record, yaml_path).fullmatch(value):
        doc = field_doc(yaml_path, record)
        raise ScaffoldError(f"'{value}' is not a valid {doc['title'].lower()}: {doc['description']}")
    return value


def record_path(data_dir: Path, record: str, values: dict[str, Any]) -> Path:
    """Where a record belongs: data/schemes/<id>.yaml, data/suppliers/<id>.yaml, data/awards/<scheme>/<id>.yaml."""
    if record == "award":
        scheme = _checked_id("scheme", "id", str(values.get("scheme") or ""))
        return data_dir / "awards" / scheme / f"{_checked_id('award', 'id', str(values.get('id') or ''))}.yaml"
    folder = {"scheme": "schemes", "supplier": "suppliers"}[record]
    return data_dir / folder / f"{_checked_id(record, 'id', str(values.get('id') or ''))}.yaml"


def scheme_categories(data_dir: Path, scheme_id: str) -> list[str] | None:
    """The category ids a scheme's file declares ([] for none), or None when there is no such scheme."""
    path = data_dir / "schemes" / f"{_checked_id('scheme', 'id', scheme_id)}.yaml"
    if not path.is_file():
        return None
    text, _ = decode(path.read_bytes(), path.as_posix())
    tree, _ = parse(text or "", path.as_posix())
    categories = tree.items.get("categories") if isinstance(tree, Map) else None
    if not isinstance(categories, Seq):
        return []
    ids = [item.items.get("id") for item in categories.items if isinstance(item, Map)]
    return [i.text for i in ids if isinstance(i, Scalar) and i.text]


def _nested(values: dict[str, Any]) -> dict[str, Any]:
    """{"buyer.id": "X", "suppliers[]": ["A"]} as {"buyer": {"id": "X"}, "suppliers": ["A"]}; empty values left out."""
    record: dict[str, Any] = {}
    for path, value in values.items():
        if value in (None, "", (), []):
            continue
        *parents, last = path.removesuffix("[]").split(".")
        place = record
        for key in parents:
            place = place.setdefault(key, {})
        place[last] = list(value) if path.endswith("[]") else value
    return record


# --- checking what was written ---------------------------------------------------------


def _shown(data_dir: Path, path: Path) -> str:
    """A file as the loader names it in problems: the data folder as given, then the path inside it."""
    return (data_dir / path.resolve().relative_to(data_dir.resolve())).as_posix()


def referring_files(dataset: Dataset, shown: set[str]) -> set[str]:
    """The files of records that refer to the records in `shown` (awards of a scheme, winners' awards, ...)."""
    schemes, suppliers = set(), set()
    for name in shown:
        try:
            kind = record_type(Path(name).relative_to(dataset.root).parts)
        except ValueError:
            continue
        if kind == "scheme":
            schemes.add(Path(name).stem)
        elif kind == "supplier":
            suppliers.add(Path(name).stem)
    found = set()
    for row in dataset.tables["awards"]:
        if row.values["scheme_id"] in schemes:
            found.add(row.file)
    for row in dataset.tables["admissions"]:
        if row.values["scheme_id"] in schemes:
            found.add(row.file)
    for row in dataset.tables["award_suppliers"]:
        if row.values["supplier_id"] in suppliers:
            found.add(row.file)
    return found


def problems_for(data_dir: Path, files: list[Path]) -> list[Problem]:
    """Check the whole data folder; keep the problems in `files` and in the records that refer to them.

    A file that no longer exists (a deleted record) still brings in the records that referred to it.
    """
    dataset, problems = validate(data_dir)
    shown = {_shown(data_dir, path) for path in files}
    wanted = shown | referring_files(dataset, shown)
    return sorted_problems(p for p in problems if p.file in wanted)


# --- writing ---------------------------------------------------------------------------


def new_record(data_dir: Path, record: str, values: dict[str, Any]) -> tuple[Path, list[Problem]]:
    """Write a new record from field values keyed by YAML path; return its path and the problems found in it.

    Raises ScaffoldError when the id is not valid or the file is there already.
    """
    path = record_path(data_dir, record, values)
    if path.exists():
        raise ScaffoldError(f"{path} exists already; edit it instead")
    if record == "award" and values.get("category") == IMPLICIT_CATEGORY:
        values = {**values, "category": None}  # the implicit category is written as no category
    path.parent.mkdir(parents=True, exist_ok=True)
    text = dump(record, from_mapping(_nested(values)))
    try:
        with path.open("x", encoding="utf-8", newline="\n") as out:  # "x": never overwrite, even in a race
            out.write(text)
    except FileExistsError as exc:
        raise ScaffoldError(f"{path} exists already; edit it instead") from exc
    return path, problems_for(data_dir, [path])


def _admission_item(scheme: str, categories: list[str], requested: str | None, admitted: str) -> dict[str, Any]:
    return _nested({"scheme": scheme, "categories[]": categories, "requested": requested, "admitted": admitted})


def _last_content_line(node: yaml.Node) -> int:
    """The 0-based last line holding any of the node's text."""
    if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
        end = node.end_mark
        return end.line - 1 if end.column == 0 and end.line > node.start_mark.line else end.line
    children = [v for pair in node.value for v in pair] if isinstance(node, yaml.MappingNode) else node.value
    return max(_last_content_line(child) for child in children)


def _insert_admission(text: str, item: dict[str, Any], file: str) -> str:
    """The supplier file's text with one more admission after the last, everything else as it was."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    body = dump("supplier", from_mapping({"admissions": [item]})).splitlines(keepends=True)[1:]  # "  - scheme: ..."
    root = yaml.compose(text, Loader=_Loader)
    if not isinstance(root, yaml.MappingNode):  # admit checked the file first: cannot happen
        raise ScaffoldError(f"{file} is not a mapping of fields")
    node = next((value for key, value in root.value if key.value == "admissions"), None)
    if node is None:
        return "".join([*lines, "admissions:\n", *body])
    key_line = next(key for key, _ in root.value if key.value == "admissions").start_mark.line
    empty_value = isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null") and node.value == ""
    empty_list = isinstance(node, yaml.SequenceNode) and not node.value
    if empty_list:  # `admissions: []` becomes `admissions:` with the new item below
        line, start, end = lines[key_line], node.start_mark.column, node.end_mark.column
        if node.start_mark.line != key_line or line[start:end] != "[]":
            raise ScaffoldError(f"{file}: write `admissions: []` on one line to add an admission")
        lines[key_line] = line[:start].rstrip() + line[end:]
    if empty_value or empty_list:
        return "".join([*lines[: key_line + 1], *body, *lines[key_line + 1 :]])
    if not isinstance(node, yaml.SequenceNode) or node.flow_style:
        raise ScaffoldError(f"{file}: admissions is not a block list; run `dps fmt {file}` first")
    first = node.value[0]
    dash = text.rfind("-", 0, first.start_mark.index) - (text.rfind("\n", 0, first.start_mark.index) + 1)
    after = _last_content_line(node) + 1
    # comment lines indented into the last admission belong to it
    while after < len(lines) and lines[after].strip().startswith("#") and _indent(lines[after]) > dash:
        after += 1
    moved = [" " * dash + line[2:] for line in body]
    return "".join([*lines[:after], *moved, *lines[after:]])


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def admit(
    data_dir: Path,
    supplier_id: str,
    scheme_id: str,
    categories: list[str],
    admitted: str,
    requested: str | None = None,
) -> tuple[Path, list[Problem]]:
    """Add an admission to a supplier's file; return the file and the problems found in it and in what refers to it.

    Raises ScaffoldError for an unknown supplier, scheme or category, or an admission already open.
    """
    path = data_dir / "suppliers" / f"{_checked_id('supplier', 'id', supplier_id)}.yaml"
    if not path.is_file():
        raise ScaffoldError(f"no supplier file {path}; write one first with `dps new supplier --id {supplier_id}`")
    known = scheme_categories(data_dir, scheme_id)
    if known is None:
        raise ScaffoldError(f"no scheme '{scheme_id}' in {data_dir / 'schemes'}")
    if known and not categories:
        raise ScaffoldError(f"scheme '{scheme_id}' has categories; name one or more of: {', '.join(known)}")
    unknown = [c for c in categories if c not in known]
    if unknown:
        has = f"has only {', '.join(known)}" if known else "has no categories; leave --category out"
        raise ScaffoldError(f"scheme '{scheme_id}' {has} (not {', '.join(unknown)})")
    shown = path.as_posix()
    text, problems = decode(path.read_bytes(), shown)
    tree, found = parse(text, shown) if text is not None else (None, [])
    if text is None or tree is None or problems or found or not isinstance(tree, Map):
        raise ScaffoldError(f"{shown} has YAML problems; run `dps validate` and fix them first")
    old = plain(tree)
    for entry in old.get("admissions") or []:
        if isinstance(entry, dict) and entry.get("scheme") == scheme_id and not entry.get("left"):
            overlap = set(entry.get("categories") or [IMPLICIT_CATEGORY]) & set(categories or [IMPLICIT_CATEGORY])
            if overlap:
                since = entry.get("admitted")
                raise ScaffoldError(
                    f"{supplier_id} is admitted to {scheme_id} ({', '.join(sorted(overlap))}) since {since}"
                )
    item = _admission_item(scheme_id, categories, requested, admitted)
    result = _insert_admission(text, item, shown)
    # the safety net: the file holds what it held, and the new admission at the end
    again, found = parse(result, shown)
    expected = {**old, "admissions": [*(old.get("admissions") or []), item]}
    if found or plain(again) != expected:
        raise ScaffoldError(f"could not add the admission to {shown} without changing the rest; add it by hand")
    path.write_text(result, encoding="utf-8", newline="\n")
    return path, problems_for(data_dir, [path])

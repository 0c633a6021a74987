"""Property tests: whatever a pull request holds, validation answers with problems, never with a crash;
and text written with YAML's double-quoted escapes loads back exactly as written.

Deterministic (derandomize, no example database), so CI sees the same examples on every run.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import holidays
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import schemas
from generator.check import report, validate
from generator.limits import MAX_TEXT_CHARS
from generator.load import Row, load
from generator.model.facts import admitted_count, working_days
from generator.problems import Problem

FIXTURES = Path(__file__).parent / "fixtures/valid"
FOLDERS = {"scheme": "schemes", "supplier": "suppliers", "award": "awards/tolk-fjordvik"}
SETTINGS = {"derandomize": True, "database": None, "deadline": None, "suppress_health_check": [HealthCheck.too_slow]}


@contextmanager
def data_folder() -> Iterator[Path]:
    """A fresh copy of the valid fixture per example (pytest's tmp_path is one folder per test)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(FIXTURES, root)
        yield root


def fields(record: str) -> list[str]:
    """The top-level keys a record type may hold, from its table schemas."""
    return sorted({re.split(r"[.\[]", c.yaml)[0] for r in schemas.resources_of(record) for c in schemas.columns(r)})


def assert_sound(problems: list[Problem], root: Path) -> None:
    """Every problem is placed in a file under data/, and every report prints it safely."""
    for p in problems:
        assert p.file.startswith(root.as_posix()), p
        assert p.line >= 1 and p.severity in ("error", "warning") and p.message, p
        assert re.fullmatch(r"[a-z][a-z0-9-]*", p.rule), p
    for text in (report.as_text(problems, 1), report.as_github(problems, 1)):
        assert not [c for c in text if c != "\n" and unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp")]
    report.as_json(problems)


# --- values: text YAML reads specially, raw or quoted --------------------------------------------

YAML_TRAPS = ["NO", "yes", "off", "~", "null", "0150", "0o17", "0x1F", "1_000", "12:30", "1e3", ".inf", "-.nan"]
YAML_TRAPS += ["2024-02-30", "2024-1-5", "2024-01-01T10:00:00", "=1+1", "-0", "1e400", "''", '""', "-", "?", ":"]
YAML_TRAPS += ["*a", "&a x", "!!binary eA==", "!x", "|", ">", "{", "[", "#", "%YAML 1.1", "---", "...", "@x", "`x"]
yaml_text = st.text(alphabet=st.sampled_from(list(":#-?[]{},&*!|>'\"%@`\\ \t\nabcNOyes0123456789.+_~æøå€\u200b")))
scalar = st.one_of(st.sampled_from(YAML_TRAPS), yaml_text, st.text(max_size=30))


def double_quoted(text: str) -> str:
    """YAML's double-quoted style: escapes for the backslash, the quote, line breaks and what YAML cannot hold raw."""
    out = []
    for char in text:
        code = ord(char)
        if char in '\\"':
            out.append("\\" + char)
        elif char in "\t\n\r":
            out.append({"\t": "\\t", "\n": "\\n", "\r": "\\r"}[char])
        elif code < 0x20 or 0x7F <= code <= 0x9F or code in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF):
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


@st.composite
def value(draw: st.DrawFn, known: list[str], depth: int = 0) -> str:
    """A value in flow style: a scalar (raw or quoted), or a list or mapping of them (wrong shapes included)."""
    kind = draw(st.sampled_from(["raw", "quoted", "quoted", "list", "map"] if depth < 2 else ["raw", "quoted"]))
    if kind == "raw":
        return draw(scalar)
    if kind == "quoted":
        return double_quoted(draw(scalar))
    if kind == "list":
        return "[" + ", ".join(draw(st.lists(value(known, depth + 1), max_size=3))) + "]"
    keys = draw(st.lists(st.sampled_from(known) | st.text(min_size=1, max_size=8), max_size=3))
    return "{" + ", ".join(f"{double_quoted(k)}: {draw(value(known, depth + 1))}" for k in keys) + "}"


@st.composite
def record_file(draw: st.DrawFn) -> tuple[str, str]:
    """(path under data/, YAML text) of one record: known and unknown keys, any values, in its folder."""
    record = draw(st.sampled_from(sorted(FOLDERS)))
    known = [*fields(record), "scheme", "categories", "amount", "currency", "start", "end"]
    keys = draw(st.lists(st.sampled_from(fields(record)) | st.text(min_size=1, max_size=10), max_size=8))
    record_id = draw(st.sampled_from(["fuzz", "tolk-fjordvik", "NO-BRC-312345692", "2024-001", "x y"]))
    lines = [f"id: {record_id}"] + [f"{double_quoted(k)}: {draw(value(known))}" for k in keys]
    return f"{FOLDERS[record]}/{record_id}.yaml", "\n".join(lines) + "\n"


@pytest.mark.slow  # a few seconds: 20 validations
@settings(max_examples=20, **SETTINGS)
@given(st.lists(record_file(), min_size=1, max_size=6), st.binary(max_size=200))
def test_any_records_validate_or_yield_problems(files: list[tuple[str, str]], noise: bytes) -> None:
    with data_folder() as root:
        for relative, text in files:
            (root / relative).write_text(text, encoding="utf-8")
        (root / "suppliers/NO-BRC-312345730.yaml").write_bytes(noise)  # any bytes at all
        _, problems = validate(root)
        assert_sound(problems, root)


# --- whole datasets: small mutations of a valid one reach every domain rule ------------------------

FIXTURE_FILES = sorted(p.relative_to(FIXTURES).as_posix() for p in FIXTURES.rglob("*.yaml"))
mutation = st.tuples(
    st.sampled_from(FIXTURE_FILES),
    st.integers(min_value=0, max_value=40),  # line; wraps around the file's length
    st.sampled_from(["value", "drop", "repeat", "indent"]),
    scalar,
)


def mutate(root: Path, relative: str, at: int, kind: str, payload: str) -> None:
    path = root / relative
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines:
        return
    i = at % len(lines)
    if kind == "value" and ":" in lines[i]:
        lines[i] = lines[i].split(":", 1)[0] + ": " + payload  # a new value for a known key, raw
    elif kind == "drop":
        del lines[i]
    elif kind == "repeat":
        lines.insert(i, lines[i])
    elif kind == "indent":
        lines[i] = "  " + lines[i]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@settings(max_examples=20, **SETTINGS)
@given(st.lists(mutation, min_size=1, max_size=5), st.sampled_from([*FIXTURE_FILES, None]))
def test_mutated_datasets_validate_or_yield_problems(
    mutations: list[tuple[str, int, str, str]], removed: str | None
) -> None:
    with data_folder() as root:
        for relative, at, kind, payload in mutations:
            mutate(root, relative, at, kind, payload)
        if removed:  # a record the others refer to may be missing
            (root / removed).unlink()
        _, problems = validate(root)
        assert_sound(problems, root)


# --- text round trip --------------------------------------------------------------------------------


def refused(text: str) -> bool:
    """What the loader must refuse in text: control and invisible formatting characters but tab and line feed
    (a carriage return is one too: XML, so Excel and the feeds, would turn it into a line feed), and Unicode's
    non-characters."""
    return any(
        (c not in "\t\n" and unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp"))
        or 0xFDD0 <= ord(c) <= 0xFDEF
        or ord(c) & 0xFFFE == 0xFFFE
        for c in text
    )


SUPPLIER_TEXT = (FIXTURES / "suppliers/NO-BRC-312345692.yaml").read_text(encoding="utf-8")


@settings(max_examples=300, **SETTINGS)
@given(st.text(max_size=60) | st.text(alphabet=st.characters(codec="utf-8"), max_size=60) | st.sampled_from(YAML_TRAPS))
def test_double_quoted_text_loads_back_exactly(text: str) -> None:
    written = double_quoted(text)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "suppliers").mkdir()
        (root / "suppliers/NO-BRC-312345692.yaml").write_text(
            SUPPLIER_TEXT.replace('"Fjordtolk AS"', written), encoding="utf-8"
        )
        dataset, problems = load(root)
    names = [row.values["name"] for row in dataset.tables["suppliers"]]
    if refused(text) or len(text) > MAX_TEXT_CHARS:
        assert [(p.rule, p.line) for p in problems] in ([("control-char", 2)], [("value-size", 2)])
        # written raw, such a character refuses the whole file before YAML reads it; escaped, only the value
        assert names == ([] if refused(written) else [None])
    else:
        assert problems == []
        assert names == [text if text else None]  # an empty text is no value


# --- the all-invited count against its plain definition -------------------------------------------

day = st.dates(min_value=date(2024, 1, 1), max_value=date(2024, 1, 31))
admission = st.tuples(st.sampled_from("ABC"), day, st.none() | day)


@settings(max_examples=300, **SETTINGS)
@given(st.lists(admission, max_size=8), day)
def test_admitted_count_is_the_plain_count(admissions: list[tuple[str, date, date | None]], on: date) -> None:
    rows = [Row({"supplier_id": s, "admitted": a, "left": left}, {}, "", 1) for s, a, left in admissions]
    # DESIGN §4: admitted on a day when admitted on or before it and not yet left
    plain = len({s for s, a, left in admissions if a <= on and (left is None or left > on)})
    assert admitted_count(rows)(on) == plain


@settings(max_examples=200, **SETTINGS)
@given(st.dates(min_value=date(1998, 1, 1), max_value=date(2027, 12, 31)), st.integers(min_value=-5, max_value=800))
def test_working_days_is_the_plain_count(start: date, days: int) -> None:
    end = start + timedelta(days=days)
    public = holidays.country_holidays("NO", years=range(start.year, end.year + 1))
    plain = sum(
        1 for i in range(1, days + 1) if (start + timedelta(i)).weekday() < 5 and start + timedelta(i) not in public
    )
    assert working_days(start, end) == plain

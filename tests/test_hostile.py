"""Hostile files from strangers' pull requests: each ends in an exact problem (rule, file, line), never a traceback.

Decisions these tests pin down:
- Text keeps exactly what was written; YAML 1.1's implicit types (NO, 0150, 12:30, ...) never apply.
  A plain `~`, `null`, `Null`, `NULL` or nothing means absent; quoted, it is text.
- Numbers have one written form: no plus sign, leading zero, exponent, separators, negative zero, NaN or
  infinity; and at most 15 digits (what spreadsheets and JavaScript keep).
- Text may hold tab and line breaks, but no other control character and no invisible formatting character
  (zero-width spaces, bidirectional overrides, stray byte-order marks, tag characters): a name must look
  like what it is. Written raw they are found before YAML reads the file; written as escapes, in the value.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator import load as load_module
from generator.check import validate
from generator.cli import main
from generator.limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_LIST_ITEMS, MAX_TEXT_CHARS, MAX_VALUES
from generator.load import Dataset
from generator.problems import Problem

from .conftest import problems_of

FIXTURES = Path(__file__).parent / "fixtures/valid"
BASE = b'id: @ID\nname: "Nordlys Tolk AS"\nsize: micro\ncountry: GB\n'  # @ID: the file's own id
AWARD_TEXT = (FIXTURES / "awards/tolk-fjordvik/2024-001.yaml").read_bytes()
SCHEME_TEXT = (FIXTURES / "schemes/tolk-fjordvik.yaml").read_bytes()

Found = list[tuple[str, int]]


def write(data: Path, relative: str, content: bytes) -> None:
    path = data / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def cli_survives(data: Path) -> str:
    """`dps validate` reports the problems with exit code 1, in every format, without a traceback."""
    for output_format in ("text", "github", "json"):
        result = CliRunner().invoke(main, ["validate", "--data", str(data), "--format", output_format])
        assert result.exit_code == 1, result.output
        assert isinstance(result.exception, SystemExit), result.exception
        assert "Traceback" not in result.output
    return result.output


def name_is(text: bytes) -> bytes:
    return BASE.replace(b'"Nordlys Tolk AS"', text)


# --- files that must not be read as records -------------------------------------------------------

BILLION_LAUGHS = (
    BASE
    + b"lol1: &l1 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    + b"".join(b"lol%d: &l%d [" % (n, n) + b", ".join([b"*l%d" % (n - 1)] * 9) + b"]\n" for n in range(2, 10))
)
DEEP_BLOCK = BASE + b"admissions:\n" + b"".join(b"  " * (i + 1) + b"- \n" for i in range(MAX_DEPTH + 2))
NESTED_DUPLICATE = BASE + (
    b"admissions:\n  - scheme: tolk-fjordvik\n    scheme: renhold-nordhei\n    categories: [muntlig]\n"
    b"    admitted: 2023-02-08\n    left: 2023-02-09\n"
)

# 500 admissions of one category each (as many list entries as one record may hold), each spanning
# thousands of years: the dates are out of range, and counting working days must not walk the years
MILLENNIA = (
    BASE
    + b"admissions:\n"
    + b"".join(
        b"  - {scheme: tolk-fjordvik, categories: [muntlig], requested: %04d-01-02, admitted: %s}\n"
        % (1 + i, (date(9999, 12, 31) - timedelta(days=i)).isoformat().encode())
        for i in range(MAX_LIST_ITEMS // 2)  # each with a list of one category: MAX_LIST_ITEMS entries in all
    )
)
ADMISSIONS_PAST_THE_LIMIT = BASE + b"admissions:\n" + b"  - {scheme: tolk-fjordvik, admitted: 2023-02-08}\n" * 1001

# A value the loader refuses is also absent, so a required field is reported missing (on the record's line).
FILES: dict[str, tuple[bytes, Found]] = {
    # a billion laughs: nine levels of nine aliases each, never expanded
    "alias bomb": (
        BILLION_LAUGHS,
        [("unknown-field", line) for line in range(5, 14)] + [("yaml-alias", line) for line in range(6, 14)],
    ),
    "alias of a key": (BASE + b"x: &k name\n*k : Other\n", [("unknown-field", 5), ("yaml-alias", 6)]),
    "10,000 levels of [": (BASE + b"admissions: " + b"[" * 10_000 + b"]" * 10_000 + b"\n", [("yaml-depth", 5)]),
    "10,000 levels of {": (
        BASE + b"admissions: " + b"{a: " * 10_000 + b"x" + b"}" * 10_000 + b"\n",
        [("yaml-depth", 5)],
    ),
    "block nesting past the limit": (DEEP_BLOCK, [("shape", 7), ("yaml-depth", 5 + MAX_DEPTH + 1)]),
    "python object tag on a value": (
        name_is(b"!!python/object/apply:os.system ['echo pwned']"),
        [("required", 1), ("yaml-tag", 2)],
    ),
    "python object tag on the record": (b"!!python/object/apply:os.system\n" + BASE, [("yaml-tag", 1)]),
    "python name tag": (name_is(b"!!python/name:os.system"), [("required", 1), ("yaml-tag", 2)]),
    "binary tag": (name_is(b"!!binary aGVsbG8="), [("required", 1), ("yaml-tag", 2)]),
    "custom local tag": (name_is(b"!invoice Nordlys"), [("required", 1), ("yaml-tag", 2)]),
    "custom global tag": (name_is(b"!<tag:example.com,2000:app/x> Nordlys"), [("required", 1), ("yaml-tag", 2)]),
    "set tag": (BASE + b"admissions: !!set {a, b}\n", [("yaml-tag", 5)]),
    "latin-1 bytes": (name_is(b'"Nordlys T\xf8lk AS"'), [("encoding", 2)]),
    "UTF-16 with byte-order mark": (BASE.decode().encode("utf-16"), [("encoding", 1)]),
    "UTF-16 LE without byte-order mark": (BASE.decode().encode("utf-16-le"), [("encoding", 1)]),
    "UTF-16 BE without byte-order mark": (BASE.decode().encode("utf-16-be"), [("encoding", 1)]),
    "UTF-32 with byte-order mark": (BASE.decode().encode("utf-32"), [("encoding", 1)]),
    "UTF-8 then latin-1": (name_is('"Nordlys Tølk AS"'.encode()) + b"# \xe6\xf8\xe5\n", [("encoding", 5)]),
    "two byte-order marks": (b"\xef\xbb\xbf\xef\xbb\xbf" + BASE, [("control-char", 1)]),
    "byte-order mark inside a name": (name_is('"Nordlys\ufeffTolk AS"'.encode()), [("control-char", 2)]),
    "admissions 9,000 years long": (
        MILLENNIA,
        [(rule, 6 + i) for i in range(MAX_LIST_ITEMS // 2) for rule in ("admission-time", "range", "range")],
    ),
    "1,001 admissions": (ADMISSIONS_PAST_THE_LIMIT, [("list-size", 6)]),
    "Windows line endings": (BASE.replace(b"\n", b"\r\n"), []),
    "old Mac line endings, then a NUL": (name_is(b'"Nordlys\x00Tolk AS"').replace(b"\n", b"\r"), [("control-char", 2)]),
    "raw NUL": (name_is(b'"Nordlys\x00Tolk AS"'), [("control-char", 2)]),
    "raw escape sequence": (name_is(b'"Nordlys \x1b[31mTolk AS"'), [("control-char", 2)]),
    "raw DEL": (name_is(b'"Nordlys\x7fTolk AS"'), [("control-char", 2)]),
    "raw C1 next line": (name_is('"Nordlys\x85Tolk AS"'.encode()), [("control-char", 2)]),
    "raw line separator": (name_is('"Nordlys\u2028Tolk AS"'.encode()), [("control-char", 2)]),
    "raw bidi override in a comment": (BASE + "# \u202e gnp.exe\n".encode(), [("control-char", 5)]),
    "escaped NUL": (name_is(b'"Nordlys\\0Tolk AS"'), [("control-char", 2), ("required", 1)]),
    "escaped bell": (name_is(b'"Nordlys\\aTolk AS"'), [("control-char", 2), ("required", 1)]),
    "escaped escape": (name_is(b'"Nordlys\\e[31mTolk AS"'), [("control-char", 2), ("required", 1)]),
    "escaped C1": (name_is(b'"Nordlys\\x85Tolk AS"'), [("control-char", 2), ("required", 1)]),
    "escaped zero-width space": (name_is(b'"Nordlys\\u200bTolk AS"'), [("control-char", 2), ("required", 1)]),
    "escaped bidi override": (name_is(b'"Nordlys\\u202eTolk AS"'), [("control-char", 2), ("required", 1)]),
    "escaped soft hyphen": (name_is(b'"Nordlys\\u00adTolk AS"'), [("control-char", 2), ("required", 1)]),
    "escaped tag characters": (name_is(b'"Nordlys\\U000E0041Tolk AS"'), [("control-char", 2), ("required", 1)]),
    "escaped lone surrogate": (name_is(b'"Nordlys\\ud800Tolk AS"'), [("yaml-syntax", 2)]),
    "control character in a key": (BASE + b'"na\\x07me": x\n', [("control-char", 5)]),
    "duplicate key": (BASE + b"name: Other AS\n", [("duplicate-key", 5)]),
    "duplicate key, once quoted": (BASE + b'"size": large\n', [("duplicate-key", 5)]),
    "duplicate key in a nested entry": (NESTED_DUPLICATE, [("duplicate-key", 7)]),
    "merge key": (BASE + b"<<: {size: large}\n", [("unknown-field", 5)]),
    "a dotted key is no path": (BASE + b"buyer.id: NO-BRC-312345676\n", [("unknown-field", 5)]),
    "empty key": (BASE + b'"": x\n', [("yaml-key", 5)]),
    "list as key": (BASE + b"? [a, b]\n: x\n", [("yaml-key", 5)]),
    "two documents": (BASE + b"---\n" + BASE, [("yaml-syntax", 5)]),
    "empty file": (b"", [("empty-file", 1)]),
    "only whitespace": (b"  \n\n   \n", [("empty-file", 1)]),
    "only a comment": (b"# id: GB-COH-H001\n", [("empty-file", 1)]),
    "only a document marker": (b"---\n", [("empty-file", 2)]),
    "only null": (b"null\n", [("empty-file", 1)]),
    "only ~": (b"~\n", [("empty-file", 1)]),
    "a list": (b"- id: GB-COH-H001\n", [("not-a-mapping", 1)]),
    "a flow list": (b"[GB-COH-H001, Nordlys]\n", [("not-a-mapping", 1)]),
    "a scalar": (b"GB-COH-H001\n", [("not-a-mapping", 1)]),
    "a number": (b"42\n", [("not-a-mapping", 1)]),
    "a quoted null": (b"'null'\n", [("not-a-mapping", 1)]),
    "a list where a mapping belongs": (BASE + b"admissions: [tolk-fjordvik]\n", [("shape", 5)]),
    "a mapping where a value belongs": (name_is(b"{first: Nordlys}"), [("required", 2), ("shape", 2)]),
    "a 50 MB file": (BASE + b"description: '" + b"x" * 50_000_000 + b"'\n", [("file-size", 1)]),
    "a 10 MB value": (name_is(b'"' + b"N" * 10_000_000 + b'"'), [("file-size", 1)]),
    "a value over the text limit": (
        name_is(b'"' + b"N" * (MAX_TEXT_CHARS + 1) + b'"'),
        [("required", 1), ("value-size", 2)],
    ),
    "too many values in one record": (BASE + b"admissions: [" + b"a, " * MAX_VALUES + b"a]\n", [("record-size", 5)]),
}

# --- YAML 1.1's implicit types ----------------------------------------------------------------------

TEXT_TRAPS = ["NO", "no", "yes", "Yes", "on", "off", "y", "n", "0150", "0o17", "0x1F", "1_000", "12:30", "190:20:30"]
TEXT_TRAPS += ["1e3", "-1e3", ".inf", "-.inf", ".nan", ".NaN", "2024-02-30", "2024-1-5", "2024-01-01T10:00:00"]
TEXT_TRAPS += ["2024-01-01 10:00:00 +01:00", "=1+1", "+1+1", "-1+1", "+47 22 33 44 55", "-0", "0.", "~x", "null x"]
TEXT_TRAPS += ["'~'", '"null"', "!!str null", "'NULL'", "'@SUM(A1)'"]
NULLS = ["~", "null", "Null", "NULL", ""]
INTEGER_TRAPS = ["0150", "+2", "-0", "0o17", "0x1F", "1_000", "12:30", "1e3", "2.0", ".inf", ".nan", "yes", "NaN"]
INTEGER_TRAPS += ["1 000", "½"]
NUMBER_TRAPS = ["1e400", "1e3", "1E3", "NaN", "nan", "Infinity", "-Infinity", "inf", ".inf", "-.inf", ".nan"]
NUMBER_TRAPS += ["+5", ".5", "5.", "0150", "-0", "-0.0", "1_000", "1 000", "1,5", "0x10", "12:30", "850 000,50"]
# too many digits for a float, or more decimal places than an amount has (MAX_DECIMALS)
TOO_MANY_DIGITS = [str(10**30), "1234567890123456", "1000000000000000", "850000.123456789012", "0.000000000000001"]
TOO_MANY_DIGITS += ["0." + "0" * 400 + "1", "1." + "0" * 400, "850000.5000000"]
FIFTEEN_DIGITS = ["999999999999999", "0.000001", "0", "0.50", "123456789012.345", "850000.500000"]
DATE_TRAPS = ["2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-1-5", "0000-01-01", "20240304"]
DATE_TRAPS += ["2024-03-04T10:00:00", "2024-03-04 10:00", "2024-03-04Z", "04.03.2024", "-2024-03-04", "2024-W10-1"]
ID_TRAPS = ["a/b", "../tolk-fjordvik", "..", ".", "tolk\\fjordvik", "' tolk-fjordvik'", "CON"]

# Every case goes into one dataset, each in its own file, validated once: a case's problems stay in its file.
CASES: dict[str, tuple[str, bytes]] = {}  # case -> (file under data/, content)
for n, (case, (content, _)) in enumerate(FILES.items()):
    CASES[case] = (f"suppliers/GB-COH-H{n:03d}.yaml", content.replace(b"@ID", b"GB-COH-H%03d" % n))
for n, written in enumerate(TEXT_TRAPS + NULLS):
    CASES[f"name {written}"] = (
        f"suppliers/GB-COH-T{n:03d}.yaml",
        name_is(written.encode()).replace(b"@ID", b"GB-COH-T%03d" % n),
    )


def award_case(kind: str, n: int, old: bytes, new: bytes) -> None:
    assert AWARD_TEXT.count(old) == 1
    award = f"{kind}-{n}"
    CASES[f"{kind} {new.decode()}"] = (
        f"awards/tolk-fjordvik/{award}.yaml",
        AWARD_TEXT.replace(b"id: 2024-001", f"id: {award}".encode()).replace(old, new),
    )


for n, written in enumerate(INTEGER_TRAPS):
    award_case("tenders", n, b"tenders: 2\n", f"tenders: {written}\n".encode())
for n, written in enumerate(NUMBER_TRAPS + TOO_MANY_DIGITS + FIFTEEN_DIGITS):
    award_case("amount", n, b"amount: 850000.50", f"amount: {written}".encode())
for n, written in enumerate(DATE_TRAPS):
    award_case("invited", n, b"invited: 2024-03-04", f"invited: {written}".encode())
award_case("digits", 0, b"tenders: 2\n", b"tenders: " + b"9" * 5000 + b"\n")  # past Python's int() limit
award_case("count", 0, b"invited_count: 2\n", f"invited_count: {10**30}\n".encode())
for n, written in enumerate(ID_TRAPS):
    CASES[f"scheme id {written}"] = (
        f"schemes/x{n}.yaml",
        SCHEME_TEXT.replace(b"id: tolk-fjordvik", f"id: {written}".encode()),
    )
CASES["empty scheme id"] = ("schemes/x-empty.yaml", SCHEME_TEXT.replace(b"id: tolk-fjordvik", b"id: ''"))
CASES["award scheme climbs out"] = (
    "awards/tolk-fjordvik/climb.yaml",
    AWARD_TEXT.replace(b"id: 2024-001", b"id: climb").replace(b"scheme: tolk-fjordvik", b"scheme: ../renhold-nordhei"),
)


# Files in unexpected places: each is one problem (on the file, or on the folder it sits in) and is not read.
PLACES: dict[str, tuple[str, str]] = {  # where the file is written -> (rule, where the problem is)
    "foo/x.yaml": ("wrong-folder", "foo/x.yaml"),
    "x.yaml": ("wrong-folder", "x.yaml"),
    "schemes/sub/x.yaml": ("wrong-folder", "schemes/sub/x.yaml"),
    "schemes/x.yml": ("wrong-folder", "schemes/x.yml"),
    "schemes/x.json": ("wrong-folder", "schemes/x.json"),
    "schemes/y.YAML": ("wrong-folder", "schemes/y.YAML"),
    "schemes/x.yaml/y.yaml": ("wrong-folder", "schemes/x.yaml/y.yaml"),
    "suppliers/README.md": ("wrong-folder", "suppliers/README.md"),
    "awards/tolk-fjordvik/sub/x.yaml": ("wrong-folder", "awards/tolk-fjordvik/sub/x.yaml"),
    "schemes/.x.yaml": ("hidden-file", "schemes/.x.yaml"),
    "schemes/.yaml": ("hidden-file", "schemes/.yaml"),
    "schemes/..yaml": ("hidden-file", "schemes/..yaml"),
    "schemes/con.yaml": ("reserved-name", "schemes/con.yaml"),
    "schemes/NUL.yaml": ("reserved-name", "schemes/NUL.yaml"),
    "schemes/com1.yaml": ("reserved-name", "schemes/com1.yaml"),
    "schemes/lpt9.tar.yaml": ("reserved-name", "schemes/lpt9.tar.yaml"),
    "awards/aux/2024-001.yaml": ("reserved-name", "awards/aux"),
    "schemes/x\ny.yaml": ("file-name", "schemes/x\\x0ay.yaml"),
    "schemes/x\u202eling.yaml": ("file-name", "schemes/x\\u202eling.yaml"),
}
PLACE_PROBLEMS = {problem_path: rule for rule, problem_path in PLACES.values()}
PLACE_PROBLEMS["schemes/caf\\xe9.yaml"] = "file-name"  # a name that is not UTF-8
PLACE_PROBLEMS["schemes/fifo.yaml"] = "not-a-file"  # reading it would wait for ever
PLACE_PROBLEMS["suppliers/GB-COH-ab123.yaml"] = "case-clash"  # one file with GB-COH-AB123 on Windows and macOS
# symbolic links, to outside data/ (a file, a missing file, a folder) and inside it
LINKS = {
    "suppliers/GB-COH-L1.yaml": "../../outside/secret.yaml",
    "suppliers/GB-COH-L2.yaml": "../../outside/missing.yaml",
    "suppliers/GB-COH-L3.yaml": "NO-BRC-312345692.yaml",
    "awards/elsewhere": "../../outside",
}
PLACE_PROBLEMS.update({link: "symlink" for link in LINKS})


def plant_places(root: Path) -> None:
    for relative in PLACES:
        write(root, relative, SCHEME_TEXT)
    with open(os.fsencode(root / "schemes") + b"/caf\xe9.yaml", "wb") as stream:
        stream.write(SCHEME_TEXT)
    os.mkfifo(root / "schemes/fifo.yaml")
    supplier = b"name: Acme Ltd\nsize: large\ncountry: GB\n"
    write(root, "suppliers/GB-COH-AB123.yaml", b"id: GB-COH-AB123\n" + supplier)
    write(root, "suppliers/GB-COH-ab123.yaml", b"id: GB-COH-ab123\n" + supplier)
    write(root.parent, "outside/secret.yaml", BASE.replace(b"@ID", b"GB-COH-L1"))
    for link, target in LINKS.items():
        (root / link).symlink_to(target)


@dataclass
class Hostile:
    root: Path
    dataset: Dataset
    problems: list[Problem]

    def found(self, case: str) -> Found:
        """The (rule, line) of every problem in the case's file, sorted."""
        file = (self.root / CASES[case][0]).as_posix()
        return sorted((p.rule, p.line) for p in self.problems if p.file == file)

    def values(self, case: str, resource: str) -> list[dict[str, Any]]:
        file = (self.root / CASES[case][0]).as_posix()
        return [row.values for row in self.dataset.tables[resource] if row.file == file]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    root = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(FIXTURES, root)
    for relative, content in CASES.values():
        write(root, relative, content)
    plant_places(root)
    return Hostile(root, *validate(root))


@pytest.mark.parametrize(("case", "expected"), [(c, e) for c, (_, e) in FILES.items()], ids=FILES.keys())
def test_hostile_file_is_an_exact_problem(hostile: Hostile, case: str, expected: Found) -> None:
    assert hostile.found(case) == sorted(expected)


def test_nothing_else_is_reported(hostile: Hostile) -> None:
    """The valid fixture stays valid beside the hostile files: every problem is in a case's file."""
    case_files = {(hostile.root / relative).as_posix() for relative, _ in CASES.values()}
    case_files |= {(hostile.root / relative).as_posix() for relative in PLACE_PROBLEMS}
    assert {p.file for p in hostile.problems} <= case_files


@pytest.mark.slow  # a few seconds: the command runs once per format
def test_the_cli_reports_every_hostile_file(hostile: Hostile) -> None:
    output = cli_survives(hostile.root)
    assert output.count('"rule":') == len(hostile.problems)


@pytest.mark.slow  # a few seconds: the command runs once per format
def test_the_real_command_prints_hostile_names_and_values_safely(data: Path) -> None:
    """Through a real process and pipe: an escape sequence and a file name that is not UTF-8 are shown escaped."""
    with open(os.fsencode(data / "schemes") + b"/bad\xff\x1b[2J.yaml", "wb") as stream:
        stream.write(b"id: x\n")
    write(data, "suppliers/GB-COH-H001.yaml", name_is(b'"Nordlys\\e[2JTolk"').replace(b"@ID", b"GB-COH-H001"))
    outputs = {}
    for output_format in ("text", "github", "json"):
        done = subprocess.run(
            [sys.executable, "-m", "generator", "validate", "--data", str(data), "--format", output_format],
            capture_output=True,
        )
        assert done.returncode == 1, done.stderr
        assert done.stderr == b""
        assert b"\x1b" not in done.stdout and b"\xff" not in done.stdout
        outputs[output_format] = done.stdout.decode()
    assert (
        "schemes/bad\\xff\\x1b[2J.yaml:1: -: error: the name holds characters that cannot be shown" in outputs["text"]
    )
    assert "file=" + str(data) + "/schemes/bad\\xff\\x1b[2J.yaml,line=1" in outputs["github"]
    assert "bad\\\\xff\\\\x1b[2J.yaml" in outputs["json"]  # JSON escapes the backslash once more


def test_an_object_tag_runs_nothing(data: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    write(data, "suppliers/GB-COH-H001.yaml", name_is(f"!!python/object/apply:os.system ['touch {marker}']".encode()))
    validate(data)
    assert not marker.exists()


def test_the_alias_bomb_stays_small(hostile: Hostile) -> None:
    assert len(hostile.found("alias bomb")) < 20  # 9**9 expanded values would be 387 million


def test_tab_and_line_breaks_are_fine_in_text(data: Path) -> None:
    write(data, "suppliers/GB-COH-H001.yaml", name_is(b'"Nordlys\\tTolk\\nAS"').replace(b"@ID", b"GB-COH-H001"))
    dataset, problems = validate(data)
    assert problems == []
    assert [r.values["name"] for r in dataset.tables["suppliers"] if r.file.endswith("H001.yaml")] == [
        "Nordlys\tTolk\nAS"
    ]


@pytest.mark.parametrize("written", TEXT_TRAPS)
def test_implicit_types_stay_text(hostile: Hostile, written: str) -> None:
    case = f"name {written}"
    assert hostile.found(case) == []
    kept = written.removeprefix("!!str ").strip("'\"")  # quotes and an explicit !!str are YAML, not text
    assert [v["name"] for v in hostile.values(case, "suppliers")] == [kept]


@pytest.mark.parametrize("written", NULLS)
def test_a_plain_null_is_absent(hostile: Hostile, written: str) -> None:
    assert hostile.found(f"name {written}") == [("required", 2)]


@pytest.mark.parametrize("written", INTEGER_TRAPS)
def test_integer_traps_are_type_problems(hostile: Hostile, written: str) -> None:
    assert hostile.found(f"tenders tenders: {written}\n") == [("type", 8)]


@pytest.mark.parametrize("written", NUMBER_TRAPS)
def test_number_traps_are_type_problems(hostile: Hostile, written: str) -> None:
    assert hostile.found(f"amount amount: {written}") == [("type", 13)]


@pytest.mark.parametrize("written", TOO_MANY_DIGITS)
def test_numbers_an_export_could_not_carry_are_range_problems(hostile: Hostile, written: str) -> None:
    assert hostile.found(f"amount amount: {written}") == [("range", 13)]


@pytest.mark.parametrize("written", FIFTEEN_DIGITS)
def test_numbers_within_15_digits_are_kept_exactly(hostile: Hostile, written: str) -> None:
    case = f"amount amount: {written}"
    assert hostile.found(case) == []
    [award] = hostile.values(case, "awards")
    assert format(award["value_amount"], "f") == written  # str() would write 1E-15


def test_a_huge_count_is_a_range_problem(hostile: Hostile) -> None:
    # and so many invited suppliers are not the two admitted
    assert hostile.found(f"count invited_count: {10**30}\n") == [("all-invited", 7), ("range", 7)]


def test_an_integer_too_long_for_python_is_a_type_problem(hostile: Hostile) -> None:
    assert hostile.found("digits tenders: " + "9" * 5000 + "\n") == [("type", 8)]


@pytest.mark.parametrize("written", DATE_TRAPS)
def test_impossible_and_non_iso_dates_are_type_problems(hostile: Hostile, written: str) -> None:
    assert hostile.found(f"invited invited: {written}") == [("type", 5)]


# --- ids, names and places --------------------------------------------------------------------------


@pytest.mark.parametrize("written", ID_TRAPS)
def test_ids_that_are_paths_or_odd_are_problems(hostile: Hostile, written: str) -> None:
    assert hostile.found(f"scheme id {written}") == [("file-name", 1), ("pattern", 1)]


def test_an_awards_scheme_that_climbs_out_is_a_problem(hostile: Hostile) -> None:
    # with no scheme to take the buyer from, buyer.name is missing too (buyer.id may be unknown)
    assert hostile.found("award scheme climbs out") == [("file-name", 2), ("refs", 2), ("required", 1)]


def test_an_empty_id_is_required_not_a_crash(hostile: Hostile) -> None:
    assert hostile.found("empty scheme id") == [("required", 1)]


def test_places_are_exact_problems(hostile: Hostile) -> None:
    shown = {p.file: (p.rule, p.line) for p in hostile.problems}
    for problem_path, rule in PLACE_PROBLEMS.items():
        assert shown.get(hostile.root.as_posix() + "/" + problem_path) == (rule, 1), problem_path


def test_nothing_outside_data_is_read(hostile: Hostile) -> None:
    assert not any("secret" in p.file or "secret" in p.message for p in hostile.problems)
    assert not any("outside" in row.file for rows in hostile.dataset.tables.values() for row in rows)


def test_a_gitkeep_and_the_readme_are_not_records(data: Path) -> None:
    write(data, "README.md", b"# Records\n")
    write(data, "schemes/.gitkeep", b"")
    assert problems_of(data) == []


def test_a_symbolic_link_for_a_whole_folder(data: Path) -> None:
    shutil.rmtree(data / "schemes")
    (data / "schemes").symlink_to(data.parent)
    assert ("symlink", "schemes", 1) in problems_of(data)


def test_two_scheme_files_that_differ_only_in_case(data: Path) -> None:
    write(data, "schemes/Tolk-fjordvik.yaml", SCHEME_TEXT.replace(b"id: tolk-fjordvik", b"id: Tolk-fjordvik"))
    found = [(rule, file, line) for rule, file, line in problems_of(data) if file.startswith("schemes/")]
    assert found == [("pattern", "schemes/Tolk-fjordvik.yaml", 1), ("case-clash", "schemes/tolk-fjordvik.yaml", 1)]


def test_the_same_id_in_two_files(data: Path) -> None:
    write(data, "schemes/tolk-fjordvik-2.yaml", SCHEME_TEXT)
    found = [(rule, file, line) for rule, file, line in problems_of(data) if file.startswith("schemes/")]
    assert found == [("file-name", "schemes/tolk-fjordvik-2.yaml", 1), ("unique", "schemes/tolk-fjordvik.yaml", 1)]


# --- bounds -----------------------------------------------------------------------------------------


def test_more_files_than_the_limit_is_one_problem(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load_module, "MAX_RECORD_FILES", 5)  # the fixture has 8 files
    dataset, problems = validate(data)
    assert [(p.rule, p.file, p.line) for p in problems] == [("file-count", data.as_posix(), 1)]
    assert "more than 5 files" in problems[0].message
    assert dataset.files == 0
    monkeypatch.setattr(load_module, "MAX_RECORD_FILES", 8)
    assert problems_of(data) == []


def test_limits_are_named_in_the_messages(hostile: Hostile) -> None:
    def message(case: str, rule: str) -> str:
        file = (hostile.root / CASES[case][0]).as_posix()
        return next(p.message for p in hostile.problems if p.file == file and p.rule == rule)

    assert f"the limit is {MAX_TEXT_CHARS:,}" in message("a value over the text limit", "value-size")
    assert f"deeper than {MAX_DEPTH} levels" in message("block nesting past the limit", "yaml-depth")
    assert f"over {MAX_FILE_BYTES:,} bytes" in message("a 50 MB file", "file-size")
    assert f"more than {MAX_VALUES:,} values" in message("too many values in one record", "record-size")


def test_an_unreadable_file_is_a_problem(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened = Path.open

    def refuse(path: Path, *args: Any, **kwargs: Any) -> Any:
        if path.name == "tolk-fjordvik.yaml":  # as for a file without read permission (root reads them all)
            raise PermissionError(13, "Permission denied")
        return opened(path, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    _, problems = validate(data)
    assert [(p.rule, p.line, p.message) for p in problems if p.file.endswith("schemes/tolk-fjordvik.yaml")] == [
        ("unreadable", 1, "cannot read it: Permission denied")
    ]

"""dps fmt: one canonical layout, comments kept, values never changed."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import schemas
from generator.authoring.fmt import format_text, plain
from generator.authoring.yamlwrite import ORDER, dump, from_data, quote
from generator.cli import main
from generator.load import load
from generator.load.yamltree import invisible_at, parse

from .conftest import FIXTURES, ROOT


def values(root: Path) -> dict[str, list[dict[str, Any]]]:
    dataset, problems = load(root)
    assert not [p for p in problems if p.is_error]
    return {name: [row.values for row in rows] for name, rows in dataset.tables.items()}


def fmt(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["fmt", *args])
    return result.exit_code, result.output


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


@pytest.mark.parametrize("source", [FIXTURES / "valid", ROOT / "data"], ids=["fixtures", "shipped-data"])
def test_values_survive_and_formatting_is_idempotent(source: Path, tmp_path: Path) -> None:
    if not any(source.rglob("*.yaml")):
        pytest.skip(f"{source} holds no records yet")
    target = tmp_path / "data"
    shutil.copytree(source, target)
    before = values(target)
    assert fmt("--data", str(target))[0] == 0
    assert values(target) == before
    once = snapshot(target)
    code, output = fmt("--data", str(target), "--check")
    assert (code, output.splitlines()[-1]) == (
        0,
        f"0 of {len(once)} files are not in the canonical layout (run `dps fmt`)",
    )
    assert snapshot(target) == once


def test_the_canonical_layout() -> None:
    text = (
        "# Kilde: Doffin\n"
        "name: 'Fjordtolk AS'   # as registered\n"
        "admissions:\n"
        "  # the first one\n"
        "  - categories: [muntlig, skriftlig]  # both\n"
        "    scheme: tolk-fjordvik\n"
        "    admitted: '2023-02-08'\n"
        "id: NO-BRC-312345692\n"
        "country: NO\n"
        "municipality: 0301\n"
        "size: small\n"
        "# the end\n"
    )
    assert format_text(text, "supplier", "x.yaml") == (
        "# Kilde: Doffin\n"
        'id: "NO-BRC-312345692"\n'
        'name: "Fjordtolk AS"  # as registered\n'
        'size: "small"\n'
        'country: "NO"\n'
        'municipality: "0301"\n'
        "admissions:\n"
        "  # the first one\n"
        '  - scheme: "tolk-fjordvik"\n'
        '    categories: ["muntlig", "skriftlig"]  # both\n'
        "    admitted: 2023-02-08\n"
        "# the end\n",
        [],
    )


def test_canonical_text_reads_the_same_in_any_yaml_reader() -> None:
    """Quoted text defuses YAML 1.1's traps for readers that construct values (NO, 0301, 12:30)."""
    text, _ = format_text(
        "id: NO-BRC-312345692\nname: 12:30\nsize: small\ncountry: NO\nmunicipality: 0301\n", "supplier", "x"
    )
    assert yaml.safe_load(text or "") == {
        "id": "NO-BRC-312345692",
        "name": "12:30",
        "size": "small",
        "country": "NO",
        "municipality": "0301",
    }


def test_comments_move_with_their_field_and_lists_of_records_stay_in_order() -> None:
    text = (
        "id: tolk\n"
        "categories:\n"
        "  - id: b  # second\n"
        "    title: B\n"
        "  # first, written second\n"
        "  - title: A\n"
        "    id: a\n"
        "# about the buyer\n"
        "buyer: {name: X, id: NO-BRC-312345676}\n"
        "title: T\n"
    )
    assert format_text(text, "scheme", "x") == (
        'id: "tolk"\n'
        'title: "T"\n'
        "# about the buyer\n"
        "buyer:\n"
        '  id: "NO-BRC-312345676"\n'
        '  name: "X"\n'
        "categories:\n"
        '  - id: "b"  # second\n'
        '    title: "B"\n'
        "  # first, written second\n"
        '  - id: "a"\n'
        '    title: "A"\n',
        [],
    )


def test_unknown_fields_and_odd_values_are_kept_as_written() -> None:
    text = 'id: x\ntitel: "typo"\nvalid_to: 2024-13-45\ninvited_count: 12:30\ndescription: |\n  two\n  lines\n'
    text += "url: ~\nrequest_deadline:\ncpv: null\n"
    out, problems = format_text(text, "scheme", "x")
    assert problems == []
    assert out is not None and "titel:" in out and 'description: "two\\nlines\\n"' in out
    assert "\ncpv:\n" in out and "\nrequest_deadline:\n" in out and "\nurl:\n" in out  # absent stays absent
    assert plain(parse(out, "x")[0]) == plain(parse(text, "x")[0])


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("id: [x\n", "yaml-syntax"),
        ("id: x\nid: y\n", "duplicate-key"),
        ("a: &v 1\nb: *v\n", "yaml-alias"),
        ('title: "bell\\a"\n', "control-char"),
    ],
)
def test_files_with_yaml_errors_are_refused(text: str, rule: str) -> None:
    out, problems = format_text(text, "scheme", "x.yaml")
    assert out is None
    assert [p.rule for p in problems] == [rule]


def test_check_lists_files_to_format_and_changes_nothing(data: Path) -> None:
    before = snapshot(data)
    code, output = fmt("--data", str(data), "--check")
    assert code == 1
    assert f"not canonical: {data}/schemes/tolk-fjordvik.yaml" in output.splitlines()
    assert snapshot(data) == before


def test_a_broken_file_is_reported_and_left_alone_while_the_others_are_formatted(data: Path) -> None:
    broken = data / "schemes" / "renhold-nordhei.yaml"
    broken.write_text("id: renhold-nordhei\ntitle: [unclosed\n", encoding="utf-8")
    code, output = fmt(str(broken), str(data / "schemes" / "tolk-fjordvik.yaml"), "--data", str(data))
    assert code == 1
    assert broken.read_text(encoding="utf-8") == "id: renhold-nordhei\ntitle: [unclosed\n"
    assert "[yaml-syntax]" in output
    assert (data / "schemes" / "tolk-fjordvik.yaml").read_text(encoding="utf-8").startswith('id: "tolk-fjordvik"\n')


def test_order_names_every_field_of_the_schemas_once() -> None:
    for record, order in ORDER.items():
        fields = {c.yaml for r in schemas.resources_of(record) for c in schemas.columns(r)}
        assert sorted(order) == sorted(fields), record


# --- properties ------------------------------------------------------------------------

# text the loader accepts: no control or invisible formatting characters (those are refused, tested above)
# what a value may hold: no invisible character, and no carriage return (the loader refuses it in a value)
texts = st.text(st.characters(codec="utf-8", exclude_categories=["Cn"]), max_size=40).filter(
    lambda t: invisible_at(t) is None and "\r" not in t
) | st.sampled_from(
    ["NO", "0301", "12:30", "yes", "~", "null", "", " a ", "a #b", "#", '"', "'", "\\", "a: b", "- x", "\n\t\n", "æøå"]
)


@given(
    title=texts,
    description=texts,
    comment=st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cn", "Zl", "Zp"])).filter(
        lambda t: invisible_at(t) is None
    ),
)
@settings(max_examples=300, deadline=None)
def test_any_text_survives_any_source_layout(title: str, description: str, comment: str) -> None:
    record = {"title": title, "id": "x", "categories": [{"id": "a", "description": description}]}
    for source in (
        yaml.safe_dump(record, allow_unicode=True),
        yaml.safe_dump(record, default_style='"'),
        yaml.safe_dump(record, default_flow_style=True, width=20),
    ):
        source = f"# {comment}\n{source}"
        out, problems = format_text(source, "scheme", "x")
        assert problems == [] and out is not None
        assert plain(parse(out, "x")[0]) == plain(parse(source, "x")[0]) == record
        assert f"# {comment}".rstrip(" \t") in out.splitlines()
        assert format_text(out, "scheme", "x") == (out, [])


@given(texts)
def test_quote_is_exact(text: str) -> None:
    assert yaml.safe_load(f"k: {quote(text)}") == {"k": text}
    assert plain(parse(dump("scheme", from_data({"title": text})), "x")[0]) == {"title": text}

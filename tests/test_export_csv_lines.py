"""The CSV lines the export joins itself are csv.writer's (RFC 4180, CRLF), byte for byte."""

from __future__ import annotations

import csv

from hypothesis import given
from hypothesis import strategies as st

from generator.export.text import _joined_lines, csv_rows

_TEXTS = st.text(alphabet=st.sampled_from(list('ab ,"\r\n\t;%sæ\x00\u2028')), max_size=6)


def _written(rows: list[tuple[str, ...]]) -> list[str]:
    lines: list[str] = []

    class Lines:
        write = lines.append

    csv.writer(Lines(), delimiter=",", lineterminator="\r\n").writerows(rows)
    return lines


@given(st.integers(1, 5).flatmap(lambda width: st.lists(st.tuples(*[_TEXTS] * width), max_size=8)))
def test_joined_lines_are_csv_writers(rows: list[tuple[str, ...]]) -> None:
    columns = [list(column) for column in zip(*rows, strict=True)] if rows else []
    if columns:
        assert _joined_lines(columns) == _written(rows)


def test_a_resources_lines_are_csv_writers() -> None:
    rows = [("s,1", 'a "b"', "x"), ("s", "", "line\r\nbreak"), ("", "", "")]
    block = [tuple(column) for column in zip(*rows, strict=True)]
    assert csv_rows("award_suppliers", [block]) == _written(rows)

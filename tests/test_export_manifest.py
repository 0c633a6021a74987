"""downloads.json is written as json.dumps(entries, ensure_ascii=False, indent=2, sort_keys=True) writes it."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from generator.export.downloads import manifest_text

_SCALARS = st.none() | st.text() | st.integers() | st.booleans() | st.floats(allow_nan=False)
_ENTRIES = st.lists(st.dictionaries(st.text(), _SCALARS | st.lists(st.integers(), max_size=2), max_size=7))


def _dumped(entries: Any) -> str:
    return json.dumps(entries, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@given(_ENTRIES)
def test_any_entries_are_written_as_json_dumps_writes_them(entries: list[dict[str, Any]]) -> None:
    assert manifest_text(entries) == _dumped(entries)


def test_a_manifest_of_every_kind_of_field_is_json_dumps_text() -> None:
    entries: list[dict[str, Any]] = [
        {
            "path": "schemes/å/awards.csv",
            "format": "csv",
            "resource": "awards",
            "scheme": "å",
            "rows": 3,
            "bytes": 10**20,
            "sha256": 'ab"\\\u2028\x00',
        },
        {"path": "dps.xlsx", "rows": None, "bytes": -1},
    ]
    assert manifest_text(entries) == _dumped(entries)
    assert manifest_text([]) == _dumped([]) and manifest_text([{}]) == _dumped([{}])

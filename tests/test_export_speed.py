"""The export's shortcuts give exactly what the plain ways give (they exist only for speed at national scale)."""

from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import assume, given
from hypothesis import strategies as st

from generator import schemas
from generator.export.package import descriptor_text, main_descriptor, scheme_descriptor
from generator.export.tables import ExportError, as_float_exactly, stored_number

STATS = {r: (123, "ab" * 32) for r in [*schemas.RESOURCES, "indicators"]}


def test_descriptor_text_is_what_json_dumps_writes() -> None:
    for descriptor in (
        main_descriptor(STATS),
        main_descriptor({}),
        scheme_descriptor("oslo-1", 'Tittel «æøå» "sitat"\nlinje 2\\ %s', dict(list(STATS.items())[:3])),
    ):
        assert descriptor_text(descriptor) == json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"


def test_descriptor_text_writes_a_schema_that_is_not_the_published_one_as_it_is() -> None:
    descriptor = main_descriptor(STATS)
    descriptor["resources"][0]["schema"] = {"fields": []}
    assert descriptor_text(descriptor) == json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"


_NUMBERS = st.one_of(
    st.integers(-(10**16), 10**16),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.builds(lambda d, e: Decimal(d).scaleb(e), st.integers(-(10**17), 10**17), st.integers(-330, 20)),
)


@given(_NUMBERS)
def test_stored_number_is_as_float_exactly_for_every_number_it_takes(value: int | Decimal) -> None:
    try:
        expected = as_float_exactly(value)
    except ExportError:
        assume(False)  # the export refuses it before anything is stored (check_numbers)
    got = stored_number(value)
    assert (type(got), got) == (type(expected), expected)

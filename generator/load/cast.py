"""Casting: the text written for a value becomes its value by the column's table-schema type."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

# One way to write each number, so the text written and the value read are the same: no plus sign,
# leading zero (YAML 1.1 reads 0150 as octal 104), exponent, separators or negative zero.
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def cast(kind: str, text: str | None) -> Any:
    """The typed value of `text` for a table-schema type, or None when absent or invalid.

    >>> cast("date", "2024-02-29"), cast("integer", "150"), cast("integer", "0150"), cast("string", "0150")
    (datetime.date(2024, 2, 29), 150, None, '0150')
    """
    if text is None or text == "":
        return None
    if kind == "string":
        return text
    if kind in ("integer", "number") and text.startswith("-") and not text.strip("-0."):
        return None  # negative zero
    try:
        if kind == "integer" and _INTEGER.fullmatch(text):
            return int(text)
        if kind == "number" and _NUMBER.fullmatch(text):
            return Decimal(text)
        if kind == "date" and _DATE.fullmatch(text):
            return date.fromisoformat(text)
    except (ValueError, InvalidOperation):
        return None
    return None

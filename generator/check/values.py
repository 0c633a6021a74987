"""Check, layer 1b: what a table schema cannot say about a value.

Frictionless checks types, patterns and ranges as the Table Schema defines them; these checks close the
gaps a value could slip through and then break a later stage: a pattern that a final line break still
matches (frictionless matches `^…$`), numbers a float cannot carry, dates no DPS can have, codes outside the
ISO lists, names that show as nothing and web addresses with spaces in them. Whatever passes here can be
published as written, in every format and on every file system.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

import pycountry

from generator import schemas
from generator.limits import EARLIEST_DATE, LATEST_DATE, MAX_DECIMALS, MAX_DIGITS
from generator.load import Dataset, Row
from generator.problems import Problem, error

# Characters that a font draws as nothing although Unicode calls them letters or symbols: Hangul fillers
# and the blank Braille pattern. With spaces, marks and format characters they make a name look empty.
_BLANK_GLYPHS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_UNSEEN_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Mn", "Me"})
_SURELY_SEEN = re.compile("[0-9A-Za-z\u00c0-\u024f]")  # a Latin letter or digit: shows, whatever else is there
Found = tuple[str, str] | None  # a problem's rule and message, or None; a check is given the value alone
# A web address written out in full: a scheme, a host, then anything but white space and the characters
# that RFC 3986 leaves out of addresses.
_URL = re.compile(r"https?://[^\s/?#\"<>\\^`{|}]+(?:[/?#][^\s\"<>\\^`{|}]*)?")
URL_MESSAGE = "is not a web address; write it in full, starting with https://, with no spaces or line breaks"
_EXAMPLES = {"ISO 4217": "e.g. NOK, SEK or EUR", "ISO 3166-1": "e.g. NO, SE or GB"}
_WHOLE_LIMIT: int = 10**MAX_DIGITS  # the first whole number of more than MAX_DIGITS digits


@cache
def _codes(codelist: str) -> frozenset[str]:
    """The codes of an ISO list, from pycountry (Debian's iso-codes, kept up to date by its maintainers)."""
    if codelist == "ISO 4217":
        return frozenset(c.alpha_3 for c in pycountry.currencies)
    if codelist == "ISO 3166-1":
        # XK: Kosovo, not yet in ISO 3166-1 but the code the EU and org-id.guide use for it
        return frozenset({*(c.alpha_2 for c in pycountry.countries), "XK"})
    raise ValueError(f"unknown code list {codelist}")


def quoted(value: Any, limit: int = 60) -> str:
    """A value as quoted in a message: a long one is cut there (never in the data) and says how long it is.

    >>> quoted("x" * 100)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' (100 characters)"
    """
    text = str(value)
    return f"'{text}'" if len(text) <= limit else f"'{text[:limit]}…' ({len(text):,} characters)"


def at(row: Row, column: str, rule: str, message: str) -> Problem:
    """An error at the place in its record file that a row's column came from."""
    path, line = row.spot(column)
    return error(rule, row.file, line, path, message)


def pattern_message(text: str, description: str) -> str:
    return f"{quoted(text)} has the wrong form: {description}"


def visible(text: str) -> bool:
    """Whether the text shows at least one character: not only spaces, fillers, marks or format characters.

    >>> visible("Fjordtolk AS"), visible("\\u00a0\\u3000 "), visible("\\u3164"), visible("\\u2800\\u115f")
    (True, False, False, False)
    """
    if _SURELY_SEEN.search(text):  # nearly every name: a Latin letter or digit, found at C speed
        return True
    if text.isascii():
        return not text.isspace()  # control characters are refused before this
    return any(
        not char.isspace() and char not in _BLANK_GLYPHS and unicodedata.category(char) not in _UNSEEN_CATEGORIES
        for char in text
    )


def value_problems(resource: str, rows: list[Row], today: date) -> Iterator[Problem]:
    """Every value of one resource that the table schema lets through but no later stage could publish."""
    yield from _number_bounds(resource, rows)
    for name, checks in _checks(resource, today).items():
        if not checks:
            continue
        values = [row.values[name] for row in rows]
        # each distinct value looked at once (a national dataset has 200,000 awards but a few thousand dates);
        # the first check a value fails is its problem: "NOK\n" breaks the pattern, not also the code list
        failed = {}
        for value in set(values):
            if value is not None:
                found = next(filter(None, (check(value) for check in checks)), None)
                if found is not None:
                    failed[value] = found
        if failed:
            yield from (
                at(row, name, *failed[value]) for row, value in zip(rows, values, strict=True) if value in failed
            )


def _checks(resource: str, today: date) -> dict[str, list[Callable[[Any], Found]]]:
    """The checks of each column of a resource, from its table schema."""
    found: dict[str, list[Callable[[Any], Found]]] = {}
    for doc in schemas.table_schema(resource)["fields"]:
        name = doc["name"]
        constraints = doc.get("constraints", {})
        checks = found[name] = []
        if "pattern" in constraints:
            checks.append(_whole_pattern(constraints["pattern"], doc["description"]))
        if "x-codes" in doc:
            checks.append(_in_codelist(doc["x-codes"]))
        if constraints.get("minLength"):
            checks.append(_shows_something)
        if doc.get("format") == "uri":
            checks.append(_web_address)
        if doc["type"] == "date":
            checks.append(_date_in_range(name in schemas.EVENT_DATES.get(resource, ()), today))
    return found


def _whole_pattern(pattern: str, description: str) -> Any:
    whole = re.compile(pattern)

    def check(value: str) -> Found:
        # frictionless matched `^pattern$`, and `$` matches before a final line break too
        if value.endswith("\n") and not whole.fullmatch(value):
            return "pattern", pattern_message(value, description)
        return None

    return check


def _in_codelist(codelist: str) -> Any:
    def check(value: str) -> Found:
        if value in _codes(codelist):
            return None
        message = f"{quoted(value)} is not a code of {codelist}; write the code in capitals, {_EXAMPLES[codelist]}"
        return "pattern", message

    return check


def _shows_something(value: str) -> Found:
    if visible(value):
        return None
    return "blank", f"{quoted(value)} shows as nothing (only spaces or invisible characters); write the name"


def _web_address(value: str) -> Found:
    return None if _URL.fullmatch(value) else ("type", f"{quoted(value)} {URL_MESSAGE}")


def _date_in_range(event: bool, today: date) -> Any:
    def check(value: date) -> Found:
        text = value.isoformat()  # as written: YYYY-MM-DD is the only form a date is read in
        if value < EARLIEST_DATE:
            return "range", (
                f"{text} is before {EARLIEST_DATE}: dynamic purchasing systems exist since Directive 2004/18/EC;"
                " check the year"
            )
        if event and value > today:
            return "range", f"{text} is after today ({today}): it records what happened, so check the year"
        if value > LATEST_DATE:
            return "range", f"{text} is after {LATEST_DATE}; check the year"
        return None

    return check


def _number_bounds(resource: str, rows: list[Row]) -> Iterator[Problem]:
    """Numbers an export could not carry exactly: spreadsheets and JavaScript keep 15 significant digits, and
    a float holds no number of hundreds of decimal places."""
    for col in schemas.columns(resource):
        if col.type not in ("integer", "number"):
            continue
        name = col.name
        for row in rows:
            value = row.values[name]
            if value is None:
                continue
            if _needs_more_digits(value):
                yield at(
                    row,
                    col.name,
                    "range",
                    f"{quoted(row.text[col.name])} needs more than {MAX_DIGITS} digits: spreadsheets and JavaScript"
                    f" keep {MAX_DIGITS}, so exports would change it; check the value",
                )
            elif _decimal_places(value) > MAX_DECIMALS:
                yield at(
                    row,
                    col.name,
                    "range",
                    f"{quoted(row.text[col.name])} has {_decimal_places(value):,} decimal places; at most"
                    f" {MAX_DECIMALS} (amounts are in kroner and øre)",
                )


def _decimal_places(value: int | Decimal) -> int:
    """Decimal places as written: 850000.50 has 2 (a Decimal keeps its trailing zeros).

    >>> _decimal_places(Decimal("850000.50")), _decimal_places(7), _decimal_places(Decimal("1." + "0" * 300))
    (2, 0, 300)
    """
    exponent = value.as_tuple().exponent if isinstance(value, Decimal) else 0
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _needs_more_digits(value: int | Decimal) -> bool:
    """More than MAX_DIGITS significant digits. Most numbers tell by their size or written length alone.

    >>> _needs_more_digits(10**15 - 1), _needs_more_digits(10**15), _needs_more_digits(Decimal("0.1234567890123456"))
    (False, True, True)
    """
    if isinstance(value, int):
        return abs(value) >= _WHOLE_LIMIT  # every digit of a whole number counts
    written = str(value)
    if "E" not in written and len(written) <= MAX_DIGITS:  # no more digits than characters
        return False
    return _significant_digits(value) > MAX_DIGITS


def _significant_digits(value: Decimal) -> int:
    """Digits written from the first non-zero one to the last non-zero one or the units, whichever is later.

    >>> _significant_digits(Decimal("850000.50")), _significant_digits(Decimal("1E+30"))
    (7, 31)
    """
    _, digits, exponent = value.normalize().as_tuple()
    assert isinstance(exponent, int)  # cast() makes only finite numbers
    stripped = "".join(map(str, digits)).lstrip("0")
    return len(stripped) + max(exponent, 0) if stripped else 0


def buyer_id_clashes(dataset: Dataset) -> Iterator[Problem]:
    """Buyer ids that differ only in letter case: their pages would be one folder on Windows and macOS.

    Supplier, scheme and award ids are file names, checked as such; a buyer's id is written in records.
    """
    first: dict[str, tuple[str, Row]] = {}
    for resource in ("schemes", "awards"):
        for row in dataset.tables[resource]:
            buyer = row.values["buyer_id"]
            if buyer is None or (resource == "awards" and row.file in dataset.buyer_from_scheme):
                continue
            key = buyer.casefold()
            seen = first.setdefault(key, (buyer, row))
            if seen[0] != buyer:
                other = seen[1]
                where = f"{other.file}:{other.spot('buyer_id')[1]}"
                yield at(
                    row,
                    "buyer_id",
                    "case-clash",
                    f"buyer id '{buyer}' differs only in letter case from '{seen[0]}' ({where}); one organisation has"
                    " one id, and on Windows and macOS their pages would be one folder: write it as there",
                )

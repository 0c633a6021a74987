"""Check, layer 2: the domain rules of DESIGN §4 (their ids, texts and legal sources: generator/problem_kinds/)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping
from itertools import chain
from typing import Any

from stdnum.no import orgnr

from generator.load import Dataset, Row
from generator.model.facts import AdmittedIndex, admitted_index, admitted_on, was_admitted_on, working_days
from generator.problem_kinds import GROUPS
from generator.problems import Problem, of_kind

# The domain rules' kinds, by id: id, severity, nb, en and source, as the site's rule table shows them.
RULES = {kind.id: kind for kind in GROUPS["rules"]}  # the domain rules, by id


def problem(rule_id: str, row: Row, column: str, message: str) -> Problem:
    """A problem at the place a row's column came from, its message ending with the rule's legal source."""
    path, line = row.spot(column)
    return of_kind(rule_id, row.file, line, path, f"{message} ({RULES[rule_id].source})")


# --- the rules ------------------------------------------------------------------------


def check_orgnr(ds: Dataset) -> Iterator[Problem]:
    scheme_buyer = {s.values["scheme_id"]: s.values["buyer_id"] for s in ds.tables["schemes"]}
    places = chain(
        ((r, "supplier_id") for r in ds.tables["suppliers"]),
        ((r, "buyer_id") for r in ds.tables["schemes"]),
        (
            (r, "buyer_id")
            for r in ds.tables["awards"]
            if r.values["buyer_id"] != scheme_buyer.get(r.values["scheme_id"])
        ),
    )
    verdicts: dict[object, str | None] = {}  # a buyer is named by many awards: each id is judged once
    for row, column in places:
        value = row.values[column]
        if value not in verdicts:
            verdicts[value] = _orgnr_fault(value)
        fault = verdicts[value]
        if fault is not None:
            yield problem("orgnr", row, column, fault)


def _orgnr_fault(value: object) -> str | None:
    """What is wrong with an identifier's Norwegian organisation number, or None (also for other identifiers)."""
    if not (isinstance(value, str) and value.startswith("NO-BRC-")):
        return None
    number = value[len("NO-BRC-") :]
    if not (len(number) == 9 and number.isdigit()):
        return f"'{number}' is not a 9-digit organisation number"
    if not orgnr.is_valid(number):
        return f"{number} fails the organisation number's check digit; look for a typo"
    return None


_DATE_ORDER: dict[str, list[tuple[str, ...]]] = {
    "schemes": [("published", "request_deadline"), ("valid_from", "valid_to")],
    "admissions": [("requested", "admitted", "left"), ("requested", "admitted_by")],
    "awards": [("invited", "tender_deadline", "awarded"), ("contract_start", "contract_end")],
}


def check_dates(ds: Dataset) -> Iterator[Problem]:
    for resource, chains in _DATE_ORDER.items():
        for row in ds.tables[resource]:
            for columns in chains:
                for before, earlier, after, later in _descending(row.values, columns):
                    yield problem("dates", row, after, f"{after} {later} is before {before} {earlier}")


def _descending(values: Mapping[str, Any], columns: tuple[str, ...]) -> list[tuple[str, Any, str, Any]]:
    """Each two values next to each other among the columns' present ones (in the columns' order) where the second
    is less than the first, as (column, value, next column, its value); nearly always none.

    >>> _descending({"a": 3, "b": None, "c": 2, "d": 5}, ("a", "b", "c", "d"))
    [('a', 3, 'c', 2)]
    """
    found = []
    before: str | None = None
    earlier: Any = None
    for after in columns:
        later = values[after]
        if later is None:
            continue
        if before is not None and later < earlier:
            found.append((before, earlier, after, later))
        before, earlier = after, later
    return found


# What a scheme's own notice always gives; only a scheme known only from call-offs may lack it. Not the buyer's
# id: a notice names its buyer, but often with no number from a register an import can be sure of (UK, NL, IT).
COMPLETE_SCHEME = ("title", "buyer_name", "type", "status", "cpv", "published")
STUB = "true"  # known_only_from_call_offs, as written


def check_scheme_complete(ds: Dataset) -> Iterator[Problem]:
    stubs = {s.values["scheme_id"] for s in ds.tables["schemes"] if s.values["known_only_from_call_offs"] == STUB}
    for row in ds.tables["schemes"]:
        if row.values["scheme_id"] in stubs:
            continue
        for column in COMPLETE_SCHEME:
            if row.text[column] is None:  # written but invalid is a schema problem already
                field = row.spot(column)[0]
                yield problem(
                    "scheme-complete",
                    row,
                    column,
                    f"{field} is required, unless the scheme is known only from call-offs "
                    "(known_only_from_call_offs: true)",
                )
    for row in ds.tables["categories"]:
        # a category written in the file (an implicit one takes the scheme's title, checked above)
        if row.spots is None and row.text["title"] is None and row.values["scheme_id"] not in stubs:
            yield problem("scheme-complete", row, "title", f"{row.spot('title')[0]} is required")


def check_admission_date(ds: Dataset) -> Iterator[Problem]:
    seen: set[tuple[str, int]] = set()  # an admission of several categories is several rows: one problem
    for row in ds.tables["admissions"]:
        admission = (row.file, row.indices[0] if row.indices else -1)
        admitted, bound = row.text["admitted"], row.text["admitted_by"]
        if admission in seen or (admitted is None) != (bound is None):
            continue
        seen.add(admission)
        if admitted is None:
            yield problem(
                "admission-date",
                row,
                "admitted",
                f"{row.spot('admitted')[0]} is required: the date the supplier was admitted "
                "(or admitted_by, the date it was admitted no later than)",
            )
        else:
            yield problem(
                "admission-date",
                row,
                "admitted_by",
                "give admitted (the day) or admitted_by (no later than), not both",
            )


def check_award_date(ds: Dataset) -> Iterator[Problem]:
    for row in ds.tables["awards"]:
        if row.text["invited"] is None and row.text["awarded"] is None:
            yield problem(
                "award-date",
                row,
                "invited",
                "an award needs invited or awarded: its year (invited's, else awarded's) places it on the site",
            )


def _admissions(ds: Dataset) -> dict[tuple[str, str], list[Row]]:
    """Admissions by (scheme, category), with every existing category present (maybe empty)."""
    by_category: dict[tuple[str, str], list[Row]] = {
        (c.values["scheme_id"], c.values["category_id"]): [] for c in ds.tables["categories"]
    }
    for row in ds.tables["admissions"]:
        if (row.values["scheme_id"], row.values["category_id"]) in by_category:
            by_category[(row.values["scheme_id"], row.values["category_id"])].append(row)
    return by_category


def _undated(admission: Row) -> bool:
    """An admission with no date at all: an admission-date problem, reported already."""
    return admission.values["admitted"] is None and admission.values["admitted_by"] is None


def _of_unknown_category(ds: Dataset) -> dict[tuple[str, str], list[Row]]:
    """Admissions whose category is unknown (categories: null), by (scheme, supplier)."""
    found: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in ds.tables["admissions"]:
        if row.values["category_id"] is None:
            found[(row.values["scheme_id"], row.values["supplier_id"])].append(row)
    return found


def check_winner_admitted(ds: Dataset) -> Iterator[Problem]:
    awards = {(a.values["scheme_id"], a.values["award_id"]): a.values for a in ds.tables["awards"]}
    admissions = _admissions(ds)
    unknown_category = _of_unknown_category(ds)
    by_supplier: dict[tuple[str, str, str], list[Row]] = defaultdict(list)  # one look-up per winner, not a scan
    for key, rows in admissions.items():
        for row in rows:
            by_supplier[(*key, row.values["supplier_id"])].append(row)
    # an admission without a valid date is reported already: its winners are not judged (found once per supplier)
    undated = {key for key, rows in by_supplier.items() if any(_undated(a) for a in rows)}
    known = {s.values["supplier_id"] for s in ds.tables["suppliers"]}
    for won in ds.tables["award_suppliers"]:
        supplier = won.values["supplier_id"]
        award = awards.get((won.values["scheme_id"], won.values["award_id"]))
        if award is None or supplier not in known:
            continue  # a missing award or supplier is a refs problem already
        scheme, category = award["scheme_id"], award["category_id"]
        mine = by_supplier.get((scheme, category, supplier))
        if mine is None and (scheme, category) not in admissions:
            continue  # an unknown category (category: null), or a scheme or category that is a refs problem
        if (scheme, category, supplier) in undated:
            continue
        day = award["invited"] or award["awarded"]
        # an admission to an unknown category may be to this one: then the rule cannot say it was not
        maybe = unknown_category.get((scheme, supplier))
        if maybe and (day is None or any(was_admitted_on(a.values, day) for a in maybe)):
            continue
        if mine is None:
            where = f"scheme '{scheme}' category '{category}'"
            yield problem("winner-admitted", won, "supplier_id", f"{supplier} won but was never admitted to {where}")
            continue
        if day is None:
            continue
        for admission in mine:
            if was_admitted_on(admission.values, day):
                break
        else:
            where = f"scheme '{scheme}' category '{category}'"
            spans = "; ".join(f"admitted {_admitted_text(a)}, left {a.values['left'] or '-'}" for a in mine)
            yield problem(
                "winner-admitted",
                won,
                "supplier_id",
                f"{supplier} was not admitted to {where} on the invitation date {day} ({spans})",
            )


def _admitted_text(admission: Row) -> str:
    v = admission.values
    return str(v["admitted"]) if v["admitted"] is not None else f"no later than {v['admitted_by']}"


def check_within_validity(ds: Dataset) -> Iterator[Problem]:
    validity = {
        s.values["scheme_id"]: (s.values["valid_from"], s.values["valid_to"], s.values["terminated_date"])
        for s in ds.tables["schemes"]
    }
    for award in ds.tables["awards"]:
        bounds = validity.get(award.values["scheme_id"])
        if bounds is None:
            continue
        start, end, ended = bounds
        for column in ("invited", "awarded"):
            day = award.values[column]
            if day is None:
                continue
            if start is not None and day < start:
                yield problem(
                    "within-validity", award, column, f"{column} {day} is before the scheme is valid ({start})"
                )
            elif end is not None and day > end:
                yield problem("within-validity", award, column, f"{column} {day} is after the scheme ended ({end})")
            elif ended is not None and day > ended:
                yield problem(
                    "within-validity", award, column, f"{column} {day} is after the scheme was terminated ({ended})"
                )


def check_counts(ds: Dataset) -> Iterator[Problem]:
    for row in ds.tables["awards"]:
        for small, a, big, b in _descending(row.values, ("sme_tenders", "tenders", "invited_count")):
            yield problem("counts", row, small, f"{small} ({a}) is more than {big} ({b})")


def check_terminated(ds: Dataset) -> Iterator[Problem]:
    for row in ds.tables["schemes"]:
        if row.values["status"] == "terminated":
            missing = [c for c in ("terminated_date", "terminated_notice") if row.values[c] is None]
            if missing:
                wanted = " and ".join(c.replace("terminated_", "terminated.") for c in missing)
                yield problem("terminated", row, "status", f"a terminated scheme needs {wanted}")


def check_request_period(ds: Dataset) -> Iterator[Problem]:
    for row in ds.tables["schemes"]:
        published, deadline = row.values["published"], row.values["request_deadline"]
        if published and deadline and (deadline - published).days < 30:
            yield problem(
                "request-period",
                row,
                "request_deadline",
                f"the first request deadline is {(deadline - published).days} days after publication, not 30",
            )


def check_admission_time(ds: Dataset) -> Iterator[Problem]:
    for row in ds.tables["admissions"]:
        requested, admitted = row.values["requested"], row.values["admitted"]
        if requested is None or admitted is None or (admitted - requested).days <= 10:
            continue  # no more working days than days: within 10 (most admissions), counted no further
        days = working_days(requested, admitted)
        if days > 15:
            yield problem(
                "admission-time",
                row,
                "admitted",
                f"admitted {days} working days after the request: beyond even the 15 allowed where justified",
            )
        elif days > 10:
            yield problem(
                "admission-time",
                row,
                "admitted",
                f"admitted {days} working days after the request: more than 10, allowed only where justified",
            )


def check_tender_period(ds: Dataset) -> Iterator[Problem]:
    for row in ds.tables["awards"]:
        invited, deadline = row.values["invited"], row.values["tender_deadline"]
        if invited and deadline and (deadline - invited).days < 10:
            yield problem(
                "tender-period",
                row,
                "tender_deadline",
                f"the tender deadline is {(deadline - invited).days} days after the invitation, not 10",
            )


def check_all_invited(ds: Dataset) -> Iterator[Problem]:
    admissions = _admissions(ds)
    # a scheme with an admission to an unknown category: no category's count of admitted suppliers is known
    uncounted = {scheme for scheme, _ in _of_unknown_category(ds)}
    indexes: dict[tuple[str, str], AdmittedIndex | None] = {}  # None: unknown, or an undated admission
    for row in ds.tables["awards"]:
        invited, count = row.values["invited"], row.values["invited_count"]
        if invited is None or count is None:
            continue
        key = (row.values["scheme_id"], row.values["category_id"])
        if key not in indexes:
            rows = admissions.get(key)
            # an admission known only as "no later than" a day may or may not have begun by the invitation
            undated = rows is None or key[0] in uncounted or any(a.values["admitted"] is None for a in rows)
            indexes[key] = None if undated else admitted_index(rows or [])
        index = indexes[key]
        if index is None:
            continue  # an unknown category, an inferred admission, or one without a valid date (reported)
        admitted = admitted_on(index, invited)
        if count != admitted:
            yield problem(
                "all-invited",
                row,
                "invited_count",
                f"{count} suppliers invited, but {admitted} were admitted to the category on {invited}",
            )


def check_no_end_date(ds: Dataset) -> Iterator[Problem]:
    for row in ds.tables["schemes"]:
        if row.values["valid_to"] is None and row.values["status"] in ("pending", "active"):
            yield problem("no-end-date", row, "valid_to", "the scheme states no end date (valid_to)")


def check_buyer_name(ds: Dataset) -> Iterator[Problem]:
    """Schemes name their buyer with authority; a call-off's buyer name is checked against them first."""
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for resource, weight in (("schemes", 1_000_000), ("awards", 1)):
        for row in ds.tables[resource]:
            if row.values["buyer_id"] and row.values["buyer_name"]:
                names[row.values["buyer_id"]][row.values["buyer_name"]] += weight
    usual = {buyer: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for buyer, c in names.items()}
    for row in [*ds.tables["schemes"], *ds.tables["awards"]]:
        buyer, name = row.values["buyer_id"], row.values["buyer_name"]
        if buyer in usual and name and name != usual[buyer]:
            yield problem(
                "buyer-name", row, "buyer_name", f"{buyer} is named '{name}' here but '{usual[buyer]}' elsewhere"
            )


CHECKS: dict[str, Callable[[Dataset], Iterator[Problem]]] = {
    "scheme-complete": check_scheme_complete,
    "admission-date": check_admission_date,
    "award-date": check_award_date,
    "orgnr": check_orgnr,
    "dates": check_dates,
    "winner-admitted": check_winner_admitted,
    "within-validity": check_within_validity,
    "counts": check_counts,
    "terminated": check_terminated,
    "request-period": check_request_period,
    "admission-time": check_admission_time,
    "tender-period": check_tender_period,
    "all-invited": check_all_invited,
    "no-end-date": check_no_end_date,
    "buyer-name": check_buyer_name,
}


def domain_problems(ds: Dataset) -> Iterator[Problem]:
    for check in CHECKS.values():
        yield from check(ds)

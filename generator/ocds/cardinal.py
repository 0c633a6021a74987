"""Two red flags of the Open Contracting Partnership's Cardinal, as its command line computes them on a compiled
release (open-contracting/cardinal-rs, src/indicators/r018.rs and r003.rs), for the count-level data we hold.

A flag is True (flagged), False (judged, not flagged) or None (Cardinal cannot judge the process: it lacks a field).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

DEFINITIONS = {  # Cardinal's documentation of each flag
    "R018": "https://cardinal.readthedocs.io/en/latest/cli/indicators/R/018.html",
    "R003": "https://cardinal.readthedocs.io/en/latest/cli/indicators/R/003.html",
}
COMPETITIVE = frozenset({"open", "selective"})  # R018's default procurement methods
# R003's threshold set to the DPS's minimum tender period (Directive 2014/24/EU Art. 34(2)(b)); Cardinal's default
# is 15 days: run it with `[R003] threshold = 10` to get our figure.
DPS_MINIMUM_DAYS = 10


def r018(tender: dict[str, Any]) -> bool | None:
    """Single bid received: a competitive process with exactly one tenderer.

    >>> r018({"procurementMethod": "selective", "numberOfTenderers": 1}), r018({"procurementMethod": "selective"})
    (True, None)
    """
    if tender.get("procurementMethod") not in COMPETITIVE or tender.get("numberOfTenderers") is None:
        return None
    return bool(tender["numberOfTenderers"] == 1)


def r003(tender: dict[str, Any], threshold: int = DPS_MINIMUM_DAYS) -> bool | None:
    """Short submission period: fewer whole days than the threshold between the tender period's start and end.

    >>> period = {"startDate": "2024-03-04T00:00:00Z", "endDate": "2024-03-13T00:00:00Z"}
    >>> r003({"tenderPeriod": period}), r003({"tenderPeriod": period}, threshold=9), r003({})
    (True, False, None)
    """
    dates = tender.get("tenderPeriod") or {}
    if "startDate" not in dates or "endDate" not in dates:
        return None
    seconds = (datetime.fromisoformat(dates["endDate"]) - datetime.fromisoformat(dates["startDate"])).total_seconds()
    return int(seconds / 86400) < threshold  # whole days, rounded toward zero as chrono's num_days()

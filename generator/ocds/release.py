"""What every release has: its OCID, an id that changes when and only when its content does, its date, tags."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

from generator.ocds.ids import Json, compact, when

# The records' own categories are lots; the implicit category of a scheme without categories is not a lot.
IMPLICIT = "all"


def text(value: Any) -> str:
    """JSON text, the same bytes for the same value: compact, UTF-8 as is (the dicts are built in a fixed order)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def release(ocid: str, days: list[date | None], fallback: date, tags: list[str], body: Json) -> Json:
    """A release of a process as the records show it today. Its date is the newest event it holds (or the data's
    today when it holds none), and its id a digest of its content: a process that did not change keeps its
    release, one that did gets a new one."""
    known = [d for d in days if d is not None]
    out = {"ocid": ocid, "id": "", "date": when(max(known) if known else fallback), "tag": tags}
    out |= {"initiationType": "tender", **compact(body)}
    out["id"] = hashlib.sha256(text(out).encode("utf-8")).hexdigest()[:16]
    return out


def lots_of(categories: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A scheme's categories that are lots: none for a scheme with only the implicit category."""
    if len(categories) == 1 and categories[0]["category_id"] == IMPLICIT:
        return []
    return categories


def cpv(code: str | None, item_id: str, lot: str | None = None) -> Json | None:
    if code is None:
        return None
    return compact({"id": item_id, "classification": {"scheme": "CPV", "id": code}, "relatedLot": lot})

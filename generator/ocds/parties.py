"""The organisations of one release: each once in `parties`, with every role it plays there."""

from __future__ import annotations

from typing import Any

from generator.ocds.ids import Json, compact, identifier

# OCDS partyScale has the same words as the records' size (BT-165), "sme" included (micro, small or medium)
SCALES = ("micro", "small", "medium", "large", "sme")
ROLE_ORDER = ("buyer", "procuringEntity", "supplier", "tenderer")
LOCAL_BUYER = "buyer"  # no org-id.guide id has no hyphen, so no organisation's id is this


class Parties:
    """Collects the parties a release names; `listed()` gives them sorted by id, roles in a fixed order."""

    def __init__(self, suppliers: dict[str, dict[str, Any]]) -> None:
        self.suppliers = suppliers  # supplier id -> the suppliers table's record
        self.found: dict[str, tuple[str | None, set[str]]] = {}
        self.local: set[str] = set()  # party ids that are no organisation's id

    def add(self, org_id: str, name: str | None, role: str) -> Json:
        """Name the organisation in a role; returns the reference (id and name) to put where it plays it."""
        known = self.found.get(org_id)
        roles = known[1] if known else set()
        roles.add(role)
        self.found[org_id] = ((known[0] if known else None) or name, roles)
        return compact({"id": org_id, "name": name})

    def buyer(self, org_id: str | None, name: str | None) -> Json | None:
        """The buyer; one known only by its name (no org id a notice or person could be sure of) is a party with
        the release-local id `buyer` and no `identifier`, so no organisation id is made up for it."""
        if org_id:
            return self.add(org_id, name, "buyer")
        if not name:
            return None
        self.local.add(LOCAL_BUYER)
        return self.add(LOCAL_BUYER, name, "buyer")

    def supplier(self, supplier_id: str, role: str = "supplier") -> Json:
        record = self.suppliers.get(supplier_id)
        return self.add(supplier_id, record["name"] if record else None, role)

    def listed(self) -> list[Json]:
        out = []
        for org_id in sorted(self.found):
            name, roles = self.found[org_id]
            record = self.suppliers.get(org_id)
            size = record.get("size") if record else None
            out.append(
                compact(
                    {
                        "id": org_id,
                        "name": name,
                        "identifier": None if org_id in self.local else identifier(org_id, name),
                        "roles": [r for r in ROLE_ORDER if r in roles],
                        "details": {"scale": size} if size in SCALES else None,
                    }
                )
            )
        return out

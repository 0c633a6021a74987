"""The organisations of one release: each once in `parties`, with every role it plays there."""

from __future__ import annotations

from typing import Any

from generator.ocds.ids import Json, compact, identifier

# OCDS partyScale has the same words as the records' size (BT-165), "sme" included (micro, small or medium)
SCALES = ("micro", "small", "medium", "large", "sme")
UNIDENTIFIED_BUYER = "buyer-without-organisation-number"  # no org id has this form (XX-REGISTER-id)
ROLE_ORDER = ("buyer", "procuringEntity", "supplier", "tenderer")


class Parties:
    """Collects the parties a release names; `listed()` gives them sorted by id, roles in a fixed order."""

    def __init__(self, suppliers: dict[str, dict[str, Any]]) -> None:
        self.suppliers = suppliers  # supplier id -> the suppliers table's record
        self.found: dict[str, tuple[str | None, set[str]]] = {}

    def add(self, org_id: str, name: str | None, role: str) -> Json:
        """Name the organisation in a role; returns the reference (id and name) to put where it plays it."""
        known = self.found.get(org_id)
        roles = known[1] if known else set()
        roles.add(role)
        self.found[org_id] = ((known[0] if known else None) or name, roles)
        return compact({"id": org_id, "name": name})

    def buyer(self, org_id: str | None, name: str | None) -> Json | None:
        """The buyer; one known only by name (an imported notice gave no organisation number) is a party all the
        same, with a local id and no identifier, so its name is not lost."""
        if org_id is None and name is None:
            return None
        return self.add(org_id or UNIDENTIFIED_BUYER, name, "buyer")

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
                        "identifier": identifier(org_id, name) if org_id != UNIDENTIFIED_BUYER else None,
                        "roles": [r for r in ROLE_ORDER if r in roles],
                        "details": {"scale": size} if size in SCALES else None,
                    }
                )
            )
        return out

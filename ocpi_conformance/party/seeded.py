"""Seeded objects of 2.3.0's new modules (Payments, Bookings, Invoice Reconciliation): the
version's shipped valid fixtures in turn, numbered, a day apart, each validated when made, and
a store of objects kept by one identity field (CiStrings, so upper-cased).

The same idea as `lists.seed` for the nine modules of 2.2.1, for objects that lists.py does not
carry: a module with two lists (Payments, Bookings), or whose object names no owner (Terminal).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from ocpi_conformance.party.service import Answer
from ocpi_conformance.party.state import Identity
from ocpi_conformance.resources import fixture
from ocpi_conformance.spec.validation import validate_object

JSON = dict[str, Any]
START = datetime(2024, 2, 1, 9, 0, tzinfo=UTC)
COUNT = 5


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def seed(
    folder: str,
    obj: str,
    identity: Identity | None,
    *,
    key: str = "id",
    prefix: str,
    variants: tuple[str, ...] = ("full", "minimal"),
    version: str = "2.3.0",
) -> list[JSON]:
    """COUNT objects of `obj` from fixtures/<version>/<folder>/valid (`variants` in turn), ids
    `<prefix>-001`..., owned by `identity` where given, last_updated a day apart."""
    items = []
    for n in range(COUNT):
        item = copy.deepcopy(fixture(folder, f"{obj}.{variants[n % len(variants)]}", version))
        item[key] = f"{prefix}-{n + 1:03d}"
        if identity is not None:
            item["country_code"], item["party_id"] = identity.country_code, identity.party_id
        item["last_updated"] = stamp(START + timedelta(days=n))
        violations = validate_object(obj, item, version)
        if violations:
            raise ValueError(f"seeded {version} {obj} {n + 1} breaks the spec: {violations[0]}")
        items.append(item)
    return items


@dataclass
class Kept:
    """Objects kept by one identity field (a CiString: compared upper-cased), in order."""

    key: str
    objects: dict[str, JSON] = field(default_factory=dict)

    @classmethod
    def of(cls, key: str, items: list[JSON]) -> Kept:
        kept = cls(key)
        for item in items:
            kept.put(item)
        return kept

    def put(self, item: JSON) -> bool:
        """Store `item`; whether it is new."""
        name = str(item[self.key]).upper()
        created = name not in self.objects
        self.objects[name] = item
        return created

    def get(self, name: str, what: str) -> JSON:
        """The object named `name`, or HTTP 404 with 2000 (status_codes: an unknown object)."""
        found = self.objects.get(name.upper())
        if found is None:
            raise Answer(404, 2000, f"unknown {what} {name}")
        return found

    def items(self) -> list[JSON]:
        return sorted(self.objects.values(), key=lambda item: str(item.get("last_updated")))

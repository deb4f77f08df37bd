"""A CPO's own Locations in an OCPI version the hand-written seed (`seed.py`, built on 2.2.1's
models) does not cover: made of the version's shipped valid fixtures instead
(fixtures/<version>/locations/valid: `full`, `twentyfourseven` and `minimal` in turn).

Each copy is renumbered as seed.py numbers its Locations (LOC-0001, its EVSEs LOC-0001-1, ...),
given the party's owner fields where the version's Location carries them, its Connectors the
first Tariff the party's Tariffs list serves, and restamped: the
Location's `last_updated` as seed.py's (days apart, oldest first), its EVSEs' and Connectors'
the same instant ("a child's last_updated is never newer than its parent's"). Every Location
is validated against the version's schema when it is made.
"""

from __future__ import annotations

import copy
from typing import Any

from ocpi_conformance.party.locations.seed import COUNT, location_updated, stamp
from ocpi_conformance.party.state import Identity
from ocpi_conformance.resources import fixture
from ocpi_conformance.spec.validation import validate_object
from ocpi_conformance.spec.version import version as spec_version

VARIANTS = ("full", "twentyfourseven", "minimal")
TARIFF = "OCC-TARIFF-001"  # the first Tariff of the party's seeded list (lists.py numbers them)


def seed_from_fixtures(
    identity: Identity, version: str, count: int = COUNT
) -> list[dict[str, Any]]:
    """The CPO's Locations of `version`, oldest first."""
    owned = spec_version(version).owner_in_objects
    seeded = []
    for index in range(count):
        body = copy.deepcopy(fixture("locations", f"Location.{VARIANTS[index % len(VARIANTS)]}",
                                     version))  # fmt: skip
        updated = stamp(location_updated(index))
        body["id"] = f"LOC-{index + 1:04d}"
        if owned:
            body["country_code"], body["party_id"] = identity.country_code, identity.party_id
        for number, evse in enumerate(body.get("evses") or [], start=1):
            evse["uid"] = f"LOC-{index + 1:04d}-{number}"
            if evse.get("evse_id"):
                code = f"{identity.country_code}*{identity.party_id}"
                evse["evse_id"] = f"{code}*E{index + 1:04d}*{number}"
            evse["last_updated"] = updated
            for connector in evse.get("connectors") or []:
                connector["last_updated"] = updated
                if connector.get("tariff_id"):  # a Tariff the party's own list serves
                    connector["tariff_id"] = TARIFF
        body["last_updated"] = updated
        violations = validate_object("Location", body, version)
        if violations:
            raise ValueError(f"seeded {version} Location {index + 1} breaks: {violations[0]}")
        seeded.append(body)
    return seeded

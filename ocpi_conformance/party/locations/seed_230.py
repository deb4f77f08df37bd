"""A CPO's own Locations in OCPI 2.3.0: the twelve of `seed.py` (a 2.2.1 Location is a valid
2.3.0 one: 2.3.0 adds optional fields and opens enums), with what 2.3.0 adds shown on some of
them, so that a 2.3.0 run meets the same places, statuses and capabilities as a 2.2.1 one, and
the new fields too (mod_locations.asciidoc, tag v2.3.0-ed2):

- `parking_places` (Parking, `#mod_locations_parking_object`) on every third Location, each EVSE
  of it linked to one by `parking` (EVSEParking: "refers to a Parking object from the containing
  Location's parking_places field by its id field"), with an `evse_position`;
- `help_phone` (CiString(25)) on every other Location;
- `accepted_service_providers` on the first EVSE of every fourth Location (from the second);
- Connector `capabilities` (ConnectorCapability) on the DC Connectors;
- the new ConnectorType values: the ninth Location's DC Connectors are `MCS` ones, the twelfth's
  `SAE_J3400` ones; the new ParkingRestriction values on the sixth Location's first EVSE.

Every Location is validated against the 2.3.0 schema when it is made.
"""

from __future__ import annotations

from typing import Any

from ocpi_conformance.party.locations.seed import COUNT, seed_locations
from ocpi_conformance.party.state import Identity
from ocpi_conformance.spec.validation import validate_object

VERSION = "2.3.0"
PROVIDERS = ["Example Mobility Service Provider", "ocpi-conformance sandbox eMSP"]
STANDARDS = {8: "MCS", 11: "SAE_J3400"}  # Location index -> its DC Connectors' new standard


def _parking_places(index: int) -> list[dict[str, Any]]:
    """Two parking places: a wide one (vans allowed, roofed) and a disabled one."""
    return [
        {
            "id": f"LOC-{index + 1:04d}-P1",
            "physical_reference": "P1",
            "vehicle_types": ["PERSONAL_VEHICLE", "VAN"],
            "max_vehicle_height": 230,
            "parking_space_length": 600,
            "parking_space_width": 300,
            "direction": "PERPENDICULAR",
            "restricted_to_type": False,
            "reservation_required": False,
            "roofed": True,
            "lighting": True,
        },
        {
            "id": f"LOC-{index + 1:04d}-P2",
            "physical_reference": "P2",
            "vehicle_types": ["DISABLED"],
            "direction": "PARALLEL",
            "restricted_to_type": True,
            "reservation_required": False,
            "time_limit": 180,
        },
    ]


def _dress(location: dict[str, Any], index: int) -> dict[str, Any]:
    evses: list[dict[str, Any]] = location.get("evses") or []
    if index % 3 == 0:
        places = _parking_places(index)
        location["parking_places"] = places
        for number, evse in enumerate(evses):
            place = places[number % len(places)]["id"]
            evse["parking"] = [
                {"parking_id": place, "evse_position": ("LEFT", "RIGHT")[number % 2]}
            ]
    if index % 2 == 1:
        location["help_phone"] = f"+31 20 555 {index + 1:04d}"
    if index % 4 == 1 and evses:
        evses[0]["accepted_service_providers"] = list(PROVIDERS)
    if index == 5 and evses:
        evses[0]["parking_restrictions"] = ["EV_ONLY", "EMPLOYEES", "TENANTS"]
    for evse in evses:
        for connector in evse.get("connectors") or []:
            if connector.get("power_type") == "DC":
                connector["capabilities"] = ["ISO_15118_2_PLUG_AND_CHARGE"]
                if index in STANDARDS:
                    connector["standard"] = STANDARDS[index]
    return location


def seed_locations_230(identity: Identity, count: int = COUNT) -> list[dict[str, Any]]:
    """The CPO's 2.3.0 Locations, oldest first."""
    seeded = []
    for index, location in enumerate(seed_locations(identity, count)):
        dressed = _dress(location, index)
        violations = validate_object("Location", dressed, VERSION)
        if violations:
            raise ValueError(f"seeded {VERSION} Location {index + 1} breaks: {violations[0]}")
        seeded.append(dressed)
    return seeded

"""The CPO's own Locations: a deterministic, valid set for the Sender interface to serve.

Twelve Locations of the CPO's own country_code/party_id, with 1-3 EVSEs of 1-2 Connectors each,
optional fields present on some and absent on others, and `last_updated` values days apart
(oldest first) so that date windows select known subsets. A Location's `last_updated` is its
newest EVSE's, an EVSE's its newest Connector's: "Timestamp when this Location or one of its EVSEs
or Connectors were last updated" (mod_locations_location_object). Every object goes through the
models, so a seed the spec forbids fails here, not in a suite.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from ocpi_conformance.party.state import Identity
from ocpi_conformance.spec.v2_2_1 import VERSION
from ocpi_conformance.spec.v2_2_1.enums import (
    Capability,
    ConnectorFormat,
    ConnectorType,
    Facility,
    ParkingType,
    PowerType,
    Status,
)
from ocpi_conformance.spec.v2_2_1.locations import Location

SEEDED_VERSION = VERSION  # the OCPI version whose models these Locations are written in
COUNT = 12
START = datetime(2024, 1, 1, 8, 0, tzinfo=UTC)
CITIES = ("Amsterdam", "Utrecht", "Rotterdam", "Den Haag")
STATUSES = (
    Status.AVAILABLE,
    Status.CHARGING,
    Status.BLOCKED,
    Status.OUTOFORDER,
    Status.RESERVED,
    Status.INOPERATIVE,
    Status.UNKNOWN,
    Status.PLANNED,
)
AC = {
    "standard": ConnectorType.IEC_62196_T2,
    "format": ConnectorFormat.SOCKET,
    "power_type": PowerType.AC_3_PHASE,
    "max_voltage": 400,
    "max_amperage": 32,
    "max_electric_power": 22000,
}
DC = {
    "standard": ConnectorType.IEC_62196_T2_COMBO,
    "format": ConnectorFormat.CABLE,
    "power_type": PowerType.DC,
    "max_voltage": 920,
    "max_amperage": 200,
    "max_electric_power": 150000,
}


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def location_updated(index: int) -> datetime:
    """When Location `index` was last updated: 3 days and 1 hour after the one before."""
    return START + timedelta(days=3 * index, hours=index)


def _connector(index: int, number: int, moment: datetime) -> dict[str, Any]:
    kind = DC if (index + number) % 3 == 0 else AC
    return {"id": str(number), **kind, "last_updated": stamp(moment)}


# Odd-numbered EVSEs take smart charging input (ChargingProfiles, charging preferences); the
# others do not, so both answers of a charging preferences PUT can be shown.
SMART = [Capability.CHARGING_PROFILE_CAPABLE, Capability.CHARGING_PREFERENCES_CAPABLE]


def _evse(identity: Identity, index: int, number: int, moment: datetime) -> dict[str, Any]:
    count = 1 + (index + number) % 2
    connectors = [
        _connector(index, n, moment - timedelta(minutes=15 * (count - n)))
        for n in range(1, count + 1)
    ]
    evse: dict[str, Any] = {
        "uid": f"LOC-{index + 1:04d}-{number}",
        "evse_id": f"{identity.country_code}*{identity.party_id}*E{index + 1:04d}*{number}",
        "status": STATUSES[(index + number) % len(STATUSES)],
        "capabilities": [Capability.RFID_READER, Capability.REMOTE_START_STOP_CAPABLE]
        + (SMART if number % 2 == 1 else []),
        "connectors": connectors,
        "physical_reference": f"P-{number}",
        "last_updated": stamp(moment),
    }
    if number % 2 == 0:
        evse["floor_level"] = "0"
    return evse


def _optional(identity: Identity, index: int) -> dict[str, Any]:
    """Fields some Locations have and others lack."""
    extra: dict[str, Any] = {}
    if index % 5 == 4:
        extra["publish"] = False
        extra["publish_allowed_to"] = [{"uid": f"SBX-TOKEN-{index:04d}", "type": "RFID"}]
    if index % 2 == 0:
        extra["name"] = f"Sandbox charging location {index + 1}"
        extra["postal_code"] = f"{1011 + 37 * index} AB"
        extra["operator"] = {"name": identity.name}
    if index % 3 == 0:
        extra["directions"] = [{"language": "en", "text": f"Bay {index + 1}, left of the entrance"}]
    if index % 4 != 3:
        extra["parking_type"] = list(ParkingType)[index % len(ParkingType)]
        extra["facilities"] = [list(Facility)[index % len(Facility)]]
    if index % 4 == 0:
        extra["opening_times"] = {"twentyfourseven": True}
    elif index % 4 == 1:
        extra["opening_times"] = {
            "twentyfourseven": False,
            "regular_hours": [
                {"weekday": day, "period_begin": "07:00", "period_end": "22:00"}
                for day in range(1, 6)
            ],
        }
        extra["charging_when_closed"] = False
    if index % 6 == 0:
        extra["energy_mix"] = {
            "is_green_energy": True,
            "energy_sources": [{"source": "GENERAL_GREEN", "percentage": 100}],
        }
    return extra


def seed_location(identity: Identity, index: int) -> dict[str, Any]:
    """Location `index` (0-based) of the seed, as its JSON."""
    updated = location_updated(index)
    count = 1 + index % 3
    evses = [
        _evse(identity, index, n, updated - timedelta(hours=count - n)) for n in range(1, count + 1)
    ]
    body = {
        "country_code": identity.country_code,
        "party_id": identity.party_id,
        "id": f"LOC-{index + 1:04d}",
        "publish": True,
        "address": f"Stationsstraat {index + 1}",
        "city": CITIES[index % len(CITIES)],
        "country": "NLD",
        "coordinates": {
            "latitude": f"{52.0 + 0.0137 * index:.6f}",
            "longitude": f"{4.3 + 0.0211 * index:.6f}",
        },
        "evses": evses,
        "time_zone": "Europe/Amsterdam",
        "last_updated": stamp(updated),
        **_optional(identity, index),
    }
    return Location.model_validate(body).model_dump(mode="json", exclude_unset=True)


def seed_locations(identity: Identity, count: int = COUNT) -> list[dict[str, Any]]:
    """The CPO's Locations, oldest first."""
    return [seed_location(identity, index) for index in range(count)]

"""The Locations Sender interface (mod_locations_cpo_interface): what a CPO serves from its own
Locations of the request's OCPI version: the paginated list and GET Object for a Location, EVSE
or Connector.

Reading taken: an unknown Location gets HTTP 404 (status_codes: "when the resource does NOT
exist, the server SHOULD return a HTTP 404") with status_code 2003, whose definition is "Unknown
Location" (the START_SESSION case is its example, not its scope); an unknown EVSE or Connector
of a known Location gets 2000, since no code names them and 2003 would deny the Location.
"""

from __future__ import annotations

from typing import Any

from ocpi_conformance.party.faults import fault
from ocpi_conformance.party.locations import held
from ocpi_conformance.party.locations.store import JSON, LocationStore
from ocpi_conformance.party.pagination import Deviations, paginate
from ocpi_conformance.party.service import Answer, Call, Outcome, envelope, functional_url
from ocpi_conformance.party.speaks import SPOKEN, after

LOCATIONS_LINK_WRONG = fault(
    "locations_link_wrong",
    "the Link rel=next of a Locations page repeats the current offset",
    caught_by=["LOC-CPO-001"],
)

LOCATIONS_DATE_TO_INCLUSIVE = fault(
    "locations_date_to_inclusive",
    "the Locations list includes last_updated equal to date_to",
    caught_by=["LOC-CPO-008"],
)

LOCATIONS_OFFSET_IGNORED = fault(
    "locations_offset_ignored",
    "every Locations page starts at the first Location",
    caught_by=["LOC-CPO-006"],
)

LOCATIONS_NO_TOTAL_COUNT = fault(
    "locations_no_total_count",
    "Locations pages carry no X-Total-Count header",
    caught_by=["LOC-CPO-003"],
)

LOCATIONS_INVALID_OBJECT = fault(
    "locations_invalid_object",
    "the third Location is served with a 4-decimal latitude",
    caught_by=["LOC-CPO-002"],
)

LOCATIONS_UNKNOWN_IS_200 = fault(
    "locations_unknown_is_200",
    "GET of an unknown Location/EVSE/Connector: HTTP 200, 1000, null",
    caught_by=["LOC-CPO-011"],
)

LOCATIONS_OF_ANOTHER_VERSION = fault(
    "locations_of_another_version",
    "the 2.1.1 Locations list serves, third, the 2.2.1 Location of that place (country_code and "
    "party_id, no type, Connectors with max_voltage)",
    caught_by=["LOC-CPO-002"],
    versions=("2.1.1",),
)

MODULE = "locations"
ROLE = "SENDER"
BROKEN_INDEX = 2  # which Location `locations_invalid_object` breaks: the third


def _deviations(faults: set[str]) -> Deviations:
    return Deviations(
        link_wrong=LOCATIONS_LINK_WRONG in faults,
        date_to_inclusive=LOCATIONS_DATE_TO_INCLUSIVE in faults,
        offset_ignored=LOCATIONS_OFFSET_IGNORED in faults,
        no_total_count=LOCATIONS_NO_TOTAL_COUNT in faults,
    )


def _another_version(call: Call) -> str:
    """The next newer OCPI version the party speaks (the newest other for the newest): whose
    Locations a mixed-up list serves (2.1.1's: 2.2.1's)."""
    return after(call.number) or [n for n in SPOKEN if n != call.number][-1]


def _served(call: Call, store: LocationStore) -> list[JSON]:
    """The Locations as this party serves them: all of them, one broken under its fault, or one
    of another version's under `locations_of_another_version`."""
    locations = store.all()
    if LOCATIONS_OF_ANOTHER_VERSION in call.state.faults and len(locations) > BROKEN_INDEX:
        others = held.store(call.state, _another_version(call)).all()
        if len(others) > BROKEN_INDEX:
            locations[BROKEN_INDEX] = others[BROKEN_INDEX]
    if LOCATIONS_INVALID_OBJECT in call.state.faults and locations:
        broken = locations[min(BROKEN_INDEX, len(locations) - 1)]
        coordinates = broken.get("coordinates")
        if isinstance(coordinates, dict):
            try:
                latitude = float(coordinates.get("latitude", "0"))
            except (TypeError, ValueError):
                latitude = 0.0
            coordinates["latitude"] = f"{latitude:.4f}"  # GeoLocation wants 5 to 7 decimals
    return locations


def get_list(call: Call, store: LocationStore) -> Outcome:
    url = functional_url(call.state, MODULE, ROLE, call.number)
    return paginate(call, _served(call, store), url, _deviations(call.state.faults))


def _unknown(call: Call, code: int, what: str) -> Outcome:
    if LOCATIONS_UNKNOWN_IS_200 in call.state.faults:
        return Outcome(200, {**envelope(1000), "data": None})
    raise Answer(404, code, f"unknown {what}")


def get_object(call: Call, store: LocationStore) -> Outcome:
    """GET Object: the Location, or the EVSE or Connector the path names inside it."""
    params = call.params
    location_id = params["location_id"]
    location = next(
        (loc for loc in _served(call, store) if store.same(loc.get("id"), location_id)), None
    )
    if location is None:
        return _unknown(call, 2003, f"Location {location_id}")
    found: Any = location
    if "evse_uid" in params:
        found = store.child(location.get("evses"), "uid", params["evse_uid"])
        if found is None:
            return _unknown(call, 2000, f"EVSE {params['evse_uid']} of Location {location_id}")
    if "connector_id" in params:
        found = store.child(found.get("connectors"), "id", params["connector_id"])
        if found is None:
            return _unknown(call, 2000, f"Connector {params['connector_id']}")
    return Outcome(200, envelope(1000, found))

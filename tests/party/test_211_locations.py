"""The Locations module in 2.1.1: a CPO serves its 2.1.1 Locations (seeded from the 2.1.1
fixtures, no owner fields, case-sensitive ids), an eMSP keeps the 2.1.1 Locations pushed to it
under the URL's owner; each version its own store, its own validation. Real HTTP."""

from __future__ import annotations

import copy

from ocpi_conformance.party.locations import store
from ocpi_conformance.party.service import functional_url
from ocpi_conformance.resources import fixture
from ocpi_conformance.spec.v2_2_1.types import parse_datetime
from ocpi_conformance.spec.validation import validate_object, validate_response

from .conftest import Start
from .locations_support import SEED_211, Locations, answered

V211 = "2.1.1"
TOKEN_C = "party-test-token-c-locations-211"
LOCATION = {**fixture("locations", "Location.full", V211), "id": "OCC-LOC-Pushed"}
PATH = f"/NL/CPO/{LOCATION['id']}"


def serve(start: Start, role: str, *faults: str) -> Locations:
    party = start(role, faults=faults, token_a=None)
    party.state.accept_token(TOKEN_C, label="token C")
    interface = "SENDER" if role == "CPO" else "RECEIVER"
    url = functional_url(party.state, "locations", interface, V211)
    return Locations(party, party.client(TOKEN_C, V211), url)


def test_the_211_seed_is_valid_unowned_and_spread_over_time() -> None:
    assert len(SEED_211) == 12 and len({loc["id"] for loc in SEED_211}) == 12
    stamps = [parse_datetime(loc["last_updated"]) for loc in SEED_211]
    assert stamps == sorted(stamps) and len(set(stamps)) == 12
    for location in SEED_211:
        assert not validate_object("Location", location, V211), location["id"]
        assert "country_code" not in location and "party_id" not in location
        for evse in location.get("evses") or []:
            assert evse["last_updated"] == location["last_updated"]
    # AVAILABLE EVSEs with Connectors, where a harness commands
    assert any(e["status"] == "AVAILABLE" for loc in SEED_211 for e in loc.get("evses") or [])


def test_the_211_list_pages_and_every_object_is_a_211_one(start: Start) -> None:
    sender = serve(start, "CPO")
    walk = sender.client.walk(sender.url, module="locations", params={"limit": 5})
    assert walk.stopped is None and walk.items == SEED_211
    for page in walk.pages:
        answered(page, 200, 1000)
        assert not validate_response("locations", "SENDER", "get_list", page.json, V211)
    assert all(link.startswith(sender.url) for p in walk.pages if (link := p.next_link()))
    # the 2.2.1 list of the same party is another one
    other = sender.party.client(TOKEN_C).get(functional_url(sender.state, "locations", "SENDER"))
    assert other.data[0]["country_code"] == "NL" and other.data[0] != SEED_211[0]


def test_get_object_and_case_sensitive_ids(start: Start) -> None:
    sender = serve(start, "CPO")
    location = SEED_211[0]
    evse = location["evses"][0]
    connector = evse["connectors"][0]
    got = sender.get(f"/{location['id']}/{evse['uid']}/{connector['id']}")
    answered(got, 200, 1000)
    assert got.data == connector
    assert not validate_response("locations", "SENDER", "get_connector", got.json, V211)
    # 2.1.1 ids are `string`, case sensitive: another case names no Location
    answered(sender.get(f"/{location['id'].lower()}"), 404, 2003)
    # 2.2.1's are CiStrings: the same party finds its 2.2.1 Location in any case
    v221 = functional_url(sender.state, "locations", "SENDER")
    found = sender.party.client(TOKEN_C).get(f"{v221}/{location['id'].lower()}")
    answered(found, 200, 1000)


def test_a_pushed_211_location_is_kept_under_the_urls_owner(start: Start) -> None:
    receiver = serve(start, "EMSP")
    created = receiver.put(PATH, LOCATION)
    answered(created, 201, 1000)
    assert not validate_response("locations", "RECEIVER", "put_location", created.json, V211)
    got = receiver.get(PATH)
    answered(got, 200, 1000)
    assert got.data == LOCATION
    assert store(receiver.state, V211).get("NL", "CPO", LOCATION["id"]) == LOCATION
    assert len(store(receiver.state)) == 0  # the 2.2.1 Locations are another store
    answered(receiver.get(f"/NL/XYZ/{LOCATION['id']}"), 404, 2003)  # another owner's: none
    answered(receiver.get(f"/NL/CPO/{LOCATION['id'].upper()}"), 404, 2003)  # case sensitive
    answered(receiver.put(PATH, LOCATION), 200, 1000)  # replaced


def test_a_221_location_is_refused_in_211(start: Start) -> None:
    receiver = serve(start, "EMSP")
    v221 = {**fixture("locations", "Location.full"), "id": LOCATION["id"]}
    refused = receiver.put(PATH, v221)
    answered(refused, 200, 2001)
    assert "type" in refused.json["status_message"]
    answered(receiver.get(PATH), 404, 2003)


def test_an_id_differing_from_the_url_is_refused(start: Start) -> None:
    receiver = serve(start, "EMSP")
    answered(receiver.put("/NL/CPO/OTHER-ID", LOCATION), 200, 2001)


def test_a_211_patch_needs_no_last_updated(start: Start) -> None:
    receiver = serve(start, "EMSP")
    answered(receiver.put(PATH, LOCATION), 201, 1000)
    answered(receiver.patch(PATH, {"name": "Renamed"}), 200, 1000)
    assert receiver.get(PATH).data["name"] == "Renamed"
    evse = LOCATION["evses"][0]
    answered(receiver.patch(f"{PATH}/{evse['uid']}", {"status": "CHARGING"}), 200, 1000)
    assert receiver.get(f"{PATH}/{evse['uid']}").data["status"] == "CHARGING"
    # a value 2.1.1 does not have is refused
    answered(receiver.patch(f"{PATH}/{evse['uid']}", {"status": "OUTOFORDER-X"}), 200, 2001)


def test_put_evse_into_a_211_location(start: Start) -> None:
    receiver = serve(start, "EMSP")
    answered(receiver.put(PATH, LOCATION), 201, 1000)
    evse = copy.deepcopy(LOCATION["evses"][1])
    evse |= {"uid": "OCC-EVSE-NEW", "last_updated": "2025-06-01T12:00:00Z"}
    for connector in evse["connectors"]:
        connector["last_updated"] = "2025-06-01T12:00:00Z"
    answered(receiver.put(f"{PATH}/OCC-EVSE-NEW", evse), 201, 1000)
    location = receiver.get(PATH).data
    assert location["evses"][-1] == evse and location["last_updated"] == evse["last_updated"]


def test_fault_locations_of_another_version(start: Start) -> None:
    sender = serve(start, "CPO", "locations_of_another_version")
    listed = sender.get("", limit=5).data
    third = listed[2]
    assert third["country_code"] == "NL" and "type" not in third  # 2.2.1's Location
    assert validate_object("Location", third, V211)  # no 2.1.1 Location
    assert not validate_object("Location", third)
    assert [loc["id"] for loc in listed] == [loc["id"] for loc in SEED_211[:5]]
    assert all(not validate_object("Location", loc, V211) for i, loc in enumerate(listed) if i != 2)

"""The Locations Receiver interface of an eMSP party: what a CPO pushes is what it keeps."""

from __future__ import annotations

import copy
from typing import Any
from urllib.parse import quote

from ocpi_conformance.party.locations import store
from ocpi_conformance.spec.validation import validate_response

from .conftest import Start
from .locations_support import LOCATION, NEW, PATH, SEED, answered, pushed, serve_locations


def evse(uid: str, stamp: str) -> dict[str, Any]:
    body = copy.deepcopy(SEED[1]["evses"][1])
    body["uid"] = uid
    body["last_updated"] = stamp
    for connector in body["connectors"]:
        connector["last_updated"] = stamp
    return body


def test_put_creates_then_replaces_and_get_returns_it(start: Start) -> None:
    receiver = serve_locations(start, "EMSP")
    created = receiver.put(PATH, LOCATION)
    answered(created, 201, 1000)
    assert "data" not in created.json
    assert not validate_response("locations", "RECEIVER", "put_location", created.json)
    got = receiver.get(PATH)
    answered(got, 200, 1000)
    assert got.data == LOCATION
    assert not validate_response("locations", "RECEIVER", "get_location", got.json)
    replacement = {k: v for k, v in LOCATION.items() if k != "directions"}
    replacement |= {"name": "Replaced", "last_updated": NEW}
    answered(receiver.put(PATH, replacement), 200, 1000)
    assert receiver.get(PATH).data == replacement  # left-out optional fields are gone


def test_put_evse_and_connector_set_the_parents_last_updated(start: Start) -> None:
    receiver = pushed(start)
    new_evse = evse("NEW-EVSE", NEW)
    answered(receiver.put(f"{PATH}/NEW-EVSE", new_evse), 201, 1000)
    location = receiver.get(PATH).data
    assert location["evses"][-1] == new_evse and location["last_updated"] == NEW
    later = "2025-06-02T00:00:00Z"
    connector = {**new_evse["connectors"][0], "id": "9", "last_updated": later}
    answered(receiver.put(f"{PATH}/NEW-EVSE/9", connector), 201, 1000)
    assert receiver.get(f"{PATH}/NEW-EVSE/9").data == connector
    assert receiver.get(f"{PATH}/NEW-EVSE").data["last_updated"] == later
    assert receiver.get(PATH).data["last_updated"] == later
    answered(receiver.put(f"{PATH}/NEW-EVSE/9", connector), 200, 1000)
    assert (
        len(receiver.get(f"{PATH}/NEW-EVSE").data["connectors"]) == len(new_evse["connectors"]) + 1
    )


def test_patch_merges_and_sets_the_parents_last_updated(start: Start) -> None:
    receiver = pushed(start)
    uid = LOCATION["evses"][0]["uid"]
    reply = receiver.patch(f"{PATH}/{uid}", {"status": "CHARGING", "last_updated": NEW})
    answered(reply, 200, 1000)
    assert not validate_response("locations", "RECEIVER", "patch_evse", reply.json)
    expected = {**LOCATION["evses"][0], "status": "CHARGING", "last_updated": NEW}
    assert receiver.get(f"{PATH}/{uid}").data == expected
    assert receiver.get(PATH).data["last_updated"] == NEW
    later = "2025-06-03T00:00:00Z"
    answered(
        receiver.patch(f"{PATH}/{uid}/1", {"max_amperage": 16, "last_updated": later}), 200, 1000
    )
    location = receiver.get(PATH).data
    assert location["evses"][0]["connectors"][0]["max_amperage"] == 16
    assert location["evses"][0]["last_updated"] == later == location["last_updated"]
    answered(receiver.patch(PATH, {"name": "Patched", "last_updated": later}), 200, 1000)
    assert receiver.get(PATH).data == {**location, "name": "Patched"}


def test_patch_to_removed_keeps_the_evse(start: Start) -> None:
    receiver = pushed(start)
    uid = LOCATION["evses"][0]["uid"]
    answered(receiver.patch(f"{PATH}/{uid}", {"status": "REMOVED", "last_updated": NEW}), 200, 1000)
    assert [e["status"] for e in receiver.get(PATH).data["evses"]] == ["REMOVED"]


def test_patch_without_last_updated_is_2001_and_changes_nothing(start: Start) -> None:
    receiver = pushed(start)
    uid = LOCATION["evses"][0]["uid"]
    answered(receiver.patch(f"{PATH}/{uid}", {"status": "CHARGING"}), 200, 2001)
    answered(receiver.patch(PATH, {"name": "x", "last_updated": None}), 200, 2001)
    assert receiver.get(PATH).data == LOCATION


def test_invalid_bodies_are_2001_and_not_stored(start: Start) -> None:
    receiver = pushed(start)
    broken = copy.deepcopy(LOCATION)
    broken["coordinates"]["latitude"] = "52.3789"  # GeoLocation wants 5 to 7 decimals
    answered(receiver.put(PATH, broken), 200, 2001)
    assert receiver.get(PATH).data == LOCATION
    other = {**broken, "id": "OTHER"}
    answered(receiver.put("/NL/CPO/OTHER", other), 200, 2001)
    answered(receiver.get("/NL/CPO/OTHER"), 404, 2003)
    uid = LOCATION["evses"][0]["uid"]
    answered(receiver.patch(f"{PATH}/{uid}", {"status": "BROKEN", "last_updated": NEW}), 200, 2001)
    answered(receiver.patch(PATH, {"address": None, "last_updated": NEW}), 200, 2001)
    answered(receiver.put(PATH, ["not", "an", "object"]), 200, 2001)
    not_json = receiver.client.request("PUT", receiver.url + PATH, raw_body='{"id": ')
    answered(not_json, 400, 2001)
    assert receiver.get(PATH).data == LOCATION


def test_url_and_body_must_name_the_same_object(start: Start) -> None:
    receiver = pushed(start)
    answered(receiver.put("/NL/CPO/OTHER", LOCATION), 200, 2001)
    answered(receiver.put(f"/DE/CPO/{LOCATION['id']}", LOCATION), 200, 2001)
    answered(receiver.put(f"/NL/XYZ/{LOCATION['id']}", LOCATION), 200, 2001)
    answered(receiver.put(f"{PATH}/OTHER-EVSE", evse("NEW-EVSE", NEW)), 200, 2001)
    uid = LOCATION["evses"][0]["uid"]
    answered(receiver.patch(f"{PATH}/{uid}", {"uid": "OTHER", "last_updated": NEW}), 200, 2001)
    answered(receiver.get("/NL/CPO/OTHER"), 404, 2003)
    assert receiver.get(PATH).data == LOCATION


def test_identifiers_are_case_insensitive(start: Start) -> None:
    receiver = serve_locations(start, "EMSP")
    answered(receiver.put(PATH.lower(), LOCATION), 201, 1000)
    assert receiver.get(PATH).data == LOCATION
    uid = LOCATION["evses"][0]["uid"].lower()
    answered(
        receiver.patch(f"{PATH.lower()}/{uid}", {"status": "BLOCKED", "last_updated": NEW}),
        200,
        1000,
    )
    assert receiver.get(PATH).data["evses"][0]["status"] == "BLOCKED"
    answered(receiver.put(PATH, LOCATION), 200, 1000)
    assert len(store(receiver.state)) == 1


def test_unknown_objects_and_parents_get_404(start: Start) -> None:
    receiver = pushed(start)
    uid = LOCATION["evses"][0]["uid"]
    answered(receiver.get("/NL/CPO/NO-SUCH-LOCATION"), 404, 2003)
    answered(receiver.get(f"{PATH}/NO-SUCH-EVSE"), 404, 2000)
    answered(receiver.get(f"{PATH}/{uid}/99"), 404, 2000)
    answered(receiver.patch("/NL/CPO/NO-SUCH-LOCATION", {"last_updated": NEW}), 404, 2003)
    answered(receiver.patch(f"{PATH}/{uid}/99", {"last_updated": NEW}), 404, 2000)
    answered(receiver.put("/NL/CPO/NO-SUCH-LOCATION/E1", evse("E1", NEW)), 404, 2003)
    connector = LOCATION["evses"][0]["connectors"][0]
    answered(receiver.put(f"{PATH}/NO-SUCH-EVSE/1", connector), 404, 2000)
    answered(receiver.client.request("DELETE", receiver.url + PATH), 405, 2000)
    answered(receiver.get(), 404, 2000)
    assert receiver.get(PATH).data == LOCATION


def test_identifiers_with_reserved_characters_are_one_segment(start: Start) -> None:
    receiver = pushed(start)
    uid = 'E/1?x=#"% 2'  # a CiString may hold any printable ASCII
    body = evse(uid, NEW)
    url = f"{receiver.url}{PATH}/{quote(uid, safe='')}"
    answered(receiver.client.request("PUT", url, json_body=body), 201, 1000)
    assert receiver.client.get(url).data == body
    assert receiver.get(PATH).data["evses"][-1]["uid"] == uid
